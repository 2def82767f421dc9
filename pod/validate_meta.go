package pod

// Object metadata: pkg/apis/core/validation ValidateObjectMeta and its
// helpers (names, labels, annotations, owner references).

import (
	"slices"
	"strconv"
	"strings"

	"github.com/podlife/podlife/field"
)

// objectMeta: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
// ValidateObjectMetaAccessor with ValidatePodName (NameIsDNSSubdomain), on a
// pod whose name has already been generated.
func (v *podValidator) objectMeta(m *Meta, p *field.Path) {
	if m.GenerateName != "" {
		var buf [maxNameLength]byte
		if b := appendMaskedGenerateName(buf[:0], m.GenerateName); !isDNSSubdomain(b) {
			gp := p.Child("generateName")
			for _, msg := range dnsSubdomainProblems(string(b), "characters") {
				v.add(&gp, field.ErrorTypeInvalid, m.GenerateName, msg)
			}
		}
	}
	name, generatedValid := m.Name, false
	if name == "" && m.GenerateName != "" {
		// Assembled on the stack; a string only when it is reported.
		var buf [maxNameLength]byte
		if b := appendGeneratedName(buf[:0], m.GenerateName); isDNSSubdomain(b) {
			generatedValid = true
		} else {
			name = string(b)
		}
	}
	np := p.Child("name")
	switch {
	case generatedValid:
	case name == "":
		v.add(&np, field.ErrorTypeRequired, nil, msgNameRequired)
	default:
		for _, msg := range dnsSubdomainProblems(name, "characters") {
			v.add(&np, field.ErrorTypeInvalid, name, msg)
		}
	}
	// Namespace: ValidateNamespaceName (NameIsDNSLabel).
	nsp := p.Child("namespace")
	v.requiredAnd(&nsp, m.Namespace, dnsLabelProblems)
	lp := p.Child("labels")
	v.labels(m.Labels, &lp)
	ap := p.Child("annotations")
	v.annotations(m.Annotations, &ap)
	op := p.Child("ownerReferences")
	v.ownerReferences(m.OwnerReferences, &op)
}

// mirrorPodAnnotation marks a mirror pod, the apiserver's copy of a static
// pod that its kubelet creates (k8s.io/api/core/v1 MirrorPodAnnotationKey).
const mirrorPodAnnotation = "kubernetes.io/config.mirror"

// podAnnotations: ValidatePodSpecificAnnotations, for the annotations
// podlife reads: a mirror pod must name its node (spec.nodeName), and a
// deletion cost must be a plain int32 (DeletionCost). The tolerations,
// seccomp and AppArmor annotations are not checked.
func (v *podValidator) podAnnotations(m *Meta, s *Spec, p *field.Path) {
	if len(m.Annotations) == 0 {
		return
	}
	ap := p.Child("annotations")
	if val, ok := m.Annotations[mirrorPodAnnotation]; ok && s.NodeName == "" {
		kp := ap.Key(mirrorPodAnnotation)
		v.add(&kp, field.ErrorTypeInvalid, val, "must set spec.nodeName if mirror pod annotation is set")
	}
	if val, ok := m.Annotations[PodDeletionCostAnnotation]; ok {
		if _, valid := parseDeletionCost(val); !valid {
			kp := ap.Key(PodDeletionCostAnnotation)
			v.add(&kp, field.ErrorTypeInvalid, val, "must be a 32bit integer")
		}
	}
}

// sortedMetaKeys appends the keys of m to buf, sorted; a buffer on the
// caller's stack holds the keys of ordinary metadata without allocating.
func sortedMetaKeys(buf []string, m map[string]string) []string {
	for k := range m {
		buf = append(buf, k)
	}
	slices.Sort(buf)
	return buf
}

// metaKeysOnStack is how many keys sortedMetaKeys sorts without
// allocating.
const metaKeysOnStack = 16

