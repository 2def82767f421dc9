package pod

import (
	"math"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/field"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

// Machine is the kubelet's lifecycle of one pod as a deterministic state
// machine, in the manner of etcd-io/raft: the embedder tells it what
// happened and when (Step with an Event), and it answers with what the
// kubelet does next (Actions), what it records (`kubectl describe` events)
// and when it next needs to be woken if nothing else happens. It performs
// no I/O, reads no clock and starts no goroutine.
//
// Each Step runs one kubelet sync: ComputePodActions on the machine's
// runtime view decides what to kill and start, each start goes through
// the crash-loop back-off and the image pull, and the status is derived
// afresh by the same functions the conformance vectors test
// (ContainerStatuses, then Phase and the conditions through
// UpdateKubeletStatus); nothing is stored twice.
//
// What the embedder does with each action:
//
//  1. CreateSandbox: report SandboxReady (with the pod IP) or SandboxFailed.
//  2. PullImage: report ImagePulled or ImagePullFailed.
//  3. CreateContainer, then StartContainer: report ContainerCreated, then
//     ContainerStarted; later ContainerExited when the process ends (with
//     what it left in its termination message file and its log, if the
//     status should carry a message).
//  4. RunHook: report HookFinished (with a message when it failed).
//  5. RunProbe: report a ProbeResult at the action's time.
//  6. KillContainer: send the stop signal, SIGKILL after the grace; report
//     ContainerExited.
//  7. KillSandbox and RemovePod need no answer.
//  8. Otherwise, Step(TimePassed) at Output.Wake.
//
// The control plane's part is the caller's: it schedules the pod
// (Scheduled), deletes it (DeletionRequested), and, when a node is lost,
// deletes its pods after their toleration (300 s by default); NodeLost and
// NodeBack only set and clear the Ready=False the node lifecycle
// controller writes.
//
// Deliberate simplifications: one sync per event (the kubelet also syncs
// on its own timers; Wake says when a sync would change something), a
// failed sandbox is retried at the next step, an image counts as present
// once pulled for the whole pod (images other pods pulled on the node are
// known to it only through ImagePresent), while a container starts (pull,
// create, start, postStart) the sync's other starts wait but events are
// still taken (the kubelet's pod worker would take them after the sync),
// hooks other than exec, httpGet and sleep are the embedder's to fail, and
// the removals of an in-place RestartAllContainers are followed by one
// more sync a nanosecond later.
type Machine struct {
	p      Pod
	gates  feature.Gates
	limits restart.CrashLoopLimits

	now time.Time

	sandboxes []Sandbox

	ctrs []life
	// The reason cache as the status reads it is as it was when
	// the last status was made. The kubelet makes a pod's status at the
	// start of each sync (kubelet.go SyncPod, generateAPIPodStatus) and
	// updates the reason cache at its end (reasonCache.Update), so a
	// start that failed shows in the status from the next sync on: a
	// crash is Error first, CrashLoopBackOff once the kubelet syncs the
	// pod again. A new instance ends the wait at once.
	//
	// shown is cache[:shownN]; cache[shownN:] is the cache as the last
	// sync left it, taken at the start of the step after it (snapped),
	// shown from the next status on.
	cache []container.FailedStart
	// byName finds a large pod's containers in ctrs (nil for at most
	// byNameAbove, found by a scan): a status or an action per container
	// looked up by a scan made a step quadratic in the pod's size.
	byName map[string]int32
	// probes are the probe workers of every container, in one slice:
	// most containers have one probe or none, and a worker is 80 bytes.
	probes []probeSlot

	// hostIP is the node's IP (MachineOptions.HostIP, or the Scheduled
	// event's), written into the status once the pod is bound.
	hostIP string

	// Termination.
	grace    int64 // the pod's effective grace, seconds; only ever shorter
	evictMsg string

	desc string // podDescription

	// viewGen counts the changes of the view's content (fills of a stale
	// view; filling a Scratch's view again for this machine changes
	// nothing); actsOf is the generation the sync's actions were computed
	// from. ComputePodActions reads only the spec, the deletion mark and
	// the view, and every event that changes the first two marks the view
	// stale: while the view says what it said when the actions came from
	// it, they hold.
	// 32 bits: a generation is compared only with the one the step
	// before left, never across 2^32 changes.
	viewGen, actsOf uint32

	// recorded counts the events of the step, recorded or not.
	recorded int32
	// shownN is how much of cache the status shows.
	shownN  int32
	scratch *Scratch // MachineOptions.Scratch

	// Buffers reused by every step. With a Scratch, the view and the
	// output buffers are the Scratch's, and these stay empty (the view is
	// a pointer so that such a machine pays 8 bytes for it, not 128).
	view    *RuntimeView
	acts    Actions
	buf     StatusBuffer
	out     []Action
	records []EventRecord
	wake    int64 // Output.Wake in Unix ns; noWake for none

	// The flags last, together: padding between them was 48 bytes, enough
	// to take the machine into the next size class.
	begun, removed, nodeLost bool
	sandboxCreating          bool
	// Termination.
	deleting, evicted, deadline bool
	finished                    bool // the sync found nothing left to run
	// viewStale says a record changed since the view was last filled (or
	// it never was); statusStale, since the status was last derived;
	// reported, that a status was derived at all. Derivations are most of
	// a step's cost and most steps (probes answered as before, time
	// passing) change nothing either reads: those steps derive nothing
	// again.
	viewStale, statusStale, reported bool
	// snapped: cache[shownN:] holds a snap the next status shows (see
	// cache); cacheMoved: a record moved since the last snap.
	snapped, cacheMoved bool
	// inSync: the last step left the kubelet inside a sync of the pod,
	// whose runtime work is outstanding; its status is the one made when
	// that sync began (see InSync). syncEnded: the step's event ended a
	// sync, whatever comes next (a postStart hook's failure, once its
	// kill is done).
	inSync, syncEnded bool
	// bits holds the rest, a bit each (as bools they took the machine
	// past its size class): see machineBits.
	bits machineBits
}

// machineBits are flags of a Machine kept in one byte.
type machineBits uint8

const (
	bitNoEvents   machineBits = 1 << iota // MachineOptions.NoEvents
	bitRRO                                // MachineOptions.RecursiveReadOnlyMounts
	bitSandboxOff                         // the sandbox's stop was asked for
	// bitPodRestarting is the view's PodRestarting as its last change of
	// content computed it (it also reads the previous status, which a
	// refill of a Scratch's view must not read anew).
	bitPodRestarting
)

func (b machineBits) has(x machineBits) bool { return b&x != 0 }

func (b *machineBits) set(x machineBits, on bool) {
	if on {
		*b |= x
	} else {
		*b &^= x
	}
}

// life is what the machine keeps for one container.
type life struct {
	spec *container.Container

	rec   container.Record
	crash restart.CrashLoopBackoff
	pulls restart.ImagePullBackoff
	// failMsg is the message of the container's last failed start, as
	// the reason cache keeps it: a pull's error, the image policy's
	// refusal, a postStart hook's failure.
	failMsg string
	// pullFrom is when the pull in progress began, for the Pulled
	// event's "in 2.5s".
	pullFrom int64 // Unix nanoseconds

	// pullFailedAt is when the last pull failed: the sync that saw the
	// failure ends with ErrImagePull; the back-off shows from the next one.
	// Unix nanoseconds, valid with pullFailed.
	pullFailedAt int64

	// ids are the container IDs of the newest and previous instance, for
	// attempts idsFor (built once per instance, not per sync).
	ids    [2]string
	idsFor [2]int32

	killBy     int64 // SIGKILL deadline of a kill in progress, Unix ns
	killReason string

	// msgs are the termination messages of the newest instances; nil
	// until one leaves a message (few do).
	msgs *exitMessages

	// The small fields last, together: a machine keeps one life per
	// container, and padding between them would be paid for each.
	kind     container.Kind
	op       op
	hasImage bool
	// pulled says the image was pulled for the instance about to be
	// created: the kubelet's EnsureImageExists pulled it in the same call,
	// so no "already present" event precedes the creation.
	pulled    bool
	inSandbox bool // has a record in the current sandbox
	// slot is one more than the index in Machine.probes of the worker of
	// each probe (startup, liveness, readiness); 0, the zero value, for
	// none.
	slot       [3]uint16
	idsSet     bool
	started    bool // what the reported status.started points to
	pullFailed bool
}

// setIDs makes l.ids the container IDs of attempts cur and prev, building
// only the ones it does not hold already: the newest instance's ID becomes
// the previous one's when the next is created, and with one instance both
// are the same.
func (l *life) setIDs(podUID string, cur, prev int32) {
	old, oldFor, had := l.ids, l.idsFor, l.idsSet
	id := func(a int32) string {
		for k := range oldFor {
			if had && oldFor[k] == a {
				return old[k]
			}
		}
		return container.ContainerID(podUID, l.spec.Name, a)
	}
	l.ids[0] = id(cur)
	l.ids[1] = l.ids[0]
	if prev != cur {
		l.ids[1] = id(prev)
	}
	l.idsFor, l.idsSet = [2]int32{cur, prev}, true
}

// exitMessages are the termination messages the kubelet read for a
// container's instances, by attempt: the two newest that left one.
type exitMessages struct {
	attempt [2]int32
	msg     [2]string
}

// setMessage says what the instance of attempt a left (empty: nothing).
func (l *life) setMessage(a int32, msg string) {
	if l.msgs == nil {
		if msg == "" {
			return
		}
		l.msgs = &exitMessages{}
	}
	e := l.msgs
	switch {
	case e.msg[0] != "" && e.attempt[0] == a:
		e.msg[0] = msg
	case e.msg[1] != "" && e.attempt[1] == a:
		e.msg[1] = msg
	case msg != "":
		e.attempt[1], e.msg[1] = e.attempt[0], e.msg[0]
		e.attempt[0], e.msg[0] = a, msg
	}
}

// of is the message the instance of attempt a left.
func (e *exitMessages) of(a int32) string {
	for i := range e.msg {
		if e.msg[i] != "" && e.attempt[i] == a {
			return e.msg[i]
		}
	}
	return ""
}

// probeSlot is one probe of one container.
type probeSlot struct {
	w     probe.Worker
	asked int64 // the probe time last asked for, Unix ns (askedSet)
	// due is when the probe next runs, as its worker last said, while
	// that is still ahead: a worker's next tick changes only with its
	// inputs (every one of which clears due), so a step on the way there
	// need not ask again. Unix nanoseconds; 0: not known.
	due      int64
	askedSet bool
}

// has reports whether l has probe k (0 startup, 1 liveness, 2
// readiness).
func (l *life) has(k int) bool { return l.slot[k] != 0 }

// probe is l's probe k (0 startup, 1 liveness, 2 readiness), nil when it
// has none.
func (m *Machine) probe(l *life, k int) *probeSlot {
	if l.slot[k] == 0 {
		return nil
	}
	return &m.probes[l.slot[k]-1]
}

// results are l's probe results now (the zero Result for a probe it does
// not have).
func (m *Machine) results(l *life) [3]probe.Result {
	var r [3]probe.Result
	for k := range r {
		if ps := m.probe(l, k); ps != nil {
			r[k] = ps.w.Result()
		}
	}
	return r
}

// clearDue forgets l's probes' next ticks: their workers' inputs changed.
func (m *Machine) clearDue(l *life) {
	for k := range l.slot {
		if ps := m.probe(l, k); ps != nil {
			ps.due = 0
		}
	}
}

// starting reports whether the container is on its way to running: its
// image pulling, being created or started, or its postStart hook running.
func (l *life) starting() bool {
	return l.op == opPull || l.op == opCreate || l.op == opStart || l.op == opPostStart
}

// anyStarting reports whether a container of the pod is starting: the
// sync that started it is still going.
func (m *Machine) anyStarting() bool {
	for i := range m.ctrs {
		if m.ctrs[i].starting() {
			return true
		}
	}
	return false
}

// op is what the machine waits for the embedder to report about a
// container.
type op uint8

const (
	opNone op = iota
	opPull
	opCreate
	opStart
	opPostStart
	opPreStop
	opKill
)

var probeKinds = [3]probe.Kind{probe.Startup, probe.Liveness, probe.Readiness}

// Output is what one Step produced. Its slices are views into the machine's
// buffers, valid until the next Step (with a Scratch, the next Step of any
// machine sharing it).
type Output struct {
	// Actions are what the kubelet does next, in order.
	Actions []Action
	// Records are the events the kubelet recorded in this step.
	Records []EventRecord
	// Wake is when the machine must be stepped (TimePassed) if nothing
	// happens before, in the location of the step's time; zero when it
	// waits for events only.
	Wake time.Time
}

// MachineOptions configure a machine: the feature gates and the kubelet's
// crash-loop back-off windows (zero values: the v1.37 defaults).
type MachineOptions struct {
	Gates  feature.Gates
	Limits restart.CrashLoopLimits
	// NoEvents: record no events (Output.Records stays empty) and never
	// build their messages, for an embedder that shows none (a simulator
	// without timelines). Actions, wake-ups and status are the same.
	NoEvents bool
	// Scratch, when set, is memory this machine shares with the others
	// given the same one (see Scratch).
	Scratch *Scratch
	// HostIP is the IP of the pod's node, as its kubelet knows it (the
	// node's InternalIP, or --node-ip). From the first status after the
	// pod is bound, the kubelet writes it as status.hostIP, and a
	// hostNetwork pod takes it as its pod IP, since such a pod shares
	// the node's network namespace (kubelet_pods.go
	// generateAPIPodStatus). A Scheduled event that names an IP
	// replaces it. Empty: the status has no hostIP until such an event,
	// as with a kubelet that cannot read its node's addresses. It must
	// be an IP address (10.0.0.2, fd00::2) the apiserver's status
	// validation takes.
	HostIP string
	// RecursiveReadOnlyMounts says that the node's runtime supports
	// recursive read-only mounts for the pod (see
	// RuntimeStatus.RecursiveReadOnlyMounts): then the read-only mounts
	// that ask for it report recursiveReadOnly Enabled in the container
	// statuses. containerd 2 on Linux 5.12 or later does; false, the
	// zero value, is a runtime that does not say.
	RecursiveReadOnlyMounts bool
}

// Scratch is memory that machines stepped one at a time may share: the
// half of the status buffers a step converts the container statuses into
// (a machine keeps only the half its status is in), the runtime view a
// step reads (filled again when the machine stepped last was another) and
// the buffers of the Output. A simulator holding many machines gives them
// one and keeps ~5 KB less a pod. Then an Output, and what Runtime
// returns, are valid only until the next Step of any of those machines,
// and they must never be stepped concurrently. The zero Scratch is ready
// to use.
type Scratch struct {
	spare   StatusBuffer
	view    RuntimeView
	viewOf  *Machine // whose state view shows
	out     []Action
	records []EventRecord
}

// NewMachine returns the machine of pod p as the apiserver stored it (its
// spec is validated and defaulted first; an invalid pod is refused with
// the validation errors). A spec that is already defaulted is shared with
// p, never changed (so pods made from one defaulted template share it);
// any other is copied. p's status is ignored: the machine starts with an
// unscheduled pod, Pending.
func NewMachine(p *Pod, o MachineOptions) (*Machine, error) {
	if p == nil {
		p = &Pod{}
	}
	if errs := ValidateCreate(p, o.Gates); len(errs) > 0 {
		return nil, errs
	}
	if problem := ipProblem(o.HostIP); problem != "" {
		options := field.NewPath("MachineOptions")
		path := options.Child("HostIP")
		return nil, field.ErrorList{field.New(&path, field.ErrorTypeInvalid, o.HostIP, problem)}
	}
	m := &Machine{gates: o.Gates, limits: o.Limits, scratch: o.Scratch, viewStale: true, hostIP: o.HostIP}
	m.bits.set(bitNoEvents, o.NoEvents)
	m.bits.set(bitRRO, o.RecursiveReadOnlyMounts)
	// A spec that is already defaulted (as the apiserver stores it, or as
	// Defaulted returns it) is shared, never changed: a simulator that makes
	// many pods from one template keeps one copy of it. Any other spec is
	// defaulted into a copy of the machine's own.
	if specDefaulted(&p.Spec) {
		m.p = *p
	} else {
		m.p = p.Defaulted()
	}
	m.p.Status = Status{Phase: phase.Pending}
	m.grace = *m.p.Spec.TerminationGracePeriodSeconds
	spec := &m.p.Spec
	m.ctrs = make([]life, 0, len(spec.InitContainers)+len(spec.Containers))
	for i := range spec.InitContainers {
		c := &spec.InitContainers[i]
		m.ctrs = append(m.ctrs, life{spec: c, kind: c.KindIn(container.Init)})
	}
	for i := range spec.Containers {
		m.ctrs = append(m.ctrs, life{spec: &spec.Containers[i], kind: container.Regular})
	}
	for i := range spec.EphemeralContainers {
		m.ctrs = append(m.ctrs, life{spec: &spec.EphemeralContainers[i], kind: container.Ephemeral})
	}
	m.indexNames()
	n := 0
	for i := range m.ctrs {
		l := &m.ctrs[i]
		if l.kind == container.Init || l.kind == container.Ephemeral {
			continue
		}
		for k, pr := range [3]*probe.Probe{l.spec.StartupProbe, l.spec.LivenessProbe, l.spec.ReadinessProbe} {
			if pr != nil {
				if n == math.MaxUint16 {
					path := field.NewPath("spec")
					return nil, field.ErrorList{field.New(&path, field.ErrorTypeTooMany, n+1,
						"a machine holds at most 65535 probes (no pod the apiserver stores comes near: it takes objects of at most 1.5 MiB)")}
				}
				n++
				l.slot[k] = uint16(n)
			}
		}
	}
	if n > 0 {
		m.probes = make([]probeSlot, n)
	}
	m.updateStatus()
	return m, nil
}

// Pod returns the pod as the kubelet would report it now: the spec as
// admitted and the status it last made (at the start of its last sync:
// see InSync). It shares memory with the machine and is valid until the
// next Step.
func (m *Machine) Pod() *Pod { return &m.p }

// Status returns the pod's status now (see Pod).
func (m *Machine) Status() *Status { return &m.p.Status }

// NodeFacts returns what the kubelet holds about the pod that its status
// cannot show.
func (m *Machine) NodeFacts() NodeFacts {
	return NodeFacts{PodIsTerminal: m.terminating(), PodHasInitialized: m.initialized(), Sandboxes: m.sandboxes}
}

// Runtime returns the kubelet's runtime view of the pod as of the last
// step (the container records, the reason cache, the sandboxes, the probe
// caches): what the machine's statuses and actions were computed from. It
// is shared with the machine and valid until the next Step (with a
// Scratch, of any machine sharing it).
func (m *Machine) Runtime() *RuntimeView { return m.runtime() }

// Removed reports whether the pod is gone from the node (RemovePod was
// asked for); every later event is refused.
func (m *Machine) Removed() bool { return m.removed }

// Now is the time of the last step.
func (m *Machine) Now() time.Time { return m.now }

func (m *Machine) podRef() string { return podRef(&m.p.Metadata) }

func (m *Machine) state() string {
	switch {
	case m.removed:
		return "Removed"
	case m.p.Spec.NodeName == "":
		return "Unscheduled"
	case m.deleting && !m.p.Status.Phase.IsTerminal():
		return "Terminating"
	}
	return string(m.p.Status.Phase)
}

func (m *Machine) find(name string) *life {
	if m.byName != nil {
		if i, ok := m.byName[name]; ok {
			return &m.ctrs[i]
		}
		return nil
	}
	for i := range m.ctrs {
		if m.ctrs[i].spec.Name == name {
			return &m.ctrs[i]
		}
	}
	return nil
}

// indexNames makes byName for a pod of more than byNameAbove containers, or
// adds the newest to it.
func (m *Machine) indexNames() {
	if len(m.ctrs) <= byNameAbove {
		return
	}
	if m.byName == nil {
		m.byName = make(map[string]int32, len(m.ctrs))
	}
	for i := len(m.byName); i < len(m.ctrs); i++ {
		m.byName[m.ctrs[i].spec.Name] = int32(i)
	}
}

// Step tells the machine that ev happened at ev.At and runs the kubelet's
// sync. An event that is illegal now (a time before the last step, an
// unknown container, an exit of a container that is not running, a second
// Scheduled, anything after the pod was removed, a time outside 1677-09-21
// to 2161-12-31: the machine counts in Unix nanoseconds) returns a
// *StepError and changes nothing.
func (m *Machine) Step(ev Event) (Output, error) {
	if err := m.check(&ev); err != nil {
		return Output{}, err
	}
	sc := m.scratch
	if sc != nil {
		m.out, m.records = sc.out, sc.records
	}
	m.out, m.records, m.recorded = m.out[:0], m.records[:0], 0
	// The reason cache as the last sync left it: what a status made in
	// this step shows. Only a record's move changes it.
	if m.cacheMoved {
		m.cacheMoved = false
		m.snapReasonCache()
	}
	m.now = ev.At
	before := m.facts()
	wasBusy := m.busy()
	m.syncEnded = false
	m.apply(&ev)
	busyAfterEvent := m.busy()
	m.sync()
	// The kubelet makes a status when a sync begins, and does a sync's
	// runtime work within it (kuberuntime_manager.go SyncPod): while work
	// an earlier step asked for is outstanding, or the answer to the last
	// of it is followed by the next (the pull after the sandbox, the start
	// after the create, the postStart hook after the start, the restart
	// after a liveness kill), it is inside that sync and makes none.
	m.inSync = busyAfterEvent || wasBusy && !m.syncEnded && m.continues(&ev)
	switch {
	case m.inSync:
		m.statusStale = true // made when the sync is done
		if ev.Kind == ProbeResult {
			m.setReadiness(ev.Container)
		}
	case m.statusStale || m.facts() != before || m.recorded > 0 || !m.reported:
		// When the step changed no record, no probe result and no fact
		// the status reads, and recorded nothing, the status derived
		// last time still holds: time alone, or a probe answering as it
		// did, changes nothing the kubelet reports.
		m.showSnap()
		m.updateStatus()
		m.reported = true
	}
	out := Output{Actions: m.out, Records: m.records}
	if m.wake != noWake {
		out.Wake = m.at(m.wake)
	}
	if sc != nil {
		sc.out, sc.records = m.out, m.records
		m.out, m.records = nil, nil
	}
	return out, nil
}

// normalizeState cuts the times of s to whole seconds, as the API stores
// them, and a terminated state's message to its share, as the status
// manager does before every write (pkg/kubelet/status/status_manager.go
// normalizeStatus).
func normalizeState(s *container.State, messageBytes int) {
	if r := s.Running; r != nil {
		r.StartedAt = truncSecond(r.StartedAt)
	}
	if t := s.Terminated; t != nil {
		t.StartedAt, t.FinishedAt = truncSecond(t.StartedAt), truncSecond(t.FinishedAt)
		if len(t.Message) > messageBytes {
			t.Message = t.Message[:messageBytes]
		}
	}
}

// messageShare is what each container status's terminated message may
// say: container.MaxPodTerminationMessageBytes shared equally by the
// spec's containers (normalizeStatus).
func messageShare(spec *Spec) int {
	n := len(spec.InitContainers) + len(spec.Containers) + len(spec.EphemeralContainers)
	return container.MaxPodTerminationMessageBytes / max(n, 1)
}

// truncSecond is t.Truncate(time.Second) without its division for a time
// that is whole already, as most are (Round(0) strips the monotonic
// reading as Truncate does).
func truncSecond(t time.Time) time.Time {
	if t.Nanosecond() == 0 {
		return t.Round(0)
	}
	return t.Truncate(time.Second)
}

// statusFacts are the machine's flags the status derivation reads besides
// the records.
type statusFacts struct {
	deadline, finished, evicted, deleting, nodeLost, removed bool
	sandboxReady, sandboxCreating                            bool
	sandboxes                                                int
}

func (m *Machine) facts() statusFacts {
	f := statusFacts{deadline: m.deadline, finished: m.finished, evicted: m.evicted, deleting: m.deleting,
		nodeLost: m.nodeLost, removed: m.removed, sandboxCreating: m.sandboxCreating, sandboxes: len(m.sandboxes)}
	if len(m.sandboxes) > 0 {
		f.sandboxReady = m.sandboxes[0].Ready
	}
	return f
}

func (m *Machine) refuse(ev *Event, problem string) error {
	return &StepError{Pod: m.podRef(), Event: ev.Kind, Container: ev.Container, State: m.state(), Problem: problem}
}

// firstStep and endStep bound the seconds (of time.Unix) a machine steps
// at: it keeps its times as Unix nanoseconds (container times, probe
// ticks, the wake), which count from 1677-09-21 to 2262, and what it
// schedules lies ahead of a step by at most an active deadline (68 years)
// or a back-off. Seconds are compared, not times: it is the cheaper test,
// and it runs on every step.
const firstStep = math.MinInt64 / int64(time.Second) // 1677-09-21T00:12:44Z: division truncates toward zero, to the first whole second Unix nanoseconds hold

var endStep = time.Date(2162, time.January, 1, 0, 0, 0, 0, time.UTC).Unix()

// MachineTimes returns the times a Machine steps at, from first up to (not
// including) end: 1677-09-21T00:12:44Z to 2162-01-01T00:00:00Z. A machine
// counts time in Unix nanoseconds, which end in 2262, and keeps a century
// to spare for what it schedules ahead; a step at any other time is
// refused. A simulator's clock must start within them.
func MachineTimes() (first, end time.Time) {
	return time.Unix(firstStep, 0).UTC(), time.Unix(endStep, 0).UTC()
}

// ipProblem says what is wrong with ip as an IP the kubelet writes into a
// status (empty is none, and fine). The apiserver checks status.podIPs
// and status.hostIPs with IsValidIPForLegacyField, strictly since
// StrictIPCIDRValidation went on by default (apimachinery
// pkg/util/validation/ip.go parseIP): an IP address with no leading zeros
// and no zone, not an IPv4 address mapped into IPv6; a form other than the
// canonical one ("FD00::7") is taken.
func ipProblem(ip string) string {
	if ip == "" {
		return ""
	}
	a, err := netip.ParseAddr(ip)
	switch {
	case err != nil || a.Zone() != "":
		return strconv.Quote(ip) + " is not an IP address (such as 10.244.0.7 or fd00::7, with no leading 0s and no zone)"
	case a.Is4In6():
		return strconv.Quote(ip) + " must not be an IPv4-mapped IPv6 address: write " + a.Unmap().String()
	}
	return ""
}

// check says why ev is illegal now, or nil.
func (m *Machine) check(ev *Event) error {
	switch {
	case m.removed:
		return m.refuse(ev, "the pod was removed from the node")
	case ev.At.IsZero():
		return m.refuse(ev, "the event has no time")
	case ev.At.Unix() < firstStep || ev.At.Unix() >= endStep:
		first, end := MachineTimes()
		return m.refuse(ev, "time "+ev.At.UTC().Format(time.RFC3339)+" is outside the times a machine steps at, "+
			first.Format(time.DateOnly)+" to "+end.Add(-time.Second).Format(time.DateOnly)+
			" (MachineTimes): it counts time in Unix nanoseconds, with a century to spare for what it schedules")
	case m.begun && ev.At.Before(m.now):
		return m.refuse(ev, "time "+ev.At.UTC().Format(time.RFC3339Nano)+" is before the last step at "+m.now.UTC().Format(time.RFC3339Nano))
	case ev.Kind == Scheduled:
		if m.p.Spec.NodeName != "" {
			return m.refuse(ev, "the pod is bound to "+strconv.Quote(m.p.Spec.NodeName)+" already; a pod never moves")
		}
		if ev.Node == "" {
			return m.refuse(ev, "no node named")
		}
		if len(m.p.Spec.SchedulingGates) > 0 {
			return m.refuse(ev, "the pod has scheduling gates")
		}
		if problem := ipProblem(ev.IP); problem != "" {
			return m.refuse(ev, "the node's IP "+problem)
		}
		return nil
	case ev.Kind == TimePassed:
		return nil
	case ev.Kind == DeletionRequested:
		if m.p.Metadata.IsStatic() && m.p.Spec.NodeName != "" {
			return m.refuse(ev, "a static pod is not deleted through the API (its mirror pod comes back); remove its manifest: StaticPodRemoved")
		}
		return nil
	case ev.Kind == SchedulingGatesRemoved:
		if len(m.p.Spec.SchedulingGates) == 0 {
			return m.refuse(ev, "the pod has no scheduling gates")
		}
		return nil
	case ev.Kind == StaticPodRemoved:
		if !m.p.Metadata.IsStatic() {
			return m.refuse(ev, "the pod is not a static pod; delete it: DeletionRequested")
		}
		return nil
	case ev.Kind < Scheduled || ev.Kind > ImagePresent:
		return m.refuse(ev, "unknown event")
	case m.p.Spec.NodeName == "":
		return m.refuse(ev, "no kubelet has the pod yet (not scheduled)")
	}
	switch ev.Kind {
	case SandboxReady, SandboxFailed:
		if !m.sandboxCreating {
			return m.refuse(ev, "no sandbox is being created")
		}
		if ev.Kind == SandboxReady {
			if problem := ipProblem(ev.IP); problem != "" {
				return m.refuse(ev, "the pod IP "+problem)
			}
		}
		return nil
	case SandboxLost:
		if len(m.sandboxes) == 0 || !m.sandboxes[0].Ready {
			return m.refuse(ev, "there is no ready sandbox to lose")
		}
		return nil
	case Evicted, NodeLost, NodeBack:
		return nil
	case ImagePresent:
		if ev.Image == "" {
			return m.refuse(ev, "no image named")
		}
		return nil
	case EphemeralContainerAdded:
		e := &ev.Ephemeral
		switch {
		case e.Name == "":
			return m.refuse(ev, "the ephemeral container has no name")
		case m.find(e.Name) != nil:
			return m.refuse(ev, "a container named "+strconv.Quote(e.Name)+" exists already")
		case e.Image == "":
			return m.refuse(ev, "the ephemeral container has no image")
		case e.RestartPolicy != nil || e.LivenessProbe != nil || e.ReadinessProbe != nil || e.StartupProbe != nil || e.Lifecycle != nil:
			return m.refuse(ev, "ephemeral containers may not set restartPolicy, probes or lifecycle")
		case m.terminating():
			return m.refuse(ev, "the pod is terminating")
		}
		return nil
	}
	l := m.find(ev.Container)
	if l == nil {
		return m.refuse(ev, "no such container in the pod")
	}
	want := func(o op, what string) error {
		if l.op != o {
			return m.refuse(ev, "the kubelet did not ask to "+what)
		}
		return nil
	}
	switch ev.Kind {
	case ImagePulled, ImagePullFailed:
		return want(opPull, "pull its image")
	case ContainerCreated:
		return want(opCreate, "create it")
	case ContainerStarted:
		return want(opStart, "start it")
	case ContainerExited:
		if s := l.rec.State(); s != restart.StateRunning && s != restart.StateCreated {
			return m.refuse(ev, "the container is "+s.String()+", not running")
		}
		return nil
	case ProbeResult:
		if o := ev.Outcome; o != probe.OutcomeSuccess && o != probe.OutcomeFailure && o != probe.OutcomeTimeout && o != probe.OutcomeError {
			return m.refuse(ev, "unknown probe outcome "+strconv.Quote(string(ev.Outcome)))
		}
		k := probeIndex(ev.Probe)
		if k < 0 || !l.has(k) {
			return m.refuse(ev, "the container has no "+string(ev.Probe)+" probe")
		}
		if l.rec.State() != restart.StateRunning {
			return m.refuse(ev, "the container is not running")
		}
		return nil
	case HookFinished:
		switch {
		case ev.Hook == PostStart:
			return want(opPostStart, "run its postStart hook")
		case ev.Hook == PreStop:
			return want(opPreStop, "run its preStop hook")
		}
		return m.refuse(ev, "unknown hook")
	}
	return nil
}

// move applies mv to l's record; when it changed the record, the runtime
// view and the status must be derived again.
func (m *Machine) move(l *life, mv container.Move) error {
	before := l.rec
	err := l.rec.Apply(l.spec.Name, mv)
	if l.rec != before {
		m.stale()
		m.cacheMoved = true // the reason cache may have changed: snapped at the next step
		if mv.Kind == container.MoveCreate {
			// A new instance has said nothing yet, whatever an earlier
			// one of its attempt number did.
			cur, _ := l.rec.Attempts()
			l.setMessage(cur, "")
		}
	}
	return err
}

// stale says the machine's state changed in a way the runtime view and
// the status read.
func (m *Machine) stale() { m.viewStale, m.statusStale = true, true }

func probeIndex(k probe.Kind) int {
	for i, x := range probeKinds {
		if x == k {
			return i
		}
	}
	return -1
}

// record appends an event the kubelet records, its message the parts
// joined; with MachineOptions.NoEvents it only counts it, and the message
// is never built.
//
// l is the container the event is about (the kubelet records it on the
// container's reference, pkg/kubelet/container/ref.go
// GenerateContainerRef), nil for one about the pod.
func (m *Machine) record(l *life, warning bool, reason string, message ...string) {
	m.recorded++
	if m.bits.has(bitNoEvents) {
		return
	}
	t := "Normal"
	if warning {
		t = "Warning"
	}
	r := EventRecord{At: m.now, Type: t, Reason: reason, Message: strings.Join(message, "")}
	if l != nil {
		r.Container, r.List = l.spec.Name, l.kind
	}
	m.records = append(m.records, r)
}

// quoted is image quoted for a message, when events are recorded.
func (m *Machine) quoted(image string) string {
	if m.bits.has(bitNoEvents) {
		return ""
	}
	return strconv.Quote(image)
}

// recordf is record for a message that costs something to build: message
// is called only when events are recorded.
func (m *Machine) recordf(l *life, warning bool, reason string, message func() string) {
	if m.bits.has(bitNoEvents) {
		m.recorded++
		return
	}
	m.record(l, warning, reason, message())
}

func (m *Machine) emit(a Action) { m.out = append(m.out, a) }

// apply changes the machine's state for ev.
func (m *Machine) apply(ev *Event) {
	m.begun = true
	if ev.Kind != TimePassed && ev.Kind != ProbeResult && ev.Kind != ImagePresent {
		m.stale() // an event changes what the runtime view shows
	}
	switch ev.Kind {
	case Scheduled:
		m.p.Spec.NodeName = ev.Node
		if ev.IP != "" {
			m.hostIP = ev.IP
		}
		m.recordf(nil, false, "Scheduled", func() string { return "Successfully assigned " + m.podRef() + " to " + ev.Node })
	case SandboxReady:
		m.sandboxCreating = false
		var attempt uint32
		if len(m.sandboxes) > 0 {
			attempt = m.sandboxes[0].Attempt + 1
		}
		mode := NamespacePod
		if m.p.Spec.HostNetwork {
			mode = NamespaceNode
		}
		m.sandboxes = append(m.sandboxes[:0], Sandbox{Ready: true, IP: ev.IP, Attempt: attempt, NetworkNamespaceMode: mode})
		for i := range m.ctrs {
			m.ctrs[i].inSandbox = false
		}
		if ev.IP != "" {
			m.p.Status.PodIP = ev.IP
			m.p.Status.PodIPs = append(m.p.Status.PodIPs[:0], PodIP{IP: ev.IP})
		}
	case SandboxFailed:
		m.sandboxCreating = false
		m.record(nil, true, "FailedCreatePodSandBox", "Failed to create pod sandbox: ", ev.Message)
	case SandboxLost:
		m.sandboxes[0].Ready = false
		for i := range m.ctrs {
			l := &m.ctrs[i]
			if s := l.rec.State(); s == restart.StateRunning || s == restart.StateCreated {
				m.exited(l, 137, 9, container.Error)
			}
			l.op = opNone
		}
	case ImagePulled:
		l := m.find(ev.Container)
		l.op, l.hasImage, l.pulled = opNone, true, true
		// pkg/kubelet/images/image_manager.go pullImage: the runtime's
		// pull time (the serial puller's clock starts when the pull leaves
		// its queue: Event.PullWait before it) and the time since the pull
		// was asked for, both cut to the millisecond.
		m.recordf(l, false, "Pulled", func() string {
			total := time.Duration(m.now.UnixNano() - l.pullFrom)
			took := total - min(max(ev.PullWait, 0), total)
			return "Successfully pulled image " + strconv.Quote(l.spec.Image) + " in " + took.Truncate(time.Millisecond).String() +
				" (" + total.Truncate(time.Millisecond).String() + " including waiting). Image size: " +
				strconv.FormatInt(ev.ImageSize, 10) + " bytes."
		})
		// The image is on the node now: the pod's other containers of the
		// same image find it there, unless their policy pulls every time
		// (pkg/kubelet/images/image_manager.go imagePullPrecheck).
		for i := range m.ctrs {
			o := &m.ctrs[i]
			if o != l && o.spec.Image == l.spec.Image && o.spec.EffectivePullPolicy() != container.PullAlways {
				o.hasImage = true
			}
		}
	case ImagePullFailed:
		l := m.find(ev.Container)
		l.op, l.failMsg, l.pullFailedAt, l.pullFailed = opNone, ev.Message, m.now.UnixNano(), true
		key := m.pullKey(l)
		l.pulls.PullFailed(key, m.now, restart.PullErrImagePull)
		_ = m.move(l, container.FailStart(m.now, container.ErrImagePull, 0))
		m.record(l, true, "Failed", "Failed to pull image ", m.quoted(l.spec.Image), ": ", ev.Message)
		m.record(l, true, "Failed", "Error: ErrImagePull")
	case ContainerCreated:
		l := m.find(ev.Container)
		_ = m.move(l, container.Create(m.now))
		l.op, l.inSandbox = opStart, true
		if l.spec.EffectivePullPolicy() == container.PullAlways {
			l.hasImage = false // pulled again for the next instance
		}
		m.record(l, false, "Created", "Created container: ", l.spec.Name)
		m.emit(Action{Kind: StartContainer, Container: l.spec.Name})
	case ContainerStarted:
		l := m.find(ev.Container)
		_ = m.move(l, container.Start(m.now))
		l.op = opNone
		m.record(l, false, "Started", "Started container ", l.spec.Name)
		m.startProbes(l)
		if lc := l.spec.Lifecycle; lc != nil && lc.PostStart != nil {
			l.op = opPostStart
			m.emit(Action{Kind: RunHook, Container: l.spec.Name, Hook: PostStart})
		}
	case ContainerExited:
		l := m.find(ev.Container)
		reason := ev.Reason
		killed := l.op == opKill || l.op == opPreStop
		if l.killReason == resetReason && killed {
			reason = container.TerminatedRestartingAll
		}
		m.exited(l, ev.ExitCode, ev.Signal, reason)
		if killed && l.killReason == "FailedPostStartHook" {
			// The sync that ran the failed hook ends with the kill, and
			// leaves in the reason cache the start it failed
			// (kuberuntime_manager.go SyncPod: startContainerResult.Fail
			// with ErrPostStartHook and the hook's message); the sync the
			// container's death starts shows it.
			_ = m.move(l, container.FailStart(m.now, container.PostStartHookError, 0))
			m.snapFailedStart(container.FailedStart{Name: l.spec.Name, Reason: container.PostStartHookError, Message: l.failMsg})
			m.syncEnded = true
		}
		// What the kubelet reads for the terminated state's message
		// (ContainerCannotRun has no log to read).
		if ev.TerminationMessage != "" || ev.Log != "" {
			msg := container.TerminationMessage(l.spec.EffectiveTerminationMessagePolicy(), ev.ExitCode, reason,
				ev.TerminationMessage, ev.Log)
			cur, _ := l.rec.Attempts()
			l.setMessage(cur, msg)
		}
	case ProbeResult:
		l := m.find(ev.Container)
		k := probeIndex(ev.Probe)
		// Every failed run is recorded, whatever the threshold
		// (pkg/kubelet/prober/prober.go probe).
		was := m.results(l)
		ps := m.probe(l, k)
		ps.due = 0
		if _, err := ps.w.Observe(m.now, ev.Outcome); err == nil {
			switch ev.Outcome {
			case probe.OutcomeFailure, probe.OutcomeTimeout:
				m.record(l, true, "Unhealthy", probeName(ev.Probe), " probe failed: ", ev.Message)
			case probe.OutcomeError:
				// The prober records the error, then throws the result
				// away (prober.go probe, worker.go doProbe).
				m.record(l, true, "Unhealthy", probeName(ev.Probe), " probe errored and resulted in unknown state: ", ev.Message)
			}
		}
		m.applyProbeResults(l)
		if m.results(l) != was {
			m.stale() // the view's probe results (started and ready are moves)
		}
	case HookFinished:
		l := m.find(ev.Container)
		switch ev.Hook {
		case PostStart:
			l.op = opNone
			if ev.Message != "" {
				// The event leaves the hook's message out, so that no
				// secret leaks into it; the kill says why
				// (kuberuntime_container.go startContainer), and the
				// reason cache keeps the message (see ContainerExited).
				l.failMsg = ev.Message
				m.record(l, true, "FailedPostStartHook", "PostStartHook failed")
				m.kill(l, m.podGrace(), "FailedPostStartHook", "FailedPostStartHook")
			}
		case PreStop:
			if ev.Message != "" {
				m.record(l, true, "FailedPreStopHook", "PreStopHook failed") // executePreStopHook, the same way
			}
			// The preStop hook's time comes out of the grace period.
			remaining := time.Duration(l.killBy - m.now.UnixNano())
			l.op = opKill
			m.emit(Action{Kind: KillContainer, Container: l.spec.Name, Grace: max(remaining, minGrace), Reason: l.killReason})
			l.killBy = m.now.UnixNano() + int64(max(remaining, minGrace))
		}
	case DeletionRequested:
		g := *m.p.Spec.TerminationGracePeriodSeconds
		if ev.GracePeriod != nil {
			g = max(*ev.GracePeriod, 0)
		}
		if !m.deleting || g < m.grace {
			m.grace = g
		}
		m.deleting = true
		m.p.Metadata.DeletionTimestamp = m.now.Add(time.Duration(m.grace) * time.Second).Truncate(time.Second)
		gp := m.grace
		m.p.Metadata.DeletionGracePeriodSeconds = &gp
	case Evicted:
		if !m.evicted && !m.p.Status.Phase.IsTerminal() {
			m.evicted, m.evictMsg = true, ev.Message
			if ev.GracePeriod != nil && *ev.GracePeriod < m.grace {
				m.grace = max(*ev.GracePeriod, 0)
			}
			m.record(nil, true, "Evicted", ev.Message)
		}
	case EphemeralContainerAdded:
		// A full slice expression: the spec may be shared, never append into it.
		ecs := m.p.Spec.EphemeralContainers
		m.p.Spec.EphemeralContainers = append(ecs[:len(ecs):len(ecs)], ev.Ephemeral)
		m.ctrs = append(m.ctrs, life{kind: container.Ephemeral})
		// The spec list may have moved: point every ephemeral life at it.
		n := len(m.p.Spec.InitContainers) + len(m.p.Spec.Containers)
		for i := range m.p.Spec.EphemeralContainers {
			m.ctrs[n+i].spec = &m.p.Spec.EphemeralContainers[i]
		}
		m.indexNames()
	case SchedulingGatesRemoved:
		m.p.Spec.SchedulingGates = nil
	case StaticPodRemoved:
		m.deleting = true
	case NodeLost:
		m.nodeLost = true
	case NodeBack:
		m.nodeLost = false
	case ImagePresent:
		// Nothing the runtime view or the status shows: the next start of
		// such a container skips the pull.
		for i := range m.ctrs {
			if l := &m.ctrs[i]; l.spec.Image == ev.Image && l.spec.EffectivePullPolicy() != container.PullAlways {
				l.hasImage = true
			}
		}
	}
}

func probeName(k probe.Kind) string {
	switch k {
	case probe.Liveness:
		return "Liveness"
	case probe.Readiness:
		return "Readiness"
	}
	return "Startup"
}

// syncRetry is when the kubelet syncs a pod again after a sync failed
// (pkg/kubelet/kubelet.go backOffPeriod).
const syncRetry = 10 * time.Second

// syncFrequency is the kubelet's resync interval (KubeletConfiguration
// syncFrequency, 1 min by default): the latest a pod in crash-loop
// back-off is synced again.
const syncFrequency = time.Minute

// earliest is the earlier of a and b.
func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// minGrace is the least time between the stop signal and SIGKILL the
// kubelet gives a container (kuberuntime_manager.go
// minimumGracePeriodInSeconds).
const minGrace = 2 * time.Second

// exited records the exit of l's running or created instance.
func (m *Machine) exited(l *life, code, signal int32, reason container.TerminatedReason) {
	if err := m.move(l, container.Exit(m.now, code, signal, reason)); err != nil {
		// An unknown reason reads as the runtime's default.
		_ = m.move(l, container.Exit(m.now, code, signal, ""))
	}
	l.op, l.killBy = opNone, 0
	restartable := probe.MayRestart
	if !m.mayRestart(l, code) {
		restartable = probe.NoRestart
	}
	m.clearDue(l)
	for k := range l.slot {
		if l.has(k) {
			_, _ = m.probe(l, k).w.NotRunning(m.now, restartable)
		}
	}
}

func (m *Machine) mayRestart(l *life, code int32) bool {
	if m.terminating() {
		return false
	}
	after, _ := RestartAfterExit(&m.p, l.spec.Name, code, m.gates)
	return after != NotRestarted
}

// startProbes gives l's new instance its probe workers.
func (m *Machine) startProbes(l *life) {
	started := !l.has(0)
	m.clearDue(l)
	for k, pr := range [3]*probe.Probe{l.spec.StartupProbe, l.spec.LivenessProbe, l.spec.ReadinessProbe} {
		ps := m.probe(l, k)
		if pr == nil || l.kind == container.Init || ps == nil {
			continue
		}
		if ps.w.Stopped() {
			w, err := probe.NewWorker(probeKinds[k], *pr, m.now)
			if err != nil {
				l.slot[k] = 0 // the slot stays unused
				continue
			}
			ps.w = w
		}
		_, _ = ps.w.NewContainer(m.now, probe.Container{StartedAt: m.now, Started: started})
		ps.askedSet = false
	}
	m.applyProbeResults(l)
}

// applyProbeResults sets started and ready from the workers, as the
// prober manager does (prober_manager.go UpdatePodStatus).
func (m *Machine) applyProbeResults(l *life) {
	if l.rec.State() != restart.StateRunning {
		return
	}
	startup, readiness := probe.NoProbe, probe.NoProbe
	if l.has(0) {
		startup = m.probe(l, 0).w.Result()
	}
	if l.has(2) {
		readiness = m.probe(l, 2).w.Result()
	}
	started := probe.ContainerStarted(true, startup)
	if started && l.has(0) && !l.rec.Started() {
		m.clearDue(l)
		for _, k := range []int{1, 2} {
			if l.has(k) {
				_, _ = m.probe(l, k).w.SetStarted(m.now)
			}
		}
	}
	ready := probe.ContainerReady(started, readiness)
	if l.kind == container.Init {
		ready = false
	}
	_ = m.move(l, container.Probe(m.now, started || l.rec.Started(), ready && (started || l.rec.Started())))
}

// podGrace is the grace a kill gets now.
func (m *Machine) podGrace() time.Duration { return time.Duration(m.grace) * time.Second }

// kill starts killing l: its preStop hook first when it has one and the
// grace allows, then the stop signal. message is the Killing event's
// ("": "Stopping container <name>", as killContainer words it without
// one).
func (m *Machine) kill(l *life, grace time.Duration, reason, message string) {
	if l.op == opKill || l.op == opPreStop {
		// A kill in progress only ever gets shorter.
		if by := m.now.UnixNano() + int64(max(grace, minGrace)); by < l.killBy {
			l.killBy = by
		}
		return
	}
	l.killReason = reason
	l.killBy = m.now.UnixNano() + int64(max(grace, minGrace))
	if message != "" {
		m.record(l, false, "Killing", message)
	} else {
		m.record(l, false, "Killing", "Stopping container ", l.spec.Name)
	}
	if lc := l.spec.Lifecycle; lc != nil && lc.PreStop != nil && grace > 0 && l.rec.State() == restart.StateRunning {
		l.op = opPreStop
		m.emit(Action{Kind: RunHook, Container: l.spec.Name, Hook: PreStop, Grace: grace})
		return
	}
	l.op = opKill
	m.emit(Action{Kind: KillContainer, Container: l.spec.Name, Grace: max(grace, minGrace), Reason: reason})
}

// terminating says the kubelet has decided the pod is finished.
func (m *Machine) terminating() bool {
	return m.deleting || m.evicted || m.deadline || m.finished || m.p.Status.Phase.IsTerminal()
}

// initialized says some regular container has a record in the current
// sandbox (kubecontainer.HasAnyActiveRegularContainerStarted).
func (m *Machine) initialized() bool {
	for i := range m.ctrs {
		if m.ctrs[i].kind == container.Regular && m.ctrs[i].inSandbox && m.ctrs[i].rec.State() != restart.StateNone {
			return true
		}
	}
	return false
}

func (m *Machine) anyAlive() bool {
	for i := range m.ctrs {
		if s := m.ctrs[i].rec.State(); s == restart.StateRunning || s == restart.StateCreated {
			return true
		}
	}
	return false
}

func (m *Machine) crashKey(l *life) restart.BackoffKey {
	return restart.Key{PodName: m.p.Metadata.Name, PodNamespace: m.p.Metadata.Namespace, PodUID: m.p.Metadata.UID,
		Container: l.spec.Name, Image: l.spec.Image}.CrashLoop()
}

func (m *Machine) pullKey(l *life) restart.BackoffKey {
	return restart.Key{PodUID: m.p.Metadata.UID, Image: l.spec.Image}.ImagePull()
}

// at is the time of Unix nanoseconds ns, in the location of the step's
// time (the caller's).
func (m *Machine) at(ns int64) time.Time { return m.now.Add(time.Duration(ns - m.now.UnixNano())) }

// noWake is a machine's wake when it waits for events only: below every
// time a machine steps at (MachineTimes), where 0 is one, 1970-01-01.
const noWake = math.MinInt64

func (m *Machine) setWake(t time.Time) {
	if !t.IsZero() {
		m.wakeAt(t.UnixNano())
	}
}

// wakeAt asks for a step at Unix nanoseconds ns, unless an earlier one is
// asked for already or ns is not after now.
func (m *Machine) wakeAt(ns int64) {
	if ns > m.now.UnixNano() && (m.wake == noWake || ns < m.wake) {
		m.wake = ns
	}
}

// sync is one kubelet sync of the pod.
func (m *Machine) sync() {
	m.wake = noWake
	if m.p.Spec.NodeName == "" && m.deleting && !m.removed {
		// No kubelet has the pod: the apiserver deletes it at once
		// (pkg/registry/core/pod/strategy.go CheckGracefulDelete: grace 0).
		m.removed = true
		m.emit(Action{Kind: RemovePod})
		return
	}
	if m.p.Spec.NodeName == "" || m.nodeLost {
		return
	}
	if ads := m.p.Spec.ActiveDeadlineSeconds; ads != nil && !m.p.Status.StartTime.IsZero() && !m.deadline {
		due := m.p.Status.StartTime.Add(time.Duration(*ads) * time.Second)
		if !m.now.Before(due) && !m.p.Status.Phase.IsTerminal() {
			m.deadline = true
			m.record(nil, false, "DeadlineExceeded", "Pod was active on the node longer than the specified deadline")
		} else {
			m.setWake(due)
		}
	}
	if m.terminating() {
		m.terminate()
		return
	}
	m.computeActions()
	a := &m.acts
	if len(a.ContainersToReset) > 0 {
		m.resetAll()
		return
	}
	if m.bits.has(bitPodRestarting) {
		// Nothing is left to reset: the restart in place is done.
		setCondition(&m.p.Status, Condition{Type: AllContainersRestarting, Status: ConditionFalse}, m.now)
		m.stale() // the view and the status must show the restart ended
		m.computeActions()
	}
	if a.KillPod {
		if a.CreateSandbox {
			if m.killAll("") {
				return
			}
			if !m.sandboxCreating {
				if len(m.sandboxes) > 0 {
					// A sandbox to replace (lost, or up without an IP):
					// kuberuntime_manager.go SyncPod says so when it has
					// the previous sandbox's ID.
					m.record(nil, false, "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.")
				}
				m.sandboxCreating = true
				m.emit(Action{Kind: CreateSandbox})
			}
			return
		}
		m.finished = true
		m.terminate()
		return
	}
	for i := range a.ContainersToKill {
		k := &a.ContainersToKill[i]
		l := m.find(k.Name)
		if l == nil || l.op == opKill || l.op == opPreStop {
			continue
		}
		grace := m.podGrace()
		if k.Reason == KillLivenessProbe || k.Reason == KillStartupProbe {
			if pr := probeSpec(l, k.Reason); pr != nil && pr.TerminationGracePeriodSeconds != nil && !m.deleting {
				grace = time.Duration(*pr.TerminationGracePeriodSeconds) * time.Second
			}
		}
		reason := string(k.Reason)
		if reason == "" {
			reason = "DefinitionChanged"
		}
		m.recordf(l, false, "Killing", k.Message)
		l.killReason = reason
		l.killBy = m.now.UnixNano() + int64(max(grace, minGrace))
		if lc := l.spec.Lifecycle; lc != nil && lc.PreStop != nil && grace > 0 {
			l.op = opPreStop
			m.emit(Action{Kind: RunHook, Container: l.spec.Name, Hook: PreStop, Grace: grace})
		} else {
			l.op = opKill
			m.emit(Action{Kind: KillContainer, Container: l.spec.Name, Grace: max(grace, minGrace), Reason: reason})
		}
	}
	// A sync starts its containers one after the other, each to the end
	// of its postStart hook: the image pull, the creation, the start and
	// the hook all block it (kuberuntime_manager.go SyncPod, startContainer
	// in kuberuntime_container.go). So while one container is on its way,
	// the next waits; one that cannot start now (back-off, a failed pull)
	// lets the next go on.
	busy := m.anyStarting()
	for _, i := range a.InitContainersToStart {
		if busy {
			break
		}
		l := &m.ctrs[i]
		ok := m.start(l)
		busy = l.starting()
		if !ok && l.kind == container.Init {
			break // a plain init container that cannot start stops the sync
		}
	}
	n := len(m.p.Spec.InitContainers)
	for _, i := range a.ContainersToStart {
		if busy {
			break
		}
		l := &m.ctrs[n+i]
		m.start(l)
		busy = l.starting()
	}
	n += len(m.p.Spec.Containers)
	for _, i := range a.EphemeralContainersToStart {
		if busy {
			break
		}
		l := &m.ctrs[n+i]
		m.start(l)
		busy = l.starting()
	}
	m.askProbes()
}

// resetAll carries out an in-place RestartAllContainers (KEP-5532): the
// pod reports AllContainersRestarting=True; the sync's resets kill what is
// alive (grace 0, no preStop: the exit is reported with reason
// RestartingAllContainers) and, once nothing is alive, remove every record
// at once; the sync after that finds nothing to reset, sets the condition
// False and starts the pod's containers again from the first init
// container.
func (m *Machine) resetAll() {
	setCondition(&m.p.Status, Condition{Type: AllContainersRestarting, Status: ConditionTrue}, m.now)
	m.stale()
	waiting := false
	for i := range m.acts.ContainersToReset {
		r := &m.acts.ContainersToReset[i]
		l := m.find(r.Name)
		if l == nil || !r.Kill {
			continue
		}
		waiting = true
		if l.op != opKill && l.op != opPreStop {
			l.killReason, l.killBy, l.op = resetReason, m.now.UnixNano()+int64(minGrace), opKill
			m.record(l, false, "Killing", "Stopping container ", l.spec.Name)
			m.emit(Action{Kind: KillContainer, Container: l.spec.Name, Grace: minGrace, Reason: resetReason})
		}
		m.wakeAt(l.killBy)
	}
	if waiting {
		return
	}
	for i := range m.acts.ContainersToReset {
		r := &m.acts.ContainersToReset[i]
		l := m.find(r.Name)
		if l == nil {
			continue
		}
		mv := container.RemoveNewest(m.now)
		if r.ContainerID == l.ids[1] && r.ContainerID != l.ids[0] {
			mv = container.RemovePrevious(m.now)
		}
		if m.move(l, mv) == nil {
			l.idsSet = false
		}
	}
	// The removals change what the next sync sees: sync again at once.
	m.setWake(m.now.Add(time.Nanosecond))
}

// resetReason is the kill reason of an in-place RestartAllContainers; an
// exit after such a kill has reason RestartingAllContainers.
const resetReason = "RestartAllContainers"

func probeSpec(l *life, r KillReason) *probe.Probe {
	if r == KillStartupProbe {
		return l.spec.StartupProbe
	}
	return l.spec.LivenessProbe
}

// runtime returns the machine's runtime view, filled from its state: its
// own view, filled when stale; or the Scratch's, filled also when another
// machine filled it since.
func (m *Machine) runtime() *RuntimeView {
	changed := m.viewStale
	v, fill := m.view, changed
	if changed {
		m.viewStale = false
		m.viewGen++
	}
	if sc := m.scratch; sc != nil {
		v = &sc.view
		if sc.viewOf != m {
			sc.viewOf, fill = m, true
		}
	} else if v == nil {
		m.view = new(RuntimeView)
		v = m.view
	}
	if fill {
		m.fillView(v, changed)
	}
	return v
}

// busy reports whether runtime work a sync asked for is outstanding: a
// sandbox being made, or a container being pulled, created, started, run
// through its postStart hook, or stopped.
func (m *Machine) busy() bool {
	if m.sandboxCreating {
		return true
	}
	for i := range m.ctrs {
		if m.ctrs[i].op != opNone {
			return true
		}
	}
	return false
}

// continues reports whether the work the step's sync asked for, after ev
// answered the last of the work before, is the rest of the sync that work
// belongs to: decided when that sync began, as SyncPod decides all its
// work then (computePodActions). It is for the sandbox, the pulls, creates
// and starts of the containers it starts; for the container ev answered
// (its start after its create, its postStart hook, its restart after a
// liveness kill); and for any container of a pod being stopped (one
// SyncTerminatingPod stops them all, in order). Work for another
// container, which what ev reports made possible (the regular containers
// once a sidecar has started), is a new sync's.
func (m *Machine) continues(ev *Event) bool {
	if !m.busy() {
		return false
	}
	if ev.Kind == SandboxReady || m.deleting || m.terminating() {
		return true
	}
	for i := range m.ctrs {
		if l := &m.ctrs[i]; l.op != opNone && l.spec.Name != ev.Container {
			return false
		}
	}
	return true
}

// setReadiness is the status manager's SetContainerReadiness and
// SetContainerStartup (pkg/kubelet/status/status_manager.go), which the
// prober calls whatever the pod worker is doing: while the kubelet is
// inside a sync, a probe's result still goes into the status that sync
// began with, the container's ready and started and the pod's Ready and
// ContainersReady conditions, if that status shows the instance probed.
// The rest waits for the sync's end.
func (m *Machine) setReadiness(name string) {
	l := m.find(name)
	// An init container is never ready, nor started before it completes;
	// an ephemeral one is not probed.
	if l == nil || l.kind == container.Init || l.kind == container.Ephemeral || l.rec.State() != restart.StateRunning {
		return
	}
	list := m.p.Status.ContainerStatuses
	if l.kind != container.Regular {
		list = m.p.Status.InitContainerStatuses
	}
	st := container.Find(list, name)
	cur, _ := l.rec.Attempts()
	if st == nil || st.State.Running == nil || st.RestartCount != cur {
		return // the status shows another instance (upstream: an unknown container ID)
	}
	ready, started := l.rec.Ready(), l.rec.Started()
	if st.Ready == ready && st.Started != nil && *st.Started == started {
		return
	}
	l.started = started
	st.Ready, st.Started = ready, &l.started
	// The two conditions are generated again from the status as it is
	// now; the others, and the phase, stay as the sync's start made them.
	p := &m.p.Status
	var keep [8]Condition
	kept := append(keep[:0], p.Conditions...)
	phase, reason, message := p.Phase, p.Reason, p.Message
	UpdateKubeletStatus(&m.p, m.NodeFacts(), m.gates, m.now)
	p.Phase, p.Reason, p.Message = phase, reason, message
	for i := range kept {
		if kept[i].Type == Ready || kept[i].Type == ContainersReady {
			if c := p.Condition(kept[i].Type); c != nil {
				kept[i] = *c
			}
		}
	}
	p.Conditions = append(p.Conditions[:0], kept...)
}

// InSync reports whether the kubelet is inside a sync of the pod: runtime
// work it asked for (a sandbox, a pull, a create or start, a postStart
// hook, a kill) is outstanding. The kubelet makes a pod's status when a
// sync begins and does that work within the sync, so meanwhile Status is
// the one made when the sync began, while Runtime shows the work done so
// far.
func (m *Machine) InSync() bool { return m.inSync }

// snapReasonCache takes the reason cache as it is now, at the start of a
// step, before the step changes it: as the last sync left it, which the
// next status shows (see Machine.cache).
func (m *Machine) snapReasonCache() {
	m.cache, m.snapped = m.cache[:m.shownN], true
	desc := ""
	for i := range m.ctrs {
		l := &m.ctrs[i]
		if l.rec.Waiting() == "" {
			continue
		}
		if desc == "" {
			desc = m.podDescription()
		}
		fs, _ := l.rec.FailedStart(l.spec.Name, desc)
		switch fs.Reason {
		case container.ErrImagePull, container.ImagePullBackOff, container.ErrImageNeverPull, container.PostStartHookError:
			fs.Message = l.failMsg
		}
		m.cache = append(m.cache, fs)
	}
}

// snapFailedStart puts fs in the snap: a failed start left by a sync that
// ends within the step (its container's record has just moved).
func (m *Machine) snapFailedStart(fs container.FailedStart) {
	if !m.snapped {
		m.cache, m.snapped = append(m.cache[:m.shownN], m.cache[:m.shownN]...), true
	}
	snap := m.cache[m.shownN:]
	for i := range snap {
		if snap[i].Name == fs.Name {
			snap[i] = fs
			return
		}
	}
	m.cache = append(m.cache, fs)
}

// showSnap makes the snap the reason cache the status shows, before a
// status is made.
func (m *Machine) showSnap() {
	if !m.snapped {
		return
	}
	m.snapped = false
	shown, snap := m.cache[:m.shownN], m.cache[m.shownN:]
	if slices.Equal(shown, snap) {
		m.cache = shown
		return
	}
	m.cache = append(m.cache[:0], snap...)
	m.shownN = int32(len(m.cache))
	m.viewStale = true // the view's reason cache changed
}

// fillView writes the machine's runtime view into v; changed says the
// machine's state changed since the last fill (else v is a Scratch's view
// filled again, to say what it said).
func (m *Machine) fillView(v *RuntimeView, changed bool) {
	v.Records = v.Records[:0]
	v.FailedStarts = v.FailedStarts[:0]
	v.EarlierSandbox = v.EarlierSandbox[:0]
	v.Probes = v.Probes[:0]
	v.Sandboxes = m.sandboxes
	for i := range m.ctrs {
		l := &m.ctrs[i]
		cur, prev := l.rec.Attempts()
		if !l.idsSet || l.idsFor != [2]int32{cur, prev} {
			l.setIDs(m.p.Metadata.UID, cur, prev)
		}
		first := len(v.Records)
		v.Records = l.rec.AppendRuntimeRecordsWithIDs(v.Records, l.spec.Name, l.spec.Image, l.ids[0], l.ids[1])
		if l.msgs != nil {
			for j := first; j < len(v.Records); j++ {
				v.Records[j].Message = l.msgs.of(v.Records[j].Attempt)
			}
		}
		if l.rec.Waiting() != "" {
			if fs := container.FindFailedStart(m.cache[:m.shownN], l.spec.Name); fs != nil {
				v.FailedStarts = append(v.FailedStarts, *fs)
			}
		}
		if !l.inSandbox && l.rec.State() != restart.StateNone {
			v.EarlierSandbox = append(v.EarlierSandbox, l.spec.Name)
		}
		if l.rec.State() == restart.StateRunning && (l.has(0) || l.has(1)) {
			pr := ProbeResults{Name: l.spec.Name, Liveness: probe.NoProbe, Startup: probe.NoProbe}
			if l.has(1) {
				pr.Liveness = m.probe(l, 1).w.Result()
			}
			if l.has(0) {
				pr.Startup = m.probe(l, 0).w.Result()
			}
			v.Probes = append(v.Probes, pr)
		}
	}
	if changed {
		m.bits.set(bitPodRestarting, ShouldAllContainersRestart(&m.p, v.Records, m.gates))
	}
	v.PodRestarting = m.bits.has(bitPodRestarting)
	v.RecursiveReadOnlyMounts = m.bits.has(bitRRO)
}

// computeActions runs ComputePodActions on the view, unless the actions
// were computed from this very view.
//
// A sync that acts as before needs no view: a Scratch's is not filled
// again for it.
func (m *Machine) computeActions() {
	if !m.viewStale && m.actsOf == m.viewGen && m.actsOf != 0 {
		return
	}
	ComputePodActions(&m.p, m.runtime(), m.gates, &m.acts)
	m.actsOf = m.viewGen
}

// podDescription is the pod as the kubelet names it in messages
// ("name_namespace(uid)"), built once.
func (m *Machine) podDescription() string {
	if m.desc == "" {
		m.desc = restart.Key{PodName: m.p.Metadata.Name, PodNamespace: m.p.Metadata.Namespace, PodUID: m.p.Metadata.UID}.PodDescription()
	}
	return m.desc
}

// start tries to start l now: the crash-loop back-off first, then the
// image, then the create. It reports whether the start went ahead (an
// action was emitted or one is in progress).
func (m *Machine) start(l *life) bool {
	if l.op != opNone {
		return l.op == opPull || l.op == opCreate || l.op == opStart
	}
	if l.pullFailed && l.pullFailedAt == m.now.UnixNano() {
		// A failed sync is retried after the kubelet's backOffPeriod
		// (pkg/kubelet/kubelet.go, 10 s).
		m.setWake(m.now.Add(syncRetry))
		return false
	}
	if code, finished, ok := l.rec.LastExit(); ok && l.rec.State() == restart.StateExited {
		_ = code
		d := l.crash.TryStart(m.limits, m.crashKey(l), finished, m.now)
		if d.InBackOff {
			_ = m.move(l, container.FailStart(m.now, container.CrashLoopBackOff, d.Delay))
			m.record(l, true, "BackOff", "Back-off restarting failed container ", l.spec.Name, " in pod ", m.podDescription())
			// The pod worker syncs again at the back-off's end, and at most
			// syncFrequency later (pod_workers.go completeWork: a
			// BackoffError's expiration, capped at the resync interval).
			m.setWake(earliest(d.RetryAt, m.now.Add(syncFrequency)))
			return false
		}
	}
	policy := l.spec.EffectivePullPolicy()
	if !l.hasImage {
		if policy == container.PullNever {
			_ = m.move(l, container.FailStart(m.now, container.ErrImageNeverPull, 0))
			l.failMsg = "Container image " + strconv.Quote(l.spec.Image) + " is not present with pull policy of Never"
			m.record(l, true, "ErrImageNeverPull", l.failMsg)
			m.setWake(m.now.Add(syncRetry)) // the failed sync is retried
			return false
		}
		d := l.pulls.TryPull(m.pullKey(l), m.now)
		if d.InBackOff {
			_ = m.move(l, container.FailStart(m.now, container.ImagePullBackOff, 0))
			m.record(l, false, "BackOff", "Back-off pulling image ", m.quoted(l.spec.Image))
			// An image pull back-off is a plain sync error: retried after
			// the backOffPeriod, whatever the back-off's end.
			m.setWake(earliest(d.RetryAt, m.now.Add(syncRetry)))
			return false
		}
		l.op, l.pullFrom = opPull, m.now.UnixNano()
		m.record(l, false, "Pulling", "Pulling image ", m.quoted(l.spec.Image))
		m.emit(Action{Kind: PullImage, Container: l.spec.Name, Image: l.spec.Image})
		return true
	}
	if policy != container.PullAlways && !l.pulled {
		// EnsureImageExists finds the image present; with
		// KubeletEnsureSecretPulledImages (beta, on in v1.37) and no pull
		// secrets it may be used without a pull
		// (pkg/kubelet/images/image_manager.go).
		m.record(l, false, "Pulled", "Container image ", m.quoted(l.spec.Image), " already present on machine and can be accessed by the pod")
	}
	l.op, l.pulled = opCreate, false
	m.emit(Action{Kind: CreateContainer, Container: l.spec.Name})
	return true
}

// askProbes asks for every probe due, once per due time, and sets the
// wake-up for the next ones.
func (m *Machine) askProbes() {
	now := m.now.UnixNano()
	for i := range m.ctrs {
		l := &m.ctrs[i]
		if l.slot == [3]uint16{} || l.rec.State() != restart.StateRunning {
			continue
		}
		for k := range l.slot {
			if !l.has(k) {
				continue
			}
			ps := m.probe(l, k)
			// ps.due is the worker's next tick as it said last; every change
			// to a worker clears it, and a tick at or after now is still the
			// first at or after now. So only a tick now past is asked again.
			if ps.due != 0 && ps.due > now {
				if m.wake == noWake || ps.due < m.wake {
					m.wake = ps.due
				}
				continue
			}
			due := ps.due
			at := m.now
			if due == 0 || due < now {
				t, ok := ps.w.NextDue(m.now)
				if !ok {
					continue
				}
				due, at = t.UnixNano(), t
				ps.due = due
				if due > now {
					m.wakeAt(due)
					continue
				}
			}
			// Due now: asked for once.
			if !ps.askedSet || ps.asked != due {
				ps.asked, ps.askedSet = due, true
				m.emit(Action{Kind: RunProbe, Container: l.spec.Name, Probe: probeKinds[k], At: at})
			}
		}
	}
}

// killAll kills every running container (regular ones first, sidecars
// after every regular container and later sidecar has stopped, in reverse
// order: kuberuntime_termination_order.go). It reports whether any
// container is still alive.
func (m *Machine) killAll(reason string) bool {
	grace := m.podGrace()
	regularAlive := false
	for i := range m.ctrs {
		l := &m.ctrs[i]
		if l.kind == container.Sidecar {
			continue
		}
		if s := l.rec.State(); s == restart.StateRunning || s == restart.StateCreated {
			regularAlive = true
			m.kill(l, grace, reason, "")
		}
	}
	alive := regularAlive
	for i := len(m.ctrs) - 1; i >= 0; i-- {
		l := &m.ctrs[i]
		if l.kind != container.Sidecar {
			continue
		}
		if s := l.rec.State(); s == restart.StateRunning || s == restart.StateCreated {
			if !regularAlive && !alive {
				m.kill(l, grace, reason, "")
			}
			alive = true
		}
	}
	for i := range m.ctrs {
		if l := &m.ctrs[i]; l.op == opKill || l.op == opPreStop {
			m.wakeAt(l.killBy)
		}
	}
	return alive
}

// terminate runs the kubelet's termination of the pod: kill what runs,
// stop the sandbox, and, for a deleted pod, remove it.
func (m *Machine) terminate() {
	reason := ""
	if m.deleting {
		reason = "Deleting"
	}
	for i := range m.ctrs {
		if m.ctrs[i].op == opPull || m.ctrs[i].op == opCreate {
			m.ctrs[i].op = opNone // nothing more is started
		}
	}
	if m.killAll(reason) {
		return
	}
	if len(m.sandboxes) > 0 && m.sandboxes[0].Ready && !m.bits.has(bitSandboxOff) {
		m.bits.set(bitSandboxOff, true)
		m.sandboxes[0].Ready = false
		m.emit(Action{Kind: KillSandbox})
	}
	if m.deleting && !m.removed {
		m.removed = true
		m.emit(Action{Kind: RemovePod})
	}
}

// containerStatuses converts the statuses of list k from the runtime view,
// the previous ones read as the kubelet does. With a Scratch, the
// conversion writes into the scratch's spare half, and the half the
// previous statuses were in becomes the spare: the machine keeps one.
func (m *Machine) containerStatuses(v *RuntimeView, k container.Kind) []container.Status {
	sc := m.scratch
	if sc == nil {
		return ContainerStatuses(&m.buf, &m.p, &v.RuntimeStatus, k, m.gates)
	}
	m.buf.swapNext(k, &sc.spare)
	out := ContainerStatuses(&m.buf, &m.p, &v.RuntimeStatus, k, m.gates)
	m.buf.swapNext(k, &sc.spare) // the next half is now the previous statuses'
	return out
}

// updateStatus derives the pod's status from the machine's state.
func (m *Machine) updateStatus() {
	p := &m.p
	if p.Spec.NodeName == "" {
		p.Status.Conditions = p.Status.Conditions[:0]
		if len(p.Spec.SchedulingGates) > 0 {
			p.Status.Conditions = append(p.Status.Conditions, Condition{Type: PodScheduled, Status: ConditionFalse,
				Reason: "SchedulingGated", Message: "Scheduling is blocked due to non-empty scheduling gates",
				LastTransitionTime: m.now.Truncate(time.Second)})
		}
		return
	}
	v := m.runtime()
	m.statusStale = false
	prev := p.Status.Phase
	// The kubelet writes its node's IP into every status it generates, and
	// a hostNetwork pod, which has the node's network namespace, gets it
	// as its IP once and keeps it (kubelet_pods.go generateAPIPodStatus).
	p.Status.HostIP = m.hostIP
	if p.Spec.HostNetwork && p.Status.PodIP == "" && m.hostIP != "" {
		p.Status.PodIP = m.hostIP
		p.Status.PodIPs = append(p.Status.PodIPs[:0], PodIP{IP: m.hostIP})
	}
	p.Status.InitContainerStatuses = m.containerStatuses(v, container.Init)
	p.Status.ContainerStatuses = m.containerStatuses(v, container.Regular)
	if len(p.Spec.EphemeralContainers) > 0 {
		p.Status.EphemeralContainerStatuses = m.containerStatuses(v, container.Ephemeral)
	}
	// The API keeps times in whole seconds; the runtime's records (and the
	// back-off counted from them) keep the full precision.
	share := messageShare(&p.Spec)
	for _, list := range [3][]container.Status{p.Status.InitContainerStatuses, p.Status.ContainerStatuses, p.Status.EphemeralContainerStatuses} {
		for i := range list {
			normalizeState(&list[i].State, share)
			normalizeState(&list[i].LastState, share)
		}
	}
	for _, list := range [2][]container.Status{p.Status.InitContainerStatuses, p.Status.ContainerStatuses} {
		for i := range list {
			s := &list[i]
			l := m.find(s.Name)
			if l == nil || l.kind == container.Init {
				continue
			}
			l.started = l.rec.Started()
			s.Started, s.Ready = &l.started, l.rec.Ready()
		}
	}
	facts := m.NodeFacts()
	switch {
	case m.evicted && !prev.IsTerminal():
		Evict(p, Eviction{Message: m.evictMsg}, facts, m.gates, m.now)
	case m.deadline && !prev.IsTerminal():
		updateKubeletStatus(p, facts, &Eviction{Reason: "DeadlineExceeded",
			Message: "Pod was active on the node longer than the specified deadline"}, m.gates, m.now)
	default:
		UpdateKubeletStatus(p, facts, m.gates, m.now)
	}
	// A terminal phase is reported only once no container can still run
	// (status_manager.go mergePodStatus).
	if p.Status.Phase.IsTerminal() && !prev.IsTerminal() && m.anyAlive() {
		p.Status.Phase = prev
		p.Status.Reason, p.Status.Message = "", ""
	}
	if m.nodeLost {
		// The node lifecycle controller flips the Ready condition it finds
		// to False in place, keeping its reason, message, lastProbeTime and
		// observedGeneration (pkg/controller/util/node/controller_utils.go
		// MarkPodsNotReady).
		c := Condition{Type: Ready, Status: ConditionFalse}
		if old := p.Status.Condition(Ready); old != nil {
			c.Reason, c.Message, c.LastProbeTime, c.ObservedGeneration = old.Reason, old.Message, old.LastProbeTime, old.ObservedGeneration
		}
		setCondition(&p.Status, c, m.now)
	}
}
