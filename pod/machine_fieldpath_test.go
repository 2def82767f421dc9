package pod_test

import (
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

// pkg/kubelet/container/ref.go GenerateContainerRef: the kubelet records a
// container's events (pulls, creation, start, probes, kills) on the
// container's reference, whose fieldPath names its list; the pod's own
// (Scheduled) have none.
func TestEventRecordFieldPath(t *testing.T) {
	for _, c := range []struct {
		r    pod.EventRecord
		want string
	}{
		{pod.EventRecord{}, ""},
		{pod.EventRecord{Container: "app", List: container.Regular}, "spec.containers{app}"},
		{pod.EventRecord{Container: "setup", List: container.Init}, "spec.initContainers{setup}"},
		{pod.EventRecord{Container: "proxy", List: container.Sidecar}, "spec.initContainers{proxy}"},
		{pod.EventRecord{Container: "debug", List: container.Ephemeral}, "spec.ephemeralContainers{debug}"},
	} {
		if got := c.r.FieldPath(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.r, got, c.want)
		}
	}

	m, err := pod.NewMachine(propPod(restart.Always), pod.MachineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	now := m0
	var records []pod.EventRecord
	var answer func(ev pod.Event)
	answer = func(ev pod.Event) {
		out, err := m.Step(ev)
		if err != nil {
			t.Fatalf("%s: %v", ev.Kind, err)
		}
		records = append(records, out.Records...)
		for _, a := range append([]pod.Action(nil), out.Actions...) {
			switch a.Kind {
			case pod.CreateSandbox:
				answer(pod.Event{Kind: pod.SandboxReady, At: now, IP: "10.0.0.3"})
			case pod.PullImage:
				answer(pod.Event{Kind: pod.ImagePulled, At: now, Container: a.Container})
			case pod.CreateContainer:
				answer(pod.Event{Kind: pod.ContainerCreated, At: now, Container: a.Container})
			case pod.StartContainer:
				answer(pod.Event{Kind: pod.ContainerStarted, At: now, Container: a.Container})
			case pod.RunProbe:
				answer(pod.Event{Kind: pod.ProbeResult, At: a.At, Container: a.Container, Probe: a.Probe, Outcome: probe.OutcomeSuccess})
			}
		}
	}
	answer(pod.Event{Kind: pod.Scheduled, At: now, Node: "node-1"})
	now = now.Add(time.Second)
	answer(pod.Event{Kind: pod.ContainerExited, At: now, Container: "setup"})
	want := map[string]string{"setup": "spec.initContainers{setup}", "proxy": "spec.initContainers{proxy}",
		"app": "spec.containers{app}", "worker": "spec.containers{worker}"}
	seen := map[string]bool{}
	for _, r := range records {
		if r.Reason == "Scheduled" {
			if r.FieldPath() != "" {
				t.Errorf("Scheduled has field path %q", r.FieldPath())
			}
			continue
		}
		if r.FieldPath() != want[r.Container] {
			t.Errorf("%s %q: field path %q, want %q", r.Reason, r.Message, r.FieldPath(), want[r.Container])
		}
		seen[r.Container] = true
	}
	if len(seen) != len(want) {
		t.Errorf("events for %v, want all of %v", seen, want)
	}
}
