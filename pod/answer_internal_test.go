package pod

import (
	"time"

	"github.com/podlife/podlife/probe"
)

// answerTo is the event that does, at now, what a machine asked for: the
// sandbox up, the image pulled, the container created or started, the
// probe run with outcome o, the killed container exited (137, SIGKILL).
// ok is false for an action no event answers.
func answerTo(a Action, now time.Time, o probe.Outcome) (ev Event, ok bool) {
	switch a.Kind {
	case CreateSandbox:
		return Event{Kind: SandboxReady, At: now, IP: "10.0.0.3"}, true
	case PullImage:
		return Event{Kind: ImagePulled, At: now, Container: a.Container}, true
	case CreateContainer:
		return Event{Kind: ContainerCreated, At: now, Container: a.Container}, true
	case StartContainer:
		return Event{Kind: ContainerStarted, At: now, Container: a.Container}, true
	case RunProbe:
		return Event{Kind: ProbeResult, At: now, Container: a.Container, Probe: a.Probe, Outcome: o}, true
	case KillContainer:
		return Event{Kind: ContainerExited, At: now, Container: a.Container, ExitCode: 137, Signal: 9}, true
	}
	return Event{}, false
}
