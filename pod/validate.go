package pod

import (
	"math"

	"github.com/podlife/podlife/feature"

	"github.com/podlife/podlife/field"
	"github.com/podlife/podlife/restart"
)

// ValidateCreate validates p the way the apiserver does when the pod is
// created (pkg/apis/core/validation/validation.go ValidatePodCreate), for
// the fields podlife models. As the apiserver, it first applies the v1
// defaults (Defaulted), generates a name from metadata.generateName when
// metadata.name is empty (generateName cut to 58 bytes plus a fixed
// 5-character suffix: the real one is random, so only its validity
// matters), and, with a feature gate off, drops the fields that gate
// guards (pkg/api/pod/util.go dropDisabledPodFields). p is not changed.
//
// The gates that matter are ContainerRestartRules (container restartPolicy
// on regular containers, Never/OnFailure on init containers,
// restartPolicyRules; dropped when off) and
// RestartAllContainersOnContainerExits (the RestartAllContainers action and
// rules on sidecars; rejected when off). The zero FeatureGates is the
// v1.37 default set.
//
// The whole pod is validated too: volumes (names, exactly one source, the
// emptyDir, hostPath, secret, configMap, persistentVolumeClaim,
// downwardAPI, projected and ephemeral sources, and the few rules of csi,
// nfs and gitRepo), volume mounts, ports and
// host-port conflicts, env and envFrom (the downward API's field paths
// included), container and pod-level resources, hostname, subdomain,
// serviceAccountName and os. Set fields it keeps without checking (other
// volume sources, claim templates, ...) are listed by Unchecked.
//
// Not modelled, so never reported: everything about fields the Pod type
// lacks (security contexts, affinity, tolerations, DNS config, ...), the
// pod-specific annotations (mirror, tolerations, deletion cost, seccomp,
// AppArmor), finalizers and managed fields; metadata fields the apiserver
// overwrites on create (generation, uid, timestamps) and the status are not
// validated either. A container is never privileged (securityContext is
// not modelled), so Bidirectional mount propagation is always rejected.
//
// The result is nil when the pod is valid.
func ValidateCreate(p *Pod, gates feature.Gates) field.ErrorList {
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
	return v.errs
}

// dropContainerRestartFields removes what gate ContainerRestartRules guards,
// as the apiserver does before validating a new pod with the gate off
// (pkg/api/pod/util.go dropContainerRestartRules): every restartPolicyRules,
// every regular and ephemeral container restartPolicy, and every init
// container restartPolicy except Always (sidecars predate the gate). s holds
// fresh container slices (from Defaulted), so this changes no caller memory.
func dropContainerRestartFields(s *Spec) {
	for i := range s.InitContainers {
		c := &s.InitContainers[i]
		if !c.IsSidecar() {
			c.RestartPolicy = nil
		}
		c.RestartPolicyRules = nil
	}
	for i := range s.Containers {
		s.Containers[i].RestartPolicy = nil
		s.Containers[i].RestartPolicyRules = nil
	}
	for i := range s.EphemeralContainers {
		s.EphemeralContainers[i].RestartPolicy = nil
		s.EphemeralContainers[i].RestartPolicyRules = nil
	}
}

type podValidator struct {
	errs            field.ErrorList
	vols            map[string]*VolumeSource // the valid volumes, which mounts may name
	unchecked       []string                 // fields present but not validated (notChecked)
	claimNames      []string                 // spec.resourceClaims names, sorted
	allowRules      bool                     // gate ContainerRestartRules
	allowRestartAll bool                     // gate RestartAllContainersOnContainerExits
}

func (v *podValidator) add(p *field.Path, t field.ErrorType, bad any, detail string) {
	v.errs = append(v.errs, &field.Error{Field: p.String(), Type: t, BadValue: bad, Detail: detail})
}

