package sim

import (
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
)

// ControllerKind names the controller a Controller restates.
type ControllerKind uint8

// The controllers that replace pods. None of them ever moves a pod or
// brings one back: a pod that is gone is replaced by a new pod, from the
// template, with a new UID.
const (
	// ReplicaSet keeps Replicas active pods (pkg/controller/replicaset):
	// generateName names, scale-down in ActivePodsWithRanks order; a new
	// template applies to the pods it creates from then on only.
	ReplicaSet ControllerKind = iota + 1
	// Deployment rolls its pods through one ReplicaSet per template
	// (pkg/controller/deployment rolling.go), maxSurge and maxUnavailable
	// 25%.
	Deployment
	// StatefulSet keeps pods named <name>-0 ... <name>-N-1, OrderedReady
	// (pkg/controller/statefulset stateful_set_control.go).
	StatefulSet
	// Job runs pods to Completions successes (pkg/controller/job), with
	// Parallelism, BackoffLimit and PodFailurePolicy.
	Job
	// DaemonSet keeps one pod on each node it fits (pkg/controller/daemon).
	DaemonSet
)

var controllerKindNames = [...]string{"", "ReplicaSet", "Deployment", "StatefulSet", "Job", "DaemonSet"}

// String returns the kind's API name.
func (k ControllerKind) String() string {
	if k > 0 && int(k) < len(controllerKindNames) {
		return controllerKindNames[k]
	}
	return "ControllerKind(" + strconv.Itoa(int(k)) + ")"
}

// Template is a pod template (spec.template of the workload): the pods'
// labels and annotations, their spec, and the scheduling fields pod.Spec
// does not model.
type Template struct {
	Labels      map[string]string
	Annotations map[string]string
	Spec        pod.Spec
	Scheduling  Scheduling
}

// Controller is a workload controller of the script: a ReplicaSet,
// Deployment, StatefulSet, Job or DaemonSet, reduced to the fields that
// decide when pods are made and deleted.
type Controller struct {
	Kind ControllerKind
	// Name and Namespace name the workload (empty namespace: "default").
	Name, Namespace string
	// At is when the workload is created.
	At time.Duration
	// Replicas is spec.replicas of a ReplicaSet, Deployment or
	// StatefulSet (a value: 0 means none).
	Replicas int32
	Template Template
	// ServiceName is a StatefulSet's spec.serviceName: its pods'
	// spec.subdomain.
	ServiceName string
	// VolumeClaims are the names of a StatefulSet's volumeClaimTemplates:
	// each pod gets a persistentVolumeClaim volume of that name claiming
	// <name>-<pod>, in place of a template volume of the same name
	// (stateful_set_utils.go updateStorage). The claims themselves are not
	// modelled: they are always bound.
	VolumeClaims []string
	// Completions and Parallelism are a Job's (nil: 1 each; Completions
	// nil with Parallelism set is a work queue that is complete once a pod
	// succeeded and none is active). BackoffLimit is the most failed pods
	// (nil: 6).
	Completions, Parallelism, BackoffLimit *int32
	// PodFailurePolicy is a Job's spec.podFailurePolicy.rules.
	PodFailurePolicy []PodFailurePolicyRule
}

// PodFailurePolicyAction is what a matching pod failure policy rule does.
type PodFailurePolicyAction string

// The actions (batch/v1 PodFailurePolicyAction; FailIndex is for indexed
// Jobs, which are not modelled).
const (
	FailJob PodFailurePolicyAction = "FailJob"
	Ignore  PodFailurePolicyAction = "Ignore"
	Count   PodFailurePolicyAction = "Count"
)

// PodFailurePolicyRule is one rule of a Job's pod failure policy: the
// first rule that matches a failed pod decides (pkg/controller/job
// pod_failure_policy.go matchPodFailurePolicy).
type PodFailurePolicyRule struct {
	Action PodFailurePolicyAction
	// OnExitCodes matches a container terminated with a non-zero exit
	// code (regular containers first, then init containers).
	OnExitCodes *OnExitCodes
	// OnPodConditions matches a pod condition (DisruptionTarget, for one).
	OnPodConditions []PodConditionPattern
}

