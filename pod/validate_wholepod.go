package pod

// A container's share of the pod — ports, environment, volume mounts and
// resources — and the pod-level fields around them
// (pkg/apis/core/validation/validation.go validateContainerPorts,
// ValidateEnv, ValidateEnvFrom, ValidateVolumeMounts,
// validateResourceRequirements, AccumulateUniqueHostPorts,
// validatePodResources, validatePodHostNetworkDeps, ...).

import (
	"slices"
	"strconv"
	"strings"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/field"
	"github.com/podlife/podlife/resource"
)

const (
	msgPortCharset          = "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"
	msgPortOneLetter        = "must contain at least one letter (a-z)"
	msgPortDoubleHyphen     = "must not contain consecutive hyphens"
	msgPortHyphenEnds       = "must not begin or end with a hyphen"
	msgEnvNameRelaxed       = "a valid environment variable name must consist only of printable ASCII characters other than '='"
	msgEnvOneOf             = "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`"
	msgEnvNotWithValue      = "may not be specified when `value` is not empty"
	msgEnvMoreThanOne       = "may not have more than one field specified at a time"
	msgEnvFromOneOf         = "must specify one of: `configMapRef` or `secretRef`"
	msgConfigMapKey         = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'"
	configMapKeyFmt         = "[-._a-zA-Z0-9]+"
	msgMountPathUnique      = "must be unique"
	msgSubPathExclusive     = "subPathExpr and subPath are mutually exclusive"
	msgBidirectional        = "Bidirectional mount propagation is available only to privileged containers"
	msgRROReadOnly          = "may only be specified when readOnly is true"
	msgRROPropagation       = "may only be specified when mountPropagation is None or not specified"
	msgNegative             = "must be greater than or equal to 0"
	msgNotInteger           = "must be an integer"
	msgStandardOrQualified  = "must be a standard resource type or fully qualified"
	msgStandardForContainer = "must be a standard resource for containers"
	msgExtendedName         = "doesn't follow extended resource name standard"
	msgLimitRequired        = "Limit must be set for non overcommitable resources"
	msgHugePagesNeedCPUMem  = "HugePages require cpu or memory"
	msgHostNetworkPort      = "must match `containerPort` when `hostNetwork` is true"
	msgWindowsPodResources  = "may not be set for a windows pod"
	msgPodClaims            = "claims may not be set for Resources at pod-level"
	msgDivisorCPU           = "only divisor's values 1m and 1 are supported with the cpu resource"
	msgDivisorMemory        = "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"
	msgDivisorStorage       = "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource"
	msgDivisorHugePages     = "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource"
)

// supportedProtocols, sorted as upstream lists them.
var supportedProtocols = []string{"SCTP", "TCP", "UDP"}

// supportedPropagations, sorted.
var supportedPropagations = []string{"Bidirectional", "HostToContainer", "None"}

// supportedRRO, sorted.
var supportedRRO = []string{"Disabled", "Enabled", "IfPossible"}

// validEnvFieldPaths: validEnvDownwardAPIFieldPathExpressions, sorted.
var validEnvFieldPaths = []string{
	"metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
	"status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
}

// validResourceFieldPaths: validContainerResourceFieldPathExpressions,
// sorted.
var validResourceFieldPaths = []string{
	"limits.cpu", "limits.ephemeral-storage", "limits.memory",
	"requests.cpu", "requests.ephemeral-storage", "requests.memory",
}

var byteDivisors = []string{"1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"}

// containerShared validates what validateContainerCommon checks after the
// name and the image: the termination message policy, ports, env,
// envFrom, volume mounts, the pull policy, resources. list says whether
// SetDefaults_Pod visits the container (the hostNetwork host ports, the
// requests from limits).
func (v *podValidator) containerShared(c *container.Container, list containerList, p *field.Path) {
	// The policy as SetDefaults_Container leaves it (never empty, so
	// upstream's Required for it is unreachable on create).
	switch c.EffectiveTerminationMessagePolicy() {
	case container.TerminationMessageReadFile, container.TerminationMessageFallbackToLogsOnError:
	default:
		tp := p.Child("terminationMessagePolicy")
		v.add(&tp, field.ErrorTypeNotSupported, string(c.TerminationMessagePolicy), msgTerminationMessagePolicies)
	}
	pp := p.Child("ports")
	v.containerPorts(c.Ports, v.hostNetwork && list.podDefaulted(), &pp)
	ep := p.Child("env")
	v.env(c.Env, &ep)
	efp := p.Child("envFrom")
	v.envFrom(c.EnvFrom, &efp)
	mp := p.Child("volumeMounts")
	v.volumeMounts(c.VolumeMounts, &mp)
	// validatePullPolicy, on the policy as SetDefaults_Container leaves it
	// (never empty: EffectivePullPolicy reads the default).
	switch c.EffectivePullPolicy() {
	case container.PullAlways, container.PullIfNotPresent, container.PullNever:
	default:
		pp := p.Child("imagePullPolicy")
		v.add(&pp, field.ErrorTypeNotSupported, string(c.ImagePullPolicy), msgPullPolicies)
	}
	rp := p.Child("resources")
	v.resourceRequirements(&c.Resources, containerResources(list), &rp)
}

// msgTerminationMessagePolicies is the detail of an unsupported
// terminationMessagePolicy.
const msgTerminationMessagePolicies = `supported values: "File", "FallbackToLogsOnError"`

// msgPullPolicies is the detail of an unsupported imagePullPolicy.
const msgPullPolicies = `supported values: "Always", "IfNotPresent", "Never"`

func portName(pt *container.Port) string { return pt.Name }

func mountPath(m *container.VolumeMount) string { return m.MountPath }

