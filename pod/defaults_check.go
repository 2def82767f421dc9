package pod

import (
	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/resource"
)

// specDefaulted reports whether Defaulted leaves the spec s as it is (equal
// as reflect.DeepEqual compares), without copying anything: a spec the
// apiserver stored, or one Defaulted returned, is shared by NewMachine, and
// telling it from another by comparing it with its defaulted copy cost a
// walk of the whole spec by reflection and the copy's allocations for
// every pod made from one template. It reads each of Defaulted's rules
// (defaults.go, defaults_wholepod.go) as "would this write change the
// value?": a rule added there must be read here too, and
// TestSpecDefaultedAgreesWithDefaulted compares the two on every
// conformance pod, its defaulted copy and random pods.
func specDefaulted(s *Spec) bool {
	if s.RestartPolicy == "" {
		return false
	}
	if g := s.TerminationGracePeriodSeconds; g == nil || *g < 0 {
		return false
	}
	if sa := defaultedServiceAccountName(s); sa != s.ServiceAccountName || s.DeprecatedServiceAccount != sa {
		return false
	}
	for i := range s.Volumes {
		if !volumeDefaulted(&s.Volumes[i]) {
			return false
		}
	}
	for i := range s.InitContainers {
		if !containerDefaulted(&s.InitContainers[i], true, s.HostNetwork) {
			return false
		}
	}
	for i := range s.Containers {
		if !containerDefaulted(&s.Containers[i], true, s.HostNetwork) {
			return false
		}
	}
	for i := range s.EphemeralContainers {
		if !containerDefaulted(&s.EphemeralContainers[i], false, false) {
			return false
		}
	}
	if r := s.Resources; r != nil && (!roundedAlready(r.Limits) || !roundedAlready(r.Requests)) {
		return false
	}
	return roundedAlready(s.Overhead)
}

// containerDefaulted reports whether defaultedContainerList and
// defaultContainerWholePod leave c as it is. requestsFromLimits and
// hostNetwork are as defaultContainerWholePod takes them.
func containerDefaulted(c *container.Container, requestsFromLimits, hostNetwork bool) bool {
	if c.ImagePullPolicy != c.EffectivePullPolicy() ||
		c.TerminationMessagePath != c.EffectiveTerminationMessagePath() ||
		c.TerminationMessagePolicy != c.EffectiveTerminationMessagePolicy() {
		return false
	}
	if !probeDefaulted(c.LivenessProbe) || !probeDefaulted(c.ReadinessProbe) || !probeDefaulted(c.StartupProbe) {
		return false
	}
	if lc := c.Lifecycle; lc != nil && (!hookDefaulted(lc.PostStart) || !hookDefaulted(lc.PreStop)) {
		return false
	}
	for i := range c.Ports {
		pt := &c.Ports[i]
		if defaultedProtocol(pt) != pt.Protocol || defaultedHostPort(pt, hostNetwork) != pt.HostPort {
			return false
		}
	}
	for i := range c.Env {
		vf := c.Env[i].ValueFrom
		if vf == nil {
			continue
		}
		if defaultedFieldRef(vf.FieldRef) != vf.FieldRef ||
			defaultedResourceFieldRef(vf.ResourceFieldRef) != vf.ResourceFieldRef ||
			vf.FileKeyRef != nil && vf.FileKeyRef.Optional == nil {
			return false
		}
	}
	r := &c.Resources
	// Limits make the requests a fresh list, sorted by name, with each
	// missing request taken from its limit (mergedRequests): the same only
	// when none is missing and they are in that order already.
	if requestsFromLimits && r.Limits != nil && (r.Requests == nil || missingRequests(r) || !sortedByName(r.Requests)) {
		return false
	}
	return roundedAlready(r.Limits) && roundedAlready(r.Requests)
}

// probeDefaulted reports whether defaultedProbePtr leaves *pr as it is
// (nil: no probe).
func probeDefaulted(pr *probe.Probe) bool { return pr == nil || pr.IsDefaulted() }

// hookDefaulted reports whether defaultedHookPtr leaves *h as it is.
func hookDefaulted(h *container.Handler) bool {
	return h == nil || h.HTTPGet == nil || h.HTTPGet.IsDefaulted()
}

// volumeDefaulted reports whether defaultVolume leaves v as it is.
func volumeDefaulted(v *Volume) bool {
	if defaultsToEmptyDir(&v.VolumeSource) {
		return false
	}
	if h := v.HostPath; h != nil && h.Type == nil {
		return false
	}
	if sc := v.Secret; sc != nil && sc.DefaultMode == nil {
		return false
	}
	if cm := v.ConfigMap; cm != nil && cm.DefaultMode == nil {
		return false
	}
	if d := v.DownwardAPI; d != nil && (d.DefaultMode == nil || !downwardFilesDefaulted(d.Items)) {
		return false
	}
	if pr := v.Projected; pr != nil {
		if pr.DefaultMode == nil {
			return false
		}
		for j := range pr.Sources {
			src := &pr.Sources[j]
			if src.DownwardAPI != nil && !downwardFilesDefaulted(src.DownwardAPI.Items) {
				return false
			}
			if t := src.ServiceAccountToken; t != nil && t.ExpirationSeconds == nil {
				return false
			}
		}
	}
	return v.Image == nil || v.Image.PullPolicy != ""
}

// downwardFilesDefaulted reports whether defaultedDownwardFiles leaves
// files as they are.
func downwardFilesDefaulted(files []DownwardAPIFile) bool {
	for i := range files {
		f := &files[i]
		if defaultedFieldRef(f.FieldRef) != f.FieldRef || defaultedResourceFieldRef(f.ResourceFieldRef) != f.ResourceFieldRef {
			return false
		}
	}
	return true
}

// roundedAlready reports whether rounding leaves every quantity of l as it
// is (roundedList).
func roundedAlready(l resource.List) bool {
	for _, a := range l {
		if a.Quantity.RoundUpMilli() != a.Quantity {
			return false
		}
	}
	return true
}

// sortedByName reports whether l is in the order List.Sort (a stable sort
// by name) leaves it.
func sortedByName(l resource.List) bool {
	for i := 1; i < len(l); i++ {
		if l[i].Name < l[i-1].Name {
			return false
		}
	}
	return true
}