// OnExitCodes is a rule's exit-code requirement.
type OnExitCodes struct {
	// ContainerName restricts it to one container ("": any).
	ContainerName string
	// Operator is In or NotIn.
	Operator string
	Values   []int32
}

// PodConditionPattern matches a pod condition by type and status (empty:
// True).
type PodConditionPattern struct {
	Type   pod.ConditionType
	Status pod.ConditionStatus
}

// ControllerStatus is what a controller has made, now.
type ControllerStatus struct {
	Kind ControllerKind
	// Pods are the names of its pods created and not removed, in creation
	// order.
	Pods []string
	// Active pods are neither terminal nor being deleted; Ready ones are
	// Ready too.
	Active, Ready int
	// Succeeded and Failed count a Job's finished pods (ignored failures
	// not counted).
	Succeeded, Failed int
	// Condition is a Job's final condition (Complete or Failed, empty
	// while it runs) and Reason its reason (BackoffLimitExceeded,
	// PodFailurePolicy).
	Condition, Reason string
}

// ctl is the Sim's part of one controller.
type ctl struct {
	Controller
	idx     int32
	key     string
	uid     string
	started bool
	rev     int32
	tmpl    *pod.Pod // the current template as a defaulted pod
	hash    string
	pods    []int32 // every pod made, in creation order; removed ones dropped
	rss     []*replicaSet
	// Job.
	succeeded, failed int
	failsInRow        int // failures since the last success: the back-off's count
	finished, reason  string
	lastFail          int64
	waitUntil         int64 // a reconcile is queued for the back-off's end
	// StatefulSet: the highest ordinal made.
	maxOrdinal int32
}

// replicaSet is one ReplicaSet of a Deployment-style controller (or the
// ReplicaSet-style controller itself).
type replicaSet struct {
	name, uid, hash string
	tmpl            *pod.Pod
	replicas        int32
}

func newCtl(c *Controller, idx int32) *ctl {
	x := &ctl{Controller: *c, idx: idx}
	if x.Namespace == "" {
		x.Namespace = "default"
	}
	x.key = x.Namespace + "/" + x.Name
	x.uid = "uid-" + kindPrefix[x.Kind] + "-" + strconv.Itoa(int(idx)+1)
	x.setTemplate(&c.Template)
	return x
}

var kindPrefix = [...]string{"", "rs", "deploy", "sts", "job", "ds"}

// setTemplate makes t the controller's template.
func (c *ctl) setTemplate(t *Template) {
	p := &pod.Pod{Metadata: pod.Meta{Labels: t.Labels, Annotations: t.Annotations}, Spec: t.Spec}
	d := p.Defaulted()
	c.tmpl = &d
	c.Template.Scheduling = t.Scheduling
	c.rev++
	c.hash = templateHash(t, c.rev)
	if c.Kind == ReplicaSet {
		if len(c.rss) == 0 {
			c.rss = []*replicaSet{{name: c.Name, uid: c.uid}}
		}
		c.rss[0].tmpl = c.tmpl // a ReplicaSet's new template is for new pods only
	}
}

// startController creates controller i.
func (s *Sim) startController(i int32) {
	s.stats.Events++
	s.ctls[i].started = true
	s.wantReconcile()
}

func (s *Sim) reconcileCtl(c *ctl) {
	c.pods = slices.DeleteFunc(c.pods, func(j int32) bool {
		sp := s.pods[j]
		return sp.removed && (c.Kind != Job || sp.counted)
	})
	switch c.Kind {
	case ReplicaSet:
		c.rss[0].replicas = c.Replicas
		s.reconcileReplicaSet(c, c.rss[0], 0)
	case Deployment:
		s.reconcileDeployment(c)
	case StatefulSet:
		s.reconcileStatefulSet(c)
	case Job:
		s.reconcileJob(c)
	case DaemonSet:
		s.reconcileDaemonSet(c)
	}
}