// containerPorts: validateContainerPorts, on the protocol and hostPort as
// defaulted (hostNetwork: the pod's, for a container SetDefaults_Pod
// visits). A protocol is never empty once defaulted, so upstream's
// Required for it is unreachable on create.
func (v *podValidator) containerPorts(ports []container.Port, hostNetwork bool, p *field.Path) {
	if len(ports) == 0 {
		return
	}
	// A valid name seen before is a duplicate: names are equal, so the
	// earlier one was valid too.
	names := newNameIndex(ports, portName)
	for i := range ports {
		pt := &ports[i]
		ip := p.Index(i)
		if pt.Name != "" {
			np := ip.Child("name")
			if msgs := portNameProblems(pt.Name); len(msgs) > 0 {
				for _, m := range msgs {
					v.add(&np, field.ErrorTypeInvalid, pt.Name, m)
				}
			} else if names.before(pt.Name, i) {
				v.add(&np, field.ErrorTypeDuplicate, pt.Name, "")
			}
		}
		cp := ip.Child("containerPort")
		if pt.ContainerPort == 0 {
			v.add(&cp, field.ErrorTypeRequired, nil, "")
		} else if pt.ContainerPort < 1 || pt.ContainerPort > 65535 {
			v.add(&cp, field.ErrorTypeInvalid, pt.ContainerPort, msgPortNumberRange)
		}
		if hostPort := defaultedHostPort(pt, hostNetwork); hostPort != 0 && (hostPort < 1 || hostPort > 65535) {
			hp := ip.Child("hostPort")
			v.add(&hp, field.ErrorTypeInvalid, hostPort, msgPortNumberRange)
		}
		prp := ip.Child("protocol")
		switch proto := defaultedProtocol(pt); proto {
		case container.TCP, container.UDP, container.SCTP:
		default:
			v.add(&prp, field.ErrorTypeNotSupported, string(proto), msgProtocols)
		}
	}
}

// portNameProblems: util/validation IsValidPortName (an IANA service name).
func portNameProblems(s string) []string {
	var out []string
	if len(s) > 15 {
		out = append(out, msgMax15Chars)
	}
	charset, letter := s != "", false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			letter = true
		} else if !(c >= '0' && c <= '9' || c == '-') {
			charset = false
		}
	}
	if !charset {
		out = append(out, msgPortCharset)
	}
	if !letter {
		out = append(out, msgPortOneLetter)
	}
	if strings.Contains(s, "--") {
		out = append(out, msgPortDoubleHyphen)
	}
	if s != "" && (s[0] == '-' || s[len(s)-1] == '-') {
		out = append(out, msgPortHyphenEnds)
	}
	return out
}

// hostPortConflicts: checkHostPortConflicts / AccumulateUniqueHostPorts —
// a (protocol, hostIP, hostPort) may be used once among cs, with protocol
// and hostPort as defaulted (cs are regular or init containers, which
// SetDefaults_Pod visits). Paths index cs itself, so for init containers,
// checked one at a time, the index is always 0, as upstream reports it.
// Upstream compares the keys "protocol/hostIP/hostPort" as strings; so does
// hostPortKeyEqual, without building them, by a scan of the earlier ports
// for ordinary pods and through a set of keys beyond smallPod host ports.
func (v *podValidator) hostPortConflicts(cs []container.Container, p *field.Path) {
	n := 0
	for ci := range cs {
		for pi := range cs[ci].Ports {
			if defaultedHostPort(&cs[ci].Ports[pi], v.hostNetwork) != 0 {
				n++
			}
		}
	}
	if n < 2 {
		return
	}
	var seen map[string]bool
	if n > smallPod {
		seen = make(map[string]bool, n)
	}
	for ci := range cs {
		cp := p.Index(ci)
		pp := cp.Child("ports")
		for pi := range cs[ci].Ports {
			pt := &cs[ci].Ports[pi]
			if defaultedHostPort(pt, v.hostNetwork) == 0 {
				continue
			}
			var dup bool
			if seen != nil {
				key := v.hostPortKey(pt)
				dup = seen[key]
				seen[key] = true
			} else {
				dup = v.hostPortSeen(cs, ci, pi)
			}
			if dup {
				ip := pp.Index(pi)
				hp := ip.Child("hostPort")
				v.add(&hp, field.ErrorTypeDuplicate, v.hostPortKey(pt), "")
			}
		}
	}
}

// hostPortKey is upstream's key of a host port.
func (v *podValidator) hostPortKey(pt *container.Port) string {
	return string(defaultedProtocol(pt)) + "/" + pt.HostIP + "/" + strconv.Itoa(int(defaultedHostPort(pt, v.hostNetwork)))
}

// hostPortSeen reports whether a host port before cs[ci].Ports[pi] has the
// same key.
func (v *podValidator) hostPortSeen(cs []container.Container, ci, pi int) bool {
	pt := &cs[ci].Ports[pi]
	for cj := 0; cj <= ci; cj++ {
		ports := cs[cj].Ports
		if cj == ci {
			ports = ports[:pi]
		}
		for j := range ports {
			if q := &ports[j]; defaultedHostPort(q, v.hostNetwork) != 0 && v.hostPortKeyEqual(pt, q) {
				return true
			}
		}
	}
	return false
}

// hostPortKeyEqual reports whether hostPortKey(a) == hostPortKey(b). The
// port number is the part after the last '/' (digits and a sign), so the
// keys are equal when the numbers are and "protocol/hostIP" are.
func (v *podValidator) hostPortKeyEqual(a, b *container.Port) bool {
	if defaultedHostPort(a, v.hostNetwork) != defaultedHostPort(b, v.hostNetwork) {
		return false
	}
	pa, pb := string(defaultedProtocol(a)), string(defaultedProtocol(b))
	if len(pa)+len(a.HostIP) != len(pb)+len(b.HostIP) {
		return false
	}
	at := func(proto, ip string, i int) byte {
		switch {
		case i < len(proto):
			return proto[i]
		case i == len(proto):
			return '/'
		}
		return ip[i-len(proto)-1]
	}
	for i := 0; i <= len(pa)+len(a.HostIP); i++ {
		if at(pa, a.HostIP, i) != at(pb, b.HostIP, i) {
			return false
		}
	}
	return true
}

