package sim

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/resource"
)

// The scheduler here is far simpler than the kube-scheduler
// (pkg/scheduler): it runs the default profile's filters that a pod's
// life depends on, in the profile's order, and stops at a node's first
// failing filter, as the framework does:
//
//  1. NodeUnschedulable (plugins/nodeunschedulable): a cordoned node, unless
//     the pod tolerates node.kubernetes.io/unschedulable:NoSchedule;
//  2. TaintToleration (plugins/tainttoleration): every NoSchedule and
//     NoExecute taint tolerated;
//  3. NodeAffinity (plugins/nodeaffinity), for spec.nodeSelector only;
//  4. NodeResourcesFit (plugins/noderesources/fit.go): the pod count and
//     the pod's cpu and memory requests, spec.overhead included
//     (pod.EffectiveRequests), against allocatable minus what the node's
//     non-terminal pods request.
//
// Of the feasible nodes it picks the one with the highest
// NodeResourcesFit LeastAllocated score (noderesources/least_allocated.go:
// the mean over cpu and memory of the share left free after the pod, each
// container's missing requests counted as 100m and 200Mi:
// pod.NonZeroRequests), then the one with the fewest pods, then the first
// in Script.Nodes (the kube-scheduler adds other scores and breaks ties at
// random: pkg/scheduler/framework/sorted_nodes.go, by each node's
// Randomizer). There is no preemption (the message of a pod that fits
// nowhere says what the DefaultPreemption PostFilter says when it finds no
// victims: see preemptionMessage), no affinity or topology spread, no
// scheduling queue with back-off: a pod that fits nowhere stays Pending
// with PodScheduled False, reason Unschedulable, and is tried again, in
// creation order, whenever a pod stops holding a node's resources or a
// node changes.

// reqs is what a pod asks a node for, as the scheduler's filter counts it
// (pod.EffectiveRequests) and as its scores do (pod.NonZeroRequests).
type reqs struct {
	milliCPU, memory               int64
	nonZeroMilliCPU, nonZeroMemory int64
	known                          bool
}

func (sp *simPod) requests() reqs {
	if !sp.req.known {
		p := sp.m.Pod()
		sp.req = reqs{known: true}
		sp.req.milliCPU, sp.req.memory = cpuAndMemory(pod.EffectiveRequests(p))
		sp.req.nonZeroMilliCPU, sp.req.nonZeroMemory = cpuAndMemory(pod.NonZeroRequests(p))
	}
	return sp.req
}

// cpuAndMemory is l's cpu in millicores and memory in bytes.
func cpuAndMemory(l resource.List) (milliCPU, memory int64) {
	if q, ok := l.Lookup(resource.CPU); ok {
		milliCPU = q.MilliValue()
	}
	if q, ok := l.Lookup(resource.Memory); ok {
		memory = q.Value()
	}
	return milliCPU, memory
}

// filterReason is why a node does not fit: the framework's status
// messages (one per plugin; NodeResourcesFit may give several).
const (
	reasonUnschedulable = "node(s) were unschedulable"
	reasonSelector      = "node(s) didn't match Pod's node affinity/selector"
	reasonTooManyPods   = "Too many pods"
	reasonInsufficient  = "Insufficient "
	reasonTaintPrefix   = "node(s) had untolerated taint {"
)

// fits returns the reasons node n does not fit sp (none: it fits).
func (s *Sim) fits(sp *simPod, n *simNode, reasons []string) []string {
	if r, out := s.ruledOut(sp, n); out {
		return append(reasons, r)
	}
	return shortOf(sp.requests(), n, int64(n.usedPods), n.usedMilliCPU, n.usedMemory, reasons)
}