// active reports whether a controller counts sp as one of its running
// pods (pkg/controller/controller_utils.go IsPodActive): not Succeeded or
// Failed, not being deleted. A pod not yet stored counts: the controller
// expects it (ControllerExpectations).
func active(sp *simPod) bool {
	p := sp.m.Pod()
	return !sp.removed && !p.Status.Phase.IsTerminal() && p.Metadata.DeletionGracePeriodSeconds == nil
}

// available: active and Ready (minReadySeconds 0).
func available(sp *simPod) bool { return active(sp) && sp.created && pod.IsPodReady(sp.m.Pod()) }

// deletePod deletes pod j with its own grace, as a controller does.
func (s *Sim) deletePod(c *ctl, j int32, why string) {
	_ = s.stepPod(j, pod.Event{Kind: pod.DeletionRequested, At: s.Now()}, "deleted by "+c.Kind.String()+" "+c.Name+": "+why)
}

// makePod creates a pod of controller c from template t as
// kube.PodFromTemplate does on the k8s.io/api side
// (pkg/controller/controller_utils.go GetPodFromTemplate: the template's
// labels and annotations copied, the controller's namespace, an owner
// reference with controller and blockOwnerDeletion set), named name, or
// generateName+suffix when name is empty (the apiserver's
// names.SimpleNameGenerator: five characters from its alphabet, here
// drawn from the Sim's seeded source), owned by ownerName/ownerUID.
func (s *Sim) makePod(c *ctl, t *pod.Pod, name, generate, ownerKind, ownerName, ownerUID string, extra map[string]string, mod func(*pod.Spec, *Scheduling)) int32 {
	if name == "" {
		for {
			name = generate + s.nameSuffix()
			if j, ok := s.byKey[c.Namespace+"/"+name]; !ok || s.pods[j].removed {
				break
			}
		}
	}
	labels := make(map[string]string, len(t.Metadata.Labels)+len(extra))
	for k, v := range t.Metadata.Labels {
		labels[k] = v
	}
	for k, v := range extra {
		labels[k] = v
	}
	var ann map[string]string
	if len(t.Metadata.Annotations) > 0 {
		ann = make(map[string]string, len(t.Metadata.Annotations))
		for k, v := range t.Metadata.Annotations {
			ann[k] = v
		}
	}
	yes := true
	apiVersion := "apps/v1"
	if ownerKind == "Job" {
		apiVersion = "batch/v1"
	}
	p := &pod.Pod{APIVersion: "v1", Kind: "Pod",
		Metadata: pod.Meta{Name: name, GenerateName: generate, Namespace: c.Namespace, Labels: labels, Annotations: ann,
			OwnerReferences: []pod.OwnerReference{{APIVersion: apiVersion, Kind: ownerKind, Name: ownerName, UID: ownerUID,
				Controller: &yes, BlockOwnerDeletion: &yes}}},
		Spec: t.Spec}
	sch := c.Template.Scheduling
	if mod != nil {
		mod(&p.Spec, &sch)
	}
	var schp *Scheduling
	if !sch.isZero() {
		schp = &sch
	}
	j, err := s.addPod(p, s.now, schp, c.idx)
	if err != nil {
		return -1 // the template was validated by New; a name taken is retried on the next pass
	}
	s.pods[j].rs = c.rev
	c.pods = append(c.pods, j)
	return j
}

// burst bounds the pods a controller creates or deletes in one pass
// (replicaset BurstReplicas, job MaxPodCreateDeletePerSync: 500).
const burst = 500

// nameAlphabet is the apiserver's name-suffix alphabet, without vowels
// and look-alikes (k8s.io/apimachinery/pkg/util/rand rand.go).
const nameAlphabet = "bcdfghjklmnpqrstvwxz2456789"

func (s *Sim) nameSuffix() string {
	var b [5]byte
	for i := range b {
		b[i] = nameAlphabet[s.names.IntN(len(nameAlphabet))]
	}
	return string(b[:])
}