// env: ValidateEnv, with RelaxedEnvironmentVariableValidation (GA in
// v1.37): any printable ASCII but '='.
func (v *podValidator) env(vars []container.EnvVar, p *field.Path) {
	for i := range vars {
		ev := &vars[i]
		ip := p.Index(i)
		np := ip.Child("name")
		v.requiredAnd(&np, ev.Name, relaxedEnvNameProblems)
		vp := ip.Child("valueFrom")
		v.envValueFrom(ev, &vp)
	}
}

// relaxedEnvNameProblems: util/validation IsRelaxedEnvVarName.
func relaxedEnvNameProblems(s string) []string {
	if s == "" {
		return []string{"environment variable name " + msgNonEmpty}
	}
	for _, r := range s {
		if r > 0x7f || r < 0x20 || r == 0x7f || r == '=' {
			return []string{msgEnvNameRelaxed}
		}
	}
	return nil
}

// envValueFrom: validateEnvVarValueFrom.
func (v *podValidator) envValueFrom(ev *container.EnvVar, p *field.Path) {
	vf := ev.ValueFrom
	if vf == nil {
		return
	}
	n := 0
	if vf.FieldRef != nil {
		n++
		fp := p.Child("fieldRef")
		v.objectFieldSelector(vf.FieldRef, validEnvFieldPaths, msgEnvFieldPaths, &fp)
	}
	if vf.ResourceFieldRef != nil {
		n++
		rp := p.Child("resourceFieldRef")
		v.resourceFieldSelector(vf.ResourceFieldRef, &rp, false)
	}
	if vf.ConfigMapKeyRef != nil {
		n++
		kp := p.Child("configMapKeyRef")
		v.keySelector(vf.ConfigMapKeyRef, &kp)
	}
	if vf.SecretKeyRef != nil {
		n++
		kp := p.Child("secretKeyRef")
		v.keySelector(vf.SecretKeyRef, &kp)
	}
	if vf.FileKeyRef != nil {
		n++
		kp := p.Child("fileKeyRef")
		v.fileKeySelector(vf.FileKeyRef, &kp)
	}
	switch {
	case n == 0:
		v.add(p, field.ErrorTypeInvalid, "", msgEnvOneOf)
	case ev.Value != "":
		v.add(p, field.ErrorTypeInvalid, "", msgEnvNotWithValue)
	case n > 1:
		v.add(p, field.ErrorTypeInvalid, "", msgEnvMoreThanOne)
	}
}

// keySelector: validateConfigMapKeySelector / validateSecretKeySelector.
func (v *podValidator) keySelector(k *container.KeyRef, p *field.Path) {
	np := p.Child("name")
	for _, m := range dnsSubdomainProblems(k.Name, "characters") {
		v.add(&np, field.ErrorTypeInvalid, k.Name, m)
	}
	kp := p.Child("key")
	if k.Key == "" {
		v.add(&kp, field.ErrorTypeRequired, nil, "")
		return
	}
	for _, m := range configMapKeyProblems(k.Key) {
		v.add(&kp, field.ErrorTypeInvalid, k.Key, m)
	}
}

// configMapKeyProblems: util/validation IsConfigMapKey.
func configMapKeyProblems(s string) []string {
	var out []string
	if len(s) > 253 {
		out = append(out, msgMax253Chars)
	}
	ok := s != ""
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && c != '-' && c != '.' && c != '_' {
			ok = false
		}
	}
	if !ok {
		out = append(out, msgConfigMapKeyRegex)
	}
	switch {
	case s == ".":
		out = append(out, "must not be '.'")
	case s == "..":
		out = append(out, "must not be '..'")
	case strings.HasPrefix(s, ".."):
		out = append(out, msgNoLeadingDots)
	}
	return out
}

// fileKeySelector: validateFileKeySelector (gate EnvFiles).
func (v *podValidator) fileKeySelector(k *container.FileKeyRef, p *field.Path) {
	kp := p.Child("key")
	v.requiredAnd(&kp, k.Key, relaxedEnvNameProblems)
	vp := p.Child("volumeName")
	v.requiredAnd(&vp, k.VolumeName, dnsLabelProblems)
	pp := p.Child("path")
	if k.Path == "" {
		v.add(&pp, field.ErrorTypeRequired, nil, "")
	} else {
		v.noBacksteps(k.Path, &pp)
	}
}

// resourceFieldSelector: validateContainerResourceFieldSelector. volume
// says the selector is in a downwardAPI volume, where containerName is
// required.
func (v *podValidator) resourceFieldSelector(r *container.ResourceFieldRef, p *field.Path, volume bool) {
	switch {
	case volume && r.ContainerName == "":
		cp := p.Child("containerName")
		v.add(&cp, field.ErrorTypeRequired, nil, "")
	case r.Resource == "":
		rp := p.Child("resource")
		v.add(&rp, field.ErrorTypeRequired, nil, "")
	default:
		ok := strings.HasPrefix(r.Resource, "limits.hugepages-") || strings.HasPrefix(r.Resource, "requests.hugepages-")
		for _, x := range validResourceFieldPaths {
			ok = ok || x == r.Resource
		}
		if !ok {
			rp := p.Child("resource")
			v.add(&rp, field.ErrorTypeNotSupported, r.Resource, msgResourceFieldPaths)
		}
	}
	v.resourceDivisor(r.Resource, r.Divisor, p)
}

// resourceDivisor: validateContainerResourceDivisor. An absent or zero
// divisor means 1.
func (v *podValidator) resourceDivisor(name string, d *resource.Quantity, p *field.Path) {
	if d == nil || d.IsZero() {
		return
	}
	ds := d.String()
	in := func(list ...string) bool {
		for _, x := range list {
			if x == ds {
				return true
			}
		}
		return false
	}
	dp := p.Child("divisor")
	switch name {
	case "limits.cpu", "requests.cpu":
		if !in("1m", "1") {
			v.add(&dp, field.ErrorTypeInvalid, name, msgDivisorCPU)
		}
	case "limits.memory", "requests.memory":
		if !in(byteDivisors...) {
			v.add(&dp, field.ErrorTypeInvalid, name, msgDivisorMemory)
		}
	case "limits.ephemeral-storage", "requests.ephemeral-storage":
		if !in(byteDivisors...) {
			v.add(&dp, field.ErrorTypeInvalid, name, msgDivisorStorage)
		}
	}
	if strings.HasPrefix(name, "requests.hugepages-") || strings.HasPrefix(name, "limits.hugepages-") {
		if !in(byteDivisors...) {
			v.add(&dp, field.ErrorTypeInvalid, name, msgDivisorHugePages)
		}
	}
}

