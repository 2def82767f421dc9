package pod

import (
	"slices"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/resource"
)

// defaultedTokenExpirationSeconds is what a projected service-account token
// without expirationSeconds gets (SetDefaults_ServiceAccountTokenProjection).
const defaultedTokenExpirationSeconds int64 = 3600

// defaultWholePod applies the v1 defaults of the whole-pod fields to out,
// a copy made by Defaulted whose container slices are already fresh
// (pkg/apis/core/v1/defaults.go, zz_generated.defaults.go):
//
//   - spec.serviceAccountName "" takes spec.serviceAccount, and the alias
//     is then kept equal to it (SetDefaults_PodSpec);
//   - a volume with no source becomes an emptyDir, and an image volume
//     without pullPolicy gets its image's default, as a container does
//     (SetDefaults_Volume);
//   - a secret, configMap, downwardAPI or projected volume without
//     defaultMode gets 0644 (SetDefaults_SecretVolumeSource and its like),
//     a hostPath without type the unset type (SetDefaults_HostPathVolumeSource);
//   - a fieldRef without apiVersion gets "v1", in env and in downwardAPI
//     volume files (SetDefaults_ObjectFieldSelector), and a
//     resourceFieldRef without divisor the zero quantity, which the API
//     stores as "0" (its divisor is no pointer);
//   - an env fileKeyRef without optional gets false (+default=false);
//   - a projected service-account token without expirationSeconds gets
//     3600 (SetDefaults_ServiceAccountTokenProjection);
//   - a port without protocol gets TCP (SetDefaults_ContainerPort), and with
//     hostNetwork a port without hostPort gets its containerPort
//     (SetDefaults_Pod defaultHostNetworkPorts, regular and init
//     containers);
//   - a regular or init container with limits gets each missing request
//     from its limit (SetDefaults_Pod).
//
// Pod-level resources are not defaulted here: with
// PodLevelResourcesFixDefaulting (on in v1.37) that happens after
// validation, when the pod is stored (DefaultPodLevelResources).
func defaultWholePod(out *Pod) {
	s := &out.Spec
	s.ServiceAccountName = defaultedServiceAccountName(s)
	s.DeprecatedServiceAccount = s.ServiceAccountName
	if s.Volumes != nil {
		vols := make([]Volume, len(s.Volumes))
		copy(vols, s.Volumes)
		for i := range vols {
			defaultVolume(&vols[i])
		}
		s.Volumes = vols
	}
	for i := range s.InitContainers {
		defaultContainerWholePod(&s.InitContainers[i], true, s.HostNetwork)
	}
	for i := range s.Containers {
		defaultContainerWholePod(&s.Containers[i], true, s.HostNetwork)
	}
	for i := range s.EphemeralContainers {
		defaultContainerWholePod(&s.EphemeralContainers[i], false, false)
	}
}

// defaultedServiceAccountName is spec.serviceAccountName as
// SetDefaults_PodSpec leaves it: the deprecated spec.serviceAccount alias
// when empty. The alias itself is then set to the same name.
func defaultedServiceAccountName(s *Spec) string {
	if s.ServiceAccountName == "" {
		return s.DeprecatedServiceAccount
	}
	return s.ServiceAccountName
}

// defaultsToEmptyDir reports whether SetDefaults_Volume makes s an
// emptyDir: a volume with no source at all.
func defaultsToEmptyDir(s *VolumeSource) bool { return s.Kind() == "" }

// defaultedEmptyDir is the emptyDir of s as SetDefaults_Volume leaves it:
// a zero emptyDir for a volume without a source, nil for a volume of
// another kind.
func defaultedEmptyDir(s *VolumeSource) *EmptyDirSource {
	if s.EmptyDir == nil && defaultsToEmptyDir(s) {
		return &zeroEmptyDir
	}
	return s.EmptyDir
}

// zeroEmptyDir is what a sourceless volume reads as (never written).
var zeroEmptyDir EmptyDirSource

// defaultedAPIVersion is a fieldRef's apiVersion as
// SetDefaults_ObjectFieldSelector leaves it: "v1" when empty.
func defaultedAPIVersion(f *container.FieldRef) string {
	if f.APIVersion == "" {
		return "v1"
	}
	return f.APIVersion
}

// defaultedExpiration is a projected service-account token's
// expirationSeconds as SetDefaults_ServiceAccountTokenProjection leaves
// it: 3600 when unset.
func defaultedExpiration(t *ServiceAccountTokenProjection) int64 {
	if t.ExpirationSeconds == nil {
		return defaultedTokenExpirationSeconds
	}
	return *t.ExpirationSeconds
}

// defaultedProtocol is a port's protocol as SetDefaults_ContainerPort
// leaves it: TCP when empty.
func defaultedProtocol(pt *container.Port) container.Protocol {
	if pt.Protocol == "" {
		return container.TCP
	}
	return pt.Protocol
}