// templateHash is the pod-template-hash of t: the same shape as
// upstream's (pkg/controller/controller_utils.go ComputeHash, an FNV-32a
// hash written with rand.SafeEncodeString), not the same value: it hashes
// the revision number and the template's labels and containers' images.
func templateHash(t *Template, rev int32) string {
	h := uint32(2166136261)
	add := func(s string) {
		for i := 0; i < len(s); i++ {
			h ^= uint32(s[i])
			h *= 16777619
		}
	}
	add(strconv.Itoa(int(rev)))
	keys := make([]string, 0, len(t.Labels))
	for k := range t.Labels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		add(k + "=" + t.Labels[k])
	}
	for _, c := range t.Spec.Containers {
		add(c.Name + ":" + c.Image)
	}
	digits := strconv.FormatUint(uint64(h), 10)
	out := make([]byte, len(digits))
	for i := range digits {
		out[i] = nameAlphabet[int(digits[i])%len(nameAlphabet)]
	}
	return string(out)
}

// reconcileReplicaSet keeps rs.replicas active pods (replica_set.go
// manageReplicas): it creates the missing ones at once (no slow-start
// batches) and deletes the extra ones in ActivePodsWithRanks order, the
// rank being how many active pods of the controller share the pod's node
// (getPodsToDelete).
func (s *Sim) reconcileReplicaSet(c *ctl, rs *replicaSet, rsi int32) {
	var act []int32
	for _, j := range c.pods {
		if sp := s.pods[j]; sp.rs == rsi && active(sp) {
			act = append(act, j)
		}
	}
	diff := len(act) - int(rs.replicas)
	// At most BurstReplicas creations or deletions per pass
	// (replica_set.go manageReplicas); the pods made trigger the next.
	diff = min(max(diff, -burst), burst)
	for ; diff < 0; diff++ {
		generate := rs.name + "-"
		var extra map[string]string
		if c.Kind == Deployment {
			extra = map[string]string{"pod-template-hash": rs.hash}
		}
		j := s.makePod(c, rs.tmpl, "", generate, "ReplicaSet", rs.name, rs.uid, extra, nil)
		if j >= 0 {
			s.pods[j].rs = rsi
		}
	}
	if diff <= 0 {
		return
	}
	onNode := map[string]int{}
	for _, j := range c.pods {
		if sp := s.pods[j]; active(sp) && sp.node != "" {
			onNode[sp.node]++
		}
	}
	order := pod.ActivePodsWithRanks{Now: s.Now()}
	byPod := make(map[*pod.Pod]int32, len(act))
	for _, j := range act {
		p := s.pods[j].m.Pod()
		order.Pods = append(order.Pods, p)
		r := 0
		if p.Spec.NodeName != "" {
			r = onNode[p.Spec.NodeName]
		}
		order.Rank = append(order.Rank, r)
		byPod[p] = j
	}
	sort.Sort(order)
	for _, p := range order.Pods[:diff] {
		s.deletePod(c, byPod[p], "scale down")
	}
}