// envFrom: ValidateEnvFrom. The "one source" errors are reported on the
// list itself, without an index, as upstream does.
func (v *podValidator) envFrom(list []container.EnvFrom, p *field.Path) {
	for i := range list {
		ef := &list[i]
		ip := p.Index(i)
		if ef.Prefix != "" {
			pp := ip.Child("prefix")
			for _, m := range relaxedEnvNameProblems(ef.Prefix) {
				v.add(&pp, field.ErrorTypeInvalid, ef.Prefix, m)
			}
		}
		n := 0
		if ef.ConfigMapRef != nil {
			n++
			rp := ip.Child("configMapRef")
			v.envSourceName(ef.ConfigMapRef.Name, &rp)
		}
		if ef.SecretRef != nil {
			n++
			rp := ip.Child("secretRef")
			v.envSourceName(ef.SecretRef.Name, &rp)
		}
		if n == 0 {
			v.add(p, field.ErrorTypeInvalid, "", msgEnvFromOneOf)
		} else if n > 1 {
			v.add(p, field.ErrorTypeInvalid, "", msgEnvMoreThanOne)
		}
	}
}

// envSourceName: validateConfigMapEnvSource / validateSecretEnvSource:
// NameIsDNSSubdomain with prefix=true, so a trailing '-' is masked as for a
// generateName.
func (v *podValidator) envSourceName(name string, p *field.Path) {
	np := p.Child("name")
	if name == "" {
		v.add(&np, field.ErrorTypeRequired, nil, "")
		return
	}
	for _, m := range dnsSubdomainProblems(maskGenerateName(name), "characters") {
		v.add(&np, field.ErrorTypeInvalid, name, m)
	}
}

// volumeMounts: ValidateVolumeMounts. subPath, subPathExpr,
// mountPropagation and recursiveReadOnly errors carry no list index, as
// upstream reports them.
func (v *podValidator) volumeMounts(mounts []container.VolumeMount, p *field.Path) {
	if len(mounts) == 0 {
		return
	}
	paths := newNameIndex(mounts, mountPath)
	for i := range mounts {
		m := &mounts[i]
		ip := p.Index(i)
		np := ip.Child("name")
		if m.Name == "" {
			v.add(&np, field.ErrorTypeRequired, nil, "")
		}
		if !v.vols.has(m.Name) {
			v.add(&np, field.ErrorTypeNotFound, m.Name, "")
		}
		mp := ip.Child("mountPath")
		if m.MountPath == "" {
			v.add(&mp, field.ErrorTypeRequired, nil, "")
		}
		if paths.before(m.MountPath, i) {
			v.add(&mp, field.ErrorTypeInvalid, m.MountPath, msgMountPathUnique)
		}
		if m.SubPath != "" {
			sp := p.Child("subPath")
			v.localDescendingPath(m.SubPath, &sp)
		}
		if m.SubPathExpr != "" {
			if m.SubPath != "" {
				ep := ip.Child("subPathExpr")
				v.add(&ep, field.ErrorTypeInvalid, m.SubPathExpr, msgSubPathExclusive)
			}
			sp := p.Child("subPathExpr")
			v.localDescendingPath(m.SubPathExpr, &sp)
		}
		if m.MountPropagation != nil {
			pp := p.Child("mountPropagation")
			mode := *m.MountPropagation
			switch mode {
			case container.MountPropagationBidirectional, container.MountPropagationHostToContainer, container.MountPropagationNone:
			default:
				v.add(&pp, field.ErrorTypeNotSupported, string(mode), msgPropagations)
			}
			// securityContext.privileged is not modelled: no container is
			// privileged.
			if mode == container.MountPropagationBidirectional {
				v.add(&pp, field.ErrorTypeForbidden, nil, msgBidirectional)
			}
		}
		if rro := m.RecursiveReadOnly; rro != nil {
			rp := p.Child("recursiveReadOnly")
			switch *rro {
			case container.RecursiveReadOnlyDisabled:
			case container.RecursiveReadOnlyEnabled, container.RecursiveReadOnlyIfPossible:
				if !m.ReadOnly {
					v.add(&rp, field.ErrorTypeForbidden, nil, msgRROReadOnly)
				}
				if m.MountPropagation != nil && *m.MountPropagation != container.MountPropagationNone {
					v.add(&rp, field.ErrorTypeForbidden, nil, msgRROPropagation)
				}
			default:
				v.add(&rp, field.ErrorTypeNotSupported, string(*rro), msgRROModes)
			}
		}
	}
}

// resourceOwner says whose resources are validated: a container
// SetDefaults_Pod visits (requests defaulted from limits), an ephemeral
// container, the pod itself, or the pod's overhead.
type resourceOwner uint8

const (
	podDefaultedContainer resourceOwner = iota
	ephemeralContainer
	podLevel
	podOverhead // spec.overhead, read as a container's limits
)

func containerResources(list containerList) resourceOwner {
	if list.podDefaulted() {
		return podDefaultedContainer
	}
	return ephemeralContainer
}

// namesOnStack is how many resource names sortedNames sorts without
// allocating.
const namesOnStack = 16

// sortedNames appends to buf the names of a and those of b not in a,
// sorted; a buffer on the caller's stack holds ordinary lists without
// allocating.
func sortedNames(buf []resource.Name, a, b resource.List) []resource.Name {
	if len(a) == 0 && len(b) == 0 {
		return buf
	}
	for _, x := range a {
		buf = append(buf, x.Name)
	}
	for _, x := range b {
		if !a.Has(x.Name) {
			buf = append(buf, x.Name)
		}
	}
	slices.Sort(buf)
	return buf
}

