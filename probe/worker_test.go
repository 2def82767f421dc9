package probe_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/podlife/podlife/field"
	"github.com/podlife/podlife/probe"
)

// base is the origin of the virtual clock used throughout these tests.
var base = time.Unix(0, 0).UTC()

func at(d time.Duration) time.Time { return base.Add(d) }

func sec(s float64) time.Time { return base.Add(time.Duration(s * float64(time.Second))) }

func execProbe(period, delay, success, failure int32) probe.Probe {
	return probe.Probe{
		Exec:                &probe.ExecAction{Command: []string{"true"}},
		PeriodSeconds:       period,
		InitialDelaySeconds: delay,
		SuccessThreshold:    success,
		FailureThreshold:    failure,
	}
}

func newWorker(t testing.TB, kind probe.Kind, spec probe.Probe, start time.Time) probe.Worker {
	t.Helper()
	w, err := probe.NewWorker(kind, spec, start)
	if err != nil {
		t.Fatalf("NewWorker(%s): %v", kind, err)
	}
	return w
}

// running returns a worker whose container started (status.started true)
// at the worker's start.
func running(t testing.TB, kind probe.Kind, spec probe.Probe) probe.Worker {
	t.Helper()
	w := newWorker(t, kind, spec, base)
	mustChange(t)(w.NewContainer(base, probe.Container{StartedAt: base, Started: kind != probe.Startup}))
	return w
}

func mustChange(t testing.TB) func(probe.Change, error) probe.Change {
	return func(ch probe.Change, err error) probe.Change {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return ch
	}
}

func skipReason(err error) probe.SkipReason {
	var se *probe.SkipError
	if errors.As(err, &se) {
		return se.Reason
	}
	return ""
}

// probeTimes drives w from now until until: at every due time it reports
// outcome(t) and records the time, the outcome and the change.
type step struct {
	At      time.Duration
	Outcome probe.Outcome
	Change  probe.Change
}

func drive(t testing.TB, w *probe.Worker, now, until time.Time, outcome func(time.Duration) probe.Outcome) []step {
	t.Helper()
	var out []step
	for {
		due, ok := w.NextDue(now)
		if !ok || due.After(until) {
			return out
		}
		o := outcome(due.Sub(base))
		ch, err := w.Observe(due, o)
		if err != nil {
			t.Fatalf("Observe(%v, %s) at a due time: %v", due.Sub(base), o, err)
		}
		out = append(out, step{due.Sub(base), o, ch})
		now = due
	}
}

func always(o probe.Outcome) func(time.Duration) probe.Outcome {
	return func(time.Duration) probe.Outcome { return o }
}

// pkg/apis/core/v1/defaults.go SetDefaults_Probe: zero timing
// fields become periodSeconds 10, successThreshold 1, failureThreshold 3.
func TestSetDefaultsProbe_ZeroTimingFields(t *testing.T) {
	w := running(t, probe.Readiness, probe.Probe{TCPSocket: &probe.TCPSocketAction{Port: probe.PortNumber(80)}})
	if got := w.Period(); got != 10*time.Second {
		t.Fatalf("period = %v, want 10s", got)
	}
	steps := drive(t, &w, base, sec(50), func(d time.Duration) probe.Outcome {
		if d < 20*time.Second {
			return probe.OutcomeSuccess
		}
		return probe.OutcomeFailure
	})
	want := []step{
		{0, probe.OutcomeSuccess, probe.Change{Result: probe.Success, Changed: true}}, // successThreshold 1
		{10 * time.Second, probe.OutcomeSuccess, probe.Change{Result: probe.Success}},
		{20 * time.Second, probe.OutcomeFailure, probe.Change{Result: probe.Success}},
		{30 * time.Second, probe.OutcomeFailure, probe.Change{Result: probe.Success}},
		{40 * time.Second, probe.OutcomeFailure, probe.Change{Result: probe.Failure, Changed: true}}, // failureThreshold 3
		{50 * time.Second, probe.OutcomeFailure, probe.Change{Result: probe.Failure}},
	}
	if diff := cmp.Diff(want, steps); diff != "" {
		t.Fatalf("timeline (-want +got):\n%s", diff)
	}
}

// pkg/kubelet/prober/prober_manager.go AddPod: one worker per
// (container, probe kind); the workers of one container share nothing.
func TestAddPod_OneIndependentWorkerPerKind(t *testing.T) {
	live := running(t, probe.Liveness, execProbe(10, 0, 1, 1))
	ready := running(t, probe.Readiness, execProbe(10, 0, 1, 1))
	mustChange(t)(live.Observe(base, probe.OutcomeFailure))
	if live.Result() != probe.Failure || ready.Result() != probe.Failure {
		t.Fatalf("liveness %s readiness %s", live.Result(), ready.Result())
	}
	mustChange(t)(ready.Observe(base, probe.OutcomeSuccess))
	if live.Result() != probe.Failure || ready.Result() != probe.Success {
		t.Fatalf("liveness %s readiness %s", live.Result(), ready.Result())
	}
	_, err := probe.NewWorker("Sideness", execProbe(10, 0, 1, 1), base)
	var ie *probe.InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), `kind "Sideness"`) {
		t.Fatalf("unknown kind: %v", err)
	}
}

// pkg/kubelet/prober/worker.go newWorker / doProbe: the initial
// result, set for every new container ID, is readiness Failure, liveness
// Success, startup Unknown; a new container ID also lifts the hold.
func TestNewWorker_InitialResultPerKindAndNewContainer(t *testing.T) {
	for _, tc := range []struct {
		kind    probe.Kind
		initial probe.Result
		flip    probe.Outcome // an outcome that changes the result
	}{
		{probe.Readiness, probe.Failure, probe.OutcomeSuccess},
		{probe.Liveness, probe.Success, probe.OutcomeFailure},
		{probe.Startup, probe.Unknown, probe.OutcomeSuccess},
	} {
		t.Run(string(tc.kind), func(t *testing.T) {
			w := newWorker(t, tc.kind, execProbe(10, 0, 1, 1), base)
			if w.Result() != tc.initial || w.Kind() != tc.kind {
				t.Fatalf("fresh worker: %s %s", w.Kind(), w.Result())
			}
			mustChange(t)(w.NewContainer(base, probe.Container{StartedAt: base, Started: tc.kind != probe.Startup}))
			ch := mustChange(t)(w.Observe(base, tc.flip))
			if !ch.Changed || ch.Result == tc.initial {
				t.Fatalf("flip: %+v", ch)
			}
			ch = mustChange(t)(w.NewContainer(sec(5), probe.Container{StartedAt: sec(4), Started: tc.kind != probe.Startup}))
			want := probe.Change{Result: tc.initial, Changed: true}
			if ch != want {
				t.Fatalf("new container: got %+v want %+v", ch, want)
			}
			if w.OnHold() {
				t.Fatal("new container did not lift the hold")
			}
			if due, ok := w.NextDue(sec(5)); !ok || due != sec(10) {
				t.Fatalf("next due after new container = %v %v, want 10s", due.Sub(base), ok)
			}
		})
	}
}

