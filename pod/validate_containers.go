package pod

// Containers: names, images, restart policies and rules, init containers,
// sidecars and ephemeral containers (pkg/apis/core/validation
// validateContainers, validateInitContainers, validateEphemeralContainers).

import (
	"strings"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/field"
	"github.com/podlife/podlife/restart"
)

// containerCommon: validateContainerCommon, for the modelled fields: the
// name is required and a DNS-1123 label, the image is required. list says
// which defaults of SetDefaults_Pod apply to the container.
func (v *podValidator) containerCommon(c *container.Container, list containerList, p *field.Path) {
	np := p.Child("name")
	v.requiredAnd(&np, c.Name, dnsLabelProblems)
	if c.Image == "" {
		ip := p.Child("image")
		v.add(&ip, field.ErrorTypeRequired, nil, "")
	}
	v.containerShared(c, list, p)
}

// containerList is the spec list a container is in, for the defaults that
// depend on it.
type containerList uint8

const (
	regularList containerList = iota
	initList
	ephemeralList
)

// podDefaulted reports whether SetDefaults_Pod visits the list's containers
// (requests from limits, hostNetwork host ports): regular and init ones.
func (l containerList) podDefaulted() bool { return l != ephemeralList }

// imageWhitespace: validateContainerOnlyForPod.
func (v *podValidator) imageWhitespace(cs []container.Container, p *field.Path) {
	for i := range cs {
		img := cs[i].Image
		if len(strings.TrimSpace(img)) != len(img) {
			ip := p.Index(i)
			imp := ip.Child("image")
			v.add(&imp, field.ErrorTypeInvalid, img, msgImageWhitespace)
		}
	}
}

// containers: validateContainers.
func (v *podValidator) containers(cs []container.Container, grace *int64, p *field.Path) {
	if len(cs) == 0 {
		v.add(p, field.ErrorTypeRequired, nil, "")
		return
	}
	names := containerIndex(cs)
	for i := range cs {
		c := &cs[i]
		cp := p.Index(i)
		v.containerCommon(c, regularList, &cp)
		// Unique among regular containers (an empty name counts too); clashes
		// with init and ephemeral containers are reported on those.
		if names.before(c.Name, i) {
			np := cp.Child("name")
			v.add(&np, field.ErrorTypeDuplicate, c.Name, "")
		}
		v.probesAndHooks(c, grace, &cp)
		// With the gate off both fields read as dropped: upstream's
		// Forbidden for a regular container's policy is unreachable on
		// create.
		if policy, rules := v.restartFields(c); v.allowRules {
			v.containerRestartPolicy(policy, rules, &cp)
		}
	}
	// Host ports are shared by all the regular containers.
	v.hostPortConflicts(cs, p)
}

// initContainers: validateInitContainers.
func (v *podValidator) initContainers(cs, regular []container.Container, grace *int64, p *field.Path) {
	if len(cs) == 0 {
		return
	}
	names, regularNames := containerIndex(cs), containerIndex(regular)
	for i := range cs {
		c := &cs[i]
		cp := p.Index(i)
		v.containerCommon(c, initList, &cp)
		v.initContainerRestartPolicy(c, &cp)
		sidecar := c.IsSidecar()

		// Unique across regular containers (all of them, even unnamed) and the
		// named init containers before this one.
		if regularNames.any(c.Name) || (c.Name != "" && names.before(c.Name, i)) {
			np := cp.Child("name")
			v.add(&np, field.ErrorTypeDuplicate, c.Name, "")
		}
		// Init containers run one at a time: each is checked alone.
		v.hostPortConflicts(cs[i:i+1], p)

		if sidecar {
			v.probesAndHooks(c, grace, &cp)
			continue
		}
		v.forbid(&cp, msgInitNoProbes,
			setField{c.Lifecycle != nil, "lifecycle"},
			setField{c.LivenessProbe != nil, "livenessProbe"},
			setField{c.ReadinessProbe != nil, "readinessProbe"},
			setField{c.StartupProbe != nil, "startupProbe"})
	}
}

// setField names a field of the value being validated and whether it is set.
type setField struct {
	set  bool
	name string
}

// forbid reports every set field as Forbidden under p, in the order given.
func (v *podValidator) forbid(p *field.Path, detail string, fields ...setField) {
	for _, f := range fields {
		if f.set {
			fp := p.Child(f.name)
			v.add(&fp, field.ErrorTypeForbidden, nil, detail)
		}
	}
}

