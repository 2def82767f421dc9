package pod

import (
	"slices"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/resource"
)

// QOS returns the pod's QoS class as the kubelet reads it: status.qosClass
// when set, else ComputeQOS of the pod as it is
// (pkg/apis/core/v1/helper/qos GetPodQOS).
func QOS(p *Pod) QOSClass {
	if p.Status.QOSClass != "" {
		return p.Status.QOSClass
	}
	return ComputeQOS(p)
}

// ComputeQOS computes the QoS class of p exactly as written, with gate
// PodLevelResources and PodLevelResourcesFixKubeletQOSClass on (the v1.37
// defaults) (pkg/apis/core/v1/helper/qos ComputePodQOS):
//
//   - when spec.resources sets cpu, memory or huge pages, only it counts;
//   - otherwise every init container (sidecar or not) and regular
//     container counts: BestEffort when none requests or limits cpu or
//     memory, Guaranteed when each has cpu and memory limits equal to its
//     requests and non-zero, Burstable otherwise. Requests and limits are
//     compared by value; other resources do not count.
//
// It does not apply the apiserver's defaults: a container with limits but
// no requests is Burstable here, Guaranteed once stored (CreateQOS).
func ComputeQOS(p *Pod) QOSClass {
	if p == nil {
		return BestEffort
	}
	s := &p.Spec
	if s.HasPodLevelResources() {
		return requirementsQOS(s.Resources)
	}
	var class QOSClass
	for _, list := range [2][]container.Container{s.InitContainers, s.Containers} {
		for i := range list {
			c := requirementsQOS(&list[i].Resources)
			switch {
			case c == Burstable:
				return Burstable
			case class == "":
				class = c
			case class != c:
				return Burstable
			}
		}
	}
	if class == "" {
		return BestEffort
	}
	return class
}

// CreateQOS returns the class the apiserver stores in status.qosClass when
// it creates p: ComputeQOS after the v1 defaults (a container's missing
// request defaults to its limit) and the pod-level resource defaults of
// PrepareForCreate (pkg/registry/core/pod/strategy.go PrepareForCreate,
// pkg/api/pod/util.go DefaultPodLevelResources). Any status.qosClass of p
// is ignored, as the apiserver resets the status. p is not changed.
func CreateQOS(p *Pod) QOSClass {
	if p == nil {
		return BestEffort
	}
	d := p.Defaulted()
	d.Status = Status{}
	if d.Spec.Resources != nil {
		r := defaultedPodResources(&d.Spec)
		d.Spec.Resources = &r
	}
	return ComputeQOS(&d)
}

// HasPodLevelResources reports whether spec.resources names cpu, memory or
// huge pages in its requests or limits (component-helpers
// IsPodLevelResourcesSet): then they, not the containers', decide the QoS
// class, and the kubelet's eviction message names the pod's own usage.
func (s *Spec) HasPodLevelResources() bool {
	r := s.Resources
	if r == nil {
		return false
	}
	return podLevelRequestsSet(r.Requests) || podLevelRequestsSet(r.Limits)
}

// requirementsQOS: the class of one set of requests and limits.
func requirementsQOS(r *container.Resources) QOSClass {
	if len(r.Requests) == 0 && len(r.Limits) == 0 {
		return BestEffort
	}
	var class QOSClass
	for _, n := range [2]resource.Name{resource.CPU, resource.Memory} {
		req, lim := r.Requests.Get(n), r.Limits.Get(n)
		var c QOSClass
		switch {
		case !req.Equal(lim):
			return Burstable
		case req.IsZero():
			c = BestEffort
		default:
			c = Guaranteed
		}
		if class == "" {
			class = c
		} else if class != c {
			return Burstable
		}
	}
	return class
}

// defaultedPodResources returns a copy of s.Resources completed as
// DefaultPodLevelResources does, in its order, when either map is
// non-empty: huge-page limits from the containers' limits (unless a
// huge-page request is set); missing requests from the containers'
// effective requests (overcommittable resources), then from the pod-level
// limits; missing limits — only where every init and regular container has
// a limit — as the larger of the pod-level request and the containers'
// effective limits. s's containers are already defaulted.
func defaultedPodResources(s *Spec) container.Resources {
	r := *s.Resources
	if len(r.Requests) == 0 && len(r.Limits) == 0 {
		return r
	}
	reqs := copyList(r.Requests)
	lims := copyList(r.Limits)
	ctrLims := aggregate(s.InitContainers, s.Containers, func(c *container.Container) resource.List { return c.Resources.Limits })
	for _, n := range ctrLims.Names() {
		if !n.IsHugePages() {
			continue
		}
		if r.Requests.Has(n) {
			continue
		}
		if !lims.Has(n) {
			lims = lims.Set(n, ctrLims.Get(n))
		}
	}
	ctrReqs := aggregate(s.InitContainers, s.Containers, func(c *container.Container) resource.List { return c.Resources.Requests })
	for _, n := range ctrReqs.Names() {
		if !reqs.Has(n) && n.IsSupportedPodLevel() && n.IsOvercommitAllowed() {
			reqs = reqs.Set(n, ctrReqs.Get(n))
		}
	}
	for _, n := range lims.Names() {
		if !reqs.Has(n) && n.IsSupportedPodLevel() {
			reqs = reqs.Set(n, lims.Get(n))
		}
	}
	for _, n := range reqs.Names() {
		if !n.IsSupportedPodLevel() {
			continue
		}
		if lims.Has(n) {
			continue
		}
		if !allHaveLimit(s, n) {
			continue
		}
		val, ok := ctrLims.Lookup(n)
		if !ok {
			continue
		}
		if req := reqs.Get(n); req.Cmp(val) > 0 {
			val = req
		}
		lims = lims.Set(n, val)
	}
	if len(reqs) > 0 {
		r.Requests = reqs
	}
	if len(lims) > 0 {
		r.Limits = lims
	}
	return r
}

