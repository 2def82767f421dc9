package kubectl

import (
	"strconv"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
)

// Status is the STATUS cell of `kubectl get pods`: the pod's phase, or its
// status.reason, or a reason taken from one of its containers, or one of
// the printer's own words below. Any string the API carries can end up
// here, so Status is open; the constants are the words the printer itself
// writes or tests for.
type Status string

// STATUS words of the printer (pkg/printers/internalversion/printers.go
// printPod).
const (
	// StatusRunning replaces Completed when a container still runs ready
	// and the pod's Ready condition is True.
	StatusRunning Status = "Running"
	// StatusCompleted is the terminated reason of a container that exited
	// 0; it triggers the Running/NotReady/error fix-up.
	StatusCompleted Status = "Completed"
	// StatusNotReady: a container completed while another still runs
	// ready, but the pod is not Ready and no container failed.
	StatusNotReady Status = "NotReady"
	// StatusTerminating: the pod has a deletionTimestamp and its phase is
	// not terminal.
	StatusTerminating Status = "Terminating"
	// StatusUnknown: the pod has a deletionTimestamp and status.reason
	// NodeLost (its node stopped reporting).
	StatusUnknown Status = "Unknown"
	// StatusSchedulingGated: a PodScheduled condition has reason
	// SchedulingGated (spec.schedulingGates hold the pod back).
	StatusSchedulingGated Status = "SchedulingGated"
	// StatusPodInitializing is the waiting reason the kubelet gives
	// containers while init containers run; an init container waiting
	// with it prints Init:<i>/<n>.
	StatusPodInitializing Status = "PodInitializing"
)

// Reasons the printer compares status.reason and conditions with.
const (
	// NodeLostReason is the status.reason the node lifecycle controller
	// sets on pods of an unreachable node (pkg/util/node
	// NodeUnreachablePodReason).
	NodeLostReason = "NodeLost"
	// SchedulingGatedReason is the reason of a PodScheduled condition while
	// scheduling gates remain (k8s.io/api/core/v1 PodReasonSchedulingGated).
	SchedulingGatedReason = "SchedulingGated"
)

// Prefixes of composite STATUS words.
const (
	// InitPrefix starts the STATUS of a pod held in initialization by an
	// init container: Init:<reason>, Init:Signal:<n>, Init:ExitCode:<n> or
	// Init:<i>/<n>.
	InitPrefix = "Init:"
	// SignalPrefix and ExitCodePrefix start the STATUS of a container that
	// terminated without a reason: Signal:<n> when it has a signal, else
	// ExitCode:<n>.
	SignalPrefix   = "Signal:"
	ExitCodePrefix = "ExitCode:"
)

// None is what the wide columns IP, NODE, NOMINATED NODE and READINESS
// GATES print when they have nothing to show.
const None = "<none>"

// Row is one row of `kubectl get pods` (and `-o wide`), as values. The
// apiserver's table printer computes it (kubectl asks the server for a
// Table), so it follows the server's version: v1.37 here
// (pkg/printers/internalversion/printers.go printPod). Its text methods
// write each cell exactly as the printer does.
type Row struct {
	// Name and Namespace are the pod's metadata.name and namespace (the
	// NAME column, and NAMESPACE with --all-namespaces).
	Name, Namespace string
	// ReadyContainers and Containers make the READY cell
	// "<ready>/<containers>". Containers counts spec.containers and the
	// sidecars (init containers with restartPolicy Always); ready counts
	// running ready containers and started ready sidecars, and only those
	// the printer got to (none of the regular ones while the pod is still
	// initializing).
	ReadyContainers, Containers int
	// Status is the STATUS cell.
	Status Status
	// Restarts is the RESTARTS count: while the pod initializes, the
	// restartCount sum of the init containers up to the one that holds it;
	// afterwards that of the sidecars and the regular containers.
	Restarts int
	// LastRestart is the newest lastState.terminated.finishedAt among the
	// containers counted in Restarts; zero when none has one.
	LastRestart time.Time
	// Created is metadata.creationTimestamp (the AGE column).
	Created time.Time
	// Now is the printer's clock, against which AGE and the restart age
	// are measured.
	Now time.Time
	// IP is status.podIPs[0].ip ("" when there is none; status.podIP is
	// not read).
	IP string
	// Node is spec.nodeName, NominatedNode status.nominatedNodeName.
	Node, NominatedNode string
	// ReadinessGates is len(spec.readinessGates); ReadinessGatesTrue how
	// many of them have a True condition (the first condition of the
	// gate's type counts).
	ReadinessGates, ReadinessGatesTrue int
}

