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

func TestWriteContainersLife(t *testing.T) {
	s := mustSim(t, lifeScript(), lifePod())
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.WriteContainers(&b); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "life.containers.golden"), b.String())
	_ = strings.Contains
}

func TestWriteSVGLife(t *testing.T) {
	s := mustSim(t, lifeScript(), lifePod())
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("..", "docs", "timeline.svg"), b.String())
}
