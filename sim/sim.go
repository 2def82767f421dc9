package sim

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
)

// defaultStart is the virtual clock's start when Options.Start is zero
// (not an exported variable: a global anyone could change would make runs
// differ).
var defaultStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// DefaultMaxEvents bounds Run when Options.MaxEvents is zero.
const DefaultMaxEvents = 100_000_000

// Options configure a Sim. The zero value is a working simulation of one
// node, "node-1", with no jitter.
type Options struct {
	// Start is the virtual clock at time 0 (zero: 2026-01-01T00:00:00Z),
	// within pod.MachineTimes.
	Start time.Time
	// Script is what the nodes and the outside world do.
	Script Script
	// Node is the node pods without spec.nodeName are bound to when they
	// are created, when Script.Nodes is empty (empty: "node-1"); with
	// Script.Nodes the scheduler binds them.
	Node string
	// ControllerDelay is how long the controllers and the scheduler take
	// to react to a change (zero: at the same instant, after the change).
	ControllerDelay time.Duration
	// SandboxDelay is how long creating a pod sandbox takes.
	SandboxDelay time.Duration
	// Jitter, between 0 and 1, stretches or shrinks every scripted
	// duration by a factor drawn uniformly from [1-Jitter, 1+Jitter]
	// (rounded down to the millisecond), from a PCG source seeded with
	// Seed and owned by the Sim. 0 means no jitter and no draws.
	Jitter float64
	Seed   uint64
	// Machine configures every pod's machine (feature gates, crash-loop
	// back-off windows). Its HostIP, when set, is the IP of every node
	// (for a Sim of one node, or a PodDriver); else the nodes have
	// 192.168.0.2, 192.168.0.3, ... in the order the Sim first names
	// them (the declared ones first, in Script.Nodes order).
	Machine pod.MachineOptions
	// ParallelImagePulls lets a node pull several images at once, as the
	// kubelet does with serializeImagePulls false (and no
	// maxParallelImagePulls). By default a node pulls one at a time, in
	// the order asked, and a pull asked while another runs waits: the
	// Pulled event says "in 2s (5s including waiting)".
	ParallelImagePulls bool
	// MaxEvents bounds Run (zero: DefaultMaxEvents).
	MaxEvents int
	// Progress, when set, is called every ProgressEvery events taken from
	// the queue (zero: 10,000) and when Run or RunUntil returns, with the
	// number of events delivered (Stats.Events), the number queued and
	// the virtual time: enough for a progress bar on long runs.
	Progress      func(done, queued int, now time.Time)
	ProgressEvery int
	// NoTimeline keeps no Changes (the counts in Stats remain): for runs
	// that only measure. The machines then build no events either
	// (pod.MachineOptions.NoEvents).
	NoTimeline bool
	// ForgetRemoved drops a pod once it is removed (its machine and the
	// Sim's state of it): Pod returns nil for it, the views leave it out,
	// and a later pod may take its name. For long runs that stream pods
	// in (AddPod, AddHappening) and keep memory to the pods alive. The
	// nodes and controllers of a script keep track of the pods they saw,
	// so ForgetRemoved goes with neither.
	ForgetRemoved bool
}

// Stats count what a run did.
type Stats struct {
	// Events is the number of events delivered to machines (those
	// refused as stale included), happenings, controller passes and node
	// timers (grace, taint eviction, PodGC, eviction rounds) carried out,
	// and pods created; wake-ups
	// replaced by earlier ones and answers dropped by generation are not
	// delivered.
	Events int
	// Stale is the number of queued answers dropped because the kubelet
	// no longer waited for them (an exit of a container killed since, a
	// pull of a pod that is terminating); the machine refused them and
	// nothing changed.
	Stale int
	// Pods is the number of pods created; Removed of those removed.
	Pods, Removed int
}