// resourceRequirements: validateResourceRequirements, with
// ValidateContainerResourceName (a container) or validatePodResourceName
// (the pod). Upstream walks the limits map, then the requests map; podlife
// walks each in sorted order, which is one of upstream's orders. A
// container SetDefaults_Pod visits has its requests read defaulted
// (defaultedRequest).
func (v *podValidator) resourceRequirements(r *container.Resources, owner resourceOwner, p *field.Path) {
	if len(r.Limits) == 0 && len(r.Requests) == 0 && len(r.Claims) == 0 {
		return // nothing to walk, nothing to report
	}
	var fromLimits resource.List
	if owner == podDefaultedContainer {
		fromLimits = r.Limits
	}
	// The checks of one name do not depend on the others, so the lists are
	// walked as they come, and again in sorted order only when that found
	// an error.
	var lim, req resourceFlags
	if v.countErrors(func() {
		for _, a := range r.Limits {
			v.limit(a.Name, a.Quantity, owner, &lim, p)
		}
		for _, a := range r.Requests {
			v.request(r, a.Name, owner, &req, p)
		}
		for _, a := range fromLimits {
			if !r.Requests.Has(a.Name) {
				v.request(r, a.Name, owner, &req, p)
			}
		}
	}) {
		var lbuf, rbuf [namesOnStack]resource.Name
		for _, name := range sortedNames(lbuf[:0], r.Limits, nil) {
			v.limit(name, r.Limits.Get(name), owner, &lim, p)
		}
		for _, name := range sortedNames(rbuf[:0], r.Requests, fromLimits) {
			v.request(r, name, owner, &req, p)
		}
	}
	if !lim.cpuMem && !req.cpuMem && (req.huge || lim.huge) {
		v.add(p, field.ErrorTypeForbidden, nil, msgHugePagesNeedCPUMem)
	}
	cp := p.Child("claims")
	v.resourceClaimNames(r.Claims, &cp)
}

// resourceFlags records which kinds of resources a list names.
type resourceFlags struct{ cpuMem, huge bool }

// limit checks limits[name] = q.
func (v *podValidator) limit(name resource.Name, q resource.Quantity, owner resourceOwner, f *resourceFlags, p *field.Path) {
	lp := p.Child("limits")
	kp := lp.Key(string(name))
	v.resourceName(name, owner == podLevel, &kp)
	v.resourceQuantity(name, q, &kp)
	if name.IsHugePages() {
		f.huge = true
		v.hugePageValue(name, q, &kp)
	}
	if name == resource.CPU || name == resource.Memory {
		f.cpuMem = true
	}
}

// request checks request name of r as read (defaultedRequest: a name of
// r.Requests, or of the limits a request is defaulted from) against its
// limit.
func (v *podValidator) request(r *container.Resources, name resource.Name, owner resourceOwner, f *resourceFlags, p *field.Path) {
	lp := p.Child("limits")
	rp := p.Child("requests")
	q, _ := defaultedRequest(r, name)
	kp := rp.Key(string(name))
	v.resourceName(name, owner == podLevel, &kp)
	v.resourceQuantity(name, q, &kp)
	if lim, ok := r.Limits.Lookup(name); ok {
		c := q.Cmp(lim)
		if c != 0 && !name.IsOvercommitAllowed() {
			v.add(&rp, field.ErrorTypeInvalid, q.String(), "must be equal to "+string(name)+" limit of "+lim.String())
		} else if c > 0 {
			v.add(&rp, field.ErrorTypeInvalid, q.String(), "must be less than or equal to "+string(name)+" limit of "+lim.String())
		}
	} else if !name.IsOvercommitAllowed() {
		v.add(&lp, field.ErrorTypeRequired, nil, msgLimitRequired)
	}
	if name.IsHugePages() {
		f.huge = true
		v.hugePageValue(name, q, &kp)
	}
	if name == resource.CPU || name == resource.Memory {
		f.cpuMem = true
	}
}

// resourceClaimNames: validateResourceClaimNames — each claim names an
// entry of spec.resourceClaims, once (a whole claim, or each of its
// requests once).
func (v *podValidator) resourceClaimNames(claims []container.ResourceClaim, p *field.Path) {
	var seen []string
	has := func(k string) bool {
		for _, s := range seen {
			if s == k {
				return true
			}
		}
		return false
	}
	for i := range claims {
		c := &claims[i]
		ip := p.Index(i)
		if c.Name == "" {
			v.add(&ip, field.ErrorTypeRequired, nil, "")
			continue
		}
		if has(c.Name) {
			v.add(&ip, field.ErrorTypeDuplicate, c.Name, "")
		} else {
			key := c.Name
			if c.Request != "" {
				rp := ip.Child("request")
				for _, m := range dnsLabelProblems(c.Request) {
					v.add(&rp, field.ErrorTypeInvalid, c.Request, m)
				}
				key += "/" + c.Request
			}
			if has(key) {
				v.add(&ip, field.ErrorTypeDuplicate, key, "")
			} else if c.Request == "" {
				for _, s := range seen {
					if j := strings.IndexByte(s, '/'); j >= 0 && s[:j] == c.Name {
						v.add(&ip, field.ErrorTypeDuplicate, c.Name, "")
					}
				}
			}
			seen = append(seen, key)
		}
		if !v.claimNamed(c.Name) {
			detail := "must be one of the names in pod.spec.resourceClaims"
			if names := v.claimNames(); len(names) == 0 {
				detail += " which is empty"
			} else {
				detail += ": " + strings.Join(names, ", ")
			}
			v.add(&ip, field.ErrorTypeNotFound, c.Name, detail)
		}
	}
}

func isQualifiedName(s string) bool { return len(qualifiedNameProblems(s)) == 0 }