// pkg/kubelet/prober/worker.go doProbe, each check in its order.
func TestDoProbe_ChecksInOrder(t *testing.T) {
	t.Run("PodTerminalStopsTheWorker", func(t *testing.T) {
		for _, kind := range []probe.Kind{probe.Liveness, probe.Readiness, probe.Startup} {
			w := running(t, kind, execProbe(10, 0, 1, 3))
			before := w.Result()
			ch := mustChange(t)(w.PodTerminal(sec(3)))
			if ch != (probe.Change{Result: before, Stopped: true}) || !w.Stopped() {
				t.Fatalf("%s: %+v", kind, ch)
			}
			if _, ok := w.NextDue(sec(3)); ok {
				t.Fatalf("%s: a stopped worker has a probe due", kind)
			}
			if _, err := w.Observe(sec(10), probe.OutcomeSuccess); skipReason(err) != probe.SkipStopped {
				t.Fatalf("%s: observe after stop: %v", kind, err)
			}
		}
	})
	t.Run("NoContainerYetWaits", func(t *testing.T) {
		w := newWorker(t, probe.Readiness, execProbe(10, 0, 1, 3), base)
		if _, ok := w.NextDue(base); ok {
			t.Fatal("probe due without a container")
		}
		if _, err := w.Observe(base, probe.OutcomeSuccess); skipReason(err) != probe.SkipNoContainer {
			t.Fatalf("got %v", err)
		}
		if _, err := w.NotRunning(base, probe.MayRestart); err == nil {
			t.Fatal("NotRunning without a container was accepted")
		}
	})
	t.Run("NotRunningIsFailureAndStopsUnlessRestartable", func(t *testing.T) {
		for _, kind := range []probe.Kind{probe.Liveness, probe.Readiness, probe.Startup} {
			for _, r := range []probe.Restart{probe.MayRestart, probe.NoRestart} {
				mayRestart := r == probe.MayRestart
				w := running(t, kind, execProbe(10, 0, 1, 3))
				ch := mustChange(t)(w.NotRunning(sec(4), r))
				want := probe.Change{Result: probe.Failure, Changed: kind != probe.Readiness, Stopped: !mayRestart}
				if ch != want {
					t.Fatalf("%s %v: got %+v want %+v", kind, r, ch, want)
				}
				if _, ok := w.NextDue(sec(4)); ok {
					t.Fatalf("%s: probe due for a container that is not running", kind)
				}
				if mayRestart {
					mustChange(t)(w.NewContainer(sec(6), probe.Container{StartedAt: sec(6), Started: kind != probe.Startup}))
					if due, ok := w.NextDue(sec(6)); !ok || due != sec(10) {
						t.Fatalf("%s: after restart next due %v %v", kind, due.Sub(base), ok)
					}
				}
			}
		}
	})
	t.Run("PodDeletionStopsLivenessAndStartupWithSuccess", func(t *testing.T) {
		for _, tc := range []struct {
			kind probe.Kind
			want probe.Change
		}{
			{probe.Liveness, probe.Change{Result: probe.Success, Stopped: true}},
			{probe.Startup, probe.Change{Result: probe.Success, Changed: true, Stopped: true}},
			{probe.Readiness, probe.Change{Result: probe.Failure}},
		} {
			w := running(t, tc.kind, execProbe(10, 0, 1, 3))
			ch := mustChange(t)(w.PodDeleting(sec(1)))
			if ch != tc.want {
				t.Fatalf("%s: got %+v want %+v", tc.kind, ch, tc.want)
			}
			_, ok := w.NextDue(sec(1))
			if ok != (tc.kind == probe.Readiness) {
				t.Fatalf("%s: probing during termination = %v", tc.kind, ok)
			}
		}
	})
	t.Run("InitialDelayCountsWholeSecondsSinceContainerStart", func(t *testing.T) {
		// Container started at 0.5 s, initialDelaySeconds 5, ticks every
		// second from the worker's start at 0: at 5 s only 4 whole seconds
		// have passed (4.5 truncated), so the first probe is at 6 s.
		w := newWorker(t, probe.Readiness, execProbe(1, 5, 1, 3), base)
		mustChange(t)(w.NewContainer(sec(0.5), probe.Container{StartedAt: sec(0.5), Started: true}))
		if w.Due(sec(5)) || w.Skip(sec(5)) != probe.SkipInitialDelay {
			t.Fatalf("5s: due=%v skip=%q", w.Due(sec(5)), w.Skip(sec(5)))
		}
		if _, err := w.Observe(sec(5.4), probe.OutcomeSuccess); skipReason(err) != probe.SkipInitialDelay {
			t.Fatalf("observe at 5.4s: %v", err)
		}
		if due, ok := w.NextDue(sec(0.5)); !ok || due != sec(6) {
			t.Fatalf("first due %v %v, want 6s", due.Sub(base), ok)
		}
	})
	t.Run("StartupSkippedOnceStartedOthersUntilStarted", func(t *testing.T) {
		st := newWorker(t, probe.Startup, execProbe(10, 0, 1, 3), base)
		lv := newWorker(t, probe.Liveness, execProbe(10, 0, 1, 3), base)
		rd := newWorker(t, probe.Readiness, execProbe(10, 0, 1, 3), base)
		c := probe.Container{StartedAt: base}
		for _, w := range []*probe.Worker{&st, &lv, &rd} {
			mustChange(t)(w.NewContainer(base, c))
		}
		if !st.Due(base) || lv.Due(base) || rd.Due(base) {
			t.Fatalf("before started: startup %v liveness %v readiness %v", st.Due(base), lv.Due(base), rd.Due(base))
		}
		if lv.Skip(base) != probe.SkipNotStarted {
			t.Fatalf("liveness skip = %q", lv.Skip(base))
		}
		for _, w := range []*probe.Worker{&st, &lv, &rd} {
			mustChange(t)(w.SetStarted(sec(1)))
		}
		if st.Due(sec(10)) || !lv.Due(sec(10)) || !rd.Due(sec(10)) {
			t.Fatalf("after started: startup %v liveness %v readiness %v", st.Due(sec(10)), lv.Due(sec(10)), rd.Due(sec(10)))
		}
		if st.Skip(sec(10)) != probe.SkipStarted {
			t.Fatalf("startup skip = %q", st.Skip(sec(10)))
		}
	})
	t.Run("ProberErrorIsDiscarded", func(t *testing.T) {
		// An error between failures neither counts nor breaks the run: the
		// third failure still reaches failureThreshold 3.
		w := running(t, probe.Liveness, execProbe(10, 0, 1, 3))
		outcomes := []probe.Outcome{probe.OutcomeFailure, probe.OutcomeError, probe.OutcomeFailure, probe.OutcomeError, probe.OutcomeFailure}
		steps := drive(t, &w, base, sec(40), func(d time.Duration) probe.Outcome { return outcomes[d/(10*time.Second)] })
		for i, s := range steps[:4] {
			if s.Change != (probe.Change{Result: probe.Success}) {
				t.Fatalf("step %d: %+v", i, s.Change)
			}
		}
		if last := steps[4].Change; last.Kill != probe.KillLivenessProbe || steps[4].At != 40*time.Second {
			t.Fatalf("kill: %+v", steps[4])
		}
	})
	t.Run("ThresholdsCountConsecutiveEqualResults", func(t *testing.T) {
		w := running(t, probe.Readiness, execProbe(10, 0, 3, 2))
		seq := []probe.Outcome{"Success", "Success", "Failure", "Success", "Success", "Success", "Failure", "Failure"}
		want := []probe.Result{"Failure", "Failure", "Failure", "Failure", "Failure", "Success", "Success", "Failure"}
		steps := drive(t, &w, base, sec(70), func(d time.Duration) probe.Outcome { return seq[d/(10*time.Second)] })
		for i, s := range steps {
			if s.Change.Result != want[i] {
				t.Fatalf("after %d outcomes %v: result %s, want %s", i+1, seq[:i+1], s.Change.Result, want[i])
			}
		}
	})
	t.Run("LivenessFailureHoldsUntilNewContainer", func(t *testing.T) {
		w := running(t, probe.Liveness, execProbe(10, 0, 1, 1))
		ch := mustChange(t)(w.Observe(base, probe.OutcomeFailure))
		if ch.Kill != probe.KillLivenessProbe || !w.OnHold() {
			t.Fatalf("%+v hold=%v", ch, w.OnHold())
		}
		if r, n := w.Streak(); r != probe.Failure || n != 0 {
			t.Fatalf("streak after hold = %s %d, want Failure 0", r, n)
		}
		if _, ok := w.NextDue(base); ok {
			t.Fatal("probe due while on hold")
		}
		if _, err := w.Observe(sec(10), probe.OutcomeFailure); skipReason(err) != probe.SkipOnHold {
			t.Fatalf("got %v", err)
		}
		// The kill makes the container exit: still on hold, so ignored.
		if ch := mustChange(t)(w.NotRunning(sec(11), probe.NoRestart)); ch.Changed || ch.Stopped {
			t.Fatalf("not running on hold: %+v", ch)
		}
		mustChange(t)(w.NewContainer(sec(12), probe.Container{StartedAt: sec(12), Started: true}))
		if due, ok := w.NextDue(sec(12)); !ok || due != sec(20) {
			t.Fatalf("after restart: %v %v", due.Sub(base), ok)
		}
	})
	t.Run("ReadinessDoesNotHold", func(t *testing.T) {
		w := running(t, probe.Readiness, execProbe(10, 0, 1, 1))
		mustChange(t)(w.Observe(base, probe.OutcomeFailure))
		if w.OnHold() || !w.Due(sec(10)) {
			t.Fatal("readiness went on hold after a failure")
		}
	})
	t.Run("AnyStartupResultHolds", func(t *testing.T) {
		for _, o := range []probe.Outcome{probe.OutcomeSuccess, probe.OutcomeFailure} {
			w := running(t, probe.Startup, execProbe(10, 0, 1, 1))
			ch := mustChange(t)(w.Observe(base, o))
			if !w.OnHold() || !ch.Changed {
				t.Fatalf("%s: %+v hold=%v", o, ch, w.OnHold())
			}
			if _, ok := w.NextDue(base); ok {
				t.Fatalf("%s: probe due while on hold", o)
			}
		}
	})
	t.Run("ReadinessRunSurvivesANewContainer", func(t *testing.T) {
		// "naive" item 14: two successes counted against the old container
		// plus one against the new one reach successThreshold 3.
		w := running(t, probe.Readiness, execProbe(10, 0, 3, 3))
		mustChange(t)(w.Observe(sec(0), probe.OutcomeSuccess))
		mustChange(t)(w.Observe(sec(10), probe.OutcomeSuccess))
		mustChange(t)(w.NewContainer(sec(15), probe.Container{StartedAt: sec(15), Started: true}))
		if r, n := w.Streak(); r != probe.Success || n != 2 {
			t.Fatalf("streak after new container = %s %d, want Success 2", r, n)
		}
		ch := mustChange(t)(w.Observe(sec(20), probe.OutcomeSuccess))
		if ch != (probe.Change{Result: probe.Success, Changed: true}) {
			t.Fatalf("got %+v", ch)
		}
	})
	t.Run("LivenessRunSurvivesANewContainerWhenNotOnHold", func(t *testing.T) {
		// Upstream resets the run only when going on hold: two failures
		// before the container crashed on its own count for the new one.
		w := running(t, probe.Liveness, execProbe(10, 0, 1, 3))
		mustChange(t)(w.Observe(sec(0), probe.OutcomeFailure))
		mustChange(t)(w.Observe(sec(10), probe.OutcomeFailure))
		mustChange(t)(w.NotRunning(sec(12), probe.MayRestart))
		mustChange(t)(w.NewContainer(sec(13), probe.Container{StartedAt: sec(13), Started: true}))
		ch := mustChange(t)(w.Observe(sec(20), probe.OutcomeFailure))
		if ch.Kill != probe.KillLivenessProbe {
			t.Fatalf("got %+v", ch)
		}
	})
}

