package pod

import (
	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/phase"
)

// ConditionRule names the rule of the kubelet's condition generators that
// made one of a pod's conditions. The generators return it as they set
// the condition, so ExplainConditions reports the branch Conditions took.
// The zero value means "not generated".
type ConditionRule uint8

// The rules of the kubelet's condition generators, condition by condition.
const (
	// PodReadyToStartContainers (pkg/kubelet/status/generate.go
	// GeneratePodReadyToStartContainersCondition).
	RuleSandboxReady ConditionRule = iota + 1
	RuleSandboxNotReady

	// Initialized (GeneratePodInitializedCondition).
	RuleInitializedStatusesUnknown
	RuleInitializedPodCompleted
	RuleInitializedRegularStarted
	RuleInitializedAllDone
	RuleInitializedKeptInPlace
	RuleInitializedIncomplete

	// Ready (GeneratePodReadyCondition).
	RuleReadyCopiesContainersReady
	RuleReadyContainersReady
	RuleReadyGatesNotReady
	RuleReadyGatesTrue

	// ContainersReady (GenerateContainersReadyCondition).
	RuleContainersReadyStatusesUnknown
	RuleContainersReadyPodCompleted
	RuleContainersReadyPodFailed
	RuleContainersNotReady
	RuleContainersAllReady

	// PodScheduled (pkg/kubelet/kubelet_pods.go generateAPIPodStatus).
	RuleScheduledBound
)

// conditionRule is what one rule says: the one place its wording lives.
type conditionRule struct {
	status ConditionStatus
	source string
	text   string
}

const (
	srcGenerate = "pkg/kubelet/status/generate.go "
	srcSandbox  = srcGenerate + "GeneratePodReadyToStartContainersCondition"
	srcInit     = srcGenerate + "GeneratePodInitializedCondition"
	srcReady    = srcGenerate + "GeneratePodReadyCondition"
	srcCReady   = srcGenerate + "GenerateContainersReadyCondition"
)

var conditionRules = [...]conditionRule{
	RuleSandboxReady:    {ConditionTrue, srcSandbox, "the newest sandbox is ready, alone, in the right network mode and has an IP"},
	RuleSandboxNotReady: {ConditionFalse, srcSandbox, "the kubelet has no usable sandbox for the pod: it will create one before starting containers"},

	RuleInitializedStatusesUnknown: {ConditionFalse, srcInit, "the pod has init containers and the kubelet knows no container status yet"},
	RuleInitializedPodCompleted:    {ConditionTrue, srcInit, "the pod Succeeded: initialization counts as done"},
	RuleInitializedRegularStarted:  {ConditionTrue, srcInit, "a regular container has started, so initialization is over whatever the init containers show now"},
	RuleInitializedAllDone:         {ConditionTrue, srcInit, "every init container has completed and every sidecar has started (a pod without init containers has nothing to wait for)"},
	RuleInitializedKeptInPlace:     {ConditionTrue, srcInit, "the pod was initialized and its containers restart in place (RestartAllContainersOnContainerExits): it stays initialized"},
	RuleInitializedIncomplete:      {ConditionFalse, srcInit, "an init container has not completed or a sidecar has not started"},

	RuleReadyCopiesContainersReady: {ConditionFalse, srcReady, "ContainersReady is not True, and Ready copies it"},
	RuleReadyContainersReady:       {ConditionTrue, srcReady, "every container is ready and the pod has no readiness gates"},
	RuleReadyGatesNotReady:         {ConditionFalse, srcReady, "every container is ready, but a readiness gate's condition is missing or not True"},
	RuleReadyGatesTrue:             {ConditionTrue, srcReady, "every container is ready and every readiness gate's condition is True"},

	RuleContainersReadyStatusesUnknown: {ConditionFalse, srcCReady, "the kubelet knows no container status yet"},
	RuleContainersReadyPodCompleted:    {ConditionFalse, srcCReady, "the pod Succeeded: its containers have exited and are not ready"},
	RuleContainersReadyPodFailed:       {ConditionFalse, srcCReady, "the pod Failed: its containers are not ready"},
	RuleContainersNotReady:             {ConditionFalse, srcCReady, "a sidecar or regular container has no status or is not ready (init containers do not count)"},
	RuleContainersAllReady:             {ConditionTrue, srcCReady, "every sidecar and regular container is ready"},

	RuleScheduledBound: {ConditionTrue, "pkg/kubelet/kubelet_pods.go generateAPIPodStatus", "the pod is bound to this kubelet's node: the kubelet only ever sees scheduled pods"},
}

