package sim_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/internal/golden"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
	"github.com/podlife/podlife/sim"
)

// lifePod is a web pod with the parts a pod's life shows: an init
// container that migrates a database, a proxy sidecar, and an app with a
// readiness and a liveness probe and a preStop hook.
func lifePod() *pod.Pod {
	always := restart.Always
	exec := func(cmd string) *probe.ExecAction { return &probe.ExecAction{Command: []string{cmd}} }
	return &pod.Pod{
		Metadata: pod.Meta{Name: "web", Namespace: "default", Labels: map[string]string{"app": "web"}},
		Spec: pod.Spec{RestartPolicy: restart.Always,
			InitContainers: []container.Container{
				{Name: "migrate", Image: "migrate:1"},
				{Name: "proxy", Image: "proxy:1", RestartPolicy: &always},
			},
			Containers: []container.Container{{Name: "app", Image: "app:1",
				ReadinessProbe: &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/ready", Port: probe.PortNumber(8080)}, PeriodSeconds: 5},
				LivenessProbe:  &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/live", Port: probe.PortNumber(8080)}, PeriodSeconds: 10, InitialDelaySeconds: 5},
				Lifecycle:      &container.Lifecycle{PreStop: &container.Handler{Exec: exec("drain")}},
			}},
		},
	}
}

// lifeScript: the migration takes 4 s; the app's first run stops answering
// its liveness probe after 40 s and is killed at the third failure; the
// second run crashes after 20 s and waits out a back-off; the third runs
// until the pod is deleted at 3 minutes, its preStop taking 5 s.
func lifeScript() sim.Options {
	return sim.Options{SandboxDelay: sec(1), Script: sim.Script{
		Containers: []sim.ContainerScript{
			{Container: "migrate", Pull: sim.Pull{Duration: sec(2)}, Runs: []sim.Run{{For: sec(4)}}},
			{Container: "proxy", Pull: sim.Pull{Duration: sec(1)}, StopDelay: sec(1)},
			{Container: "app", Pull: sim.Pull{Duration: sec(3)}, StartDelay: 500 * time.Millisecond,
				Runs:    []sim.Run{{Attempt: 2, For: sec(20), ExitCode: 1}, {Forever: true}},
				Probes:  []sim.ProbeAnswer{{Probe: probe.Liveness, Attempt: 1, From: sec(40), Outcome: probe.OutcomeFailure}},
				PreStop: sim.HookScript{Duration: sec(5)}, StopDelay: sec(2)},
		},
		Happenings: []sim.Happening{{At: 3 * time.Minute, Kind: sim.Delete, Pod: "web"}},
	}}
}

// lifeSim is lifeScript's run of lifePod, with a debug container added at
// 2 minutes that runs for 20 s.
func lifeSim(t *testing.T) *sim.Sim {
	t.Helper()
	s := mustSim(t, lifeScript(), lifePod())
	if err := s.AddEphemeralContainer("web", container.Container{Name: "debug", Image: "busybox:1"}, 2*time.Minute,
		sim.ContainerScript{Pull: sim.Pull{Duration: sec(1)}, Runs: []sim.Run{{For: sec(20)}}}); err != nil {
		t.Fatal(err)
	}
	return s
}

// containersGolden runs s to its end and checks its per-container view
// against testdata/name; it returns the view.
func containersGolden(t *testing.T, s *sim.Sim, name string) string {
	t.Helper()
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.WriteContainers(&b); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", name), b.String())
	return b.String()
}

func TestWriteContainersLife(t *testing.T) {
	s := lifeSim(t)
	containersGolden(t, s, "life.containers.golden")

	// pkg/kubelet/prober/worker.go doProbe: the liveness failure that
	// reaches failureThreshold is the one the kubelet kills for (here
	// through the preStop hook, which comes before SIGTERM).
	var third *sim.ContainerChange
	for i, c := range s.ContainerChanges() {
		if c.Kind == sim.ProbeCounted && c.Probe == probe.Liveness && c.Outcome == probe.OutcomeFailure && c.Count == c.Threshold {
			third = &s.ContainerChanges()[i]
			break
		}
	}
	if third == nil || third.Threshold != 3 {
		t.Fatalf("no liveness failure 3/3 recorded: %+v", third)
	}
	var kill *sim.ContainerChange
	for i, c := range s.ContainerChanges() {
		if c.Container == "app" && c.Kind == sim.HookStarted && c.Hook == pod.PreStop && !c.At.Before(third.At) {
			kill = &s.ContainerChanges()[i]
			break
		}
	}
	if kill == nil || !kill.At.Equal(third.At) {
		t.Errorf("the liveness kill's preStop at %v, want at the third failure %v", kill, third.At)
	}
}

// pkg/kubelet/prober/worker.go doProbe: the kubelet counts runs of equal
// results (a timeout is a failure, an error counts toward nothing) and
// publishes a result only when its run reaches the threshold: a
// readiness probe with successThreshold 2 and failureThreshold 2 takes the
// container out after the second failure in a row and back after the
// second success.
func TestProbeCountsTowardThreshold(t *testing.T) {
	ready := &probe.Probe{Exec: &probe.ExecAction{Command: []string{"ready"}}, PeriodSeconds: 10, SuccessThreshold: 2, FailureThreshold: 2}
	p := webPod("web", container.Container{Name: "app", Image: "app:1", ReadinessProbe: ready})
	s := mustSim(t, sim.Options{Script: sim.Script{Containers: []sim.ContainerScript{{Container: "app", Probes: []sim.ProbeAnswer{
		{From: sec(20), Until: sec(21), Outcome: probe.OutcomeFailure},
		{From: sec(30), Until: sec(31), Outcome: probe.OutcomeError},
		{From: sec(40), Until: sec(41), Outcome: probe.OutcomeTimeout},
		{From: sec(50), Until: sec(61), Outcome: probe.OutcomeFailure},
	}}}}}, p)
	if err := s.RunUntil(s.Start().Add(sec(95))); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range s.ContainerChanges() {
		if c.Container == "app" && (c.Kind == sim.ProbeCounted || c.Kind == sim.ReadyChanged) {
			got = append(got, sim.Clock(s.Start(), c.At)+" "+c.Text())
		}
	}
	want := []string{
		"0:00 readiness success 1/2",
		"0:10 readiness success 2/2",
		"0:10 ready",
		"0:20 readiness failure 1/2",
		"0:30 readiness error (thrown away, counts toward nothing)",
		"0:40 readiness timeout 2/2", // the error between broke nothing
		"0:40 not ready",
		"0:50 readiness failure, still 2/2", // counted on, changing nothing
		"1:00 readiness failure, still 2/2",
		"1:10 readiness success 1/2",
		"1:20 readiness success 2/2",
		"1:20 ready",
		"1:30 readiness success, still 2/2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("probe lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWriteSVGLife(t *testing.T) {
	s := lifeSim(t)
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("..", "docs", "timeline.svg"), b.String())
}
