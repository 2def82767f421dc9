package pod

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/podlife/podlife"
	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

// ErrorType is the kind of a validation error. Its values are the names of
// upstream's error types (k8s.io/apimachinery/pkg/util/validation/field
// ErrorType), as they appear in API error causes ("reason").
type ErrorType string

// The validation error types.
const (
	// ErrorTypeRequired: a required value is missing.
	ErrorTypeRequired ErrorType = "FieldValueRequired"
	// ErrorTypeInvalid: the value is malformed or out of range.
	ErrorTypeInvalid ErrorType = "FieldValueInvalid"
	// ErrorTypeDuplicate: the value must be unique and is not.
	ErrorTypeDuplicate ErrorType = "FieldValueDuplicate"
	// ErrorTypeNotSupported: the value is not one of an enumerated set.
	ErrorTypeNotSupported ErrorType = "FieldValueNotSupported"
	// ErrorTypeForbidden: the field may not be set here.
	ErrorTypeForbidden ErrorType = "FieldValueForbidden"
	// ErrorTypeTooMany: a list has more items than allowed.
	ErrorTypeTooMany ErrorType = "FieldValueTooMany"
	// ErrorTypeTooLong: a value is longer than allowed.
	ErrorTypeTooLong ErrorType = "FieldValueTooLong"
	// ErrorTypeNotFound: a referenced value does not exist.
	ErrorTypeNotFound ErrorType = "FieldValueNotFound"
)

// String returns the short human phrase upstream prints for the type
// ("Required value", "Unsupported value", ...).
func (t ErrorType) String() string {
	switch t {
	case ErrorTypeRequired:
		return "Required value"
	case ErrorTypeInvalid:
		return "Invalid value"
	case ErrorTypeDuplicate:
		return "Duplicate value"
	case ErrorTypeNotSupported:
		return "Unsupported value"
	case ErrorTypeForbidden:
		return "Forbidden"
	case ErrorTypeTooMany:
		return "Too many"
	case ErrorTypeTooLong:
		return "Too long"
	case ErrorTypeNotFound:
		return "Not found"
	}
	return string(t)
}

// FieldError is one validation error: what is wrong (Type, Detail) with
// which field (Field, an upstream field path such as
// "spec.containers[1].livenessProbe.periodSeconds") and the offending value.
type FieldError struct {
	Field    string
	Type     ErrorType
	BadValue any
	// Detail is upstream's message; it says what is allowed. It may be "".
	Detail string
}

// Error formats the error the way the apiserver does, e.g.
// `spec.containers[1].name: Duplicate value: "app"` or
// `spec.restartPolicy: Unsupported value: "always": supported values: "Always", "OnFailure", "Never"`.
func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.Field)
	b.WriteString(": ")
	b.WriteString(e.Type.String())
	switch e.Type {
	case ErrorTypeRequired, ErrorTypeForbidden, ErrorTypeTooLong:
		// upstream omits the value for these
	default:
		b.WriteString(": ")
		b.WriteString(formatBadValue(e.BadValue))
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

func formatBadValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(x)
	case int:
		return strconv.Itoa(x)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case interface{ String() string }:
		return strconv.Quote(x.String())
	}
	return "<value>"
}

// ErrorList is the result of a validation: every error found, in upstream's
// order. A nil or empty list means the pod is valid.
type ErrorList []*FieldError

// Error joins the messages of all errors with "; ".
func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// Err returns l as an error, or nil when l is empty (a nil ErrorList stored
// in an error interface would not compare equal to nil).
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Has reports whether l holds an error of type t on field.
func (l ErrorList) Has(field string, t ErrorType) bool {
	for _, e := range l {
		if e.Field == field && e.Type == t {
			return true
		}
	}
	return false
}

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
// Not modelled, so never reported: everything about fields the Pod type
// lacks (ports, resources, volumes, env, security contexts, ...), the
// pod-specific annotations (mirror, tolerations, deletion cost, seccomp,
// AppArmor), finalizers and managed fields; metadata fields the apiserver
// overwrites on create (generation, uid, timestamps) and the status are not
// validated either.
//
// The result is nil when the pod is valid.
func ValidateCreate(p *Pod, gates podlife.FeatureGates) ErrorList {
	var in Pod
	if p != nil {
		in = *p
	}
	d := in.Defaulted()
	if !gates.Enabled(podlife.ContainerRestartRules) {
		dropContainerRestartFields(&d.Spec)
	}
	v := podValidator{
		allowRules:      gates.Enabled(podlife.ContainerRestartRules),
		allowRestartAll: gates.Enabled(podlife.RestartAllContainersOnContainerExits),
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
		if c.RestartPolicy != restart.Always {
			c.RestartPolicy = ""
		}
		c.RestartPolicyRules = nil
	}
	for i := range s.Containers {
		s.Containers[i].RestartPolicy = ""
		s.Containers[i].RestartPolicyRules = nil
	}
	for i := range s.EphemeralContainers {
		s.EphemeralContainers[i].RestartPolicy = ""
		s.EphemeralContainers[i].RestartPolicyRules = nil
	}
}

