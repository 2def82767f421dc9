package pod

import (
	"slices"
	"time"

	"github.com/podlife/podlife/container"

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
}

// Eviction is a kubelet eviction's reason and message, the input of Evict.
type Eviction struct {
	// Reason is the pod's status.reason; empty reads as Evicted.
	Reason string
	// Message is status.message, e.g. "The node was low on resource:
	// memory. ...".
	Message string
}

// ReasonEvicted is the status.reason of a pod the kubelet evicted
// (pkg/kubelet/eviction/eviction_manager.go).
const ReasonEvicted = "Evicted"

// ReasonTerminationByKubelet is the reason of the DisruptionTarget
// condition the kubelet adds when it evicts a pod
// (k8s.io/api/core/v1 PodReasonTerminationByKubelet).
const ReasonTerminationByKubelet = "TerminationByKubelet"

// viewBuf is stack room for the views of an ordinary pod, so that Phase,
// AppendConditions and UpdateKubeletStatus allocate nothing for it.
const viewBuf = 16

// Phase returns the phase the kubelet derives for p from its spec and
// container statuses (pkg/kubelet/kubelet_pods.go getPhase): phase.Derive
// on p's views (MakeViews, in getPhase's lookup order). It does not look at
// p.Status.Phase (KubeletStatus merges with the previous phase). It
// allocates nothing for a pod of up to 16 init and 16 regular containers. A
// nil p reads as an empty pod, here and in every function of this package
// that takes a *Pod.
func Phase(p *Pod, facts NodeFacts, gates feature.Gates) phase.Phase {
	var ib, rb [viewBuf]container.View
	var v Views
	v.Init, v.Regular, _, _ = fillLists(ib[:0], rb[:0], p, RegularFirst, gates, phaseParts)
	return PhaseOf(p, &v, facts, gates)
}

// PhaseOf is Phase for views v of p already made (or filled by a state
// machine): only p's restartPolicy and static-pod annotation are read.
func PhaseOf(p *Pod, v *Views, facts NodeFacts, gates feature.Gates) phase.Phase {
	in := phaseInput(p, v, facts, gates)
	return phase.Derive(&in)
}

// phaseInput is the phase.Input for views v of p: the one reading of a
// pod that Phase and ExplainPhase share. It returns the input by value:
// filling one through a pointer would move the caller's stack views to
// the heap.
func phaseInput(p *Pod, v *Views, facts NodeFacts, gates feature.Gates) (in phase.Input) {
	// Field by field, for the reason put gives.
	in.Init, in.Regular = v.Init, v.Regular
	in.PodIsTerminal, in.PodHasInitialized = facts.PodIsTerminal, facts.PodHasInitialized
	in.Gates = gates
	if p != nil {
		// Derive reads the pod's policy only with ContainerRestartRules off
		// and the static-pod mark only for a terminal pod: on a cold pod,
		// each is a cache miss saved.
		if !gates.Enabled(feature.ContainerRestartRules) {
			in.RestartPolicy = p.Spec.RestartPolicy
		}
		in.Static = facts.PodIsTerminal && p.Metadata.IsStatic()
	}
	return in
}

// Conditions returns the conditions the kubelet generates for p in phase
// ph, in the kubelet's order: PodReadyToStartContainers (while its gate is
// on), Initialized, Ready, ContainersReady, PodScheduled. p.Status is read
// as the kubelet's previous status: its conditions that the kubelet does
// not own (readiness-gate conditions, DisruptionTarget) feed the Ready
// condition. Each carries p's metadata.generation as its
// observedGeneration, as the kubelet's do since PodObservedGenerationTracking
// (GA in v1.35). No times are set; KubeletStatus sets them. It is
// AppendConditions into a new slice.
func Conditions(p *Pod, ph phase.Phase, facts NodeFacts, gates feature.Gates) []Condition {
	return AppendConditions(make([]Condition, 0, 5), p, ph, facts, gates)
}

