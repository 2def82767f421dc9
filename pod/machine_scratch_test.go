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
	type exit struct {
		name string
		code int32
	}
	var sc pod.Scratch
	type pair struct {
		shared, own *pod.Machine
		pending     []pod.Action
		now         time.Time
		exits       []exit // the exits a round may report
	}
	var ps []*pair
	add := func(mk func() *pod.Pod, exits ...exit) {
		shared, err := pod.NewMachine(mk(), pod.MachineOptions{Scratch: &sc})
		if err != nil {
			t.Fatal(err)
		}
		own, _ := pod.NewMachine(mk(), pod.MachineOptions{})
		ps = append(ps, &pair{shared: shared, own: own, now: m0, exits: exits})
	}
	for _, policy := range []restart.Policy{restart.Always, restart.OnFailure, restart.Never} {
		add(func() *pod.Pod { return propPod(policy) }, exit{"setup", 0}, exit{"setup", 1}, exit{"app", 0}, exit{"app", 1}, exit{"worker", 0}, exit{"worker", 1})
	}
	// The trainer restarts all its containers in place when train exits
	// 42: the view's PodRestarting, which a refill of the Scratch's view
	// must not read anew from another pod's status, is then true. Its
	// init container exits 0 (under Never a failure would end the pod
	// before train runs); train exits 42 most often.
	add(trainerPod, exit{"fetch", 0}, exit{"train", 42}, exit{"train", 42}, exit{"train", 1}, exit{"logger", 0})
	restartedAll := 0 // steps of a shared machine restarting all in place
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
		if c := p.shared.Status().Condition(pod.AllContainersRestarting); c != nil && c.Status == pod.ConditionTrue {
			restartedAll++
		}
	}
	for _, p := range ps {
		step(p, pod.Event{Kind: pod.Scheduled, At: m0, Node: "node-1"})
	}
	r := rand.New(rand.NewPCG(7, 11))
	for round := range 800 {
		p := ps[r.IntN(len(ps))]
		var ev pod.Event
		switch {
		case round == 650:
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
			x := p.exits[r.IntN(len(p.exits))]
			ev = pod.Event{Kind: pod.ContainerExited, At: p.now, Container: x.name, ExitCode: x.code}
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
	if restartedAll == 0 {
		t.Error("no machine restarted all its containers in place: the trainer's exits no longer reach the rule")
	}
}
