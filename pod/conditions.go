package pod

import (
	"strings"
	"time"

	"github.com/podlife/podlife/feature"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/phase"
)

// Reasons of the kubelet's pod conditions (pkg/kubelet/status/generate.go).
const (
	ReasonUnknownContainerStatuses = "UnknownContainerStatuses"
	ReasonPodCompleted             = "PodCompleted"
	ReasonPodFailed                = "PodFailed"
	ReasonContainersNotReady       = "ContainersNotReady"
	ReasonContainersNotInitialized = "ContainersNotInitialized"
	ReasonReadinessGatesNotReady   = "ReadinessGatesNotReady"
)

// kubeletOwned reports whether the kubelet computes conditions of type t;
// the others (readiness-gate conditions, DisruptionTarget) are copied
// (pkg/kubelet/types/pod_status.go PodConditionByKubelet).
func kubeletOwned(t ConditionType, gates feature.Gates) bool {
	switch t {
	case PodScheduled, Ready, Initialized, ContainersReady,
		"PodResizePending", "PodResizeInProgress":
		return true
	case PodReadyToStartContainers:
		return gates.Enabled(feature.PodReadyToStartContainersCondition)
	}
	return false
}

// viewClass sorts a view for a condition's message: not listed, listed
// in the message's first part, or in its second.
type viewClass uint8

const (
	notListed viewClass = iota
	firstPart
	secondPart
)

// classifier names the rule that sorts views for a message.
type classifier uint8

const (
	// readinessClasses is ContainersReady's: sidecars and regular
	// containers with no status (first part) or not ready (second).
	readinessClasses classifier = iota
	// initClasses is Initialized's, over init containers: no status
	// (first part), or not done (second): a sidecar not started, an init
	// container not ready.
	initClasses
)

// rule is the class of w under c: the one statement of both rules. It
// reads only w's kind, whether it has a status, and its ready and started
// bits.
func (c classifier) rule(w container.View) viewClass {
	switch {
	case c == readinessClasses && w.Kind == container.Init:
		return notListed
	case w.State == container.StateNone:
		return firstPart
	case c == readinessClasses || w.Kind != container.Sidecar:
		if !w.Has(container.Ready) {
			return secondPart
		}
	case !w.Has(container.Started):
		return secondPart
	}
	return notListed
}

// classKey packs what rule reads of w under c into an index of classes.
func classKey(c classifier, w container.View) int {
	none := 0
	if w.State == container.StateNone {
		none = 1
	}
	return int(c&1)<<5 | int(w.Kind&3)<<3 | none<<2 | int(w.Flags&(container.Ready|container.Started))
}

// classes is rule tabulated by classKey, so that sorting a view costs a
// load rather than a few unpredictable branches.
var classes = func() (t [64]viewClass) {
	for c := range classifier(2) {
		for k := range container.Kind(4) {
			for _, st := range []container.StateKind{container.StateNone, container.StateRunning} {
				for f := range container.ViewFlags(4) {
					w := container.View{Kind: k, State: st, Flags: f}
					t[classKey(c, w)] = c.rule(w)
				}
			}
		}
	}
	return t
}()

// of returns the class of w under c (rule, through its table).
func (c classifier) of(w container.View) viewClass { return classes[classKey(c, w)&63] }

// The labels of the two parts of the messages.
const (
	labelUnknown    = "containers with unknown status: "
	labelUnready    = "containers with unready status: "
	labelIncomplete = "containers with incomplete status: "
)

