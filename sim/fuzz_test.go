package sim_test

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/internal/svgcheck"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
	"github.com/podlife/podlife/sim"
)

// FuzzScript builds a script and a pod from the fuzzer's numbers and runs
// them: whatever the input, no panic, and either an error or a run that
// ends within its bound with every change in time order.
func FuzzScript(f *testing.F) {
	for _, seed := range []uint64{1, 2, 3, 42, 1 << 40} {
		f.Add(seed)
	}
	f.Fuzz(runScript)
}

// runScript is one case of FuzzScript.
func runScript(t *testing.T, seed uint64) { runs(t, seed) }

// runs is runScript, reporting whether the script was accepted and run.
func runs(t *testing.T, seed uint64) bool {
	{
		r := rand.New(rand.NewPCG(seed, 17))
		d := func(max int) time.Duration { return time.Duration(r.IntN(max*1000)-max*5) * time.Millisecond }
		names := []string{"init", "app", "side", "ghost", ""}
		policies := []restart.Policy{restart.Always, restart.OnFailure, restart.Never}
		pr := &probe.Probe{Exec: &probe.ExecAction{Command: []string{"true"}}, PeriodSeconds: int32(1 + r.IntN(20)), FailureThreshold: int32(1 + r.IntN(3))}
		always := restart.Always
		p := &pod.Pod{Metadata: pod.Meta{Name: "p", Namespace: "default", Labels: map[string]string{"app": "x"}},
			Spec: pod.Spec{RestartPolicy: policies[r.IntN(3)],
				InitContainers: []container.Container{{Name: "init", Image: "init:1"}, {Name: "side", Image: "side:1", RestartPolicy: &always, ReadinessProbe: pr}},
				Containers: []container.Container{{Name: "app", Image: "app:1", LivenessProbe: pr, ReadinessProbe: pr,
					Lifecycle: &container.Lifecycle{PreStop: &container.Handler{Exec: &probe.ExecAction{Command: []string{"x"}}},
						PostStart: &container.Handler{Exec: &probe.ExecAction{Command: []string{"x"}}}}}}}}
		var cs []sim.ContainerScript
		for range r.IntN(4) {
			c := sim.ContainerScript{Container: names[r.IntN(len(names))], Pull: sim.Pull{Duration: d(5), FailAttempts: []int{1 + r.IntN(3) - r.IntN(30)/29}},
				CreateDelay: d(2), StartDelay: d(2), StopDelay: d(40), IgnoreSIGTERM: r.IntN(4) == 0,
				PostStart: sim.HookScript{Duration: d(3)}, PreStop: sim.HookScript{Duration: d(40)}}
			if r.IntN(3) == 0 {
				c.PostStart.Fail = "hook failed"
			}
			for a := range r.IntN(4) {
				c.Runs = append(c.Runs, sim.Run{Attempt: a, For: d(60), ExitCode: int32(r.IntN(3)), Forever: r.IntN(5) == 0})
			}
			for range r.IntN(3) {
				c.Probes = append(c.Probes, sim.ProbeAnswer{Probe: []probe.Kind{"", probe.Liveness, probe.Readiness, "Bogus"}[r.IntN(40)/13],
					From: d(60), Until: d(120), Outcome: []probe.Outcome{probe.OutcomeFailure, probe.OutcomeTimeout, "x"}[r.IntN(40)/19]})
			}
			cs = append(cs, c)
		}
		var haps []sim.Happening
		for range r.IntN(4) {
			g := int64(r.IntN(40))
			haps = append(haps, sim.Happening{At: d(300), Kind: sim.HappeningKind(r.IntN(50) / 10), Pod: []string{"p", "default/p", "q"}[r.IntN(3)],
				Node: []string{"node-1", "", "node-9"}[r.IntN(3)], Grace: &g})
		}
		s, err := sim.New(sim.Options{Seed: seed, Jitter: float64(r.IntN(2)) * 0.3, SandboxDelay: d(2), MaxEvents: 5000,
			Script: sim.Script{Containers: cs, Happenings: haps}})
		if err != nil {
			return false
		}
		if err := s.AddPod(p, d(10)); err != nil {
			return false
		}
		for i := 0; i < 10; i++ {
			if err := s.RunUntil(s.Start().Add(10 * time.Minute)); err == nil {
				break
			}
		}
		var last time.Time
		for _, c := range s.Changes() {
			if c.At.Before(last) {
				t.Fatalf("change at %v after one at %v", c.At, last)
			}
			last = c.At
		}
		last = time.Time{}
		for _, c := range s.ContainerChanges() {
			if c.At.Before(last) {
				t.Fatalf("container change at %v after one at %v", c.At, last)
			}
			last = c.At
		}
		var pic bytes.Buffer
		if err := s.WriteContainers(io.Discard); err != nil {
			t.Fatal(err)
		}
		if err := s.WriteSVG(&pic); err != nil {
			t.Fatal(err)
		}
		svgcheck.Read(t, pic.Bytes())
	}
	return true
}

// Three hundred cases of FuzzScript on every test run.
func TestScriptsNeverPanic(t *testing.T) {
	n := uint64(300)
	if testing.Short() {
		n = 30
	}
	ran := 0
	for seed := range n {
		if runs(t, seed) {
			ran++
		}
	}
	t.Logf("%d of %d scripts accepted", ran, n)
	if ran < int(n)/4 {
		t.Errorf("only %d of %d scripts were accepted: the cases test little", ran, n)
	}
}
