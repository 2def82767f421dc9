package pod

import (
	"github.com/podlife/podlife/feature"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/restart"
)

// DelaySource says where CrashLoop.Delay comes from.
type DelaySource string

// The sources of a crash-loop delay.
const (
	// DelayNone: nothing to wait for (no exit to restart from, or the
	// first restart after an exit, which is immediate).
	DelayNone DelaySource = "None"
	// DelayFromMessage: read from the waiting message "back-off 1m20s
	// restarting failed container=…": the kubelet's own record, exact.
	DelayFromMessage DelaySource = "Message"
	// DelayFromRestartCount: derived from restartCount, assuming every
	// restart was back-off controlled and the record never reset.
	DelayFromRestartCount DelaySource = "RestartCount"
	// DelayReset: the exited run lasted more than restart.CrashLoopReset,
	// so the kubelet's record has expired and the restart is immediate.
	DelayReset DelaySource = "Reset"
)

// CrashLoop is what a pod's API status tells about the next start of one
// of its containers under the kubelet's crash-loop back-off
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff).
type CrashLoop struct {
	// WillRestart is true when the status shows an exit the kubelet will
	// restart the container from: state.terminated, or a waiting state
	// with lastState.terminated, and the restart policy (container rules
	// included) restarts it, and the pod is not being deleted
	// (ShouldRestartContainer). The other fields of the exit are set only
	// then; NextDelay is also set for a running container.
	WillRestart bool
	// InBackOff is true when the container waits with reason
	// CrashLoopBackOff: the kubelet refused a restart.
	InBackOff bool
	// RestartCount is the status's restartCount.
	RestartCount int32
	// StartedAt and FinishedAt bound the run that exited (state.terminated
	// or lastState.terminated); zero when the API does not give them.
	StartedAt, FinishedAt time.Time
	// Delay is the back-off window in force for this exit, counted from
	// FinishedAt; Source says how it is known.
	Delay  time.Duration
	Source DelaySource
	// NextStart is FinishedAt + Delay: the kubelet starts the container at
	// its first sync at or after it (it re-queues the pod for that time).
	// Zero when FinishedAt is unknown.
	NextStart time.Time
	// ForgetAt, when set, is StartedAt + restart.CrashLoopReset and falls
	// before NextStart: from then on the kubelet's housekeeping may drop
	// the record, and its next sync starts the container at once.
	ForgetAt time.Time
	// NextDelay is the window the container will face when it exits again
	// soon after its next (or, when running, current) start: doubled from
	// Delay, up to the maximum.
	NextDelay time.Duration
}

// NextRestart tells, from the pod's API status alone, when the kubelet
// next tries to start the container named name (in spec.initContainers
// when list is container.Init, else spec.containers; an unknown name is an
// *UnknownContainerError) and the crash-loop delay in force. limits are the
// node's back-off windows (restart.NewCrashLoopLimits; the zero value: the
// v1.37 defaults).
//
// The delay is read from the waiting message when the container shows one
// ("back-off 1m20s restarting failed container=NAME …"), else derived
// from restartCount: n back-off-controlled restarts leave the window
// limits.DelayAfter(n) (restartCount 4: 80 s). Limits, because the API does
// not keep what the kubelet knows:
//
//   - the kubelet keeps its back-off in memory: after a kubelet restart
//     the window starts over at the initial delay while restartCount keeps
//     counting, so the derived delay is then too long;
//   - the record expires when a run outlasts restart.CrashLoopReset
//     (600 s) after its back-off-controlled start. Only the last run's
//     times are in the API: a long run now is seen (DelayReset), an
//     earlier one, which also reset the window, is not;
//   - the kubelet measures the reset from the sync that started the
//     container, a little before startedAt, so a run just under 600 s may
//     already have expired the record;
//   - the actual start waits for a sync at or after NextStart.
func NextRestart(p *Pod, name string, list container.Kind, gates feature.Gates, limits restart.CrashLoopLimits) (CrashLoop, error) {
	init := isInitList(list)
	will, err := ShouldRestartContainer(p, name, list, gates)
	if err != nil {
		return CrashLoop{}, err
	}
	statuses := p.Status.ContainerStatuses
	if init {
		statuses = p.Status.InitContainerStatuses
	}
	s := container.Find(statuses, name)
	if s == nil {
		return CrashLoop{Source: DelayNone}, nil
	}
	cl := CrashLoop{RestartCount: s.RestartCount, Source: DelayNone}
	var exit *container.Terminated
	switch {
	case s.State.Running != nil:
	case s.State.Terminated != nil:
		exit = s.State.Terminated
	case s.State.Waiting != nil:
		exit = s.LastState.Terminated
		cl.InBackOff = s.State.Waiting.Reason == container.CrashLoopBackOff
	}
	restarts := max(s.RestartCount, 0)
	if exit == nil || !will {
		if s.State.Running != nil {
			cl.NextDelay = limits.DelayAfter(restarts)
		}
		return cl, nil
	}
	cl.WillRestart = true
	cl.StartedAt, cl.FinishedAt = exit.StartedAt, exit.FinishedAt

	initial, ceiling := limits.Initial(), limits.Max()
	d, who, fromMsg := restart.ParseCrashLoopMessage(messageOf(s))
	switch {
	case cl.InBackOff && fromMsg && who == name:
		cl.Delay, cl.Source = d, DelayFromMessage
	case !cl.StartedAt.IsZero() && !cl.FinishedAt.IsZero() && cl.FinishedAt.Sub(cl.StartedAt) > restart.CrashLoopReset:
		cl.Delay, cl.Source = 0, DelayReset
	default:
		cl.Delay = limits.DelayAfter(restarts)
		if cl.Delay > 0 {
			cl.Source = DelayFromRestartCount
		}
	}
	switch {
	case cl.Source == DelayReset || cl.Delay == 0:
		cl.NextDelay = initial
	default:
		cl.NextDelay = min(2*cl.Delay, ceiling)
	}
	if !cl.FinishedAt.IsZero() {
		cl.NextStart = cl.FinishedAt.Add(cl.Delay)
		if cl.Delay > 0 && !cl.StartedAt.IsZero() {
			if forget := cl.StartedAt.Add(restart.CrashLoopReset); forget.Before(cl.NextStart) {
				cl.ForgetAt = forget
			}
		}
	}
	return cl, nil
}

func messageOf(s *container.Status) string {
	if s.State.Waiting == nil {
		return ""
	}
	return s.State.Waiting.Message
}
