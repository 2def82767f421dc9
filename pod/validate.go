package pod

import (
	"math"

	"github.com/podlife/podlife/container"
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
// guards (pkg/api/pod/util.go dropDisabledPodFields). p is not changed,
// nor copied: the defaults and the drops are read where validation uses
// them, so validating a valid pod allocates nothing (but to decode an
// ephemeral volume's claim template, which the model keeps as raw JSON).
//
// The gates that matter are ContainerRestartRules (container restartPolicy
// on regular containers, Never/OnFailure on init containers,
// restartPolicyRules; dropped when off) and
// RestartAllContainersOnContainerExits (the RestartAllContainers action and
// rules on sidecars; rejected when off). The zero feature.Gates is the
// v1.37 default set.
//
// The whole pod is validated too: volumes (names, exactly one source, the
// emptyDir, hostPath, secret, configMap, persistentVolumeClaim,
// downwardAPI, projected and ephemeral sources, an ephemeral volume's
// claim template but its selector and data sources, and the few rules of
// csi, nfs and gitRepo), resource claims, volume mounts, ports and host-port
// conflicts, env and envFrom (the downward API's field paths included),
// container and pod-level resources, the overhead, hostname, subdomain,
// serviceAccountName and os (a windows pod may not set
// shareProcessNamespace). Set fields it keeps without checking (other
// volume sources, a claim template's selector, ...) are listed by
// Unchecked.
//
// Of the pod-specific annotations, a mirror pod's (it must name its node,
// and may have no resource claims) and the deletion cost (an int32) are
// checked.
//
// Not modelled, so never reported: everything about fields the Pod type
// lacks (security contexts, affinity, tolerations, DNS config, ...), the
// tolerations, seccomp and AppArmor annotations, finalizers and managed
// fields; metadata fields the apiserver overwrites on create (generation,
// uid, timestamps) and the status are not validated either. A container
// is never privileged (securityContext is not modelled), so Bidirectional
// mount propagation is always rejected.
//
// The result is nil when the pod is valid.
func ValidateCreate(p *Pod, gates feature.Gates) field.ErrorList {
	return validate(p, gates, true).errs
}

// validate runs create validation on p (nil: an empty pod), recording the
// fields it keeps without checking unless skipUnchecked.
func validate(p *Pod, gates feature.Gates, skipUnchecked bool) podValidator {
	var zero Pod
	if p == nil {
		p = &zero
	}
	v := podValidator{
		allowRules:      gates.Enabled(feature.ContainerRestartRules),
		allowRestartAll: gates.Enabled(feature.RestartAllContainersOnContainerExits),
		skipUnchecked:   skipUnchecked,
	}
	// Quantities are the one default no read helper can give: the pod-level
	// sums and comparisons use them rounded. A pod with a quantity finer
	// than a thousandth (almost none) is validated as the rounded copy the
	// apiserver validates.
	if r := roundedResources(p); r != nil {
		p = r
	}
	v.validateCreate(p)
	return v
}

// How validation reads what the apiserver changes before it validates: p
// is not copied (but for a quantity to round: see validate). Each rule
// that upstream applies to a defaulted value reads the value through the
// helper of its default (defaults.go,
// defaults_wholepod.go: defaultedRestartPolicy, defaultedGracePeriod,
// defaultedProtocol, ...; probes through probe.Probe.AppendDefaultedErrors),
// the helpers Defaulted writes with, and the fields a disabled gate drops
// are read through restartFields and initRestartFields. Every helper
// returns a defaulted value unchanged, so validating a pod that is already
// defaulted (and dropped) gives the same answer: Unchecked does that.

// restartFields is a regular or ephemeral container's restartPolicy and
// restartPolicyRules as create validation sees them: with gate
// ContainerRestartRules off, pkg/api/pod/util.go dropContainerRestartRules
// clears both.
func (v *podValidator) restartFields(c *container.Container) (*restart.Policy, []restart.Rule) {
	if !v.allowRules {
		return nil, nil
	}
	return c.RestartPolicy, c.RestartPolicyRules
}

// initRestartFields is an init container's restartPolicy and
// restartPolicyRules as create validation sees them: with gate
// ContainerRestartRules off, dropContainerRestartRules clears the rules and
// every policy but a sidecar's Always (sidecars predate the gate).
func (v *podValidator) initRestartFields(c *container.Container) (*restart.Policy, []restart.Rule) {
	if v.allowRules {
		return c.RestartPolicy, c.RestartPolicyRules
	}
	if c.IsSidecar() {
		return c.RestartPolicy, nil
	}
	return nil, nil
}

type podValidator struct {
	errs            field.ErrorList
	vols            validVolumes       // the valid volumes, which mounts may name
	unchecked       []string           // fields present but not validated (notChecked)
	claims          []PodResourceClaim // spec.resourceClaims, which containers' claims name
	allowRules      bool               // gate ContainerRestartRules
	allowRestartAll bool               // gate RestartAllContainersOnContainerExits
	skipUnchecked   bool               // do not record unchecked fields (ValidateCreate)
	hostNetwork     bool               // spec.hostNetwork, for the hostPort default
	// counting makes add count errors instead of recording them: a walk in
	// map order that only has to tell whether a sorted walk will report.
	counting bool
	counted  int
	spare    []field.Error // room for the next errors (record)
}

// requiredAnd reports value at p as Required when empty, else every
// problem the format check finds as Invalid: the shape of upstream's name
// and key checks (ValidateNamespaceName, validateEnvVarName, ...).
func (v *podValidator) requiredAnd(p *field.Path, value string, problems func(string) []string) {
	if value == "" {
		v.add(p, field.ErrorTypeRequired, nil, "")
		return
	}
	for _, m := range problems(value) {
		v.add(p, field.ErrorTypeInvalid, value, m)
	}
}

func (v *podValidator) add(p *field.Path, t field.ErrorType, bad any, detail string) {
	if v.counting {
		v.counted++
		return
	}
	v.record(p, t, bad, detail)
}

// record appends an error. The errors are carved from arrays that grow
// as the list does, and the list starts with room for a few, so that an
// invalid pod costs a few allocations rather than two per error; each
// error is still its own value.
func (v *podValidator) record(p *field.Path, t field.ErrorType, bad any, detail string) {
	if len(v.spare) == 0 {
		v.spare = make([]field.Error, max(2, len(v.errs))) // grows as the list does
	}
	e := &v.spare[0]
	v.spare = v.spare[1:]
	*e = field.Error{Field: p.String(), Type: t, BadValue: bad, Detail: detail}
	if v.errs == nil {
		v.errs = make(field.ErrorList, 0, errorChunk)
	}
	v.errs = append(v.errs, e)
}

// errorChunk is the room a new error list starts with.
const errorChunk = 4

// countErrors runs walk with add counting, and reports whether it would
// have reported anything.
func (v *podValidator) countErrors(walk func()) bool {
	v.counting, v.counted = true, 0
	walk()
	v.counting = false
	return v.counted > 0
}

// validateCreate: pkg/apis/core/validation/validation.go ValidatePodCreate
// (via validatePodMetadataAndSpec), on d as written, its defaults read
// where they are used.
func (v *podValidator) validateCreate(d *Pod) {
	v.hostNetwork = d.Spec.HostNetwork
	meta := field.NewPath("metadata")
	v.objectMeta(&d.Metadata, &meta)
	v.podAnnotations(&d.Metadata, &d.Spec, &meta)

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
	// Never missing once defaulted (upstream's Required is unreachable on
	// create).
	grace := defaultedGracePeriod(s.TerminationGracePeriodSeconds)
	vp := p.Child("volumes")
	v.volumes(s.Volumes, m.Name, &vp)
	v.podResourceClaims(s, m, p)

	cp := p.Child("containers")
	v.containers(s.Containers, &grace, &cp)
	ip := p.Child("initContainers")
	v.initContainers(s.InitContainers, s.Containers, &grace, &ip)
	ep := p.Child("ephemeralContainers")
	v.ephemeralContainers(s.EphemeralContainers, s.Containers, s.InitContainers, &ep)
	v.podResources(s, p)
	v.hostNetworkPorts(s, p)

	// validateRestartPolicy (its supported values are listed in this order;
	// an empty policy is defaulted, so upstream's Required is unreachable).
	rp := p.Child("restartPolicy")
	switch policy := defaultedRestartPolicy(s); policy {
	case restart.Always, restart.OnFailure, restart.Never:
	default:
		v.add(&rp, field.ErrorTypeNotSupported, string(policy),
			msgPodRestartPolicies)
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
	v.overhead(s, p)
	v.podOS(s, p)
	v.fileKeyRefVolumes(s, p)
}

// The supported-values details, rendered once (field.SupportedValues).
var (
	msgPodRestartPolicies       = field.SupportedValues(string(restart.Always), string(restart.OnFailure), string(restart.Never))
	msgSidecarPolicy            = field.SupportedValues(string(restart.Always))
	msgContainerRestartPolicies = field.SupportedValues(string(restart.Always), string(restart.Never), string(restart.OnFailure))
	msgRuleActionsAll           = field.SupportedValues(string(restart.ActionRestart), string(restart.ActionRestartAllContainers))
	msgRuleActions              = field.SupportedValues(string(restart.ActionRestart))
	msgRuleOperators            = field.SupportedValues(string(restart.In), string(restart.NotIn))
	msgHostPathTypes            = field.SupportedValues(supportedHostPathTypes...)
	msgEnvFieldPaths            = field.SupportedValues(validEnvFieldPaths...)
	msgVolumeFieldPaths         = field.SupportedValues(validVolumeFieldPaths...)
	msgProtocols                = field.SupportedValues(supportedProtocols...)
	msgResourceFieldPaths       = field.SupportedValues(validResourceFieldPaths...)
	msgPropagations             = field.SupportedValues(supportedPropagations...)
	msgRROModes                 = field.SupportedValues(supportedRRO...)
	msgPodLevelResources        = field.SupportedValues("cpu", "hugepages-", "memory")
	msgOSNames                  = field.SupportedValues(string(Linux), string(Windows))
)
