package probe

// The worker's state machine: its state, its inputs and what each does to
// the published result (pkg/kubelet/prober/worker.go doProbe).

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/podlife/podlife/field"
)

// Container describes a new container instance to a Worker: what the
// kubelet reads from the container's status when it sees a container ID it
// has not probed before.
type Container struct {
	// StartedAt is state.running.startedAt: the initial delay counts from
	// here. It may be earlier than the worker's start, never later than the
	// moment the container is reported.
	StartedAt time.Time
	// Started is status.started at that moment: true from the first status
	// when the container has no startup probe (prober_manager.go
	// isContainerStarted); false when a startup probe still has to pass.
	Started bool
}

// Change is what a call to a Worker did to the probe result the kubelet
// publishes for the container (its results cache,
// pkg/kubelet/prober/results), and what the embedder must do about it. The
// zero value means "nothing happened".
type Change struct {
	// Result is the published result after the call.
	Result Result
	// Changed reports whether Result differs from the result published
	// before the call (the kubelet's results manager sends an update to the
	// pod worker only then).
	Changed bool
	// Kill is set when the kubelet must kill the running container: a
	// liveness or startup probe reached failureThreshold.
	Kill KillReason
	// KillGracePeriodSeconds is the probe's own
	// terminationGracePeriodSeconds for that kill, 0 when the probe does not
	// set one (then the pod's applies). A pod being deleted with
	// deletionGracePeriodSeconds still uses that instead
	// (pkg/kubelet/kuberuntime/kuberuntime_container.go
	// setTerminationGracePeriod).
	KillGracePeriodSeconds int64
	// Stopped reports whether the worker is stopped after the call.
	Stopped bool
}

// Worker is the kubelet's probe worker for one probe of one container
// (pkg/kubelet/prober/worker.go): it decides when the probe runs, counts
// consecutive outcomes against the thresholds and publishes the result.
// The embedder runs the probe (or makes up its outcome) and reports it with
// Observe, and reports what happens to the container and pod with
// NewContainer, SetStarted, NotRunning, PodDeleting and PodTerminal
// (and, optionally, the kubelet's on-demand runs with Trigger).
//
// A Worker is a small comparable value without pointers (80 bytes); copy
// it freely. Every method that takes a time is an input on one time line:
// it must not be earlier than the worker's start or the previous accepted
// input. An input checks, in this order: its other arguments (an invalid
// Outcome or Restart is an *InputError); the zero Worker ignores it (or,
// for Observe, refuses it with SkipNoProbe); a time off the time line is a
// *TimeError; a stopped worker ignores it (Observe: SkipStopped); then its
// own conditions. A rejected call returns an error and leaves the Worker
// unchanged.
//
// The zero Worker stands for a probe the container does not have: it never
// has a probe due, its Result is NoProbe, it rejects observations and
// ignores every other input. A nil *Worker behaves exactly like the zero
// Worker; no method panics.
type Worker struct {
	startSec  int64 // worker start, seconds of time.Unix
	lastInput time.Duration
	anchor    time.Duration // the probe ticker's origin, from start
	lastProbe time.Duration // the last accepted observation, from start
	startedAt time.Duration // the container's startedAt, from start
	grace     int64         // probe terminationGracePeriodSeconds; 0 unset
	startNsec int32         // worker start, nanoseconds of time.Unix
	period    int32
	delay     int32
	successTh int32
	failureTh int32
	run       int32 // consecutive observations equal to last
	kind      uint8
	result    uint8
	last      uint8 // result code of the last counted observation
	flags     uint8
}

const (
	kindNone uint8 = iota
	kindLiveness
	kindReadiness
	kindStartup
)

const (
	resUnknown uint8 = iota
	resSuccess
	resFailure
)

const (
	flagActive    uint8 = 1 << iota // the worker's goroutine would still run
	flagContainer                   // a container instance has been reported
	flagRunning                     // that container is running
	flagStarted                     // status.started of that container
	flagOnHold                      // no probing until a new container
	flagProbed                      // lastProbe is set
)

var kinds = [...]Kind{kindNone: "", kindLiveness: Liveness, kindReadiness: Readiness, kindStartup: Startup}

var results = [...]Result{resUnknown: Unknown, resSuccess: Success, resFailure: Failure}

