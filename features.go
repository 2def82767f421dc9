package podlife

import (
	"sort"

	"github.com/podlife/podlife/restart"
)

// Feature names a Kubernetes feature gate that changes behaviour podlife
// models. Its value is the upstream gate name, as written in
// --feature-gates and in pkg/features/kube_features.go.
type Feature string

// The feature gates podlife knows about.
const (
	// ContainerRestartRules lets a regular or init container set its own
	// restartPolicy and exit-code restartPolicyRules (KEP-5307).
	// Beta and on by default in v1.37.
	ContainerRestartRules Feature = "ContainerRestartRules"
	// RestartAllContainersOnContainerExits adds the RestartAllContainers
	// rule action, which restarts every container of a pod in place
	// (KEP-5532). Beta and on by default in v1.37.
	RestartAllContainersOnContainerExits Feature = "RestartAllContainersOnContainerExits"
	// PodReadyToStartContainersCondition makes the kubelet report the
	// PodReadyToStartContainers condition. GA and on in v1.37.
	PodReadyToStartContainersCondition Feature = "PodReadyToStartContainersCondition"
	// NodeDeclaredFeatures lets nodes declare features to the scheduler; the
	// RestartAllContainers action depends on it. Beta and on in v1.37.
	NodeDeclaredFeatures Feature = "NodeDeclaredFeatures"
	// KubeletCrashLoopBackOffMax lets the kubelet configuration lower the
	// crash-loop back-off maximum. Beta and on in v1.37.
	KubeletCrashLoopBackOffMax Feature = "KubeletCrashLoopBackOffMax"
	// ReduceDefaultCrashLoopBackOffDecay shortens the crash-loop back-off to
	// 1 s initial and 60 s maximum (KEP-4603). Alpha and off in v1.37.
	ReduceDefaultCrashLoopBackOffDecay Feature = "ReduceDefaultCrashLoopBackOffDecay"
)

// features lists every known gate with its v1.37 default. The index of a
// gate here is its bit in FeatureGates; append only.
var features = [...]struct {
	name Feature
	on   bool
}{
	{ContainerRestartRules, true},
	{RestartAllContainersOnContainerExits, true},
	{PodReadyToStartContainersCondition, true},
	{NodeDeclaredFeatures, true},
	{KubeletCrashLoopBackOffMax, true},
	{ReduceDefaultCrashLoopBackOffDecay, false},
}

func featureIndex(f Feature) int {
	for i := range features {
		if features[i].name == f {
			return i
		}
	}
	return -1
}

// FeatureGates is a set of feature-gate values. Its zero value is the
// Kubernetes v1.37 default set; With overrides single gates. It is a small
// comparable value: pass it by value, never share it through a global.
type FeatureGates struct {
	set uint32 // bit i: gate i was overridden
	val uint32 // bit i: the override's value
}

// DefaultFeatureGates returns the Kubernetes v1.37 defaults. It equals the
// zero FeatureGates.
func DefaultFeatureGates() FeatureGates { return FeatureGates{} }

// Enabled reports whether gate f is on. A gate podlife does not know is off.
func (g FeatureGates) Enabled(f Feature) bool {
	i := featureIndex(f)
	if i < 0 {
		return false
	}
	if g.set&(1<<i) != 0 {
		return g.val&(1<<i) != 0
	}
	return features[i].on
}

// With returns a copy of g with gate f set to on. A gate podlife does not
// know is ignored (it cannot change any answer); use Set to be told.
func (g FeatureGates) With(f Feature, on bool) FeatureGates {
	g, _ = g.Set(f, on)
	return g
}

// Set is With that reports an unknown gate name as an *UnknownFeatureError,
// leaving g unchanged.
func (g FeatureGates) Set(f Feature, on bool) (FeatureGates, error) {
	i := featureIndex(f)
	if i < 0 {
		return g, &UnknownFeatureError{Feature: f}
	}
	g.set |= 1 << i
	if on {
		g.val |= 1 << i
	} else {
		g.val &^= 1 << i
	}
	return g, nil
}

// Features returns every gate podlife knows, sorted by name.
func Features() []Feature {
	out := make([]Feature, len(features))
	for i := range features {
		out[i] = features[i].name
	}
	sort.Slice(out, func(a, b int) bool { return out[a] < out[b] })
	return out
}

// String lists the gates that differ from the v1.37 defaults, in
// --feature-gates syntax ("A=true,B=false"), or "defaults".
func (g FeatureGates) String() string {
	s := ""
	for _, f := range Features() {
		i := featureIndex(f)
		if g.set&(1<<i) == 0 || g.Enabled(f) == features[i].on {
			continue
		}
		if s != "" {
			s += ","
		}
		if g.Enabled(f) {
			s += string(f) + "=true"
		} else {
			s += string(f) + "=false"
		}
	}
	if s == "" {
		return "defaults"
	}
	return s
}

// UnknownFeatureError reports a feature-gate name podlife does not model.
type UnknownFeatureError struct {
	Feature Feature
}

func (e *UnknownFeatureError) Error() string {
	return "podlife: unknown feature gate " + string(e.Feature) + " (known: see podlife.Features)"
}

// Restart returns the gates that restart decisions read, in the restart
// package's form (a leaf package cannot import this one).
func (g FeatureGates) Restart() restart.Gates {
	return restart.Gates{
		DisableContainerRestartRules: !g.Enabled(ContainerRestartRules),
		DisableRestartAllContainers:  !g.Enabled(RestartAllContainersOnContainerExits),
	}
}