// Sim is a deterministic simulation of pods on a virtual clock: one event
// queue in time order, one pod.Machine per pod, scripted answers to the
// machines' actions. Ties are broken by the order events were queued in
// (a sequence number), so a run is the same every time. It starts no
// goroutine and reads no clock. A Sim is not safe for concurrent use.
type Sim struct {
	opts  Options
	start time.Time
	now   int64
	q     queue
	seq   uint64
	rng   *rand.Rand

	pods  []*simPod
	byKey map[string]int32 // "namespace/name" and name to index; never iterated
	haps  slab[Happening]

	stats   Stats
	changes []Change
	sinceCB int
	nextIP  int

	cluster
	ctrLog []ctrRec // ContainerChanges, WriteContainers, WriteSVG
	// ctrMsgs are the terminated messages of the StateChanged records
	// that have one, by index in ctrLog (few do).
	ctrMsgs map[int32]string
	scratch pod.Scratch  // the machines'
	ephs    []*ephemeral // AddEphemeralContainer's, by item.hap
}

// simPod is the Sim's part of one pod. It is kept small (a million of
// them may live at once): what only the timelines need is in view, made
// when the first is recorded.
type simPod struct {
	key     string
	m       *pod.Machine
	node    string
	created bool
	removed bool
	ctrs    []ctrState
	debug   []ctrState // the containers Debug happenings add, until they do
	wake    int64
	view    *podView // the row and statuses last seen; nil with NoTimeline

	ni      int32       // index in Sim.nodes; -1 while unbound
	sched   *Scheduling // nil: no selector, no tolerations, priority 0
	req     reqs
	holds   bool   // its requests are booked on its node
	pending bool   // on Sim.pending: waiting for a node
	unsched string // the scheduler's last failure message
	owner   int32  // index in Sim.ctls; -1 for none
	rs      int32  // the Deployment-style controller's replica set; -1 for none
	sig     uint8  // what its controller saw of it last (podSignature)
	counted bool   // a Job-style controller counted its end
	tolSecs int64  // how long it tolerates the unreachable taint; -1 for ever
}

// ctrState is what the fake runtime knows of one container.
type ctrState struct {
	name    string
	script  *ContainerScript
	starts  int    // run attempts started
	pulls   int    // pulls asked for
	gen     uint32 // bumped when the container is killed: older answers are stale
	started int64  // when the current run started
}

// New returns a Sim with opts, or a *ScriptError when the script is wrong
// in itself (the script against the pods is checked by AddPod).
func New(opts Options) (*Sim, error) {
	if err := opts.Script.validate(); err != nil {
		return nil, err
	}
	if opts.Jitter < 0 || opts.Jitter >= 1 || opts.Jitter != opts.Jitter {
		return nil, &ScriptError{Field: "Options.Jitter", Problem: "jitter " + strconv.FormatFloat(opts.Jitter, 'g', -1, 64) + " is outside [0, 1)"}
	}
	if opts.ForgetRemoved && (len(opts.Script.Nodes) > 0 || len(opts.Script.Controllers) > 0) {
		return nil, &ScriptError{Field: "Options.ForgetRemoved", Problem: "the script's nodes and controllers keep track of the pods they saw: leave ForgetRemoved off with Script.Nodes or Script.Controllers"}
	}
	if opts.SandboxDelay < 0 {
		return nil, &ScriptError{Field: "Options.SandboxDelay", Problem: "negative duration"}
	}
	if opts.ControllerDelay < 0 {
		return nil, &ScriptError{Field: "Options.ControllerDelay", Problem: "negative duration"}
	}
	if opts.Start.IsZero() {
		opts.Start = defaultStart
	}
	if first, end := pod.MachineTimes(); opts.Start.Before(first) || !opts.Start.Before(end) {
		return nil, &ScriptError{Field: "Options.Start", Problem: "outside the times a pod's machine steps at, " +
			first.Format(time.RFC3339) + " to " + end.Format(time.RFC3339) + " (pod.MachineTimes)"}
	}
	if opts.Node == "" {
		opts.Node = "node-1"
	}
	if opts.MaxEvents <= 0 {
		opts.MaxEvents = DefaultMaxEvents
	}
	if opts.ProgressEvery <= 0 {
		opts.ProgressEvery = 10_000
	}
	s := &Sim{opts: opts, start: opts.Start, now: opts.Start.UnixNano(), byKey: map[string]int32{}}
	if opts.Jitter > 0 {
		s.rng = rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	}
	s.haps.vals = append([]Happening(nil), opts.Script.Happenings...)
	for i := range s.haps.vals {
		s.pushAt(s.start.Add(s.haps.vals[i].At).UnixNano(), item{pod: -1, hap: int32(i), ctr: -1, what: itemHappen})
	}
	if err := s.initCluster(); err != nil {
		return nil, err
	}
	return s, nil
}

