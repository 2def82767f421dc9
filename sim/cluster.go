package sim

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/resource"
)

// The control plane's timings, as v1.37 defaults them.
const (
	// NodeMonitorGracePeriod is how long a node may go without a
	// heartbeat before the node lifecycle controller sets its Ready
	// condition Unknown (kube-controller-manager --node-monitor-grace-period,
	// 50 s since v1.32: pkg/controller/nodelifecycle/config/v1alpha1
	// defaults.go).
	NodeMonitorGracePeriod = 50 * time.Second
	// PodGCQuarantine is how long PodGC waits before it deletes the pods
	// of a node that no longer exists (pkg/controller/podgc/gc_controller.go
	// quarantineTime).
	PodGCQuarantine = 40 * time.Second
	// EvictionMonitoringPeriod is how often the kubelet's eviction manager
	// looks for pressure and evicts at most one pod (pkg/kubelet/kubelet.go
	// evictionMonitoringPeriod).
	EvictionMonitoringPeriod = 10 * time.Second
)

// immediateEvictionGrace is the grace of a pod evicted for a hard
// threshold (pkg/kubelet/eviction/eviction_manager.go
// immediateEvictionGracePeriodSeconds).
const immediateEvictionGrace = 1

// cluster is the Sim's part of the nodes, the scheduler and the
// controllers.
type cluster struct {
	nodes   []*simNode
	nodeIdx map[string]int32
	// nodeIPs counts the node IPs given (nodeIP), and ipAhead holds those
	// given to implicit nodes not known yet (aheadIP).
	nodeIPs       int
	ipAhead       map[string]string
	pending       []int32 // pods waiting for a node, in creation order
	retrySchedule bool
	reconciling   bool // an itemReconcile is queued
	taintBuf      []Taint
	// lowestPriority is at most every pod's priority (0 until a pod has a
	// lower one): a pod at or below it has no preemption victims.
	lowestPriority int32
	victimBuf      []booked // preemptionMessage's, by node
	ctls           []*ctl
	ctlIdx         map[string]int32
	names          *rand.Rand // generateName suffixes, from Options.Seed
}

// initCluster sets up the script's nodes, pods and controllers.
func (s *Sim) initCluster() error {
	sc := &s.opts.Script
	// The names come from their own source, so that adding jitter does not
	// change them (and the jitter's draws do not depend on the names).
	s.names = rand.New(rand.NewPCG(s.opts.Seed, 0x6e616d6573))
	s.nodeIdx = map[string]int32{}
	s.ctlIdx = map[string]int32{}
	for i := range sc.Nodes {
		n := &simNode{Node: sc.Nodes[i], declared: true, ip: s.nextNodeIP()}
		s.nodeIdx[n.Name] = int32(len(s.nodes))
		s.nodes = append(s.nodes, n)
	}
	for i := range sc.Pods {
		p := &sc.Pods[i]
		if err := s.AddPodScheduling(p.Pod, p.At, p.Scheduling); err != nil {
			if se, ok := err.(*ScriptError); ok {
				cp := *se
				if cp.Field == "" {
					cp.Field = field("Pods", i, ".Pod")
				}
				return &cp
			}
			return &ScriptError{Field: field("Pods", i, ".Pod"), Pod: podKey(p.Pod), Problem: err.Error()}
		}
	}
	for i := range sc.Controllers {
		c := newCtl(&sc.Controllers[i], int32(i))
		s.ctlIdx[c.key] = int32(i)
		if _, ok := s.ctlIdx[c.Name]; !ok {
			s.ctlIdx[c.Name] = int32(i)
		}
		s.ctls = append(s.ctls, c)
		s.pushAt(s.start.Add(c.At).UnixNano(), item{pod: -1, hap: int32(i), ctr: -1, what: itemController})
	}
	return nil
}

