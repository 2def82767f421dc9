package pod

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/podlife/podlife/phase"
)

// PodDeletionCostAnnotation is the annotation through which a pod's owner
// says how costly deleting the pod is; the ReplicaSet controller deletes
// lower-cost pods first when it scales down (k8s.io/api/core/v1
// PodDeletionCost; gate PodDeletionCost, beta and on).
const PodDeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost"

// DeletionCost returns the pod's deletion cost: its
// controller.kubernetes.io/pod-deletion-cost annotation as an int32, or 0
// when it is absent or not a plain decimal int32 — a leading "+" or a
// leading zero ("+10", "008") does not count, "-5" and "0" do
// (pkg/apis/core/helper/helpers.go GetDeletionCostFromPodAnnotations).
func DeletionCost(p *Pod) int32 {
	if p == nil {
		return 0
	}
	v, ok := p.Metadata.Annotations[PodDeletionCostAnnotation]
	if !ok {
		return 0
	}
	n, _ := parseDeletionCost(v)
	return n
}

// parseDeletionCost reads a pod-deletion-cost annotation's value as
// GetDeletionCostFromPodAnnotations does: a decimal int32 whose first
// character is "-" or a digit other than a leading zero ("0" itself is
// fine); ok is false, and the cost 0, for anything else.
func parseDeletionCost(v string) (cost int32, ok bool) {
	if v == "" {
		return 0, false
	}
	if c := v[0]; !(c == '-' || c >= '1' && c <= '9' || v == "0") {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil {
		return 0, false
	}
	return int32(n), true
}

// MaxContainerRestarts returns the highest restartCount among the pod's
// regular container statuses, and among the statuses of its sidecars
// (init-container statuses whose name some spec.initContainers entry with
// restartPolicy Always has). Plain init containers do not count
// (pkg/controller/controller_utils.go and k8s.io/kubectl/pkg/util/podutils
// maxContainerRestarts).
func MaxContainerRestarts(p *Pod) (regular, sidecar int32) {
	if p == nil {
		return 0, 0
	}
	for i := range p.Status.ContainerStatuses {
		regular = max(regular, p.Status.ContainerStatuses[i].RestartCount)
	}
	for i := range p.Status.InitContainerStatuses {
		s := &p.Status.InitContainerStatuses[i]
		for j := range p.Spec.InitContainers {
			if c := &p.Spec.InitContainers[j]; c.Name == s.Name && c.IsSidecar() {
				sidecar = max(sidecar, s.RestartCount)
				break
			}
		}
	}
	return regular, sidecar
}

// CompareMaxContainerRestarts compares the pods by MaxContainerRestarts:
// -1 when a has the higher regular count, or the same and the higher
// sidecar count; 1 for the reverse; 0 when both counts tie
// (pkg/controller/controller_utils.go compareMaxContainerRestarts).
func CompareMaxContainerRestarts(a, b *Pod) int {
	ra, sa := MaxContainerRestarts(a)
	rb, sb := MaxContainerRestarts(b)
	if ra != rb {
		return cmp.Compare(rb, ra)
	}
	return cmp.Compare(sb, sa)
}

// DeletionPhaseRank is the rank of a phase in the deletion orders of the
// controllers and of kubectl (lower is deleted first): Pending 0, Unknown
// 1, Running 2; every other phase (Succeeded, Failed, none) 0, like Pending
// (pkg/controller/controller_utils.go podPhaseToOrdinal, and the map in
// k8s.io/kubectl/pkg/util/podutils ActivePods, both read without a
// default).
func DeletionPhaseRank(ph phase.Phase) int {
	switch ph {
	case phase.Unknown:
		return 1
	case phase.Running:
		return 2
	}
	return 0
}

// AfterOrZero reports whether t1 is after t2, where an unset (zero) time
// counts as after every set time (pkg/controller/controller_utils.go and
// k8s.io/kubectl/pkg/util/podutils afterOrZero).
func AfterOrZero(t1, t2 time.Time) bool {
	if t1.IsZero() || t2.IsZero() {
		return t1.IsZero()
	}
	return t1.After(t2)
}

func orEmpty(p *Pod) *Pod {
	if p == nil {
		return &emptyPod
	}
	return p
}

// emptyPod stands for a nil *Pod in the orders; it is never written.
var emptyPod Pod

// ActivePodsLess is the controllers' ActivePods order: a before b when a
// should be deleted first (pkg/controller/controller_utils.go ActivePods,
// used by the Job, DaemonSet and ReplicationController code). The first
// rule that tells the pods apart decides:
//
//  1. unassigned (no spec.nodeName) before assigned;
//  2. Pending before Unknown before Running (other phases rank as
//     Pending);
//  3. not ready before ready (IsPodReady);
//  4. both ready: ready more recently first, unset ready time first;
//  5. the higher MaxContainerRestarts first (regular, then sidecars);
//  6. created more recently first, unset creationTimestamp first.
//
// kubectl's ActivePods (package kubectl) has two more rules, on deletion.
// A nil pod reads as an empty Pod.
func ActivePodsLess(a, b *Pod) bool {
	a, b = orEmpty(a), orEmpty(b)
	if less, ok := assignedPhaseReady(a, b); ok {
		return less
	}
	if IsPodReady(a) && IsPodReady(b) {
		if ta, tb := ReadyTime(a), ReadyTime(b); !ta.Equal(tb) {
			return AfterOrZero(ta, tb)
		}
	}
	if c := CompareMaxContainerRestarts(a, b); c != 0 {
		return c < 0
	}
	if ta, tb := a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp; !ta.Equal(tb) {
		return AfterOrZero(ta, tb)
	}
	return false
}

// assignedPhaseReady applies the three rules every deletion order starts
// with: unassigned first, phase rank, not ready first. ok is false when
// they do not tell a and b apart.
func assignedPhaseReady(a, b *Pod) (less, ok bool) {
	na, nb := a.Spec.NodeName, b.Spec.NodeName
	if na != nb && (na == "" || nb == "") {
		return na == "", true
	}
	if ra, rb := DeletionPhaseRank(a.Status.Phase), DeletionPhaseRank(b.Status.Phase); ra != rb {
		return ra < rb, true
	}
	if ra, rb := IsPodReady(a), IsPodReady(b); ra != rb {
		return !ra, true
	}
	return false, false
}

// SortActivePods sorts pods by ActivePodsLess, first to delete first.
// The sort is stable: pods that compare equal keep their order (upstream's
// sort.Sort agrees for up to 12 pods, where it is an insertion sort).
func SortActivePods(pods []*Pod) { slices.SortStableFunc(pods, compareBy(ActivePodsLess)) }

// compareBy turns a "less" into a three-way comparison.
func compareBy(less func(a, b *Pod) bool) func(a, b *Pod) int {
	return func(a, b *Pod) int {
		switch {
		case less(a, b):
			return -1
		case less(b, a):
			return 1
		}
		return 0
	}
}

// ActivePodsWithRanks is the order in which the ReplicaSet controller
// deletes pods when it scales down (pkg/controller/controller_utils.go
// ActivePodsWithRanks; the controller builds it in
// pkg/controller/replicaset/replica_set.go getPodsToDelete). It is a
// sort.Interface over Pods and Rank together.
type ActivePodsWithRanks struct {
	// Pods are the pods to order.
	Pods []*Pod
	// Rank holds one number per pod; a higher rank is deleted first. The
	// controller passes, for each pod, how many active pods of the same
	// owner run on the pod's node. Missing entries count as 0.
	Rank []int
	// Now is the controller's clock. Ready and creation times are compared
	// on a log2 scale of their age at Now; the zero Now compares them
	// plainly (the controller always sets it).
	Now time.Time
}

// Len is the number of pods.
func (s ActivePodsWithRanks) Len() int { return len(s.Pods) }

// Swap swaps two pods and their ranks.
func (s ActivePodsWithRanks) Swap(i, j int) {
	s.Pods[i], s.Pods[j] = s.Pods[j], s.Pods[i]
	if i < len(s.Rank) && j < len(s.Rank) {
		s.Rank[i], s.Rank[j] = s.Rank[j], s.Rank[i]
	}
}

func (s ActivePodsWithRanks) rank(i int) int {
	if i < len(s.Rank) {
		return s.Rank[i]
	}
	return 0
}

// Less reports whether pod i should be deleted before pod j. The first
// rule that tells them apart decides:
//
//  1. unassigned before assigned;
//  2. Pending before Unknown before Running (other phases rank as
//     Pending);
//  3. not ready before ready;
//  4. lower DeletionCost first;
//  5. higher Rank first;
//  6. both ready: ready more recently first, unset ready time first;
//  7. the higher MaxContainerRestarts first;
//  8. created more recently first, unset creationTimestamp first.
//
// In 6 and 8, with Now set and both times set, the times are compared by
// LogBucket: the more recent bucket first, and within one bucket the pod
// with the lower metadata.uid first (so equivalent pods are deleted in a
// spread-out order). Because of that, Less is not always a strict weak
// order: with three pods it can happen that a < b < c < a.
func (s ActivePodsWithRanks) Less(i, j int) bool {
	a, b := orEmpty(s.Pods[i]), orEmpty(s.Pods[j])
	if less, ok := assignedPhaseReady(a, b); ok {
		return less
	}
	if ca, cb := DeletionCost(a), DeletionCost(b); ca != cb {
		return ca < cb
	}
	if ri, rj := s.rank(i), s.rank(j); ri != rj {
		return ri > rj
	}
	if IsPodReady(a) && IsPodReady(b) {
		if ta, tb := ReadyTime(a), ReadyTime(b); !ta.Equal(tb) {
			return s.newerFirst(a, b, ta, tb)
		}
	}
	if c := CompareMaxContainerRestarts(a, b); c != 0 {
		return c < 0
	}
	if ta, tb := a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp; !ta.Equal(tb) {
		return s.newerFirst(a, b, ta, tb)
	}
	return false
}

// newerFirst orders two different times, the more recent first, on the
// log2 scale when it applies.
func (s ActivePodsWithRanks) newerFirst(a, b *Pod, ta, tb time.Time) bool {
	if s.Now.IsZero() || ta.IsZero() || tb.IsZero() {
		return AfterOrZero(ta, tb)
	}
	ba, bb := LogBucket(ta, s.Now), LogBucket(tb, s.Now)
	if ba == bb {
		return a.Metadata.UID < b.Metadata.UID
	}
	return ba < bb
}

// LogBucket is the log2 bucket of t's age at now: floor(log2(now − t)) with
// the age in nanoseconds, or -1 when t is not before now
// (pkg/controller/controller_utils.go logarithmicRankDiff).
func LogBucket(t, now time.Time) int64 {
	d := now.Sub(t)
	if d <= 0 {
		return -1
	}
	return int64(math.Log2(float64(d)))
}

// Sort sorts the pods (and their ranks) first to delete first. It is a
// stable sort: where upstream's sort.Sort and a stable sort could differ
// (more than 12 pods, with ties; or a comparison that is not a strict weak
// order) podlife's answer is the stable one.
func (s ActivePodsWithRanks) Sort() { sort.Stable(s) }