// PodRow computes the row of p as printed at now
// (pkg/printers/internalversion/printers.go printPod). A nil p is read as
// an empty Pod (READY 0/0, STATUS "", RESTARTS 0, AGE <unknown>). It
// allocates only for a STATUS it has to compose (Init:…, Signal:…,
// ExitCode:…).
func PodRow(p *pod.Pod, now time.Time) Row { return podRow(p, now, nil) }

// podRow is PodRow; when tr is not nil, each step that sets STATUS is
// added to it as it is taken.
func podRow(p *pod.Pod, now time.Time, tr *statusTrace) Row {
	if p == nil {
		p = &emptyPod
	}
	st := &p.Status
	r := Row{
		Name:          p.Metadata.Name,
		Namespace:     p.Metadata.Namespace,
		Containers:    len(p.Spec.Containers),
		Created:       p.Metadata.CreationTimestamp,
		Now:           now,
		Node:          p.Spec.NodeName,
		NominatedNode: st.NominatedNodeName,
	}
	if len(st.PodIPs) > 0 {
		r.IP = st.PodIPs[0].IP
	}

	// The phase, replaced by status.reason, replaced by a scheduling gate.
	status := Status(st.Phase)
	tr.add(StatusFromPhase, status, "")
	if st.Reason != "" {
		status = Status(st.Reason)
		tr.add(StatusFromReason, status, "")
	}
	for i := range st.Conditions {
		if c := &st.Conditions[i]; c.Type == pod.PodScheduled && c.Reason == SchedulingGatedReason {
			status = StatusSchedulingGated
			tr.add(StatusGated, status, "")
		}
	}

	for i := range p.Spec.InitContainers {
		if p.Spec.InitContainers[i].IsSidecar() {
			r.Containers++
		}
	}

	// Init containers, in status order, until one holds the pod.
	var (
		restarts, sidecarRestarts int
		last, sidecarLast         time.Time
		initializing              bool
	)
	sidecars := sidecarsOf(p)
	for i := range st.InitContainerStatuses {
		cs := &st.InitContainerStatuses[i]
		sidecar := sidecars.is(cs.Name)
		restarts += int(cs.RestartCount)
		last = newerFinish(last, cs)
		if sidecar {
			sidecarRestarts += int(cs.RestartCount)
			sidecarLast = newerFinish(sidecarLast, cs)
		}
		term, wait := cs.State.Terminated, cs.State.Waiting
		if term != nil && term.ExitCode == 0 {
			continue // done
		}
		if sidecar && cs.IsStarted() {
			if cs.Ready {
				r.ReadyContainers++
			}
			continue
		}
		initializing = true
		switch {
		case term != nil:
			status = terminatedStatus(InitPrefix, term)
			tr.add(StatusInitTerminated, status, cs.Name)
		case wait != nil && wait.Reason != "" && wait.Reason != container.PodInitializing:
			status = Status(InitPrefix + string(wait.Reason))
			tr.add(StatusInitWaiting, status, cs.Name)
		default:
			status = initCounter(i, len(p.Spec.InitContainers))
			tr.add(StatusInitCounter, status, cs.Name)
		}
		break
	}

	// Regular containers, once initialization no longer holds the pod.
	if !initializing || initializedTrue(st) {
		restarts, last = sidecarRestarts, sidecarLast
		hasRunning := false
		var errorStatus Status
		// Walked backwards so that the first container, in list order, with
		// something to say has the last word.
		for i := len(st.ContainerStatuses) - 1; i >= 0; i-- {
			cs := &st.ContainerStatuses[i]
			restarts += int(cs.RestartCount)
			last = newerFinish(last, cs)
			switch {
			case cs.State.Waiting != nil && cs.State.Waiting.Reason != "":
				status = Status(cs.State.Waiting.Reason)
				tr.add(StatusContainerWaiting, status, cs.Name)
			case cs.State.Terminated != nil:
				status = terminatedStatus("", cs.State.Terminated)
				tr.add(StatusContainerTerminated, status, cs.Name)
				if cs.State.Terminated.ExitCode != 0 {
					errorStatus = status
				}
			case cs.Ready && cs.State.Running != nil:
				hasRunning = true
				r.ReadyContainers++
			}
		}
		if status == StatusCompleted {
			switch {
			case hasRunning && anyReadyTrue(st):
				status = StatusRunning
				tr.add(StatusCompletedButRunning, status, "")
			case errorStatus != "":
				status = errorStatus
				tr.add(StatusCompletedButFailed, status, "")
			case hasRunning:
				status = StatusNotReady
				tr.add(StatusCompletedNotReady, status, "")
			}
		}
	}

	if p.Metadata.IsDeleting() {
		switch {
		case st.Reason == NodeLostReason:
			status = StatusUnknown
			tr.add(StatusDeletedNodeLost, status, "")
		case !st.Phase.IsTerminal():
			status = StatusTerminating
			tr.add(StatusDeleting, status, "")
		}
	}
	r.Status = status
	r.Restarts = restarts
	r.LastRestart = last

	r.ReadinessGates = len(p.Spec.ReadinessGates)
	for _, g := range p.Spec.ReadinessGates {
		if c := st.Condition(g.ConditionType); c != nil && c.Status == pod.ConditionTrue {
			r.ReadinessGatesTrue++
		}
	}
	return r
}

