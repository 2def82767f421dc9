package sim

import (
	"github.com/podlife/podlife/resource"
)

// Node is a node of the simulated cluster: a v1.Node reduced to what the
// scheduler, the node controllers and the DaemonSet-style controller read.
type Node struct {
	// Name is metadata.name.
	Name string
	// Labels are metadata.labels, matched by nodeSelector.
	Labels map[string]string
	// Allocatable is status.allocatable: cpu, memory and pods are checked
	// against the pods' requests; a resource not listed is not limited.
	Allocatable resource.List
	// Taints are spec.taints (the node controllers add their own on top:
	// node.kubernetes.io/unreachable, node.kubernetes.io/unschedulable).
	Taints []Taint
	// Unschedulable is spec.unschedulable (a cordoned node).
	Unschedulable bool
}

// TaintEffect is a taint's effect, with the API's strings.
type TaintEffect string

// The taint effects (k8s.io/api/core/v1 TaintEffect).
const (
	NoSchedule       TaintEffect = "NoSchedule"
	PreferNoSchedule TaintEffect = "PreferNoSchedule"
	NoExecute        TaintEffect = "NoExecute"
)

// Taint is a node taint (key, value, effect).
type Taint struct {
	Key    string
	Value  string
	Effect TaintEffect
}

// TolerationOperator is a toleration's operator: Exists or Equal (empty
// reads as Equal, as the API defaults it).
type TolerationOperator string

// The toleration operators.
const (
	TolerationExists TolerationOperator = "Exists"
	TolerationEqual  TolerationOperator = "Equal"
)

// Toleration is a pod's toleration of taints (spec.tolerations[*]).
type Toleration struct {
	// Key is the taint key it matches; empty with Exists matches every
	// taint.
	Key      string
	Operator TolerationOperator
	Value    string
	// Effect is the effect it matches; empty matches every effect.
	Effect TaintEffect
	// TolerationSeconds bounds how long a NoExecute taint is tolerated
	// (nil: for ever).
	TolerationSeconds *int64
}

// tolerates reports whether t tolerates taint x
// (k8s.io/api/core/v1 toleration.go ToleratesTaint).
func (t *Toleration) tolerates(x *Taint) bool {
	if t.Effect != "" && t.Effect != x.Effect {
		return false
	}
	if t.Key != "" && t.Key != x.Key {
		return false
	}
	switch t.Operator {
	case TolerationExists:
		return true
	case TolerationEqual, "":
		return t.Value == x.Value
	}
	return false
}

// The taint keys the control plane sets (k8s.io/api/core/v1 well_known_taints.go).
const (
	TaintNodeUnreachable   = "node.kubernetes.io/unreachable"
	TaintNodeNotReady      = "node.kubernetes.io/not-ready"
	TaintNodeUnschedulable = "node.kubernetes.io/unschedulable"
	TaintMemoryPressure    = "node.kubernetes.io/memory-pressure"
	TaintDiskPressure      = "node.kubernetes.io/disk-pressure"
	TaintPIDPressure       = "node.kubernetes.io/pid-pressure"
)

// Scheduling is the part of a pod's spec that the scheduler, the taint
// eviction and the kubelet's eviction ranking read and that pod.Pod does
// not model (pod/unchecked.go): spec.nodeSelector, spec.tolerations,
// spec.priority and spec.preemptionPolicy. LoadScript reads them from the
// pods' JSON.
type Scheduling struct {
	NodeSelector map[string]string
	Tolerations  []Toleration
	Priority     int32
	// PreemptionPolicy is spec.preemptionPolicy ("" is
	// PreemptLowerPriority, the default). The simulator never preempts;
	// the policy shows in the scheduler's message for a pod no node fits.
	PreemptionPolicy PreemptionPolicy
}

// isZero reports whether sch is the default: no selector, no
// tolerations, priority 0, the default preemption policy.
func (sch *Scheduling) isZero() bool {
	return sch.NodeSelector == nil && sch.Tolerations == nil && sch.Priority == 0 && sch.PreemptionPolicy == ""
}

// PreemptionPolicy is whether a pod that no node fits may have the
// scheduler evict pods of lower priority to make room (spec.preemptionPolicy).
type PreemptionPolicy string

// The preemption policies (k8s.io/api/core/v1 PreemptLowerPriority,
// PreemptNever).
const (
	PreemptLowerPriority PreemptionPolicy = "PreemptLowerPriority"
	PreemptNever         PreemptionPolicy = "Never"
)