// Now is the virtual clock: the time of the last event delivered, or the
// end of the last RunUntil.
func (s *Sim) Now() time.Time { return time.Unix(0, s.now).UTC() }

// Since is the virtual time elapsed since Options.Start: the time to give
// AddPod or AddHappening for "now".
func (s *Sim) Since() time.Duration { return time.Duration(s.now - s.start.UnixNano()) }

// Start is the virtual clock's time 0.
func (s *Sim) Start() time.Time { return s.start }

// Stats returns the counts so far.
func (s *Sim) Stats() Stats { return s.stats }

// Queued is the number of events waiting in the queue.
func (s *Sim) Queued() int { return s.q.len() }

// Pod returns the pod named key ("namespace/name" or name) as its kubelet
// reports it now, or nil when no such pod was added or it is not created
// yet. It is valid until the next step.
func (s *Sim) Pod(key string) *pod.Pod {
	i, ok := s.byKey[key]
	if !ok || !s.pods[i].created {
		return nil
	}
	return s.pods[i].m.Pod()
}

// AddPod adds pod p, created at time at (since Options.Start): the
// apiserver stores it then (creationTimestamp, generation 1, a uid when it
// has none) and it is bound to spec.nodeName, or by the scheduler when
// Script.Nodes lists nodes, or else at once to Options.Node. p is copied; its spec is
// shared and never changed. An invalid pod gets the validation errors; a
// script entry naming a container p lacks, or a second pod with the same
// namespace and name while the first is not removed, gets a *ScriptError.
func (s *Sim) AddPod(p *pod.Pod, at time.Duration) error {
	return s.AddPodScheduling(p, at, Scheduling{})
}

// AddPodScheduling is AddPod for a pod with a node selector, tolerations
// or a priority, the fields pod.Pod does not model.
func (s *Sim) AddPodScheduling(p *pod.Pod, at time.Duration, sch Scheduling) error {
	if p == nil {
		return &ScriptError{Problem: "no pod"}
	}
	if at < 0 || at > MaxTime {
		return &ScriptError{Field: "AddPod.at", Pod: podKey(p), Problem: "time " + at.String() + " is outside 0 to MaxTime (100 years)"}
	}
	if s.start.Add(at).UnixNano() < s.now {
		return &ScriptError{Field: "AddPod.at", Pod: podKey(p), Problem: "time " + at.String() + " is before the clock's now, " + s.Now().Sub(s.start).String()}
	}
	if err := validateScheduling("AddPodScheduling.sch", &sch); err != nil {
		if se, ok := err.(*ScriptError); ok {
			se.Pod = podKey(p)
		}
		return err
	}
	var sp *Scheduling
	if !sch.isZero() {
		sp = &sch
	}
	_, err := s.addPod(p, s.start.Add(at).UnixNano(), sp, -1)
	return err
}

