package probe

// When the probe runs: the ticker, doProbe's checks in their order
// (SkipReason) and the due-time computations (pkg/kubelet/prober/worker.go
// run and doProbe).

import (
	"math"
	"time"
)

// SkipReason says why the kubelet would not run a probe at some moment: the
// first check of pkg/kubelet/prober/worker.go doProbe that fails, in the
// order doProbe makes them. The zero value means "not skipped: the probe
// runs".
type SkipReason string

// The reasons a probe is skipped.
const (
	// SkipNoProbe: the zero Worker, which stands for a probe the container
	// does not have.
	SkipNoProbe SkipReason = "NoProbe"
	// SkipStopped: the worker has exited (pod terminal, pod deleting for a
	// liveness or startup probe, or a container that will not be
	// restarted); a real kubelet has no worker any more.
	SkipStopped SkipReason = "Stopped"
	// SkipNoContainer: no container instance has been reported yet; the
	// kubelet waits for the container to appear in the pod status.
	SkipNoContainer SkipReason = "NoContainer"
	// SkipOnHold: after a published liveness Failure or any published
	// startup result the worker stops probing until a new container
	// instance (new container ID) appears.
	SkipOnHold SkipReason = "OnHold"
	// SkipNotRunning: the container is not running; the kubelet does not
	// probe it (its result is Failure).
	SkipNotRunning SkipReason = "NotRunning"
	// SkipInitialDelay: fewer whole seconds than initialDelaySeconds have
	// passed since the container started.
	SkipInitialDelay SkipReason = "InitialDelay"
	// SkipNotStarted: a liveness or readiness probe waits until the
	// container is started (its startup probe succeeded, or it has none).
	SkipNotStarted SkipReason = "NotStarted"
	// SkipStarted: a startup probe is not run once the container is
	// started.
	SkipStarted SkipReason = "Started"
	// SkipAlreadyProbed: a probe outcome was already reported for this
	// instant (or a later one); one run per moment.
	SkipAlreadyProbed SkipReason = "AlreadyProbed"
)

// maxOffset bounds the times a Worker accepts: time.Time.Sub saturates at
// the limits of time.Duration, so anything that far from the worker's
// start cannot be represented.
const (
	maxOffset = time.Duration(math.MaxInt64)
	minOffset = time.Duration(math.MinInt64)
)

// offset returns t relative to the worker's start, and false when that
// cannot be represented as a time.Duration.
func (w *Worker) offset(t time.Time) (time.Duration, bool) {
	d := t.Sub(w.start())
	return d, d != maxOffset && d != minOffset
}

// gate runs doProbe's first checks, which do not depend on the time.
func (w *Worker) gate() SkipReason {
	switch {
	case w.kind == kindNone:
		return SkipNoProbe
	case w.flags&flagActive == 0:
		return SkipStopped
	case w.flags&flagContainer == 0:
		return SkipNoContainer
	case w.flags&flagOnHold != 0:
		return SkipOnHold
	case w.flags&flagRunning == 0:
		return SkipNotRunning
	}
	return ""
}

// startGate is doProbe's last check: the startup probe runs only before the
// container is started, the others only after.
func (w *Worker) startGate() SkipReason {
	started := w.flags&flagStarted != 0
	if w.kind == kindStartup {
		if started {
			return SkipStarted
		}
	} else if !started {
		return SkipNotStarted
	}
	return ""
}

// skipAt runs doProbe's checks, in doProbe's order, for a probe at off.
func (w *Worker) skipAt(off time.Duration) SkipReason {
	if r := w.gate(); r != "" {
		return r
	}
	// pkg/kubelet/prober/worker.go doProbe: the probe is disabled while the
	// whole seconds since the container started (truncated toward zero) are
	// fewer than initialDelaySeconds.
	if wholeSeconds(off, w.startedAt) < int64(w.delay) {
		return SkipInitialDelay
	}
	if r := w.startGate(); r != "" {
		return r
	}
	if w.flags&flagProbed != 0 && off <= w.lastProbe {
		return SkipAlreadyProbed
	}
	return ""
}

// wholeSeconds returns (a-b) in whole seconds, truncated toward zero like
// upstream's int32(elapsed.Seconds()), saturating instead of overflowing.
func wholeSeconds(a, b time.Duration) int64 {
	d := a - b
	if (b < 0 && d < a) || (b > 0 && d > a) {
		if a > b {
			return math.MaxInt64
		}
		return math.MinInt64
	}
	return int64(d / time.Second)
}

// Skip returns why the kubelet would not run the probe at time t given
// what the worker knows now, or "" when it would run it. It evaluates
// doProbe's checks in doProbe's order; it does not check that t is a tick
// of the probe's period (see Due) nor that t is a valid next input.
func (w *Worker) Skip(t time.Time) SkipReason {
	if w == nil {
		return SkipNoProbe
	}
	off, _ := w.offset(t) // saturated when out of range, which keeps the order
	return w.skipAt(off)
}

// Due reports whether the kubelet runs the probe at exactly time t: t is a
// tick of the worker's ticker (its start, or the last Trigger, plus a whole
// number of periods), t is not earlier than the last input, and no check
// of doProbe skips it (see Skip).
func (w *Worker) Due(t time.Time) bool {
	if w == nil || w.period <= 0 {
		return false
	}
	off, ok := w.offset(t)
	if !ok || off < w.lastInput || off < w.anchor {
		return false
	}
	if (off-w.anchor)%w.Period() != 0 {
		return false
	}
	return w.skipAt(off) == ""
}

// NextDue returns the first time at or after now (and not before the last
// input) at which the kubelet runs the probe, given what the worker knows
// now: the first tick of the probe's ticker that passes every check of
// doProbe. The ticker ticks at the worker's start and every periodSeconds
// after it (pkg/kubelet/prober/worker.go run starts its ticker when the
// worker starts, not when the container does); initialDelaySeconds only
// makes the early ticks skip. ok is false
// when no probe will run until the embedder reports something new: no
// container yet, not running, liveness/readiness not started yet, startup
// already started, on hold, stopped, or the zero Worker.
//
// The returned time is never before now and keeps now's location.
func (w *Worker) NextDue(now time.Time) (due time.Time, ok bool) {
	if w == nil || w.gate() != "" || w.startGate() != "" || w.period <= 0 {
		return time.Time{}, false
	}
	n, ok := w.offset(now)
	if !ok {
		return time.Time{}, false
	}
	from := max(n, w.lastInput, w.anchor)
	if w.flags&flagProbed != 0 && w.lastProbe >= from {
		if w.lastProbe == maxOffset {
			return time.Time{}, false
		}
		from = w.lastProbe + 1
	}
	if w.delay > 0 {
		// The first instant with wholeSeconds(T, startedAt) >= delay is
		// startedAt + delay seconds (startedAt is never after an input).
		d := time.Duration(w.delay) * time.Second
		if w.startedAt > maxOffset-d {
			return time.Time{}, false
		}
		from = max(from, w.startedAt+d)
	}
	p := w.Period()
	k := (from - w.anchor) / p
	if (from-w.anchor)%p != 0 {
		k++
	}
	if k > (maxOffset-w.anchor)/p {
		return time.Time{}, false
	}
	tick := w.anchor + k*p
	if w.skipAt(tick) != "" {
		// Unreachable by construction; stay on the safe side.
		return time.Time{}, false
	}
	// now-n is the worker's start in now's location; two steps, because
	// tick-n need not fit a Duration when now is far before the start.
	return now.Add(-n).Add(tick), true
}
