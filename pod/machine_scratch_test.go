package pod_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

// Machines that share a Scratch, stepped in any interleaving, answer,
// report and show the runtime view exactly as machines with their own
// buffers do: a Scratch only moves memory.
func TestMachinesSharingAScratch(t *testing.T) {
	var sc pod.Scratch
	type pair struct {
		shared, own *pod.Machine
		pending     []pod.Action
		now         time.Time
	}
	var ps []*pair
	for _, policy := range []restart.Policy{restart.Always, restart.OnFailure, restart.Never} {
		shared, err := pod.NewMachine(propPod(policy), pod.MachineOptions{Scratch: &sc})
		if err != nil {
			t.Fatal(err)
		}
		own, _ := pod.NewMachine(propPod(policy), pod.MachineOptions{})
		ps = append(ps, &pair{shared: shared, own: own, now: m0})
	}
	step := func(p *pair, ev pod.Event) {
		t.Helper()
		got, err := p.shared.Step(ev)
		want, err2 := p.own.Step(ev)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("%s: %v with a Scratch, %v without", ev.Kind, err, err2)
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		gp, _ := json.Marshal(p.shared.Pod())
		wp, _ := json.Marshal(p.own.Pod())
		if string(g) != string(w) || string(gp) != string(wp) {
			t.Fatalf("%s %s: with a Scratch\n%s\n%s\nwithout\n%s\n%s", ev.Kind, ev.Container, g, gp, w, wp)
		}
		if d := cmp.Diff(p.own.Runtime(), p.shared.Runtime(), cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("%s %s: runtime view with a Scratch (+) and without (-):\n%s", ev.Kind, ev.Container, d)
		}
		p.pending = append(p.pending, got.Actions...)
	}
	for _, p := range ps {
		step(p, pod.Event{Kind: pod.Scheduled, At: m0, Node: "node-1"})
	}
	r := rand.New(rand.NewPCG(7, 11))
	for round := range 600 {
		p := ps[r.IntN(len(ps))]
		var ev pod.Event
		switch {
		case round == 500:
			g := int64(5)
			ev = pod.Event{Kind: pod.DeletionRequested, At: p.now, GracePeriod: &g}
		case len(p.pending) > 0:
			a := p.pending[0]
			p.pending = p.pending[1:]
			switch a.Kind {
			case pod.CreateSandbox:
				ev = pod.Event{Kind: pod.SandboxReady, At: p.now, IP: "10.0.0.3"}
			case pod.PullImage:
				ev = pod.Event{Kind: pod.ImagePulled, At: p.now, Container: a.Container}
			case pod.CreateContainer:
				ev = pod.Event{Kind: pod.ContainerCreated, At: p.now, Container: a.Container}
			case pod.StartContainer:
				ev = pod.Event{Kind: pod.ContainerStarted, At: p.now, Container: a.Container}
			case pod.RunProbe:
				o := probe.OutcomeSuccess
				if r.IntN(4) == 0 {
					o = probe.OutcomeFailure
				}
				ev = pod.Event{Kind: pod.ProbeResult, At: a.At, Container: a.Container, Probe: a.Probe, Outcome: o}
			case pod.RunHook:
				ev = pod.Event{Kind: pod.HookFinished, At: p.now, Container: a.Container, Hook: a.Hook}
			case pod.KillContainer:
				ev = pod.Event{Kind: pod.ContainerExited, At: p.now, Container: a.Container, ExitCode: 143, Signal: 15}
			default:
				continue
			}
		case r.IntN(5) == 0:
			ev = pod.Event{Kind: pod.ContainerExited, At: p.now, Container: []string{"setup", "app", "worker"}[r.IntN(3)], ExitCode: int32(r.IntN(2))}
		default:
			p.now = p.now.Add(time.Duration(1+r.IntN(10)) * time.Second)
			ev = pod.Event{Kind: pod.TimePassed, At: p.now}
		}
		if ev.At.After(p.now) {
			p.now = ev.At
		}
		ev.At = p.now
		step(p, ev)
	}
}
