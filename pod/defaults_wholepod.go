package pod

import (
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
//   - a volume with no source becomes an emptyDir (SetDefaults_Volume);
//   - a fieldRef without apiVersion gets "v1", in env and in downwardAPI
//     volume files (SetDefaults_ObjectFieldSelector);
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
	if s.ServiceAccountName == "" {
		s.ServiceAccountName = s.DeprecatedServiceAccount
	}
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

func defaultVolume(v *Volume) {
	if v.Kind() == "" {
		v.EmptyDir = &EmptyDirSource{}
	}
	if v.DownwardAPI != nil {
		d := *v.DownwardAPI
		d.Items = defaultedDownwardFiles(d.Items)
		v.DownwardAPI = &d
	}
	if v.Projected != nil {
		pr := *v.Projected
		pr.Sources = append([]Projection(nil), pr.Sources...)
		for j := range pr.Sources {
			src := &pr.Sources[j]
			if src.DownwardAPI != nil {
				d := *src.DownwardAPI
				d.Items = defaultedDownwardFiles(d.Items)
				src.DownwardAPI = &d
			}
			if t := src.ServiceAccountToken; t != nil && t.ExpirationSeconds == nil {
				tc := *t
				e := defaultedTokenExpirationSeconds
				tc.ExpirationSeconds = &e
				src.ServiceAccountToken = &tc
			}
		}
		v.Projected = &pr
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
	}
	return out
}

func defaultedFieldRef(f *container.FieldRef) *container.FieldRef {
	if f == nil || f.APIVersion != "" {
		return f
	}
	fc := *f
	fc.APIVersion = "v1"
	return &fc
}

// defaultContainerWholePod defaults c (a fresh copy) in place, copying
// every inner slice or map it changes.
func defaultContainerWholePod(c *container.Container, requestsFromLimits, hostNetwork bool) {
	if c.Ports != nil {
		ports := make([]container.Port, len(c.Ports))
		copy(ports, c.Ports)
		for i := range ports {
			if ports[i].Protocol == "" {
				ports[i].Protocol = container.TCP
			}
			if hostNetwork && ports[i].HostPort == 0 {
				ports[i].HostPort = ports[i].ContainerPort
			}
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
		}
		c.Env = env
	}
	if requestsFromLimits && c.Resources.Limits != nil {
		reqs := make(resource.List, len(c.Resources.Requests)+len(c.Resources.Limits))
		for n, q := range c.Resources.Requests {
			reqs[n] = q
		}
		for n, q := range c.Resources.Limits {
			if _, ok := reqs[n]; !ok {
				reqs[n] = q
			}
		}
		c.Resources.Requests = reqs
	}
}