// addPod adds p, created at t (Unix nanoseconds), owned by controller
// owner (-1: none), and returns its index.
func (s *Sim) addPod(p *pod.Pod, t int64, sch *Scheduling, owner int32) (int32, error) {
	key := podKey(p)
	if i, ok := s.byKey[key]; ok && s.pods[i].key == key && !s.pods[i].removed {
		return -1, &ScriptError{Pod: key, Problem: "a pod with this namespace and name was added already"}
	}
	cp := *p
	// The apiserver's PrepareForCreate (pkg/registry/core/pod/strategy.go):
	// a created pod is at generation 1.
	cp.Metadata.Generation = 1
	cp.Metadata.CreationTimestamp = time.Unix(0, t).UTC().Truncate(time.Second)
	if cp.Metadata.UID == "" {
		cp.Metadata.UID = "uid-" + strconv.Itoa(len(s.pods)+1)
	}
	mo := s.opts.Machine
	mo.NoEvents = mo.NoEvents || s.opts.NoTimeline
	if name := cp.Spec.NodeName; name != "" {
		// A pod created bound is never told its node by a Scheduled
		// event: its machine starts with the node's IP. A node the
		// script does not declare has no kubelet then (PodGC removes
		// such pods), so no IP.
		mo.HostIP = ""
		if ni, ok := s.nodeIdx[name]; ok && !s.nodes[ni].deleted {
			mo.HostIP = s.nodes[ni].ip
		} else if !ok && len(s.opts.Script.Nodes) == 0 {
			mo.HostIP = s.aheadIP(name)
		}
	}
	if mo.Scratch == nil {
		// The Sim steps one machine at a time and is done with each
		// Output before the next step: its machines share their scratch.
		mo.Scratch = &s.scratch
	}
	m, err := pod.NewMachine(&cp, mo)
	if err != nil {
		return -1, err
	}
	sp := &simPod{key: key, m: m, node: cp.Spec.NodeName, ni: -1, sched: sch, owner: owner, rs: -1}
	s.lowestPriority = min(s.lowestPriority, priorityOf(sp))
	if sp.node == "" && len(s.opts.Script.Nodes) == 0 {
		sp.node = s.opts.Node
	}
	spec := &m.Pod().Spec
	for i := range spec.InitContainers {
		sp.ctrs = append(sp.ctrs, ctrState{name: spec.InitContainers[i].Name})
	}
	for i := range spec.Containers {
		sp.ctrs = append(sp.ctrs, ctrState{name: spec.Containers[i].Name})
	}
	for i := range spec.EphemeralContainers {
		sp.ctrs = append(sp.ctrs, ctrState{name: spec.EphemeralContainers[i].Name})
	}
	// The containers Debug happenings will add can be scripted too.
	debugFrom := len(sp.ctrs)
	for _, h := range s.opts.Script.Happenings {
		if h.Kind == Debug && h.Ephemeral != nil && (h.Pod == key || h.Pod == p.Metadata.Name) {
			sp.ctrs = append(sp.ctrs, ctrState{name: h.Ephemeral.Name})
		}
	}
	for i := range s.opts.Script.Containers {
		c := &s.opts.Script.Containers[i]
		if !c.picks(p) {
			continue
		}
		found := c.Container == ""
		for j := range sp.ctrs {
			if (c.Container == "" || c.Container == sp.ctrs[j].name) && sp.ctrs[j].script == nil {
				sp.ctrs[j].script = c
			}
			found = found || c.Container == sp.ctrs[j].name
		}
		if !found {
			allowed := make([]string, len(sp.ctrs))
			for j := range sp.ctrs {
				allowed[j] = sp.ctrs[j].name
			}
			return -1, &ScriptError{Field: field("Containers", i, ".Container"), Pod: key, Container: c.Container,
				Problem: "the pod has no such container (its init, regular and ephemeral containers can be scripted)", Allowed: allowed}
		}
	}
	sp.tolSecs = unreachableToleration(sch)
	// Until its Debug happening, a debug container's state is kept apart.
	sp.debug = append(sp.debug, sp.ctrs[debugFrom:]...)
	sp.ctrs = sp.ctrs[:debugFrom:debugFrom]
	idx := int32(len(s.pods))
	s.pods = append(s.pods, sp)
	s.byKey[key] = idx
	if j, ok := s.byKey[p.Metadata.Name]; !ok || s.pods[j].removed && s.pods[j].m.Pod().Metadata.Name == p.Metadata.Name {
		s.byKey[p.Metadata.Name] = idx
	}
	s.pushAt(t, item{pod: idx, ctr: -1, what: itemCreate})
	return idx, nil
}