// pkg/kubelet/prober/worker.go run: the first probe when the
// worker starts, then every periodSeconds on a ticker anchored at worker
// creation; initialDelaySeconds only suppresses ticks.
func TestRun_TicksAnchoredAtWorkerStart(t *testing.T) {
	for _, tc := range []struct {
		name         string
		workerStart  float64
		containerAt  float64
		period       int32
		delay        int32
		wantFirstTwo [2]float64
	}{
		{"ContainerAfterWorker", 0, 3, 10, 0, [2]float64{10, 20}},
		{"InitialDelaySkipsTicks", 0, 3, 10, 15, [2]float64{20, 30}},
		{"WorkerStartedLater", 7, 7, 10, 0, [2]float64{7, 17}},
		{"DelayEndsExactlyOnATick", 0, 0, 5, 10, [2]float64{10, 15}},
		{"ContainerStartedBeforeWorker", 100, 0, 10, 30, [2]float64{100, 110}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorker(t, probe.Liveness, execProbe(tc.period, tc.delay, 1, 3), sec(tc.workerStart))
			now := sec(max(tc.workerStart, tc.containerAt))
			mustChange(t)(w.NewContainer(now, probe.Container{StartedAt: sec(tc.containerAt), Started: true}))
			steps := drive(t, &w, now, sec(tc.wantFirstTwo[1]), always(probe.OutcomeSuccess))
			got := []time.Duration{}
			for _, s := range steps {
				got = append(got, s.At)
			}
			want := []time.Duration{time.Duration(tc.wantFirstTwo[0] * float64(time.Second)), time.Duration(tc.wantFirstTwo[1] * float64(time.Second))}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("probe times (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("DueOnlyOnTicks", func(t *testing.T) {
		w := running(t, probe.Readiness, execProbe(10, 0, 1, 3))
		for s, want := range map[float64]bool{0: true, 5: false, 10: true, 19.999: false, 20: true} {
			if got := w.Due(sec(s)); got != want {
				t.Errorf("Due(%vs) = %v", s, got)
			}
		}
		if due, ok := w.NextDue(sec(10)); !ok || due != sec(10) {
			t.Fatalf("NextDue at a tick = %v %v", due.Sub(base), ok)
		}
		mustChange(t)(w.Observe(sec(10), probe.OutcomeSuccess))
		if due, ok := w.NextDue(sec(10)); !ok || due != sec(20) {
			t.Fatalf("NextDue after probing the tick = %v %v", due.Sub(base), ok)
		}
		if w.Due(sec(10)) {
			t.Fatal("a probed tick is still due")
		}
	})
	t.Run("TriggerRunsNowAndReanchors", func(t *testing.T) {
		// prober_manager.go UpdatePodStatus asks for an immediate run; worker.go
		// run resets its ticker then.
		w := running(t, probe.Readiness, execProbe(10, 0, 1, 3))
		if err := w.Trigger(sec(13)); err != nil {
			t.Fatal(err)
		}
		steps := drive(t, &w, sec(13), sec(33), always(probe.OutcomeSuccess))
		if len(steps) != 3 || steps[0].At != 13*time.Second || steps[2].At != 33*time.Second {
			t.Fatalf("after trigger: %+v", steps)
		}
	})
}

// pkg/kubelet/prober/prober.go probe and worker.go doProbe: a
// timeout is a failure; a prober error is thrown away.
func TestDoProbe_OutcomeMapping(t *testing.T) {
	w := running(t, probe.Liveness, execProbe(10, 0, 1, 2))
	mustChange(t)(w.Observe(sec(0), probe.OutcomeTimeout))
	if r, n := w.Streak(); r != probe.Failure || n != 1 {
		t.Fatalf("timeout streak %s %d", r, n)
	}
	mustChange(t)(w.Observe(sec(10), probe.OutcomeError))
	if r, n := w.Streak(); r != probe.Failure || n != 1 {
		t.Fatalf("error changed the streak: %s %d", r, n)
	}
	if w.Due(sec(10)) {
		t.Fatal("the tick of an errored probe is still due")
	}
	before := w
	_, err := w.Observe(sec(20), "Maybe")
	var ie *probe.InputError
	if !errors.As(err, &ie) || w != before {
		t.Fatalf("invalid outcome: %v (changed=%v)", err, w != before)
	}
	ch := mustChange(t)(w.Observe(sec(20), probe.OutcomeFailure))
	if ch.Kill != probe.KillLivenessProbe {
		t.Fatalf("timeout + failure did not reach the threshold: %+v", ch)
	}
}

// pkg/kubelet/prober/prober_manager.go isContainerStarted.
func TestIsContainerStarted(t *testing.T) {
	for _, tc := range []struct {
		running bool
		startup probe.Result
		want    bool
	}{
		{false, probe.NoProbe, false},
		{false, probe.Success, false},
		{true, probe.NoProbe, true},
		{true, probe.Success, true},
		{true, probe.Unknown, false}, // a startup probe that has not passed yet
		{true, probe.Failure, false},
	} {
		if got := probe.ContainerStarted(tc.running, tc.startup); got != tc.want {
			t.Errorf("ContainerStarted(%v, %q) = %v", tc.running, tc.startup, got)
		}
	}
}

// pkg/kubelet/prober/prober_manager.go UpdatePodStatus.
func TestUpdatePodStatus_ContainerReady(t *testing.T) {
	for _, tc := range []struct {
		started   bool
		readiness probe.Result
		want      bool
	}{
		{true, probe.NoProbe, true}, // no readiness probe: ready once started
		{false, probe.NoProbe, false},
		{true, probe.Success, true},
		{true, probe.Failure, false}, // also a probe without a result yet
		{false, probe.Success, false},
	} {
		if got := probe.ContainerReady(tc.started, tc.readiness); got != tc.want {
			t.Errorf("ContainerReady(%v, %q) = %v", tc.started, tc.readiness, got)
		}
	}
}

// kuberuntime_manager.go computePodActions: a liveness Failure
// kills the container (reason LivenessProbe), a startup Failure too
// (reason StartupProbe).
func TestComputePodActions_LivenessKillAtTheThirdFailedProbe(t *testing.T) {
	// Period 10 s, failureThreshold 3, worker and container started at 0,
	// no initial delay; the app fails from t=45 s: probes at 50, 60, 70
	// fail and the kill comes at exactly 70 s.
	w := running(t, probe.Liveness, execProbe(10, 0, 1, 3))
	steps := drive(t, &w, base, sec(300), func(d time.Duration) probe.Outcome {
		if d >= 45*time.Second {
			return probe.OutcomeFailure
		}
		return probe.OutcomeSuccess
	})
	var times []time.Duration
	for _, s := range steps {
		times = append(times, s.At)
	}
	wantTimes := []time.Duration{0, 10e9, 20e9, 30e9, 40e9, 50e9, 60e9, 70e9}
	if diff := cmp.Diff(wantTimes, times); diff != "" {
		t.Fatalf("probe times (-want +got):\n%s", diff)
	}
	for _, s := range steps[:7] {
		if s.Change.Kill != "" || s.Change.Result != probe.Success {
			t.Fatalf("early kill at %v: %+v", s.At, s.Change)
		}
	}
	want := probe.Change{Result: probe.Failure, Changed: true, Kill: probe.KillLivenessProbe}
	if got := steps[7].Change; got != want {
		t.Fatalf("at 70s: got %+v want %+v", got, want)
	}
	if !w.OnHold() {
		t.Fatal("not on hold after the kill")
	}
}

func TestComputePodActions_StartupFailureKills(t *testing.T) {
	w := running(t, probe.Startup, execProbe(5, 0, 1, 4))
	steps := drive(t, &w, base, sec(100), always(probe.OutcomeFailure))
	if len(steps) != 4 || steps[3].At != 15*time.Second {
		t.Fatalf("steps: %+v", steps)
	}
	want := probe.Change{Result: probe.Failure, Changed: true, Kill: probe.KillStartupProbe}
	if steps[3].Change != want {
		t.Fatalf("got %+v want %+v", steps[3].Change, want)
	}
}

// kuberuntime_container.go setTerminationGracePeriod: a probe's
// terminationGracePeriodSeconds applies to the kills it causes; readiness
// probes may not set it (validation.go validateReadinessProbe).
func TestSetTerminationGracePeriod_ProbeGrace(t *testing.T) {
	grace := int64(7)
	spec := execProbe(10, 0, 1, 1)
	spec.TerminationGracePeriodSeconds = &grace
	for _, kind := range []probe.Kind{probe.Liveness, probe.Startup} {
		w := running(t, kind, spec)
		ch := mustChange(t)(w.Observe(base, probe.OutcomeFailure))
		if ch.Kill == "" || ch.KillGracePeriodSeconds != 7 {
			t.Fatalf("%s: %+v", kind, ch)
		}
	}
	w := running(t, probe.Liveness, execProbe(10, 0, 1, 1))
	if ch := mustChange(t)(w.Observe(base, probe.OutcomeFailure)); ch.KillGracePeriodSeconds != 0 {
		t.Fatalf("unset grace: %+v", ch)
	}
	_, err := probe.NewWorker(probe.Readiness, spec, base)
	if err == nil || !strings.Contains(err.Error(), "readinessProbe.terminationGracePeriodSeconds: Invalid value: 7: must not be set for readinessProbes") {
		t.Fatalf("readiness with grace: %v", err)
	}
}

// prober_manager.go StopLivenessAndStartup and worker.go doProbe:
// during termination liveness and startup stop, readiness keeps probing
// until the pod is terminal.
func TestStopLivenessAndStartup_OnPodDeletion(t *testing.T) {
	live := running(t, probe.Liveness, execProbe(10, 0, 1, 3))
	ready := running(t, probe.Readiness, execProbe(10, 0, 1, 3))
	mustChange(t)(live.PodDeleting(sec(5)))
	mustChange(t)(ready.PodDeleting(sec(5)))
	if !live.Stopped() || ready.Stopped() {
		t.Fatalf("after deletion: liveness stopped %v, readiness stopped %v", live.Stopped(), ready.Stopped())
	}
	steps := drive(t, &ready, sec(5), sec(20), always(probe.OutcomeSuccess))
	if len(steps) != 2 || steps[0].Change.Result != probe.Success {
		t.Fatalf("readiness during termination: %+v", steps)
	}
	ch := mustChange(t)(ready.PodTerminal(sec(25)))
	if !ch.Stopped || ch.Result != probe.Success {
		t.Fatalf("terminal: %+v", ch)
	}
}

// prober_manager.go (ChangeContainerStatusOnKubeletRestart off):
// the kubelet-restart carry-over of ready/started is not modelled; a new
// container always starts from the initial result, even one that started
// long before the worker.
func TestDoProbe_NoKubeletRestartCarryOver(t *testing.T) {
	w := newWorker(t, probe.Readiness, execProbe(10, 0, 1, 3), sec(3600))
	ch := mustChange(t)(w.NewContainer(sec(3600), probe.Container{StartedAt: sec(0), Started: true}))
	if ch.Result != probe.Failure || probe.ContainerReady(true, ch.Result) {
		t.Fatalf("got %+v", ch)
	}
}

// NewWorker validates the defaulted spec with the apiserver's rules
// (pkg/apis/core/validation/validation.go validateLivenessProbe,
// validateReadinessProbe, validateStartupProbe) and reports the field
// errors on the container's field for the kind.
func TestNewWorkerRejectsInvalidSpecs(t *testing.T) {
	neg := int64(-1)
	for _, tc := range []struct {
		name string
		kind probe.Kind
		edit func(*probe.Probe)
		want []string
	}{
		{"NoHandler", probe.Readiness, func(p *probe.Probe) { p.Exec = nil },
			[]string{"readinessProbe: Required value: must specify a handler type"}},
		{"TwoHandlers", probe.Readiness, func(p *probe.Probe) { p.GRPC = &probe.GRPCAction{Port: 9000} },
			[]string{"readinessProbe.grpc: Forbidden: may not specify more than 1 handler type"}},
		{"NegativeInitialDelay", probe.Liveness, func(p *probe.Probe) { p.InitialDelaySeconds = -1 },
			[]string{"livenessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0"}},
		{"NegativeTimings", probe.Readiness, func(p *probe.Probe) {
			p.PeriodSeconds, p.TimeoutSeconds, p.SuccessThreshold, p.FailureThreshold = -1, -2, -3, -4
		}, []string{
			"readinessProbe.timeoutSeconds: Invalid value: -2: must be greater than or equal to 0",
			"readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
			"readinessProbe.successThreshold: Invalid value: -3: must be greater than or equal to 0",
			"readinessProbe.failureThreshold: Invalid value: -4: must be greater than or equal to 0",
		}},
		{"LivenessSuccessThreshold", probe.Liveness, func(p *probe.Probe) { p.SuccessThreshold = 2 },
			[]string{"livenessProbe.successThreshold: Invalid value: 2: must be 1"}},
		{"StartupSuccessThreshold", probe.Startup, func(p *probe.Probe) { p.SuccessThreshold = 3 },
			[]string{"startupProbe.successThreshold: Invalid value: 3: must be 1"}},
		{"NonPositiveGrace", probe.Liveness, func(p *probe.Probe) { p.TerminationGracePeriodSeconds = &neg },
			[]string{"livenessProbe.terminationGracePeriodSeconds: Invalid value: -1: must be greater than 0"}},
		{"ReadinessGrace", probe.Readiness, func(p *probe.Probe) { p.TerminationGracePeriodSeconds = &neg },
			[]string{
				"readinessProbe.terminationGracePeriodSeconds: Invalid value: -1: must be greater than 0",
				"readinessProbe.terminationGracePeriodSeconds: Invalid value: -1: must not be set for readinessProbes",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := execProbe(0, 0, 0, 0)
			tc.edit(&spec)
			w, err := probe.NewWorker(tc.kind, spec, base)
			var se *probe.SpecError
			if !errors.As(err, &se) {
				t.Fatalf("got %v", err)
			}
			if diff := cmp.Diff(tc.want, messages(se.Errors)); diff != "" {
				t.Fatalf("field errors (-want +got):\n%s", diff)
			}
			if w != (probe.Worker{}) {
				t.Fatal("a rejected spec returned a non-zero Worker")
			}
			if want := "probe: invalid " + string(tc.kind) + " probe: " + strings.Join(tc.want, "; "); err.Error() != want {
				t.Fatalf("message %q, want %q", err, want)
			}
			var fe *field.Error
			if !errors.As(err, &fe) || fe.Error() != tc.want[0] {
				t.Fatalf("errors.As(*field.Error) = %v", fe)
			}
		})
	}
	if _, err := probe.NewWorker(probe.Readiness, execProbe(1, 0, 5, 1), base); err != nil {
		t.Fatalf("readiness successThreshold 5: %v", err)
	}
	for _, kind := range []probe.Kind{"", "liveness", "Other"} {
		_, err := probe.NewWorker(kind, execProbe(1, 0, 1, 1), base)
		var ie *probe.InputError
		if !errors.As(err, &ie) {
			t.Fatalf("kind %q: got %v", kind, err)
		}
	}
}

func TestRejectedInputsChangeNothing(t *testing.T) {
	w := newWorker(t, probe.Liveness, execProbe(10, 0, 1, 3), sec(20))
	_, err := w.Observe(sec(12), probe.OutcomeSuccess)
	var te *probe.TimeError
	if !errors.As(err, &te) || te.Problem != probe.BeforeWorkerStart {
		t.Fatalf("got %v", err)
	}
	if got, want := err.Error(), "probe: observation at 12s is before the worker started at 20s"; got != want {
		t.Fatalf("message %q, want %q", got, want)
	}

	mustChange(t)(w.NewContainer(sec(30), probe.Container{StartedAt: sec(25), Started: true}))
	before := w
	for name, call := range map[string]func() error{
		"observe before previous input": func() error { _, err := w.Observe(sec(29), probe.OutcomeFailure); return err },
		"container started after report": func() error {
			_, err := w.NewContainer(sec(31), probe.Container{StartedAt: sec(32)})
			return err
		},
		"invalid outcome":      func() error { _, err := w.Observe(sec(30), "failure"); return err },
		"restart not given":    func() error { _, err := w.NotRunning(sec(30), 0); return err },
		"trigger in the past":  func() error { return w.Trigger(sec(1)) },
		"far future":           func() error { _, err := w.PodTerminal(base.AddDate(400, 0, 0)); return err },
		"terminal in the past": func() error { _, err := w.PodTerminal(sec(29)); return err },
	} {
		if err := call(); err == nil {
			t.Errorf("%s: accepted", name)
		} else if w != before {
			t.Errorf("%s: rejected (%v) but changed the worker", name, err)
		}
	}
	_, err = w.Observe(sec(29), probe.OutcomeFailure)
	if got, want := err.Error(), "probe: observation at 29s is before the previous input at 30s"; got != want {
		t.Fatalf("message %q, want %q", got, want)
	}
	_, err = w.NewContainer(sec(31), probe.Container{StartedAt: sec(32)})
	if got, want := err.Error(), "probe: new container reported at 31s has startedAt 32s, which is later"; got != want {
		t.Fatalf("message %q, want %q", got, want)
	}

	fresh := newWorker(t, probe.Liveness, execProbe(10, 0, 1, 3), base)
	_, err = fresh.SetStarted(base)
	var ie *probe.InputError
	if !errors.As(err, &ie) || fresh != newWorker(t, probe.Liveness, execProbe(10, 0, 1, 3), base) {
		t.Fatalf("SetStarted without container: %v", err)
	}

	// A skipped observation is a typed error naming the reason.
	hold := running(t, probe.Liveness, execProbe(10, 0, 1, 1))
	mustChange(t)(hold.Observe(base, probe.OutcomeFailure))
	_, err = hold.Observe(sec(10), probe.OutcomeSuccess)
	if got, want := err.Error(), "probe: liveness probe observation at 10s is not possible: the worker is on hold until a new container"; got != want {
		t.Fatalf("message %q, want %q", got, want)
	}
}

func TestZeroWorkerIsAnAbsentProbe(t *testing.T) {
	var w probe.Worker
	if w.Kind() != "" || w.Result() != "" || !w.Stopped() || w.OnHold() {
		t.Fatalf("zero worker: %q %q %v %v", w.Kind(), w.Result(), w.Stopped(), w.OnHold())
	}
	if _, ok := w.NextDue(base); ok || w.Due(base) || w.Skip(base) != probe.SkipNoProbe {
		t.Fatal("zero worker has a probe due")
	}
	if _, err := w.Observe(base, probe.OutcomeSuccess); skipReason(err) != probe.SkipNoProbe {
		t.Fatalf("observe: %v", err)
	}
	for _, call := range []func() (probe.Change, error){
		func() (probe.Change, error) { return w.NewContainer(base, probe.Container{StartedAt: base}) },
		func() (probe.Change, error) { return w.SetStarted(base) },
		func() (probe.Change, error) { return w.NotRunning(base, probe.NoRestart) },
		func() (probe.Change, error) { return w.PodDeleting(base) },
		func() (probe.Change, error) { return w.PodTerminal(base) },
	} {
		if ch, err := call(); err != nil || ch.Changed || ch.Result != "" {
			t.Fatalf("zero worker event: %+v %v", ch, err)
		}
	}
	if err := w.Trigger(base); err != nil || w != (probe.Worker{}) {
		t.Fatalf("trigger: %v", err)
	}
}

func TestFormatsOtherClocks(t *testing.T) {
	// A virtual clock starting at the zero time.Time prints durations too.
	w := newWorker(t, probe.Readiness, execProbe(10, 0, 1, 3), time.Time{}.Add(20*time.Second))
	_, err := w.Observe(time.Time{}.Add(12*time.Second), probe.OutcomeSuccess)
	if got, want := err.Error(), "probe: observation at 12s is before the worker started at 20s"; got != want {
		t.Fatalf("message %q, want %q", got, want)
	}
	real := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	w = newWorker(t, probe.Readiness, execProbe(10, 0, 1, 3), real)
	_, err = w.Observe(real.Add(-time.Second), probe.OutcomeSuccess)
	if got, want := err.Error(), "probe: observation at 2026-05-01T11:59:59Z is before the worker started at 2026-05-01T12:00:00Z"; got != want {
		t.Fatalf("message %q, want %q", got, want)
	}
	// NextDue keeps the caller's location.
	loc := time.FixedZone("X", 3600)
	mustChange(t)(w.NewContainer(real.In(loc), probe.Container{StartedAt: real, Started: true}))
	due, ok := w.NextDue(real.In(loc).Add(time.Second))
	if !ok || !due.Equal(real.Add(10*time.Second)) || due.Location() != loc {
		t.Fatalf("NextDue = %v %v", due, ok)
	}
}

func TestObserveAllocatesNothing(t *testing.T) {
	w := running(t, probe.Readiness, execProbe(1, 0, 2, 2))
	now := base
	outcomes := [...]probe.Outcome{probe.OutcomeSuccess, probe.OutcomeSuccess, probe.OutcomeFailure, probe.OutcomeTimeout, probe.OutcomeError}
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		due, ok := w.NextDue(now)
		if !ok {
			panic("no probe due")
		}
		if _, err := w.Observe(due, outcomes[i%len(outcomes)]); err != nil {
			panic(err)
		}
		now = due
		i++
	})
	if allocs != 0 {
		t.Fatalf("NextDue+Observe allocate %v times per run", allocs)
	}
	if w.Result() == "" {
		t.Fatal("unreachable")
	}
}

