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

	records := startPropPod(t, func(a pod.Action) pod.Event {
		return pod.Event{Kind: pod.ProbeResult, At: a.At, Container: a.Container, Probe: a.Probe, Outcome: probe.OutcomeSuccess}
	})
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

// startPropPod starts propPod's containers, answering every action (a
// probe run by probeAnswer), the init container exiting after a second,
// and returns the events recorded.
func startPropPod(t *testing.T, probeAnswer func(a pod.Action) pod.Event) []pod.EventRecord {
	t.Helper()
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
				answer(probeAnswer(a))
			}
		}
	}
	answer(pod.Event{Kind: pod.Scheduled, At: now, Node: "node-1"})
	now = now.Add(time.Second)
	answer(pod.Event{Kind: pod.ContainerExited, At: now, Container: "setup"})
	return records
}

// pkg/kubelet/prober/prober.go probe: a failed run is recorded with what
// the probe said, "<Kind> probe failed: <output>"; one that could not run
// with the error, "<Kind> probe errored and resulted in unknown state:
// <error>", its result then thrown away (worker.go doProbe).
func TestMachineUnhealthyMessages(t *testing.T) {
	records := startPropPod(t, func(a pod.Action) pod.Event {
		ev := pod.Event{Kind: pod.ProbeResult, At: a.At, Container: a.Container, Probe: a.Probe, Outcome: probe.OutcomeSuccess}
		switch {
		case a.Container == "app" && a.Probe == probe.Readiness:
			ev.Outcome, ev.Message = probe.OutcomeError, `dial tcp 10.0.0.3:80: connect: no route to host`
		case a.Container == "worker":
			ev.Outcome, ev.Message = probe.OutcomeFailure, "HTTP probe failed with statuscode: 503"
		}
		return ev
	})
	want := map[string]string{
		"app":    "Readiness probe errored and resulted in unknown state: dial tcp 10.0.0.3:80: connect: no route to host",
		"worker": "Readiness probe failed: HTTP probe failed with statuscode: 503",
	}
	for _, r := range records {
		if r.Reason == "Unhealthy" {
			if r.Type != "Warning" || r.Message != want[r.Container] {
				t.Errorf("%s %s: %q, want Warning %q", r.Container, r.Type, r.Message, want[r.Container])
			}
			delete(want, r.Container)
		}
	}
	if len(want) != 0 {
		t.Errorf("no Unhealthy event for %v", want)
	}
}

// pkg/kubelet/status/status_manager.go SetContainerReadiness: a readiness
// result reaches the status while the kubelet is inside a sync (here the
// re-pull of a crashed container), the container's ready and the pod's
// Ready condition, though the rest of the status waits for the sync.
func TestMachineReadinessWithinASync(t *testing.T) {
	ready := &probe.Probe{Exec: &probe.ExecAction{Command: []string{"true"}}, PeriodSeconds: 5, FailureThreshold: 1}
	p := &pod.Pod{Metadata: pod.Meta{Name: "p", Namespace: "default", UID: "u1"}, Spec: pod.Spec{Containers: []container.Container{
		{Name: "web", Image: "web:1", ReadinessProbe: ready},
		{Name: "batch", Image: "batch:1", ImagePullPolicy: container.PullAlways}}}}
	m, err := pod.NewMachine(p, pod.MachineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	now := m0
	webReady := probe.OutcomeSuccess
	var wake time.Time    // the machine's last wake-up
	var held []pod.Action // batch's pulls after its crash, left unanswered
	crashed := false
	var answer func(ev pod.Event)
	answer = func(ev pod.Event) {
		out, err := m.Step(ev)
		if err != nil {
			t.Fatalf("%s %s: %v", ev.Kind, ev.Container, err)
		}
		if !out.Wake.IsZero() {
			wake = out.Wake
		}
		for _, a := range append([]pod.Action(nil), out.Actions...) {
			switch a.Kind {
			case pod.CreateSandbox:
				answer(pod.Event{Kind: pod.SandboxReady, At: now, IP: "10.0.0.3"})
			case pod.PullImage:
				if crashed && a.Container == "batch" {
					held = append(held, a)
					continue
				}
				answer(pod.Event{Kind: pod.ImagePulled, At: now, Container: a.Container})
			case pod.CreateContainer:
				answer(pod.Event{Kind: pod.ContainerCreated, At: now, Container: a.Container})
			case pod.StartContainer:
				answer(pod.Event{Kind: pod.ContainerStarted, At: now, Container: a.Container})
			case pod.RunProbe:
				answer(pod.Event{Kind: pod.ProbeResult, At: a.At, Container: a.Container, Probe: a.Probe, Outcome: webReady})
			}
		}
	}
	answer(pod.Event{Kind: pod.Scheduled, At: now, Node: "node-1"})
	now = now.Add(time.Second)
	answer(pod.Event{Kind: pod.TimePassed, At: now})
	if c := m.Status().Condition(pod.Ready); c == nil || c.Status != pod.ConditionTrue || m.InSync() {
		t.Fatalf("before the crash: Ready %+v, in a sync %v", c, m.InSync())
	}
	crashed = true
	now = now.Add(time.Second)
	answer(pod.Event{Kind: pod.ContainerExited, At: now, Container: "batch", ExitCode: 1})
	if len(held) != 1 { // the status was made as this sync began; its pull is outstanding
		t.Fatalf("batch's pulls %v, want one", held)
	}
	webReady = probe.OutcomeFailure
	for i := 0; i < 3 && !wake.IsZero(); i++ { // the probe's next ticks
		now = wake
		answer(pod.Event{Kind: pod.TimePassed, At: now})
	}
	if !m.InSync() {
		t.Fatal("the pull was answered")
	}
	web := container.Find(m.Status().ContainerStatuses, "web")
	if c := m.Status().Condition(pod.Ready); web.Ready || c == nil || c.Status != pod.ConditionFalse {
		t.Errorf("within the sync: web ready %v, Ready %+v; want the failed readiness", web.Ready, c)
	}
	if b := container.Find(m.Status().ContainerStatuses, "batch"); b.State.Terminated == nil {
		t.Errorf("batch %+v; want the exit the sync began with", b.State)
	}
}
