package main

import (
	"testing"
	"time"

	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/sim"
)

func TestLessonGolden(t *testing.T) { lesson.Golden(t, &theLesson) }

// pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff and
// pkg/kubelet/kubelet.go newCrashLoopBackOff: the first restart is
// immediate, then 10 s doubling up to 5 minutes, and a run of more than
// 10 minutes resets it. The restarts are read from the Sim's events.
func TestBackOffDoublesAndResets(t *testing.T) {
	s, err := theLesson.Sim()
	if err != nil {
		t.Fatal(err)
	}
	// pkg/kubelet/kubelet_pods.go getPhase: once started, the pod is
	// Running at every step, back-off or not.
	end := s.Start().Add(theLesson.For)
	for s.Now().Before(end) {
		more, err := s.Step()
		if err != nil {
			t.Fatal(err)
		}
		if p := s.Pod("worker-5d8f"); p != nil && p.Status.StartTime.Before(s.Now()) && p.Status.Phase != "Running" {
			t.Fatalf("at %s the phase is %s, want Running", sim.Clock(s.Start(), s.Now()), p.Status.Phase)
		}
		if !more {
			break
		}
	}
	var starts []time.Time
	for _, c := range s.Changes() {
		if c.Kind == sim.EventRecorded && c.Record.Reason == "Started" {
			starts = append(starts, c.Record.At)
		}
	}
	// Each run lasts 3 s but the seventh; the wait before run n+1 is the
	// gap between the end of run n and the start of run n+1.
	var waits []time.Duration
	for i := 1; i < len(starts); i++ {
		run := 3 * time.Second
		if i == 7 {
			run = 11 * time.Minute
		}
		waits = append(waits, starts[i].Sub(starts[i-1])-run)
	}
	want := []time.Duration{0, 10 * time.Second, 20 * time.Second, 40 * time.Second, 80 * time.Second, 160 * time.Second, 0, 10 * time.Second}
	if len(waits) < len(want) {
		t.Fatalf("only %d restarts: %v", len(waits), waits)
	}
	for i, w := range want {
		if waits[i] != w {
			t.Errorf("wait before run %d: %v, want %v (all: %v)", i+2, waits[i], w, waits)
		}
	}
}