func BenchmarkObserve(b *testing.B) {
	w := running(b, probe.Readiness, execProbe(1, 0, 2, 2))
	outcomes := [...]probe.Outcome{probe.OutcomeSuccess, probe.OutcomeSuccess, probe.OutcomeFailure, probe.OutcomeFailure}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := w.Observe(base.Add(time.Duration(i)*time.Second), outcomes[i&3]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkNextDue(b *testing.B) {
	w := newWorker(b, probe.Liveness, execProbe(10, 30, 1, 3), base)
	mustChange(b)(w.NewContainer(sec(3), probe.Container{StartedAt: sec(3), Started: true}))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, ok := w.NextDue(base.Add(time.Duration(i) * time.Millisecond)); !ok {
			b.Fatal("nothing due")
		}
		i++
	}
}

// ---- Properties (pgregory.net/rapid) ----

var kindGen = rapid.SampledFrom([]probe.Kind{probe.Liveness, probe.Readiness, probe.Startup})

func specGen(t *rapid.T, kind probe.Kind) probe.Probe {
	succ := int32(1)
	if kind == probe.Readiness {
		succ = rapid.Int32Range(1, 4).Draw(t, "successThreshold")
	}
	return execProbe(
		rapid.Int32Range(1, 15).Draw(t, "periodSeconds"),
		rapid.Int32Range(0, 40).Draw(t, "initialDelaySeconds"),
		succ,
		rapid.Int32Range(1, 4).Draw(t, "failureThreshold"),
	)
}

// workerModel drives one Worker with random inputs and checks the
// properties after every step.
type workerModel struct {
	w         probe.Worker
	spec      probe.Probe
	now       time.Time
	started   time.Time // the current container's startedAt
	container bool
	tail      []probe.Result // counted outcomes since the run was last reset
}

func (m *workerModel) threshold(r probe.Result) int {
	if r == probe.Success {
		return int(m.spec.SuccessThreshold)
	}
	return int(m.spec.FailureThreshold)
}

// observed checks the threshold property for an accepted observation.
func (m *workerModel) observed(t *rapid.T, before probe.Worker, o probe.Outcome, ch probe.Change) {
	if !m.container {
		t.Fatalf("observation accepted without a container")
	}
	if d := m.now.Sub(m.started); d < time.Duration(m.spec.InitialDelaySeconds)*time.Second {
		t.Fatalf("probe accepted %v after container start, initial delay %ds", d, m.spec.InitialDelaySeconds)
	}
	if o == probe.OutcomeError {
		if m.w.Result() != before.Result() || ch.Changed {
			t.Fatalf("an error changed the result")
		}
		return
	}
	r := probe.Success
	if o != probe.OutcomeSuccess {
		r = probe.Failure
	}
	m.tail = append(m.tail, r)
	n := 0
	for i := len(m.tail) - 1; i >= 0 && m.tail[i] == r; i-- {
		n++
	}
	if ch.Changed && (ch.Result != r || n < m.threshold(r)) {
		t.Fatalf("result flipped to %s after %d consecutive %s (threshold %d)", ch.Result, n, r, m.threshold(r))
	}
	if n >= m.threshold(r) && m.w.Result() != r {
		t.Fatalf("%d consecutive %s (threshold %d) but result %s", n, r, m.threshold(r), m.w.Result())
	}
	if n < m.threshold(r) && m.w.Result() != before.Result() {
		t.Fatalf("result changed below the threshold")
	}
	if m.w.OnHold() && !before.OnHold() {
		m.tail = m.tail[:0]
	}
}

func (m *workerModel) later(t *rapid.T) time.Time {
	return m.now.Add(time.Duration(rapid.Int64Range(0, 25_000).Draw(t, "ms")) * time.Millisecond)
}

func TestPropertyWorker(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		kind := kindGen.Draw(t, "kind")
		m := &workerModel{spec: specGen(t, kind).Defaulted(), now: base}
		var err error
		m.w, err = probe.NewWorker(kind, m.spec, base)
		if err != nil {
			t.Fatal(err)
		}
		t.Repeat(map[string]func(*rapid.T){
			"observeDue": func(t *rapid.T) {
				due, ok := m.w.NextDue(m.now)
				if !ok {
					t.Skip("nothing due")
				}
				o := rapid.SampledFrom([]probe.Outcome{probe.OutcomeSuccess, probe.OutcomeFailure, probe.OutcomeTimeout, probe.OutcomeError}).Draw(t, "outcome")
				before := m.w
				ch, err := m.w.Observe(due, o)
				if err != nil {
					t.Fatalf("observe at a due time %v: %v", due.Sub(base), err)
				}
				m.now = due
				m.observed(t, before, o, ch)
			},
			"observeAnytime": func(t *rapid.T) {
				at := m.now.Add(time.Duration(rapid.Int64Range(-5_000, 25_000).Draw(t, "ms")) * time.Millisecond)
				o := rapid.SampledFrom([]probe.Outcome{probe.OutcomeSuccess, probe.OutcomeFailure, probe.OutcomeError, "bogus"}).Draw(t, "outcome")
				before := m.w
				ch, err := m.w.Observe(at, o)
				if err != nil {
					if m.w != before {
						t.Fatalf("rejected observation changed the worker: %v", err)
					}
					return
				}
				m.now = at
				m.observed(t, before, o, ch)
			},
			"newContainer": func(t *rapid.T) {
				at := m.later(t)
				startedAt := at.Add(-time.Duration(rapid.Int64Range(0, 20_000).Draw(t, "ago_ms")) * time.Millisecond)
				started := rapid.Bool().Draw(t, "started")
				if _, err := m.w.NewContainer(at, probe.Container{StartedAt: startedAt, Started: started}); err != nil {
					t.Fatal(err)
				}
				m.now = at
				if !m.w.Stopped() {
					m.started, m.container = startedAt, true
				}
			},
			"setStarted": func(t *rapid.T) {
				at := m.later(t)
				before := m.w
				if _, err := m.w.SetStarted(at); err != nil {
					if m.w != before {
						t.Fatalf("rejected SetStarted changed the worker")
					}
					return
				}
				m.now = at
			},
			"notRunning": func(t *rapid.T) {
				at := m.later(t)
				before := m.w
				ch, err := m.w.NotRunning(at, restartOf(rapid.Float64Range(0, 1).Draw(t, "p") < 0.9))
				if err != nil {
					if m.w != before {
						t.Fatalf("rejected NotRunning changed the worker")
					}
					return
				}
				if ch.Kill != "" {
					t.Fatalf("a container that is not running was killed")
				}
				m.now = at
			},
			"podDeleting": func(t *rapid.T) {
				if rapid.IntRange(0, 9).Draw(t, "rare") != 0 {
					t.Skip("rare")
				}
				at := m.later(t)
				if _, err := m.w.PodDeleting(at); err != nil {
					t.Fatal(err)
				}
				m.now = at
			},
			"podTerminal": func(t *rapid.T) {
				if rapid.IntRange(0, 19).Draw(t, "rare") != 0 {
					t.Skip("rare")
				}
				at := m.later(t)
				if _, err := m.w.PodTerminal(at); err != nil {
					t.Fatal(err)
				}
				m.now = at
			},
			"trigger": func(t *rapid.T) {
				at := m.later(t)
				if err := m.w.Trigger(at); err != nil {
					t.Fatal(err)
				}
				m.now = at
			},
			"": func(t *rapid.T) {
				due, ok := m.w.NextDue(m.now)
				if !ok {
					// Only a time-independent check may leave nothing due.
					if r := m.w.Skip(m.now.Add(100 * 24 * time.Hour)); r == "" || r == probe.SkipInitialDelay {
						t.Fatalf("nothing due at %v although a later probe would run (skip %q)", m.now.Sub(base), r)
					}
					return
				}
				if due.Before(m.now) {
					t.Fatalf("NextDue(%v) = %v, in the past", m.now.Sub(base), due.Sub(base))
				}
				if !m.w.Due(due) || m.w.Skip(due) != "" {
					t.Fatalf("NextDue = %v but Due false (skip %q)", due.Sub(base), m.w.Skip(due))
				}
				// No probe is ever due before the initial delay.
				if d := due.Sub(m.started); d < time.Duration(m.spec.InitialDelaySeconds)*time.Second {
					t.Fatalf("probe due %v after container start, initial delay %ds", d, m.spec.InitialDelaySeconds)
				}
				// Nothing is due between now and the reported due time.
				p := time.Duration(m.spec.PeriodSeconds) * time.Second
				for i, t2 := 0, due.Add(-p); i < 50 && !t2.Before(m.now); i, t2 = i+1, t2.Add(-p) {
					if m.w.Due(t2) {
						t.Fatalf("Due(%v) although NextDue says %v", t2.Sub(base), due.Sub(base))
					}
				}
			},
		})
	})
}