// reconcileDeployment sets its ReplicaSets' replicas for a rolling update
// with maxSurge and maxUnavailable 25% (rolling.go rolloutRolling;
// deployment/util ResolveFenceposts: surge rounded up, unavailable down,
// unavailable 1 if both are 0), then lets each ReplicaSet reconcile. The
// scale-up of the new ReplicaSet and the scale-down of the old ones are
// done in one pass (upstream requeues between them), and pods count as
// available as soon as they are Ready (minReadySeconds 0); a scale of a
// Deployment that is not rolling resizes its one ReplicaSet
// (no proportional scaling across several).
func (s *Sim) reconcileDeployment(c *ctl) {
	var cur *replicaSet
	curi := int32(-1)
	for i, rs := range c.rss {
		if rs.hash == c.hash {
			cur, curi = rs, int32(i)
		}
	}
	if cur == nil {
		name := c.Name + "-" + c.hash
		cur = &replicaSet{name: name, uid: "uid-rs-" + name, hash: c.hash, tmpl: c.tmpl}
		curi = int32(len(c.rss))
		c.rss = append(c.rss, cur)
	}
	replicas := c.Replicas
	// In 64 bits: 25% of a large int32 overflows in 32.
	surge := int32((int64(replicas)*25 + 99) / 100)
	unavail := int32(int64(replicas) * 25 / 100)
	if surge == 0 && unavail == 0 {
		unavail = 1
	}
	counts := func(rsi int32) (avail int32) {
		for _, j := range c.pods {
			if sp := s.pods[j]; sp.rs == rsi && available(sp) {
				avail++
			}
		}
		return avail
	}
	total := func() (n int64) {
		for _, rs := range c.rss {
			n += int64(rs.replicas)
		}
		return n
	}
	oldOnes := false
	for i, rs := range c.rss {
		if int32(i) != curi && rs.replicas > 0 {
			oldOnes = true
		}
	}
	if !oldOnes {
		cur.replicas = replicas
	} else {
		// reconcileNewReplicaSet (deployment/util NewRSNewReplicas).
		if cur.replicas > replicas {
			cur.replicas = replicas
		} else if up := int64(replicas) + int64(surge) - total(); up > 0 {
			cur.replicas = int32(min(int64(cur.replicas)+up, int64(replicas)))
		}
		// reconcileOldReplicaSets.
		minAvail := int64(replicas - unavail)
		newUnavail := int64(cur.replicas - counts(curi))
		if maxDown := total() - minAvail - newUnavail; maxDown > 0 {
			// cleanupUnhealthyReplicas, oldest first.
			for i, rs := range c.rss {
				if int32(i) == curi || rs.replicas == 0 || maxDown <= 0 {
					continue
				}
				if unhealthy := int64(rs.replicas - counts(int32(i))); unhealthy > 0 {
					n := min(maxDown, unhealthy)
					rs.replicas -= int32(n)
					maxDown -= n
				}
			}
			// scaleDownOldReplicaSetsForRollingUpdate.
			var availAll int64
			for i := range c.rss {
				availAll += int64(min(counts(int32(i)), c.rss[i].replicas))
			}
			if down := availAll - minAvail; down > 0 {
				for i, rs := range c.rss {
					if int32(i) == curi || rs.replicas == 0 || down <= 0 {
						continue
					}
					n := min(int64(rs.replicas), down)
					rs.replicas -= int32(n)
					down -= n
				}
			}
		}
	}
	for i, rs := range c.rss {
		s.reconcileReplicaSet(c, rs, int32(i))
	}
}

// statefulPod returns the index of the newest pod of c named for ordinal
// i that is not removed, or -1.
func (s *Sim) statefulPod(c *ctl, i int32) int32 {
	j, ok := s.byKey[c.Namespace+"/"+c.Name+"-"+strconv.Itoa(int(i))]
	if !ok || s.pods[j].removed || s.pods[j].owner != c.idx {
		return -1
	}
	return j
}

// withClaims is volumes with a persistentVolumeClaim volume for each
// claim, claiming <claim>-<podName>, first, and the volumes of other
// names after them, in a new slice (stateful_set_utils.go updateStorage;
// upstream walks a map of the claims, here they keep their order, so the
// pod is the same on every run).
func withClaims(volumes []pod.Volume, claims []string, podName string) []pod.Volume {
	if len(claims) == 0 {
		return volumes
	}
	out := make([]pod.Volume, 0, len(claims)+len(volumes))
	for _, c := range claims {
		out = append(out, pod.Volume{Name: c, VolumeSource: pod.VolumeSource{PersistentVolumeClaim: &pod.PVCSource{ClaimName: c + "-" + podName}}})
	}
	for _, v := range volumes {
		if !slices.Contains(claims, v.Name) {
			out = append(out, v)
		}
	}
	return out
}

