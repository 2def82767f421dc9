package pod

import (
	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/restart"
)

// Views are a pod's containers as the phase and condition rules read them:
// one container.View per entry of spec.initContainers (Init) and of
// spec.containers (Regular), in spec order, plus the two facts about the
// status lists as a whole that the rules need. Fill them from a pod's API
// status with MakeViews, or directly (a state machine knows each
// container's state); Phase, AppendConditions and KubeletStatus go through
// them either way.
type Views struct {
	Init    []container.View
	Regular []container.View
	// StatusesKnown says the kubelet has container statuses for the pod at
	// all. Without any, the condition generators answer
	// UnknownContainerStatuses (pkg/kubelet/status/generate.go, which tests
	// the concatenated list for nil).
	StatusesKnown bool
	// AnyRegularStarted says some status of a regular container shows it
	// running or terminated now (pkg/kubelet/container/helpers.go
	// HasAnyRegularContainerStarted); it makes the pod Initialized.
	AnyRegularStarted bool
}

// LookupOrder says which status list is searched first for a container's
// status by name. Upstream's rules differ: getPhase searches
// containerStatuses first, the condition generators initContainerStatuses
// first. They agree unless a name appears in both lists.
type LookupOrder uint8

// The lookup orders.
const (
	// RegularFirst is getPhase's order (pkg/kubelet/kubelet_pods.go).
	RegularFirst LookupOrder = iota
	// InitFirst is the condition generators' order
	// (pkg/kubelet/status/generate.go, podutil.GetContainerStatus on init
	// statuses, then regular ones).
	InitFirst
)

// smallPod is the number of statuses up to which a name is found by a
// linear scan; above it MakeViews builds an index, so that time grows
// linearly with the pod's size while ordinary pods allocate nothing.
const smallPod = 16

// MakeViews returns v filled from p's spec and API container statuses,
// reusing v's slices (v = pod.MakeViews(v, p, pod.RegularFirst, gates)). Each container's status is the first one with its
// name in the lists, searched in order o. The will-restart bit of a
// terminated container is the kubelet's answer under gates
// (pkg/api/v1/pod/util.go ContainerShouldRestart; a termination with reason
// RestartingAllContainers counts as restarting while
// RestartAllContainersOnContainerExits is on).
//
// Empty status lists mean "no statuses", the same as absent ones: the
// kubelet reports one concatenated list, and JSON cannot round-trip the
// difference. A nil p gives empty views.
func MakeViews(v Views, p *Pod, o LookupOrder, gates feature.Gates) Views {
	v = fillViews(v, p, o, gates)
	if p != nil {
		v.StatusesKnown = len(p.Status.InitContainerStatuses)+len(p.Status.ContainerStatuses) > 0
		f := statusFinder{st: &p.Status, order: o}
		f.index()
		v.AnyRegularStarted = anyRegularStarted(p, &f)
	}
	return v
}

// fillViews fills the per-container views only (what getPhase reads); the
// list-wide facts are left false.
func fillViews(v Views, p *Pod, o LookupOrder, gates feature.Gates) Views {
	v.StatusesKnown, v.AnyRegularStarted = false, false
	if p == nil {
		v.Init, v.Regular = v.Init[:0], v.Regular[:0]
		return v
	}
	f := statusFinder{st: &p.Status, order: o}
	f.index()
	spec := &p.Spec
	v.Init = resize(v.Init, len(spec.InitContainers))
	for i := range spec.InitContainers {
		c := &spec.InitContainers[i]
		k := container.Init
		if c.IsSidecar() {
			k = container.Sidecar
		}
		v.Init[i] = viewOf(c, k, f.find(c.Name), spec.RestartPolicy, gates)
	}
	v.Regular = resize(v.Regular, len(spec.Containers))
	for i := range spec.Containers {
		c := &spec.Containers[i]
		v.Regular[i] = viewOf(c, container.Regular, f.find(c.Name), spec.RestartPolicy, gates)
	}
	return v
}

