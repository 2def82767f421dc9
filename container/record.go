package container

import (
	"math"
	"strconv"
	"time"

	"github.com/podlife/podlife/restart"
)

// Record is the life of one container as the kubelet keeps it, as a small
// value with no pointers: its newest instance (state, times, exit), the
// instance before it (which the API shows as lastState), the restart count
// (the newest instance's attempt), whether probes have found it started
// and ready, and why its last start failed (the reason cache).
//
// It changes only through Apply, which makes the moves the kubelet and the
// runtime make and refuses the others with a *MoveError, leaving the record
// unchanged. It renders the runtime records the kubelet converts into the
// API's container status (AppendRuntimeRecords, FailedStart) only when
// asked; pod.ContainerStatuses does the conversion, so a state machine's
// statuses are written by the same rules as the apistatus vectors test.
//
// The zero Record is a container the runtime has never created.
type Record struct {
	cur, prev instance
	// waiting is the reason cache: why the last start failed (0: none).
	waiting waitCode
	// started and ready are the probe results the kubelet applies to the
	// running instance (pkg/kubelet/prober/prober_manager.go
	// UpdatePodStatus).
	started, ready bool
	// backoff is the crash-loop window of a CrashLoopBackOff entry, in
	// seconds, for its message.
	backoff int32
}

// instance is one container instance (one runtime record).
type instance struct {
	state      restart.RecordState
	reason     reasonCode
	exitCode   int32
	signal     int32
	attempt    int32
	createdAt  int64 // Unix nanoseconds, as the runtime reports them
	startedAt  int64
	finishedAt int64
}

// reasonCode is a TerminatedReason as a small number (its index in
// terminatedReasons).
type reasonCode uint8

var terminatedReasons = [...]TerminatedReason{"", Completed, Error, OOMKilled, ContainerCannotRun,
	StartError, DeadlineExceeded, ContainerStatusUnknown, TerminatedRestartingAll}

func reasonCodeOf(r TerminatedReason) (reasonCode, bool) {
	for i, x := range terminatedReasons {
		if x == r {
			return reasonCode(i), true
		}
	}
	return 0, false
}

// waitCode is a WaitingReason of the reason cache as a small number (its
// index in waitingReasons).
type waitCode uint8

var waitingReasons = [...]WaitingReason{"", CrashLoopBackOff, ErrImagePull, ImagePullBackOff, ErrImageNeverPull,
	InvalidImageName, CreateContainerConfigError, CreateContainerError, RunContainerError, PostStartHookError}

func waitCodeOf(r WaitingReason) (waitCode, bool) {
	for i, x := range waitingReasons {
		if x == r && i > 0 {
			return waitCode(i), true
		}
	}
	return 0, false
}

// MoveKind names a move of a container's life.
type MoveKind uint8

// The moves.
const (
	// MoveCreate: the runtime created a new instance (not started yet); the
	// instance before it becomes the previous one, and the attempt count
	// goes up by one after the first instance.
	MoveCreate MoveKind = iota + 1
	// MoveStart: the created instance started running.
	MoveStart
	// MoveExit: the running instance exited (or a created one failed to
	// start) with an exit code, a signal and a reason.
	MoveExit
	// MoveFailStart: a start failed before any instance ran (image pull,
	// config, back-off): the reason cache is set; the last termination is
	// kept.
	MoveFailStart
	// MoveLose: the runtime lost the instance (its record vanished, or it
	// reports it as unknown).
	MoveLose
	// MoveProbe: probe results for the running instance: started, ready.
	MoveProbe
	// MoveRemove: the runtime removed a record that is not alive (the
	// newest instance's, or the previous one's when Move.Previous is set),
	// as the kubelet does for an in-place RestartAllContainers; the
	// previous instance then becomes the newest.
	MoveRemove
)

var moveNames = [...]string{"", "create", "start", "exit", "fail-start", "lose", "probe", "remove"}

// String returns the move's name.
func (k MoveKind) String() string {
	if int(k) < len(moveNames) && k > 0 {
		return moveNames[k]
	}
	return "MoveKind(" + strconv.Itoa(int(k)) + ")"
}