// reconcileStatefulSet is the OrderedReady policy
// (stateful_set_control.go updateStatefulSet): ordinals in order, each
// one created only when every lower one is Running and Ready; a Failed or
// Succeeded pod is deleted and made again once it is gone (the same name,
// a new UID); nothing goes on while a pod is being deleted. Then the
// condemned ordinals (at or above Replicas) are deleted from the highest,
// one at a time, and a template change is rolled out from the highest
// ordinal down, one pod at a time (RollingUpdate, partition 0).
func (s *Sim) reconcileStatefulSet(c *ctl) {
	for i := range c.Replicas {
		j := s.statefulPod(c, i)
		if j < 0 {
			name := c.Name + "-" + strconv.Itoa(int(i))
			extra := map[string]string{"statefulset.kubernetes.io/pod-name": name, "apps.kubernetes.io/pod-index": strconv.Itoa(int(i)),
				"controller-revision-hash": c.Name + "-" + c.hash}
			s.makePod(c, c.tmpl, name, "", "StatefulSet", c.Name, c.uid, extra, func(sp *pod.Spec, _ *Scheduling) {
				sp.Hostname, sp.Subdomain = name, c.ServiceName
				sp.Volumes = withClaims(sp.Volumes, c.VolumeClaims, name)
			})
			c.maxOrdinal = max(c.maxOrdinal, i)
			return
		}
		sp := s.pods[j]
		p := sp.m.Pod()
		if deleting(sp) {
			return
		}
		if p.Status.Phase.IsTerminal() {
			s.deletePod(c, j, "pod "+string(p.Status.Phase)+", to be made again")
			return
		}
		if !sp.created || p.Status.Phase != "Running" || !pod.IsPodReady(p) {
			return
		}
	}
	for i := c.maxOrdinal; i >= c.Replicas; i-- {
		if j := s.statefulPod(c, i); j >= 0 {
			if !deleting(s.pods[j]) {
				s.deletePod(c, j, "scale down")
			}
			return
		}
	}
	for i := c.Replicas - 1; i >= 0; i-- {
		if j := s.statefulPod(c, i); j >= 0 && s.pods[j].rs != c.rev {
			s.deletePod(c, j, "template changed")
			return
		}
	}
}

// jobBackoff is the delay before a Job makes pods again after n failures
// since its last success (job_controller.go: DefaultJobPodFailureBackOff
// 10 s, doubled, at most MaxJobPodFailureBackOff 10 min; backoff_utils.go
// failuresAfterLastSuccess).
func jobBackoff(n int) time.Duration {
	d := 10 * time.Second
	for k := 1; k < n && d < 10*time.Minute; k++ {
		d *= 2
	}
	return min(d, 10*time.Minute)
}

// reconcileJob is the Job controller for a non-indexed Job
// (job_controller.go syncJob): it counts each pod's end once (Succeeded;
// Failed, or removed before it succeeded; a failure matched by an Ignore
// rule is not counted, one matched by FailJob fails the Job), fails the
// Job when the failures exceed backoffLimit, completes it at Completions
// successes, and otherwise keeps min(Parallelism, Completions-Succeeded)
// pods active, after the pod failure back-off. With a pod failure policy a
// replacement waits until the pod is terminal (podReplacementPolicy
// Failed); without one, until it is being deleted (TerminatingOrFailed).
// A finished Job deletes its active pods. A pod whose regular containers
// finished while a sidecar ran is Succeeded (the kubelet stops the
// sidecar), and counts so.
func (s *Sim) reconcileJob(c *ctl) {
	for _, j := range c.pods {
		sp := s.pods[j]
		if sp.counted || !sp.created {
			continue
		}
		ph := sp.m.Status().Phase
		switch {
		case ph == "Succeeded":
			sp.counted = true
			c.succeeded++
			c.failsInRow = 0
		case ph == "Failed" || sp.removed:
			sp.counted = true
			switch matchPodFailurePolicy(c.PodFailurePolicy, sp.m.Pod()) {
			case FailJob:
				if c.finished == "" {
					c.finished, c.reason = "Failed", "PodFailurePolicy"
				}
			case Ignore:
			default:
				c.failed++
				c.failsInRow++
				c.lastFail = s.now
			}
		}
	}
	c.pods = slices.DeleteFunc(c.pods, func(j int32) bool { return s.pods[j].removed && s.pods[j].counted })
	limit := 6
	if c.BackoffLimit != nil {
		limit = int(*c.BackoffLimit)
	}
	if c.finished == "" && c.failed > limit {
		c.finished, c.reason = "Failed", "BackoffLimitExceeded"
	}
	var act []int32
	for _, j := range c.pods {
		sp := s.pods[j]
		p := sp.m.Pod()
		if sp.removed || p.Status.Phase.IsTerminal() {
			continue
		}
		if deleting(sp) && len(c.PodFailurePolicy) == 0 {
			continue
		}
		act = append(act, j)
	}
	par := int32(1)
	if c.Parallelism != nil {
		par = *c.Parallelism
	}
	want := int(par)
	if c.finished == "" {
		if c.Completions != nil {
			if c.succeeded >= int(*c.Completions) {
				c.finished = "Complete"
			}
			want = min(want, int(*c.Completions)-c.succeeded)
		} else if c.Parallelism == nil {
			want = 1 - c.succeeded
			if c.succeeded >= 1 {
				c.finished = "Complete"
			}
		} else if c.succeeded > 0 {
			want = len(act)
			if len(act) == 0 {
				c.finished = "Complete"
			}
		}
	}
	if c.finished != "" {
		for _, j := range act {
			if !deleting(s.pods[j]) {
				s.deletePod(c, j, "Job "+c.finished)
			}
		}
		return
	}
	if len(act) < want && c.failsInRow > 0 {
		if due := c.lastFail + int64(jobBackoff(c.failsInRow)); s.now < due {
			if c.waitUntil != due {
				c.waitUntil = due
				s.pushAt(due, item{pod: -1, ctr: -1, what: itemReconcile})
			}
			return
		}
	}
	for n := len(act); n < min(want, len(act)+burst); n++ {
		s.makePod(c, c.tmpl, "", c.Name+"-", "Job", c.Name, c.uid,
			map[string]string{"batch.kubernetes.io/job-name": c.Name, "job-name": c.Name,
				"batch.kubernetes.io/controller-uid": c.uid, "controller-uid": c.uid}, nil)
	}
	if extra := min(len(act)-max(want, 0), burst); extra > 0 {
		ps := make([]*pod.Pod, len(act))
		byPod := make(map[*pod.Pod]int32, len(act))
		for k, j := range act {
			ps[k] = s.pods[j].m.Pod()
			byPod[ps[k]] = j
		}
		pod.SortActivePods(ps)
		for _, p := range ps[:extra] {
			s.deletePod(c, byPod[p], "parallelism lowered")
		}
	}
}

