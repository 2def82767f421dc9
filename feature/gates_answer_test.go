package feature_test

import (
	"testing"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

// Every gate this package lists changes an answer podlife gives; this test
// shows one such answer per gate (and fails when a gate is added without
// one). A locked gate changes none, since it cannot be flipped: its answer
// is shown the same either way.
func TestEveryGateChangesAnAnswer(t *testing.T) {
	restartAll := []restart.Rule{{Action: restart.ActionRestartAllContainers,
		ExitCodes: &restart.ExitCodes{Operator: restart.In, Values: []int32{42}}}}
	rulesPod := &pod.Pod{Metadata: pod.Meta{Name: "p", Namespace: "d"}, Spec: pod.Spec{RestartPolicy: restart.Never,
		Containers: []container.Container{{Name: "a", Image: "x", RestartPolicy: restart.OnFailure.Ptr()}}}}
	allPod := &pod.Pod{Metadata: pod.Meta{Name: "p", Namespace: "d"}, Spec: pod.Spec{RestartPolicy: restart.Never,
		Containers: []container.Container{{Name: "a", Image: "x", RestartPolicy: restart.Never.Ptr(), RestartPolicyRules: restartAll}}}}
	answers := map[feature.Gate]func(g feature.Gates) any{
		feature.ContainerRestartRules: func(g feature.Gates) any {
			a, _ := pod.RestartAfterExit(rulesPod, "a", 1, g) // the container's own OnFailure
			return a
		},
		feature.RestartAllContainersOnContainerExits: func(g feature.Gates) any {
			a, _ := pod.RestartAfterExit(allPod, "a", 42, g)
			return a
		},
		feature.PodReadyToStartContainersCondition: func(g feature.Gates) any {
			return len(pod.Conditions(rulesPod, phase.Pending, pod.NodeFacts{}, g))
		},
		feature.KubeletCrashLoopBackOffMax: func(g feature.Gates) any {
			l, err := restart.NewCrashLoopLimits(g, restart.KubeletConfig{})
			if err != nil {
				return err.Error()
			}
			return l.Max()
		},
		feature.ReduceDefaultCrashLoopBackOffDecay: func(g feature.Gates) any {
			l, _ := restart.NewCrashLoopLimits(g, restart.KubeletConfig{})
			return l.Initial()
		},
	}
	for _, g := range feature.All() {
		answer, ok := answers[g]
		if !ok {
			t.Errorf("gate %s: no answer it changes is shown here", g)
			continue
		}
		var defaults feature.Gates
		flipped := defaults.With(g, !g.Default())
		if g == feature.KubeletCrashLoopBackOffMax {
			// Off, the cap of the reduced back-off is 60 s; on, the
			// configured (default) 300 s wins.
			defaults = defaults.With(feature.ReduceDefaultCrashLoopBackOffDecay, true)
			flipped = defaults.With(g, false)
		}
		a, b := answer(defaults), answer(flipped)
		switch {
		case g.Locked() && a != b:
			t.Errorf("gate %s is locked, yet flipping it changes the answer from %v to %v", g, a, b)
		case !g.Locked() && a == b:
			t.Errorf("gate %s: the answer is %v either way", g, a)
		}
	}
}