// nodeFor returns the index of the node named name. An unknown name is an
// implicit node without limits when Script.Nodes is empty; otherwise it is
// a node that does not exist, whose pods PodGC deletes.
func (s *Sim) nodeFor(name string) int32 {
	if i, ok := s.nodeIdx[name]; ok {
		return i
	}
	ip, ok := s.ipAhead[name]
	if ok {
		delete(s.ipAhead, name)
	} else {
		ip = s.nextNodeIP()
	}
	n := &simNode{Node: Node{Name: name}, ip: ip}
	i := int32(len(s.nodes))
	s.nodeIdx[name] = i
	s.nodes = append(s.nodes, n)
	if len(s.opts.Script.Nodes) > 0 {
		// No kubelet will ever run the pod; PodGC finds it orphaned.
		n.deleted, n.gone = true, true
		s.pushAt(s.now+int64(PodGCQuarantine), item{pod: -1, hap: i, ctr: -1, what: itemPodGC, gen: n.gen})
	}
	return i
}

// aheadIP gives the implicit node name, not known yet, its IP ahead of
// the creation that makes it known (that of a pod added bound to it, at a
// later time): the node is not made known now, since a DaemonSet-style
// controller would run a pod on it at once.
func (s *Sim) aheadIP(name string) string {
	if ip, ok := s.ipAhead[name]; ok {
		return ip
	}
	if s.ipAhead == nil {
		s.ipAhead = map[string]string{}
	}
	ip := s.nextNodeIP()
	s.ipAhead[name] = ip
	return ip
}

// nextNodeIP is the IP of the next node the Sim names: Options.Machine.HostIP
// when set, else nodeIP of the count so far.
func (s *Sim) nextNodeIP() string {
	if ip := s.opts.Machine.HostIP; ip != "" {
		return ip
	}
	s.nodeIPs++
	return nodeIP(s.nodeIPs - 1)
}

// create carries out the creation of pod i: bound to spec.nodeName, held
// by scheduling gates, bound to Options.Node, or scheduled.
func (s *Sim) create(i int32) {
	sp := s.pods[i]
	if sp.removed {
		return // deleted before the apiserver stored it (a scale-down)
	}
	sp.created = true
	s.stats.Pods++
	s.stats.Events++
	spec := &sp.m.Pod().Spec
	switch {
	case spec.NodeName != "":
		s.bind(i, s.nodeFor(spec.NodeName), pod.Event{Kind: pod.TimePassed, At: s.Now()}, "created; bound to "+spec.NodeName)
	case len(spec.SchedulingGates) > 0:
		_ = s.stepPod(i, pod.Event{Kind: pod.TimePassed, At: s.Now()}, "created; held by scheduling gates")
	case len(s.opts.Script.Nodes) == 0:
		s.bind(i, s.nodeFor(s.opts.Node), pod.Event{Kind: pod.Scheduled, At: s.Now(), Node: s.opts.Node}, "created; bound to "+s.opts.Node)
	default:
		if !s.schedule(i, "created; scheduled") {
			_ = s.stepPod(i, pod.Event{Kind: pod.TimePassed, At: s.Now()}, "created; unschedulable")
		}
	}
}

// afterStep keeps the cluster's books after pod sp changed.
func (s *Sim) afterStep(sp *simPod) {
	if sp.unsched != "" && sp.ni < 0 && !sp.removed {
		s.markUnschedulable(sp)
	}
	if sp.holds && (sp.removed || sp.m.Status().Phase.IsTerminal()) {
		s.release(sp)
	}
	if sp.owner >= 0 {
		if sig := podSignature(sp); sig != sp.sig {
			sp.sig = sig
			s.wantReconcile()
		}
	}
}

// podSignature is what a controller reads of a pod: a change of it makes
// the controllers react.
func podSignature(sp *simPod) uint8 {
	var b uint8
	p := sp.m.Pod()
	if sp.created {
		b |= 1
	}
	if sp.removed {
		b |= 2
	}
	if p.Metadata.DeletionGracePeriodSeconds != nil {
		b |= 4
	}
	switch p.Status.Phase {
	case "Running":
		b |= 8
	case "Succeeded":
		b |= 16
	case "Failed":
		b |= 32
	}
	if pod.IsPodReady(p) {
		b |= 64
	}
	if p.Spec.NodeName != "" {
		b |= 128
	}
	return b
}

// wantReconcile queues one pass of the controllers and the scheduler,
// Options.ControllerDelay from now.
func (s *Sim) wantReconcile() {
	if s.reconciling {
		return
	}
	s.reconciling = true
	s.pushAt(s.now+int64(s.opts.ControllerDelay), item{pod: -1, ctr: -1, what: itemReconcile})
}