// matchPodFailurePolicy returns the action of the first rule matching
// failed pod p, Count when none does (pod_failure_policy.go).
func matchPodFailurePolicy(rules []PodFailurePolicyRule, p *pod.Pod) PodFailurePolicyAction {
	for _, r := range rules {
		if e := r.OnExitCodes; e != nil {
			for _, list := range [2][]statusLite{lite(p.Status.ContainerStatuses), lite(p.Status.InitContainerStatuses)} {
				for _, st := range list {
					if !st.terminated || st.code == 0 || (e.ContainerName != "" && e.ContainerName != st.name) {
						continue
					}
					if slices.Contains(e.Values, st.code) == (e.Operator == "In") {
						return r.Action
					}
				}
			}
		}
		for _, pc := range r.OnPodConditions {
			want := pc.Status
			if want == "" {
				want = pod.ConditionTrue
			}
			if c := p.Status.Condition(pc.Type); c != nil && c.Status == want {
				return r.Action
			}
		}
	}
	return Count
}

type statusLite struct {
	name       string
	terminated bool
	code       int32
}

func lite(l []container.Status) []statusLite {
	out := make([]statusLite, 0, len(l))
	for i := range l {
		st := statusLite{name: l[i].Name}
		if t := l[i].State.Terminated; t != nil {
			st.terminated, st.code = true, t.ExitCode
		}
		out = append(out, st)
	}
	return out
}

// daemonTolerations are the tolerations the DaemonSet controller adds to
// its pods (pkg/controller/daemon/util daemonset_util.go
// AddOrUpdateDaemonPodTolerations): not-ready and unreachable NoExecute
// for ever, and the pressure and unschedulable NoSchedule taints.
var daemonTolerations = []Toleration{
	{Key: TaintNodeNotReady, Operator: TolerationExists, Effect: NoExecute},
	{Key: TaintNodeUnreachable, Operator: TolerationExists, Effect: NoExecute},
	{Key: TaintDiskPressure, Operator: TolerationExists, Effect: NoSchedule},
	{Key: TaintMemoryPressure, Operator: TolerationExists, Effect: NoSchedule},
	{Key: TaintPIDPressure, Operator: TolerationExists, Effect: NoSchedule},
	{Key: TaintNodeUnschedulable, Operator: TolerationExists, Effect: NoSchedule},
}