// classMessage is upstream's message for the views of spec sorted by c,
// count[k] of them in class k: "<label1>[a b], <label2>[c]", a part left
// out when no view is in it, names in spec order (init containers, then
// regular ones for readinessClasses). It is built in a stack buffer and
// allocated once, unless the previous condition of type t says the same:
// a pod's message stays the same for most of its updates, and its string
// is taken again.
func classMessage(spec *Spec, v *Views, c classifier, count *[3]int, previous []Condition, t ConditionType) string {
	var buf [192]byte
	b := buf[:0]
	for part := firstPart; part <= secondPart; part++ {
		if count[part] == 0 {
			continue
		}
		if len(b) > 0 {
			b = append(b, ", "...)
		}
		switch {
		case part == firstPart:
			b = append(b, labelUnknown...)
		case c == initClasses:
			b = append(b, labelIncomplete...)
		default:
			b = append(b, labelUnready...)
		}
		b = append(b, '[')
		b = c.appendNames(b, part, spec.InitContainers, v.Init)
		if c == readinessClasses {
			b = c.appendNames(b, part, spec.Containers, v.Regular)
		}
		b = append(b, ']')
	}
	for i := range previous {
		if previous[i].Type == t && previous[i].Message == string(b) {
			return previous[i].Message
		}
	}
	return string(b)
}

// appendNames appends the names of the views of views in class part, each
// after a space unless it opens the list.
func (c classifier) appendNames(b []byte, part viewClass, specs []container.Container, views []container.View) []byte {
	for i := range views {
		if c.of(views[i]) == part {
			if b[len(b)-1] != '[' {
				b = append(b, ' ')
			}
			b = append(b, specs[i].Name...)
		}
	}
	return b
}

// containersReady sets *c to the ContainersReady condition for views v of
// spec in phase ph: True when every sidecar and regular container reports
// ready (pkg/kubelet/status/generate.go GenerateContainersReadyCondition).
// Regular init containers do not count. No times are set. previous are
// the conditions of the previous status (see classMessage).
func containersReady(c *Condition, spec *Spec, v *Views, ph phase.Phase, previous []Condition) ConditionRule {
	if !v.StatusesKnown {
		put(c, ContainersReady, ConditionFalse, ReasonUnknownContainerStatuses, "")
		return RuleContainersReadyStatusesUnknown
	}
	var count [3]int
	for i := range v.Init {
		count[readinessClasses.of(v.Init[i])]++
	}
	for i := range v.Regular {
		count[readinessClasses.of(v.Regular[i])]++
	}
	unknown, unready := count[firstPart], count[secondPart]
	switch {
	case ph == phase.Succeeded && unknown == 0:
		put(c, ContainersReady, ConditionFalse, ReasonPodCompleted, "")
		return RuleContainersReadyPodCompleted
	case ph == phase.Failed:
		put(c, ContainersReady, ConditionFalse, ReasonPodFailed, "")
		return RuleContainersReadyPodFailed
	case unknown > 0 || unready > 0:
		put(c, ContainersReady, ConditionFalse, ReasonContainersNotReady, classMessage(spec, v, readinessClasses, &count, previous, ContainersReady))
		return RuleContainersNotReady
	}
	put(c, ContainersReady, ConditionTrue, "", "")
	return RuleContainersAllReady
}

// put sets *c to the condition of type t with status s, reason and
// message, its other fields zero. It writes field by field: building a
// Condition and copying it into *c stalls on store forwarding (the copy
// reads 16 bytes at a time what the build wrote 8 at a time), a sixth of
// AppendConditions' time in the side-by-side profile.
func put(c *Condition, t ConditionType, s ConditionStatus, reason, message string) {
	c.Type, c.Status, c.Reason, c.Message = t, s, reason, message
	c.ObservedGeneration, c.LastProbeTime, c.LastTransitionTime = 0, time.Time{}, time.Time{}
}