// ruledOut returns the reason of the first filter before NodeResourcesFit
// that node n fails for sp, if one does: the filters whose failure
// (UnschedulableAndUnresolvable) no preemption can mend.
func (s *Sim) ruledOut(sp *simPod, n *simNode) (string, bool) {
	var sch Scheduling
	if sp.sched != nil {
		sch = *sp.sched
	}
	s.taintBuf = n.taints(s.taintBuf)
	if n.Unschedulable {
		if _, ok := tolerated(sch.Tolerations, &Taint{Key: TaintNodeUnschedulable, Effect: NoSchedule}); !ok {
			return reasonUnschedulable, true
		}
	}
	for i := range s.taintBuf {
		t := &s.taintBuf[i]
		if t.Effect != NoSchedule && t.Effect != NoExecute {
			continue
		}
		if !admittedTolerates(sch.Tolerations, t) {
			return reasonTaintPrefix + t.Key + ": " + t.Value + "}", true
		}
	}
	if !labelsMatch(sch.NodeSelector, n.Labels) {
		return reasonSelector, true
	}
	return "", false
}

// shortOf appends what NodeResourcesFit finds node n short of for a pod
// asking r, with pods, milliCPU and memory booked on it already.
func shortOf(r reqs, n *simNode, pods, milliCPU, memory int64, reasons []string) []string {
	if len(n.Allocatable) == 0 {
		return reasons
	}
	if q, ok := n.Allocatable.Lookup(resourcePods); ok && pods+1 > q.Value() {
		reasons = append(reasons, reasonTooManyPods)
	}
	if q, ok := n.Allocatable.Lookup(resource.CPU); ok && r.milliCPU > 0 && milliCPU+r.milliCPU > q.MilliValue() {
		reasons = append(reasons, reasonInsufficient+"cpu")
	}
	if q, ok := n.Allocatable.Lookup(resource.Memory); ok && r.memory > 0 && memory+r.memory > q.Value() {
		reasons = append(reasons, reasonInsufficient+"memory")
	}
	return reasons
}

// schedule tries to bind pod i to a node: it steps the machine with
// Scheduled on the chosen node (cause names what led to it), or records
// the pod unschedulable (a FailedScheduling event when the message
// changes; the PodScheduled False condition is written after each step of
// the pod while it stays unbound) and keeps it pending. It reports whether
// the pod was bound.
func (s *Sim) schedule(i int32, cause string) bool {
	sp := s.pods[i]
	best, bestScore := int32(-1), int64(0)
	var reasons []string
	for j, n := range s.nodes {
		if !n.declared || n.deleted {
			continue
		}
		before := len(reasons)
		reasons = s.fits(sp, n, reasons)
		if len(reasons) > before {
			continue
		}
		if sc := s.score(sp, n); best < 0 || sc > bestScore || sc == bestScore && n.usedPods < s.nodes[best].usedPods {
			best, bestScore = int32(j), sc
		}
	}
	if best < 0 {
		msg := unschedulableMessage(s.declaredNodes(), reasons)
		if pm, ok := s.preemptionMessage(sp); ok {
			msg += " " + pm
		}
		if sp.unsched != msg {
			sp.unsched = msg
			s.recordOther(sp, "Warning", "FailedScheduling", msg, "default-scheduler")
		}
		if sp.created {
			s.markUnschedulable(sp)
		}
		if !sp.pending {
			sp.pending = true
			s.pending = append(s.pending, i)
		}
		return false
	}
	sp.unsched = ""
	sp.pending = false
	s.bind(i, best, pod.Event{Kind: pod.Scheduled, At: s.Now(), Node: s.nodes[best].Name}, cause+" to "+s.nodes[best].Name)
	return true
}

func (s *Sim) declaredNodes() int {
	n := 0
	for _, x := range s.nodes {
		if x.declared && !x.deleted {
			n++
		}
	}
	return n
}

// unschedulableMessage is the FitError text (pkg/scheduler/framework
// types.go FitError.Error): "0/N nodes are available: " and the reasons
// counted and sorted.
func unschedulableMessage(nodes int, reasons []string) string {
	if nodes == 0 {
		return "no nodes available to schedule pods"
	}
	counts := map[string]int{}
	for _, r := range reasons {
		counts[r]++
	}
	parts := make([]string, 0, len(counts))
	for r, c := range counts {
		parts = append(parts, strconv.Itoa(c)+" "+r)
	}
	slices.Sort(parts)
	return "0/" + strconv.Itoa(nodes) + " nodes are available: " + strings.Join(parts, ", ") + "."
}

