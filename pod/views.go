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

// byNameAbove is the length of a list beyond which a status conversion,
// the actions and a machine find containers by name through maps rather
// than by a scan (both give the same answers; a test sends every list
// through each way to hold them to it).
var byNameAbove = smallPod

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
	return fillViews(v, p, o, gates, allParts)
}

// viewParts says which parts of the views fillViews computes, so that a
// rule does not pay for facts it never reads: getPhase reads no readiness,
// no list-wide fact and the started bit of sidecars only; the condition
// generators read no exit code or will-restart bit, and the started bit of
// sidecars only. MakeViews computes everything.
type viewParts uint8

const (
	// partExit: the ExitCode of a termination, and its WillRestart where
	// phase.Derive reads it: with ContainerRestartRules on, for a regular
	// container, or an init container (not a sidecar) that failed.
	partExit viewParts = 1 << iota
	// partWillRestartAll: WillRestart for every termination.
	partWillRestartAll
	// partReady: the Ready flag.
	partReady
	// partStartedAll: the Started flag of every container, not only of
	// sidecars (which always get it).
	partStartedAll
	// partListFacts: Views.StatusesKnown and Views.AnyRegularStarted.
	partListFacts

	allParts       = partExit | partWillRestartAll | partReady | partStartedAll | partListFacts
	phaseParts     = partExit
	conditionParts = partReady | partListFacts
)

// fillViews is MakeViews computing only parts (the others are left
// false).
func fillViews(v Views, p *Pod, o LookupOrder, gates feature.Gates, parts viewParts) Views {
	v.Init, v.Regular, v.StatusesKnown, v.AnyRegularStarted = fillLists(v.Init, v.Regular, p, o, gates, parts)
	return v
}

// fillLists is fillViews on the Views' four fields, reusing init's and
// regular's memory. The hot callers use it directly: a Views passed and
// returned by value is copied through the stack in a way that stalls on
// store forwarding, and through a pointer the stack arrays behind its
// slices would escape.
func fillLists(init, regular []container.View, p *Pod, o LookupOrder, gates feature.Gates, parts viewParts) (
	_, _ []container.View, statusesKnown, regularStarted bool) {
	if p == nil {
		return init[:0], regular[:0], false, false
	}
	var f statusFinder
	f.reset(&p.Status, o)
	spec := &p.Spec
	init = resize(init, len(spec.InitContainers))
	for i := range init {
		c := &spec.InitContainers[i]
		k := container.Init
		if c.IsSidecar() {
			k = container.Sidecar
		}
		init[i] = viewOf(c, k, f.find(c.Name), spec, gates, parts)
	}
	regular = resize(regular, len(spec.Containers))
	for i := range regular {
		c := &spec.Containers[i]
		regular[i] = viewOf(c, container.Regular, f.find(c.Name), spec, gates, parts)
	}
	if parts&partListFacts != 0 {
		statusesKnown = len(f.first)+len(f.second) > 0
		regularStarted = anyRegularStarted(p, regular, &f)
	}
	return init, regular, statusesKnown, regularStarted
}

// resize returns s with length n, reusing its memory when it has room.
func resize(s []container.View, n int) []container.View {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]container.View, n)
}

// viewOf is the view of container c of kind k with API status s (nil:
// none) in a pod with spec spec, with parts computed. The state is read
// first: it decides which other fields matter, and every field read is a
// memory access (spec's restartPolicy is read only for a restart
// decision). container.StateKindOf is the one reading of the state.
func viewOf(c *container.Container, k container.Kind, s *container.Status, spec *Spec, gates feature.Gates, parts viewParts) container.View {
	v := container.View{Kind: k}
	if s == nil {
		return v
	}
	v.State = container.StateKindOf(&s.State)
	var t *container.Terminated
	switch v.State {
	case container.StateTerminated:
		t = s.State.Terminated
	case container.StateWaiting:
		if t = s.LastState.Terminated; t != nil {
			v.Flags |= container.LastTerminated
		}
	}
	if (k == container.Sidecar || parts&partStartedAll != 0) && s.IsStarted() {
		v.Flags |= container.Started
	}
	if parts&partReady != 0 && s.Ready {
		v.Flags |= container.Ready
	}
	if t == nil || parts&partExit == 0 {
		return v
	}
	v.ExitCode = t.ExitCode
	if parts&partWillRestartAll == 0 && !(gates.Enabled(feature.ContainerRestartRules) &&
		(k == container.Regular || k == container.Init && t.ExitCode != 0)) {
		return v // a will-restart bit getPhase never reads
	}
	if WillRestartAfter(c, k, spec.RestartPolicy, t, gates) {
		v.Flags |= container.WillRestart
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
// lists, first then second: by a scan for small pods, through a map built
// once for large ones.
type statusFinder struct {
	first, second []container.Status
	byName        map[string]*container.Status
}

// reset makes f find statuses in st in order o. It assigns the fields in
// place: a statusFinder built and returned would be copied into the
// caller's, a copy that stalls on store forwarding.
func (f *statusFinder) reset(st *Status, o LookupOrder) {
	f.first, f.second = st.ContainerStatuses, st.InitContainerStatuses
	if o == InitFirst {
		f.first, f.second = st.InitContainerStatuses, st.ContainerStatuses
	}
	f.byName = index(f.first, f.second)
}

// index maps each name of a large pod's status lists to its first status,
// first list first; nil for a small pod, whose names are found by a scan.
func index(first, second []container.Status) map[string]*container.Status {
	if len(first)+len(second) <= smallPod {
		return nil
	}
	return buildIndex(first, second)
}

// buildIndex is index's map, out of line so that the small pods' path
// inlines.
//
//go:noinline
func buildIndex(first, second []container.Status) map[string]*container.Status {
	m := make(map[string]*container.Status, len(first)+len(second))
	for _, list := range [2][]container.Status{first, second} {
		for i := range list {
			if _, dup := m[list[i].Name]; !dup {
				m[list[i].Name] = &list[i]
			}
		}
	}
	return m
}

func (f *statusFinder) find(name string) *container.Status {
	if f.byName != nil {
		return f.byName[name]
	}
	for i := range f.first {
		if f.first[i].Name == name {
			return &f.first[i]
		}
	}
	for i := range f.second {
		if f.second[i].Name == name {
			return &f.second[i]
		}
	}
	return nil
}

// anyRegularStarted: some status in either list, running or terminated,
// carries the name of a regular container. regular are the regular
// containers' views, just made with f: a running or terminated one among
// them answers at once, since its status has the container's name.
func anyRegularStarted(p *Pod, regular []container.View, f *statusFinder) bool {
	for i := range regular {
		if s := regular[i].State; s == container.StateRunning || s == container.StateTerminated {
			return true
		}
	}
	var names map[string]struct{}
	if f.byName != nil {
		names = make(map[string]struct{}, len(p.Spec.Containers))
		for i := range p.Spec.Containers {
			names[p.Spec.Containers[i].Name] = struct{}{}
		}
	}
	for _, list := range [2][]container.Status{f.first, f.second} {
		for i := range list {
			s := &list[i]
			if s.State.Running == nil && s.State.Terminated == nil {
				continue
			}
			if names != nil {
				if _, ok := names[s.Name]; ok {
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