func podKey(p *pod.Pod) string { return p.Metadata.Namespace + "/" + p.Metadata.Name }

// pushAt queues it at t, after everything queued before for the same time.
func (s *Sim) pushAt(t int64, it item) {
	it.at = t
	it.seq = s.seq
	s.seq++
	s.q.push(it)
}

// jitter returns d as scripted, stretched by the jitter.
func (s *Sim) jitter(d time.Duration) time.Duration {
	if s.rng == nil || d <= 0 {
		return d
	}
	f := 1 + s.opts.Jitter*(2*s.rng.Float64()-1)
	return time.Duration(float64(d) * f).Truncate(time.Millisecond)
}

// LimitError says Run stopped at Options.MaxEvents with events still
// queued: a script whose pods never settle (a pod that runs forever with
// probes keeps the queue busy); use RunUntil, or raise MaxEvents.
type LimitError struct {
	Events int
	Now    time.Time
}

// Error says where the run stopped and what to do.
func (e *LimitError) Error() string {
	return "sim: stopped after " + strconv.Itoa(e.Events) + " events at " + e.Now.Format(time.RFC3339) +
		" with events still queued (raise Options.MaxEvents or use RunUntil)"
}

// Step delivers the next event, if any, and reports whether there was
// one. An error is a happening the script got wrong (a pod that does not
// exist or is gone); the happening is dropped and the Sim can go on.
func (s *Sim) Step() (bool, error) {
	if s.q.len() == 0 {
		return false, nil
	}
	it := s.q.pop()
	s.now = it.at
	err := s.deliver(&it)
	s.sinceCB++
	if s.opts.Progress != nil && s.sinceCB >= s.opts.ProgressEvery {
		s.sinceCB = 0
		s.opts.Progress(s.stats.Events, s.q.len(), s.Now())
	}
	return true, err
}

// RunUntil delivers every event due at or before t, then sets the clock to
// t (if it is later). It stops at the first error, and after
// Options.MaxEvents events with a *LimitError (a script that never lets
// time pass: a Job whose ignored failures take no time, for one).
func (s *Sim) RunUntil(t time.Time) error {
	end := t.UnixNano()
	defer s.progress()
	for n := 0; s.q.len() > 0 && s.q.peek().at <= end; n++ {
		if n >= s.opts.MaxEvents {
			return &LimitError{Events: n, Now: s.Now()}
		}
		if _, err := s.Step(); err != nil {
			return err
		}
	}
	if end > s.now {
		s.now = end
	}
	return nil
}

// Run delivers events until none is left, at most Options.MaxEvents of
// them (then a *LimitError). It stops at the first error.
func (s *Sim) Run() error {
	defer s.progress()
	for n := 0; s.q.len() > 0; n++ {
		if n >= s.opts.MaxEvents {
			return &LimitError{Events: n, Now: s.Now()}
		}
		if _, err := s.Step(); err != nil {
			return err
		}
	}
	return nil
}

func (s *Sim) progress() {
	if s.opts.Progress != nil {
		s.opts.Progress(s.stats.Events, s.q.len(), s.Now())
	}
}

var probeKinds = [...]probe.Kind{probe.Startup, probe.Liveness, probe.Readiness}
var outcomeList = [...]probe.Outcome{probe.OutcomeSuccess, probe.OutcomeFailure, probe.OutcomeTimeout, probe.OutcomeError}

