package explain_test

import (
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/explain"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/pod"
)

// A pod.Machine explained at each moment of its life concludes what the
// machine reports: its phase and its kubectl STATUS.
func TestExplainAMachine(t *testing.T) {
	p := &pod.Pod{Metadata: pod.Meta{Name: "job-pod", Namespace: "default", UID: "u1"},
		Spec: pod.Spec{RestartPolicy: "Never", Containers: []container.Container{{Name: "task", Image: "busybox:1.36"}}}}
	m, err := pod.NewMachine(p, pod.MachineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	events := []pod.Event{
		{Kind: pod.Scheduled, At: t0, Node: "node-1"},
		{Kind: pod.SandboxReady, At: t0.Add(time.Second), IP: "10.0.0.7"},
		{Kind: pod.ImagePulled, At: t0.Add(2 * time.Second), Container: "task"},
		{Kind: pod.ContainerCreated, At: t0.Add(2 * time.Second), Container: "task"},
		{Kind: pod.ContainerStarted, At: t0.Add(2 * time.Second), Container: "task"},
		{Kind: pod.ContainerExited, At: t0.Add(12 * time.Second), Container: "task", ExitCode: 0},
	}
	var rules []string
	for _, ev := range events {
		if _, err := m.Step(ev); err != nil {
			t.Fatalf("%s: %v", ev.Kind, err)
		}
		e := explain.Pod(m.Pod(), m.NodeFacts(), feature.Gates{}, m.Now())
		if e.Phase.Phase != m.Status().Phase && !e.PhaseKept() {
			t.Errorf("after %s: explained %s, the machine says %s", ev.Kind, e.Phase.Phase, m.Status().Phase)
		}
		var text strings.Builder
		if err := e.WriteText(&text); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text.String(), "STATUS "+string(e.Row.Status)) {
			t.Errorf("after %s: the text does not give the STATUS %s:\n%s", ev.Kind, e.Row.Status, text.String())
		}
		rules = append(rules, e.Phase.Rule.Text())
	}
	if last := rules[len(rules)-1]; !strings.Contains(last, "Succeeded") {
		t.Errorf("the finished pod is explained by %q", last)
	}
}

// A pod no kubelet has seen says so, and claims no kubelet condition.
func TestExplainNotBound(t *testing.T) {
	p := &pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default"},
		Spec: pod.Spec{Containers: []container.Container{{Name: "app", Image: "nginx"}}}}
	e := explain.Pod(p, pod.NodeFacts{}, feature.Gates{}, time.Time{})
	var text strings.Builder
	_ = e.WriteText(&text)
	if e.Bound || e.Conditions != nil || !strings.Contains(text.String(), pod.NotBound) || strings.Contains(text.String(), "PodScheduled True") {
		t.Errorf("an unbound pod explained as bound:\n%s", text.String())
	}
}

// A node lost: the machine's status says Ready False (the node lifecycle
// controller's MarkPodsNotReady), while the kubelet would generate True
// from the containers: the explanation says both, and who wrote which.
func TestExplainReadyMarkedFalseByTheNodeController(t *testing.T) {
	p := &pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default", UID: "u1"},
		Spec: pod.Spec{Containers: []container.Container{{Name: "app", Image: "nginx:1.27"}}}}
	m, err := pod.NewMachine(p, pod.MachineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, ev := range []pod.Event{
		{Kind: pod.Scheduled, At: t0, Node: "node-1"},
		{Kind: pod.SandboxReady, At: t0, IP: "10.0.0.1"},
		{Kind: pod.ImagePulled, At: t0, Container: "app"},
		{Kind: pod.ContainerCreated, At: t0, Container: "app"},
		{Kind: pod.ContainerStarted, At: t0, Container: "app"},
		{Kind: pod.NodeLost, At: t0.Add(time.Minute)},
	} {
		if _, err := m.Step(ev); err != nil {
			t.Fatalf("%s: %v", ev.Kind, err)
		}
	}
	if c := m.Status().Condition(pod.Ready); c == nil || c.Status != pod.ConditionFalse || c.Reason != "" {
		t.Fatalf("Ready %+v, want False with the reason the kubelet left (none)", c)
	}
	e := explain.Pod(m.Pod(), m.NodeFacts(), feature.Gates{}, m.Now())
	if len(e.Stored) != 1 || e.Stored[0].Type != pod.Ready || e.Stored[0].Status != pod.ConditionFalse {
		t.Fatalf("Stored %+v, want the Ready False the node controller wrote", e.Stored)
	}
	var b strings.Builder
	if err := e.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "MarkPodsNotReady") {
		t.Errorf("the text does not say who wrote Ready False:\n%s", b.String())
	}
}