// AppendConditions appends to dst the conditions Conditions returns and
// returns the extended slice. With room in dst it allocates nothing for a
// pod whose conditions carry no message (a healthy pod, for one). dst's
// room must not be p.Status.Conditions' memory, which is read meanwhile.
func AppendConditions(dst []Condition, p *Pod, ph phase.Phase, facts NodeFacts, gates feature.Gates) []Condition {
	if p == nil {
		p = &Pod{}
	}
	var ib, rb [viewBuf]container.View
	var v Views
	v.Init, v.Regular, v.StatusesKnown, v.AnyRegularStarted = fillLists(ib[:0], rb[:0], p, InitFirst, gates, conditionParts)
	return AppendConditionsOf(dst, &p.Spec, p.Metadata.Generation, &v, p.Status.Conditions, ph, &facts, gates)
}

// AppendConditionsOf is AppendConditions for views v of a pod with spec
// spec and metadata.generation generation, made already (or filled by a
// state machine); previous are the kubelet's previous conditions. The
// conditions are written into dst's room as they are made, so dst's room
// must not hold previous (with AppendConditions: p.Status.Conditions).
func AppendConditionsOf(dst []Condition, spec *Spec, generation int64, v *Views, previous []Condition, ph phase.Phase, facts *NodeFacts, gates feature.Gates) []Condition {
	return appendConditionsOf(dst, spec, generation, v, previous, ph, facts, gates, nil)
}

