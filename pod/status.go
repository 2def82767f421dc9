package pod

import (
	"time"

	"github.com/podlife/podlife/feature"

	"github.com/podlife/podlife/phase"
)

// NodeFacts are what the kubelet knows about a pod that its API status
// cannot show. The zero value is a pod that is not finished, whose current
// sandbox holds no regular container yet, and that has no sandbox.
type NodeFacts struct {
	// PodIsTerminal says the kubelet has decided the pod is finished: it is
	// being deleted or evicted, or it runs under Never/OnFailure and all its
	// containers are done.
	PodIsTerminal bool
	// PodHasInitialized says the current sandbox holds at least one regular
	// container (kubecontainer.HasAnyActiveRegularContainerStarted).
	PodHasInitialized bool
	// Sandboxes are the runtime's sandboxes for the pod, newest first.
	Sandboxes []Sandbox
	// Eviction, when set, is the kubelet evicting the pod: the phase
	// becomes Failed with this reason and message (e.g. Evicted).
	Eviction *Eviction
}

// Eviction is a kubelet eviction's reason and message.
type Eviction struct {
	Reason  string
	Message string
}

// Phase returns the phase the kubelet derives for p from its spec and
// container statuses (pkg/kubelet/kubelet_pods.go getPhase). It is
// phase.Derive on p; it does not look at p.Status.Phase (see KubeletStatus for the
// kubelet's merge with the previous phase). It allocates nothing.
func Phase(p *Pod, facts NodeFacts, gates feature.Gates) phase.Phase {
	in := phase.Input{
		RestartPolicy:         p.Spec.RestartPolicy,
		InitContainers:        p.Spec.InitContainers,
		Containers:            p.Spec.Containers,
		ContainerStatuses:     p.Status.ContainerStatuses,
		InitContainerStatuses: p.Status.InitContainerStatuses,
		Static:                p.Metadata.IsStatic(),
		PodIsTerminal:         facts.PodIsTerminal,
		PodHasInitialized:     facts.PodHasInitialized,
		Gates:                 gates,
	}
	return phase.Derive(&in)
}

// Conditions returns the conditions the kubelet generates for p in phase
// ph, in the kubelet's order: PodReadyToStartContainers (while its gate is
// on), Initialized, Ready, ContainersReady, PodScheduled. p.Status is read
// as the kubelet's previous status: its conditions that the kubelet does
// not own (readiness-gate conditions, DisruptionTarget) feed the Ready
// condition. No times are set; KubeletStatus sets them.
func Conditions(p *Pod, ph phase.Phase, facts NodeFacts, gates feature.Gates) []Condition {
	out := make([]Condition, 0, len(p.Status.Conditions)+5)
	// Conditions the kubelet does not own come first and feed Ready
	// (pkg/kubelet/kubelet_pods.go generateAPIPodStatus).
	for _, c := range p.Status.Conditions {
		if !kubeletOwned(c.Type, gates) {
			out = append(out, c)
		}
	}
	carried := len(out)
	if gates.Enabled(feature.PodReadyToStartContainersCondition) {
		out = append(out, ReadyToStartContainersCondition(facts.Sandboxes, p.Spec.HostNetwork))
	}
	out = append(out, InitializedCondition(p, ph, &p.Status, gates))
	cr := ContainersReadyCondition(p, ph)
	out = append(out, ReadyCondition(p, cr, out), cr,
		Condition{Type: PodScheduled, Status: ConditionTrue})
	return out[carried:]
}

// KubeletStatus returns the status the kubelet would report for p at time now,
// with p.Status read as its previous status (pkg/kubelet/kubelet_pods.go
// generateAPIPodStatus, pkg/kubelet/status/status_manager.go):
//
//   - the phase is derived (Phase), except that a pod already Succeeded or
//     Failed keeps its phase forever, and an eviction makes it Failed;
//   - reason and message survive only while the phase stays the same;
//   - conditions are generated (Conditions); conditions the kubelet does not
//     own, DisruptionTarget among them, are carried as they are;
//   - a condition's lastTransitionTime moves to now only when its status
//     changes (now is cut to whole seconds, as the API stores it);
//   - startTime is set once.
//
// Container statuses are taken from p as they are. The result shares no
// memory with p's slices that it changes.
func KubeletStatus(p *Pod, facts NodeFacts, gates feature.Gates, now time.Time) Status {
	prev := &p.Status
	now = now.Truncate(time.Second)
	next := *prev
	derived := Phase(p, facts, gates)
	next.Phase, next.Reason, next.Message = mergePhase(prev, derived, facts.Eviction)

	generated := Conditions(p, next.Phase, facts, gates)
	conds := make([]Condition, 0, len(prev.Conditions)+len(generated))
	for _, c := range prev.Conditions {
		if !kubeletOwned(c.Type, gates) {
			conds = append(conds, c)
		}
	}
	for _, c := range generated {
		if old := prev.Condition(c.Type); old != nil && old.Status == c.Status {
			c.LastTransitionTime = old.LastTransitionTime
		} else {
			c.LastTransitionTime = now
		}
		conds = append(conds, c)
	}
	next.Conditions = conds
	if next.StartTime.IsZero() {
		next.StartTime = now
	}
	return next
}

// mergePhase combines a newly derived phase with the previous status the
// way the kubelet does: terminal phases are sticky; an eviction fails a pod
// that is not yet terminal; reason and message are kept only while the
// phase stays the same.
func mergePhase(prev *Status, derived phase.Phase, ev *Eviction) (phase.Phase, string, string) {
	if prev.Phase.IsTerminal() {
		return prev.Phase, prev.Reason, prev.Message
	}
	if ev != nil {
		return phase.Failed, ev.Reason, ev.Message
	}
	if derived == prev.Phase {
		return derived, prev.Reason, prev.Message
	}
	return derived, "", ""
}
