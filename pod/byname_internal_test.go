package pod

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
	"pgregory.net/rapid"
)

// Finding containers by name through maps (lists longer than byNameAbove)
// and by a scan (shorter ones) gives the same container statuses and the
// same actions, on random pods and views with names repeated, records of
// every state, previous statuses, failed starts, probe results and
// containers of an earlier sandbox.
func TestFindingByNameEitherWayAgrees(t *testing.T) {
	defer func(n int) { byNameAbove = n }(byNameAbove)
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		names := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
		name := rapid.SampledFrom(names)
		policy := rapid.SampledFrom([]restart.Policy{restart.Always, restart.OnFailure, restart.Never})
		p := &Pod{Metadata: Meta{Name: "p", Namespace: "default", UID: "u"}, Spec: Spec{RestartPolicy: policy.Draw(t, "policy")}}
		for i := range rapid.IntRange(0, 4).Draw(t, "inits") {
			c := container.Container{Name: name.Draw(t, "init"), Image: "i:1"}
			if rapid.Bool().Draw(t, "sidecar") {
				c.RestartPolicy = restart.Always.Ptr()
			}
			_ = i
			p.Spec.InitContainers = append(p.Spec.InitContainers, c)
		}
		for range rapid.IntRange(0, 24).Draw(t, "containers") {
			p.Spec.Containers = append(p.Spec.Containers, container.Container{Name: name.Draw(t, "container"), Image: "r:1"})
		}
		if rapid.Bool().Draw(t, "deleting") {
			d := t0
			p.Metadata.DeletionTimestamp = d
		}
		state := rapid.SampledFrom([]container.RuntimeState{container.RuntimeCreated, container.RuntimeRunning, container.RuntimeExited, container.RuntimeUnknown})
		v := &RuntimeView{}
		if rapid.Bool().Draw(t, "sandbox") {
			v.Sandboxes = []Sandbox{{Ready: rapid.Bool().Draw(t, "ready"), IP: "10.0.0.3"}}
		}
		for i := range rapid.IntRange(0, 40).Draw(t, "records") {
			r := container.RuntimeRecord{Name: name.Draw(t, "record"), Image: rapid.SampledFrom([]string{"i:1", "r:1", "x:2"}).Draw(t, "image"),
				ContainerID: "containerd://" + string(rune('a'+i%26)), State: state.Draw(t, "state"), Attempt: int32(rapid.IntRange(0, 3).Draw(t, "attempt")),
				CreatedAt: t0, StartedAt: t0}
			if r.State == container.RuntimeExited {
				r.ExitCode = int32(rapid.IntRange(0, 2).Draw(t, "exit"))
				r.FinishedAt = t0.Add(time.Second)
			}
			v.Records = append(v.Records, r)
		}
		for range rapid.IntRange(0, 20).Draw(t, "failed") {
			v.FailedStarts = append(v.FailedStarts, container.FailedStart{Name: name.Draw(t, "failedName"),
				Reason: rapid.SampledFrom([]container.WaitingReason{container.CrashLoopBackOff, container.ErrImagePull}).Draw(t, "reason")})
		}
		result := rapid.SampledFrom([]probe.Result{probe.NoProbe, probe.Unknown, probe.Success, probe.Failure})
		for range rapid.IntRange(0, 20).Draw(t, "probes") {
			v.Probes = append(v.Probes, ProbeResults{Name: name.Draw(t, "probeName"), Liveness: result.Draw(t, "liveness"), Startup: result.Draw(t, "startup")})
		}
		for range rapid.IntRange(0, 20).Draw(t, "earlier") {
			v.EarlierSandbox = append(v.EarlierSandbox, name.Draw(t, "earlierName"))
		}
		for _, l := range []*[]container.Status{&p.Status.InitContainerStatuses, &p.Status.ContainerStatuses} {
			for range rapid.IntRange(0, 20).Draw(t, "previous") {
				s := container.Status{Name: name.Draw(t, "previousName"), RestartCount: int32(rapid.IntRange(0, 3).Draw(t, "restarts"))}
				switch rapid.IntRange(0, 3).Draw(t, "previousState") {
				case 1:
					s.State.Running = &container.Running{StartedAt: t0}
				case 2:
					s.State.Terminated = &container.Terminated{ExitCode: 1, Reason: container.Error}
				case 3:
					s.State.Waiting = &container.Waiting{Reason: container.ContainerCreating}
				}
				*l = append(*l, s)
			}
		}
		type answer struct {
			Init, Regular []container.Status
			Actions       Actions
		}
		derive := func(above int) answer {
			byNameAbove = above
			var buf StatusBuffer
			var a answer
			a.Init = ContainerStatuses(&buf, p, &v.RuntimeStatus, container.Init, feature.Gates{})
			a.Regular = ContainerStatuses(&buf, p, &v.RuntimeStatus, container.Regular, feature.Gates{})
			ComputePodActions(p, v, feature.Gates{}, &a.Actions)
			return a
		}
		scanned, mapped := derive(1<<30), derive(0)
		if !reflect.DeepEqual(scanned, mapped) {
			t.Fatalf("by a scan:\n%+v\nthrough maps:\n%+v", scanned, mapped)
		}
	})
}