// NewWorker returns the worker the kubelet would start at time start for a
// probe of the given kind (prober_manager.go AddPod, worker.go newWorker).
// spec is defaulted first (Probe.Defaulted) and then validated with the
// apiserver's rules for a container's probe of that kind
// (Probe.AppendErrors, on paths rooted at the container's field for the
// kind: livenessProbe, readinessProbe or startupProbe); an invalid spec
// returns a *SpecError holding every field error, and a kind other than
// Liveness, Readiness and Startup an *InputError. On error the Worker is
// the zero Worker.
//
// The first probe is due at start and later ones every periodSeconds after
// it (the kubelet's random initial delay is not modelled). The initial
// result is Failure for readiness, Success for liveness and Unknown for
// startup.
func NewWorker(kind Kind, spec Probe, start time.Time) (Worker, error) {
	var w Worker
	switch kind {
	case Liveness:
		w.kind = kindLiveness
	case Readiness:
		w.kind = kindReadiness
	case Startup:
		w.kind = kindStartup
	default:
		return Worker{}, &InputError{Op: opNewWorker, Problem: "kind " + strconv.Quote(string(kind)) + " is not Liveness, Readiness or Startup"}
	}
	// Validated as defaulted, without copying the spec (its httpGet is a
	// pointer): the same rule pod validation uses.
	root := field.NewPath(kind.fieldName())
	if errs := spec.AppendDefaultedErrors(nil, kind, &root); len(errs) > 0 {
		return Worker{}, &SpecError{Kind: kind, Errors: errs}
	}
	w.startSec = start.Unix()
	w.startNsec = int32(start.Nanosecond())
	w.period = orDefault(spec.PeriodSeconds, DefaultPeriodSeconds)
	w.delay = spec.InitialDelaySeconds
	w.successTh = orDefault(spec.SuccessThreshold, DefaultSuccessThreshold)
	w.failureTh = orDefault(spec.FailureThreshold, DefaultFailureThreshold)
	w.flags = flagActive
	if spec.TerminationGracePeriodSeconds != nil {
		w.grace = *spec.TerminationGracePeriodSeconds
	}
	w.result = w.initial()
	return w, nil
}

// initial is the result newWorker seeds for every new container ID.
func (w *Worker) initial() uint8 {
	switch w.kind {
	case kindReadiness:
		return resFailure
	case kindLiveness:
		return resSuccess
	}
	return resUnknown
}

// Kind returns the probe kind, or "" for the zero Worker.
func (w *Worker) Kind() Kind {
	if w == nil {
		return ""
	}
	return kinds[w.kind%uint8(len(kinds))]
}

// Result returns the published result: what the kubelet's results cache
// holds for the current container. It is NoProbe ("") for the zero Worker.
// A stopped worker keeps its last result (upstream removes it from the
// cache, which the kubelet treats the same way).
func (w *Worker) Result() Result {
	if w == nil || w.kind == kindNone {
		return NoProbe
	}
	return results[w.result%uint8(len(results))]
}

// Stopped reports whether the worker has exited. The zero Worker is
// stopped.
func (w *Worker) Stopped() bool { return w == nil || w.flags&flagActive == 0 }

// OnHold reports whether the worker waits for a new container instance
// before it probes again (after a published liveness Failure or any
// published startup result).
func (w *Worker) OnHold() bool { return w != nil && w.flags&flagOnHold != 0 }

// Thresholds returns the probe's successThreshold and failureThreshold, as
// defaulted: how many equal outcomes in a row publish a result (0 for the
// zero Worker).
func (w *Worker) Thresholds() (success, failure int) {
	if w == nil {
		return 0, 0
	}
	return int(w.successTh), int(w.failureTh)
}

// Streak returns the outcome the worker counted last (Success or Failure,
// "" before the first) and how many times in a row it has been seen. The
// count goes back to 0 when the worker goes on hold, and is otherwise kept
// across new containers, as upstream does.
func (w *Worker) Streak() (Result, int) {
	if w == nil || w.last == resUnknown {
		return "", 0
	}
	return results[w.last%uint8(len(results))], int(w.run)
}

// Period returns periodSeconds as a duration (0 for the zero Worker).
func (w *Worker) Period() time.Duration {
	if w == nil {
		return 0
	}
	return time.Duration(w.period) * time.Second
}

func (w *Worker) start() time.Time { return time.Unix(w.startSec, int64(w.startNsec)) }

// onTimeLine checks that t may be the time of the next input: not too far
// from the worker's start, not before it, not before the previous accepted
// input. It returns t as an offset from the start.
func (w *Worker) onTimeLine(t time.Time, op string) (time.Duration, error) {
	off, ok := w.offset(t)
	switch {
	case !ok:
		return 0, &TimeError{Op: op, At: t, Limit: w.start(), Problem: OutOfRange}
	case off < 0:
		return 0, &TimeError{Op: op, At: t, Limit: w.start(), Problem: BeforeWorkerStart}
	case off < w.lastInput:
		return 0, &TimeError{Op: op, At: t, Limit: w.start().Add(w.lastInput), Problem: BeforePreviousInput}
	}
	return off, nil
}