// readyCondition sets *c to the pod's Ready condition given its ContainersReady
// condition; the conditions its readiness gates are checked against are
// the first of each type in carried (read only where not kubelet-owned)
// and then generated (pkg/kubelet/status/generate.go
// GeneratePodReadyCondition): while ContainersReady is not True, Ready
// copies it; otherwise every readiness gate's condition must exist and be
// True.
func readyCondition(c *Condition, spec *Spec, containersReady *Condition, carried, generated []Condition, gates feature.Gates) ConditionRule {
	put(c, Ready, containersReady.Status, containersReady.Reason, containersReady.Message)
	switch {
	case containersReady.Status != ConditionTrue:
		return RuleReadyCopiesContainersReady
	case len(spec.ReadinessGates) == 0:
		return RuleReadyContainersReady
	}
	find := func(t ConditionType) *Condition {
		for i := range carried {
			if carried[i].Type == t && !kubeletOwned(t, gates) {
				return &carried[i]
			}
		}
		for i := range generated {
			if generated[i].Type == t {
				return &generated[i]
			}
		}
		return nil
	}
	var msgs []string
	for _, g := range spec.ReadinessGates {
		found := find(g.ConditionType)
		switch {
		case found == nil:
			msgs = append(msgs, `corresponding condition of pod readiness gate "`+
				string(g.ConditionType)+`" does not exist.`)
		case found.Status != ConditionTrue:
			msgs = append(msgs, `the status of pod readiness gate "`+
				string(g.ConditionType)+`" is not "True", but `+string(found.Status))
		}
	}
	if len(msgs) > 0 {
		put(c, Ready, ConditionFalse, ReasonReadinessGatesNotReady, strings.Join(msgs, ", "))
		return RuleReadyGatesNotReady
	}
	return RuleReadyGatesTrue
}

// initialized sets *c to the Initialized condition for views v of spec in
// phase ph (pkg/kubelet/status/generate.go GeneratePodInitializedCondition):
// True once every regular init container has completed (ready) and every
// sidecar has started, or as soon as any regular container has run.
// previous are the kubelet's previous conditions: while
// RestartAllContainersOnContainerExits is on, a pod that was Initialized
// stays so while its init containers run again in place.
func initialized(c *Condition, spec *Spec, v *Views, ph phase.Phase, previous []Condition, gates feature.Gates) ConditionRule {
	if !v.StatusesKnown && len(spec.InitContainers) > 0 {
		put(c, Initialized, ConditionFalse, ReasonUnknownContainerStatuses, "")
		return RuleInitializedStatusesUnknown
	}
	var count [3]int
	for i := range v.Init {
		count[initClasses.of(v.Init[i])]++
	}
	unknown, incomplete := count[firstPart], count[secondPart]
	switch {
	case ph == phase.Succeeded && unknown == 0:
		put(c, Initialized, ConditionTrue, ReasonPodCompleted, "")
		return RuleInitializedPodCompleted
	case v.AnyRegularStarted:
		put(c, Initialized, ConditionTrue, "", "")
		return RuleInitializedRegularStarted
	case unknown == 0 && incomplete == 0:
		put(c, Initialized, ConditionTrue, "", "")
		return RuleInitializedAllDone
	}
	if gates.Enabled(feature.RestartAllContainersOnContainerExits) {
		if old := (&Status{Conditions: previous}).Condition(Initialized); old != nil && old.Status == ConditionTrue {
			put(c, Initialized, ConditionTrue, "", "")
			return RuleInitializedKeptInPlace
		}
	}
	put(c, Initialized, ConditionFalse, ReasonContainersNotInitialized, classMessage(spec, v, initClasses, &count, previous, Initialized))
	return RuleInitializedIncomplete
}

// ReadyToStartContainersCondition returns the PodReadyToStartContainers
// condition for a pod with the given sandboxes (newest first): True when
// the newest sandbox is ready, alone, of the right network mode and has an
// IP; False with reason PodSandboxNotReady and the cause otherwise
// (pkg/kubelet/status/generate.go
// GeneratePodReadyToStartContainersCondition,
// pkg/kubelet/kuberuntime/util/util.go PodSandboxChanged).
func ReadyToStartContainersCondition(sandboxes []Sandbox, hostNetwork bool) Condition {
	var c Condition
	readyToStartContainers(&c, sandboxes, hostNetwork)
	return c
}

// readyToStartContainers sets *c to ReadyToStartContainersCondition's
// answer.
func readyToStartContainers(c *Condition, sandboxes []Sandbox, hostNetwork bool) ConditionRule {
	if msg := sandboxProblem(sandboxes, hostNetwork); msg != "" {
		put(c, PodReadyToStartContainers, ConditionFalse, ReasonPodSandboxNotReady, msg)
		return RuleSandboxNotReady
	}
	put(c, PodReadyToStartContainers, ConditionTrue, "", "")
	return RuleSandboxReady
}