// op is one input of a random sequence, including nonsense.
type op struct {
	Kind    int
	At      time.Duration
	Started time.Duration
	Outcome probe.Outcome
	Flag    bool
}

func opGen() *rapid.Generator[op] {
	return rapid.Custom(func(t *rapid.T) op {
		o := op{Kind: rapid.IntRange(0, 9).Draw(t, "op")}
		switch rapid.IntRange(0, 9).Draw(t, "timeKind") {
		case 0:
			o.At = time.Duration(rapid.Int64().Draw(t, "wild"))
		case 1:
			o.At = rapid.SampledFrom([]time.Duration{math.MinInt64, math.MaxInt64, -1, 0}).Draw(t, "edge")
		default:
			o.At = time.Duration(rapid.Int64Range(-2_000, 600_000).Draw(t, "ms")) * time.Millisecond
		}
		o.Started = time.Duration(rapid.Int64Range(-100_000, 100_000).Draw(t, "startedMs")) * time.Millisecond
		o.Outcome = rapid.SampledFrom([]probe.Outcome{probe.OutcomeSuccess, probe.OutcomeFailure, probe.OutcomeTimeout, probe.OutcomeError, "", "x"}).Draw(t, "outcome")
		o.Flag = rapid.Bool().Draw(t, "flag")
		return o
	})
}

