// Package feature holds Kubernetes feature gates as one small value, passed
// explicitly to every function whose answer a gate changes; there is no
// global.
//
//	var gates feature.Gates                       // zero value: the v1.37 defaults
//	gates = gates.With(feature.ContainerRestartRules, false)
//	gates, err := feature.Parse("ReduceDefaultCrashLoopBackOffDecay=true")
//	if gates.Enabled(feature.ContainerRestartRules) { ... }
//
// Only gates that change an answer podlife gives are listed; the tests show
// each one at work. A gate v1.37 locks to its default (Gate.Locked) is
// listed too, so that --feature-gates text naming it is read as the kubelet
// reads it: its default accepted, the other value refused. It is a leaf: it
// imports nothing of podlife, so every layer can take Gates.
package feature

import (
	"strconv"
	"strings"
)

// Gate is one Kubernetes feature gate podlife models. Its String is the
// upstream name, as written in --feature-gates and in
// pkg/features/kube_features.go. A Gate is a small number rather than the
// name itself so that Gates.Enabled is a bit test.
type Gate uint8

// The feature gates that change podlife's answers.
const (
	// ContainerRestartRules lets a regular or init container set its own
	// restartPolicy and exit-code restartPolicyRules (KEP-5307). Beta, on
	// in v1.37. Read by restart decisions and by validation.
	ContainerRestartRules Gate = iota
	// RestartAllContainersOnContainerExits adds the RestartAllContainers
	// rule action, which restarts every container of a pod in place
	// (KEP-5532). Beta, on in v1.37. Read by restart decisions and by
	// validation.
	RestartAllContainersOnContainerExits
	// PodReadyToStartContainersCondition makes the kubelet report the
	// PodReadyToStartContainers condition. GA in v1.37 and locked on: the
	// kubelet refuses to start with it off, so Parse refuses it and With
	// keeps it on (see Locked).
	PodReadyToStartContainersCondition
	// KubeletCrashLoopBackOffMax lets the kubelet configuration field
	// crashLoopBackOff.maxContainerRestartPeriod lower the crash-loop
	// back-off cap. Beta, on in v1.37.
	KubeletCrashLoopBackOffMax
	// ReduceDefaultCrashLoopBackOffDecay starts the crash-loop back-off at
	// 1 s instead of 10 s (KEP-4603). Alpha, off in v1.37.
	ReduceDefaultCrashLoopBackOffDecay

	numGates // keep last
)

var gateNames = [numGates]string{
	ContainerRestartRules:                "ContainerRestartRules",
	RestartAllContainersOnContainerExits: "RestartAllContainersOnContainerExits",
	PodReadyToStartContainersCondition:   "PodReadyToStartContainersCondition",
	KubeletCrashLoopBackOffMax:           "KubeletCrashLoopBackOffMax",
	ReduceDefaultCrashLoopBackOffDecay:   "ReduceDefaultCrashLoopBackOffDecay",
}

// defaults has bit g set when gate g is on in v1.37
// (pkg/features/kube_features.go).
const defaults uint32 = 1<<ContainerRestartRules |
	1<<RestartAllContainersOnContainerExits |
	1<<PodReadyToStartContainersCondition |
	1<<KubeletCrashLoopBackOffMax

// String returns the upstream name of g, or "Gate(N)" for a number that
// names no gate.
func (g Gate) String() string {
	if g < numGates {
		return gateNames[g]
	}
	return "Gate(" + strconv.Itoa(int(g)) + ")"
}

// Default reports whether g is on in Kubernetes v1.37.
func (g Gate) Default() bool { return g < numGates && defaults&(1<<g) != 0 }

// locked has bit g set when gate g is locked to its default in v1.37
// (LockToDefault in pkg/features/kube_features.go): a GA gate awaiting its
// removal, which no component lets anyone set otherwise.
const locked uint32 = 1 << PodReadyToStartContainersCondition

// Locked reports whether g is locked to its default in Kubernetes v1.37:
// --feature-gates may name it only with its default value
// (k8s.io/component-base/featuregate feature_gate.go Set refuses the
// other), so Parse returns a *LockedGateError and With leaves it alone.
func (g Gate) Locked() bool { return g < numGates && locked&(1<<g) != 0 }

// All returns every gate podlife models, in declaration order.
func All() []Gate {
	out := make([]Gate, numGates)
	for i := range out {
		out[i] = Gate(i)
	}
	return out
}

// Lookup returns the gate named name (the upstream spelling, exactly).
func Lookup(name string) (Gate, bool) {
	for i, n := range gateNames {
		if n == name {
			return Gate(i), true
		}
	}
	return 0, false
}