func probeIdx(k probe.Kind) uint8 {
	for i, x := range probeKinds {
		if x == k {
			return uint8(i)
		}
	}
	return 0
}

func outcomeIdx(o probe.Outcome) uint8 {
	for i, x := range outcomeList {
		if x == o {
			return uint8(i)
		}
	}
	return 0
}

func (s *Sim) deliver(it *item) error {
	switch it.what {
	case itemHappen:
		return s.happen(it.hap)
	case itemCreate:
		s.create(it.pod)
		return nil
	case itemReconcile:
		s.reconcile()
		return nil
	case itemNodeGrace, itemTaintEvict, itemPodGC, itemPressure:
		s.nodeTimer(it)
		return nil
	case itemController:
		s.startController(it.hap)
		return nil
	}
	sp := s.pods[it.pod]
	if sp == nil || sp.removed {
		return nil // removed (and forgotten): nothing waits for it
	}
	if sp.ni >= 0 && s.nodes[sp.ni].gone {
		// The kubelet is out of reach: what it does is not seen until the
		// node is back (or never, if it is deleted).
		n := s.nodes[sp.ni]
		n.parked = append(n.parked, *it)
		return nil
	}
	if it.ctr >= 0 && sp.ctrs[it.ctr].gen != it.gen {
		s.stats.Stale++
		return nil
	}
	if it.kind == pod.TimePassed && it.at != sp.wake {
		return nil // a wake-up asked for and since replaced
	}
	if it.kind == pod.EphemeralContainerAdded {
		return s.addEphemeral(it)
	}
	ev := pod.Event{Kind: it.kind, At: s.Now(), ExitCode: it.code, Signal: it.sig, Reason: it.why, Message: it.msg, Hook: it.hook}
	if it.ctr >= 0 {
		c := &sp.ctrs[it.ctr]
		ev.Container = c.name
		switch it.kind {
		case pod.ContainerStarted:
			c.started = it.at
		case pod.ProbeResult:
			ev.Probe, ev.Outcome = probeKinds[it.prb], outcomeList[it.out]
		case pod.ImagePulled:
			if c.script != nil {
				ev.ImageSize = c.script.Pull.Size
			}
			ev.PullWait = time.Duration(it.wait)
		case pod.ContainerExited:
			// What the run ending now leaves, whether it ended by itself
			// or was stopped.
			if r := c.script.runOf(c.starts); r != nil && c.starts > 0 {
				ev.TerminationMessage, ev.Log = r.Message, r.Log
			}
		}
	}
	if it.kind == pod.SandboxReady {
		ev.IP = it.msg
		ev.Message = ""
	}
	s.stats.Events++
	err := s.stepPod(it.pod, ev, "") // a refused answer is stale: counted, nothing changed
	if it.kind == pod.ImagePulled && err == nil && sp.ni >= 0 {
		if c := specOf(&sp.m.Pod().Spec, int(it.ctr)); c != nil {
			s.imageArrived(sp.ni, c.Image)
		}
	}
	return nil
}