// resourceName: ValidateContainerResourceName (podLevel false: after
// validateResourceName, a name without a namespace must be a container
// resource and one with a namespace an extended resource, even when the
// first checks failed) or validatePodResourceName (podLevel true: only when
// they passed, the name must be supported at pod level).
func (v *podValidator) resourceName(name resource.Name, podLevel bool, p *field.Path) {
	s := string(name)
	probs := qualifiedNameProblems(s)
	for _, m := range probs {
		v.add(p, field.ErrorTypeInvalid, s, m)
	}
	failed := len(probs) > 0
	if !failed && !strings.Contains(s, "/") && !name.IsStandard() {
		v.add(p, field.ErrorTypeInvalid, s, msgStandardOrQualified)
		failed = true
	}
	if podLevel {
		if !failed && !name.IsSupportedPodLevel() {
			v.add(p, field.ErrorTypeNotSupported, s, msgPodLevelResources)
		}
		return
	}
	if !strings.Contains(s, "/") {
		if !name.IsStandardContainerResource() {
			v.add(p, field.ErrorTypeInvalid, s, msgStandardForContainer)
		}
	} else if !name.IsNative() && !name.IsExtended(isQualifiedName) {
		v.add(p, field.ErrorTypeInvalid, s, msgExtendedName)
	}
}

// resourceQuantity: ValidateResourceQuantityValue.
func (v *podValidator) resourceQuantity(name resource.Name, q resource.Quantity, p *field.Path) {
	if q.Sign() < 0 {
		v.add(p, field.ErrorTypeInvalid, q.String(), msgNegative)
	}
	// The quantity first: a whole number needs no look at the name (whose
	// extended-resource check allocates in resource.Name.IsExtended).
	if q.MilliValue()%1000 != 0 && name.IsInteger(isQualifiedName) {
		v.add(p, field.ErrorTypeInvalid, q, msgNotInteger)
	}
}

// hugePageValue: validateResourceQuantityHugePageValue (indivisible values
// are not allowed on create). A page size whose Value overflows to 0
// ("hugepages-10E") makes upstream divide by zero and panic (the apiserver
// answers 500); podlife reports the value as not a multiple instead.
func (v *podValidator) hugePageValue(name resource.Name, q resource.Quantity, p *field.Path) {
	size, ok := hugePageSize(name)
	divisible := ok && size.Sign() > 0 && size.MilliValue()%1000 == 0 && size.Value() != 0 && q.Value()%size.Value() == 0
	if !divisible {
		v.add(p, field.ErrorTypeInvalid, q.String(), q.String()+" is not positive integer multiple of "+string(name))
	}
}

// commonHugePageSizes holds the page sizes of the huge-page resources of
// the architectures Kubernetes runs on, each parsed once by
// resource.Name.HugePageSize (parsing a quantity allocates). Read only.
var commonHugePageSizes = func() map[resource.Name]resource.Quantity {
	m := map[resource.Name]resource.Quantity{}
	for _, s := range []string{"64Ki", "1Mi", "2Mi", "16Mi", "32Mi", "512Mi", "1Gi", "2Gi", "16Gi"} {
		n := resource.Name(resource.HugePagesPrefix + s)
		if q, ok := n.HugePageSize(); ok {
			m[n] = q
		}
	}
	return m
}()

// hugePageSize is name.HugePageSize, without parsing the common sizes
// again.
func hugePageSize(name resource.Name) (resource.Quantity, bool) {
	if q, ok := commonHugePageSizes[name]; ok {
		return q, true
	}
	return name.HugePageSize()
}

// podResources: validatePodResources (gate PodLevelResources, on in
// v1.37).
func (v *podValidator) podResources(s *Spec, specPath *field.Path) {
	if s.Resources == nil {
		return
	}
	rp := specPath.Child("resources")
	if s.OS != nil && s.OS.Name == Windows {
		v.add(&rp, field.ErrorTypeForbidden, nil, msgWindowsPodResources)
		return
	}
	if s.Resources.Claims != nil {
		cp := rp.Child("claims")
		v.add(&cp, field.ErrorTypeForbidden, nil, msgPodClaims)
	}
	v.resourceRequirements(s.Resources, podLevel, &rp)
	v.podResourceConsistency(s, &rp)
}

// podResourceConsistency: validatePodResourceConsistency — pod-level
// requests at least the containers' effective requests, pod-level
// huge-page limits at least the containers' sum, and no container limit
// above the pod-level limit.
func (v *podValidator) podResourceConsistency(s *Spec, p *field.Path) {
	reqs := aggregate(s.InitContainers, s.Containers, func(c *container.Container) resource.List { return defaultedRequests(&c.Resources) })
	reqPath := p.Child("requests")
	for _, name := range reqs.Names() {
		podReq, ok := s.Resources.Requests.Lookup(name)
		if !ok {
			continue
		}
		if agg := reqs.Get(name); agg.Cmp(podReq) > 0 {
			kp := reqPath.Key(string(name))
			v.add(&kp, field.ErrorTypeInvalid, podReq.String(), "must be greater than or equal to aggregate container requests of "+agg.String())
		}
	}
	lims := aggregate(s.InitContainers, s.Containers, func(c *container.Container) resource.List { return c.Resources.Limits })
	limPath := p.Child("limits")
	for _, name := range lims.Names() {
		if !name.IsHugePages() {
			continue
		}
		podLim, ok := s.Resources.Limits.Lookup(name)
		if !ok {
			continue
		}
		if agg := lims.Get(name); agg.Cmp(podLim) > 0 {
			kp := limPath.Key(string(name))
			v.add(&kp, field.ErrorTypeInvalid, podLim.String(), "must be greater than or equal to aggregate container limits of "+agg.String())
		}
	}
	cp := p.Child("containers")
	for i := range s.Containers {
		c := &s.Containers[i]
		ip := cp.Index(i)
		for _, name := range c.Resources.Limits.Names() {
			podLim, ok := s.Resources.Limits.Lookup(name)
			if !ok {
				continue
			}
			if lim := c.Resources.Limits.Get(name); lim.Cmp(podLim) > 0 {
				kp := ip.Key(string(name))
				lp := kp.Child("limits")
				v.add(&lp, field.ErrorTypeInvalid, lim.String(), "must be less than or equal to pod limits of "+podLim.String())
			}
		}
	}
}