// ---------------------------------------------------------------------------
// Field paths

// fieldPath is a field path built lazily: nodes live on the stack of the
// validating functions and are rendered to a string only when an error is
// recorded.
type fieldPath struct {
	parent *fieldPath
	name   string // "" for an index node
	index  int
}

func rootPath(name string) fieldPath { return fieldPath{name: name} }

func (p *fieldPath) child(name string) fieldPath { return fieldPath{parent: p, name: name} }

func (p *fieldPath) at(i int) fieldPath { return fieldPath{parent: p, index: i} }

func (p *fieldPath) String() string {
	// Two passes over the chain, filling the bytes from the end, so that no
	// node pointer is stored anywhere (the nodes stay on the stack).
	size := 0
	for n := p; n != nil; n = n.parent {
		if n.name == "" {
			size += 2 + vpDigits(n.index)
		} else {
			size += len(n.name)
			if n.parent != nil {
				size++
			}
		}
	}
	b := make([]byte, size)
	i := size
	for n := p; n != nil; n = n.parent {
		if n.name == "" {
			i--
			b[i] = ']'
			d := vpDigits(n.index)
			strconv.AppendInt(b[i-d:i-d], int64(n.index), 10)
			i -= d + 1
			b[i] = '['
			continue
		}
		i -= len(n.name)
		copy(b[i:], n.name)
		if n.parent != nil {
			i--
			b[i] = '.'
		}
	}
	return string(b)
}

// vpDigits returns the length of i in decimal.
func vpDigits(i int) int {
	return len(strconv.Itoa(i))
}

// ---------------------------------------------------------------------------
// Upstream's message strings (data: they must match the apiserver's)

const (
	msgNameRequired        = "name or generateName is required"
	msgHandlerRequired     = "must specify a handler type"
	msgHandlerExtra        = "may not specify more than 1 handler type"
	msgNonNegative         = "must be greater than or equal to 0"
	msgPositive            = "must be greater than 0"
	msgMustBeOne           = "must be 1"
	msgReadinessGrace      = "must not be set for readinessProbes"
	msgInitNoProbes        = "may not be set for init containers without restartPolicy=Always"
	msgEphemeralField      = "cannot be set for an Ephemeral Container"
	msgEphemeralOnCreate   = "cannot be set on create"
	msgImageWhitespace     = "must not have leading or trailing whitespace"
	msgGatedNodeName       = "cannot be set until all schedulingGates have been cleared"
	msgRulesNeedPolicy     = "must specify restartPolicy when restart rules are used"
	msgExitCodesRequired   = "must be specified"
	msgSidecarRulesNoGate  = "restartPolicyRules are not allowed for init containers with restart policy Always"
	msgNoDots              = "must not contain dots"
	msgOwnerVersionMissing = "version must not be empty"
	msgMustNotBeEmpty      = "must not be empty"
	msgNonEmpty            = "must be non-empty"

	dns1123LabelFmt     = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
	dns1123SubdomainFmt = dns1123LabelFmt + "(\\." + dns1123LabelFmt + ")*"
	labelKeyFmt         = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
	labelValueFmt       = "(" + labelKeyFmt + ")?"
	httpHeaderNameFmt   = "[-A-Za-z0-9]+"

	dns1123LabelMsg     = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
	dns1123SubdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
	labelKeyMsg         = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
	labelValueMsg       = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
	httpHeaderNameMsg   = "a valid HTTP header must consist of alphanumeric characters or '-'"

	maxNameLength      = 63 // generated names: prefix cut so that prefix+5 fits
	generatedSuffix    = "xxxxx"
	maxAnnotationBytes = 256 * 1024
	maxRestartRules    = 20
	maxExitCodeValues  = 255
)

// regexMsg renders upstream's "regex failed" message (util/validation
// RegexError): the explanation, the examples and the regex.
func regexMsg(msg, re string, examples ...string) string {
	var b strings.Builder
	b.WriteString(msg)
	b.WriteString(" (")
	if len(examples) > 0 {
		b.WriteString("e.g. ")
		for i, ex := range examples {
			if i > 0 {
				b.WriteString(" or ")
			}
			b.WriteString("'" + ex + "', ")
		}
	}
	b.WriteString("regex used for validation is '" + re + "')")
	return b.String()
}

// maxLenMsg renders upstream's length message; unit is "characters" in
// util/validation and "bytes" in api/validate/content.
func maxLenMsg(n int, unit string) string {
	return "must be no more than " + strconv.Itoa(n) + " " + unit
}

func rangeMsg(lo, hi int64) string {
	return "must be between " + strconv.FormatInt(lo, 10) + " and " + strconv.FormatInt(hi, 10) + ", inclusive"
}

func supportedMsg(values ...string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = strconv.Quote(v)
	}
	return "supported values: " + strings.Join(q, ", ")
}

