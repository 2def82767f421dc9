package sim_test

import (
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
	"github.com/podlife/podlife/sim"
)

// A PodDriver is a Sim of one pod: stepped in time order, with the
// deletion delivered from outside, it makes the same rows and events as the
// Sim whose script deletes the pod at that time.
func TestPodDriverAgreesWithSim(t *testing.T) {
	scripts := []sim.ContainerScript{{Container: "app",
		Pull:       sim.Pull{Duration: 2 * time.Second},
		StartDelay: 500 * time.Millisecond,
		Runs:       []sim.Run{{For: 5 * time.Second, ExitCode: 1}},
		Probes:     []sim.ProbeAnswer{{Probe: "Readiness", From: 0, Until: 7 * time.Second, Outcome: "Failure"}},
		StopDelay:  3 * time.Second}}
	web := func() *pod.Pod {
		return &pod.Pod{
			Metadata: pod.Meta{Name: "web", Namespace: "default", UID: "uid-web"},
			Spec: pod.Spec{RestartPolicy: restart.Always,
				Containers: []container.Container{{Name: "app", Image: "app:1"}}},
		}
	}
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	deleteAt := 52 * time.Second

	s, err := sim.New(sim.Options{Start: start, SandboxDelay: time.Second, Script: sim.Script{Containers: scripts,
		Happenings: []sim.Happening{{At: deleteAt, Kind: sim.Delete, Pod: "web"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddPod(web(), 0); err != nil {
		t.Fatal(err)
	}
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}

	d, err := sim.NewPodDriver(web(), start, sim.DriverOptions{Containers: scripts, SandboxDelay: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	deleted := false
	for {
		next, ok := d.Next()
		if !deleted && (!ok || !next.Before(start.Add(deleteAt))) {
			deleted = true
			if err := d.Deliver(pod.Event{Kind: pod.DeletionRequested, At: start.Add(deleteAt)}); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if !ok {
			break
		}
		d.Step()
	}
	if !d.Removed() {
		t.Fatal("the driver's pod was not removed after its deletion")
	}

	want, got := s.Changes(), d.Changes()
	if len(got) != len(want) {
		t.Fatalf("the driver made %d changes, the Sim %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if !g.At.Equal(w.At) || g.Kind != w.Kind || g.Row != w.Row || g.Record != w.Record {
			t.Errorf("change %d: driver %v %v %+v %+v; Sim %v %v %+v %+v", i, g.At, g.Kind, g.Row, g.Record, w.At, w.Kind, w.Row, w.Record)
		}
	}
	if d.Machine().Status().Phase != s.Pod("web").Status.Phase {
		t.Errorf("phase %v, Sim's %v", d.Machine().Status().Phase, s.Pod("web").Status.Phase)
	}
}

// An event the machine refuses changes nothing and says why.
func TestPodDriverDeliverRefused(t *testing.T) {
	p := &pod.Pod{Metadata: pod.Meta{Name: "p", Namespace: "default"},
		Spec: pod.Spec{Containers: []container.Container{{Name: "app", Image: "app:1"}}}}
	d, err := sim.NewPodDriver(p, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), sim.DriverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := len(d.Changes())
	err = d.Deliver(pod.Event{Kind: pod.ContainerExited, Container: "nope", At: d.Now()})
	if err == nil {
		t.Fatal("the exit of an unknown container was taken")
	}
	if len(d.Changes()) != n {
		t.Errorf("a refused event recorded %d changes", len(d.Changes())-n)
	}
}
