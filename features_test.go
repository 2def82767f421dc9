package podlife_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/podlife/podlife"
)

func TestFeatureGateDefaults(t *testing.T) {
	// pkg/features/kube_features.go at v1.37: the defaults podlife follows.
	want := map[podlife.Feature]bool{
		podlife.ContainerRestartRules:                true,
		podlife.RestartAllContainersOnContainerExits: true,
		podlife.PodReadyToStartContainersCondition:   true,
		podlife.NodeDeclaredFeatures:                 true,
		podlife.KubeletCrashLoopBackOffMax:           true,
		podlife.ReduceDefaultCrashLoopBackOffDecay:   false,
	}
	var zero podlife.FeatureGates
	for f, on := range want {
		if got := zero.Enabled(f); got != on {
			t.Errorf("zero FeatureGates: %s = %v, want %v", f, got, on)
		}
	}
	if len(podlife.Features()) != len(want) {
		t.Errorf("Features() = %v; the table above must list every gate", podlife.Features())
	}
	if zero != podlife.DefaultFeatureGates() {
		t.Error("DefaultFeatureGates() differs from the zero value")
	}
}

func TestFeatureGateOverrides(t *testing.T) {
	g := podlife.DefaultFeatureGates().With(podlife.ContainerRestartRules, false).With(podlife.ReduceDefaultCrashLoopBackOffDecay, true)
	if g.Enabled(podlife.ContainerRestartRules) || !g.Enabled(podlife.ReduceDefaultCrashLoopBackOffDecay) {
		t.Fatalf("overrides not applied: %s", g)
	}
	if !g.Enabled(podlife.RestartAllContainersOnContainerExits) {
		t.Error("an untouched gate lost its default")
	}
	if got, want := g.String(), "ContainerRestartRules=false,ReduceDefaultCrashLoopBackOffDecay=true"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	// Setting a gate to its default is the same set of values.
	back := g.With(podlife.ContainerRestartRules, true).With(podlife.ReduceDefaultCrashLoopBackOffDecay, false)
	if back.String() != "defaults" {
		t.Errorf("String() = %q after restoring the defaults", back.String())
	}
	if podlife.DefaultFeatureGates().Enabled("NoSuchGate") {
		t.Error("an unknown gate reads as on")
	}
}

func TestFeatureGateUnknown(t *testing.T) {
	g := podlife.DefaultFeatureGates()
	g2, err := g.Set("SidecarContainrs", true)
	var unknown *podlife.UnknownFeatureError
	if !errors.As(err, &unknown) || unknown.Feature != "SidecarContainrs" {
		t.Fatalf("Set(unknown) error = %v, want *UnknownFeatureError", err)
	}
	if g2 != g {
		t.Error("a rejected Set changed the gates")
	}
}

func ExampleFeatureGates() {
	// The zero value is Kubernetes v1.37's defaults; With overrides one gate
	// and returns a new value, so gates never leak between callers.
	var gates podlife.FeatureGates
	fmt.Println(gates.Enabled(podlife.ContainerRestartRules), gates)

	legacy := gates.With(podlife.ContainerRestartRules, false)
	fmt.Println(legacy.Enabled(podlife.ContainerRestartRules), legacy)
	// Output:
	// true defaults
	// false ContainerRestartRules=false
}