// Move is one step of a container's life, a small value. Build it with
// Create, Start, Exit, FailStart, Lose and Probe.
type Move struct {
	Kind MoveKind
	// At is when it happened.
	At time.Time
	// ExitCode, Signal and Reason are the exit's (MoveExit).
	ExitCode int32
	Signal   int32
	Reason   TerminatedReason
	// Waiting is the failed start's reason (MoveFailStart); Backoff the
	// crash-loop window in force for a CrashLoopBackOff.
	Waiting WaitingReason
	Backoff time.Duration
	// Started and Ready are the probe results (MoveProbe).
	Started, Ready bool
	// Previous selects the previous instance's record for MoveRemove.
	Previous bool
}

// Create is the runtime creating a new instance at t.
func Create(t time.Time) Move { return Move{Kind: MoveCreate, At: t} }

// Start is the created instance starting at t.
func Start(t time.Time) Move { return Move{Kind: MoveStart, At: t} }

// Exit is the instance exiting at t. An empty reason reads as the
// runtime's: Completed for exit code 0, Error otherwise.
func Exit(t time.Time, exitCode, signal int32, reason TerminatedReason) Move {
	return Move{Kind: MoveExit, At: t, ExitCode: exitCode, Signal: signal, Reason: reason}
}

// FailStart is a start that failed at t with reason (CrashLoopBackOff with
// the back-off window in force, ErrImagePull, ...).
func FailStart(t time.Time, reason WaitingReason, backoff time.Duration) Move {
	return Move{Kind: MoveFailStart, At: t, Waiting: reason, Backoff: backoff}
}

// Lose is the runtime losing the instance at t.
func Lose(t time.Time) Move { return Move{Kind: MoveLose, At: t} }

// Probe is the probe results for the running instance at t.
func Probe(t time.Time, started, ready bool) Move {
	return Move{Kind: MoveProbe, At: t, Started: started, Ready: ready}
}

// RemoveNewest is the runtime removing the newest record at t.
func RemoveNewest(t time.Time) Move { return Move{Kind: MoveRemove, At: t} }

// RemovePrevious is the runtime removing the previous instance's record.
func RemovePrevious(t time.Time) Move { return Move{Kind: MoveRemove, At: t, Previous: true} }

// MoveError reports a move that is illegal in the container's state; the
// record is unchanged.
type MoveError struct {
	// Container is the container's name, as given to Apply.
	Container string
	// Move is the refused move; State the state of the newest instance.
	Move  MoveKind
	State restart.RecordState
	// Problem says what is wrong, e.g. "only a created instance can start".
	Problem string
}

func (e *MoveError) Error() string {
	return "container " + strconv.Quote(e.Container) + ": cannot " + e.Move.String() +
		" while " + e.State.String() + ": " + e.Problem
}