func tooManyMsg(n int) string {
	if n == 1 {
		return "must have at most 1 item"
	}
	return "must have at most " + strconv.Itoa(n) + " items"
}

// ---------------------------------------------------------------------------
// String formats (staging/src/k8s.io/apimachinery/pkg/util/validation and
// pkg/api/validate/content)

func isLowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

func isAlnum(c byte) bool { return isLowerAlnum(c) || c >= 'A' && c <= 'Z' }

// matchesDNSLabel reports whether s matches dns1123LabelFmt exactly.
func matchesDNSLabel(s string) bool {
	if s == "" || !isLowerAlnum(s[0]) || !isLowerAlnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if !isLowerAlnum(s[i]) && s[i] != '-' {
			return false
		}
	}
	return true
}

// matchesDNSSubdomain reports whether s matches dns1123SubdomainFmt exactly:
// dot-separated DNS labels.
func matchesDNSSubdomain(s string) bool {
	for {
		i := strings.IndexByte(s, '.')
		if i < 0 {
			return matchesDNSLabel(s)
		}
		if !matchesDNSLabel(s[:i]) {
			return false
		}
		s = s[i+1:]
	}
}

// matchesLabelKeyName reports whether s matches labelKeyFmt exactly.
func matchesLabelKeyName(s string) bool {
	if s == "" || !isAlnum(s[0]) || !isAlnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		c := s[i]
		if !isAlnum(c) && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

// dnsLabelProblems lists why s is not a DNS-1123 label
// (util/validation IsDNS1123Label).
func dnsLabelProblems(s string) []string {
	var out []string
	if len(s) > 63 {
		out = append(out, maxLenMsg(63, "characters"))
	}
	if !matchesDNSLabel(s) {
		if matchesDNSSubdomain(s) {
			out = append(out, msgNoDots)
		} else {
			out = append(out, regexMsg(dns1123LabelMsg, dns1123LabelFmt, "my-name", "123-abc"))
		}
	}
	return out
}

// dnsSubdomainProblems lists why s is not a DNS-1123 subdomain
// (util/validation IsDNS1123Subdomain, unit "characters";
// api/validate/content IsDNS1123Subdomain, unit "bytes").
func dnsSubdomainProblems(s, unit string) []string {
	var out []string
	if len(s) > 253 {
		out = append(out, maxLenMsg(253, unit))
	}
	if !matchesDNSSubdomain(s) {
		out = append(out, regexMsg(dns1123SubdomainMsg, dns1123SubdomainFmt, "example.com"))
	}
	return out
}

// qualifiedNameProblems lists why s is not a qualified name (a label key:
// an optional DNS-subdomain prefix and '/', then a name of at most 63
// alphanumerics, '-', '_', '.'), as api/validate/content IsLabelKey does.
func qualifiedNameProblems(s string) []string {
	var out []string
	name := s
	switch strings.Count(s, "/") {
	case 0:
	case 1:
		i := strings.IndexByte(s, '/')
		prefix := s[:i]
		name = s[i+1:]
		if prefix == "" {
			out = append(out, "prefix part "+msgNonEmpty)
		} else {
			for _, m := range dnsSubdomainProblems(prefix, "bytes") {
				out = append(out, "prefix part "+m)
			}
		}
	default:
		return []string{"a valid label key " + regexMsg(labelKeyMsg, labelKeyFmt, "MyName", "my.name", "123-abc") +
			" with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"}
	}
	if name == "" {
		out = append(out, "name part "+msgNonEmpty)
	} else if len(name) > 63 {
		out = append(out, "name part "+maxLenMsg(63, "bytes"))
	}
	if !matchesLabelKeyName(name) {
		out = append(out, "name part "+regexMsg(labelKeyMsg, labelKeyFmt, "MyName", "my.name", "123-abc"))
	}
	return out
}

// labelValueProblems lists why s is not a label value
// (api/validate/content IsLabelValue).
func labelValueProblems(s string) []string {
	var out []string
	if len(s) > 63 {
		out = append(out, maxLenMsg(63, "bytes"))
	}
	if s != "" && !matchesLabelKeyName(s) {
		out = append(out, regexMsg(labelValueMsg, labelValueFmt, "MyValue", "my_value", "12345"))
	}
	return out
}

// isHTTPHeaderName reports whether s matches httpHeaderNameFmt
// (util/validation IsHTTPHeaderName).
func isHTTPHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '-' {
			return false
		}
	}
	return true
}

// maskGenerateName reproduces what upstream validates for a generateName
// (pkg/api/validation/generic.go NameIsDNSSubdomain with prefix=true,
// maskTrailingDash): a trailing '-' is allowed. Upstream does this by
// replacing the last TWO bytes with "a"; that quirk is kept, since it
// decides which prefixes are reported. A lone "-" becomes "a".
func maskGenerateName(s string) string {
	if !strings.HasSuffix(s, "-") {
		return s
	}
	if len(s) < 2 {
		return "a"
	}
	return s[:len(s)-2] + "a"
}

