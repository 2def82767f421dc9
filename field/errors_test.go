package field

import "testing"

// The messages follow staging/src/k8s.io/apimachinery/pkg/util/validation/field
// Error.Error: the value is left out for Required, Forbidden and TooLong.
func TestErrorMessages(t *testing.T) {
	e := &Error{Field: "spec.activeDeadlineSeconds", Type: ErrorTypeInvalid, BadValue: int64(0), Detail: "must be between 1 and 2147483647, inclusive"}
	if got := e.Error(); got != "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive" {
		t.Fatal(got)
	}
	e = &Error{Field: "spec.containers[0].image", Type: ErrorTypeRequired}
	if got := e.Error(); got != "spec.containers[0].image: Required value" {
		t.Fatal(got)
	}
	if ErrorList(nil).Err() != nil {
		t.Fatal("empty list must give a nil error")
	}
}

func TestPathString(t *testing.T) {
	spec := NewPath("spec")
	cs := spec.Child("containers")
	c1 := cs.Index(12)
	name := c1.Child("name")
	if got := name.String(); got != "spec.containers[12].name" {
		t.Fatal(got)
	}
	if got := spec.String(); got != "spec" {
		t.Fatal(got)
	}
}

func TestSupportedValues(t *testing.T) {
	if got := SupportedValues("Always", "Never"); got != `supported values: "Always", "Never"` {
		t.Fatal(got)
	}
}

func TestPathKey(t *testing.T) {
	spec := NewPath("spec")
	r := spec.Child("resources")
	l := r.Child("limits")
	k := l.Key("cpu")
	if got := k.String(); got != "spec.resources.limits[cpu]" {
		t.Fatal(got)
	}
	root := NewPath("x")
	rk := root.Key("")
	if got := rk.String(); got != "x[]" {
		t.Fatal(got)
	}
}

// An empty name renders "[]", as upstream's Path.String renders a node
// without a name: NewPath("") is the path of an error about the whole
// object.
func TestPathEmptyName(t *testing.T) {
	root := NewPath("")
	if got := root.String(); got != "[]" {
		t.Fatalf("NewPath(\"\") = %q, want []", got)
	}
	spec := NewPath("spec")
	c := spec.Child("")
	n := c.Child("name")
	if got := n.String(); got != "spec[].name" {
		t.Fatalf("got %q, want spec[].name", got)
	}
}

// A bool renders as upstream's %v does, a composite value as its JSON
// (upstream's ErrorBody, json.Marshal first).
func TestErrorBadValues(t *testing.T) {
	type ref struct {
		Name string `json:"name"`
		UID  string `json:"uid"`
	}
	for _, c := range []struct {
		bad  any
		want string
	}{
		{true, "x: Invalid value: true: d"},
		{ref{Name: "web", UID: "1"}, `x: Invalid value: {"name":"web","uid":"1"}: d`},
		{[]ref{{Name: "a"}}, `x: Invalid value: [{"name":"a","uid":""}]: d`},
		{func() {}, "x: Invalid value: <value>: d"}, // no JSON
	} {
		e := &Error{Field: "x", Type: ErrorTypeInvalid, BadValue: c.bad, Detail: "d"}
		if got := e.Error(); got != c.want {
			t.Errorf("%T: %s, want %s", c.bad, got, c.want)
		}
	}
}
