package pod

import (
	"strconv"

	"github.com/podlife/podlife/feature"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/restart"
)

// UnknownContainerError reports a container name that the pod's spec does
// not list in the list that was searched.
type UnknownContainerError struct {
	// Pod is the pod's "namespace/name", or its name alone when it has no
	// namespace.
	Pod string
	// Container is the name that was looked up.
	Container string
	// Init is true when spec.initContainers was searched, false for
	// spec.containers.
	Init bool
}

func (e *UnknownContainerError) Error() string {
	list := "spec.containers"
	if e.Init {
		list = "spec.initContainers"
	}
	return "pod " + strconv.Quote(e.Pod) + ": no container " + strconv.Quote(e.Container) + " in " + list
}

// ShouldRestartContainer reports whether the kubelet would (re)start the
// container named name now (pkg/kubelet/container/helpers.go
// ShouldContainerBeRestarted): it is looked up in spec.initContainers when
// list is container.Init (or Sidecar), else in spec.containers, and an
// unknown name is an
// *UnknownContainerError. The container's v1 status is read as the
// kubelet's runtime view (see RuntimeRecord). Like the upstream helper it
// does not single out sidecars: their own policy Always restarts them while
// ContainerRestartRules is on.
//
// For a plain init container this is the upstream function alone: it does
// not ask whether the init container failed (restart.InitContainerFailed),
// which the kubelet checks before it.
func ShouldRestartContainer(p *Pod, name string, list container.Kind, gates feature.Gates) (bool, error) {
	init := isInitList(list)
	if p == nil {
		return false, unknownContainer(nil, name, init)
	}
	specs, statuses := p.Spec.Containers, p.Status.ContainerStatuses
	k := container.Regular
	if init {
		specs, statuses, k = p.Spec.InitContainers, p.Status.InitContainerStatuses, container.Init
	}
	// A hot call (a kubelet asks it per container per sync) whose decision
	// is a few nanoseconds: the lookups are its cost, so it keeps no stack
	// Pod for a nil p and builds its error out of line.
	var c *container.Container
	for i := range specs {
		if specs[i].Name == name {
			c = &specs[i]
			break
		}
	}
	if c == nil {
		return false, unknownContainer(&p.Metadata, name, init)
	}
	return restart.ShouldContainerBeRestarted(c.RestartSpec(p.Spec.RestartPolicy, k),
		RuntimeRecord(container.Find(statuses, name)), p.Metadata.IsDeleting(), gates), nil
}

// unknownContainer is the error for a name missing from the list searched,
// kept out of line so that the callers' fast paths stay small. A nil m is
// an empty pod's.
//
//go:noinline
func unknownContainer(m *Meta, name string, init bool) error {
	ref := ""
	if m != nil {
		ref = podRef(m)
	}
	return &UnknownContainerError{Pod: ref, Container: name, Init: init}
}

func podRef(m *Meta) string {
	if m.Namespace == "" {
		return m.Name
	}
	return m.Namespace + "/" + m.Name
}

// RuntimeRecord reads a container's v1 status as the newest record of the
// kubelet's runtime view, the way the conformance vectors encode it:
//
//   - no status: no record;
//   - state.running: running;
//   - state.terminated: exited with its exit code (OOMKilled from its
//     reason);
//   - state.waiting with lastState.terminated: the dead container waiting
//     in back-off, i.e. exited with the last state's exit code;
//   - state.waiting that is empty (no reason, no message) and without a
//     last state: a created, never started container;
//   - any other state.waiting: no runtime container yet (ContainerCreating,
//     PodInitializing, ErrImagePull, ...);
//   - a status with no state at all: unknown.
//
// When a status wrongly sets several states, running wins over terminated,
// which wins over waiting. The v1 API cannot tell the runtime's "created"
// and "unknown" apart from the cases above with certainty; both restart a
// container whatever its policies, so restart decisions do not depend on
// the choice.
func RuntimeRecord(s *container.Status) restart.Record {
	if s == nil {
		return restart.Record{}
	}
	st := s.State
	switch {
	case st.Running != nil:
		return restart.Record{State: restart.StateRunning}
	case st.Terminated != nil:
		return exitedRecord(st.Terminated)
	case st.Waiting != nil:
		if s.LastState.Terminated != nil {
			return exitedRecord(s.LastState.Terminated)
		}
		if st.Waiting.Reason == "" && st.Waiting.Message == "" {
			return restart.Record{State: restart.StateCreated}
		}
		return restart.Record{}
	}
	return restart.Record{State: restart.StateUnknown}
}