// appendConditionsOf is AppendConditionsOf; when why is not nil, it also
// stores the rule that made each condition, in the conditions' order.
func appendConditionsOf(dst []Condition, spec *Spec, generation int64, v *Views, previous []Condition, ph phase.Phase, facts *NodeFacts, gates feature.Gates, why *[5]ConditionRule) []Condition {
	var rules [5]ConditionRule
	start := len(dst)
	n := 4
	if gates.Enabled(feature.PodReadyToStartContainersCondition) {
		n++
	}
	// The conditions are written in place, not built and copied: a
	// Condition is 120 bytes.
	dst = slices.Grow(dst, n)[:start+n]
	out := dst[start:]
	r := rules[:]
	if n == 5 {
		r[0] = readyToStartContainers(&out[0], facts.Sandboxes, spec.HostNetwork)
		out, r = out[1:], r[1:]
	}
	r[0] = initialized(&out[0], spec, v, ph, previous, gates)
	r[2] = containersReady(&out[2], spec, v, ph, previous)
	// Conditions the kubelet does not own come first in its list and feed
	// Ready (pkg/kubelet/kubelet_pods.go generateAPIPodStatus); of the
	// generated ones, those before Ready are.
	r[1] = readyCondition(&out[1], spec, &out[2], previous, dst[start:len(dst)-len(out)+1], gates)
	put(&out[3], PodScheduled, ConditionTrue, "", "")
	r[3] = RuleScheduledBound
	// Each generated condition observed the pod's generation: with
	// PodObservedGenerationTracking (GA and locked on since v1.35)
	// CalculatePodConditionObservedGeneration (pkg/api/v1/pod/util.go) is
	// metadata.generation.
	for i := range dst[start:] {
		dst[start+i].ObservedGeneration = generation
	}
	if why != nil {
		*why = rules
	}
	return dst
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
//   - observedGeneration is the pod's metadata.generation, or the previous
//     status's if that is larger;
//   - startTime is set once.
//
// Container statuses are taken from p as they are. The result shares no
// memory with p's slices that it changes; UpdateKubeletStatus is the same
// update made in place.
func KubeletStatus(p *Pod, facts NodeFacts, gates feature.Gates, now time.Time) Status {
	if p == nil {
		p = &Pod{}
	}
	cp := *p
	cp.Status.Conditions = make([]Condition, 0, len(p.Status.Conditions)+5)
	cp.Status.Conditions = append(cp.Status.Conditions, p.Status.Conditions...)
	UpdateKubeletStatus(&cp, facts, gates, now)
	return cp.Status
}

// UpdateKubeletStatus replaces p.Status with the status KubeletStatus
// returns, in place: the conditions slice is reused, so a pod updated again
// and again allocates nothing once its slice has room. A nil p is left
// alone.
func UpdateKubeletStatus(p *Pod, facts NodeFacts, gates feature.Gates, now time.Time) {
	updateKubeletStatus(p, facts, nil, gates, now)
}

// Evict is the kubelet's eviction manager failing p at now
// (pkg/kubelet/eviction/eviction_manager.go evictPod): unless p is already
// Succeeded or Failed, its phase becomes Failed with ev's reason (Evicted
// when empty) and message, and the DisruptionTarget condition is set True
// with reason TerminationByKubelet and the same message. The rest of the
// status is updated as UpdateKubeletStatus does. An eviction is an input of
// this merge, not a fact about the node: the containers still have to be
// killed (facts.PodIsTerminal is usually true from then on).
func Evict(p *Pod, ev Eviction, facts NodeFacts, gates feature.Gates, now time.Time) {
	if p == nil {
		return
	}
	if ev.Reason == "" {
		ev.Reason = ReasonEvicted
	}
	if !p.Status.Phase.IsTerminal() {
		setCondition(&p.Status, Condition{Type: DisruptionTarget, Status: ConditionTrue,
			Reason: ReasonTerminationByKubelet, Message: ev.Message, ObservedGeneration: p.Metadata.Generation}, now)
	}
	updateKubeletStatus(p, facts, &ev, gates, now)
}

// setCondition replaces the first condition of c's type in st, or appends
// c, moving lastTransitionTime to now (whole seconds) only when the status
// changes (pkg/api/v1/pod/util.go UpdatePodCondition).
func setCondition(st *Status, c Condition, now time.Time) {
	now = truncSecond(now)
	if old := st.Condition(c.Type); old != nil {
		c.LastTransitionTime = old.LastTransitionTime
		if old.Status != c.Status {
			c.LastTransitionTime = now
		}
		*old = c
		return
	}
	c.LastTransitionTime = now
	st.Conditions = append(st.Conditions, c)
}

func updateKubeletStatus(p *Pod, facts NodeFacts, ev *Eviction, gates feature.Gates, now time.Time) {
	if p == nil {
		return
	}
	var ib, rb [viewBuf]container.View
	var v Views
	v.Init, v.Regular, _, _ = fillLists(ib[:0], rb[:0], p, RegularFirst, gates, phaseParts)
	derived := PhaseOf(p, &v, facts, gates)
	st := &p.Status
	st.Phase, st.Reason, st.Message = mergePhase(st, derived, ev)
	v.Init, v.Regular, v.StatusesKnown, v.AnyRegularStarted = fillLists(v.Init, v.Regular, p, InitFirst, gates, conditionParts)
	applyConditions(st, &p.Spec, p.Metadata.Generation, &v, &facts, gates, now)
	// status_manager.go: the status observed the pod's generation
	// (CalculatePodStatusObservedGeneration), never an older one than the
	// status it replaces (mergePodStatus).
	st.ObservedGeneration = max(st.ObservedGeneration, p.Metadata.Generation)
	if st.StartTime.IsZero() {
		st.StartTime = now.Truncate(time.Second)
	}
}

// applyConditions replaces the kubelet-owned conditions of st with freshly
// generated ones, carrying the others, and sets lastTransitionTime to now
// (whole seconds) where a condition's status changed.
func applyConditions(st *Status, spec *Spec, generation int64, v *Views, facts *NodeFacts, gates feature.Gates, now time.Time) {
	now = truncSecond(now)
	var buf [8]Condition
	gen := AppendConditionsOf(buf[:0], spec, generation, v, st.Conditions, st.Phase, facts, gates)
	for i := range gen {
		if old := st.Condition(gen[i].Type); old != nil && old.Status == gen[i].Status {
			gen[i].LastTransitionTime = old.LastTransitionTime
		} else {
			gen[i].LastTransitionTime = now
		}
	}
	kept := st.Conditions[:0]
	for _, c := range st.Conditions {
		if !kubeletOwned(c.Type, gates) {
			kept = append(kept, c)
		}
	}
	st.Conditions = append(kept, gen...)
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
