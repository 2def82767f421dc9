package pod

import (
	"strings"

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

// statusesKnown reports whether the kubelet has any container status list
// for the pod: a pod with neither list decoded from JSON has none (upstream:
// a nil list), which is not the same as empty lists.
func statusesKnown(s *Status) bool {
	return s.InitContainerStatuses != nil || s.ContainerStatuses != nil
}

// lookup finds a container's status the way the condition generators do:
// first match by name in initContainerStatuses, then containerStatuses.
func (s *Status) lookup(name string) *container.Status {
	if c := container.Find(s.InitContainerStatuses, name); c != nil {
		return c
	}
	return container.Find(s.ContainerStatuses, name)
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
// leaving out an empty part.
func twoPartMessage(label1 string, names1 []string, label2 string, names2 []string) string {
	var b strings.Builder
	if len(names1) > 0 {
		b.WriteString(label1)
		nameList(&b, names1)
	}
	if len(names2) > 0 {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(label2)
		nameList(&b, names2)
	}
	return b.String()
}

// ContainersReadyCondition returns the ContainersReady condition the
// kubelet computes for p in phase ph: True when every sidecar and regular
// container reports ready (pkg/kubelet/status/generate.go
// GenerateContainersReadyCondition). Regular init containers do not count.
// The result has no times set.
func ContainersReadyCondition(p *Pod, ph phase.Phase) Condition {
	c := Condition{Type: ContainersReady, Status: ConditionFalse}
	if !statusesKnown(&p.Status) {
		c.Reason = ReasonUnknownContainerStatuses
		return c
	}
	var unknown, unready []string
	check := func(name string) {
		s := p.Status.lookup(name)
		switch {
		case s == nil:
			unknown = append(unknown, name)
		case !s.Ready:
			unready = append(unready, name)
		}
	}
	for i := range p.Spec.InitContainers {
		if p.Spec.InitContainers[i].IsSidecar() {
			check(p.Spec.InitContainers[i].Name)
		}
	}
	for i := range p.Spec.Containers {
		check(p.Spec.Containers[i].Name)
	}
	switch {
	case ph == phase.Succeeded && len(unknown) == 0:
		c.Reason = ReasonPodCompleted
	case ph == phase.Failed:
		c.Reason = ReasonPodFailed
	case len(unknown) > 0 || len(unready) > 0:
		c.Reason = ReasonContainersNotReady
		c.Message = twoPartMessage("containers with unknown status: ", unknown,
			"containers with unready status: ", unready)
	default:
		c.Status = ConditionTrue
	}
	return c
}

// ReadyCondition returns the pod's Ready condition given its
// ContainersReady condition and the conditions its readiness gates are
// checked against (pkg/kubelet/status/generate.go
// GeneratePodReadyCondition): while ContainersReady is not True, Ready
// copies it; otherwise every readiness gate's condition must exist in
// conditions and be True.
func ReadyCondition(p *Pod, containersReady Condition, conditions []Condition) Condition {
	c := Condition{Type: Ready, Status: containersReady.Status,
		Reason: containersReady.Reason, Message: containersReady.Message}
	if containersReady.Status != ConditionTrue {
		return c
	}
	var msgs []string
	for _, g := range p.Spec.ReadinessGates {
		found := (&Status{Conditions: conditions}).Condition(g.ConditionType)
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

// InitializedCondition returns the Initialized condition the kubelet
// computes for p in phase ph (pkg/kubelet/status/generate.go
// GeneratePodInitializedCondition): True once every regular init
// container has completed (ready) and every sidecar has started, or as
// soon as any regular container has run. previous is the kubelet's
// previous status (may be nil): while RestartAllContainersOnContainerExits
// is on, a pod that was Initialized stays so while its init containers run
// again in place.
func InitializedCondition(p *Pod, ph phase.Phase, previous *Status, gates feature.Gates) Condition {
	c := Condition{Type: Initialized, Status: ConditionFalse}
	if !statusesKnown(&p.Status) && len(p.Spec.InitContainers) > 0 {
		c.Reason = ReasonUnknownContainerStatuses
		return c
	}
	var unknown, incomplete []string
	for i := range p.Spec.InitContainers {
		ic := &p.Spec.InitContainers[i]
		s := p.Status.lookup(ic.Name)
		switch {
		case s == nil:
			unknown = append(unknown, ic.Name)
		case ic.IsSidecar() && !s.IsStarted():
			incomplete = append(incomplete, ic.Name)
		case !ic.IsSidecar() && !s.Ready:
			incomplete = append(incomplete, ic.Name)
		}
	}
	switch {
	case ph == phase.Succeeded && len(unknown) == 0:
		c.Status, c.Reason = ConditionTrue, ReasonPodCompleted
		return c
	case anyRegularContainerStarted(p):
		c.Status = ConditionTrue
		return c
	case len(unknown) == 0 && len(incomplete) == 0:
		c.Status = ConditionTrue
		return c
	}
	if gates.Enabled(feature.RestartAllContainersOnContainerExits) && previous != nil {
		if old := previous.Condition(Initialized); old != nil && old.Status == ConditionTrue {
			c.Status = ConditionTrue
			return c
		}
	}
	c.Reason = ReasonContainersNotInitialized
	c.Message = twoPartMessage("containers with unknown status: ", unknown,
		"containers with incomplete status: ", incomplete)
	return c
}

// anyRegularContainerStarted reports whether any status of a regular
// container shows it running or terminated now (a waiting container with a
// last termination does not count) (pkg/kubelet/container/helpers.go
// HasAnyRegularContainerStarted).
func anyRegularContainerStarted(p *Pod) bool {
	for _, list := range [2][]container.Status{p.Status.InitContainerStatuses, p.Status.ContainerStatuses} {
		for i := range list {
			s := &list[i]
			if s.State.Running == nil && s.State.Terminated == nil {
				continue
			}
			for j := range p.Spec.Containers {
				if p.Spec.Containers[j].Name == s.Name {
					return true
				}
			}
		}
	}
	return false
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