// reconcileDaemonSet keeps one pod on each node that exists, matches the
// nodeSelector and whose NoSchedule and NoExecute taints the pods
// tolerate (daemon_controller.go podsShouldBeOnNode and
// nodeShouldRunDaemonPod; a pod on a node with an untolerated NoSchedule
// taint keeps running, one with an untolerated NoExecute taint is
// deleted): a missing pod is
// made, a Failed one deleted (and made again once it is gone), a pod on a
// node it no longer fits deleted. The pod is created with spec.nodeName
// set (upstream sets a required node affinity to the node and lets the
// scheduler bind it, so the node's allocatable is not checked here). A
// template change replaces the pods one node at a time, each once every
// pod is Ready (RollingUpdate, maxUnavailable 1).
func (s *Sim) reconcileDaemonSet(c *ctl) {
	tols := append(slices.Clip(c.Template.Scheduling.Tolerations), daemonTolerations...)
	busy := false
	var old []int32
	for _, n := range s.nodes {
		if !n.declared && len(s.opts.Script.Nodes) > 0 || n.deleted {
			continue
		}
		// nodeShouldRunDaemonPod: the selector must match; an untolerated
		// NoSchedule taint keeps new pods off, an untolerated NoExecute
		// one removes the running pod too.
		run := labelsMatch(c.Template.Scheduling.NodeSelector, n.Labels)
		keep := run
		s.taintBuf = n.taints(s.taintBuf)
		for k := range s.taintBuf {
			t := &s.taintBuf[k]
			if t.Effect != NoSchedule && t.Effect != NoExecute {
				continue
			}
			if _, ok := tolerated(tols, t); !ok {
				run = false
				keep = keep && t.Effect != NoExecute
			}
		}
		var mine []int32
		for _, j := range c.pods {
			if sp := s.pods[j]; !sp.removed && sp.m.Pod().Spec.NodeName == n.Name {
				mine = append(mine, j)
			}
		}
		if !keep {
			for _, j := range mine {
				if !deleting(s.pods[j]) {
					s.deletePod(c, j, "node "+n.Name+" does not fit")
				}
			}
			continue
		}
		if !run && len(mine) == 0 {
			continue
		}
		if len(mine) == 0 {
			name := n.Name
			s.makePod(c, c.tmpl, "", c.Name+"-", "DaemonSet", c.Name, c.uid, nil, func(sp *pod.Spec, sch *Scheduling) {
				sp.NodeName = name
				sch.Tolerations = tols
			})
			busy = true
			continue
		}
		for _, j := range mine {
			sp := s.pods[j]
			switch {
			case deleting(sp):
				busy = true
			case sp.m.Status().Phase == "Failed":
				s.deletePod(c, j, "pod Failed, to be made again")
				busy = true
			case !available(sp):
				busy = true
			case sp.rs != c.rev:
				old = append(old, j)
			}
		}
	}
	if !busy && len(old) > 0 {
		s.deletePod(c, old[0], "template changed")
	}
}

// Controller returns what the controller named key ("namespace/name" or
// name) has made, and whether it exists.
func (s *Sim) Controller(key string) (ControllerStatus, bool) {
	i, ok := s.ctlIdx[key]
	if !ok {
		return ControllerStatus{}, false
	}
	c := s.ctls[i]
	st := ControllerStatus{Kind: c.Kind, Succeeded: c.succeeded, Failed: c.failed, Condition: c.finished, Reason: c.reason}
	for _, j := range c.pods {
		sp := s.pods[j]
		if sp.removed || !sp.created {
			continue // gone, or not stored by the apiserver yet
		}
		st.Pods = append(st.Pods, sp.m.Pod().Metadata.Name)
		if active(sp) {
			st.Active++
			if available(sp) {
				st.Ready++
			}
		}
	}
	return st, true
}