// reconcile is one pass: every started controller in script order, then
// the scheduler's pending pods.
func (s *Sim) reconcile() {
	s.reconciling = false
	s.stats.Events++
	for _, c := range s.ctls {
		if c.started {
			s.reconcileCtl(c)
		}
	}
	if s.retrySchedule {
		s.retrySchedule = false
		s.schedulePending()
	}
}

// recordOther records an event a control-plane component writes about
// pod sp.
func (s *Sim) recordOther(sp *simPod, typ, reason, msg, from string) {
	if s.opts.NoTimeline {
		return
	}
	now := s.Now()
	s.changes = append(s.changes, Change{At: now, Pod: sp.key, Kind: EventRecorded, From: from, UID: sp.m.Pod().Metadata.UID,
		Record: pod.EventRecord{At: now, Type: typ, Reason: reason, Message: msg}})
}

// podsOn calls f for each pod bound to node ni and not removed, in
// creation order.
func (s *Sim) podsOn(ni int32, f func(int32, *simPod)) {
	for j, sp := range s.pods {
		if sp != nil && sp.ni == ni && sp.created && !sp.removed {
			f(int32(j), sp)
		}
	}
}

func deleting(sp *simPod) bool { return sp.m.Pod().Metadata.DeletionGracePeriodSeconds != nil }

// clusterHappening carries out the happenings about nodes, controllers
// and scheduling gates.
func (s *Sim) clusterHappening(i int32, h *Happening) error {
	f := s.happeningField(i)
	at := h.Kind.String() + " at " + h.At.String()
	if h.Kind >= NodeLost && h.Kind <= MemoryPressure {
		ni := s.nodeFor(h.Node)
		n := s.nodes[ni]
		if n.deleted && h.Kind != NodeDeleted {
			return &ScriptError{Field: f + ".Node", Problem: at + ": node " + strconv.Quote(h.Node) + " does not exist (deleted, or not in Script.Nodes)"}
		}
		return s.nodeHappening(f, at, ni, h)
	}
	switch h.Kind {
	case Scale, TemplateChanged:
		ci, ok := s.ctlIdx[h.Controller]
		if !ok || !s.ctls[ci].started {
			return &ScriptError{Field: f + ".Controller", Problem: at + ": no such controller has been created by then", Allowed: s.controllerNames()}
		}
		c := s.ctls[ci]
		if h.Kind == Scale {
			if c.Kind == Job {
				p := h.Replicas
				c.Parallelism = &p
			} else {
				c.Replicas = h.Replicas
			}
		} else {
			c.setTemplate(h.Template)
		}
		s.wantReconcile()
	case RemoveSchedulingGates:
		idx, ok := s.byKey[h.Pod]
		if !ok || !s.pods[idx].created || s.pods[idx].removed {
			return &ScriptError{Field: f + ".Pod", Pod: h.Pod, Problem: at + ": no such pod exists then"}
		}
		if err := s.stepPod(idx, pod.Event{Kind: pod.SchedulingGatesRemoved, At: s.Now()}, "scheduling gates removed"); err != nil {
			return &ScriptError{Field: f, Pod: s.pods[idx].key, Problem: at + " refused: " + err.Error()}
		}
		if len(s.opts.Script.Nodes) == 0 {
			s.bind(idx, s.nodeFor(s.opts.Node), pod.Event{Kind: pod.Scheduled, At: s.Now(), Node: s.opts.Node}, "bound to "+s.opts.Node)
		} else {
			s.schedule(idx, "scheduled")
		}
	}
	return nil
}

func (s *Sim) controllerNames() []string {
	out := make([]string, 0, len(s.ctls))
	for _, c := range s.ctls {
		out = append(out, c.key)
	}
	return out
}

