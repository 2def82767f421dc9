package phase

import (
	"testing"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/restart"
)

// Every rule has its words and its phase, and no rule outside the list
// pretends to have either.
func TestEveryRuleIsWorded(t *testing.T) {
	for r := RuleInitFailed; r <= RuleNoContainerState; r++ {
		if r.Text() == "no rule decided" || !r.Result().IsValid() {
			t.Errorf("rule %d: text %q, result %q", r, r.Text(), r.Result())
		}
	}
	for _, r := range []Rule{0, RuleNoContainerState + 1, 255} {
		if r.Text() != "no rule decided" || r.Result() != "" {
			t.Errorf("rule %d: text %q, result %q, want none", r, r.Text(), r.Result())
		}
	}
}

// Decide's branch and the phase Derive returns are the same on every
// input the rules distinguish, and each rule names the container it is
// about (the first in spec order, init containers first).
func TestDecideNamesTheRuleAndItsContainer(t *testing.T) {
	waiting := container.View{State: container.StateWaiting}
	running := container.View{State: container.StateRunning, Flags: container.Started}
	done := container.View{Kind: container.Init, State: container.StateTerminated, Flags: container.Ready}
	failedInit := container.View{Kind: container.Init, State: container.StateTerminated, ExitCode: 1}
	backOff := container.View{State: container.StateWaiting, ExitCode: 1, Flags: container.LastTerminated | container.WillRestart}
	noRestart := container.View{State: container.StateTerminated, ExitCode: 1}
	pendingSidecar := container.View{Kind: container.Sidecar, State: container.StateWaiting}
	for _, c := range []struct {
		name string
		in   Input
		rule Rule
		ref  Ref
	}{
		{"getPhase: a failed init container not to be restarted fails the pod",
			Input{Init: []container.View{done, failedInit}, Regular: []container.View{waiting}}, RuleInitFailed, Ref{Init: true, Index: 1}},
		{"getPhase: without ContainerRestartRules, a failed init container fails a Never pod",
			Input{RestartPolicy: restart.Never, Gates: feature.Gates{}.With(feature.ContainerRestartRules, false),
				Init: []container.View{failedInit}, Regular: []container.View{waiting}}, RuleInitFailedUnderNever, Ref{Init: true, Index: 0}},
		{"getPhase: an init container not done keeps the pod Pending",
			Input{Init: []container.View{done, {Kind: container.Init, State: container.StateRunning}}, Regular: []container.View{waiting}}, RuleInitPending, Ref{Init: true, Index: 1}},
		{"getPhase: a sidecar not started keeps an uninitialized pod Pending",
			Input{Init: []container.View{pendingSidecar}, Regular: []container.View{running}}, RuleSidecarPending, Ref{Init: true, Index: 0}},
		{"getPhase: a container waiting for its first start keeps the pod Pending",
			Input{Regular: []container.View{running, waiting}}, RuleContainerWaiting, Ref{Index: 1}},
		{"getPhase: a running container makes the pod Running",
			Input{Regular: []container.View{running, noRestart}}, RuleRunning, Ref{Index: -1}},
		{"getPhase: a container in back-off counts as stopped and will restart",
			Input{Regular: []container.View{backOff}}, RuleStoppedWillRestart, Ref{Index: -1}},
		{"getPhase: a terminal pod is Failed whatever will restart",
			Input{PodIsTerminal: true, Regular: []container.View{backOff}}, RuleTerminalFailed, Ref{Index: -1}},
		{"getPhase: a stopped container not to be restarted fails the pod",
			Input{Regular: []container.View{noRestart}}, RuleSomeFailed, Ref{Index: -1}},
		{"getPhase: a container without state keeps the pod Pending",
			Input{Regular: []container.View{running, {}}}, RuleUnknownState, Ref{Index: 1}},
		{"getPhase: no container at all is Pending",
			Input{}, RuleNoContainerState, Ref{Index: -1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := Decide(&c.in)
			if d.Rule != c.rule || d.About != c.ref {
				t.Errorf("rule %q about %+v, want %q about %+v", d.Rule, d.About, c.rule, c.ref)
			}
			if d.Phase != Derive(&c.in) || d.Phase != c.rule.Result() {
				t.Errorf("phase %s, Derive %s, the rule gives %s", d.Phase, Derive(&c.in), c.rule.Result())
			}
		})
	}
}
