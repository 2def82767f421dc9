package pod_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/pod"
)

// Every condition rule has its words, its upstream function and the
// status it gives.
func TestEveryConditionRuleIsWorded(t *testing.T) {
	for r := pod.RuleSandboxReady; r <= pod.RuleScheduledBound; r++ {
		if r.Source() == "" || r.Status() == "" || r.Text() == "no rule generated the condition" {
			t.Errorf("rule %d: text %q, source %q, status %q", r, r.Text(), r.Source(), r.Status())
		}
	}
	if r := pod.RuleScheduledBound + 1; r.Source() != "" || r.Status() != "" {
		t.Errorf("rule %d past the last has source %q, status %q", r, r.Source(), r.Status())
	}
}

// A pod.Machine's pod explained at any moment: the conditions explained
// are those the machine reports, each with a rule that gives its status.
func TestExplainConditionsOfAMachine(t *testing.T) {
	p := &pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default", UID: "u1"},
		Spec: pod.Spec{
			InitContainers: []container.Container{{Name: "init", Image: "busybox:1.36"}},
			Containers:     []container.Container{{Name: "app", Image: "nginx:1.27"}},
		}}
	m, err := pod.NewMachine(p, pod.MachineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	check := func(when string) {
		t.Helper()
		got := pod.ExplainConditions(m.Pod(), m.Status().Phase, m.NodeFacts(), feature.Gates{})
		var kubelet []pod.Condition
		for _, c := range m.Status().Conditions {
			c.LastTransitionTime = time.Time{}
			kubelet = append(kubelet, c)
		}
		var explained []pod.Condition
		for _, w := range got {
			if w.Rule.Status() != w.Condition.Status {
				t.Errorf("%s: %s %s by a rule that gives %s", when, w.Condition.Type, w.Condition.Status, w.Rule.Status())
			}
			explained = append(explained, w.Condition)
		}
		if d := cmp.Diff(kubelet, explained); d != "" {
			t.Errorf("%s: explained conditions differ from the machine's (-machine +explained):\n%s", when, d)
		}
	}
	if _, err := m.Step(pod.Event{Kind: pod.Scheduled, At: t0, Node: "node-1"}); err != nil {
		t.Fatal(err)
	}
	check("scheduled")
	// The sync that makes the sandbox goes on with the init container's
	// pull, create and start; the next status is made once it is done.
	for _, ev := range []pod.Event{{Kind: pod.SandboxReady, IP: "10.0.0.7"}, {Kind: pod.ImagePulled, Container: "init"},
		{Kind: pod.ContainerCreated, Container: "init"}, {Kind: pod.ContainerStarted, Container: "init"}} {
		ev.At = t0.Add(time.Second)
		if _, err := m.Step(ev); err != nil {
			t.Fatal(err)
		}
	}
	if m.InSync() {
		t.Fatal("still inside the sync that started the init container")
	}
	check("init container started")
}

// pkg/kubelet/types/pod_status.go PodConditionByKubelet: DisruptionTarget
// and readiness-gate conditions are carried, the kubelet's own are not.
func TestCarriedConditions(t *testing.T) {
	p := &pod.Pod{Status: pod.Status{Conditions: []pod.Condition{
		{Type: pod.Ready, Status: pod.ConditionTrue},
		{Type: pod.DisruptionTarget, Status: pod.ConditionTrue, Reason: pod.ReasonTerminationByKubelet},
		{Type: "example.com/gate", Status: pod.ConditionFalse},
	}}}
	var got []pod.ConditionType
	for _, c := range pod.CarriedConditions(p, feature.Gates{}) {
		got = append(got, c.Type)
	}
	if d := cmp.Diff([]pod.ConditionType{pod.DisruptionTarget, "example.com/gate"}, got); d != "" {
		t.Errorf("carried (-want +got):\n%s", d)
	}
	if pod.CarriedConditions(nil, feature.Gates{}) != nil {
		t.Error("a nil pod carries conditions")
	}
}