// defaultedHostPort is a port's hostPort as SetDefaults_Pod
// (defaultHostNetworkPorts) leaves it: with hostNetwork, the containerPort
// when unset. hostNetwork is false for ephemeral containers, which that
// function does not visit.
func defaultedHostPort(pt *container.Port, hostNetwork bool) int32 {
	if hostNetwork && pt.HostPort == 0 {
		return pt.ContainerPort
	}
	return pt.HostPort
}

// defaultedRequest is request n of a regular or init container's resources
// as SetDefaults_Pod leaves them: the request, or the limit when only the
// limit is set.
func defaultedRequest(r *container.Resources, n resource.Name) (resource.Quantity, bool) {
	if q, ok := r.Requests.Lookup(n); ok {
		return q, true
	}
	return r.Limits.Lookup(n)
}

// missingRequests reports whether defaulting adds a request to r: a limit
// without its request.
func missingRequests(r *container.Resources) bool {
	for _, a := range r.Limits {
		if !r.Requests.Has(a.Name) {
			return true
		}
	}
	return false
}

// defaultedRequests is the requests of a regular or init container as
// SetDefaults_Pod leaves them: r.Requests itself when no limit lacks its
// request, else a fresh list with every missing request taken from its
// limit (through defaultedRequest). As upstream, any limits (even an empty
// list) make the requests a non-nil list.
func defaultedRequests(r *container.Resources) resource.List {
	if r.Limits == nil || (r.Requests != nil && !missingRequests(r)) {
		return r.Requests
	}
	return mergedRequests(r)
}

// mergedRequests is a fresh list of every request of r as defaultedRequest
// reads it.
func mergedRequests(r *container.Resources) resource.List {
	reqs := make(resource.List, 0, len(r.Requests)+len(r.Limits))
	reqs = append(reqs, r.Requests...)
	for _, a := range r.Limits {
		if !r.Requests.Has(a.Name) {
			reqs = append(reqs, a)
		}
	}
	return reqs.Sort()
}

// defaultedFileMode is the defaultMode of a secret, configMap, downwardAPI
// or projected volume that sets none (SetDefaults_SecretVolumeSource and
// its like: 0644).
const defaultedFileMode int32 = 0o644

// modeOr is mode, or a fresh 0644 when it is unset.
func modeOr(mode *int32) *int32 {
	if mode != nil {
		return mode
	}
	m := defaultedFileMode
	return &m
}

func defaultVolume(v *Volume) {
	if defaultsToEmptyDir(&v.VolumeSource) {
		v.EmptyDir = &EmptyDirSource{}
	}
	if h := v.HostPath; h != nil && h.Type == nil {
		// SetDefaults_HostPathVolumeSource: the unset type, as a value.
		hc := *h
		hc.Type = new(HostPathType)
		v.HostPath = &hc
	}
	if sc := v.Secret; sc != nil && sc.DefaultMode == nil {
		c := *sc
		c.DefaultMode = modeOr(c.DefaultMode)
		v.Secret = &c
	}
	if cm := v.ConfigMap; cm != nil && cm.DefaultMode == nil {
		c := *cm
		c.DefaultMode = modeOr(c.DefaultMode)
		v.ConfigMap = &c
	}
	if v.DownwardAPI != nil {
		d := *v.DownwardAPI
		d.Items = defaultedDownwardFiles(d.Items)
		d.DefaultMode = modeOr(d.DefaultMode)
		v.DownwardAPI = &d
	}
	if v.Projected != nil {
		pr := *v.Projected
		pr.DefaultMode = modeOr(pr.DefaultMode)
		pr.Sources = slices.Clone(pr.Sources) // an empty list stays one
		for j := range pr.Sources {
			src := &pr.Sources[j]
			if src.DownwardAPI != nil {
				d := *src.DownwardAPI
				d.Items = defaultedDownwardFiles(d.Items)
				src.DownwardAPI = &d
			}
			if t := src.ServiceAccountToken; t != nil && t.ExpirationSeconds == nil {
				tc := *t
				e := defaultedExpiration(t)
				tc.ExpirationSeconds = &e
				src.ServiceAccountToken = &tc
			}
		}
		v.Projected = &pr
	}
	if im := v.Image; im != nil && im.PullPolicy == "" {
		// SetDefaults_Volume (gate ImageVolume, GA and locked in v1.37).
		ic := *im
		ic.PullPolicy = string(container.DefaultPullPolicy(im.Reference))
		v.Image = &ic
	}
}

func defaultedDownwardFiles(files []DownwardAPIFile) []DownwardAPIFile {
	if files == nil {
		return nil
	}
	out := make([]DownwardAPIFile, len(files))
	copy(out, files)
	for i := range out {
		out[i].FieldRef = defaultedFieldRef(out[i].FieldRef)
		out[i].ResourceFieldRef = defaultedResourceFieldRef(out[i].ResourceFieldRef)
	}
	return out
}

// defaultedResourceFieldRef is r as stored: the API's divisor is a
// quantity, not a pointer, so an absent one reads back as "0" (which
// means 1).
func defaultedResourceFieldRef(r *container.ResourceFieldRef) *container.ResourceFieldRef {
	if r == nil || r.Divisor != nil {
		return r
	}
	rc := *r
	zero := resource.MustParse("0")
	rc.Divisor = &zero
	return &rc
}

