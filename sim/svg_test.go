package sim_test

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/internal/golden"
	"github.com/podlife/podlife/internal/svgcheck"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/sim"
)

// hookPods are two pods whose hooks fail and whose containers ignore
// SIGTERM: a postStart hook that fails with a message full of characters
// XML must escape, and a preStop the grace cuts.
func hookSim(t *testing.T) *sim.Sim {
	t.Helper()
	hook := &container.Handler{Exec: &probe.ExecAction{Command: []string{"hook"}}}
	a := webPod("hooks", container.Container{Name: "app", Image: "app:1", Lifecycle: &container.Lifecycle{PostStart: hook}})
	b := webPod("stubborn", container.Container{Name: "app", Image: "app:1", Lifecycle: &container.Lifecycle{PreStop: hook}},
		container.Container{Name: "logger", Image: "logger:1"})
	return mustSim(t, sim.Options{SandboxDelay: sec(1), Script: sim.Script{
		Containers: []sim.ContainerScript{
			{Pod: "hooks", Container: "app", PostStart: sim.HookScript{Duration: sec(2), Fail: `exec "hook": exit 3 <stderr: a & b>`}},
			{Pod: "stubborn", Container: "app", PreStop: sim.HookScript{Duration: sec(60)}},
			{Pod: "stubborn", Container: "logger", IgnoreSIGTERM: true},
		},
		Happenings: []sim.Happening{
			{At: sec(50), Kind: sim.Delete, Pod: "hooks", Grace: i64(5)},
			{At: sec(20), Kind: sim.Delete, Pod: "stubborn", Grace: i64(10)},
		},
	}}, a, b)
}

func TestWriteContainersHooksAndSignals(t *testing.T) {
	view := containersGolden(t, hookSim(t), "hooks.containers.golden")
	for _, want := range []string{"postStart hook failed after 2s", "preStop hook cut at the grace, after 10s", "SIGKILL (the grace ran out)", "terminated, exit code 137 (Error)"} {
		if !strings.Contains(view, want) {
			t.Errorf("no %q in the view", want)
		}
	}
}

// kuberuntime_container.go startContainer and executePreStopHook: a
// failed hook's event leaves the hook's message out ("so that secrets
// won't leak"), and the kill after a failed postStart says why.
func TestHookFailureEvents(t *testing.T) {
	s := hookSim(t)
	if err := s.RunUntil(s.Start().Add(40 * time.Second)); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"FailedPostStartHook": "PostStartHook failed", "Killing": "FailedPostStartHook"}
	for _, e := range s.PodEvents("default/hooks") {
		if w, ok := want[e.Reason]; ok {
			if e.Message != w || e.FieldPath != "spec.containers{app}" {
				t.Errorf("%s: %q on %q, want %q on spec.containers{app}", e.Reason, e.Message, e.FieldPath, w)
			}
			delete(want, e.Reason)
		}
	}
	if len(want) != 0 {
		t.Errorf("no events %v", want)
	}
	for _, e := range s.PodEvents("default/stubborn") {
		if e.Reason == "FailedPreStopHook" {
			t.Errorf("a preStop cut at the grace did not fail: %+v", e)
		}
	}
}

// svgRows decodes doc as XML and returns the data-container of every
// <g class="row">, and the text of every <title>.
func svgRows(t *testing.T, doc []byte) (rows, titles []string, pods int) {
	t.Helper()
	p := svgcheck.Read(t, doc)
	return p.Rows, p.Titles, p.Pods
}

func TestWriteSVGIsWellFormedWithOneRowPerContainer(t *testing.T) {
	life := lifeSim(t)
	if err := life.Run(); err != nil {
		t.Fatal(err)
	}
	hooks := hookSim(t)
	if err := hooks.Run(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		s     *sim.Sim
		o     sim.SVGOptions
		rows  []string
		pods  int
		title string // a tooltip that must decode to this text
	}{
		{"life", life, sim.SVGOptions{}, []string{"default/web migrate init", "default/web proxy sidecar", "default/web app regular", "default/web debug ephemeral"}, 1,
			"1:11.500 liveness failure 3/3"},
		{"two pods", hooks, sim.SVGOptions{}, []string{"default/hooks app regular", "default/stubborn app regular", "default/stubborn logger regular"}, 2,
			`0:01 postStart hook failed after 2s: exec "hook": exit 3 <stderr: a & b>`},
		{"one of two, narrow", hooks, sim.SVGOptions{Pods: []string{"stubborn"}, Width: 400}, []string{"default/stubborn app regular", "default/stubborn logger regular"}, 1,
			"0:30 SIGKILL (the grace ran out)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.s.WriteSVGWith(&b, tc.o); err != nil {
				t.Fatal(err)
			}
			rows, titles, pods := svgRows(t, b.Bytes())
			if strings.Join(rows, "\n") != strings.Join(tc.rows, "\n") || pods != tc.pods {
				t.Errorf("rows %q in %d pod groups, want %q in %d", rows, pods, tc.rows, tc.pods)
			}
			found := false
			for _, ti := range titles {
				found = found || ti == tc.title
			}
			if !found {
				t.Errorf("no tooltip %q among %q", tc.title, titles)
			}
			var again bytes.Buffer
			if err := tc.s.WriteSVGWith(&again, tc.o); err != nil || !bytes.Equal(again.Bytes(), b.Bytes()) {
				t.Errorf("a second picture of the same run differs (err %v)", err)
			}
		})
	}
}

func TestWriteSVGStableAcrossRuns(t *testing.T) {
	pic := func() string {
		s := hookSim(t)
		if err := s.Run(); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := s.WriteSVG(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	first := pic()
	golden.Check(t, filepath.Join("testdata", "hooks.svg.golden"), first)
	if pic() != first {
		t.Error("two runs of the same script draw different pictures")
	}
}

func TestWriteSVGRefusesWhatItCannotDraw(t *testing.T) {
	s := hookSim(t)
	if err := s.RunUntil(s.Start().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	for _, o := range []sim.SVGOptions{{Pods: []string{"nope"}}, {Width: 100}} {
		if err := s.WriteSVGWith(io.Discard, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

// With NoTimeline the Sim keeps no container changes: the view is only
// the pod headings.
func TestNoTimelineKeepsNoContainerChanges(t *testing.T) {
	o := lifeScript()
	o.NoTimeline = true
	s := mustSim(t, o, lifePod())
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	if n := len(s.ContainerChanges()); n != 0 {
		t.Errorf("%d container changes kept with NoTimeline", n)
	}
}