// isSidecarStatus reports whether the init-container status named name
// belongs to a sidecar. The printer looks the name up in a map built from
// spec.initContainers, so of several entries with one name the last one
// decides, and a status with no entry is not a sidecar.
func isSidecarStatus(p *pod.Pod, name string) bool {
	for i := len(p.Spec.InitContainers) - 1; i >= 0; i-- {
		if p.Spec.InitContainers[i].Name == name {
			return p.Spec.InitContainers[i].IsSidecar()
		}
	}
	return false
}

// sidecarNames answers isSidecarStatus for each status of a pod: by a scan
// for a few init containers, through a map of their names for many (a scan
// for each status made a large pod's row quadratic in its size).
type sidecarNames struct {
	p      *pod.Pod
	byName map[string]bool
}

// manyInits is the number of init containers beyond which sidecarNames
// keeps a map.
const manyInits = 16

func sidecarsOf(p *pod.Pod) sidecarNames {
	s := sidecarNames{p: p}
	if inits := p.Spec.InitContainers; len(inits) > manyInits {
		s.byName = make(map[string]bool, len(inits))
		for i := range inits {
			s.byName[inits[i].Name] = inits[i].IsSidecar() // a later entry replaces: the last decides
		}
	}
	return s
}

func (s *sidecarNames) is(name string) bool {
	if s.byName != nil {
		return s.byName[name]
	}
	return isSidecarStatus(s.p, name)
}

// newerFinish returns the later of t and cs's lastState.terminated.finishedAt.
func newerFinish(t time.Time, cs *container.Status) time.Time {
	if lt := cs.LastState.Terminated; lt != nil && t.Before(lt.FinishedAt) {
		return lt.FinishedAt
	}
	return t
}

// terminatedStatus is the STATUS of a terminated state: its reason, else
// Signal:<n>, else ExitCode:<n>, after prefix.
func terminatedStatus(prefix string, t *container.Terminated) Status {
	if t.Reason != "" {
		if prefix == "" {
			return Status(t.Reason)
		}
		return Status(prefix + string(t.Reason))
	}
	var buf [40]byte
	b := append(buf[:0], prefix...)
	if t.Signal != 0 {
		b = strconv.AppendInt(append(b, SignalPrefix...), int64(t.Signal), 10)
	} else {
		b = strconv.AppendInt(append(b, ExitCodePrefix...), int64(t.ExitCode), 10)
	}
	return Status(b)
}

// initCounter is "Init:<i>/<n>".
func initCounter(i, n int) Status {
	var buf [40]byte
	b := strconv.AppendInt(append(buf[:0], InitPrefix...), int64(i), 10)
	b = strconv.AppendInt(append(b, '/'), int64(n), 10)
	return Status(b)
}

