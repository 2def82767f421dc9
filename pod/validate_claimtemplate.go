package pod

// An ephemeral volume's claim template: pkg/apis/core/validation
// ValidatePersistentVolumeClaimTemplate (ValidateTemplateObjectMeta and
// ValidatePersistentVolumeClaimSpec). The template is kept as raw JSON in
// the model (EphemeralSource), so it is decoded here, only when a pod has
// one.

import (
	"encoding/json"

	"github.com/podlife/podlife/field"
	"github.com/podlife/podlife/resource"
)

// claimTemplate is what validation reads of a v1.PersistentVolumeClaimTemplate.
type claimTemplate struct {
	Metadata struct {
		Name                       string            `json:"name"`
		GenerateName               string            `json:"generateName"`
		Namespace                  string            `json:"namespace"`
		SelfLink                   string            `json:"selfLink"`
		UID                        string            `json:"uid"`
		ResourceVersion            string            `json:"resourceVersion"`
		Generation                 int64             `json:"generation"`
		CreationTimestamp          json.RawMessage   `json:"creationTimestamp"`
		DeletionTimestamp          json.RawMessage   `json:"deletionTimestamp"`
		DeletionGracePeriodSeconds *int64            `json:"deletionGracePeriodSeconds"`
		Labels                     map[string]string `json:"labels"`
		Annotations                map[string]string `json:"annotations"`
		OwnerReferences            []json.RawMessage `json:"ownerReferences"`
		Finalizers                 []string          `json:"finalizers"`
		ManagedFields              []json.RawMessage `json:"managedFields"`
	} `json:"metadata"`
	Spec struct {
		AccessModes []string        `json:"accessModes"`
		Selector    json.RawMessage `json:"selector"`
		Resources   struct {
			Requests resource.List `json:"requests"`
		} `json:"resources"`
		StorageClassName          *string         `json:"storageClassName"`
		VolumeMode                *string         `json:"volumeMode"`
		DataSource                json.RawMessage `json:"dataSource"`
		DataSourceRef             json.RawMessage `json:"dataSourceRef"`
		VolumeAttributesClassName *string         `json:"volumeAttributesClassName"`
	} `json:"spec"`
}

// The access modes and volume modes a claim may ask for, sorted, as
// upstream lists them.
var (
	msgAccessModes = field.SupportedValues("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod")
	msgVolumeModes = field.SupportedValues("Block", "Filesystem")
)

// claimTemplate validates an ephemeral volume's volumeClaimTemplate at p.
// A template json.Unmarshal refuses is not checked (the apiserver would
// refuse the whole pod); the label selector and the data sources are not
// modelled, and are listed as unchecked when set.
func (v *podValidator) claimTemplate(tmpl json.RawMessage, p *field.Path) {
	var t claimTemplate
	if json.Unmarshal(tmpl, &t) != nil {
		v.notChecked(p)
		return
	}
	// ValidateTemplateObjectMeta: annotations and labels, and no other
	// field of the object metadata (upstream walks ObjectMeta's fields in
	// order and names each by its Go name, first letter lowered: "uID").
	mp := p.Child("metadata")
	m := &t.Metadata
	ap := mp.Child("annotations")
	v.annotations(m.Annotations, &ap)
	lp := mp.Child("labels")
	v.labels(m.Labels, &lp)
	for _, f := range [...]struct {
		name string
		set  bool
	}{
		{"name", m.Name != ""},
		{"generateName", m.GenerateName != ""},
		{"namespace", m.Namespace != ""},
		{"selfLink", m.SelfLink != ""},
		{"uID", m.UID != ""},
		{"resourceVersion", m.ResourceVersion != ""},
		{"generation", m.Generation != 0},
		{"creationTimestamp", raw(&m.CreationTimestamp)},
		{"deletionTimestamp", raw(&m.DeletionTimestamp)},
		{"deletionGracePeriodSeconds", m.DeletionGracePeriodSeconds != nil},
		{"ownerReferences", m.OwnerReferences != nil},
		{"finalizers", m.Finalizers != nil},
		{"managedFields", m.ManagedFields != nil},
	} {
		if f.set {
			fp := mp.Child(f.name)
			v.add(&fp, field.ErrorTypeForbidden, nil, "cannot be set")
		}
	}

	// ValidatePersistentVolumeClaimSpec.
	sp := p.Child("spec")
	s := &t.Spec
	amp := sp.Child("accessModes")
	if len(s.AccessModes) == 0 {
		v.add(&amp, field.ErrorTypeRequired, nil, "at least 1 access mode is required")
	}
	if raw(&s.Selector) {
		sel := sp.Child("selector")
		v.notChecked(&sel)
	}
	rwop, other := false, false
	for _, mode := range s.AccessModes {
		switch mode {
		case "ReadWriteOncePod":
			rwop = true
		case "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany":
			other = true
		default:
			v.add(&amp, field.ErrorTypeNotSupported, mode, msgAccessModes)
		}
	}
	if rwop && other {
		v.add(&amp, field.ErrorTypeForbidden, nil, "may not use ReadWriteOncePod with other access modes")
	}
	rp := sp.Child("resources")
	kp := rp.Key("storage")
	if q, ok := s.Resources.Requests.Lookup(resource.Storage); !ok {
		v.add(&kp, field.ErrorTypeRequired, nil, "")
	} else if q = q.RoundUpMilli(); q.Sign() <= 0 {
		// SetDefaults_ResourceList rounds it first.
		v.add(&kp, field.ErrorTypeInvalid, q.String(), "must be greater than zero")
	}
	if c := s.StorageClassName; c != nil && *c != "" {
		cp := sp.Child("storageClassName")
		for _, msg := range dnsSubdomainProblems(*c, "characters") {
			v.add(&cp, field.ErrorTypeInvalid, *c, msg)
		}
	}
	if m := s.VolumeMode; m != nil && *m != "Block" && *m != "Filesystem" {
		vp := sp.Child("volumeMode")
		v.add(&vp, field.ErrorTypeNotSupported, *m, msgVolumeModes)
	}
	for _, ds := range [...]struct {
		name string
		doc  *json.RawMessage
	}{{"dataSource", &s.DataSource}, {"dataSourceRef", &s.DataSourceRef}} {
		if raw(ds.doc) {
			dp := sp.Child(ds.name)
			v.notChecked(&dp)
		}
	}
	if c := s.VolumeAttributesClassName; c != nil && *c != "" {
		// Gate VolumeAttributesClass, GA and locked.
		cp := sp.Child("volumeAttributesClassName")
		for _, msg := range dnsSubdomainProblems(*c, "characters") {
			v.add(&cp, field.ErrorTypeInvalid, *c, msg)
		}
	}
}