// input is the preamble every input but Observe shares, after the checks
// of its arguments: the zero Worker (or a nil *Worker) ignores the input;
// a time off the time line is a *TimeError; a stopped worker ignores the
// input too. take reports whether the input applies; off is t as an offset
// from the worker's start.
func (w *Worker) input(t time.Time, op string) (off time.Duration, take bool, err error) {
	if w == nil || w.kind == kindNone {
		return 0, false, nil
	}
	off, err = w.onTimeLine(t, op)
	if err != nil {
		return 0, false, err
	}
	return off, w.flags&flagActive != 0, nil
}

// current is the Change of an input that changed nothing.
func (w *Worker) current() Change {
	return Change{Result: w.Result(), Stopped: w.Stopped()}
}

// publish sets the result the way the results manager would and reports it.
func (w *Worker) publish(r uint8) Change {
	changed := w.result != r
	w.result = r
	return Change{Result: w.Result(), Changed: changed, Stopped: w.Stopped()}
}

// Observe reports the outcome of one probe run started at time t and
// returns what it changed (pkg/kubelet/prober/worker.go doProbe, after the
// handler returned). t should be the due time the probe was started at
// (NextDue); it need not be a tick, since the kubelet also runs probes on
// demand (Trigger), but every check of doProbe must pass at t (Skip), or a
// *SkipError is returned and nothing changes.
//
// OutcomeError is discarded. Otherwise the worker counts consecutive equal
// outcomes (OutcomeTimeout counts as a failure) and publishes Success only
// after successThreshold of them in a row and Failure only after
// failureThreshold in a row. Publishing a liveness Failure, or any startup
// result, puts the worker on hold until a new container and sets the count
// back to 0; a liveness or startup Failure also asks for a kill.
//
// Observe allocates nothing when it accepts the outcome.
func (w *Worker) Observe(t time.Time, o Outcome) (Change, error) {
	var obs uint8
	switch o {
	case OutcomeSuccess:
		obs = resSuccess
	case OutcomeFailure, OutcomeTimeout:
		obs = resFailure
	case OutcomeError:
	default:
		return w.current(), &InputError{Op: opObserve, Problem: fmt.Sprintf("outcome %q is not Success, Failure, Timeout or Error", string(o))}
	}
	if w == nil || w.kind == kindNone {
		return w.current(), &SkipError{At: t, Reason: SkipNoProbe}
	}
	off, err := w.onTimeLine(t, opObserve)
	if err != nil {
		return w.current(), err
	}
	if r := w.skipAt(off); r != "" {
		return w.current(), &SkipError{Kind: w.Kind(), At: t, Reason: r}
	}
	w.lastInput, w.lastProbe = off, off
	w.flags |= flagProbed
	if obs == resUnknown {
		// worker.go doProbe: a prober error throws the result away.
		return w.current(), nil
	}
	// worker.go doProbe: count runs of equal results.
	if w.last == obs {
		if w.run < math.MaxInt32 {
			w.run++
		}
	} else {
		w.last, w.run = obs, 1
	}
	threshold := w.failureTh
	if obs == resSuccess {
		threshold = w.successTh
	}
	if w.run < threshold {
		return w.current(), nil
	}
	ch := w.publish(obs)
	// worker.go doProbe: after a liveness Failure, or any startup result,
	// probing stops until a new container ID, and the run restarts at 0.
	if (w.kind == kindLiveness && obs == resFailure) || w.kind == kindStartup {
		w.flags |= flagOnHold
		w.run = 0
	}
	// kuberuntime_manager.go computePodActions kills a running container
	// whose liveness or startup result is Failure.
	if obs == resFailure {
		switch w.kind {
		case kindLiveness:
			ch.Kill = KillLivenessProbe
		case kindStartup:
			ch.Kill = KillStartupProbe
		}
		if ch.Kill != "" {
			ch.KillGracePeriodSeconds = w.grace
		}
	}
	return ch, nil
}

// NewContainer reports at time t that the container has a new container ID:
// a new instance, running since c.StartedAt. As in worker.go doProbe, the
// result goes back to the kind's initial value (readiness Failure, liveness
// Success, startup Unknown) and the hold is lifted; the run of consecutive
// outcomes is not reset (so failures counted against the previous instance
// still count). If the new instance is not running, report NotRunning next.
// A c.StartedAt later than t, or too far from the worker's start, is a
// *TimeError.
func (w *Worker) NewContainer(t time.Time, c Container) (Change, error) {
	off, take, err := w.input(t, opNewContainer)
	if err != nil || !take {
		return w.current(), err
	}
	sa, ok := w.offset(c.StartedAt)
	if !ok {
		return w.current(), &TimeError{Op: opNewContainer, At: c.StartedAt, Limit: w.start(), Problem: OutOfRange}
	}
	if sa > off {
		return w.current(), &TimeError{Op: opNewContainer, At: c.StartedAt, Limit: t, Problem: StartedAfterReport}
	}
	w.lastInput = off
	w.startedAt = sa
	w.flags = w.flags&^(flagOnHold|flagStarted) | flagContainer | flagRunning
	if c.Started {
		w.flags |= flagStarted
	}
	return w.publish(w.initial()), nil
}

