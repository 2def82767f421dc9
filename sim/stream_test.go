package sim_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/sim"
)

// A run fed as it goes: a pod and its deletion added while the Sim runs
// live the same life as the same pod and deletion scripted up front.
func TestAddHappeningWhileRunningMatchesTheScript(t *testing.T) {
	scripted := mustSim(t, sim.Options{SandboxDelay: sec(1), Script: sim.Script{
		Happenings: []sim.Happening{{At: sec(40), Kind: sim.Delete, Pod: "web"}}}})
	if err := scripted.AddPod(webPod("web"), sec(10)); err != nil {
		t.Fatal(err)
	}
	streamed := mustSim(t, sim.Options{SandboxDelay: sec(1)})
	if err := streamed.RunUntil(streamed.Start().Add(sec(5))); err != nil {
		t.Fatal(err)
	}
	if err := streamed.AddPod(webPod("web"), sec(10)); err != nil {
		t.Fatal(err)
	}
	if err := streamed.AddHappening(sim.Happening{At: sec(40), Kind: sim.Delete, Pod: "web"}); err != nil {
		t.Fatal(err)
	}
	a, _, _ := timelines(t, scripted, time.Minute)
	b, _, _ := timelines(t, streamed, time.Minute)
	if a != b || !strings.Contains(a, "pod removed") {
		t.Errorf("streamed run:\n%s\nscripted run:\n%s", b, a)
	}
}

func TestAddHappeningAndAddPodRefuseThePastAndBadHappenings(t *testing.T) {
	s := mustSim(t, sim.Options{}, webPod("web"))
	if err := s.RunUntil(s.Start().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		err   error
		field string
	}{
		{s.AddHappening(sim.Happening{At: sec(30), Kind: sim.Delete, Pod: "web"}), "AddHappening.At"},
		{s.AddHappening(sim.Happening{At: 2 * time.Minute, Kind: sim.Delete}), "AddHappening.Pod"},
		{s.AddHappening(sim.Happening{At: 2 * time.Minute, Kind: 99, Pod: "web"}), "AddHappening.Kind"},
		{s.AddPod(webPod("late"), sec(59)), "AddPod.at"},
	} {
		var se *sim.ScriptError
		if !errors.As(tc.err, &se) || se.Field != tc.field {
			t.Errorf("error %v, want a *ScriptError at %s", tc.err, tc.field)
		}
	}
}

// Options.ForgetRemoved: a removed pod is gone from the Sim (Pod, the
// views), its name is free for a new pod, and a happening's slot is
// reused, so a long stream of pods keeps no memory per pod gone.
func TestForgetRemoved(t *testing.T) {
	s := mustSim(t, sim.Options{SandboxDelay: sec(1), ForgetRemoved: true})
	for round := range 3 {
		at := time.Duration(round) * time.Minute
		if err := s.AddPod(webPod("web-0"), at); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if err := s.AddHappening(sim.Happening{At: at + sec(20), Kind: sim.Delete, Pod: "web-0"}); err != nil {
			t.Fatal(err)
		}
		if err := s.RunUntil(s.Start().Add(at + sec(10))); err != nil {
			t.Fatal(err)
		}
		if s.Pod("web-0") == nil {
			t.Fatalf("round %d: the live pod is not found", round)
		}
		if err := s.RunUntil(s.Start().Add(at + time.Minute - time.Second)); err != nil {
			t.Fatal(err)
		}
		if s.Pod("web-0") != nil {
			t.Fatalf("round %d: the removed pod is still found", round)
		}
	}
	if st := s.Stats(); st.Pods != 3 || st.Removed != 3 {
		t.Errorf("stats %+v, want 3 pods created and removed", st)
	}
	var w, c bytes.Buffer
	if err := s.WriteContainers(&c); err != nil || c.Len() != 0 {
		t.Errorf("the container view of forgotten pods: %q (err %v)", c.String(), err)
	}
	if err := s.WriteWatch(&w); err != nil || strings.Count(w.String(), "pod removed") != 3 {
		t.Errorf("the watch keeps the changes recorded: %q (err %v)", w.String(), err)
	}
}

// kubectl debug: an ephemeral container joins a running pod, runs once,
// and gets its own row in the views; a name the pod has already is
// refused when its time comes, an unknown pod or a past time at once.
func TestAddEphemeralContainer(t *testing.T) {
	s := mustSim(t, sim.Options{}, webPod("web"))
	debug := container.Container{Name: "debug", Image: "busybox:1"}
	if err := s.AddEphemeralContainer("web", debug, sec(10), sim.ContainerScript{Runs: []sim.Run{{For: sec(5), ExitCode: 2}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddEphemeralContainer("web", container.Container{Name: "app", Image: "busybox:1"}, sec(30), sim.ContainerScript{}); err != nil {
		t.Fatal(err)
	}
	if err := s.RunUntil(s.Start().Add(sec(29))); err != nil {
		t.Fatal(err)
	}
	st := container.Find(s.Pod("web").Status.EphemeralContainerStatuses, "debug")
	if st == nil || st.State.Terminated == nil || st.State.Terminated.ExitCode != 2 || st.RestartCount != 0 {
		t.Fatalf("debug container status %+v, want terminated with exit 2 and never restarted", st)
	}
	var se *sim.ScriptError
	if err := s.RunUntil(s.Start().Add(sec(31))); !errors.As(err, &se) || !strings.Contains(se.Problem, "refused") {
		t.Errorf("a second container named app: %v, want a *ScriptError saying it was refused", err)
	}
	if err := s.AddEphemeralContainer("nope", debug, time.Minute, sim.ContainerScript{}); !errors.As(err, &se) {
		t.Errorf("unknown pod: %v", err)
	}
	if err := s.AddEphemeralContainer("web", debug, sec(1), sim.ContainerScript{}); !errors.As(err, &se) || se.Field != "AddEphemeralContainer.at" {
		t.Errorf("a time past: %v", err)
	}
	if err := s.AddEphemeralContainer("web", debug, time.Minute, sim.ContainerScript{StopDelay: -1}); !errors.As(err, &se) || se.Field != "AddEphemeralContainer.how.StopDelay" {
		t.Errorf("a bad behaviour: %v", err)
	}
	var b bytes.Buffer
	if err := s.WriteContainers(&b); err != nil || !strings.Contains(b.String(), "ephemeral container debug:") {
		t.Errorf("no row for the debug container: %q (err %v)", b.String(), err)
	}
}
