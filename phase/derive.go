package phase

import (
	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/restart"
)

// Input is everything the kubelet looks at to compute a pod's phase
// (pkg/kubelet/kubelet_pods.go getPhase). It is a view of the pod: the
// slices are read, never changed or retained.
type Input struct {
	// RestartPolicy is the pod's spec.restartPolicy; empty reads as Always.
	RestartPolicy restart.Policy
	// InitContainers and Containers are the pod's spec lists.
	InitContainers []container.Container
	Containers     []container.Container
	// ContainerStatuses and InitContainerStatuses are the kubelet's
	// container statuses. A container's status is the first one with its
	// name, looked up in ContainerStatuses and then InitContainerStatuses,
	// as the kubelet does; which list holds it does not matter.
	ContainerStatuses     []container.Status
	InitContainerStatuses []container.Status
	// Static marks a static pod (annotation kubernetes.io/config.source not
	// "api"); the kubelet never gives a static pod a terminal phase just
	// because it is terminal.
	Static bool
	// PodIsTerminal says the kubelet has decided the pod is finished: it
	// is being deleted or evicted, or it runs under Never/OnFailure and all
	// its containers are done.
	PodIsTerminal bool
	// PodHasInitialized says the pod's current sandbox holds at least one
	// regular container (kubecontainer.HasAnyActiveRegularContainerStarted).
	// The API status cannot show this: after a sandbox is recreated the old
	// statuses still name regular containers that are gone.
	PodHasInitialized bool
	// Gates are the feature gates in force; the zero value is v1.37's
	// defaults.
	Gates feature.Gates
}

func (in *Input) status(name string) *container.Status {
	if s := container.Find(in.ContainerStatuses, name); s != nil {
		return s
	}
	return container.Find(in.InitContainerStatuses, name)
}

// Derive returns the phase the kubelet computes for the pod described by
// in. It never returns Unknown (only the long-gone node controller code
// did). It does not apply the kubelet's terminal lock: use Merge to combine
// the result with the previous phase.
//
// The rules, in order (pkg/kubelet/kubelet_pods.go getPhase):
//
//   - regular init containers that failed and will not be restarted make
//     the pod Failed (without ContainerRestartRules: any failed init
//     container under restartPolicy Never);
//   - an init container that has not finished, a sidecar not yet started
//     before the first regular container of this sandbox exists, or a
//     container waiting for its first start keeps the pod Pending;
//   - a running container (sidecars included) and no container of unknown
//     state make it Running;
//   - when everything has stopped, a terminal non-static pod is Succeeded
//     if every stopped container exited 0 and Failed otherwise; a pod with
//     a container that will restart is Running; else Succeeded or Failed
//     the same way;
//   - anything else is Pending.
//
// Dead and crash-looping sidecars never affect the phase. A container
// waiting in back-off after a termination counts as stopped, not waiting,
// which is why a CrashLoopBackOff pod is Running.
func Derive(in *Input) Phase {
	rulesOn := in.Gates.Enabled(feature.ContainerRestartRules)
	var pendingInit, failedInit, failedInitFinal int
	for i := range in.InitContainers {
		c := &in.InitContainers[i]
		if c.IsSidecar() {
			continue
		}
		s := in.status(c.Name)
		switch {
		case s == nil || s.State.Running != nil:
			pendingInit++
		case s.State.Terminated != nil:
			if t := s.State.Terminated; t.ExitCode != 0 {
				failedInit++
				if rulesOn && !in.willRestart(c, t) {
					failedInitFinal++
				}
			}
		case s.State.Waiting != nil:
			if t := s.LastState.Terminated; t != nil {
				// Upstream asks "will it restart?" here whatever the gate;
				// without the gate the answer is not used below.
				if t.ExitCode != 0 {
					failedInit++
					if !in.willRestart(c, t) {
						failedInitFinal++
					}
				}
			} else {
				pendingInit++
			}
		default:
			pendingInit++
		}
	}

	var unknown, running, waiting, pendingSidecar int
	var stopped, stoppedFinal, succeeded int
	for i := range in.InitContainers {
		c := &in.InitContainers[i]
		if !c.IsSidecar() {
			continue
		}
		s := in.status(c.Name)
		switch {
		case s == nil:
			unknown++
		case s.State.Running != nil:
			running++
			if !s.IsStarted() {
				pendingSidecar++
			}
		case s.State.Terminated != nil:
			// A dead sidecar never affects the phase.
		case s.State.Waiting != nil:
			if s.LastState.Terminated == nil {
				pendingSidecar++
				waiting++
			}
		default:
			pendingSidecar++
			unknown++
		}
	}
	for i := range in.Containers {
		c := &in.Containers[i]
		s := in.status(c.Name)
		switch {
		case s == nil:
			unknown++
		case s.State.Running != nil:
			running++
		case s.State.Terminated != nil:
			t := s.State.Terminated
			stopped++
			if t.ExitCode == 0 {
				succeeded++
			}
			if rulesOn && !in.willRestart(c, t) {
				stoppedFinal++
			}
		case s.State.Waiting != nil:
			if t := s.LastState.Terminated; t != nil {
				stopped++
				if rulesOn && !in.willRestart(c, t) {
					stoppedFinal++
				}
			} else {
				waiting++
			}
		default:
			unknown++
		}
	}

	if rulesOn {
		if failedInitFinal > 0 {
			return Failed
		}
	} else if failedInit > 0 && in.RestartPolicy == restart.Never {
		return Failed
	}
	switch {
	case pendingInit > 0, pendingSidecar > 0 && !in.PodHasInitialized, waiting > 0:
		return Pending
	case running > 0 && unknown == 0:
		return Running
	case running == 0 && stopped > 0 && unknown == 0:
		allSucceeded := stopped == succeeded
		switch {
		case in.PodIsTerminal && !in.Static:
			// restartPolicy does not matter once the kubelet says the pod
			// is done.
		case rulesOn:
			if stopped != stoppedFinal {
				return Running
			}
		default:
			// Without container rules only the pod policy speaks; upstream
			// compares it with Always and Never exactly.
			if in.RestartPolicy == restart.Always {
				return Running
			}
			if !allSucceeded && in.RestartPolicy != restart.Never {
				return Running
			}
		}
		if allSucceeded {
			return Succeeded
		}
		return Failed
	}
	return Pending
}

// willRestart says whether the kubelet restarts container c after the exit
// t (pkg/api/v1/pod/util.go ContainerShouldRestart, with the
// RestartAllContainers action and reason counted as a restart while its
// gate is on).
func (in *Input) willRestart(c *container.Container, t *container.Terminated) bool {
	if t.Reason == container.TerminatedRestartingAll && in.Gates.Enabled(feature.RestartAllContainersOnContainerExits) {
		return true
	}
	spec := restart.Spec{PodPolicy: in.RestartPolicy, ContainerPolicy: c.RestartPolicy, Rules: c.RestartPolicyRules}
	return restart.ShouldRestartAfterExit(spec, t.ExitCode, in.Gates)
}
