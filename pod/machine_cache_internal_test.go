package pod

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

// The machine's caches hold only what recomputing would give: a probe's
// cached next tick is its worker's NextDue, and the actions kept for a
// view are ComputePodActions of that view. Random events, most of them
// legal, checked after every step.
func TestMachineCachesAreWhatRecomputingGives(t *testing.T) {
	hp := func(period int32) *probe.Probe {
		return &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/", Port: probe.PortNumber(80)}, PeriodSeconds: period}
	}
	p := &Pod{Metadata: Meta{Name: "web", Namespace: "default", UID: "u"}, Spec: Spec{RestartPolicy: restart.Always,
		InitContainers: []container.Container{{Name: "proxy", Image: "envoy:1", RestartPolicy: restart.Always.Ptr(), StartupProbe: hp(5)}},
		Containers:     []container.Container{{Name: "app", Image: "app:1", LivenessProbe: hp(10), ReadinessProbe: hp(3)}}}}
	start := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	for seed := range uint64(20) {
		m, err := NewMachine(p, MachineOptions{})
		if err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(seed, 3))
		now := start
		var pending []Action
		step := func(ev Event) {
			out, err := m.Step(ev)
			if err != nil {
				return
			}
			pending = append(pending, out.Actions...)
			for i := range m.ctrs {
				l := &m.ctrs[i]
				for k := range l.slot {
					ps := m.probe(l, k)
					if ps == nil {
						continue
					}
					if d := ps.due; d != 0 && d > m.now.UnixNano() {
						if due, ok := ps.w.NextDue(m.now); !ok || due.UnixNano() != d {
							t.Fatalf("seed %d, after %s: %s's cached tick %v, its worker says %v (%v)", seed, ev.Kind, l.spec.Name, time.Unix(0, d).UTC(), due, ok)
						}
					}
				}
			}
			if !m.viewStale {
				// What the next sync would act on, asked of the cache.
				m.computeActions()
				var fresh Actions
				ComputePodActions(&m.p, m.runtime(), m.gates, &fresh)
				if !sameActions(&fresh, &m.acts) {
					t.Fatalf("seed %d, after %s: kept actions %+v, recomputed %+v", seed, ev.Kind, m.acts, fresh)
				}
			}
		}
		step(Event{Kind: Scheduled, At: now, Node: "node-1"})
		for range 300 {
			now = now.Add(time.Duration(r.IntN(4000)) * time.Millisecond)
			switch {
			case len(pending) > 0 && r.IntN(4) > 0:
				a := pending[0]
				pending = pending[1:]
				o := []probe.Outcome{probe.OutcomeSuccess, probe.OutcomeFailure}[r.IntN(2)]
				if ev, ok := answerTo(a, now, o); ok {
					step(ev)
				}
			case r.IntN(6) == 0:
				// A probe answering early, off its schedule.
				step(Event{Kind: ProbeResult, At: now, Container: "app", Probe: []probe.Kind{probe.Liveness, probe.Readiness}[r.IntN(2)], Outcome: probe.OutcomeSuccess})
			case r.IntN(10) == 0:
				step(Event{Kind: ContainerExited, At: now, Container: []string{"proxy", "app"}[r.IntN(2)], ExitCode: 1})
			default:
				step(Event{Kind: TimePassed, At: now})
			}
		}
	}
}

func sameActions(a, b *Actions) bool {
	return a.KillPod == b.KillPod && a.CreateSandbox == b.CreateSandbox && a.SandboxAttempt == b.SandboxAttempt &&
		a.NextInitContainerToStart == b.NextInitContainerToStart && slices.Equal(a.ContainersToStart, b.ContainersToStart) &&
		slices.Equal(a.InitContainersToStart, b.InitContainersToStart) &&
		slices.Equal(a.EphemeralContainersToStart, b.EphemeralContainersToStart) &&
		slices.Equal(a.ContainersToKill, b.ContainersToKill) && slices.Equal(a.ContainersToReset, b.ContainersToReset)
}
