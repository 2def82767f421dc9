package pod

import (
	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

// defaultedGracePeriodSeconds is the terminationGracePeriodSeconds the
// apiserver writes into a pod that sets none
// (pkg/apis/core/v1/defaults.go SetDefaults_PodSpec).
const defaultedGracePeriodSeconds int64 = 30

// Defaulted returns a copy of p with the defaults the apiserver applies to a
// v1 Pod on its way in, for the fields podlife models:
//
//   - spec.restartPolicy "" becomes Always
//     (pkg/apis/core/v1/defaults.go SetDefaults_PodSpec);
//   - spec.terminationGracePeriodSeconds unset becomes 30 (same function),
//     and a negative value becomes 1, as the v1 → internal conversion stores
//     it (pkg/apis/core/v1/conversion.go Convert_v1_PodSpec_To_core_PodSpec);
//   - every probe of every init, regular and ephemeral container gets
//     probe.Probe.Defaulted (timeout 1, period 10, success 1, failure 3,
//     httpGet path "/" and scheme HTTP, grpc service ""; SetDefaults_Probe,
//     SetDefaults_HTTPGetAction);
//   - every lifecycle hook's httpGet gets path "/" and scheme HTTP
//     (SetDefaults_HTTPGetAction applies to the type wherever it appears);
//   - every container's empty imagePullPolicy becomes Always for an image
//     tagged :latest or with neither tag nor digest, IfNotPresent otherwise
//     and for a reference that does not parse (SetDefaults_Container;
//     container.DefaultPullPolicy);
//   - every container's empty terminationMessagePath becomes
//     /dev/termination-log and its empty terminationMessagePolicy File
//     (same function);
//   - the whole-pod fields (volumes, ports, env, resources, service
//     account) get theirs: see defaultWholePod;
//   - every limit and request of every container and of the pod, and the
//     pod's overhead, is rounded up to a whole thousandth (SetDefaults_ResourceList: "0.0001" becomes
//     "1m"; resource.Quantity.RoundUpMilli);
//   - status.podIP and status.podIPs are kept in step (SetDefaults_PodStatus):
//     a podIP alone becomes the list's one entry, a list alone gives podIP
//     its first entry, and a list whose first entry is not podIP is
//     replaced by podIP alone (podIP wins, for older kubelets).
//
// Defaults of fields podlife does not model (dnsPolicy, schedulerName,
// ...) are not represented. p is never
// changed: everything Defaulted changes is copied first, so the result
// shares no changed memory with p.
func (p Pod) Defaulted() Pod {
	out := p
	out.Spec.RestartPolicy = defaultedRestartPolicy(&p.Spec)
	grace := defaultedGracePeriod(p.Spec.TerminationGracePeriodSeconds)
	out.Spec.TerminationGracePeriodSeconds = &grace
	out.Spec.InitContainers = defaultedContainerList(p.Spec.InitContainers)
	out.Spec.Containers = defaultedContainerList(p.Spec.Containers)
	out.Spec.EphemeralContainers = defaultedContainerList(p.Spec.EphemeralContainers)
	defaultWholePod(&out)
	if r := roundedResources(&out); r != nil {
		out = *r
	}
	defaultPodIPs(&out.Status)
	return out
}

// defaultPodIPs keeps s.PodIP and s.PodIPs in step as
// SetDefaults_PodStatus (pkg/apis/core/v1/defaults.go) does; a list it
// changes is a new one.
func defaultPodIPs(s *Status) {
	hasIP, hasIPs := s.PodIP != "", len(s.PodIPs) > 0
	switch {
	case hasIP && (!hasIPs || s.PodIPs[0].IP != s.PodIP):
		s.PodIPs = []PodIP{{IP: s.PodIP}}
	case !hasIP && hasIPs:
		s.PodIP = s.PodIPs[0].IP
	}
}

// The defaults of the pod spec, one helper per defaulted field, read both
// by Defaulted (which writes them into its copy) and by ValidateCreate
// (which reads them where the field is used, without copying the pod).

// defaultedRestartPolicy is spec.restartPolicy as SetDefaults_PodSpec
// (pkg/apis/core/v1/defaults.go) leaves it: Always when empty.
func defaultedRestartPolicy(s *Spec) restart.Policy {
	if s.RestartPolicy == "" {
		return restart.Always
	}
	return s.RestartPolicy
}

// defaultedGracePeriod is spec.terminationGracePeriodSeconds as the
// apiserver stores it: 30 when unset (SetDefaults_PodSpec), and 1 for a
// negative value (pkg/apis/core/v1/conversion.go
// Convert_v1_PodSpec_To_core_PodSpec).
func defaultedGracePeriod(g *int64) int64 {
	if g == nil {
		return defaultedGracePeriodSeconds
	}
	if *g < 0 {
		return 1
	}
	return *g
}

// defaultedContainerList returns a fresh copy of cs with each container's
// probes and lifecycle hooks defaulted; nil stays nil.
func defaultedContainerList(cs []container.Container) []container.Container {
	if cs == nil {
		return nil
	}
	out := make([]container.Container, len(cs))
	copy(out, cs)
	for i := range out {
		c := &out[i]
		// SetDefaults_Container: imagePullPolicy from the image's tag.
		c.ImagePullPolicy = c.EffectivePullPolicy()
		// And /dev/termination-log and File for the termination message.
		c.TerminationMessagePath = c.EffectiveTerminationMessagePath()
		c.TerminationMessagePolicy = c.EffectiveTerminationMessagePolicy()
		c.LivenessProbe = defaultedProbePtr(c.LivenessProbe)
		c.ReadinessProbe = defaultedProbePtr(c.ReadinessProbe)
		c.StartupProbe = defaultedProbePtr(c.StartupProbe)
		if c.Lifecycle != nil {
			lc := *c.Lifecycle
			lc.PostStart = defaultedHookPtr(lc.PostStart)
			lc.PreStop = defaultedHookPtr(lc.PreStop)
			c.Lifecycle = &lc
		}
	}
	return out
}

// defaultedProbePtr returns a defaulted copy of *pr, or nil.
func defaultedProbePtr(pr *probe.Probe) *probe.Probe {
	if pr == nil {
		return nil
	}
	d := pr.Defaulted()
	return &d
}

// defaultedHookPtr returns h itself when it has no httpGet (nothing to
// default), else a copy whose httpGet is defaulted.
func defaultedHookPtr(h *container.Handler) *container.Handler {
	if h == nil || h.HTTPGet == nil {
		return h
	}
	hc := *h
	g := h.HTTPGet.Defaulted()
	hc.HTTPGet = &g
	return &hc
}