// simNode is the Sim's part of one node.
type simNode struct {
	Node
	declared bool // in Script.Nodes (else an implicit node without limits)
	// ip is the node's InternalIP (nodeIP), which its kubelet writes as
	// its pods' status.hostIP.
	ip string
	// gone: the kubelet stopped reporting (NodeLost) or the node was
	// deleted; the answers of its pods are parked until it is back.
	gone bool
	// notReady: the node lifecycle controller has set Ready Unknown and
	// the NoExecute unreachable taint (NodeMonitorGracePeriod after gone).
	notReady bool
	// taintedAt is when the unreachable taint was added.
	taintedAt int64
	deleted   bool
	pressure  bool
	// pressureLeft is how many evictions the memory pressure still asks.
	pressureLeft int
	// gen is bumped when the node comes back or is deleted: timers queued
	// before (grace, taint evictions) are stale.
	gen    uint32
	parked []item
	// images are the images the node's pods pulled (image garbage
	// collection is not simulated: one stays); imageWaiters are the pods
	// bound while an image of theirs was not there yet, told when it comes.
	images       map[string]struct{}
	imageWaiters []int32
	// pullsFreeAt is when the node's image puller is done with the pulls
	// asked of it so far (Unix nanoseconds): the kubelet pulls one image
	// at a time, in the order asked (serializeImagePulls, true by default;
	// pkg/kubelet/images/puller.go serialImagePuller).
	pullsFreeAt int64
	// imageReadyAt is when each image a pull was booked for is on the
	// node (Unix nanoseconds), the failed pulls left out.
	imageReadyAt map[string]int64
	// used is what the pods bound to the node request (the terminal and
	// removed ones released).
	usedMilliCPU, usedMemory int64
	usedPods                 int
	// scoreMilliCPU and scoreMemory are the same with requests of zero
	// counted as scoring counts them.
	scoreMilliCPU, scoreMemory int64
}

// taints returns the node's taints with those the control plane adds
// (pkg/controller/nodelifecycle node_lifecycle_controller.go
// doNoExecuteTaintingPass and doNoScheduleTaintingPass; the cordon's from
// pkg/controller/nodelifecycle taintNodeByCondition / the scheduler's
// NodeUnschedulable plugin).
func (n *simNode) taints(dst []Taint) []Taint {
	dst = append(dst[:0], n.Taints...)
	if n.notReady {
		dst = append(dst, Taint{Key: TaintNodeUnreachable, Effect: NoSchedule}, Taint{Key: TaintNodeUnreachable, Effect: NoExecute})
	}
	if n.Unschedulable {
		dst = append(dst, Taint{Key: TaintNodeUnschedulable, Effect: NoSchedule})
	}
	if n.pressure {
		dst = append(dst, Taint{Key: TaintMemoryPressure, Effect: NoSchedule})
	}
	return dst
}

// admittedTolerates reports whether a pod with tols tolerates x once the
// DefaultTolerationSeconds admission plugin has added its tolerations
// (operator Exists: any value).
func admittedTolerates(tols []Toleration, x *Taint) bool {
	if x.Effect == NoExecute && defaultTolerated(tols, x.Key) {
		return true
	}
	_, ok := tolerated(tols, x)
	return ok
}

func tolerated(tols []Toleration, x *Taint) (*Toleration, bool) {
	for i := range tols {
		if tols[i].tolerates(x) {
			return &tols[i], true
		}
	}
	return nil, false
}

// defaultTolerationSeconds is the toleration the DefaultTolerationSeconds
// admission plugin gives every pod for the not-ready and unreachable
// NoExecute taints (plugin/pkg/admission/defaulttolerationseconds
// admission.go: 300 s each), unless the pod has a toleration for them
// (defaultTolerated).
const defaultTolerationSeconds = 300

// defaultTolerated reports whether the DefaultTolerationSeconds admission
// plugin gave a pod with tols its toleration of the NoExecute taint key:
// only for TaintNodeNotReady and TaintNodeUnreachable (operator Exists,
// 300 s), and not when one of tols names that key and effect or leaves
// them empty, whatever its operator and value (admission.go Admit).
func defaultTolerated(tols []Toleration, key string) bool {
	if key != TaintNodeNotReady && key != TaintNodeUnreachable {
		return false
	}
	for i := range tols {
		if t := &tols[i]; (t.Key == key || t.Key == "") && (t.Effect == NoExecute || t.Effect == "") {
			return false
		}
	}
	return true
}

// labelsMatch reports whether labels hold every pair of sel.
func labelsMatch(sel, labels map[string]string) bool {
	for k, v := range sel {
		if got, ok := labels[k]; !ok || got != v {
			return false
		}
	}
	return true
}
