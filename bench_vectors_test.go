package podlife_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
)

// The benchmarks below time podlife on the pods of the bundled conformance
// vectors, inputs prepared outside the timed loop, one case per op in
// turn (a wrapping index, not a modulo, whose division would be a
// visible part of the restart figure): the podlife side of
// ../shared/sidebyside, to iterate on quickly.

type benchCase struct {
	p     *pod.Pod
	facts pod.NodeFacts
	gates feature.Gates
	ph    phase.Phase
	name  string
	list  container.Kind
}

func loadBenchCases(b testing.TB, family string) []benchCase {
	b.Helper()
	paths, _ := filepath.Glob(filepath.Join("testdata", "conformance", family+"-*.json"))
	var out []benchCase
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		var f struct {
			Cases []struct {
				Pod   json.RawMessage `json:"pod"`
				Input struct {
					commonInput
					Phase     phase.Phase   `json:"phase"`
					Sandboxes []pod.Sandbox `json:"sandboxes"`
					Container string        `json:"container"`
					Init      bool          `json:"init"`
				} `json:"input"`
				FeatureGates map[string]bool `json:"featureGates"`
			} `json:"cases"`
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			b.Fatal(err)
		}
		for _, c := range f.Cases {
			var p pod.Pod
			if json.Unmarshal(c.Pod, &p) != nil {
				continue
			}
			g, err := gatesOf(c.FeatureGates, c.Input.FeatureGates)
			if err != nil {
				continue
			}
			out = append(out, benchCase{p: &p, gates: g, ph: c.Input.Phase, name: c.Input.Container,
				list: listKind(c.Input.Init), facts: pod.NodeFacts{PodIsTerminal: c.Input.PodIsTerminal,
					PodHasInitialized: c.Input.PodHasInitialized, Sandboxes: c.Input.Sandboxes}})
		}
	}
	if len(out) == 0 {
		b.Fatalf("no %s vectors", family)
	}
	return out
}

func BenchmarkVectorsPhase(b *testing.B) {
	cs := loadBenchCases(b, "phase")
	b.ReportAllocs()
	var sink phase.Phase
	for j := 0; b.Loop(); {
		c := &cs[j]
		if j++; j == len(cs) {
			j = 0
		}
		sink = pod.Phase(c.p, c.facts, c.gates)
	}
	_ = sink
}

func BenchmarkVectorsConditions(b *testing.B) {
	cs := loadBenchCases(b, "conditions")
	buf := make([]pod.Condition, 0, 16)
	b.ReportAllocs()
	for j := 0; b.Loop(); {
		c := &cs[j]
		if j++; j == len(cs) {
			j = 0
		}
		buf = pod.AppendConditions(buf[:0], c.p, c.ph, c.facts, c.gates)
	}
}

func BenchmarkVectorsRestart(b *testing.B) {
	cs := loadBenchCases(b, "restart")
	b.ReportAllocs()
	var sink bool
	for j := 0; b.Loop(); {
		c := &cs[j]
		if j++; j == len(cs) {
			j = 0
		}
		sink, _ = pod.ShouldRestartContainer(c.p, c.name, c.list, c.gates)
	}
	_ = sink
}

func BenchmarkVectorsValidation(b *testing.B) {
	cs := loadBenchCases(b, "validation")
	b.ReportAllocs()
	for j := 0; b.Loop(); {
		c := &cs[j]
		if j++; j == len(cs) {
			j = 0
		}
		_ = pod.ValidateCreate(c.p, c.gates)
	}
}

// Phase and AppendConditions fill only the parts of the views their rules
// read; on every bundled vector (and PODLIFE_CONFORMANCE_DIR's, through
// the conformance test) they must answer as the same rules do on the
// complete views of MakeViews.
func TestPartialViewsAnswerAsCompleteOnes(t *testing.T) {
	for _, c := range loadBenchCases(t, "phase") {
		v := pod.MakeViews(pod.Views{}, c.p, pod.RegularFirst, c.gates)
		if got, want := pod.Phase(c.p, c.facts, c.gates), pod.PhaseOf(c.p, &v, c.facts, c.gates); got != want {
			t.Errorf("Phase %s, PhaseOf(MakeViews) %s for %+v", got, want, c.p)
		}
	}
	for _, c := range loadBenchCases(t, "conditions") {
		v := pod.MakeViews(pod.Views{}, c.p, pod.InitFirst, c.gates)
		got := pod.AppendConditions(nil, c.p, c.ph, c.facts, c.gates)
		want := pod.AppendConditionsOf(nil, &c.p.Spec, c.p.Metadata.Generation, &v, c.p.Status.Conditions, c.ph, &c.facts, c.gates)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("AppendConditions %+v, AppendConditionsOf(MakeViews) %+v", got, want)
		}
	}
}
