package sim

import (
	"time"

	"github.com/podlife/podlife/pod"
)

// PodDriver is one pod's machine with the Sim's runtime around it, for an
// embedder that owns the clock and the outside world: a fake kubelet that
// reads pods from an apiserver (kube/kubelettest). It answers the
// machine's actions from the container scripts exactly as a Sim does (it is
// a Sim holding the one pod) and says when the next answer or wake-up is
// due; the embedder delivers what comes from outside (the deletion, an
// eviction, node loss) with Deliver, and steps the driver in time order
// with Step. It starts no goroutine and reads no clock.
type PodDriver struct {
	s *Sim
}

// DriverOptions configure a PodDriver. The zero value drives a pod whose
// containers start at once and run for ever.
type DriverOptions struct {
	// Containers say how the pod's containers behave, as
	// Script.Containers do: the first entry that picks a container
	// applies.
	Containers []ContainerScript
	// SandboxDelay is how long creating the pod's sandbox takes.
	SandboxDelay time.Duration
	// Machine configures the pod's machine (feature gates, back-off).
	Machine pod.MachineOptions
	// Ordinal numbers the pods of one node from 1 (0 counts as 1): it
	// picks the pod's IP as a Sim gives its n-th sandbox one, so that the
	// pods of one embedder get distinct IPs.
	Ordinal int
	// NoTimeline keeps no Changes.
	NoTimeline bool
}

// NewPodDriver returns the driver of pod p, admitted at time at by the
// kubelet of p.Spec.NodeName (a pod without one is bound to "node-1"):
// its first sync has run, so the sandbox is being created. p is copied
// and its spec never changed; an invalid pod gets its validation errors,
// and a script naming a container p lacks a *ScriptError.
func NewPodDriver(p *pod.Pod, at time.Time, o DriverOptions) (*PodDriver, error) {
	s, err := New(Options{Start: at, Script: Script{Containers: o.Containers}, SandboxDelay: o.SandboxDelay,
		Machine: o.Machine, NoTimeline: o.NoTimeline, Node: p.Spec.NodeName})
	if err != nil {
		return nil, err
	}
	s.nextIP = max(o.Ordinal, 1) - 1
	if err := s.AddPod(p, 0); err != nil {
		return nil, err
	}
	if _, err := s.Step(); err != nil { // the creation: the first sync
		return nil, err
	}
	return &PodDriver{s: s}, nil
}

// Next returns when the next answer or wake-up is due, and false when
// nothing is queued (the pod is gone, or waits for the outside world
// only). A due item may turn out stale when it is stepped (a wake-up since
// replaced, the exit of a container killed since): stepping it changes
// nothing.
func (d *PodDriver) Next() (time.Time, bool) {
	if d.s.q.len() == 0 || d.Removed() {
		return time.Time{}, false
	}
	return time.Unix(0, d.s.q.peek().at).UTC(), true
}

// Step delivers the next due item, if any, and reports whether there was
// one.
func (d *PodDriver) Step() bool {
	if d.Removed() {
		return false
	}
	ok, _ := d.s.Step() // errors come from happenings only, and a driver has none
	return ok
}

// Deliver steps the machine with an event from outside (DeletionRequested,
// Evicted, NodeLost, NodeBack, ...) at ev.At, which must not be before
// Now, and answers its actions. An event the machine refuses changes
// nothing and its *pod.StepError is returned.
func (d *PodDriver) Deliver(ev pod.Event) error {
	if t := ev.At.UnixNano(); t > d.s.now {
		d.s.now = t
	}
	ev.At = d.s.Now()
	return d.s.stepPod(0, ev, describe(&ev))
}

// Now is the time of the last item stepped or event delivered.
func (d *PodDriver) Now() time.Time { return d.s.Now() }

// Machine is the pod's machine: its Pod, Status and Runtime are the
// kubelet's view after the last step. Step it only through the driver.
func (d *PodDriver) Machine() *pod.Machine { return d.s.pods[0].m }

// Removed reports whether the machine asked for RemovePod: every
// container has stopped, and a deleted pod's API object can be removed.
func (d *PodDriver) Removed() bool { return d.s.pods[0].removed }

// Changes returns what the pod's timeline recorded so far (rows, the
// kubelet's events, the removal), as Sim.Changes does.
func (d *PodDriver) Changes() []Change { return d.s.changes }
