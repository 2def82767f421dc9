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
	var d Decision
	decide(in, &d)
	return d.Phase
}

// Decide is Derive with its reasons: the phase, the rule of getPhase that
// gave it, and the counts that rule read. Derive is Decide's Phase, so an
// explanation built from a Decision is the derivation's own branch, never
// a second reading of the containers.
func Decide(in *Input) Decision {
	var d Decision
	decide(in, &d)
	d.About = d.first[aboutGroup[d.Rule]].ref()
	return d
}

// decide fills d; d.About is left to Decide, from d.first.
func decide(in *Input, d *Decision) {
	rulesOn := in.Gates.Enabled(feature.ContainerRestartRules)
	for i := range in.Init {
		v := &in.Init[i]
		at := firstRef(-1 - i)
		if v.Kind == container.Sidecar {
			switch v.State {
			case container.StateNone:
				d.Unknown++
				d.first.see(groupUnknown, at)
			case container.StateRunning:
				d.Running++
				if !v.Has(container.Started) {
					d.PendingSidecars++
					d.first.see(groupPendingSidecar, at)
				}
			case container.StateTerminated:
				// A dead sidecar never affects the phase.
			case container.StateWaiting:
				if !v.Has(container.LastTerminated) {
					d.PendingSidecars++
					d.Waiting++
					d.first.see(groupPendingSidecar, at)
					d.first.see(groupWaiting, at)
				}
			default:
				d.PendingSidecars++
				d.Unknown++
				d.first.see(groupPendingSidecar, at)
				d.first.see(groupUnknown, at)
			}
			continue
		}
		switch {
		case v.HasTermination():
			// Upstream asks "will it restart?" for a waiting init container
			// whatever the gate; without the gate the answer is not used.
			if v.ExitCode != 0 {
				d.FailedInit++
				d.first.see(groupFailedInit, at)
				if !v.Has(container.WillRestart) {
					d.FailedInitFinal++
					d.first.see(groupFailedInitFinal, at)
				}
			}
		default:
			// No status, running, waiting for its first start, or no state.
			d.PendingInit++
			d.first.see(groupPendingInit, at)
		}
	}

	var stoppedFinal int
	for i := range in.Regular {
		v := &in.Regular[i]
		switch v.State {
		case container.StateNone:
			d.Unknown++
			d.first.see(groupUnknown, firstRef(i+1))
		case container.StateRunning:
			d.Running++
		case container.StateTerminated:
			d.Stopped++
			if v.ExitCode == 0 {
				d.Succeeded++
			}
			if !v.Has(container.WillRestart) {
				stoppedFinal++
			}
		case container.StateWaiting:
			if v.Has(container.LastTerminated) {
				d.Stopped++
				d.BackingOff++
				if !v.Has(container.WillRestart) {
					stoppedFinal++
				}
			} else {
				d.Waiting++
				d.first.see(groupWaiting, firstRef(i+1))
			}
		default:
			d.Unknown++
			d.first.see(groupUnknown, firstRef(i+1))
		}
	}
	d.WillRestart = d.Stopped - stoppedFinal
	d.Rule, d.Phase = rule(in, d, rulesOn)
}

// rule is the rule of getPhase that applies to the counts in d, the first
// that does in the kubelet's order, and the phase it gives. The phase is
// stated here, in the branch, and again in Rule.Result for readers; a test
// holds the two together.
func rule(in *Input, d *Decision, rulesOn bool) (Rule, Phase) {
	if rulesOn {
		if d.FailedInitFinal > 0 {
			return RuleInitFailed, Failed
		}
	} else if d.FailedInit > 0 && in.RestartPolicy == restart.Never {
		return RuleInitFailedUnderNever, Failed
	}
	switch {
	case d.PendingInit > 0:
		return RuleInitPending, Pending
	case d.PendingSidecars > 0 && !in.PodHasInitialized:
		return RuleSidecarPending, Pending
	case d.Waiting > 0:
		return RuleContainerWaiting, Pending
	case d.Running > 0 && d.Unknown == 0:
		return RuleRunning, Running
	case d.Running == 0 && d.Stopped > 0 && d.Unknown == 0:
		allSucceeded := d.Stopped == d.Succeeded
		switch {
		case in.PodIsTerminal && !in.Static:
			// restartPolicy does not matter once the kubelet says the pod
			// is done.
			if allSucceeded {
				return RuleTerminalSucceeded, Succeeded
			}
			return RuleTerminalFailed, Failed
		case rulesOn:
			if d.WillRestart > 0 {
				return RuleStoppedWillRestart, Running
			}
		default:
			// Without container rules only the pod policy speaks; upstream
			// compares it with Always and Never exactly.
			if in.RestartPolicy == restart.Always {
				return RuleStoppedUnderAlways, Running
			}
			if !allSucceeded && in.RestartPolicy != restart.Never {
				return RuleStoppedFailedUnderOnFailure, Running
			}
		}
		if allSucceeded {
			return RuleAllSucceeded, Succeeded
		}
		return RuleSomeFailed, Failed
	case d.Unknown > 0:
		return RuleUnknownState, Pending
	}
	return RuleNoContainerState, Pending
}