// hostNetworkPorts: validatePodHostNetworkDeps — with hostNetwork every
// regular container's hostPort must equal its containerPort.
func (v *podValidator) hostNetworkPorts(s *Spec, specPath *field.Path) {
	if !s.HostNetwork {
		return
	}
	cp := specPath.Child("containers")
	for i := range s.Containers {
		ip := cp.Index(i)
		pp := ip.Child("ports")
		for j := range s.Containers[i].Ports {
			pt := &s.Containers[i].Ports[j]
			if hostPort := defaultedHostPort(pt, true); hostPort != pt.ContainerPort {
				jp := pp.Index(j)
				hp := jp.Child("hostPort")
				v.add(&hp, field.ErrorTypeInvalid, hostPort, msgHostNetworkPort)
			}
		}
	}
}

// serviceAccount: validatePodHostName and the serviceAccountName check of
// ValidatePodSpec (after the scheduling gates), on the name as defaulted.
// Defaulting sets the deprecated alias to that name, so upstream's check
// that the two are equal is unreachable on create.
func (v *podValidator) serviceAccount(s *Spec, specPath *field.Path) {
	v.hostnameOverride(s, specPath)
	if name := defaultedServiceAccountName(s); name != "" {
		sp := specPath.Child("serviceAccountName")
		for _, m := range dnsSubdomainProblems(name, "characters") {
			v.add(&sp, field.ErrorTypeInvalid, name, m)
		}
	}
}

// podNaming: the hostname and subdomain checks near the end of
// ValidatePodSpec.
func (v *podValidator) podNaming(s *Spec, specPath *field.Path) {
	if s.Hostname != "" {
		hp := specPath.Child("hostname")
		for _, m := range dnsLabelProblems(s.Hostname) {
			v.add(&hp, field.ErrorTypeInvalid, s.Hostname, m)
		}
	}
	if s.Subdomain != "" {
		sp := specPath.Child("subdomain")
		for _, m := range dnsLabelProblems(s.Subdomain) {
			v.add(&sp, field.ErrorTypeInvalid, s.Subdomain, m)
		}
	}
}

// overhead: validateOverhead, which validates spec.overhead as the limits
// of a container's resources: its errors are at spec.overhead.limits[name]
// (a map given but empty is valid).
func (v *podValidator) overhead(s *Spec, specPath *field.Path) {
	if len(s.Overhead) == 0 {
		return
	}
	op := specPath.Child("overhead")
	r := container.Resources{Limits: s.Overhead}
	v.resourceRequirements(&r, podOverhead, &op)
}

// podOS: the os check at the end of ValidatePodSpec.
func (v *podValidator) podOS(s *Spec, specPath *field.Path) {
	if s.OS != nil {
		op := specPath.Child("os")
		switch s.OS.Name {
		case "":
			np := op.Child("name")
			v.add(&np, field.ErrorTypeRequired, nil, "")
		case Linux:
		case Windows:
			// validateWindows: of what it forbids a windows pod, podlife
			// models only shareProcessNamespace (set at all, even false);
			// the security contexts, hostUsers, hostPID and hostIPC are
			// not modelled.
			if s.ShareProcessNamespace != nil {
				sp := specPath.Child("shareProcessNamespace")
				v.add(&sp, field.ErrorTypeForbidden, nil, "cannot be set for a windows pod")
			}
			v.notChecked(&op)
		default:
			v.add(&op, field.ErrorTypeNotSupported, string(s.OS.Name), msgOSNames)
		}
	}
}

// fileKeyRefVolumes: validateFileKeyRefVolumes — an env fileKeyRef must
// name an emptyDir volume of the pod (any volume, valid or not).
func (v *podValidator) fileKeyRefVolumes(s *Spec, specPath *field.Path) {
	visit := func(cs []container.Container, name string) {
		lp := specPath.Child(name)
		for i := range cs {
			ip := lp.Index(i)
			ep := ip.Child("env")
			for j := range cs[i].Env {
				vf := cs[i].Env[j].ValueFrom
				if vf == nil || vf.FileKeyRef == nil {
					continue
				}
				jp := ep.Index(j)
				vp := jp.Child("valueFrom")
				fp := vp.Child("fileKeyRef")
				np := fp.Child("volumeName")
				name := vf.FileKeyRef.VolumeName
				var src *VolumeSource
				for k := range s.Volumes {
					if s.Volumes[k].Name == name {
						src = &s.Volumes[k].VolumeSource
					}
				}
				if src == nil {
					v.add(&np, field.ErrorTypeNotFound, name, "")
				} else if defaultedEmptyDir(src) == nil {
					v.add(&np, field.ErrorTypeInvalid, name, "referenced volume must be of type emptyDir")
				}
			}
		}
	}
	// podshelper.VisitContainersWithPath: init, regular, ephemeral.
	visit(s.InitContainers, "initContainers")
	visit(s.Containers, "containers")
	visit(s.EphemeralContainers, "ephemeralContainers")
}

// aggregate is the pod's effective value of a per-container resource list
// (k8s.io/component-helpers/resource aggregateContainerResourcesByFn): the
// regular containers and sidecars add up, and each init container's
// resources plus the sidecars started before it form a peak; the result is
// the larger of the two, per resource.
func aggregate(inits, regular []container.Container, get func(*container.Container) resource.List) resource.List {
	out := resource.List{}
	for i := range regular {
		out = addList(out, get(&regular[i]))
	}
	sidecars := resource.List{}
	peak := resource.List{}
	for i := range inits {
		c := &inits[i]
		l := get(c)
		var use resource.List
		if c.IsSidecar() {
			out = addList(out, l)
			sidecars = addList(sidecars, l)
			use = sidecars
		} else {
			use = addList(addList(resource.List{}, l), sidecars)
		}
		peak = maxList(peak, use)
	}
	return maxList(out, peak)
}

