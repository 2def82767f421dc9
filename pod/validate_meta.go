package pod

// Object metadata: pkg/apis/core/validation ValidateObjectMeta and its
// helpers (names, labels, annotations, owner references).

import (
	"sort"
	"strconv"
	"strings"

	"github.com/podlife/podlife/field"
)

// objectMeta: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
// ValidateObjectMetaAccessor with ValidatePodName (NameIsDNSSubdomain), on a
// pod whose name has already been generated.
func (v *podValidator) objectMeta(m *Meta, p *field.Path) {
	if m.GenerateName != "" {
		gp := p.Child("generateName")
		for _, msg := range dnsSubdomainProblems(maskGenerateName(m.GenerateName), "characters") {
			v.add(&gp, field.ErrorTypeInvalid, m.GenerateName, msg)
		}
	}
	name := m.Name
	if name == "" && m.GenerateName != "" {
		name = generatedName(m.GenerateName)
	}
	np := p.Child("name")
	if name == "" {
		v.add(&np, field.ErrorTypeRequired, nil, msgNameRequired)
	} else {
		for _, msg := range dnsSubdomainProblems(name, "characters") {
			v.add(&np, field.ErrorTypeInvalid, name, msg)
		}
	}
	// Namespace: ValidateNamespaceName (NameIsDNSLabel).
	nsp := p.Child("namespace")
	if m.Namespace == "" {
		v.add(&nsp, field.ErrorTypeRequired, nil, "")
	} else {
		for _, msg := range dnsLabelProblems(m.Namespace) {
			v.add(&nsp, field.ErrorTypeInvalid, m.Namespace, msg)
		}
	}
	lp := p.Child("labels")
	v.labels(m.Labels, &lp)
	ap := p.Child("annotations")
	v.annotations(m.Annotations, &ap)
	op := p.Child("ownerReferences")
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
func (v *podValidator) labels(m map[string]string, p *field.Path) {
	if len(m) == 0 {
		return
	}
	for _, k := range sortedMetaKeys(m) {
		for _, msg := range qualifiedNameProblems(k) {
			v.add(p, field.ErrorTypeInvalid, k, msg)
		}
		for _, msg := range labelValueProblems(m[k]) {
			v.add(p, field.ErrorTypeInvalid, m[k], msg)
		}
	}
}

// annotations: apimachinery/pkg/api/validation ValidateAnnotations (keys are
// qualified names, case-insensitively; 256 KiB in total).
func (v *podValidator) annotations(m map[string]string, p *field.Path) {
	if len(m) == 0 {
		return
	}
	total := 0
	for _, k := range sortedMetaKeys(m) {
		for _, msg := range qualifiedNameProblems(strings.ToLower(k)) {
			v.add(p, field.ErrorTypeInvalid, k, msg)
		}
		total += len(k) + len(m[k])
	}
	if total > maxAnnotationBytes {
		v.add(p, field.ErrorTypeTooLong, nil, "may not be more than "+strconv.Itoa(maxAnnotationBytes)+" bytes")
	}
}

// ownerReferences: apimachinery/pkg/api/validation ValidateOwnerReferences
// (errors on the list's path, not an element's).
func (v *podValidator) ownerReferences(refs []OwnerReference, p *field.Path) {
	firstController := ""
	for _, r := range refs {
		group, version := splitAPIVersion(r.APIVersion)
		if version == "" {
			ap := p.Child("apiVersion")
			v.add(&ap, field.ErrorTypeInvalid, r.APIVersion, msgOwnerVersionMissing)
		}
		if r.Kind == "" {
			kp := p.Child("kind")
			v.add(&kp, field.ErrorTypeInvalid, r.Kind, msgMustNotBeEmpty)
		}
		if r.Name == "" {
			np := p.Child("name")
			v.add(&np, field.ErrorTypeInvalid, r.Name, msgMustNotBeEmpty)
		}
		if r.UID == "" {
			up := p.Child("uid")
			v.add(&up, field.ErrorTypeInvalid, r.UID, msgMustNotBeEmpty)
		}
		if group == "" && version == "v1" && r.Kind == "Event" {
			v.add(p, field.ErrorTypeInvalid, r.Kind, "/v1, Kind=Event is disallowed from being an owner")
		}
		if r.Controller != nil && *r.Controller {
			cur := r.Kind + "/" + r.Name
			if firstController != "" {
				v.add(p, field.ErrorTypeInvalid, cur, `Only one reference can have Controller set to true. Found "true" in references for `+firstController+" and "+cur)
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
