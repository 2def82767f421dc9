package phase

import (
	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/restart"
)

// Input is everything the kubelet looks at to compute a pod's phase
// (pkg/kubelet/kubelet_pods.go getPhase), as compact views: a view per
// container, in spec order, instead of the API statuses. pod.Phase fills it
// from a pod's API status; a state machine fills the views from what it
// knows. The slices are read, never changed or retained.
type Input struct {
	// RestartPolicy is the pod's spec.restartPolicy; empty reads as Always.
	// Only read while ContainerRestartRules is off (with the gate on, each
	// view's WillRestart flag carries the answer).
	RestartPolicy restart.Policy
	// Init has one view per entry of spec.initContainers, in order; a
	// view's Kind tells sidecars (Sidecar) from init containers (Init).
	Init []container.View
	// Regular has one view per entry of spec.containers, in order.
	Regular []container.View
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

// Derive returns the phase the kubelet computes for the pod described by
// in. It never returns Unknown (only the long-gone node controller code
// did). It does not apply the kubelet's terminal lock (a Succeeded or
// Failed pod keeps its phase): pod.KubeletStatus does that.
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
	var unknown, running, waiting, pendingSidecar int
	for i := range in.Init {
		v := &in.Init[i]
		if v.Kind == container.Sidecar {
			switch v.State {
			case container.StateNone:
				unknown++
			case container.StateRunning:
				running++
				if !v.Has(container.Started) {
					pendingSidecar++
				}
			case container.StateTerminated:
				// A dead sidecar never affects the phase.
			case container.StateWaiting:
				if !v.Has(container.LastTerminated) {
					pendingSidecar++
					waiting++
				}
			default:
				pendingSidecar++
				unknown++
			}
			continue
		}
		switch {
		case v.HasTermination():
			// Upstream asks "will it restart?" for a waiting init container
			// whatever the gate; without the gate the answer is not used.
			if v.ExitCode != 0 {
				failedInit++
				if !v.Has(container.WillRestart) {
					failedInitFinal++
				}
			}
		default:
			// No status, running, waiting for its first start, or no state.
			pendingInit++
		}
	}

	var stopped, stoppedFinal, succeeded int
	for i := range in.Regular {
		v := &in.Regular[i]
		switch v.State {
		case container.StateNone:
			unknown++
		case container.StateRunning:
			running++
		case container.StateTerminated:
			stopped++
			if v.ExitCode == 0 {
				succeeded++
			}
			if !v.Has(container.WillRestart) {
				stoppedFinal++
			}
		case container.StateWaiting:
			if v.Has(container.LastTerminated) {
				stopped++
				if !v.Has(container.WillRestart) {
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
