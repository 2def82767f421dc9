package kube

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/resource"
	corev1 "k8s.io/api/core/v1"
)

var (
	timeType     = reflect.TypeFor[time.Time]()
	quantityType = reflect.TypeFor[resource.Quantity]()
	portType     = reflect.TypeFor[probe.Port]()
	rawType      = reflect.TypeFor[json.RawMessage]()
)

// fill sets every field reachable from v to a value that is not zero: one
// element per list, one entry per map, every pointer allocated. It is
// driven by the type alone, so a field added to pod.Pod is filled too.
func fill(v reflect.Value) {
	switch t := v.Type(); {
	case t == timeType:
		v.Set(reflect.ValueOf(time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)))
	case t == quantityType:
		v.Set(reflect.ValueOf(resource.MustParse("1")))
	case t == portType:
		v.Set(reflect.ValueOf(probe.PortNumber(8080)))
	case t == rawType:
		// Any object: the API type decodes it, and re-encodes it (with its
		// own required fields) as something not empty.
		v.SetBytes([]byte(`{}`))
	default:
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if t.Field(i).IsExported() {
					fill(v.Field(i))
				}
			}
		case reflect.Pointer:
			v.Set(reflect.New(t.Elem()))
			fill(v.Elem())
		case reflect.Slice:
			v.Set(reflect.MakeSlice(t, 1, 1))
			fill(v.Index(0))
		case reflect.Map:
			m := reflect.MakeMap(t)
			k := reflect.New(t.Key()).Elem()
			if k.Kind() == reflect.String {
				k.SetString("cpu") // a string key that is also a resource name
			} else {
				fill(k)
			}
			e := reflect.New(t.Elem()).Elem()
			fill(e)
			m.SetMapIndex(k, e)
			v.Set(m)
		case reflect.String:
			v.SetString("x")
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			v.SetInt(1)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			v.SetUint(1)
		default:
			panic("fill: unhandled kind " + v.Kind().String() + " at " + t.String())
		}
	}
}

// zeroLeaves lists the paths under v whose value is zero.
func zeroLeaves(v reflect.Value, path string, out *[]string) {
	t := v.Type()
	switch {
	case t == timeType || t == quantityType || t == portType || t == rawType:
		if v.IsZero() || (t == rawType && v.Len() == 0) {
			*out = append(*out, path)
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := t.Field(i); f.IsExported() {
				zeroLeaves(v.Field(i), path+"."+f.Name, out)
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			*out = append(*out, path)
			return
		}
		zeroLeaves(v.Elem(), path, out)
	case reflect.Slice:
		if v.Len() == 0 {
			*out = append(*out, path)
			return
		}
		for i := 0; i < v.Len(); i++ {
			zeroLeaves(v.Index(i), path+"[]", out)
		}
	case reflect.Map:
		if v.Len() == 0 {
			*out = append(*out, path)
			return
		}
		it := v.MapRange()
		for it.Next() {
			zeroLeaves(it.Value(), path+"{}", out)
		}
	default:
		if v.IsZero() {
			*out = append(*out, path)
		}
	}
}

// fullPod is a pod.Pod with every field set (fill), and the corev1.Pod
// its JSON decodes to: read between others, it also leaves something in
// every pool of a Reader.
func fullPod(t *testing.T) (*pod.Pod, *corev1.Pod) {
	t.Helper()
	full := new(pod.Pod)
	fill(reflect.ValueOf(full).Elem())
	b, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	in := new(corev1.Pod)
	if err := json.Unmarshal(b, in); err != nil {
		t.Fatal(err)
	}
	return full, in
}

// TestToPodMapsEveryField is the guard against a field added to pod.Pod
// and forgotten here: a pod with every field of pod.Pod set, by reflection,
// goes through the API type; the direct mapping must give what the JSON
// path gives, and neither may lose a field.
func TestToPodMapsEveryField(t *testing.T) {
	full, in := fullPod(t)
	want := viaJSON(t, in)
	got, err := ToPod(in)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got, podCmp); d != "" {
		t.Errorf("ToPod differs from the JSON path (-json +direct):\n%s", d)
	}
	for name, p := range map[string]*pod.Pod{"JSON path": want, "ToPod": got} {
		var zero []string
		zeroLeaves(reflect.ValueOf(p).Elem(), "Pod", &zero)
		if len(zero) > 0 {
			t.Errorf("%s: fields lost on the way through corev1.Pod:\n  %s", name, strings.Join(zero, "\n  "))
		}
	}
	// The modelled fields come out as they went in (raw sources aside: the
	// API type re-encodes them with its own fields).
	if d := cmp.Diff(full, got, podCmp, cmp.FilterPath(func(p cmp.Path) bool {
		return p.Last().Type() == rawType
	}, cmp.Ignore())); d != "" {
		t.Errorf("a full pod does not come back from corev1.Pod as it was (-want +got):\n%s", d)
	}
}
