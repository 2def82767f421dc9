package pod

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/field"
)

// csiView is what csiSource decodes with json.Unmarshal.
type csiView struct {
	Driver               string `json:"driver"`
	NodePublishSecretRef *struct {
		Name string `json:"name"`
	} `json:"nodePublishSecretRef"`
}

// checkReadRaw compares readRaw with json.Unmarshal on doc: the same
// failure, or the same fields; a fallback is always allowed.
func checkReadRaw(t *testing.T, doc []byte) {
	t.Helper()
	ref := [1]rawField{{name: "name"}}
	fields := [2]rawField{{name: "driver"}, {name: "nodePublishSecretRef", inner: ref[:]}}
	res := readRaw(doc, fields[:])
	var c csiView
	err := json.Unmarshal(doc, &c)
	switch {
	case res == rawFallback:
	case (res == rawInvalid) != (err != nil):
		t.Fatalf("%s: readRaw %v, json.Unmarshal %v", doc, res, err)
	case res == rawRead:
		name := ""
		if c.NodePublishSecretRef != nil {
			name = c.NodePublishSecretRef.Name
		}
		if string(fields[0].val) != c.Driver || fields[1].set != (c.NodePublishSecretRef != nil) || string(ref[0].val) != name {
			t.Fatalf("%s: readRaw driver=%q ref=%v name=%q, json.Unmarshal %+v", doc, fields[0].val, fields[1].set, ref[0].val, c)
		}
	}
}

// readRaw answers as json.Unmarshal does, on documents assembled from
// fragments that exercise syntax, duplicates, case folding, null and
// wrong types.
func TestReadRawMatchesUnmarshal(t *testing.T) {
	fixed := []string{
		`{}`, `null`, ` null `, `[]`, `"x"`, `1`, `true`, ``, ` `, `{`, `{"driver":"a"}`, `{"driver":"a",}`, `{"driver":"a"} x`,
		`{"DRIVER":"b"}`, `{"driver":"a","Driver":"b"}`, `{"driver":null}`, `{"driver":"a","driver":null}`, `{"driver":1}`,
		`{"driver":"a\u0041"}`, `{"dri\u0076er":"a"}`, `{"driver":"é"}`, `{"nodePublishSecretRef":null}`, `{"nodePublishSecretRef":{}}`,
		`{"nodePublishSecretRef":{"name":"s"},"nodePublishSecretRef":{"x":1}}`, `{"nodePublishSecretRef":{"name":"s"},"nodePublishSecretRef":null,"nodePublishSecretRef":{}}`,
		`{"nodePublishSecretRef":"s"}`, `{"nodePublishSecretRef":{"name":2}}`, `{"nodepublishsecretref":{"NAME":"q"}}`,
		`{"a":[1,2,{"b":[]}],"driver":"d","c":-0.5e+3}`, `{"a":01}`, `{"a":1.}`, `{"a":-}`, `{"a":tru}`, `{"a":"\x01"}`, `{"a":"\q"}`,
		`{"volumeAttributes":{"k":"v"},"readOnly":true,"driver":"secrets-store.csi.k8s.io"}`, `{"driver":"a"}{}`,
	}
	for _, d := range fixed {
		checkReadRaw(t, []byte(d))
	}
	frags := []string{`{`, `}`, `[`, `]`, `,`, `:`, ` `, `"driver"`, `"Driver"`, `"nodePublishSecretRef"`, `"name"`, `"x"`, `null`, `1`, `-2.5e3`, `true`, `"a"`, `"\n"`, `"\u00e9"`, `"é"`}
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 300000; i++ {
		var b strings.Builder
		b.WriteString("{")
		for n := r.IntN(10); n > 0; n-- {
			b.WriteString(frags[r.IntN(len(frags))])
		}
		if r.IntN(4) > 0 {
			b.WriteString("}")
		}
		checkReadRaw(t, []byte(b.String()))
	}
}

// FuzzReadRaw: readRaw never disagrees with json.Unmarshal.
func FuzzReadRaw(f *testing.F) {
	f.Add([]byte(`{"driver":"a","nodePublishSecretRef":{"name":"s"}}`))
	f.Add([]byte(`{"DRIVER":null,"nodePublishSecretRef":null}`))
	f.Add([]byte(`[1,{"a":"b"}]`))
	f.Fuzz(func(t *testing.T, doc []byte) { checkReadRaw(t, doc) })
}

// The raw sources give the same errors read without allocating as decoded
// by json.Unmarshal (the fallback), valid or not.
func TestRawSourcesMatchUnmarshal(t *testing.T) {
	type src struct {
		kind string
		doc  string
	}
	var cases []src
	for _, d := range []string{`{"driver":"secrets-store.csi.k8s.io"}`, `{"driver":"Secrets.Store"}`, `{"driver":""}`, `{}`, `null`,
		`{"driver":"` + strings.Repeat("a", 64) + `"}`, `{"driver":"a_b","nodePublishSecretRef":{"name":"Bad_Name"}}`,
		`{"driver":"d","nodePublishSecretRef":{}}`, `{"driver":"d","nodePublishSecretRef":{"name":"ok"}}`, `{"driver":"-x-"}`} {
		cases = append(cases, src{"csi", d})
	}
	for _, d := range []string{`{"server":"s","path":"/x"}`, `{"server":"","path":""}`, `{"path":"rel"}`, `{}`} {
		cases = append(cases, src{"nfs", d})
	}
	for _, d := range []string{`{"repository":"r","directory":"."}`, `{"directory":"/abs/../x"}`, `{"repository":"r","directory":"a/../b"}`, `{"directory":".."}`, `{}`} {
		cases = append(cases, src{"gitRepo", d})
	}
	for _, c := range cases {
		root := field.NewPath("v")
		var fast, slow podValidator
		raw := json.RawMessage(c.doc)
		switch c.kind {
		case "csi":
			fast.csiSource(raw, &root)
			var x csiView
			if err := json.Unmarshal(raw, &x); err != nil {
				t.Fatal(err)
			}
			name := ""
			if x.NodePublishSecretRef != nil {
				name = x.NodePublishSecretRef.Name
			}
			csiChecks(&slow, x.Driver, x.NodePublishSecretRef != nil, name, &root)
		case "nfs":
			fast.nfsSource(raw, &root)
			var x struct{ Server, Path string }
			if err := json.Unmarshal(raw, &x); err != nil {
				t.Fatal(err)
			}
			nfsChecks(&slow, x.Server, x.Path, &root)
		case "gitRepo":
			fast.gitRepoSource(raw, &root)
			var x struct{ Repository, Directory string }
			if err := json.Unmarshal(raw, &x); err != nil {
				t.Fatal(err)
			}
			gitRepoChecks(&slow, x.Repository, x.Directory, &root)
		}
		if d := cmp.Diff(fullErrors(slow.errs), fullErrors(fast.errs)); d != "" {
			t.Errorf("%s %s: (-decoded +read):\n%s", c.kind, c.doc, d)
		}
	}
}