// happen carries out happening i.
func (s *Sim) happen(i int32) error {
	h := s.haps.at(i)
	s.stats.Events++
	defer s.freeHappening(i)
	f := func() string { return s.happeningField(i) } // only for an error
	switch h.Kind {
	case Delete, Evict:
		idx, ok := s.byKey[h.Pod]
		if !ok || !s.pods[idx].created {
			return &ScriptError{Field: f() + ".Pod", Pod: h.Pod, Problem: h.Kind.String() + " at " + h.At.String() + ": no such pod has been created by then"}
		}
		sp := s.pods[idx]
		if sp.removed {
			return &ScriptError{Field: f() + ".Pod", Pod: sp.key, Problem: h.Kind.String() + " at " + h.At.String() + ": the pod is gone already"}
		}
		ev := pod.Event{Kind: pod.DeletionRequested, At: s.Now(), GracePeriod: h.Grace}
		cause := "deleted"
		if h.Grace != nil {
			cause += " (grace " + strconv.FormatInt(*h.Grace, 10) + "s)"
		}
		if h.Kind == Evict {
			ev.Kind, ev.Message, cause = pod.Evicted, h.Message, "evicted"
		}
		if err := s.stepPod(idx, ev, cause); err != nil {
			return &ScriptError{Field: f(), Pod: sp.key, Problem: h.Kind.String() + " at " + h.At.String() + " refused: " + err.Error()}
		}
	case Debug, RemoveStaticPod:
		idx, ok := s.byKey[h.Pod]
		if !ok || !s.pods[idx].created || s.pods[idx].removed {
			return &ScriptError{Field: f() + ".Pod", Pod: h.Pod, Problem: h.Kind.String() + " at " + h.At.String() + ": no such pod is alive then"}
		}
		sp := s.pods[idx]
		var err error
		if h.Kind == Debug {
			st := ctrState{name: h.Ephemeral.Name}
			for j := range sp.debug {
				if sp.debug[j].name == h.Ephemeral.Name {
					st = sp.debug[j]
					break
				}
			}
			err = s.stepEphemeral(idx, st, *h.Ephemeral, "kubectl debug: "+h.Ephemeral.Name+" added")
		} else {
			err = s.stepPod(idx, pod.Event{Kind: pod.StaticPodRemoved, At: s.Now()}, "static pod manifest removed")
		}
		if err != nil {
			return &ScriptError{Field: f(), Pod: sp.key, Problem: h.Kind.String() + " at " + h.At.String() + " refused: " + err.Error()}
		}
	default:
		return s.clusterHappening(i, h)
	}
	return nil
}

// stepPod steps pod i's machine with ev, answers its actions and records
// what changed. cause, when set, names the happening behind ev. An event
// the machine refuses changed nothing: for an answer it means the kubelet
// no longer waits for it (the pod is terminating, the container was
// killed), and it is counted as stale; the refusal is returned.
func (s *Sim) stepPod(i int32, ev pod.Event, cause string) error {
	sp := s.pods[i]
	out, err := sp.m.Step(ev)
	if err != nil {
		s.stats.Stale++
		return err
	}
	if !s.opts.NoTimeline {
		for _, r := range out.Records {
			s.changes = append(s.changes, Change{At: r.At, Pod: sp.key, Kind: EventRecorded, Record: r, UID: sp.m.Pod().Metadata.UID})
		}
	}
	for _, a := range out.Actions {
		s.answer(i, sp, &a)
	}
	if !s.opts.NoTimeline {
		s.recordContainers(i, sp, &ev, &out)
	}
	if !out.Wake.IsZero() {
		if w := out.Wake.UnixNano(); w != sp.wake {
			sp.wake = w
			s.pushAt(w, item{pod: i, ctr: -1, kind: pod.TimePassed})
		}
	}
	s.recordRow(sp, &ev, cause)
	s.afterStep(sp)
	if sp.removed && s.opts.ForgetRemoved {
		s.forget(i)
	}
	return nil
}

func (sp *simPod) ctrIndex(name string) int32 {
	for i := range sp.ctrs {
		if sp.ctrs[i].name == name {
			return int32(i)
		}
	}
	return -1
}