// validateCreate: pkg/apis/core/validation/validation.go ValidatePodCreate
// (via validatePodMetadataAndSpec). d is the defaulted pod.
func (v *podValidator) validateCreate(d *Pod) {
	meta := field.NewPath("metadata")
	v.objectMeta(&d.Metadata, &meta)

	spec := field.NewPath("spec")
	v.podSpec(&d.Spec, &d.Metadata, &spec)
	v.serviceAccountTokens(&d.Spec, &spec)

	// Pod-only checks (validatePodMetadataAndSpec → validateContainersOnlyForPod).
	ctrs, inits := spec.Child("containers"), spec.Child("initContainers")
	v.imageWhitespace(d.Spec.Containers, &ctrs)
	v.imageWhitespace(d.Spec.InitContainers, &inits)

	// ValidatePodCreate proper.
	if len(d.Spec.EphemeralContainers) > 0 {
		ep := spec.Child("ephemeralContainers")
		v.add(&ep, field.ErrorTypeForbidden, nil, msgEphemeralOnCreate)
	}
	if d.Spec.NodeName != "" && len(d.Spec.SchedulingGates) != 0 {
		np := spec.Child("nodeName")
		v.add(&np, field.ErrorTypeForbidden, nil, msgGatedNodeName)
	}
}

// podSpec: pkg/apis/core/validation/validation.go ValidatePodSpec, for the
// modelled fields, in upstream's order.
func (v *podValidator) podSpec(s *Spec, m *Meta, p *field.Path) {
	grace := s.TerminationGracePeriodSeconds
	if grace == nil {
		tp := p.Child("terminationGracePeriodSeconds")
		v.add(&tp, field.ErrorTypeRequired, nil, "")
	}
	vp := p.Child("volumes")
	v.vols = v.volumes(s.Volumes, m.Name, &vp)
	v.podResourceClaims(s, p)

	cp := p.Child("containers")
	v.containers(s.Containers, grace, &cp)
	ip := p.Child("initContainers")
	v.initContainers(s.InitContainers, s.Containers, grace, &ip)
	ep := p.Child("ephemeralContainers")
	v.ephemeralContainers(s.EphemeralContainers, s.Containers, s.InitContainers, &ep)
	v.podResources(s, p)
	v.hostNetworkPorts(s, p)

	// validateRestartPolicy (its supported values are listed in this order).
	rp := p.Child("restartPolicy")
	switch s.RestartPolicy {
	case restart.Always, restart.OnFailure, restart.Never:
	case "":
		v.add(&rp, field.ErrorTypeRequired, nil, "")
	default:
		v.add(&rp, field.ErrorTypeNotSupported, string(s.RestartPolicy),
			field.SupportedValues(string(restart.Always), string(restart.OnFailure), string(restart.Never)))
	}

	// validateReadinessGates.
	gp := p.Child("readinessGates")
	for i, g := range s.ReadinessGates {
		ip := gp.Index(i)
		ctp := ip.Child("conditionType")
		for _, msg := range qualifiedNameProblems(string(g.ConditionType)) {
			v.add(&ctp, field.ErrorTypeInvalid, string(g.ConditionType), msg)
		}
	}

	// validateSchedulingGates: qualified names, no duplicates; errors on the
	// list element itself.
	sp := p.Child("schedulingGates")
	gateNames := newNameIndex(s.SchedulingGates, func(g *SchedulingGate) string { return g.Name })
	for i, g := range s.SchedulingGates {
		ip := sp.Index(i)
		for _, msg := range qualifiedNameProblems(g.Name) {
			v.add(&ip, field.ErrorTypeInvalid, g.Name, msg)
		}
		if gateNames.before(g.Name, i) {
			v.add(&ip, field.ErrorTypeDuplicate, g.Name, "")
		}
	}

	v.serviceAccount(s, p)

	// nodeName: ValidateNodeName (NameIsDNSSubdomain).
	if s.NodeName != "" {
		np := p.Child("nodeName")
		for _, msg := range dnsSubdomainProblems(s.NodeName, "characters") {
			v.add(&np, field.ErrorTypeInvalid, s.NodeName, msg)
		}
	}

	if s.ActiveDeadlineSeconds != nil {
		if a := *s.ActiveDeadlineSeconds; a < 1 || a > math.MaxInt32 {
			ap := p.Child("activeDeadlineSeconds")
			v.add(&ap, field.ErrorTypeInvalid, a, rangeMsg(1, math.MaxInt32))
		}
	}
	v.podNaming(s, p)
	v.fileKeyRefVolumes(s, p)
}
