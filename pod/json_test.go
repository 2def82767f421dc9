package pod_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/podlife/podlife/feature"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

func loadKubectlPod(t testing.TB) ([]byte, pod.Pod) {
	t.Helper()
	b, err := os.ReadFile("testdata/kubectl-pod.json")
	if err != nil {
		t.Fatal(err)
	}
	var p pod.Pod
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatalf("decoding kubectl output: %v", err)
	}
	return b, p
}

// The output of `kubectl get pod -o json` decodes, unknown fields ignored,
// with the API's field names and values.
func TestDecodeKubectlPod(t *testing.T) {
	_, p := loadKubectlPod(t)
	if p.Metadata.Name != "web-7d4b9c-x2x8k" || p.Metadata.UID == "" || p.Metadata.OwnerReferences[0].Kind != "ReplicaSet" {
		t.Errorf("metadata not decoded: %+v", p.Metadata)
	}
	if p.Spec.RestartPolicy != restart.Always || !p.Spec.InitContainers[1].IsSidecar() || p.Spec.InitContainers[0].IsSidecar() {
		t.Errorf("restart policies not decoded: %+v", p.Spec)
	}
	lp := p.Spec.Containers[0].LivenessProbe
	if lp == nil || lp.HTTPGet == nil || !lp.HTTPGet.Port.IsName() || lp.HTTPGet.Port.Name() != "http" {
		t.Errorf("liveness probe port by name not decoded: %+v", lp)
	}
	if rp := p.Spec.Containers[0].ReadinessProbe; rp.TCPSocket.Port != probe.PortNumber(8080) {
		t.Errorf("readiness probe port by number not decoded: %+v", rp.TCPSocket)
	}
	if p.Status.Phase != phase.Running || len(p.Status.Conditions) != 6 {
		t.Errorf("status not decoded: %s, %d conditions", p.Status.Phase, len(p.Status.Conditions))
	}
	web := p.Status.ContainerStatuses[0]
	if web.LastState.Terminated == nil || web.LastState.Terminated.Reason != "OOMKilled" || web.RestartCount != 1 || !web.IsStarted() {
		t.Errorf("container status not decoded: %+v", web)
	}
	// What the kubelet would say of it agrees with what it said.
	got := pod.Phase(&p, pod.NodeFacts{PodHasInitialized: true}, feature.Gates{})
	if got != p.Status.Phase {
		t.Errorf("derived phase %s, reported %s", got, p.Status.Phase)
	}
}

// What is modelled encodes back the same: decode → encode → decode is the
// identity, and every modelled field keeps its JSON name and value.
func TestEncodeRoundTrip(t *testing.T) {
	raw, p := loadKubectlPod(t)
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var again pod.Pod
	if err := json.Unmarshal(b, &again); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(p, again, cmp.AllowUnexported(probe.Port{})); d != "" {
		t.Errorf("decode(encode(p)) != p (-first +second):\n%s", d)
	}
	// Every key podlife writes is a key of the original document, with the
	// same value.
	var orig, enc map[string]any
	if err := json.Unmarshal(raw, &orig); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &enc); err != nil {
		t.Fatal(err)
	}
	checkSubset(t, "", orig, enc)
}

// checkSubset reports keys of got that are missing from or different in
// want. Lists are compared element by element.
func checkSubset(t *testing.T, path string, want, got any) {
	t.Helper()
	switch g := got.(type) {
	case map[string]any:
		w, ok := want.(map[string]any)
		if !ok {
			t.Errorf("%s: encoded an object where kubectl has %v", path, want)
			return
		}
		for k, v := range g {
			wv, ok := w[k]
			if !ok {
				t.Errorf("%s.%s: encoded %v, absent from kubectl's output", path, k, v)
				continue
			}
			checkSubset(t, path+"."+k, wv, v)
		}
	case []any:
		w, ok := want.([]any)
		if !ok || len(w) != len(g) {
			t.Errorf("%s: encoded %d items where kubectl has %v", path, len(g), want)
			return
		}
		for i := range g {
			checkSubset(t, path+"[]", w[i], g[i])
		}
	default:
		if !cmp.Equal(want, got) {
			t.Errorf("%s: encoded %v, kubectl has %v", path, got, want)
		}
	}
}

// FuzzDecodeRoundTrip: any JSON that decodes into a Pod encodes to JSON that
// decodes to a Pod with the same answers, and nothing panics on the way.
func FuzzDecodeRoundTrip(f *testing.F) {
	raw, _ := loadKubectlPod(f)
	f.Add(raw)
	f.Add([]byte(`{"spec":{"containers":[{"name":"a"}]},"status":{"containerStatuses":[{"name":"a","state":{}}]}}`))
	f.Add([]byte(`{"spec":{"initContainers":[{"name":"s","restartPolicy":"Always"}],"containers":null}}`))
	f.Add([]byte(`{"spec":{"containers":[{"name":"a","restartPolicy":""}]},"status":{"containerStatuses":[],"conditions":[],"podIPs":[]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Decoding, encoding and decoding again changes no answer (phase,
		// conditions, the kubelet's status, validation), and a second
		// encoding equals the first.
		roundTrip(t, data)
	})
}