// generatedName is the name the apiserver would give a pod that has only a
// generateName (apiserver names.SimpleNameGenerator): the prefix cut to 58
// bytes plus 5 random lowercase alphanumerics, here fixed.
func generatedName(prefix string) string {
	if max := maxNameLength - len(generatedSuffix); len(prefix) > max {
		prefix = prefix[:max]
	}
	return prefix + generatedSuffix
}

// ---------------------------------------------------------------------------
// The validator

type podValidator struct {
	errs            ErrorList
	allowRules      bool // gate ContainerRestartRules
	allowRestartAll bool // gate RestartAllContainersOnContainerExits
}

func (v *podValidator) add(p *fieldPath, t ErrorType, bad any, detail string) {
	v.errs = append(v.errs, &FieldError{Field: p.String(), Type: t, BadValue: bad, Detail: detail})
}

// validateCreate: pkg/apis/core/validation/validation.go ValidatePodCreate
// (via validatePodMetadataAndSpec). d is the defaulted pod.
func (v *podValidator) validateCreate(d *Pod) {
	meta := rootPath("metadata")
	v.objectMeta(&d.Metadata, &meta)

	spec := rootPath("spec")
	v.podSpec(&d.Spec, &spec)

	// Pod-only checks (validatePodMetadataAndSpec → validateContainersOnlyForPod).
	ctrs, inits := spec.child("containers"), spec.child("initContainers")
	v.imageWhitespace(d.Spec.Containers, &ctrs)
	v.imageWhitespace(d.Spec.InitContainers, &inits)

	// ValidatePodCreate proper.
	if len(d.Spec.EphemeralContainers) > 0 {
		ep := spec.child("ephemeralContainers")
		v.add(&ep, ErrorTypeForbidden, nil, msgEphemeralOnCreate)
	}
	if d.Spec.NodeName != "" && len(d.Spec.SchedulingGates) != 0 {
		np := spec.child("nodeName")
		v.add(&np, ErrorTypeForbidden, nil, msgGatedNodeName)
	}
}

// objectMeta: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
// ValidateObjectMetaAccessor with ValidatePodName (NameIsDNSSubdomain), on a
// pod whose name has already been generated.
func (v *podValidator) objectMeta(m *Meta, p *fieldPath) {
	if m.GenerateName != "" {
		gp := p.child("generateName")
		for _, msg := range dnsSubdomainProblems(maskGenerateName(m.GenerateName), "characters") {
			v.add(&gp, ErrorTypeInvalid, m.GenerateName, msg)
		}
	}
	name := m.Name
	if name == "" && m.GenerateName != "" {
		name = generatedName(m.GenerateName)
	}
	np := p.child("name")
	if name == "" {
		v.add(&np, ErrorTypeRequired, nil, msgNameRequired)
	} else {
		for _, msg := range dnsSubdomainProblems(name, "characters") {
			v.add(&np, ErrorTypeInvalid, name, msg)
		}
	}
	// Namespace: ValidateNamespaceName (NameIsDNSLabel).
	nsp := p.child("namespace")
	if m.Namespace == "" {
		v.add(&nsp, ErrorTypeRequired, nil, "")
	} else {
		for _, msg := range dnsLabelProblems(m.Namespace) {
			v.add(&nsp, ErrorTypeInvalid, m.Namespace, msg)
		}
	}
	lp := p.child("labels")
	v.labels(m.Labels, &lp)
	ap := p.child("annotations")
	v.annotations(m.Annotations, &ap)
	op := p.child("ownerReferences")
	v.ownerReferences(m.OwnerReferences, &op)
}

func sortedMetaKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// labels: apimachinery/pkg/apis/meta/v1/validation ValidateLabels (keys
// qualified names, values label values; errors on the map's path). Keys
// are visited in sorted order, for a deterministic result.
func (v *podValidator) labels(m map[string]string, p *fieldPath) {
	if len(m) == 0 {
		return
	}
	for _, k := range sortedMetaKeys(m) {
		for _, msg := range qualifiedNameProblems(k) {
			v.add(p, ErrorTypeInvalid, k, msg)
		}
		for _, msg := range labelValueProblems(m[k]) {
			v.add(p, ErrorTypeInvalid, m[k], msg)
		}
	}
}

// annotations: apimachinery/pkg/api/validation ValidateAnnotations (keys are
// qualified names, case-insensitively; 256 KiB in total).
func (v *podValidator) annotations(m map[string]string, p *fieldPath) {
	if len(m) == 0 {
		return
	}
	total := 0
	for _, k := range sortedMetaKeys(m) {
		for _, msg := range qualifiedNameProblems(strings.ToLower(k)) {
			v.add(p, ErrorTypeInvalid, k, msg)
		}
		total += len(k) + len(m[k])
	}
	if total > maxAnnotationBytes {
		v.add(p, ErrorTypeTooLong, nil, "may not be more than "+strconv.Itoa(maxAnnotationBytes)+" bytes")
	}
}