// Gates is a set of feature-gate values. Its zero value is the Kubernetes
// v1.37 default set; With overrides one gate. It is a small comparable
// value: pass it by value.
type Gates struct {
	flip uint32 // bit g: gate g differs from its v1.37 default
}

// Enabled reports whether gate g is on.
func (s Gates) Enabled(g Gate) bool { return (defaults^s.flip)&(1<<g) != 0 }

// With returns a copy of s with gate g set to on. A gate locked to its
// default (Gate.Locked) keeps it, as it does in every v1.37 component;
// Parse reports the attempt as an error.
func (s Gates) With(g Gate, on bool) Gates {
	if g >= numGates || g.Locked() {
		return s
	}
	if on == g.Default() {
		s.flip &^= 1 << g
	} else {
		s.flip |= 1 << g
	}
	return s
}

// IsDefault reports whether every gate has its v1.37 default.
func (s Gates) IsDefault() bool { return s.flip == 0 }

// String lists the gates that differ from the v1.37 defaults in
// --feature-gates syntax, sorted by name ("A=true,B=false"), or "" for the
// defaults. Parse reads it back.
func (s Gates) String() string {
	b, _ := s.AppendText(nil)
	return string(b)
}

// AppendText appends String's text to b (encoding.TextAppender).
func (s Gates) AppendText(b []byte) ([]byte, error) {
	first := true
	for _, g := range sortedByName {
		if s.flip&(1<<g) == 0 {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, gateNames[g]...)
		b = append(b, '=')
		b = strconv.AppendBool(b, s.Enabled(g))
	}
	return b, nil
}

// MarshalText encodes s as String does, so Gates is a JSON string in
// scripts and vector files.
func (s Gates) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// UnmarshalText decodes what MarshalText wrote, or any text Parse accepts.
func (s *Gates) UnmarshalText(b []byte) error {
	g, err := Parse(string(b))
	if err != nil {
		return err
	}
	*s = g
	return nil
}

// sortedByName lists the gates in the order String writes them.
var sortedByName = [numGates]Gate{
	ContainerRestartRules,
	KubeletCrashLoopBackOffMax,
	PodReadyToStartContainersCondition,
	ReduceDefaultCrashLoopBackOffDecay,
	RestartAllContainersOnContainerExits,
}

// Parse reads gate overrides in the kubelet's --feature-gates syntax:
// "Name=true,Other=false", spaces around items allowed, "" for the
// defaults. Values are parsed like strconv.ParseBool. An unknown name is an
// *UnknownGateError (a gate podlife does not model would change answers
// podlife cannot give); a locked gate given the value it is not locked to
// is a *LockedGateError, as the kubelet refuses it; a malformed item is a
// *SyntaxError.
func Parse(text string) (Gates, error) {
	var s Gates
	for item := range strings.SplitSeq(text, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, val, ok := strings.Cut(item, "=")
		name, val = strings.TrimSpace(name), strings.TrimSpace(val)
		if !ok || name == "" {
			return Gates{}, &SyntaxError{Item: item, Why: `want "Name=true" or "Name=false"`}
		}
		on, err := strconv.ParseBool(val)
		if err != nil {
			return Gates{}, &SyntaxError{Item: item, Why: "the value must be true or false"}
		}
		g, known := Lookup(name)
		if !known {
			return Gates{}, &UnknownGateError{Name: name}
		}
		if g.Locked() && on != g.Default() {
			return Gates{}, &LockedGateError{Name: name, Value: on}
		}
		s = s.With(g, on)
	}
	return s, nil
}

// MustParse is Parse for tests and examples: it panics on an error.
func MustParse(text string) Gates {
	s, err := Parse(text)
	if err != nil {
		panic(err)
	}
	return s
}

// UnknownGateError reports a feature-gate name podlife does not model.
type UnknownGateError struct {
	Name string
}

func (e *UnknownGateError) Error() string {
	names := make([]string, 0, numGates)
	for _, g := range sortedByName {
		names = append(names, gateNames[g])
	}
	return "feature: unknown gate " + strconv.Quote(e.Name) + " (podlife models " + strings.Join(names, ", ") + ")"
}

// LockedGateError reports a gate set to the value it is locked against:
// one that is GA (or deprecated) and locked to its default in v1.37.
type LockedGateError struct {
	Name  string
	Value bool // the value asked for
}

// Error says it as the kubelet does.
func (e *LockedGateError) Error() string {
	return "feature: cannot set feature gate " + e.Name + " to " + strconv.FormatBool(e.Value) +
		", feature is locked to " + strconv.FormatBool(!e.Value)
}

// SyntaxError reports an item of a --feature-gates list that is not
// "Name=bool".
type SyntaxError struct {
	Item string
	Why  string
}

func (e *SyntaxError) Error() string {
	return "feature: bad item " + strconv.Quote(e.Item) + ": " + e.Why
}