// allHaveLimit: the candidate filter of upstream's aggregateContainerLimits,
// which visits every container, ephemeral ones included.
func allHaveLimit(s *Spec, n resource.Name) bool {
	for _, list := range [3][]container.Container{s.InitContainers, s.Containers, s.EphemeralContainers} {
		for i := range list {
			if !list[i].Resources.Limits.Has(n) {
				return false
			}
		}
	}
	return true
}

// copyList is a fresh copy of l, never nil, which resource.List.Set may
// change in place, sorted (l may be a List written by hand out of order).
func copyList(l resource.List) resource.List {
	return append(make(resource.List, 0, len(l)+2), l...).Sort()
}

// EffectiveRequests returns what the pod asks a node for, per resource, as
// the scheduler counts it (k8s.io/component-helpers/resource
// AggregateContainerRequests): the sum of the regular containers and
// sidecars, or the peak of an init container plus the sidecars started
// before it, whichever is larger. Pod-level spec.resources requests
// replace that for the resources they set (PodRequests with
// PodLevelResources). Then spec.overhead is added, each resource it names
// to the sum (PodRequests without ExcludeOverhead, as the scheduler's
// NodeResourcesFit and the kubelet's admission count). The pod is read as
// the apiserver stores it: a container's missing requests are its limits,
// and pod-level requests are completed as DefaultPodLevelResources does
// (from the containers' requests, then from the pod-level limits).
func EffectiveRequests(p *Pod) resource.List {
	if p == nil {
		return resource.List{}
	}
	d := p.Defaulted()
	return storedRequests(&d, storedPodRequests(&d), nil)
}

// NonZeroRequests returns what the scheduler's scores count the pod as
// asking for (pkg/scheduler/framework PodInfo.CalculateResource: Non0CPU
// and Non0Mem, which LeastAllocated and the other node scores read):
// EffectiveRequests with each container's missing cpu and memory requests
// read as 100m and 200Mi (pkg/scheduler/util DefaultMilliCPURequest and
// DefaultMemoryRequest, as NonMissingContainerRequests). A pod with
// pod-level requests gets them only for a resource EffectiveRequests
// lacks. A request written as 0 is not missing: it counts as 0.
func NonZeroRequests(p *Pod) resource.List {
	if p == nil {
		return resource.List{}
	}
	d := p.Defaulted()
	podLevel := storedPodRequests(&d)
	fill := resource.List{{Name: resource.CPU, Quantity: defaultMilliCPURequest}, {Name: resource.Memory, Quantity: defaultMemoryRequest}}
	if podLevelRequestsSet(podLevel) {
		req := storedRequests(&d, podLevel, nil)
		fill = slices.DeleteFunc(fill, func(a resource.Amount) bool { return req.Has(a.Name) })
		if len(fill) == 0 {
			return req
		}
	}
	return storedRequests(&d, podLevel, fill)
}

// The scheduler's stand-ins for a container's missing requests.
var (
	defaultMilliCPURequest = resource.MustParse("100m")
	defaultMemoryRequest   = resource.MustParse("200Mi")
)

// storedPodRequests are d's pod-level requests as the apiserver stores
// them (DefaultPodLevelResources); nil without pod-level resources.
func storedPodRequests(d *Pod) resource.List {
	if d.Spec.Resources == nil {
		return nil
	}
	return defaultedPodResources(&d.Spec).Requests
}

// storedRequests is PodRequests of d, a defaulted pod, as the apiserver
// stores it, podLevel its storedPodRequests; fill, when set, are
// NonMissingContainerRequests: added to each container that lacks them.
func storedRequests(d *Pod, podLevel, fill resource.List) resource.List {
	get := func(c *container.Container) resource.List { return c.Resources.Requests }
	if fill != nil {
		get = func(c *container.Container) resource.List { return withMissing(c.Resources.Requests, fill) }
	}
	out := aggregate(d.Spec.InitContainers, d.Spec.Containers, get)
	for _, a := range podLevel {
		if a.Name.IsSupportedPodLevel() {
			out = out.Set(a.Name, a.Quantity)
		}
	}
	return addList(out, d.Spec.Overhead)
}

// withMissing is l with each resource of fill it lacks (component-helpers
// applyNonMissing): l itself when it lacks none.
func withMissing(l, fill resource.List) resource.List {
	var out resource.List
	for _, a := range fill {
		if l.Has(a.Name) {
			continue
		}
		if out == nil {
			out = copyList(l)
		}
		out = out.Set(a.Name, a.Quantity)
	}
	if out == nil {
		return l
	}
	return out
}

// podLevelRequestsSet: IsPodLevelRequestsSet, on the stored pod-level
// requests.
func podLevelRequestsSet(reqs resource.List) bool {
	for _, a := range reqs {
		if a.Name.IsSupportedPodLevel() {
			return true
		}
	}
	return false
}