// ownerReferences: apimachinery/pkg/api/validation ValidateOwnerReferences
// (errors on the list's path, not an element's).
func (v *podValidator) ownerReferences(refs []OwnerReference, p *fieldPath) {
	firstController := ""
	for _, r := range refs {
		group, version := splitAPIVersion(r.APIVersion)
		if version == "" {
			ap := p.child("apiVersion")
			v.add(&ap, ErrorTypeInvalid, r.APIVersion, msgOwnerVersionMissing)
		}
		if r.Kind == "" {
			kp := p.child("kind")
			v.add(&kp, ErrorTypeInvalid, r.Kind, msgMustNotBeEmpty)
		}
		if r.Name == "" {
			np := p.child("name")
			v.add(&np, ErrorTypeInvalid, r.Name, msgMustNotBeEmpty)
		}
		if r.UID == "" {
			up := p.child("uid")
			v.add(&up, ErrorTypeInvalid, r.UID, msgMustNotBeEmpty)
		}
		if group == "" && version == "v1" && r.Kind == "Event" {
			v.add(p, ErrorTypeInvalid, r.Kind, "/v1, Kind=Event is disallowed from being an owner")
		}
		if r.Controller != nil && *r.Controller {
			cur := r.Kind + "/" + r.Name
			if firstController != "" {
				v.add(p, ErrorTypeInvalid, cur, `Only one reference can have Controller set to true. Found "true" in references for `+firstController+" and "+cur)
			} else {
				firstController = cur
			}
		}
	}
}

// splitAPIVersion splits "group/version" or "version" as
// apimachinery/pkg/runtime/schema ParseGroupVersion does; a malformed
// apiVersion yields an empty version.
func splitAPIVersion(s string) (group, version string) {
	if s == "" || s == "/" {
		return "", ""
	}
	switch strings.Count(s, "/") {
	case 0:
		return "", s
	case 1:
		i := strings.IndexByte(s, '/')
		return s[:i], s[i+1:]
	}
	return "", ""
}

// podSpec: pkg/apis/core/validation/validation.go ValidatePodSpec, for the
// modelled fields, in upstream's order.
func (v *podValidator) podSpec(s *Spec, p *fieldPath) {
	grace := s.TerminationGracePeriodSeconds
	if grace == nil {
		tp := p.child("terminationGracePeriodSeconds")
		v.add(&tp, ErrorTypeRequired, nil, "")
	}

	cp := p.child("containers")
	v.containers(s.Containers, grace, &cp)
	ip := p.child("initContainers")
	v.initContainers(s.InitContainers, s.Containers, grace, &ip)
	ep := p.child("ephemeralContainers")
	v.ephemeralContainers(s.EphemeralContainers, s.Containers, s.InitContainers, &ep)

	// validateRestartPolicy (its supported values are listed in this order).
	rp := p.child("restartPolicy")
	switch s.RestartPolicy {
	case restart.Always, restart.OnFailure, restart.Never:
	case "":
		v.add(&rp, ErrorTypeRequired, nil, "")
	default:
		v.add(&rp, ErrorTypeNotSupported, string(s.RestartPolicy),
			supportedMsg(string(restart.Always), string(restart.OnFailure), string(restart.Never)))
	}

	// validateReadinessGates.
	gp := p.child("readinessGates")
	for i, g := range s.ReadinessGates {
		ip := gp.at(i)
		ctp := ip.child("conditionType")
		for _, msg := range qualifiedNameProblems(string(g.ConditionType)) {
			v.add(&ctp, ErrorTypeInvalid, string(g.ConditionType), msg)
		}
	}

	// validateSchedulingGates: qualified names, no duplicates; errors on the
	// list element itself.
	sp := p.child("schedulingGates")
	for i, g := range s.SchedulingGates {
		ip := sp.at(i)
		for _, msg := range qualifiedNameProblems(g.Name) {
			v.add(&ip, ErrorTypeInvalid, g.Name, msg)
		}
		for j := 0; j < i; j++ {
			if s.SchedulingGates[j].Name == g.Name {
				v.add(&ip, ErrorTypeDuplicate, g.Name, "")
				break
			}
		}
	}

	// nodeName: ValidateNodeName (NameIsDNSSubdomain).
	if s.NodeName != "" {
		np := p.child("nodeName")
		for _, msg := range dnsSubdomainProblems(s.NodeName, "characters") {
			v.add(&np, ErrorTypeInvalid, s.NodeName, msg)
		}
	}

	if s.ActiveDeadlineSeconds != nil {
		if a := *s.ActiveDeadlineSeconds; a < 1 || a > math.MaxInt32 {
			ap := p.child("activeDeadlineSeconds")
			v.add(&ap, ErrorTypeInvalid, a, rangeMsg(1, math.MaxInt32))
		}
	}
}