// preemptionMessage is what the DefaultPreemption PostFilter adds to the
// message of a pod that no node fits (plugins/defaultpreemption PostFilter,
// framework/preemption Evaluate): "preemption: " and either why the pod
// may not preempt (preemptionPolicy Never) or a FitError of its own, over
// every node:
//
//   - a node ruled out by a filter no eviction mends (unschedulable, an
//     untolerated taint, the node selector) is one where "Preemption is
//     not helpful for scheduling";
//   - a node short of resources where no pod has a lower priority than
//     the pod's has "No preemption victims found for incoming pod";
//   - one where such pods run but are not enough (SelectVictimsOnNode
//     removes them all and runs the filters again) gives what it is still
//     short of.
//
// The simulator never preempts: where evicting lower-priority pods would
// make room, the scheduler would evict them and nominate the node; here
// the pod waits, and ok is false: its message keeps only the filters'
// part.
func (s *Sim) preemptionMessage(sp *simPod) (msg string, ok bool) {
	if sp.sched != nil && sp.sched.PreemptionPolicy == PreemptNever {
		return "preemption: not eligible due to preemptionPolicy=Never.", true
	}
	nodes := s.declaredNodes()
	if nodes == 0 {
		return "", false // ErrNoNodesAvailable comes before the PostFilter
	}
	prio := priorityOf(sp)
	// What the pods of lower priority hold, by node; none when no pod has
	// a priority below the pod's (the common case: all at 0).
	victims := s.victimBuf[:0]
	if prio > s.lowestPriority {
		victims = append(victims, make([]booked, len(s.nodes))...)
		for _, v := range s.pods {
			if v != nil && v.holds && v.ni >= 0 && priorityOf(v) < prio {
				vr := v.requests()
				b := &victims[v.ni]
				b.pods++
				b.milliCPU += vr.milliCPU
				b.memory += vr.memory
			}
		}
	}
	s.victimBuf = victims
	r := sp.requests()
	var reasons []string
	for ni, n := range s.nodes {
		if !n.declared || n.deleted {
			continue
		}
		if _, out := s.ruledOut(sp, n); out {
			reasons = append(reasons, preemptionNotHelpful)
			continue
		}
		if len(victims) == 0 || victims[ni].pods == 0 {
			reasons = append(reasons, noPreemptionVictims)
			continue
		}
		v := victims[ni]
		before := len(reasons)
		reasons = shortOf(r, n, int64(n.usedPods)-v.pods, n.usedMilliCPU-v.milliCPU, n.usedMemory-v.memory, reasons)
		if len(reasons) == before {
			return "", false // preemption would make room
		}
	}
	return "preemption: " + unschedulableMessage(nodes, reasons), true
}

// booked is what some pods hold on a node.
type booked struct{ pods, milliCPU, memory int64 }

// The preemption's reasons (framework/preemption preemption.go Evaluate,
// plugins/defaultpreemption SelectVictimsOnNode).
const (
	preemptionNotHelpful = "Preemption is not helpful for scheduling"
	noPreemptionVictims  = "No preemption victims found for incoming pod"
)

// markUnschedulable writes the scheduler's PodScheduled False condition
// into the status the pod's machine reports: the machine keeps only the
// SchedulingGated condition for an unbound pod, and the scheduler's status
// patch is the API's, not the kubelet's (pkg/scheduler/schedule_one.go
// handleSchedulingFailure).
func (s *Sim) markUnschedulable(sp *simPod) {
	st := sp.m.Status()
	c := pod.Condition{Type: pod.PodScheduled, Status: pod.ConditionFalse, Reason: "Unschedulable", Message: sp.unsched}
	setStatusCondition(st, c, s.Now())
}