// SetStarted reports at time t that the running container's status.started
// became true: its startup probe succeeded (or, exceptionally, the kubelet
// carried the flag over). From then on liveness and readiness probes run
// and a startup probe no longer does. Without a running container it is an
// *InputError.
func (w *Worker) SetStarted(t time.Time) (Change, error) {
	off, take, err := w.input(t, opSetStarted)
	if err != nil || !take {
		return w.current(), err
	}
	if w.flags&flagContainer == 0 || w.flags&flagRunning == 0 {
		return w.current(), &InputError{Op: opSetStarted, Problem: "no running container: report NewContainer first"}
	}
	w.lastInput = off
	w.flags |= flagStarted
	return w.current(), nil
}

// Restart says whether a container that is no longer running will be
// started again: the embedder's answer for NotRunning, from the restart
// rules (the restart package). Its zero value is not an answer; NotRunning
// rejects it.
type Restart uint8

// The answers.
const (
	// MayRestart: the container may still run again: it has no terminated
	// state yet (created, never started), or its restart policy and rules
	// restart it after this exit code (pkg/api/v1/pod/util.go
	// ContainerShouldRestart), or the pod restarts all its containers. The
	// worker keeps running and waits for the next instance.
	MayRestart Restart = iota + 1
	// NoRestart: the container will not run again; the worker exits.
	NoRestart
)

// String returns "MayRestart", "NoRestart", or "Restart(n)" for any other
// value.
func (r Restart) String() string {
	switch r {
	case MayRestart:
		return "MayRestart"
	case NoRestart:
		return "NoRestart"
	}
	return "Restart(" + strconv.Itoa(int(r)) + ")"
}

// NotRunning reports at time t that the container is no longer running
// (exited, or created but never started). As in worker.go doProbe the
// result becomes Failure, and the worker exits unless r is MayRestart. A
// worker on hold ignores this, as doProbe checks the hold first. Without a
// container, or with an r that is neither MayRestart nor NoRestart, it is
// an *InputError.
//
// A Failure published here is not a probe failure: it never asks for a
// kill (the kubelet only acts on the liveness result of a running
// container).
func (w *Worker) NotRunning(t time.Time, r Restart) (Change, error) {
	if r != MayRestart && r != NoRestart {
		return w.current(), &InputError{Op: opNotRunning, Problem: r.String() + " is neither MayRestart nor NoRestart"}
	}
	off, take, err := w.input(t, opNotRunning)
	if err != nil || !take {
		return w.current(), err
	}
	if w.flags&flagContainer == 0 {
		return w.current(), &InputError{Op: opNotRunning, Problem: "no container yet: report NewContainer first"}
	}
	w.lastInput = off
	w.flags &^= flagRunning | flagStarted
	if w.flags&flagOnHold != 0 {
		return w.current(), nil
	}
	if r == NoRestart {
		w.flags &^= flagActive
	}
	return w.publish(resFailure), nil
}

// PodDeleting reports at time t that the pod got a deletionTimestamp. A
// liveness or startup worker publishes Success (a quiet shutdown: no kill
// while the pod terminates) and exits (worker.go doProbe; the kubelet also
// stops these workers before killing, prober_manager.go
// StopLivenessAndStartup). A readiness worker keeps probing.
func (w *Worker) PodDeleting(t time.Time) (Change, error) {
	off, take, err := w.input(t, opPodDeleting)
	if err != nil || !take {
		return w.current(), err
	}
	w.lastInput = off
	if w.kind == kindReadiness {
		return w.current(), nil
	}
	w.flags &^= flagActive
	return w.publish(resSuccess), nil
}

// PodTerminal reports at time t that the pod's phase became Succeeded or
// Failed: the worker exits (worker.go doProbe checks this first). The
// result is left as it is.
func (w *Worker) PodTerminal(t time.Time) (Change, error) {
	off, take, err := w.input(t, opPodTerminal)
	if err != nil || !take {
		return w.current(), err
	}
	w.lastInput = off
	w.flags &^= flagActive
	return w.current(), nil
}

// Trigger reports at time t that the kubelet asked the worker for an
// immediate run: prober_manager.go UpdatePodStatus does so for a started
// container whose readiness result is not Success. The probe becomes due at
// t (if doProbe's checks pass) and the ticker restarts there, so later
// ticks fall at t plus whole periods (worker.go run resets its ticker on a
// manual run). Without Trigger the ticker stays anchored at the worker's
// start.
func (w *Worker) Trigger(t time.Time) error {
	off, take, err := w.input(t, opTrigger)
	if err != nil || !take {
		return err
	}
	w.lastInput = off
	w.anchor = off
	return nil
}
