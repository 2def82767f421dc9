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

// A workload comes with its controller as the simulation runs it: what it
// keeps, the labels of the pods it makes, the fields it runs without; an
// Indexed Job, which it cannot run, comes without one and says why.
func TestWorkloads(t *testing.T) {
	for _, tc := range []struct {
		file, kind, keeps string
		labels            map[string]string
		note              string
	}{
		{"nginx-deployment.yaml", "Deployment", "3 replicas", map[string]string{"app": "nginx"}, ""},
		{"statefulset.yaml", "StatefulSet", "3 replicas", map[string]string{"app": "nginx"}, "spec.minReadySeconds"},
		{"pi-job.yaml", "Job", "1 completion, backoffLimit 4", map[string]string{"batch.kubernetes.io/job-name": "pi"}, ""},
		{"cronjob.yaml", "Job", "", nil, "made by Job"},
		{"daemonset.yaml", "DaemonSet", "a pod on each node", nil, "by spec.nodeName"},
	} {
		b, err := os.ReadFile("../testdata/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		pods, err := manifest.ReadBytes(b, tc.file, at)
		if err != nil {
			t.Fatal(err)
		}
		w := pods[0].Workload
		if w == nil {
			t.Fatalf("%s: no workload", tc.file)
		}
		if w.Kind != tc.kind || tc.keeps != "" && w.Keeps != tc.keeps || len(w.Controller) == 0 {
			t.Errorf("%s: %s keeping %q, controller %s", tc.file, w.Kind, w.Keeps, w.Controller)
		}
		for k, v := range tc.labels {
			if w.Labels[k] != v {
				t.Errorf("%s: labels %v, want %s=%s", tc.file, w.Labels, k, v)
			}
		}
		if tc.note != "" && !strings.Contains(strings.Join(w.Notes, "\n"), tc.note) {
			t.Errorf("%s: notes %q, want one saying %q", tc.file, w.Notes, tc.note)
		}
	}
	b, err := os.ReadFile("../testdata/indexed-job.yaml")
	if err != nil {
		t.Fatal(err)
	}
	pods, err := manifest.ReadBytes(b, "indexed-job.yaml", at)
	if err != nil {
		t.Fatal(err)
	}
	if pods[0].Workload != nil || !strings.Contains(pods[0].OnePod, "Indexed Job") {
		t.Errorf("an Indexed Job: workload %v, OnePod %q", pods[0].Workload, pods[0].OnePod)
	}
	pods, _ = manifest.ReadBytes([]byte(`{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "a"}]}}`), "p.json", at)
	if pods[0].Workload != nil || pods[0].OnePod != "" {
		t.Error("a Pod has a workload")
	}
}