// nodeHappening carries out NodeLost, NodeBack, NodeDeleted, Drain,
// Uncordon and MemoryPressure on node ni.
func (s *Sim) nodeHappening(f, at string, ni int32, h *Happening) error {
	n := s.nodes[ni]
	name := n.Name
	switch h.Kind {
	case NodeLost:
		if n.gone {
			return &ScriptError{Field: f + ".Node", Problem: at + ": node " + strconv.Quote(name) + " is lost already"}
		}
		// The kubelet stops reporting: from now on nothing it does is
		// seen. The node lifecycle controller notices after the grace.
		n.gone = true
		n.gen++
		s.pushAt(s.now+int64(NodeMonitorGracePeriod), item{pod: -1, hap: ni, ctr: -1, what: itemNodeGrace, gen: n.gen})
	case NodeBack:
		if !n.gone {
			return &ScriptError{Field: f + ".Node", Problem: at + ": node " + strconv.Quote(name) + " is not lost"}
		}
		wasNotReady := n.notReady
		n.gone, n.notReady = false, false
		n.gen++ // the taint evictions not yet due are cancelled
		// What the kubelet did meanwhile is reported now, in order.
		parked := n.parked
		n.parked = nil
		for k := range parked {
			it := parked[k]
			sp := s.pods[it.pod]
			if it.kind == pod.TimePassed && it.what == itemEvent {
				if it.at != sp.wake {
					continue
				}
				sp.wake = s.now
			}
			it.at = s.now
			_ = s.deliver(&it)
		}
		if wasNotReady {
			s.podsOn(ni, func(j int32, _ *simPod) {
				_ = s.stepPod(j, pod.Event{Kind: pod.NodeBack, At: s.Now()}, "node "+name+" back: Ready")
			})
		}
		s.retrySchedule = true
		s.wantReconcile()
	case NodeDeleted:
		if n.deleted {
			return &ScriptError{Field: f + ".Node", Problem: at + ": node " + strconv.Quote(name) + " is deleted already"}
		}
		n.deleted, n.gone = true, true
		n.gen++
		s.pushAt(s.now+int64(PodGCQuarantine), item{pod: -1, hap: ni, ctr: -1, what: itemPodGC, gen: n.gen})
		s.wantReconcile()
	case Drain:
		// kubectl drain --ignore-daemonsets --force (k8s.io/kubectl/pkg/drain
		// drain.go, filters.go): cordon, then evict every pod but the
		// DaemonSet-style and static (mirror) ones, those without a
		// controller too, through the Eviction API, which marks
		// DisruptionTarget and deletes with the pod's grace
		// (pkg/registry/core/pod/storage eviction.go).
		// PodDisruptionBudgets are not modelled.
		n.Unschedulable = true
		s.podsOn(ni, func(j int32, sp *simPod) {
			p := sp.m.Pod()
			if deleting(sp) || p.Metadata.IsStatic() || (sp.owner >= 0 && s.ctls[sp.owner].Kind == DaemonSet) {
				return
			}
			if !p.Status.Phase.IsTerminal() {
				setStatusCondition(&p.Status, pod.Condition{Type: pod.DisruptionTarget, Status: pod.ConditionTrue,
					Reason: "EvictionByEvictionAPI", Message: "Eviction API: evicting"}, s.Now())
			}
			_ = s.stepPod(j, pod.Event{Kind: pod.DeletionRequested, At: s.Now()}, "evicted by kubectl drain "+name)
		})
		s.wantReconcile()
	case Uncordon:
		n.Unschedulable = false
		s.retrySchedule = true
		s.wantReconcile()
	case MemoryPressure:
		if n.gone {
			return &ScriptError{Field: f + ".Node", Problem: at + ": the kubelet of node " + strconv.Quote(name) + " is not running"}
		}
		n.pressure = true
		n.pressureLeft += max(h.Count, 1)
		s.evictForPressure(ni)
	}
	return nil
}

