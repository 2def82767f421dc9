package probe_test

import (
	"math"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/podlife/podlife/probe"
)

// wideTime draws a time anywhere a time.Duration from base can reach, with
// the edges and the neighbourhood of base weighted in.
func wideTime(t *rapid.T, label string) time.Time {
	switch rapid.IntRange(0, 3).Draw(t, label+"Kind") {
	case 0:
		return base.Add(time.Duration(rapid.Int64().Draw(t, label)))
	case 1:
		return base.Add(rapid.SampledFrom([]time.Duration{math.MinInt64 + 1, math.MaxInt64 - 1, -1, 0, 1}).Draw(t, label+"Edge"))
	}
	return base.Add(time.Duration(rapid.Int64Range(-1e12, 1e12).Draw(t, label+"Near")))
}

// NextDue(now), when ok, is never before now and is due, for any spec and
// any times, including initialDelaySeconds near MaxInt32 and a now far
// from the worker's start (pkg/kubelet/prober/worker.go run: a probe runs
// at a tick of the ticker, never in the past).
func TestPropertyNextDueNeverBeforeNow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		kind := kindGen.Draw(t, "kind")
		spec := execProbe(
			rapid.OneOf(rapid.Int32Range(1, 20), rapid.Int32Range(1, math.MaxInt32)).Draw(t, "period"),
			rapid.OneOf(rapid.Int32Range(0, 40), rapid.Int32Range(math.MaxInt32-100, math.MaxInt32)).Draw(t, "delay"),
			1, 1)
		start := wideTime(t, "start")
		w, err := probe.NewWorker(kind, spec, start)
		if err != nil {
			t.Fatal(err)
		}
		report := wideTime(t, "report")
		startedAt := report.Add(-time.Duration(rapid.Int64Min(0).Draw(t, "age")))
		_, _ = w.NewContainer(report, probe.Container{StartedAt: startedAt, Started: kind != probe.Startup})
		if rapid.Bool().Draw(t, "trigger") {
			_ = w.Trigger(wideTime(t, "triggerAt"))
		}
		now := wideTime(t, "now")
		due, ok := w.NextDue(now)
		if !ok {
			return
		}
		if due.Before(now) {
			t.Fatalf("NextDue(%v) = %v, before now", now, due)
		}
		if !w.Due(due) {
			t.Fatalf("NextDue(%v) = %v, which is not due", now, due)
		}
	})
}

// The defect of issue 6: a liveness probe with initialDelaySeconds
// MaxInt32, asked long before the worker's start, had a due time in the
// past because the distance from now to the tick overflowed.
func TestNextDueFarBeforeStartWithHugeDelay(t *testing.T) {
	start := base
	w := newWorker(t, probe.Liveness, execProbe(10, math.MaxInt32, 1, 1), start)
	mustChange(t)(w.NewContainer(start, probe.Container{StartedAt: start, Started: true}))
	now := start.Add(math.MinInt64 + 1)
	due, ok := w.NextDue(now)
	if !ok {
		t.Fatal("nothing due")
	}
	if due.Before(now) {
		t.Fatalf("NextDue = %v, before now %v", due, now)
	}
	// The first tick of the 10s ticker once the delay has passed.
	if want := start.Add(2147483650 * time.Second); !due.Equal(want) {
		t.Fatalf("NextDue = %v, want %v", due, want)
	}
}