// labels: apimachinery/pkg/apis/meta/v1/validation ValidateLabels (keys
// qualified names, values label values; errors on the map's path). Keys
// are reported in sorted order, for a deterministic result: the map is
// walked as it comes, and again sorted only when that found an error.
func (v *podValidator) labels(m map[string]string, p *field.Path) {
	if len(m) == 0 {
		return
	}
	if !v.countErrors(func() {
		for k, val := range m {
			v.label(k, val, p)
		}
	}) {
		return
	}
	var buf [metaKeysOnStack]string
	for _, k := range sortedMetaKeys(buf[:0], m) {
		v.label(k, m[k], p)
	}
}

func (v *podValidator) label(k, val string, p *field.Path) {
	if !isQualifiedNameText(k) {
		for _, msg := range qualifiedNameProblems(k) {
			v.add(p, field.ErrorTypeInvalid, k, msg)
		}
	}
	for _, msg := range labelValueProblems(val) {
		v.add(p, field.ErrorTypeInvalid, val, msg)
	}
}

// annotations: apimachinery/pkg/api/validation ValidateAnnotations (keys are
// qualified names, case-insensitively; 256 KiB in total), reported in
// sorted key order as labels are.
func (v *podValidator) annotations(m map[string]string, p *field.Path) {
	if len(m) == 0 {
		return
	}
	total := 0
	if v.countErrors(func() {
		for k, val := range m {
			v.annotationKey(k, p)
			total += len(k) + len(val)
		}
	}) {
		var buf [metaKeysOnStack]string
		for _, k := range sortedMetaKeys(buf[:0], m) {
			v.annotationKey(k, p)
		}
	}
	if total > maxAnnotationBytes {
		v.add(p, field.ErrorTypeTooLong, nil, "may not be more than "+strconv.Itoa(maxAnnotationBytes)+" bytes")
	}
}

// annotationKey checks one annotation key, lowered on the stack; a string
// is made only when the key is reported.
func (v *podValidator) annotationKey(k string, p *field.Path) {
	var lb [320]byte
	if lk, ascii := lowerASCII(lb[:0], k); !ascii || !isQualifiedNameText(lk) {
		for _, msg := range qualifiedNameProblems(strings.ToLower(k)) {
			v.add(p, field.ErrorTypeInvalid, k, msg)
		}
	}
}

// ownerReferences: apimachinery/pkg/api/validation ValidateOwnerReferences
// and validateOwnerReference: each reference's errors on its own path
// (ownerReferences[1].kind), a second controller's on the list's.
func (v *podValidator) ownerReferences(refs []OwnerReference, p *field.Path) {
	firstController := -1 // index of the first controller reference
	for i := range refs {
		r := &refs[i]
		ip := p.Index(i)
		group, version := splitAPIVersion(r.APIVersion)
		switch {
		case r.APIVersion == "":
			ap := ip.Child("apiVersion")
			v.add(&ap, field.ErrorTypeRequired, nil, msgMustNotBeEmpty)
		case version == "":
			ap := ip.Child("apiVersion")
			v.add(&ap, field.ErrorTypeInvalid, r.APIVersion, msgOwnerAPIVersion)
		}
		for _, f := range [...]struct{ name, value string }{{"kind", r.Kind}, {"name", r.Name}, {"uid", r.UID}} {
			if f.value == "" {
				fp := ip.Child(f.name)
				v.add(&fp, field.ErrorTypeRequired, nil, msgMustNotBeEmpty)
			}
		}
		// BannedOwners: an Event of the core group.
		if group == "" && version == "v1" && r.Kind == "Event" {
			v.add(&ip, field.ErrorTypeInvalid, *r, "/v1, Kind=Event is disallowed from being an owner")
		}
		if r.Controller != nil && *r.Controller {
			// "kind/name" strings are made only for the error.
			if firstController >= 0 {
				first, cur := refs[firstController].Kind+"/"+refs[firstController].Name, r.Kind+"/"+r.Name
				v.add(p, field.ErrorTypeInvalid, refs, `Only one reference can have Controller set to true. Found "true" in references for `+first+" and "+cur)
			} else {
				firstController = i
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