// initializedTrue reports whether the first Initialized condition is True
// (pkg/printers/internalversion/printers.go isPodInitializedConditionTrue).
func initializedTrue(st *pod.Status) bool {
	c := st.Condition(pod.Initialized)
	return c != nil && c.Status == pod.ConditionTrue
}

// anyReadyTrue reports whether any Ready condition is True: the printer
// does not stop at the first one (pkg/printers/internalversion/printers.go
// hasPodReadyCondition), unlike IsPodReady.
func anyReadyTrue(st *pod.Status) bool {
	for i := range st.Conditions {
		if st.Conditions[i].Type == pod.Ready && st.Conditions[i].Status == pod.ConditionTrue {
			return true
		}
	}
	return false
}

// AppendReady appends the READY cell, "<ready>/<containers>".
func (r *Row) AppendReady(dst []byte) []byte {
	dst = strconv.AppendInt(dst, int64(r.ReadyContainers), 10)
	dst = append(dst, '/')
	return strconv.AppendInt(dst, int64(r.Containers), 10)
}

// AppendRestarts appends the RESTARTS cell: the count, followed by
// " (<age> ago)" when the count is not 0 and LastRestart is set.
func (r *Row) AppendRestarts(dst []byte) []byte {
	dst = strconv.AppendInt(dst, int64(r.Restarts), 10)
	if r.Restarts == 0 || r.LastRestart.IsZero() {
		return dst
	}
	dst = append(dst, " ("...)
	dst = AppendSince(dst, r.LastRestart, r.Now)
	return append(dst, " ago)"...)
}

// AppendAge appends the AGE cell: Since(Created, Now).
func (r *Row) AppendAge(dst []byte) []byte { return AppendSince(dst, r.Created, r.Now) }

// AppendReadinessGates appends the READINESS GATES cell: "<true>/<gates>",
// or <none> without gates.
func (r *Row) AppendReadinessGates(dst []byte) []byte {
	if r.ReadinessGates == 0 {
		return append(dst, None...)
	}
	dst = strconv.AppendInt(dst, int64(r.ReadinessGatesTrue), 10)
	dst = append(dst, '/')
	return strconv.AppendInt(dst, int64(r.ReadinessGates), 10)
}

func orNone(dst []byte, s string) []byte {
	if s == "" {
		return append(dst, None...)
	}
	return append(dst, s...)
}

// AppendIP appends the IP cell of -o wide: the pod's first IP
// (status.podIPs[0]), <none> before the kubelet reports one.
func (r *Row) AppendIP(dst []byte) []byte { return orNone(dst, r.IP) }

// AppendNode appends the NODE cell of -o wide: the node the pod is bound
// to (spec.nodeName), <none> while it is not scheduled.
func (r *Row) AppendNode(dst []byte) []byte { return orNone(dst, r.Node) }

// AppendNominatedNode appends the NOMINATED NODE cell of -o wide: the node
// the scheduler preempted other pods on for this one
// (status.nominatedNodeName), usually <none>.
func (r *Row) AppendNominatedNode(dst []byte) []byte { return orNone(dst, r.NominatedNode) }

// ReadyText returns the READY cell.
func (r *Row) ReadyText() string { return string(r.AppendReady(nil)) }

// RestartsText returns the RESTARTS cell.
func (r *Row) RestartsText() string { return string(r.AppendRestarts(nil)) }

// AgeText returns the AGE cell.
func (r *Row) AgeText() string { return string(r.AppendAge(nil)) }

// IPText returns the IP cell.
func (r *Row) IPText() string { return string(r.AppendIP(nil)) }

// NodeText returns the NODE cell.
func (r *Row) NodeText() string { return string(r.AppendNode(nil)) }

// NominatedNodeText returns the NOMINATED NODE cell.
func (r *Row) NominatedNodeText() string { return string(r.AppendNominatedNode(nil)) }

// ReadinessGatesText returns the READINESS GATES cell.
func (r *Row) ReadinessGatesText() string { return string(r.AppendReadinessGates(nil)) }