// answer plays the runtime for action a of pod i: it queues the outcome
// the script gives.
func (s *Sim) answer(i int32, sp *simPod, a *pod.Action) {
	now := s.now
	ci := sp.ctrIndex(a.Container)
	var c *ctrState
	var cs *ContainerScript
	if ci >= 0 {
		c = &sp.ctrs[ci]
		cs = c.script
	}
	ev := func(after time.Duration, k pod.EventKind) item {
		it := item{pod: i, ctr: ci, kind: k}
		if c != nil {
			it.gen = c.gen
		}
		it.at = now + int64(after)
		return it
	}
	push := func(it item) { s.pushAt(it.at, it) }
	switch a.Kind {
	case pod.CreateSandbox:
		s.nextIP++
		it := item{pod: i, ctr: -1, kind: pod.SandboxReady, msg: podIP(s.nextIP)}
		if sp.m.Pod().Spec.HostNetwork {
			it.msg = ""
		}
		s.pushAt(now+int64(s.jitter(s.opts.SandboxDelay)), it)
	case pod.PullImage:
		if c == nil {
			return
		}
		c.pulls++
		var d time.Duration
		if cs != nil {
			d = cs.Pull.Duration
		}
		fails := cs.pullFails(c.pulls)
		wait, d := s.pullQueue(sp, a.Image, s.jitter(d), fails)
		if fails {
			it := ev(wait+d, pod.ImagePullFailed)
			it.msg = cs.Pull.Message
			if it.msg == "" {
				it.msg = "rpc error: code = NotFound desc = failed to pull and unpack image \"" + a.Image + "\": not found"
			}
			push(it)
			return
		}
		it := ev(wait+d, pod.ImagePulled)
		it.wait = int64(wait)
		push(it)
	case pod.CreateContainer:
		var d time.Duration
		if cs != nil {
			d = cs.CreateDelay
		}
		push(ev(s.jitter(d), pod.ContainerCreated))
	case pod.StartContainer:
		if c == nil {
			return
		}
		var d time.Duration
		if cs != nil {
			d = cs.StartDelay
		}
		d = s.jitter(d)
		push(ev(d, pod.ContainerStarted))
		c.starts++
		if r, ends := cs.run(c.starts); ends {
			it := ev(d+s.jitter(r.For), pod.ContainerExited)
			it.code, it.why = r.ExitCode, r.Reason
			push(it)
		}
	case pod.RunProbe:
		if c == nil {
			return
		}
		at := a.At.UnixNano()
		o, said := cs.answer(a.Probe, c.starts, time.Duration(at-c.started))
		it := ev(0, pod.ProbeResult)
		it.at = max(at, now)
		it.prb, it.out, it.msg = probeIdx(a.Probe), outcomeIdx(o), said
		push(it)
	case pod.RunHook:
		if c == nil {
			return
		}
		var h HookScript
		if cs != nil {
			h = cs.PostStart
			if a.Hook == pod.PreStop {
				h = cs.PreStop
			}
		}
		if a.Hook == pod.PreStop {
			c.gen++ // the run's own end no longer counts: it is being stopped
		}
		d := s.jitter(h.Duration)
		if a.Hook == pod.PreStop && d > a.Grace {
			d = a.Grace
		}
		it := ev(d, pod.HookFinished)
		it.hook, it.msg = a.Hook, h.Fail
		push(it)
	case pod.KillContainer:
		if c == nil {
			return
		}
		c.gen++
		// SIGTERM first; SIGKILL at the grace if the process is still up
		// (kuberuntime_container.go killContainer).
		stop, code, sig := time.Duration(0), int32(143), int32(15)
		if cs != nil {
			stop = s.jitter(cs.StopDelay)
			if cs.IgnoreSIGTERM || stop >= a.Grace {
				stop, code, sig = a.Grace, 137, 9
			}
		}
		it := ev(stop, pod.ContainerExited)
		it.code, it.sig = code, sig
		push(it)
	case pod.RemovePod:
		sp.removed = true
		s.stats.Removed++
		s.release(sp)
	}
}

// nodeIP is the IP of the n-th node (from 0) a Sim names: 192.168.0.2 up,
// 250 to a /24 as podIP counts (a cluster has at most 5,000 nodes; past
// 64,000 the IPs repeat).
func nodeIP(n int) string {
	return "192.168." + strconv.Itoa(n/250%256) + "." + strconv.Itoa(n%250+2)
}

func podIP(n int) string {
	return "10.244." + strconv.Itoa(n/250%256) + "." + strconv.Itoa(n%250+2)
}