// setStatusCondition replaces the condition of c's type or appends it,
// moving lastTransitionTime only when the status changes
// (pkg/api/v1/pod/util.go UpdatePodCondition).
func setStatusCondition(st *pod.Status, c pod.Condition, now time.Time) {
	t := st.Condition(c.Type)
	at := now.Truncate(time.Second)
	if t != nil {
		c.LastTransitionTime = t.LastTransitionTime
		if t.Status != c.Status {
			c.LastTransitionTime = at
		}
		*t = c
		return
	}
	c.LastTransitionTime = at
	st.Conditions = append(st.Conditions, c)
}

// bind steps pod i with ev (Scheduled, or TimePassed for a pod created
// bound) and books its requests on node ni.
func (s *Sim) bind(i int32, ni int32, ev pod.Event, cause string) {
	sp := s.pods[i]
	sp.ni = ni
	sp.node = s.nodes[ni].Name
	n := s.nodes[ni]
	if len(n.Allocatable) > 0 {
		r := sp.requests()
		n.usedMilliCPU += r.milliCPU
		n.usedMemory += r.memory
		n.scoreMilliCPU += r.nonZeroMilliCPU
		n.scoreMemory += r.nonZeroMemory
	}
	n.usedPods++
	sp.holds = true
	if ev.Kind == pod.Scheduled {
		ev.IP = n.ip
	}
	_ = s.stepPod(i, ev, cause)
	s.bound(i, ni)
	if n.notReady {
		// Bound to a node already not ready (a DaemonSet-style pod, a pod
		// with spec.nodeName): the node lifecycle controller marks it and
		// the taint eviction times it as it does the others.
		s.podOnNotReadyNode(i)
	}
}

// release gives back what pod sp booked on its node, once: when it is
// terminal or removed (the scheduler's pod informer leaves out Succeeded
// and Failed pods: pkg/scheduler/scheduler.go newPodInformer).
func (s *Sim) release(sp *simPod) {
	if !sp.holds {
		return
	}
	sp.holds = false
	n := s.nodes[sp.ni]
	if len(n.Allocatable) > 0 {
		r := sp.requests()
		n.usedMilliCPU -= r.milliCPU
		n.usedMemory -= r.memory
		n.scoreMilliCPU -= r.nonZeroMilliCPU
		n.scoreMemory -= r.nonZeroMemory
	}
	n.usedPods--
	if len(s.pending) > 0 {
		s.retrySchedule = true
		s.wantReconcile()
	}
}

// score is the LeastAllocated score of n for sp, 0 to 100 (0 for a node
// without cpu and memory limits).
func (s *Sim) score(sp *simPod, n *simNode) int64 {
	r := sp.requests()
	cpu, mem := r.nonZeroMilliCPU, r.nonZeroMemory
	var sum, parts int64
	if q, ok := n.Allocatable.Lookup(resource.CPU); ok && q.MilliValue() > 0 {
		c := q.MilliValue()
		sum += max(c-n.scoreMilliCPU-cpu, 0) * 100 / c
		parts++
	}
	if q, ok := n.Allocatable.Lookup(resource.Memory); ok && q.Value() > 0 {
		c := q.Value()
		sum += max(c-n.scoreMemory-mem, 0) * 100 / c
		parts++
	}
	if parts == 0 {
		return 0
	}
	return sum / parts
}

// schedulePending tries the pending pods again, in creation order.
func (s *Sim) schedulePending() {
	list := s.pending
	s.pending = nil
	for _, i := range list {
		sp := s.pods[i]
		sp.pending = false
		if sp.removed || sp.m.Pod().Spec.NodeName != "" || sp.m.Pod().Metadata.DeletionGracePeriodSeconds != nil {
			continue
		}
		if len(sp.m.Pod().Spec.SchedulingGates) > 0 {
			continue // back on the list when its gates are removed
		}
		s.schedule(i, "scheduled")
	}
}

// resourcePods is the allocatable count of pods (k8s.io/api/core/v1
// ResourcePods).
const resourcePods resource.Name = "pods"
