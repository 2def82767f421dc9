package pod

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/podlife/podlife/feature"
)

// Unchecked lists the field paths of p that ValidateCreate does not
// validate although they are set: volume sources and projections podlife
// keeps only by kind (iscsi, rbd, azureDisk, clusterTrustBundle, ...), ephemeral
// volumes' claim templates, spec.resourceClaims entries and a windows pod's
// checks. A nil result means every set field podlife models was checked;
// fields podlife does not model at all (affinity, tolerations, security
// contexts, ...) are dropped when the pod is decoded and never listed.
func Unchecked(p *Pod, gates feature.Gates) []string {
	return validate(p, gates, false).unchecked
}

// UnmodelledFields lists the fields of a pod manifest (JSON, as kubectl
// writes it) that podlife does not model, under metadata and spec, as
// field paths in upstream's style ("spec.affinity",
// "spec.containers[0].securityContext"). Decoding into a Pod drops them
// silently, so ValidateCreate cannot report on them: a pod that is valid
// for podlife may still be rejected for one of these. Values podlife keeps
// as raw JSON (volume sources known only by kind) are not descended into;
// Unchecked reports those. The list is in document order of the types'
// fields, then sorted by key within one object, so it is deterministic.
func UnmodelledFields(manifest []byte) ([]string, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(manifest, &doc); err != nil {
		return nil, err
	}
	var out []string
	for _, top := range []struct {
		key string
		typ reflect.Type
	}{{"metadata", reflect.TypeOf(Meta{})}, {"spec", reflect.TypeOf(Spec{})}} {
		if raw, ok := doc[top.key]; ok {
			out = unmodelledIn(raw, top.typ, top.key, out)
		}
	}
	return out, nil
}

var (
	rawMessageType  = reflect.TypeOf(json.RawMessage(nil))
	unmarshalerType = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
)

// unmodelledIn walks raw (a JSON value) against t, appending the paths of
// object keys t has no field for.
func unmodelledIn(raw json.RawMessage, t reflect.Type, path string, out []string) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == rawMessageType || reflect.PointerTo(t).Implements(unmarshalerType) {
		return out
	}
	switch t.Kind() {
	case reflect.Slice:
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return out
		}
		for i, it := range items {
			out = unmodelledIn(it, t.Elem(), path+"["+strconv.Itoa(i)+"]", out)
		}
		return out
	case reflect.Struct:
	default:
		return out
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return out
	}
	fields := map[string]reflect.Type{}
	jsonFields(t, fields)
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		ft, ok := fields[k]
		if !ok {
			out = append(out, path+"."+k)
			continue
		}
		out = unmodelledIn(obj[k], ft, path+"."+k, out)
	}
	return out
}

// jsonFields collects the JSON names of t's fields, embedded structs
// inlined as encoding/json does.
func jsonFields(t reflect.Type, into map[string]reflect.Type) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				jsonFields(ft, into)
				continue
			}
		}
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		into[name] = f.Type
	}
}