// addList adds src to dst, a list this package owns (List.Set), per
// resource, and returns it.
func addList(dst, src resource.List) resource.List {
	for _, a := range src {
		if q, ok := dst.Lookup(a.Name); ok {
			dst = dst.Set(a.Name, q.Add(a.Quantity))
		} else {
			dst = dst.Set(a.Name, a.Quantity)
		}
	}
	return dst
}

// maxList raises dst, a list this package owns, to src where src is
// larger or dst lacks a resource, and returns it.
func maxList(dst, src resource.List) resource.List {
	for _, a := range src {
		if q, ok := dst.Lookup(a.Name); !ok || a.Quantity.Cmp(q) > 0 {
			dst = dst.Set(a.Name, a.Quantity)
		}
	}
	return dst
}

// ephemeralSubPaths: validateEphemeralContainers — subPath and subPathExpr
// are forbidden in an ephemeral container's mounts.
func (v *podValidator) ephemeralSubPaths(c *container.Container, p *field.Path) {
	mp := p.Child("volumeMounts")
	for i := range c.VolumeMounts {
		ip := mp.Index(i)
		if c.VolumeMounts[i].SubPath != "" {
			sp := ip.Child("subPath")
			v.add(&sp, field.ErrorTypeForbidden, nil, msgEphemeralField)
		}
		if c.VolumeMounts[i].SubPathExpr != "" {
			sp := ip.Child("subPathExpr")
			v.add(&sp, field.ErrorTypeForbidden, nil, msgEphemeralField)
		}
	}
}

// notChecked records that the field at p is present but podlife does not
// validate it (Unchecked reports these).
func (v *podValidator) notChecked(p *field.Path) {
	if v.skipUnchecked {
		return
	}
	v.unchecked = append(v.unchecked, p.String())
}

// podResourceClaims: validatePodResourceClaims, and the names of
// spec.resourceClaims gathered for the containers' resources.claims
// (gatherPodResourceClaimNames). Each entry has a DNS-label name, unique
// among the entries, and exactly one of resourceClaimName and
// resourceClaimTemplateName, a DNS subdomain; a mirror pod may have none
// (each entry is then one Forbidden error on the whole object, "[]").
func (v *podValidator) podResourceClaims(s *Spec, m *Meta, specPath *field.Path) {
	v.claims = s.ResourceClaims
	if len(s.ResourceClaims) == 0 {
		return
	}
	rp := specPath.Child("resourceClaims")
	_, mirror := m.Annotations[mirrorPodAnnotation]
	for i := range s.ResourceClaims {
		c := &s.ResourceClaims[i]
		if mirror {
			root := field.NewPath("")
			v.add(&root, field.ErrorTypeForbidden, nil, "static pods do not support resource claims")
			continue
		}
		ip := rp.Index(i)
		np := ip.Child("name")
		switch {
		case c.Name == "":
			v.add(&np, field.ErrorTypeRequired, nil, "")
		case claimNameBefore(s.ResourceClaims, c.Name, i):
			v.add(&np, field.ErrorTypeDuplicate, c.Name, "")
		default:
			for _, msg := range dnsLabelProblems(c.Name) {
				v.add(&np, field.ErrorTypeInvalid, c.Name, msg)
			}
		}
		switch {
		case c.ResourceClaimName != nil && c.ResourceClaimTemplateName != nil:
			v.add(&ip, field.ErrorTypeInvalid, *c, "at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified")
		case c.ResourceClaimName == nil && c.ResourceClaimTemplateName == nil:
			v.add(&ip, field.ErrorTypeInvalid, *c, "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`")
		}
		if c.ResourceClaimName != nil {
			cp := ip.Child("resourceClaimName")
			for _, msg := range dnsSubdomainProblems(*c.ResourceClaimName, "characters") {
				v.add(&cp, field.ErrorTypeInvalid, *c.ResourceClaimName, msg)
			}
		}
		if c.ResourceClaimTemplateName != nil {
			tp := ip.Child("resourceClaimTemplateName")
			for _, msg := range dnsSubdomainProblems(*c.ResourceClaimTemplateName, "characters") {
				v.add(&tp, field.ErrorTypeInvalid, *c.ResourceClaimTemplateName, msg)
			}
		}
	}
}

// claimNamed reports whether spec.resourceClaims has an entry named name
// (not empty: gatherPodResourceClaimNames leaves empty names out).
func (v *podValidator) claimNamed(name string) bool {
	if name == "" {
		return false
	}
	for i := range v.claims {
		if v.claims[i].Name == name {
			return true
		}
	}
	return false
}

// claimNames are the names of spec.resourceClaims, each once, sorted, as
// an error's detail lists them.
func (v *podValidator) claimNames() []string {
	var names []string
	for i := range v.claims {
		if n := v.claims[i].Name; n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// claimNameBefore reports whether an entry before i names claim name.
func claimNameBefore(claims []PodResourceClaim, name string, i int) bool {
	for j := range i {
		if claims[j].Name == name {
			return true
		}
	}
	return false
}

// hostnameOverride: validatePodHostName (gate HostnameOverride, GA in
// v1.37).
func (v *podValidator) hostnameOverride(s *Spec, specPath *field.Path) {
	if s.HostnameOverride == nil {
		return
	}
	hp := specPath.Child("hostnameOverride")
	if s.SetHostnameAsFQDN != nil && *s.SetHostnameAsFQDN {
		v.add(&hp, field.ErrorTypeForbidden, nil, "may not be specified when setHostnameAsFQDN is true")
	}
	if s.HostNetwork {
		v.add(&hp, field.ErrorTypeForbidden, nil, "may not be specified when hostNetwork is true")
	}
	h := *s.HostnameOverride
	if len(h) > 64 {
		v.add(&hp, field.ErrorTypeTooLong, nil, "may not be more than 64 bytes")
	}
	for _, m := range dnsSubdomainProblems(h, "characters") {
		v.add(&hp, field.ErrorTypeInvalid, h, m)
	}
}
