package explain_test

import (
	"encoding/json"
	"io"
	"testing"
	"time"

	"github.com/podlife/podlife/explain"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/kubectl"
	"github.com/podlife/podlife/pod"
)

// FuzzPod explains any decodable pod without panicking, and its
// conclusions are always pod.Phase's and kubectl.PodRow's.
func FuzzPod(f *testing.F) {
	f.Add([]byte(`{"spec":{"nodeName":"n","containers":[{"name":"a"}]},"status":{"containerStatuses":[{"name":"a","state":{"running":{}}}]}}`))
	f.Add([]byte(`{"metadata":{"deletionTimestamp":"2026-01-01T00:00:00Z"},"spec":{"initContainers":[{"name":"i","restartPolicy":"Always"}],"containers":[{"name":"a"}]},"status":{"phase":"Succeeded","reason":"NodeLost"}}`))
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, b []byte) {
		var p pod.Pod
		if json.Unmarshal(b, &p) != nil {
			return
		}
		facts, _ := pod.InferNodeFacts(&p)
		e := explain.Pod(&p, facts, feature.Gates{}, now)
		if got, want := e.Phase.Phase, pod.Phase(&p, facts, feature.Gates{}); got != want || e.Phase.Rule.Result() != want {
			t.Fatalf("explained phase %s (rule gives %s), pod.Phase %s", got, e.Phase.Rule.Result(), want)
		}
		if got, want := e.Row.Status, kubectl.PodRow(&p, now).Status; got != want {
			t.Fatalf("explained STATUS %q, PodRow %q", got, want)
		}
		if err := e.WriteText(io.Discard); err != nil {
			t.Fatal(err)
		}
	})
}