// nodeTimer carries out a node timer: the grace without heartbeat ran
// out, a taint eviction is due, PodGC's quarantine ended, or the eviction
// manager's next round.
func (s *Sim) nodeTimer(it *item) {
	n := s.nodes[it.hap]
	s.stats.Events++
	if it.gen != n.gen {
		return // the node came back or was deleted since
	}
	switch it.what {
	case itemNodeGrace:
		if !n.gone || n.deleted {
			return
		}
		// pkg/controller/nodelifecycle node_lifecycle_controller.go
		// tryUpdateNodeHealth: Ready Unknown; doNoExecuteTaintingPass:
		// the NoExecute unreachable taint; MarkPodsNotReady
		// (pkg/controller/util/node/controller_utils.go) for its pods.
		n.notReady = true
		n.taintedAt = s.now
		s.podsOn(it.hap, func(j int32, _ *simPod) { s.podOnNotReadyNode(j) })
	case itemTaintEvict:
		sp := s.pods[it.pod]
		if sp.removed || deleting(sp) || !n.notReady {
			return
		}
		// pkg/controller/tainteviction/taint_eviction.go deletePod: the
		// DisruptionTarget condition, then a deletion with the pod's grace.
		p := sp.m.Pod()
		if !p.Status.Phase.IsTerminal() {
			setStatusCondition(&p.Status, pod.Condition{Type: pod.DisruptionTarget, Status: pod.ConditionTrue,
				Reason: "DeletionByTaintManager", Message: "Taint manager: deleting due to NoExecute taint",
				ObservedGeneration: p.Metadata.Generation}, s.Now())
		}
		s.recordOther(sp, "Normal", "TaintManagerEviction", "Marking for deletion Pod "+sp.key, "taint-eviction-controller")
		cause := "deleted by taint eviction (" + TaintNodeUnreachable + ":NoExecute tolerated " + strconv.FormatInt(sp.tolSecs, 10) + "s)"
		_ = s.stepPod(it.pod, pod.Event{Kind: pod.DeletionRequested, At: s.Now()}, cause)
	case itemPodGC:
		// pkg/controller/podgc/gc_controller.go gcOrphaned and
		// markFailedAndDeletePodWithCondition: Failed unless terminal,
		// DisruptionTarget, then a deletion with grace 0.
		n.parked = nil
		s.podsOn(it.hap, func(j int32, sp *simPod) {
			p := sp.m.Pod()
			if !p.Status.Phase.IsTerminal() {
				p.Status.Phase = "Failed"
				p.Status.ObservedGeneration = p.Metadata.Generation // CalculatePodStatusObservedGeneration
				setStatusCondition(&p.Status, pod.Condition{Type: pod.DisruptionTarget, Status: pod.ConditionTrue,
					Reason: "DeletionByPodGC", Message: "PodGC: node no longer exists",
					ObservedGeneration: p.Metadata.Generation}, s.Now())
			}
			if p.Metadata.DeletionTimestamp.IsZero() {
				p.Metadata.DeletionTimestamp = s.Now().Truncate(time.Second)
			}
			var zero int64
			p.Metadata.DeletionGracePeriodSeconds = &zero
			sp.removed = true
			s.stats.Removed++
			s.release(sp)
			ev := pod.Event{Kind: pod.TimePassed, At: s.Now()}
			s.recordRow(sp, &ev, "force-deleted by PodGC (node "+n.Name+" no longer exists)")
			s.afterStep(sp)
		})
	case itemPressure:
		s.evictForPressure(it.hap)
	}
}

// podOnNotReadyNode marks pod j of a node gone not ready and times its
// taint eviction.
func (s *Sim) podOnNotReadyNode(j int32) {
	sp := s.pods[j]
	n := s.nodes[sp.ni]
	_ = s.stepPod(j, pod.Event{Kind: pod.NodeLost, At: s.Now()}, "node "+n.Name+" not ready: no heartbeat for "+NodeMonitorGracePeriod.String())
	s.recordOther(sp, "Warning", "NodeNotReady", "Node is not ready", "node-controller")
	if sp.tolSecs < 0 {
		return // tolerated for ever (a DaemonSet-style pod)
	}
	// The timer starts when the taint eviction controller sees the pod on
	// the tainted node (taint_eviction.go processPodOnNode).
	s.pushAt(s.now+sp.tolSecs*int64(time.Second), item{pod: j, hap: sp.ni, ctr: -1, what: itemTaintEvict, gen: n.gen})
}

