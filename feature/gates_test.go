package feature_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/podlife/podlife/feature"
)

// pkg/features/kube_features.go at v1.37: the defaults podlife follows.
func TestDefaults(t *testing.T) {
	want := map[feature.Gate]bool{
		feature.ContainerRestartRules:                true,
		feature.RestartAllContainersOnContainerExits: true,
		feature.PodReadyToStartContainersCondition:   true,
		feature.KubeletCrashLoopBackOffMax:           true,
		feature.ReduceDefaultCrashLoopBackOffDecay:   false,
	}
	var zero feature.Gates
	for g, on := range want {
		if zero.Enabled(g) != on || g.Default() != on {
			t.Errorf("%s: zero Gates says %v, Default %v, want %v", g, zero.Enabled(g), g.Default(), on)
		}
	}
	if len(feature.All()) != len(want) {
		t.Errorf("All() = %v; the table above must list every gate", feature.All())
	}
	if !zero.IsDefault() || zero.String() != "" {
		t.Errorf("zero Gates: IsDefault %v, String %q", zero.IsDefault(), zero)
	}
}

func TestWithAndString(t *testing.T) {
	g := feature.Gates{}.With(feature.ContainerRestartRules, false).With(feature.ReduceDefaultCrashLoopBackOffDecay, true)
	if g.Enabled(feature.ContainerRestartRules) || !g.Enabled(feature.ReduceDefaultCrashLoopBackOffDecay) {
		t.Fatalf("overrides not applied: %s", g)
	}
	if !g.Enabled(feature.RestartAllContainersOnContainerExits) {
		t.Error("an untouched gate lost its default")
	}
	if got, want := g.String(), "ContainerRestartRules=false,ReduceDefaultCrashLoopBackOffDecay=true"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	back := g.With(feature.ContainerRestartRules, true).With(feature.ReduceDefaultCrashLoopBackOffDecay, false)
	if back != (feature.Gates{}) {
		t.Errorf("restoring the defaults gives %q, not the zero value", back)
	}
	if feature.Gate(200).String() != "Gate(200)" || (feature.Gates{}).With(200, true) != (feature.Gates{}) {
		t.Error("an out-of-range gate must name itself and change nothing")
	}
}

func TestParseRoundTrip(t *testing.T) {
	for _, text := range []string{"", "ContainerRestartRules=false", "KubeletCrashLoopBackOffMax=false,ReduceDefaultCrashLoopBackOffDecay=true"} {
		g, err := feature.Parse(text)
		if err != nil {
			t.Fatalf("Parse(%q): %v", text, err)
		}
		if g.String() != text {
			t.Errorf("Parse(%q).String() = %q", text, g)
		}
	}
	g, err := feature.Parse(" ReduceDefaultCrashLoopBackOffDecay = 1 , ContainerRestartRules=true,")
	if err != nil || g.String() != "ReduceDefaultCrashLoopBackOffDecay=true" {
		t.Errorf("lenient spacing: %q, %v", g, err)
	}
}

func TestParseErrors(t *testing.T) {
	_, err := feature.Parse("SidecarContainrs=true")
	var unknown *feature.UnknownGateError
	if !errors.As(err, &unknown) || unknown.Name != "SidecarContainrs" {
		t.Fatalf("unknown gate: %v", err)
	}
	var syntax *feature.SyntaxError
	for _, bad := range []string{"ContainerRestartRules", "ContainerRestartRules=maybe", "=true"} {
		if _, err := feature.Parse(bad); !errors.As(err, &syntax) {
			t.Errorf("Parse(%q) = %v, want *SyntaxError", bad, err)
		}
	}
}

// k8s.io/component-base/featuregate feature_gate.go Set: a gate locked to
// its default accepts that value and refuses the other, with this message
// (the kubelet's, checked against v1.37.1).
func TestLockedGates(t *testing.T) {
	g := feature.PodReadyToStartContainersCondition
	if !g.Locked() || feature.ContainerRestartRules.Locked() || feature.Gate(200).Locked() {
		t.Fatal("only PodReadyToStartContainersCondition is locked in v1.37")
	}
	if s, err := feature.Parse("PodReadyToStartContainersCondition=true"); err != nil || !s.IsDefault() {
		t.Errorf("the locked value: %q, %v", s, err)
	}
	_, err := feature.Parse("ContainerRestartRules=false,PodReadyToStartContainersCondition=false")
	var lockedErr *feature.LockedGateError
	if !errors.As(err, &lockedErr) || lockedErr.Name != "PodReadyToStartContainersCondition" || lockedErr.Value {
		t.Fatalf("Parse of the other value: %v, want *LockedGateError", err)
	}
	if want := "feature: cannot set feature gate PodReadyToStartContainersCondition to false, feature is locked to true"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if s := (feature.Gates{}).With(g, false); !s.Enabled(g) || !s.IsDefault() {
		t.Errorf("With turned a locked gate off: %q", s)
	}
}

func TestJSON(t *testing.T) {
	var in struct {
		Gates feature.Gates `json:"featureGates"`
	}
	if err := json.Unmarshal([]byte(`{"featureGates":"ContainerRestartRules=false"}`), &in); err != nil {
		t.Fatal(err)
	}
	if in.Gates.Enabled(feature.ContainerRestartRules) {
		t.Fatal("not decoded")
	}
	b, _ := json.Marshal(in)
	if string(b) != `{"featureGates":"ContainerRestartRules=false"}` {
		t.Fatal(string(b))
	}
	if err := json.Unmarshal([]byte(`{"featureGates":"Nope=true"}`), &in); err == nil {
		t.Fatal("an unknown gate must not decode")
	}
}

func TestEnabledAllocatesNothing(t *testing.T) {
	g := feature.MustParse("ContainerRestartRules=false")
	var sink bool
	if n := testing.AllocsPerRun(100, func() { sink = g.Enabled(feature.ContainerRestartRules) }); n != 0 || sink {
		t.Fatalf("Enabled: %v allocs", n)
	}
}

func Example() {
	var gates feature.Gates // the v1.37 defaults
	fmt.Println(gates.Enabled(feature.ContainerRestartRules))

	legacy := gates.With(feature.ContainerRestartRules, false)
	fmt.Println(legacy.Enabled(feature.ContainerRestartRules), legacy)

	fromFlag, err := feature.Parse("ReduceDefaultCrashLoopBackOffDecay=true")
	fmt.Println(fromFlag, err)
	// Output:
	// true
	// false ContainerRestartRules=false
	// ReduceDefaultCrashLoopBackOffDecay=true <nil>
}

// Parse never panics, and what it accepts prints back to text it reads
// as the same gates.
func FuzzParse(f *testing.F) {
	f.Add("ContainerRestartRules=false")
	f.Add(" ReduceDefaultCrashLoopBackOffDecay = 1 ,")
	f.Add("=,=")
	f.Fuzz(func(t *testing.T, text string) {
		g, err := feature.Parse(text)
		if err != nil {
			return
		}
		again, err := feature.Parse(g.String())
		if err != nil || again != g {
			t.Fatalf("Parse(%q) = %q, which reads back as %q, %v", text, g, again, err)
		}
	})
}
