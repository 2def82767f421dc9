package manifest_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/cmd/podlife/manifest"
)

var at = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// kubectl's reader: documents split at "---", empty ones skipped, Lists
// read item by item, JSON streams read value by value.
func TestDocumentsAndLists(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []string // pod names
	}{
		{"yaml documents", "kind: Pod\napiVersion: v1\nmetadata: {name: a}\n---\n---\nkind: Pod\napiVersion: v1\nmetadata: {name: b}\n", []string{"a", "b"}},
		{"json stream", `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a"}} {"kind":"Pod","apiVersion":"v1","metadata":{"name":"b"}}`, []string{"a", "b"}},
		{"list", "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: a}}\n- {apiVersion: v1, kind: Pod, metadata: {name: b}}\n", []string{"a", "b"}},
		{"leading comment", "# a comment\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\n", []string{"a"}},
		{"generateName", "apiVersion: v1\nkind: Pod\nmetadata: {generateName: web-}\n", []string{"web-"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			pods, err := manifest.ReadBytes([]byte(c.in), "in.yaml", at)
			if err != nil {
				t.Fatal(err)
			}
			if len(pods) != len(c.want) {
				t.Fatalf("%d pods, want %d", len(pods), len(c.want))
			}
			for i, p := range pods {
				if !strings.HasPrefix(p.Pod.Metadata.Name, c.want[i]) || p.Pod.Metadata.Namespace != manifest.DefaultNamespace {
					t.Errorf("pod %d: %s/%s, want %s in %s", i, p.Pod.Metadata.Namespace, p.Pod.Metadata.Name, c.want[i], manifest.DefaultNamespace)
				}
			}
		})
	}
}

// A kind that is not a pod nor a workload is an error naming the kind,
// where it is, and what is read instead.
func TestOtherKindsAreNamed(t *testing.T) {
	_, err := manifest.ReadBytes([]byte("apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: a}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n"), "in.yaml", at)
	var ke *manifest.KindError
	if !errors.As(err, &ke) || ke.Kind != "ConfigMap" || ke.Item != 2 || !strings.Contains(err.Error(), "Deployment") {
		t.Fatalf("got %v, want a KindError for ConfigMap at item 2 listing the kinds read", err)
	}
	_, err = manifest.ReadBytes([]byte("apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: d}\n"), "old.yaml", at)
	if !errors.As(err, &ke) || ke.APIVersion != "apps/v1beta1" {
		t.Fatalf("got %v, want a KindError for apps/v1beta1", err)
	}
}

// The workload pods are the same every run: names and hashes come from
// the file, never from a clock or a random source.
func TestWorkloadPodsAreDeterministic(t *testing.T) {
	b, err := os.ReadFile("../testdata/nginx-deployment.yaml")
	if err != nil {
		t.Fatal(err)
	}
	first, err := manifest.ReadBytes(b, "d.yaml", at)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := manifest.ReadBytes(b, "d.yaml", at)
	if first[0].Pod.Metadata.Name != again[0].Pod.Metadata.Name || first[0].Pod.Metadata.OwnerReferences[0].UID != again[0].Pod.Metadata.OwnerReferences[0].UID {
		t.Error("two reads of one file give different pods")
	}
}

// FuzzRead reads any bytes without panicking; whatever it returns has a
// pod and its JSON.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"nginx-deployment.yaml", "list.yaml", "multi-doc.yaml", "cronjob.yaml", "statefulset.yaml", "pod.json"} {
		b, err := os.ReadFile("../testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		pods, _ := manifest.ReadBytes(b, "fuzz", at)
		for _, p := range pods {
			if p.Pod == nil || len(p.JSON) == 0 {
				t.Fatalf("a pod without its object: %+v", p)
			}
		}
	})
}

// A file with no pod at all is an error, never an empty answer.
func TestNoPodIsAnError(t *testing.T) {
	for _, in := range []string{"", "---\n---\n", `{"apiVersion": "v1", "kind": "List", "items": []}`} {
		if pods, err := manifest.ReadBytes([]byte(in), "in.yaml", at); err == nil || len(pods) != 0 {
			t.Errorf("%q: %d pods, %v; want an error", in, len(pods), err)
		}
	}
}