// unreachableToleration returns how long a pod with sch tolerates the
// unreachable NoExecute taint, in seconds (-1: for ever), as the taint
// eviction controller reads its tolerations
// (pkg/controller/tainteviction/taint_eviction.go getMinTolerationTime
// over the tolerations that match the taint): the least tolerationSeconds
// among them, a toleration without seconds counting as for ever, one of 0
// or less meaning at once, and at once when none matches. The
// DefaultTolerationSeconds admission plugin
// (plugin/pkg/admission/defaulttolerationseconds/admission.go) has added
// its 300 s toleration unless one of the pod's names the taint's key and
// effect, or leaves them empty, whatever its operator and value.
func unreachableToleration(sch *Scheduling) int64 {
	var tols []Toleration
	if sch != nil {
		tols = sch.Tolerations
	}
	if defaultTolerated(tols, TaintNodeUnreachable) {
		return defaultTolerationSeconds // none of tols can match
	}
	taint := Taint{Key: TaintNodeUnreachable, Effect: NoExecute}
	least, matched := int64(-1), false
	for i := range tols {
		t := &tols[i]
		if !t.tolerates(&taint) {
			continue
		}
		matched = true
		if t.TolerationSeconds == nil {
			continue
		}
		if sec := *t.TolerationSeconds; sec <= 0 {
			return 0
		} else if least < 0 || sec < least {
			least = sec
		}
	}
	if !matched {
		return 0
	}
	return least
}

// evictForPressure is one round of the kubelet's eviction manager under
// memory pressure (pkg/kubelet/eviction/eviction_manager.go synchronize):
// it ranks the node's active pods (helpers.go rankMemoryPressure: usage
// above requests first, then lower priority, then the larger usage over
// requests; QoS shows through the first rule, as a BestEffort pod's
// usage is always above its zero requests) and evicts the first, with the
// hard threshold's grace of 1 s. Static pods are critical and never
// evicted. The threshold itself is not modelled: each MemoryPressure
// happening asks for a number of evictions, one per round.
func (s *Sim) evictForPressure(ni int32) {
	n := s.nodes[ni]
	if n.gone || n.pressureLeft <= 0 {
		n.pressure = false
		return
	}
	var cands []pressureRank
	s.podsOn(ni, func(j int32, sp *simPod) {
		p := sp.m.Pod()
		if p.Status.Phase.IsTerminal() || p.Metadata.IsStatic() || deleting(sp) {
			return
		}
		cands = append(cands, pressureRank{pod: j, usage: s.memoryUsage(sp), request: evictionMemoryRequest(p), priority: priorityOf(sp)})
	})
	if len(cands) > 0 {
		slices.SortStableFunc(cands, comparePressure)
		j := cands[0].pod
		sp := s.pods[j]
		grace := int64(immediateEvictionGrace)
		_ = s.stepPod(j, pod.Event{Kind: pod.Evicted, At: s.Now(), GracePeriod: &grace, Message: s.pressureMessage(sp)},
			"evicted by the kubelet: memory pressure on "+n.Name)
	}
	n.pressureLeft--
	if n.pressureLeft > 0 && len(cands) > 1 {
		s.pushAt(s.now+int64(EvictionMonitoringPeriod), item{pod: -1, hap: ni, ctr: -1, what: itemPressure, gen: n.gen})
		return
	}
	n.pressureLeft = 0
	n.pressure = false
	s.retrySchedule = true
	s.wantReconcile()
}

// memoryUsage is the scripted working set of sp's running containers.
func (s *Sim) memoryUsage(sp *simPod) int64 {
	var sum int64
	p := sp.m.Pod()
	for _, list := range [2][]container.Status{p.Status.InitContainerStatuses, p.Status.ContainerStatuses} {
		for k := range list {
			st := &list[k]
			if ci := sp.ctrIndex(st.Name); st.State.Running != nil && ci >= 0 && sp.ctrs[ci].script != nil {
				sum += sp.ctrs[ci].script.Memory.Value()
			}
		}
	}
	return sum
}

// pressureRank is what rankMemoryPressure orders a pod by.
type pressureRank struct {
	pod            int32
	usage, request int64 // bytes
	priority       int32
}

func comparePressure(a, b pressureRank) int {
	if ea, eb := a.usage > a.request, b.usage > b.request; ea != eb {
		if ea {
			return -1
		}
		return 1
	}
	if a.priority != b.priority {
		if a.priority < b.priority {
			return -1
		}
		return 1
	}
	da, db := a.usage-a.request, b.usage-b.request
	switch {
	case da > db:
		return -1
	case da < db:
		return 1
	}
	return 0
}