// apply runs ops on w and returns a transcript of every answer.
func apply(w *probe.Worker, ops []op) []string {
	var out []string
	rec := func(ch probe.Change, err error) {
		out = append(out, fmt.Sprintf("%+v %v", ch, err))
	}
	for _, o := range ops {
		t := base.Add(o.At)
		switch o.Kind {
		case 0:
			rec(w.Observe(t, o.Outcome))
		case 1:
			rec(w.NewContainer(t, probe.Container{StartedAt: t.Add(-o.Started), Started: o.Flag}))
		case 2:
			rec(w.SetStarted(t))
		case 3:
			rec(w.NotRunning(t, restartOf(o.Flag)))
		case 4:
			rec(w.PodDeleting(t))
		case 5:
			rec(w.PodTerminal(t))
		case 6:
			out = append(out, fmt.Sprint(w.Trigger(t)))
		case 7:
			due, ok := w.NextDue(t)
			out = append(out, fmt.Sprint(due.UnixNano(), ok, w.Due(t), w.Skip(t)))
		default:
			if due, ok := w.NextDue(t); ok {
				rec(w.Observe(due, o.Outcome))
			}
		}
	}
	r, n := w.Streak()
	return append(out, fmt.Sprint(w.Kind(), w.Result(), w.Stopped(), w.OnHold(), r, n, w.Period()))
}