// Apply makes move m on the life of the container named name (the name is
// only used in errors). An illegal move returns a *MoveError and changes
// nothing:
//
//   - create: not while an instance is created or running;
//   - start: only a created instance;
//   - exit: only a running or created instance, with a reason the kubelet
//     knows (TerminatedReason constants);
//   - fail-start: not while an instance is running, and only with a
//     waiting reason of a failed start;
//   - lose: only an instance that exists;
//   - probe: only a running instance; started is never taken back while it
//     runs, and ready needs started;
//   - remove: only a record that exists and is not alive.
func (r *Record) Apply(name string, m Move) error {
	bad := func(problem string) error {
		return &MoveError{Container: name, Move: m.Kind, State: r.cur.state, Problem: problem}
	}
	at := unixNano(m.At)
	switch m.Kind {
	case MoveCreate:
		switch r.cur.state {
		case restart.StateCreated, restart.StateRunning:
			return bad("the current instance has not exited")
		}
		next := instance{state: restart.StateCreated, createdAt: at}
		if r.cur.state != restart.StateNone {
			next.attempt = r.cur.attempt + 1
			r.prev = r.cur
		}
		r.cur, r.started, r.ready = next, false, false
		// A new instance is being started: the last failed start is no
		// longer what the container waits on.
		r.waiting, r.backoff = 0, 0
	case MoveStart:
		if r.cur.state != restart.StateCreated {
			return bad("only a created instance can start")
		}
		r.cur.state, r.cur.startedAt = restart.StateRunning, at
		r.waiting, r.backoff = 0, 0
	case MoveExit:
		if r.cur.state != restart.StateRunning && r.cur.state != restart.StateCreated {
			return bad("only a running or created instance can exit")
		}
		reason := m.Reason
		if reason == "" {
			reason = Error
			if m.ExitCode == 0 {
				reason = Completed
			}
		}
		code, ok := reasonCodeOf(reason)
		if !ok {
			return bad("unknown reason " + strconv.Quote(string(m.Reason)) + "; use a TerminatedReason constant")
		}
		r.cur.state, r.cur.reason = restart.StateExited, code
		r.cur.exitCode, r.cur.signal, r.cur.finishedAt = m.ExitCode, m.Signal, at
		r.started, r.ready = false, false
	case MoveFailStart:
		if r.cur.state == restart.StateRunning {
			return bad("a running instance has not failed to start")
		}
		code, ok := waitCodeOf(m.Waiting)
		if !ok {
			return bad("unknown failed-start reason " + strconv.Quote(string(m.Waiting)))
		}
		r.waiting, r.backoff = code, int32(m.Backoff/time.Second)
	case MoveLose:
		if r.cur.state == restart.StateNone {
			return bad("there is no instance to lose")
		}
		r.cur.state = restart.StateUnknown
		r.started, r.ready = false, false
	case MoveProbe:
		if r.cur.state != restart.StateRunning {
			return bad("only a running instance is probed")
		}
		if r.started && !m.Started {
			return bad("a started container stays started while it runs")
		}
		if m.Ready && !m.Started {
			return bad("a container is ready only once started")
		}
		r.started, r.ready = m.Started, m.Ready
	case MoveRemove:
		switch {
		case m.Previous && r.prev.state == restart.StateNone:
			return bad("there is no previous instance")
		case m.Previous:
			r.prev = instance{}
		case r.cur.state == restart.StateNone:
			return bad("there is no instance to remove")
		case r.cur.state == restart.StateRunning || r.cur.state == restart.StateCreated:
			return bad("a live instance is killed before it is removed")
		default:
			r.cur, r.prev = r.prev, instance{}
			r.started, r.ready = false, false
		}
	default:
		return bad("unknown move")
	}
	return nil
}

// State is the state of the newest instance (StateNone before the first
// create).
func (r *Record) State() restart.RecordState { return r.cur.state }

// RestartCount is the newest instance's attempt, which the kubelet reports
// as restartCount.
func (r *Record) RestartCount() int32 { return r.cur.attempt }

// Started and Ready are the probe results of the running instance.
func (r *Record) Started() bool { return r.started }

// Ready reports whether the running instance passes its readiness checks.
func (r *Record) Ready() bool { return r.ready }

// LastExit returns the exit code and finish time of the newest exited
// instance (the current one if it exited, else the previous one), and
// whether there is one.
func (r *Record) LastExit() (exitCode int32, finishedAt time.Time, ok bool) {
	for _, in := range [2]*instance{&r.cur, &r.prev} {
		if in.state == restart.StateExited {
			return in.exitCode, unixTime(in.finishedAt), true
		}
	}
	return 0, time.Time{}, false
}

// Restart is the newest instance as restart decisions read it.
func (r *Record) Restart() restart.Record {
	in := &r.cur
	rec := restart.Record{State: in.state}
	if in.state == restart.StateExited {
		rec.ExitCode = in.exitCode
		rec.OOMKilled = terminatedReasons[in.reason] == OOMKilled
	}
	return rec
}