// initContainerRestartPolicy: validateInitContainerRestartPolicy.
func (v *podValidator) initContainerRestartPolicy(c *container.Container, p *field.Path) {
	policy, rules := v.initRestartFields(c)
	if policy == nil {
		if len(rules) > 0 {
			rp := p.Child("restartPolicy")
			v.add(&rp, field.ErrorTypeRequired, nil, msgRulesNeedPolicy)
		}
		return
	}
	if !v.allowRules {
		// Only sidecars exist without the gate (other values are dropped
		// before validation on create).
		if !c.IsSidecar() {
			rp := p.Child("restartPolicy")
			v.add(&rp, field.ErrorTypeNotSupported, string(*policy), msgSidecarPolicy)
		}
		return
	}
	if c.IsSidecar() && !v.allowRestartAll {
		// Rules on sidecars need RestartAllContainersOnContainerExits.
		if len(rules) > 0 {
			rp := p.Child("restartPolicyRules")
			v.add(&rp, field.ErrorTypeForbidden, nil, msgSidecarRulesNoGate)
		}
		return
	}
	v.containerRestartPolicy(policy, rules, p)
}

// containerRestartPolicy: validateContainerRestartPolicy — the container's
// own policy and its exit-code rules.
func (v *podValidator) containerRestartPolicy(policy *restart.Policy, rules []restart.Rule, p *field.Path) {
	rp := p.Child("restartPolicy")
	if policy == nil {
		if len(rules) == 0 {
			return
		}
		v.add(&rp, field.ErrorTypeRequired, nil, msgRulesNeedPolicy)
	} else if !policy.IsValid() {
		// An explicit "" is not "unset" (the field is a pointer). Sorted,
		// as upstream lists a set.
		v.add(&rp, field.ErrorTypeNotSupported, string(*policy),
			msgContainerRestartPolicies)
	}
	rlp := p.Child("restartPolicyRules")
	if len(rules) > maxRestartRules {
		v.add(&rlp, field.ErrorTypeTooMany, len(rules), tooManyMsg(maxRestartRules))
	}
	for i := range rules {
		r := &rules[i]
		ip := rlp.Index(i)
		switch {
		case r.Action == restart.ActionRestart:
		case r.Action == restart.ActionRestartAllContainers && v.allowRestartAll:
		default:
			ap := ip.Child("action")
			if v.allowRestartAll {
				v.add(&ap, field.ErrorTypeNotSupported, string(r.Action),
					msgRuleActionsAll)
			} else {
				v.add(&ap, field.ErrorTypeNotSupported, string(r.Action), msgRuleActions)
			}
		}
		ep := ip.Child("exitCodes")
		if r.ExitCodes == nil {
			v.add(&ep, field.ErrorTypeRequired, nil, msgExitCodesRequired)
			continue
		}
		if op := r.ExitCodes.Operator; op != restart.In && op != restart.NotIn {
			opp := ep.Child("operator")
			v.add(&opp, field.ErrorTypeNotSupported, string(op), msgRuleOperators)
		}
		if n := len(r.ExitCodes.Values); n > maxExitCodeValues {
			vp := ep.Child("values")
			v.add(&vp, field.ErrorTypeTooMany, n, tooManyMsg(maxExitCodeValues))
		}
	}
}

// ephemeralContainers: validateEphemeralContainers, for the modelled fields.
// Probes, lifecycle and the restart fields are not on the allow-list of
// ephemeral container fields (allowedEphemeralContainerFields), so setting
// them is Forbidden; they are reported in the field order of
// EphemeralContainerCommon.
func (v *podValidator) ephemeralContainers(cs, regular, inits []container.Container, p *field.Path) {
	if len(cs) == 0 {
		return
	}
	names, regularNames, initNames := containerIndex(cs), containerIndex(regular), containerIndex(inits)
	for i := range cs {
		c := &cs[i]
		cp := p.Index(i)
		v.containerCommon(c, ephemeralList, &cp)
		if len(strings.TrimSpace(c.Image)) != len(c.Image) {
			ip := cp.Child("image")
			v.add(&ip, field.ErrorTypeInvalid, c.Image, msgImageWhitespace)
		}
		// Unique across all containers (regular and init ones, even unnamed,
		// and the ephemeral ones before).
		if regularNames.any(c.Name) || initNames.any(c.Name) || names.before(c.Name, i) {
			np := cp.Child("name")
			v.add(&np, field.ErrorTypeDuplicate, c.Name, "")
		}
		// Set means not the zero value (validateFieldAllowList compares with
		// reflect.DeepEqual), so an empty list that is present counts. The
		// restart fields read as dropped with their gate off.
		policy, rules := v.restartFields(c)
		v.forbid(&cp, msgEphemeralField,
			setField{c.Ports != nil, "ports"},
			setField{!c.Resources.IsZero(), "resources"},
			setField{policy != nil, "restartPolicy"},
			setField{rules != nil, "restartPolicyRules"},
			setField{c.LivenessProbe != nil, "livenessProbe"},
			setField{c.ReadinessProbe != nil, "readinessProbe"},
			setField{c.StartupProbe != nil, "startupProbe"},
			setField{c.Lifecycle != nil, "lifecycle"})
		v.ephemeralSubPaths(c, &cp)
	}
}
