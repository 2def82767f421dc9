package lesson

import (
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/internal/svgcheck"
	"github.com/podlife/podlife/sim"
)

// Run prints a lesson's parts in order, and an explanation asked for a
// pod that does not exist is an error, not an empty section.
func TestRun(t *testing.T) {
	l := &Lesson{
		Title:   "T",
		Intro:   "intro",
		Options: sim.Options{Script: sim.Script{Containers: []sim.ContainerScript{{Runs: []sim.Run{{For: 5 * time.Second}}}}}},
		Pods: []Pod{{Pod: MustPod(`{"metadata": {"name": "p", "namespace": "default"},
			"spec": {"restartPolicy": "Never", "containers": [{"name": "c", "image": "busybox:1.36"}]}}`)}},
		For:     10 * time.Second,
		Explain: []Moment{{At: 8 * time.Second, Pod: "p", Question: "why?"}},
		Notice:  "notice",
		Next:    "lifecycle",
	}
	var out strings.Builder
	if err := Run(&out, l); err != nil {
		t.Fatal(err)
	}
	text, last := out.String(), -1
	for _, part := range []string{"T\n=", "intro", "kubectl get pods -w", "Completed", "kubectl describe pod", "Each container's life", "terminated, exit code 0 (Completed)", "Why? At 0:08: why?", "phase Succeeded\n  because", "What to notice", "Next: go run ./examples/lifecycle"} {
		i := strings.Index(text[max(last, 0):], part)
		if i >= 0 {
			i += max(last, 0)
		}
		if i < 0 || i < last {
			t.Fatalf("%q missing or out of order in:\n%s", part, text)
		}
		last = i
	}
	l.Explain[0].Pod = "nobody"
	if err := Run(&out, l); err == nil || !strings.Contains(err.Error(), "nobody") {
		t.Fatalf("got %v, want an error naming the pod", err)
	}
}

func TestMustPodPanicsOnAMistake(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustPod took a pod that does not decode")
		}
	}()
	MustPod(`{"spec": {"containers": 3}}`)
}

// RunSVG draws the lesson's timeline: well-formed SVG, one row per
// container, beside the same text Run prints.
func TestRunSVGDrawsTheTimeline(t *testing.T) {
	l := &Lesson{Title: "T", Intro: "intro", For: 10 * time.Second,
		Options: sim.Options{Script: sim.Script{Containers: []sim.ContainerScript{{Runs: []sim.Run{{For: 5 * time.Second}}}}}},
		Pods: []Pod{{Pod: MustPod(`{"metadata": {"name": "p", "namespace": "default"},
			"spec": {"restartPolicy": "Never", "initContainers": [{"name": "i", "image": "busybox:1.36"}], "containers": [{"name": "c", "image": "busybox:1.36"}]}}`)}}}
	var text, plain, svg strings.Builder
	if err := RunSVG(&text, &svg, l); err != nil {
		t.Fatal(err)
	}
	if err := Run(&plain, l); err != nil {
		t.Fatal(err)
	}
	if text.String() != plain.String() {
		t.Error("RunSVG printed something else than Run")
	}
	rows := len(svgcheck.Read(t, []byte(svg.String())).Rows)
	if rows != 2 {
		t.Errorf("%d container rows, want 2", rows)
	}
}