// AppendRuntimeRecords appends the container's runtime records, newest
// first (at most two: the kubelet's conversion reads no more), for the
// container named name running image, and returns the extended slice.
// Container IDs are made up from the pod UID, name and attempt
// ("containerd://<uid>-<name>-<attempt>"), as a simulated runtime would
// number its instances.
func (r *Record) AppendRuntimeRecords(dst []RuntimeRecord, podUID, name, image string) []RuntimeRecord {
	cur, prev := r.Attempts()
	return r.AppendRuntimeRecordsWithIDs(dst, name, image, ContainerID(podUID, name, cur), ContainerID(podUID, name, prev))
}

// AppendRuntimeRecordsWithIDs is AppendRuntimeRecords with the IDs of the
// newest and the previous instance given, so that a caller who keeps
// them (they change only with Attempts) builds no string.
func (r *Record) AppendRuntimeRecordsWithIDs(dst []RuntimeRecord, name, image, curID, prevID string) []RuntimeRecord {
	for i, in := range [2]*instance{&r.cur, &r.prev} {
		if in.state == restart.StateNone {
			break
		}
		id := curID
		if i == 1 {
			id = prevID
		}
		dst = append(dst, in.runtimeRecord(id, name, image))
	}
	return dst
}

// Attempts returns the attempt numbers of the newest and the previous
// instance (0 when there is none).
func (r *Record) Attempts() (cur, prev int32) { return r.cur.attempt, r.prev.attempt }

// ContainerID is the ID AppendRuntimeRecords gives attempt of the
// container named name in the pod with UID podUID:
// "containerd://<uid>-<name>-<attempt>".
func ContainerID(podUID, name string, attempt int32) string {
	return "containerd://" + podUID + "-" + name + "-" + strconv.Itoa(int(attempt))
}

func (in *instance) runtimeRecord(id, name, image string) RuntimeRecord {
	rr := RuntimeRecord{
		Name:        name,
		ContainerID: id,
		Image:       image,
		ImageRef:    image,
		Attempt:     in.attempt,
		CreatedAt:   unixTime(in.createdAt),
	}
	switch in.state {
	case restart.StateCreated:
		rr.State = RuntimeCreated
	case restart.StateRunning:
		rr.State, rr.StartedAt = RuntimeRunning, unixTime(in.startedAt)
	case restart.StateExited:
		rr.State, rr.StartedAt, rr.FinishedAt = RuntimeExited, unixTime(in.startedAt), unixTime(in.finishedAt)
		rr.ExitCode, rr.Reason = in.exitCode, terminatedReasons[in.reason]
	default:
		rr.State = RuntimeUnknown
	}
	return rr
}

// unixNano is t in nanoseconds since 1970, the precision the runtime
// reports (the back-off counts from it); 0 for the zero time. Times before
// 1678 or after 2262 are cut to those bounds.
func unixNano(t time.Time) int64 {
	switch {
	case t.IsZero():
		return 0
	case t.Before(minNano):
		return minNano.UnixNano()
	case t.After(maxNano):
		return maxNano.UnixNano()
	}
	return t.UnixNano()
}

var (
	minNano = time.Unix(0, math.MinInt64+1)
	maxNano = time.Unix(0, math.MaxInt64)
)

func unixTime(ns int64) time.Time {
	if ns == 0 {
		return time.Time{}
	}
	return time.Unix(0, ns).UTC()
}

// Waiting is the reason of the failed start the container waits on, ""
// when its last start did not fail (or a new instance was created since).
func (r *Record) Waiting() WaitingReason { return waitingReasons[r.waiting] }

// FailedStart returns the reason-cache entry of the container named name,
// if its last start failed. A CrashLoopBackOff entry's message is the
// kubelet's ("back-off 10s restarting failed container=NAME pod=POD",
// pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff), with pod the
// pod as the kubelet names it ("name_namespace(uid)"); the other reasons'
// messages are the caller's to add.
func (r *Record) FailedStart(name, pod string) (FailedStart, bool) {
	if r.waiting == 0 {
		return FailedStart{}, false
	}
	fs := FailedStart{Name: name, Reason: waitingReasons[r.waiting]}
	if fs.Reason == CrashLoopBackOff {
		fs.Message = "back-off " + (time.Duration(r.backoff) * time.Second).String() +
			" restarting failed container=" + name + " pod=" + pod
	}
	return fs, true
}
