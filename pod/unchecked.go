package pod

import "github.com/podlife/podlife/feature"

// Unchecked lists the field paths of p that ValidateCreate does not
// validate although they are set: volume sources and projections podlife
// keeps only by kind (csi, nfs, clusterTrustBundle, ...), ephemeral
// volumes' claim templates, spec.resourceClaims entries and a windows pod's
// checks. A nil result means every set field podlife models was checked;
// fields podlife does not model at all (affinity, tolerations, security
// contexts, ...) are dropped when the pod is decoded and never listed.
func Unchecked(p *Pod, gates feature.Gates) []string {
	var in Pod
	if p != nil {
		in = *p
	}
	d := in.Defaulted()
	if !gates.Enabled(feature.ContainerRestartRules) {
		dropContainerRestartFields(&d.Spec)
	}
	v := podValidator{
		allowRules:      gates.Enabled(feature.ContainerRestartRules),
		allowRestartAll: gates.Enabled(feature.RestartAllContainersOnContainerExits),
	}
	v.validateCreate(&d)
	return v.unchecked
}