func defaultedFieldRef(f *container.FieldRef) *container.FieldRef {
	if f == nil || f.APIVersion != "" {
		return f
	}
	fc := *f
	fc.APIVersion = defaultedAPIVersion(f)
	return &fc
}

// defaultContainerWholePod defaults c (a fresh copy) in place, copying
// every inner slice or map it changes.
func defaultContainerWholePod(c *container.Container, requestsFromLimits, hostNetwork bool) {
	if c.Ports != nil {
		ports := make([]container.Port, len(c.Ports))
		copy(ports, c.Ports)
		for i := range ports {
			ports[i].Protocol = defaultedProtocol(&ports[i])
			ports[i].HostPort = defaultedHostPort(&ports[i], hostNetwork)
		}
		c.Ports = ports
	}
	if c.Env != nil {
		env := make([]container.EnvVar, len(c.Env))
		copy(env, c.Env)
		for i := range env {
			if vf := env[i].ValueFrom; vf != nil && vf.FieldRef != nil && vf.FieldRef.APIVersion == "" {
				vc := *vf
				vc.FieldRef = defaultedFieldRef(vf.FieldRef)
				env[i].ValueFrom = &vc
			}
			if vf := env[i].ValueFrom; vf != nil && vf.ResourceFieldRef != nil && vf.ResourceFieldRef.Divisor == nil {
				vc := *vf
				vc.ResourceFieldRef = defaultedResourceFieldRef(vf.ResourceFieldRef)
				env[i].ValueFrom = &vc
			}
			if vf := env[i].ValueFrom; vf != nil && vf.FileKeyRef != nil && vf.FileKeyRef.Optional == nil {
				// FileKeySelector's optional: +default=false, set by the
				// generated defaulters.
				vc := *vf
				fc := *vf.FileKeyRef
				no := false
				fc.Optional = &no
				vc.FileKeyRef = &fc
				env[i].ValueFrom = &vc
			}
		}
		c.Env = env
	}
	if requestsFromLimits && c.Resources.Limits != nil {
		// Always a fresh list: the copy must share no map it may change.
		c.Resources.Requests = mergedRequests(&c.Resources)
	}
}

// roundedList is l with every quantity as the apiserver stores it
// (resource.Quantity.RoundUpMilli; pkg/apis/core/v1/defaults.go
// SetDefaults_ResourceList): l itself when none changes, else a fresh
// list, and whether one changed.
func roundedList(l resource.List) (resource.List, bool) {
	var out resource.List
	for i, a := range l {
		if r := a.Quantity.RoundUpMilli(); r != a.Quantity {
			if out == nil {
				out = l.Clone()
			}
			out[i].Quantity = r
		}
	}
	if out == nil {
		return l, false
	}
	return out, true
}

// roundedResources is a copy of p with the limits and requests of every
// container and of the pod, and the pod's overhead, rounded as the apiserver's v1 defaults round
// them (SetDefaults_ResourceList, applied after SetDefaults_Pod has copied
// missing requests from limits), or nil when no quantity changes, as for
// almost every pod: then nothing is copied or allocated. p is not changed;
// in the copy a container slice or list that changes is a fresh one.
func roundedResources(p *Pod) *Pod {
	if !anyToRound(p) {
		return nil
	}
	out := *p
	for _, cs := range [...]*[]container.Container{&out.Spec.InitContainers, &out.Spec.Containers, &out.Spec.EphemeralContainers} {
		var fresh []container.Container
		for i := range *cs {
			r := &(*cs)[i].Resources
			lim, limChanged := roundedList(r.Limits)
			req, reqChanged := roundedList(r.Requests)
			if !limChanged && !reqChanged {
				continue
			}
			if fresh == nil {
				fresh = slices.Clone(*cs)
			}
			fresh[i].Resources.Limits, fresh[i].Resources.Requests = lim, req
		}
		if fresh != nil {
			*cs = fresh
		}
	}
	if r := out.Spec.Resources; r != nil {
		rc := *r
		rc.Limits, _ = roundedList(r.Limits)
		rc.Requests, _ = roundedList(r.Requests)
		out.Spec.Resources = &rc
	}
	out.Spec.Overhead, _ = roundedList(p.Spec.Overhead)
	return &out
}

// anyToRound reports whether a quantity of p's resource lists changes when
// rounded (roundedResources).
func anyToRound(p *Pod) bool {
	changes := func(l resource.List) bool {
		for _, a := range l {
			if a.Quantity.RoundUpMilli() != a.Quantity {
				return true
			}
		}
		return false
	}
	for _, cs := range [...][]container.Container{p.Spec.InitContainers, p.Spec.Containers, p.Spec.EphemeralContainers} {
		for i := range cs {
			if changes(cs[i].Resources.Limits) || changes(cs[i].Resources.Requests) {
				return true
			}
		}
	}
	r := p.Spec.Resources
	return r != nil && (changes(r.Limits) || changes(r.Requests)) || changes(p.Spec.Overhead)
}