// containerCommon: validateContainerCommon, for the modelled fields: the
// name is required and a DNS-1123 label, the image is required.
func (v *podValidator) containerCommon(c *container.Container, p *fieldPath) {
	np := p.child("name")
	if c.Name == "" {
		v.add(&np, ErrorTypeRequired, nil, "")
	} else {
		for _, msg := range dnsLabelProblems(c.Name) {
			v.add(&np, ErrorTypeInvalid, c.Name, msg)
		}
	}
	if c.Image == "" {
		ip := p.child("image")
		v.add(&ip, ErrorTypeRequired, nil, "")
	}
}

// imageWhitespace: validateContainerOnlyForPod.
func (v *podValidator) imageWhitespace(cs []container.Container, p *fieldPath) {
	for i := range cs {
		img := cs[i].Image
		if len(strings.TrimSpace(img)) != len(img) {
			ip := p.at(i)
			imp := ip.child("image")
			v.add(&imp, ErrorTypeInvalid, img, msgImageWhitespace)
		}
	}
}

// containers: validateContainers.
func (v *podValidator) containers(cs []container.Container, grace *int64, p *fieldPath) {
	if len(cs) == 0 {
		v.add(p, ErrorTypeRequired, nil, "")
		return
	}
	for i := range cs {
		c := &cs[i]
		cp := p.at(i)
		v.containerCommon(c, &cp)
		// Unique among regular containers (an empty name counts too); clashes
		// with init and ephemeral containers are reported on those.
		for j := 0; j < i; j++ {
			if cs[j].Name == c.Name {
				np := cp.child("name")
				v.add(&np, ErrorTypeDuplicate, c.Name, "")
				break
			}
		}
		v.probesAndHooks(c, grace, &cp)
		if v.allowRules {
			v.containerRestartPolicy(c.RestartPolicy, c.RestartPolicyRules, &cp)
		} else if c.RestartPolicy != "" {
			// Unreachable on create (the field is dropped with the gate
			// off); kept for callers that skip the drop.
			rp := cp.child("restartPolicy")
			v.add(&rp, ErrorTypeForbidden, nil, "may not be set for non-init containers")
		}
	}
}

// probesAndHooks validates lifecycle and the three probes of a regular
// container or a sidecar (validateContainers / validateInitContainers).
func (v *podValidator) probesAndHooks(c *container.Container, grace *int64, p *fieldPath) {
	if c.Lifecycle != nil {
		lp := p.child("lifecycle")
		v.lifecycle(c.Lifecycle, grace, &lp)
	}
	if c.LivenessProbe != nil {
		pp := p.child("livenessProbe")
		v.probe(c.LivenessProbe, grace, &pp)
		if c.LivenessProbe.SuccessThreshold != 1 {
			sp := pp.child("successThreshold")
			v.add(&sp, ErrorTypeInvalid, c.LivenessProbe.SuccessThreshold, msgMustBeOne)
		}
	}
	if c.ReadinessProbe != nil {
		pp := p.child("readinessProbe")
		v.probe(c.ReadinessProbe, grace, &pp)
		if c.ReadinessProbe.TerminationGracePeriodSeconds != nil {
			tp := pp.child("terminationGracePeriodSeconds")
			v.add(&tp, ErrorTypeInvalid, *c.ReadinessProbe.TerminationGracePeriodSeconds, msgReadinessGrace)
		}
	}
	if c.StartupProbe != nil {
		pp := p.child("startupProbe")
		v.probe(c.StartupProbe, grace, &pp)
		if c.StartupProbe.SuccessThreshold != 1 {
			sp := pp.child("successThreshold")
			v.add(&sp, ErrorTypeInvalid, c.StartupProbe.SuccessThreshold, msgMustBeOne)
		}
	}
}