func exitedRecord(t *container.Terminated) restart.Record {
	return restart.Record{
		State:     restart.StateExited,
		ExitCode:  t.ExitCode,
		OOMKilled: t.Reason == container.OOMKilled,
	}
}

// AfterExit is what the kubelet does once a container has exited.
type AfterExit uint8

// The answers of RestartAfterExit.
const (
	// NotRestarted: the container is not started again (it completed, or
	// its policies say no; the pod may then be done or failed).
	NotRestarted AfterExit = iota
	// Restarted: the container alone is started again, after its crash-loop
	// back-off.
	Restarted
	// AllRestarted: every init and regular container of the pod is
	// restarted in place (a RestartAllContainers rule matched, KEP-5532).
	AllRestarted
)

// String returns the answer in words.
func (a AfterExit) String() string {
	switch a {
	case NotRestarted:
		return "not restarted"
	case Restarted:
		return "restarted"
	case AllRestarted:
		return "all containers restarted"
	}
	return "AfterExit(?)"
}

// RestartAfterExit answers "would the container named name be started
// again if it exited now with exitCode?" for any container of p, as the
// kubelet's sync decides it (pkg/kubelet/kuberuntime/kuberuntime_container.go
// computeInitContainerActions and kuberuntime_manager.go computePodActions,
// with pkg/api/v1/pod/util.go ContainerShouldRestart):
//
//   - a matching RestartAllContainers rule restarts every container, for
//     any kind of container, while its gates are on;
//   - a sidecar is started again after any exit;
//   - an init container that exits 0 has completed and is never run again;
//     after a failure its policies and rules decide (no: the pod fails);
//   - a regular container: its policies and rules decide;
//   - an ephemeral container is never restarted.
//
// An exit code 0 with reason OOMKilled counts as a failure for an init
// container; RestartAfterExit cannot see reasons, so ask with a non-zero
// code for that case. An unknown name is an *UnknownContainerError (with
// Init false: every list was searched).
func RestartAfterExit(p *Pod, name string, exitCode int32, gates feature.Gates) (AfterExit, error) {
	if p == nil {
		p = &Pod{}
	}
	c, k := findContainer(&p.Spec, name)
	if c == nil {
		return NotRestarted, &UnknownContainerError{Pod: podRef(&p.Metadata), Container: name}
	}
	if k == container.Ephemeral {
		return NotRestarted, nil
	}
	s := c.RestartSpec(p.Spec.RestartPolicy, k)
	switch {
	case restart.RestartsAllContainers(s, exitCode, gates):
		return AllRestarted, nil
	case k == container.Sidecar:
		return Restarted, nil
	case k == container.Init && exitCode == 0:
		return NotRestarted, nil
	case restart.ShouldRestartAfterExit(s, exitCode, gates):
		return Restarted, nil
	}
	return NotRestarted, nil
}

// findContainer returns the container named name and its kind, searching
// spec.initContainers, spec.containers and spec.ephemeralContainers.
func findContainer(s *Spec, name string) (*container.Container, container.Kind) {
	for i := range s.InitContainers {
		if c := &s.InitContainers[i]; c.Name == name {
			return c, c.KindIn(container.Init)
		}
	}
	for i := range s.Containers {
		if c := &s.Containers[i]; c.Name == name {
			return c, container.Regular
		}
	}
	for i := range s.EphemeralContainers {
		if c := &s.EphemeralContainers[i]; c.Name == name {
			return c, container.Ephemeral
		}
	}
	return nil, 0
}