func (r ConditionRule) rule() conditionRule {
	if int(r) < len(conditionRules) {
		return conditionRules[r]
	}
	return conditionRule{}
}

// Text says the rule in words.
func (r ConditionRule) Text() string {
	if t := r.rule().text; t != "" {
		return t
	}
	return "no rule generated the condition"
}

// Source is the upstream function the rule restates.
func (r ConditionRule) Source() string { return r.rule().source }

// Status is the condition status the rule gives.
func (r ConditionRule) Status() ConditionStatus { return r.rule().status }

// String returns Text.
func (r ConditionRule) String() string { return r.Text() }

// ConditionWhy is one generated condition and the rule that made it.
type ConditionWhy struct {
	Condition Condition
	Rule      ConditionRule
}

// ExplainConditions returns the conditions Conditions returns for p in
// phase ph, each with the rule of the kubelet's generator that made it:
// the same generators, which report the branch they took.
func ExplainConditions(p *Pod, ph phase.Phase, facts NodeFacts, gates feature.Gates) []ConditionWhy {
	if p == nil {
		p = &Pod{}
	}
	var ib, rb [viewBuf]container.View
	var v Views
	v.Init, v.Regular, v.StatusesKnown, v.AnyRegularStarted = fillLists(ib[:0], rb[:0], p, InitFirst, gates, conditionParts)
	var why [5]ConditionRule
	conds := appendConditionsOf(nil, &p.Spec, p.Metadata.Generation, &v, p.Status.Conditions, ph, &facts, gates, &why)
	out := make([]ConditionWhy, len(conds))
	for i := range conds {
		out[i] = ConditionWhy{Condition: conds[i], Rule: why[i]}
	}
	return out
}

// PhaseWhy is the phase the kubelet derives for a pod with the rule of
// getPhase that gave it, and the name of the container that rule is about
// ("" when it is about none).
type PhaseWhy struct {
	phase.Decision
	// Container is the name of the container Decision.About points at.
	Container string
}

// ExplainPhase is Phase with its reason: phase.Decide on the same input
// Phase builds, so its Phase is always Phase's answer.
func ExplainPhase(p *Pod, facts NodeFacts, gates feature.Gates) PhaseWhy {
	if p == nil {
		p = &Pod{}
	}
	var ib, rb [viewBuf]container.View
	var v Views
	v.Init, v.Regular, _, _ = fillLists(ib[:0], rb[:0], p, RegularFirst, gates, phaseParts)
	in := phaseInput(p, &v, facts, gates)
	w := PhaseWhy{Decision: phase.Decide(&in)}
	if a := w.About; a.IsSet() {
		list := p.Spec.Containers
		if a.Init {
			list = p.Spec.InitContainers
		}
		if a.Index < len(list) {
			w.Container = list[a.Index].Name
		}
	}
	return w
}

// TerminalPhaseKept says why a pod whose stored phase is Succeeded or
// Failed keeps it whatever its containers now derive: the merge that
// KubeletStatus applies (TerminalPhaseSource).
const TerminalPhaseKept = "a pod that has reached Succeeded or Failed keeps that phase for ever: the kubelet never moves it back"

// TerminalPhaseSource is the upstream function that locks terminal phases.
const TerminalPhaseSource = "pkg/kubelet/kubelet_pods.go generateAPIPodStatus"

// NotBound says why the kubelet's answers do not apply yet to a pod
// without spec.nodeName.
const NotBound = "spec.nodeName is empty: the pod is not bound to a node, so no kubelet has seen it and the scheduler has not set PodScheduled; the kubelet's rules below are what it would apply to the pod as it stands"

// CarriedConditions returns the conditions of p's status that the kubelet
// does not generate (DisruptionTarget, readiness-gate conditions, ...): it
// keeps them as written (pkg/kubelet/types/pod_status.go
// PodConditionByKubelet), by the same test UpdateKubeletStatus applies.
func CarriedConditions(p *Pod, gates feature.Gates) []Condition {
	if p == nil {
		return nil
	}
	var out []Condition
	for _, c := range p.Status.Conditions {
		if !kubeletOwned(c.Type, gates) {
			out = append(out, c)
		}
	}
	return out
}

// CarriedSource is the upstream function that tells the kubelet's
// conditions from the ones it carries.
const CarriedSource = "pkg/kubelet/types/pod_status.go PodConditionByKubelet"