// evictionMemoryRequest is the memory request the eviction manager ranks
// p by (pkg/api/v1/resource GetResourceRequestQuantity), which is not
// quite the scheduler's: spec.overhead's memory is added only to a request
// that is not zero. (Its other difference, that with pod-level resources
// it reads the pod-level request alone, changes nothing on a stored pod:
// DefaultPodLevelResources has made that request the containers' sum when
// the pod set none.)
func evictionMemoryRequest(p *pod.Pod) int64 {
	d := p.Defaulted()
	overhead := d.Spec.Overhead
	d.Spec.Overhead = nil
	var req int64
	if q, ok := pod.EffectiveRequests(&d).Lookup(resource.Memory); ok {
		req = q.Value()
	}
	if q, ok := overhead.Lookup(resource.Memory); ok && req != 0 {
		req += q.Value()
	}
	return req
}

func priorityOf(sp *simPod) int32 {
	if sp.sched == nil {
		return 0
	}
	return sp.sched.Priority
}

// pressureMessage is the eviction's message (pkg/kubelet/eviction
// helpers.go evictionMessage): the node's resource; for a pod with
// pod-level resources and a pod-level memory request, its usage and that
// request (said to be "larger consumption" whichever is larger, as
// upstream says it); then each container using more than it requests.
// Usage is printed as the kubelet makes it, bytes in binary SI ("900Mi",
// but "1000000000" for 1G), requests as stored. The threshold sentence
// upstream adds is left out: no threshold is modelled.
func (s *Sim) pressureMessage(sp *simPod) string {
	msg := "The node was low on resource: memory. "
	p := sp.m.Pod()
	if p.Spec.HasPodLevelResources() {
		d := p.Defaulted()
		d.Spec.Overhead = nil
		// With pod-level resources, EffectiveRequests' memory is the stored
		// pod-level request (DefaultPodLevelResources fills it from the
		// containers'), absent when neither sets one.
		if req, ok := pod.EffectiveRequests(&d).Lookup(resource.Memory); ok {
			msg += "Pod " + p.Metadata.Name + " was using " + bytesText(s.memoryUsage(sp)) + ", request is " + req.String() + ", has larger consumption of memory. "
		}
	}
	for _, list := range [2][]container.Status{p.Status.InitContainerStatuses, p.Status.ContainerStatuses} {
		for k := range list {
			st := &list[k]
			ci := sp.ctrIndex(st.Name)
			if st.State.Running == nil || ci < 0 || sp.ctrs[ci].script == nil || sp.ctrs[ci].script.Memory.IsZero() {
				continue
			}
			use := sp.ctrs[ci].script.Memory
			req := containerMemoryRequest(p, st.Name)
			if use.Value() > req.Value() {
				msg += "Container " + st.Name + " was using " + bytesText(use.Value()) + ", request is " + req.String() + ", has larger consumption of memory. "
			}
		}
	}
	return msg
}

// bytesText is a usage in bytes as the kubelet's summary stats print it
// (resource.NewQuantity in binary SI).
func bytesText(b int64) string { return resource.NewQuantity(b, resource.BinarySI).String() }

// containerMemoryRequest is the memory request of the named container,
// read as its limit when unset (as the apiserver defaults it).
func containerMemoryRequest(p *pod.Pod, name string) resource.Quantity {
	for _, list := range [2][]container.Container{p.Spec.InitContainers, p.Spec.Containers} {
		for k := range list {
			if c := &list[k]; c.Name == name {
				if q, ok := c.Resources.Requests.Lookup(resource.Memory); ok {
					return q
				}
				if q, ok := c.Resources.Limits.Lookup(resource.Memory); ok {
					return q
				}
			}
		}
	}
	return resource.MustParse("0")
}

// Pods returns every pod created so far, in creation order, as its
// machine reports it now; a removed pod is as it was last seen. The pods
// share memory with the Sim and are valid until the next step.
func (s *Sim) Pods() []*pod.Pod {
	out := make([]*pod.Pod, 0, len(s.pods))
	for _, sp := range s.pods {
		if sp != nil && sp.created {
			out = append(out, sp.m.Pod())
		}
	}
	return out
}

// Removed reports whether the pod with metadata.uid uid is gone from the
// API (removed by its kubelet, or force-deleted).
func (s *Sim) Removed(uid string) bool {
	for _, sp := range s.pods {
		if sp == nil {
			continue // forgotten once removed (Options.ForgetRemoved)
		}
		if sp.m.Pod().Metadata.UID == uid {
			return sp.removed
		}
	}
	return false
}
