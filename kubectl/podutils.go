package kubectl

import (
	"slices"
	"time"

	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
)

// IsPodReady reports whether the first Ready condition of the pod is True
// (k8s.io/kubectl/pkg/util/podutils IsPodReady; the same rule as
// pod.IsPodReady). The STATUS column's Running/NotReady fix-up reads any
// Ready condition instead.
func IsPodReady(p *pod.Pod) bool { return pod.IsPodReady(p) }

// IsPodAvailable is kubectl's availability rule
// (k8s.io/kubectl/pkg/util/podutils IsPodAvailable, used by kubectl
// rollout status and kubectl's polymorphic helpers): the pod is ready, and
// minReadySeconds is 0 or its Ready condition has a lastTransitionTime with
// lastTransitionTime + minReadySeconds strictly before now. At exactly
// that instant kubectl says not yet available while the controllers
// (pod.IsPodAvailable) already count the pod.
func IsPodAvailable(p *pod.Pod, minReadySeconds int32, now time.Time) bool {
	if !pod.IsPodReady(p) {
		return false
	}
	if minReadySeconds == 0 {
		return true
	}
	t := p.Status.Condition(pod.Ready).LastTransitionTime
	return !t.IsZero() && t.Add(time.Duration(minReadySeconds)*time.Second).Before(now)
}

// emptyPod stands for a nil *pod.Pod; it is never written.
var emptyPod pod.Pod

// emptyOr reads a nil pod as an empty one.
func emptyOr(p *pod.Pod) *pod.Pod {
	if p == nil {
		return &emptyPod
	}
	return p
}

// ActivePodsLess is kubectl's ActivePods order: a before b when a is the
// better pod to delete (k8s.io/kubectl/pkg/util/podutils ActivePods;
// kubectl attach, exec and port-forward take the first pod of the reverse
// order). The first rule that tells the pods apart decides:
//
//  1. unassigned (no spec.nodeName) before assigned;
//  2. Pending before Unknown before Running (pod.DeletionPhaseRank; other
//     phases rank as Pending);
//  3. not ready before ready;
//  4. being deleted (deletionTimestamp set) before not;
//  5. both being deleted: the earlier deletionTimestamp first;
//  6. both ready: ready more recently first, unset ready time first;
//  7. the higher pod.MaxContainerRestarts first (regular, then sidecars);
//  8. created more recently first, unset creationTimestamp first.
//
// The controllers' ActivePods (pod.ActivePodsLess) lacks rules 4 and 5.
// A nil pod reads as an empty Pod.
func ActivePodsLess(a, b *pod.Pod) bool {
	a, b = emptyOr(a), emptyOr(b)
	if na, nb := a.Spec.NodeName, b.Spec.NodeName; na != nb && (na == "" || nb == "") {
		return na == ""
	}
	if ra, rb := pod.DeletionPhaseRank(a.Status.Phase), pod.DeletionPhaseRank(b.Status.Phase); ra != rb {
		return ra < rb
	}
	readyA, readyB := pod.IsPodReady(a), pod.IsPodReady(b)
	if readyA != readyB {
		return !readyA
	}
	if da, db := a.Metadata.IsDeleting(), b.Metadata.IsDeleting(); da != db {
		return da
	} else if da && !a.Metadata.DeletionTimestamp.Equal(b.Metadata.DeletionTimestamp) {
		return a.Metadata.DeletionTimestamp.Before(b.Metadata.DeletionTimestamp)
	}
	if readyA && readyB {
		if ta, tb := pod.ReadyTime(a), pod.ReadyTime(b); !ta.Equal(tb) {
			return pod.AfterOrZero(ta, tb)
		}
	}
	if c := pod.CompareMaxContainerRestarts(a, b); c != 0 {
		return c < 0
	}
	if ta, tb := a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp; !ta.Equal(tb) {
		return pod.AfterOrZero(ta, tb)
	}
	return false
}

// loggingPhaseRank is ByLogging's phase rank: Running 0, Unknown 1,
// Pending 2, every other phase 0 like Running.
func loggingPhaseRank(ph phase.Phase) int {
	switch ph {
	case phase.Unknown:
		return 1
	case phase.Pending:
		return 2
	}
	return 0
}

// ByLoggingLess is the order in which kubectl picks the pod whose logs it
// shows for `kubectl logs deploy/x` (k8s.io/kubectl/pkg/util/podutils
// ByLogging): a before b when a is the better pick. The first rule that
// tells the pods apart decides:
//
//  1. assigned before unassigned;
//  2. Running before Unknown before Pending (other phases rank as
//     Running);
//  3. ready before not ready;
//  4. both ready: ready longer first, unset ready time last;
//  5. the higher pod.MaxContainerRestarts first (regular, then sidecars);
//  6. created earlier first, unset creationTimestamp last.
//
// A nil pod reads as an empty Pod.
func ByLoggingLess(a, b *pod.Pod) bool {
	a, b = emptyOr(a), emptyOr(b)
	if na, nb := a.Spec.NodeName, b.Spec.NodeName; na != nb && (na == "" || nb == "") {
		return na != ""
	}
	if ra, rb := loggingPhaseRank(a.Status.Phase), loggingPhaseRank(b.Status.Phase); ra != rb {
		return ra < rb
	}
	readyA, readyB := pod.IsPodReady(a), pod.IsPodReady(b)
	if readyA != readyB {
		return readyA
	}
	if readyA && readyB {
		if ta, tb := pod.ReadyTime(a), pod.ReadyTime(b); !ta.Equal(tb) {
			return pod.AfterOrZero(tb, ta)
		}
	}
	if c := pod.CompareMaxContainerRestarts(a, b); c != 0 {
		return c < 0
	}
	if ta, tb := a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp; !ta.Equal(tb) {
		return pod.AfterOrZero(tb, ta)
	}
	return false
}

func compareBy(less func(a, b *pod.Pod) bool) func(a, b *pod.Pod) int {
	return func(a, b *pod.Pod) int {
		switch {
		case less(a, b):
			return -1
		case less(b, a):
			return 1
		}
		return 0
	}
}

// SortActivePods sorts pods by ActivePodsLess, the best pod to delete
// first. The sort is stable: pods that compare equal keep their order
// (upstream's sort.Sort agrees for up to 12 pods, where it is an insertion
// sort).
func SortActivePods(pods []*pod.Pod) { slices.SortStableFunc(pods, compareBy(ActivePodsLess)) }

// SortByLogging sorts pods by ByLoggingLess, kubectl's first pick first;
// stable like SortActivePods.
func SortByLogging(pods []*pod.Pod) { slices.SortStableFunc(pods, compareBy(ByLoggingLess)) }
