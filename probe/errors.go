package probe

// The typed errors of the package and how they print.

import (
	"strings"
	"time"

	"github.com/podlife/podlife/field"
)

// The operation names used in errors.
const (
	opObserve      = "observation"
	opNewContainer = "new container"
	opSetStarted   = "container started"
	opNotRunning   = "container not running"
	opPodDeleting  = "pod deletion"
	opPodTerminal  = "pod terminal"
	opTrigger      = "manual trigger"
	opNewWorker    = "new worker"
)

// SpecError reports a probe spec that NewWorker refuses: the apiserver's
// field errors for it, after defaulting, on paths rooted at the
// container's field for the kind ("livenessProbe.periodSeconds").
type SpecError struct {
	// Kind is the kind the worker was asked for.
	Kind Kind
	// Errors lists every field to fix, in the apiserver's order
	// (Probe.AppendErrors); it is never empty.
	Errors field.ErrorList
}

// Error names the probe and every field error, for example "probe:
// invalid Liveness probe: livenessProbe.periodSeconds: Invalid value: -1:
// must be greater than or equal to 0".
func (e *SpecError) Error() string {
	if e == nil {
		return "probe: invalid probe"
	}
	return "probe: invalid " + string(e.Kind) + " probe: " + e.Errors.Error()
}

// Unwrap returns the field errors, so that errors.As finds a
// *field.Error in a SpecError.
func (e *SpecError) Unwrap() []error {
	if e == nil {
		return nil
	}
	out := make([]error, len(e.Errors))
	for i, fe := range e.Errors {
		out[i] = fe
	}
	return out
}

// TimeProblem says what is wrong with a time given to a Worker.
type TimeProblem string

// The time problems.
const (
	// BeforeWorkerStart: the time is earlier than the worker's start.
	BeforeWorkerStart TimeProblem = "BeforeWorkerStart"
	// BeforePreviousInput: the time is earlier than the previous accepted
	// input; a worker's inputs form one time line.
	BeforePreviousInput TimeProblem = "BeforePreviousInput"
	// StartedAfterReport: a container's startedAt is later than the moment
	// it is reported.
	StartedAfterReport TimeProblem = "StartedAfterReport"
	// OutOfRange: the time is too far from the worker's start (about 292
	// years) to be represented.
	OutOfRange TimeProblem = "OutOfRange"
)

// TimeError reports a time a Worker cannot accept.
type TimeError struct {
	// Op is the input: "observation", "new container", ...
	Op string
	// At is the offending time.
	At time.Time
	// Limit is the time it conflicts with: the worker's start, the previous
	// input, or the report time (for StartedAfterReport).
	Limit time.Time
	// Problem says which rule the time breaks.
	Problem TimeProblem
}

// Error says what is wrong with the time, for example "probe: observation
// at 12s is before the worker started at 20s". Times of a virtual clock
// that starts at the zero time.Time or at the Unix epoch print as
// durations since that origin.
func (e *TimeError) Error() string {
	if e == nil {
		return "probe: invalid time"
	}
	at, limit := formatTime(e.At), formatTime(e.Limit)
	switch e.Problem {
	case BeforeWorkerStart:
		return "probe: " + e.Op + " at " + at + " is before the worker started at " + limit
	case BeforePreviousInput:
		return "probe: " + e.Op + " at " + at + " is before the previous input at " + limit
	case StartedAfterReport:
		return "probe: " + e.Op + " reported at " + limit + " has startedAt " + at + ", which is later"
	}
	return "probe: " + e.Op + " at " + at + " is too far from the worker's start at " + limit
}

func (r SkipReason) explain() string {
	switch r {
	case SkipNoProbe:
		return "the container has no such probe (zero Worker)"
	case SkipStopped:
		return "the worker has stopped"
	case SkipNoContainer:
		return "no container has been reported yet"
	case SkipOnHold:
		return "the worker is on hold until a new container"
	case SkipNotRunning:
		return "the container is not running"
	case SkipInitialDelay:
		return "the initial delay since the container started has not passed"
	case SkipNotStarted:
		return "the container has not started yet (its startup probe has not succeeded)"
	case SkipStarted:
		return "the container has already started, so the startup probe no longer runs"
	case SkipAlreadyProbed:
		return "a probe was already observed at or after this time"
	}
	return string(r)
}

// SkipError reports an observation for a probe the kubelet would not have
// run at that time.
type SkipError struct {
	// Kind is the worker's probe kind ("" for the zero Worker).
	Kind Kind
	// At is the time of the rejected observation.
	At time.Time
	// Reason is the first check of doProbe that would skip the probe.
	Reason SkipReason
}

// Error names the probe, the time and why the kubelet would not probe then.
func (e *SkipError) Error() string {
	if e == nil {
		return "probe: observation not possible"
	}
	why := e.Reason.explain()
	kind := string(e.Kind)
	if kind == "" {
		kind = "probe"
	} else {
		kind = strings.ToLower(kind) + " probe"
	}
	return "probe: " + kind + " observation at " + formatTime(e.At) + " is not possible: " + why
}

// InputError reports an input that makes no sense in the worker's state or
// an argument out of its domain.
type InputError struct {
	// Op is the input: "observation", "container started", ...
	Op string
	// Problem says what is wrong and how to fix it.
	Problem string
}

// Error is "probe: <op>: <problem>".
func (e *InputError) Error() string {
	if e == nil {
		return "probe: invalid input"
	}
	return "probe: " + e.Op + ": " + e.Problem
}

// formatTime prints the times of a virtual clock readably: as a duration
// since the zero time.Time or since the Unix epoch when the time lies in
// year 1 or 1970 (the usual origins of simulated clocks), else in RFC 3339.
func formatTime(t time.Time) string {
	u := t.UTC()
	switch u.Year() {
	case 1:
		return u.Sub(time.Time{}).String()
	case 1970:
		return u.Sub(time.Unix(0, 0)).String()
	}
	return u.Format(time.RFC3339Nano)
}