// A machine that finds its containers through a map steps as one that
// scans for them: the same outputs and the same pod at every step of a
// lifecycle with an init container, a sidecar, probes, a crash, an
// ephemeral container and a deletion.
func TestMachineFindsByNameEitherWay(t *testing.T) {
	defer func(n int) { byNameAbove = n }(byNameAbove)
	hp := func(period int32) *probe.Probe {
		return &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/", Port: probe.PortNumber(80)}, PeriodSeconds: period}
	}
	p := &Pod{Metadata: Meta{Name: "shop", Namespace: "default", UID: "uid-p"}, Spec: Spec{RestartPolicy: restart.Always,
		InitContainers: []container.Container{{Name: "setup", Image: "setup:1"}, {Name: "proxy", Image: "envoy:1", RestartPolicy: restart.Always.Ptr(), StartupProbe: hp(5)}},
		Containers:     []container.Container{{Name: "app", Image: "app:1", LivenessProbe: hp(10), ReadinessProbe: hp(5)}, {Name: "worker", Image: "worker:1"}}}}
	run := func(above int) []string {
		byNameAbove = above
		m, err := NewMachine(p, MachineOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var log []string
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
		var pending []Action
		step := func(ev Event) {
			out, err := m.Step(ev)
			b, _ := json.Marshal(struct {
				Out Output
				Pod *Pod
				Err string
			}{out, m.Pod(), fmt.Sprint(err)})
			log = append(log, string(b))
			pending = append(pending, out.Actions...)
		}
		answer := func() {
			for round := 0; round < 20 && len(pending) > 0; round++ {
				acts := pending
				pending = nil
				for _, a := range acts {
					if ev, ok := answerTo(a, now, probe.OutcomeSuccess); ok {
						if a.Kind == RunProbe {
							ev.At = a.At // at the tick it was asked for
						}
						step(ev)
					}
				}
			}
		}
		step(Event{Kind: Scheduled, At: now, Node: "node-1"})
		answer()
		for i := range 30 {
			now = now.Add(5 * time.Second)
			switch i {
			case 0:
				step(Event{Kind: ContainerExited, At: now, Container: "setup"})
			case 8:
				step(Event{Kind: ContainerExited, At: now, Container: "worker", ExitCode: 1})
			case 12:
				step(Event{Kind: EphemeralContainerAdded, At: now, Ephemeral: container.Container{Name: "debug", Image: "busybox:1"}})
			case 20:
				g := int64(10)
				step(Event{Kind: DeletionRequested, At: now, GracePeriod: &g})
			default:
				step(Event{Kind: TimePassed, At: now})
			}
			answer()
		}
		return log
	}
	scanned, mapped := run(1<<30), run(0)
	if len(scanned) != len(mapped) {
		t.Fatalf("%d steps by a scan, %d through maps", len(scanned), len(mapped))
	}
	for i := range scanned {
		if scanned[i] != mapped[i] {
			t.Fatalf("step %d:\nby a scan:    %s\nthrough maps: %s", i, scanned[i], mapped[i])
		}
	}
	if len(scanned) < 60 {
		t.Fatalf("only %d steps: the lifecycle did not run", len(scanned))
	}
}