func randomWorker(t *rapid.T) (probe.Worker, error) {
	kind := rapid.SampledFrom([]probe.Kind{probe.Liveness, probe.Readiness, probe.Startup, "", "Other"}).Draw(t, "kind")
	spec := execProbe(
		rapid.Int32Range(-2, 20).Draw(t, "period"),
		rapid.Int32Range(-2, 40).Draw(t, "delay"),
		rapid.Int32Range(-1, 3).Draw(t, "success"),
		rapid.Int32Range(-1, 4).Draw(t, "failure"),
	)
	if rapid.Bool().Draw(t, "grace") {
		g := rapid.Int64Range(-1, 60).Draw(t, "graceSeconds")
		spec.TerminationGracePeriodSeconds = &g
	}
	start := base.Add(time.Duration(rapid.Int64Range(-10_000, 10_000).Draw(t, "startMs")) * time.Millisecond)
	if rapid.IntRange(0, 9).Draw(t, "zeroStart") == 0 {
		start = time.Time{}
	}
	return probe.NewWorker(kind, spec, start)
}

// Same inputs, same outputs, and no panic on any sequence.
func TestPropertyDeterministicAndTotal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w, err := randomWorker(t)
		if err != nil && w != (probe.Worker{}) {
			t.Fatalf("error %v with a non-zero worker", err)
		}
		ops := rapid.SliceOfN(opGen(), 0, 60).Draw(t, "ops")
		w1, w2 := w, w
		a, b := apply(&w1, ops), apply(&w2, ops)
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("two runs differ (-first +second):\n%s", diff)
		}
		if w1 != w2 {
			t.Fatal("two runs left different workers")
		}
	})
}

func restartOf(may bool) probe.Restart {
	if may {
		return probe.MayRestart
	}
	return probe.NoRestart
}
