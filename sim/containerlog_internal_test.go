package sim

import (
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
)

// What a kind sets comes back from the compact record unchanged.
func TestContainerChangeRoundTrip(t *testing.T) {
	s := &Sim{pods: []*simPod{{key: "default/web", ctrs: []ctrState{{name: "init"}, {name: "app"}}}}}
	at := time.Date(2026, 1, 1, 0, 1, 2, 500_000_000, time.UTC)
	base := ContainerChange{At: at, Pod: "default/web", Container: "app", Of: container.Regular}
	pods := ContainerChange{At: at, Pod: "default/web"}
	with := func(c ContainerChange, f func(*ContainerChange)) ContainerChange { f(&c); return c }
	for _, c := range []ContainerChange{
		with(base, func(c *ContainerChange) {
			c.Kind, c.State, c.Reason, c.Backoff = StateChanged, container.StateWaiting, "CrashLoopBackOff", 20*time.Second
		}),
		with(base, func(c *ContainerChange) {
			c.Kind, c.State, c.Reason, c.ExitCode, c.Signal = StateChanged, container.StateTerminated, "OOMKilled", 137, 9
		}),
		with(base, func(c *ContainerChange) { c.Kind, c.Ready = ReadyChanged, true }),
		with(base, func(c *ContainerChange) {
			c.Kind, c.Probe, c.Outcome, c.Count, c.Threshold = ProbeCounted, probe.Liveness, probe.OutcomeTimeout, 2, 3
		}),
		with(base, func(c *ContainerChange) { c.Kind, c.Restarts, c.Backoff = Restarted, 4, 40*time.Second }),
		with(base, func(c *ContainerChange) { c.Kind, c.Hook, c.Grace = HookStarted, pod.PreStop, 30*time.Second }),
		with(base, func(c *ContainerChange) {
			c.Kind, c.Hook, c.Duration, c.Grace, c.Message = HookEnded, pod.PreStop, 5*time.Second, 30*time.Second, "exit 1"
		}),
		with(base, func(c *ContainerChange) {
			c.Kind, c.Signal, c.Grace, c.Reason = SignalSent, 15, 25*time.Second, "LivenessProbe"
		}),
		with(base, func(c *ContainerChange) { c.Kind, c.Of, c.Container = StateChanged, container.Init, "init" }),
		with(pods, func(c *ContainerChange) { c.Kind, c.Phase = PhaseChanged, phase.Succeeded }),
		with(pods, func(c *ContainerChange) { c.Kind, c.Ready, c.Reason = PodReadyChanged, false, "PodCompleted" }),
		with(pods, func(c *ContainerChange) { c.Kind, c.Grace = PodDeleting, 30*time.Second }),
		with(pods, func(c *ContainerChange) { c.Kind = PodGone }),
	} {
		ci := -1
		if c.Container != "" {
			ci = int(s.pods[0].ctrIndex(c.Container))
		}
		s.ctrLog = append(s.ctrLog[:0], pack(0, ci, &c))
		if got := s.change(0); got != c {
			t.Errorf("%s: got back\n%+v\nwant\n%+v", c.Kind, got, c)
		}
	}
}