// resize returns s with length n, reusing its memory when it has room.
func resize(s []container.View, n int) []container.View {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]container.View, n)
}

// viewOf is the view of container c of kind k with API status s (nil: none).
func viewOf(c *container.Container, k container.Kind, s *container.Status, podPolicy restart.Policy, gates feature.Gates) container.View {
	v := container.View{Kind: k}
	if s == nil {
		return v
	}
	v.State = container.StateKindOf(&s.State)
	if s.IsStarted() {
		v.Flags |= container.Started
	}
	if s.Ready {
		v.Flags |= container.Ready
	}
	var t *container.Terminated
	switch v.State {
	case container.StateTerminated:
		t = s.State.Terminated
	case container.StateWaiting:
		if t = s.LastState.Terminated; t != nil {
			v.Flags |= container.LastTerminated
		}
	}
	if t != nil {
		v.ExitCode = t.ExitCode
		if WillRestartAfter(c, k, podPolicy, t, gates) {
			v.Flags |= container.WillRestart
		}
	}
	return v
}

// WillRestartAfter says whether the kubelet starts container c (of kind k,
// in a pod whose spec.restartPolicy is podPolicy) again after termination
// t: a termination by an in-place RestartAllContainers always restarts
// while that gate is on; otherwise the container's restart rules and
// policies decide on the exit code (pkg/api/v1/pod/util.go
// ContainerShouldRestart).
func WillRestartAfter(c *container.Container, k container.Kind, podPolicy restart.Policy, t *container.Terminated, gates feature.Gates) bool {
	if t.Reason == container.TerminatedRestartingAll && gates.Enabled(feature.RestartAllContainersOnContainerExits) {
		return true
	}
	return restart.ShouldRestartAfterExit(c.RestartSpec(podPolicy, k), t.ExitCode, gates)
}

// statusFinder finds a container's status by name in a pod's two status
// lists: by a scan for small pods, through a map built once for large ones.
type statusFinder struct {
	st     *Status
	order  LookupOrder
	byName map[string]*container.Status
}

func (f *statusFinder) lists() (first, second []container.Status) {
	if f.order == InitFirst {
		return f.st.InitContainerStatuses, f.st.ContainerStatuses
	}
	return f.st.ContainerStatuses, f.st.InitContainerStatuses
}

func (f *statusFinder) index() {
	first, second := f.lists()
	if len(first)+len(second) <= smallPod {
		return
	}
	f.byName = make(map[string]*container.Status, len(first)+len(second))
	for _, list := range [2][]container.Status{first, second} {
		for i := range list {
			if _, dup := f.byName[list[i].Name]; !dup {
				f.byName[list[i].Name] = &list[i]
			}
		}
	}
}

func (f *statusFinder) find(name string) *container.Status {
	if f.byName != nil {
		return f.byName[name]
	}
	first, second := f.lists()
	for i := range first {
		if first[i].Name == name {
			return &first[i]
		}
	}
	for i := range second {
		if second[i].Name == name {
			return &second[i]
		}
	}
	return nil
}

// anyRegularStarted: some status in either list, running or terminated,
// carries the name of a regular container.
func anyRegularStarted(p *Pod, f *statusFinder) bool {
	var regular map[string]struct{}
	if f.byName != nil {
		regular = make(map[string]struct{}, len(p.Spec.Containers))
		for i := range p.Spec.Containers {
			regular[p.Spec.Containers[i].Name] = struct{}{}
		}
	}
	for _, list := range [2][]container.Status{p.Status.InitContainerStatuses, p.Status.ContainerStatuses} {
		for i := range list {
			s := &list[i]
			if s.State.Running == nil && s.State.Terminated == nil {
				continue
			}
			if regular != nil {
				if _, ok := regular[s.Name]; ok {
					return true
				}
				continue
			}
			for j := range p.Spec.Containers {
				if p.Spec.Containers[j].Name == s.Name {
					return true
				}
			}
		}
	}
	return false
}