// initContainers: validateInitContainers.
func (v *podValidator) initContainers(cs, regular []container.Container, grace *int64, p *fieldPath) {
	for i := range cs {
		c := &cs[i]
		cp := p.at(i)
		v.containerCommon(c, &cp)
		v.initContainerRestartPolicy(c, &cp)
		sidecar := c.RestartPolicy == restart.Always

		// Unique across regular containers (all of them, even unnamed) and the
		// named init containers before this one.
		if containerNamed(regular, c.Name, len(regular)) || (c.Name != "" && containerNamed(cs, c.Name, i)) {
			np := cp.child("name")
			v.add(&np, ErrorTypeDuplicate, c.Name, "")
		}

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
func (v *podValidator) forbid(p *fieldPath, detail string, fields ...setField) {
	for _, f := range fields {
		if f.set {
			fp := p.child(f.name)
			v.add(&fp, ErrorTypeForbidden, nil, detail)
		}
	}
}

// containerNamed reports whether one of cs[:n] is named name.
func containerNamed(cs []container.Container, name string, n int) bool {
	for j := 0; j < n && j < len(cs); j++ {
		if cs[j].Name == name {
			return true
		}
	}
	return false
}

// initContainerRestartPolicy: validateInitContainerRestartPolicy.
func (v *podValidator) initContainerRestartPolicy(c *container.Container, p *fieldPath) {
	if c.RestartPolicy == "" {
		if len(c.RestartPolicyRules) > 0 {
			rp := p.child("restartPolicy")
			v.add(&rp, ErrorTypeRequired, nil, msgRulesNeedPolicy)
		}
		return
	}
	if !v.allowRules {
		// Only sidecars exist without the gate (other values are dropped
		// before validation on create).
		if c.RestartPolicy != restart.Always {
			rp := p.child("restartPolicy")
			v.add(&rp, ErrorTypeNotSupported, string(c.RestartPolicy), supportedMsg(string(restart.Always)))
		}
		return
	}
	if c.RestartPolicy == restart.Always && !v.allowRestartAll {
		// Rules on sidecars need RestartAllContainersOnContainerExits.
		if len(c.RestartPolicyRules) > 0 {
			rp := p.child("restartPolicyRules")
			v.add(&rp, ErrorTypeForbidden, nil, msgSidecarRulesNoGate)
		}
		return
	}
	v.containerRestartPolicy(c.RestartPolicy, c.RestartPolicyRules, p)
}

// containerRestartPolicy: validateContainerRestartPolicy — the container's
// own policy and its exit-code rules.
func (v *podValidator) containerRestartPolicy(policy restart.Policy, rules []restart.Rule, p *fieldPath) {
	rp := p.child("restartPolicy")
	if policy == "" {
		if len(rules) == 0 {
			return
		}
		v.add(&rp, ErrorTypeRequired, nil, msgRulesNeedPolicy)
	} else if !policy.IsValid() {
		// sorted, as upstream lists a set
		v.add(&rp, ErrorTypeNotSupported, string(policy),
			supportedMsg(string(restart.Always), string(restart.Never), string(restart.OnFailure)))
	}
	rlp := p.child("restartPolicyRules")
	if len(rules) > maxRestartRules {
		v.add(&rlp, ErrorTypeTooMany, len(rules), tooManyMsg(maxRestartRules))
	}
	for i := range rules {
		r := &rules[i]
		ip := rlp.at(i)
		switch {
		case r.Action == restart.ActionRestart:
		case r.Action == restart.ActionRestartAllContainers && v.allowRestartAll:
		default:
			ap := ip.child("action")
			if v.allowRestartAll {
				v.add(&ap, ErrorTypeNotSupported, string(r.Action),
					supportedMsg(string(restart.ActionRestart), string(restart.ActionRestartAllContainers)))
			} else {
				v.add(&ap, ErrorTypeNotSupported, string(r.Action), supportedMsg(string(restart.ActionRestart)))
			}
		}
		ep := ip.child("exitCodes")
		if r.ExitCodes == nil {
			v.add(&ep, ErrorTypeRequired, nil, msgExitCodesRequired)
			continue
		}
		if op := r.ExitCodes.Operator; op != restart.In && op != restart.NotIn {
			opp := ep.child("operator")
			v.add(&opp, ErrorTypeNotSupported, string(op), supportedMsg(string(restart.In), string(restart.NotIn)))
		}
		if n := len(r.ExitCodes.Values); n > maxExitCodeValues {
			vp := ep.child("values")
			v.add(&vp, ErrorTypeTooMany, n, tooManyMsg(maxExitCodeValues))
		}
	}
}

// ephemeralContainers: validateEphemeralContainers, for the modelled fields.
// Probes, lifecycle and the restart fields are not on the allow-list of
// ephemeral container fields (allowedEphemeralContainerFields), so setting
// them is Forbidden; they are reported in the field order of
// EphemeralContainerCommon.
func (v *podValidator) ephemeralContainers(cs, regular, inits []container.Container, p *fieldPath) {
	for i := range cs {
		c := &cs[i]
		cp := p.at(i)
		v.containerCommon(c, &cp)
		if len(strings.TrimSpace(c.Image)) != len(c.Image) {
			ip := cp.child("image")
			v.add(&ip, ErrorTypeInvalid, c.Image, msgImageWhitespace)
		}
		// Unique across all containers (regular and init ones, even unnamed,
		// and the ephemeral ones before).
		if containerNamed(regular, c.Name, len(regular)) || containerNamed(inits, c.Name, len(inits)) ||
			containerNamed(cs, c.Name, i) {
			np := cp.child("name")
			v.add(&np, ErrorTypeDuplicate, c.Name, "")
		}
		v.forbid(&cp, msgEphemeralField,
			setField{c.RestartPolicy != "", "restartPolicy"},
			setField{len(c.RestartPolicyRules) > 0, "restartPolicyRules"},
			setField{c.LivenessProbe != nil, "livenessProbe"},
			setField{c.ReadinessProbe != nil, "readinessProbe"},
			setField{c.StartupProbe != nil, "startupProbe"},
			setField{c.Lifecycle != nil, "lifecycle"})
	}
}

// lifecycle: validateLifecycle (postStart, then preStop).
func (v *podValidator) lifecycle(lc *container.Lifecycle, grace *int64, p *fieldPath) {
	if lc.PostStart != nil {
		hp := p.child("postStart")
		h := lc.PostStart
		v.handler(h.Exec, h.HTTPGet, h.TCPSocket, nil, h.Sleep, grace, &hp)
	}
	if lc.PreStop != nil {
		hp := p.child("preStop")
		h := lc.PreStop
		v.handler(h.Exec, h.HTTPGet, h.TCPSocket, nil, h.Sleep, grace, &hp)
	}
}

// probe: validateProbe — the handler, then the timing fields (already
// defaulted, so only negatives fail), then the probe's own grace period.
func (v *podValidator) probe(pr *probe.Probe, grace *int64, p *fieldPath) {
	v.handler(pr.Exec, pr.HTTPGet, pr.TCPSocket, pr.GRPC, nil, grace, p)
	for _, f := range [...]struct {
		name string
		val  int32
	}{
		{"initialDelaySeconds", pr.InitialDelaySeconds},
		{"timeoutSeconds", pr.TimeoutSeconds},
		{"periodSeconds", pr.PeriodSeconds},
		{"successThreshold", pr.SuccessThreshold},
		{"failureThreshold", pr.FailureThreshold},
	} {
		if f.val < 0 {
			fp := p.child(f.name)
			v.add(&fp, ErrorTypeInvalid, f.val, msgNonNegative)
		}
	}
	if g := pr.TerminationGracePeriodSeconds; g != nil && *g <= 0 {
		tp := p.child("terminationGracePeriodSeconds")
		v.add(&tp, ErrorTypeInvalid, *g, msgPositive)
	}
}

// handler: validateHandler, shared by probes (exec, httpGet, tcpSocket,
// grpc) and lifecycle hooks (exec, httpGet, tcpSocket, sleep). Exactly one
// handler may be set: the first one set, in that order, is validated and
// every later one is Forbidden; none is Required on the handler itself.
func (v *podValidator) handler(exec *probe.ExecAction, httpGet *probe.HTTPGetAction, tcp *probe.TCPSocketAction,
	grpc *probe.GRPCAction, sleep *container.SleepAction, grace *int64, p *fieldPath) {
	n := 0
	extra := func(name string) bool {
		if n > 0 {
			fp := p.child(name)
			v.add(&fp, ErrorTypeForbidden, nil, msgHandlerExtra)
			return true
		}
		n++
		return false
	}
	if exec != nil && !extra("exec") {
		if len(exec.Command) == 0 {
			ep := p.child("exec")
			cp := ep.child("command")
			v.add(&cp, ErrorTypeRequired, nil, "")
		}
	}
	if httpGet != nil && !extra("httpGet") {
		hp := p.child("httpGet")
		v.httpGet(httpGet, &hp)
	}
	if tcp != nil && !extra("tcpSocket") {
		tp := p.child("tcpSocket")
		pp := tp.child("port")
		v.port(tcp.Port, &pp)
	}
	if grpc != nil && !extra("grpc") {
		gp := p.child("grpc")
		pp := gp.child("port")
		v.port(probe.PortNumber(grpc.Port), &pp)
	}
	if sleep != nil && !extra("sleep") {
		// validateSleepAction, with zero allowed (PodLifecycleSleepActionAllowZero is GA).
		if grace != nil && (sleep.Seconds < 0 || sleep.Seconds > *grace) {
			sp := p.child("sleep")
			v.add(&sp, ErrorTypeInvalid, sleep.Seconds,
				"must be non-negative and less than terminationGracePeriodSeconds ("+strconv.FormatInt(*grace, 10)+")")
		}
	}
	if n == 0 {
		v.add(p, ErrorTypeRequired, nil, msgHandlerRequired)
	}
}

// httpGet: validateHTTPGetAction.
func (v *podValidator) httpGet(h *probe.HTTPGetAction, p *fieldPath) {
	if h.Path == "" {
		pp := p.child("path")
		v.add(&pp, ErrorTypeRequired, nil, "")
	}
	pp := p.child("port")
	v.port(h.Port, &pp)
	if h.Scheme != probe.SchemeHTTP && h.Scheme != probe.SchemeHTTPS {
		sp := p.child("scheme")
		v.add(&sp, ErrorTypeNotSupported, string(h.Scheme), supportedMsg(string(probe.SchemeHTTP), string(probe.SchemeHTTPS)))
	}
	for _, hdr := range h.HTTPHeaders {
		if !isHTTPHeaderName(hdr.Name) {
			hp := p.child("httpHeaders")
			v.add(&hp, ErrorTypeInvalid, hdr.Name, regexMsg(httpHeaderNameMsg, httpHeaderNameFmt, "X-Header-Name"))
		}
	}
}

// port: ValidatePortNumOrName — a number in 1..65535 or an IANA port name.
func (v *podValidator) port(pt probe.Port, p *fieldPath) {
	var bad any = pt.Number()
	if pt.IsName() {
		bad = pt.Name()
	}
	for _, msg := range pt.Problems() {
		v.add(p, ErrorTypeInvalid, bad, msg)
	}
}
