package pod

import (
	"strings"
	"unsafe"

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

// nameList formats names the way upstream's messages do: Go's %s of a
// []string, "[a b c]".
func nameList(b *strings.Builder, names []string) {
	b.WriteByte('[')
	for i, n := range names {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(n)
	}
	b.WriteByte(']')
}

// twoPartMessage joins "<label1>: [..]" and "<label2>: [..]" with ", ",
// leaving out an empty part; names are those of the views for which in1
// (in2) holds, taken from the matching spec lists.
func twoPartMessage(label1, label2 string, lists []viewList, in1, in2 func(container.View) bool) string {
	// One pass to size the message, one to write it: a single allocation.
	size := func(label string, in func(container.View) bool) int {
		n := 0
		for _, l := range lists {
			for i := range l.views {
				if in(l.views[i]) {
					n += len(l.spec[i].Name) + 1 // the name and a separator
				}
			}
		}
		if n == 0 {
			return 0
		}
		return len(label) + n + 1 // "[" ... "]", separators counted above
	}
	n1, n2 := size(label1, in1), size(label2, in2)
	if n1 == 0 && n2 == 0 {
		return ""
	}
	b := make([]byte, 0, n1+n2+2)
	part := func(label string, in func(container.View) bool) {
		first := true
		for _, l := range lists {
			for i := range l.views {
				if !in(l.views[i]) {
					continue
				}
				if first {
					if len(b) > 0 {
						b = append(b, ", "...)
					}
					b = append(b, label...)
					b = append(b, '[')
					first = false
				} else {
					b = append(b, ' ')
				}
				b = append(b, l.spec[i].Name...)
			}
		}
		if !first {
			b = append(b, ']')
		}
	}
	part(label1, in1)
	part(label2, in2)
	return unsafeString(b)
}

// viewList pairs a spec list with its views (same length, same order).
type viewList struct {
	spec  []container.Container
	views []container.View
}

func hasNoStatus(v container.View) bool { return v.State == container.StateNone }

// containersReady is the ContainersReady condition for views v of spec in
// phase ph: True when every sidecar and regular container reports ready
// (pkg/kubelet/status/generate.go GenerateContainersReadyCondition).
// Regular init containers do not count. The result has no times set.
func containersReady(spec *Spec, v *Views, ph phase.Phase) Condition {
	c := Condition{Type: ContainersReady, Status: ConditionFalse}
	if !v.StatusesKnown {
		c.Reason = ReasonUnknownContainerStatuses
		return c
	}
	counted := func(w container.View) bool { return w.Kind != container.Init }
	isUnknown := func(w container.View) bool { return counted(w) && hasNoStatus(w) }
	isUnready := func(w container.View) bool { return counted(w) && !hasNoStatus(w) && !w.Has(container.Ready) }
	var unknown, unready int
	for _, list := range [2][]container.View{v.Init, v.Regular} {
		for i := range list {
			switch {
			case isUnknown(list[i]):
				unknown++
			case isUnready(list[i]):
				unready++
			}
		}
	}
	switch {
	case ph == phase.Succeeded && unknown == 0:
		c.Reason = ReasonPodCompleted
	case ph == phase.Failed:
		c.Reason = ReasonPodFailed
	case unknown > 0 || unready > 0:
		c.Reason = ReasonContainersNotReady
		c.Message = twoPartMessage("containers with unknown status: ", "containers with unready status: ",
			[]viewList{{spec.InitContainers, v.Init}, {spec.Containers, v.Regular}}, isUnknown, isUnready)
	default:
		c.Status = ConditionTrue
	}
	return c
}

// readyCondition is the pod's Ready condition given its ContainersReady
// condition; the conditions its readiness gates are checked against are
// the first of each type in carried (read only where not kubelet-owned)
// and then generated (pkg/kubelet/status/generate.go
// GeneratePodReadyCondition): while ContainersReady is not True, Ready
// copies it; otherwise every readiness gate's condition must exist and be
// True.
func readyCondition(spec *Spec, containersReady Condition, carried, generated []Condition, gates feature.Gates) Condition {
	c := Condition{Type: Ready, Status: containersReady.Status,
		Reason: containersReady.Reason, Message: containersReady.Message}
	if containersReady.Status != ConditionTrue {
		return c
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
		return Condition{Type: Ready, Status: ConditionFalse,
			Reason: ReasonReadinessGatesNotReady, Message: strings.Join(msgs, ", ")}
	}
	return Condition{Type: Ready, Status: ConditionTrue}
}

// initialized is the Initialized condition for views v of spec in phase
// ph (pkg/kubelet/status/generate.go GeneratePodInitializedCondition):
// True once every regular init container has completed (ready) and every
// sidecar has started, or as soon as any regular container has run.
// previous are the kubelet's previous conditions: while
// RestartAllContainersOnContainerExits is on, a pod that was Initialized
// stays so while its init containers run again in place.
func initialized(spec *Spec, v *Views, ph phase.Phase, previous []Condition, gates feature.Gates) Condition {
	c := Condition{Type: Initialized, Status: ConditionFalse}
	if !v.StatusesKnown && len(spec.InitContainers) > 0 {
		c.Reason = ReasonUnknownContainerStatuses
		return c
	}
	isIncomplete := func(w container.View) bool {
		if hasNoStatus(w) {
			return false
		}
		if w.Kind == container.Sidecar {
			return !w.Has(container.Started)
		}
		return !w.Has(container.Ready)
	}
	var unknown, incomplete int
	for i := range v.Init {
		switch {
		case hasNoStatus(v.Init[i]):
			unknown++
		case isIncomplete(v.Init[i]):
			incomplete++
		}
	}
	switch {
	case ph == phase.Succeeded && unknown == 0:
		c.Status, c.Reason = ConditionTrue, ReasonPodCompleted
		return c
	case v.AnyRegularStarted:
		c.Status = ConditionTrue
		return c
	case unknown == 0 && incomplete == 0:
		c.Status = ConditionTrue
		return c
	}
	if gates.Enabled(feature.RestartAllContainersOnContainerExits) {
		if old := (&Status{Conditions: previous}).Condition(Initialized); old != nil && old.Status == ConditionTrue {
			c.Status = ConditionTrue
			return c
		}
	}
	c.Reason = ReasonContainersNotInitialized
	c.Message = twoPartMessage("containers with unknown status: ", "containers with incomplete status: ",
		[]viewList{{spec.InitContainers, v.Init}}, hasNoStatus, isIncomplete)
	return c
}

// ReadyToStartContainersCondition returns the PodReadyToStartContainers
// condition for a pod with the given sandboxes (newest first): True when
// the newest sandbox is ready, alone, of the right network mode and has an
// IP; False with reason PodSandboxNotReady and the cause otherwise
// (pkg/kubelet/status/generate.go
// GeneratePodReadyToStartContainersCondition,
// pkg/kubelet/kuberuntime/util/util.go PodSandboxChanged).
func ReadyToStartContainersCondition(sandboxes []Sandbox, hostNetwork bool) Condition {
	if msg := sandboxProblem(sandboxes, hostNetwork); msg != "" {
		return Condition{Type: PodReadyToStartContainers, Status: ConditionFalse,
			Reason: ReasonPodSandboxNotReady, Message: msg}
	}
	return Condition{Type: PodReadyToStartContainers, Status: ConditionTrue}
}

// unsafeString returns b as a string without copying; b must not be
// changed afterwards.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
