package pod_test

import (
	"sort"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

// TestDeletionCost: pkg/apis/core/helper/helpers.go
// GetDeletionCostFromPodAnnotations.
func TestDeletionCost(t *testing.T) {
	for v, want := range map[string]int32{
		"10": 10, "-5": -5, "0": 0, "-0": 0, "2147483647": 2147483647, "-2147483648": -2147483648,
		"+10": 0, "008": 0, "abc": 0, "": 0, "-": 0, "2147483648": 0, "1.5": 0, " 1": 0,
	} {
		p := &pod.Pod{Metadata: pod.Meta{Annotations: map[string]string{pod.PodDeletionCostAnnotation: v}}}
		if got := pod.DeletionCost(p); got != want {
			t.Errorf("DeletionCost(%q) = %d, want %d", v, got, want)
		}
	}
	if pod.DeletionCost(nil) != 0 || pod.DeletionCost(&pod.Pod{}) != 0 {
		t.Error("no annotation should cost 0")
	}
}

// TestMaxContainerRestarts: pkg/controller/controller_utils.go
// maxContainerRestarts — sidecars by spec name, plain init containers
// ignored.
func TestMaxContainerRestarts(t *testing.T) {
	p := &pod.Pod{
		Spec: pod.Spec{InitContainers: []container.Container{
			{Name: "init"}, {Name: "side", RestartPolicy: restart.Always.Ptr()},
		}},
		Status: pod.Status{
			InitContainerStatuses: []container.Status{{Name: "init", RestartCount: 9}, {Name: "side", RestartCount: 4}, {Name: "ghost", RestartCount: 7}},
			ContainerStatuses:     []container.Status{{Name: "a", RestartCount: 2}, {Name: "b", RestartCount: 3}},
		},
	}
	if r, s := pod.MaxContainerRestarts(p); r != 3 || s != 4 {
		t.Errorf("MaxContainerRestarts = %d, %d, want 3, 4", r, s)
	}
}

type podOpt func(*pod.Pod)

func mk(name string, opts ...podOpt) *pod.Pod {
	p := &pod.Pod{Metadata: pod.Meta{Name: name, UID: name}, Spec: pod.Spec{NodeName: "node"},
		Status: pod.Status{Phase: phase.Running}}
	for _, o := range opts {
		o(p)
	}
	return p
}

func unassigned(p *pod.Pod)         { p.Spec.NodeName = "" }
func inPhase(ph phase.Phase) podOpt { return func(p *pod.Pod) { p.Status.Phase = ph } }
func created(at time.Time) podOpt   { return func(p *pod.Pod) { p.Metadata.CreationTimestamp = at } }
func deleting(at time.Time) podOpt  { return func(p *pod.Pod) { p.Metadata.DeletionTimestamp = at } }
func cost(v string) podOpt {
	return func(p *pod.Pod) { p.Metadata.Annotations = map[string]string{pod.PodDeletionCostAnnotation: v} }
}
func restarts(n int32) podOpt {
	return func(p *pod.Pod) { p.Status.ContainerStatuses = []container.Status{{Name: "c", RestartCount: n}} }
}
func readySince(at time.Time) podOpt {
	return func(p *pod.Pod) { p.Status.Conditions = []pod.Condition{readyAt(pod.ConditionTrue, at)} }
}

func names(pods []*pod.Pod) []string {
	out := make([]string, len(pods))
	for i, p := range pods {
		out[i] = p.Metadata.Name
	}
	return out
}

// TestActivePodsLess: pkg/controller/controller_utils.go ActivePods, rule
// by rule; each pair is (first to delete, other).
func TestActivePodsLess(t *testing.T) {
	for _, tc := range []struct {
		rule        string
		first, then *pod.Pod
	}{
		{"1 unassigned first", mk("a", unassigned), mk("b")},
		{"2 Pending before Unknown", mk("a", inPhase(phase.Pending)), mk("b", inPhase(phase.Unknown))},
		{"2 Unknown before Running", mk("a", inPhase(phase.Unknown)), mk("b")},
		{"2 Succeeded ranks as Pending", mk("a", inPhase(phase.Succeeded)), mk("b", inPhase(phase.Unknown))},
		{"3 not ready first", mk("a"), mk("b", readySince(tp0))},
		{"4 ready more recently first", mk("a", readySince(tp0.Add(time.Second))), mk("b", readySince(tp0))},
		{"4 unset ready time first", mk("a", readySince(time.Time{})), mk("b", readySince(tp0))},
		{"5 more restarts first", mk("a", restarts(2)), mk("b", restarts(1))},
		{"6 newer first", mk("a", created(tp0.Add(time.Second))), mk("b", created(tp0))},
		{"6 unset creation first", mk("a"), mk("b", created(tp0))},
	} {
		if !pod.ActivePodsLess(tc.first, tc.then) || pod.ActivePodsLess(tc.then, tc.first) {
			t.Errorf("%s: want %s strictly before %s", tc.rule, tc.first.Metadata.Name, tc.then.Metadata.Name)
		}
	}
	// The controllers' ActivePods ignores deletion, unlike kubectl's.
	a, b := mk("a", deleting(tp0)), mk("b")
	if pod.ActivePodsLess(a, b) || pod.ActivePodsLess(b, a) {
		t.Error("deletion should not order pods in the controllers' ActivePods")
	}
	if pod.ActivePodsLess(nil, nil) {
		t.Error("nil pods should compare equal")
	}
}

func TestSortActivePodsStable(t *testing.T) {
	pods := []*pod.Pod{mk("x"), mk("y"), mk("u", unassigned), mk("z")}
	pod.SortActivePods(pods)
	if got := names(pods); got[0] != "u" || got[1] != "x" || got[2] != "y" || got[3] != "z" {
		t.Errorf("order = %v, want [u x y z]", got)
	}
}

// TestActivePodsWithRanks: pkg/controller/controller_utils.go
// ActivePodsWithRanks, rule by rule.
func TestActivePodsWithRanks(t *testing.T) {
	now := tp0.Add(1000 * time.Hour)
	for _, tc := range []struct {
		rule         string
		first, then  *pod.Pod
		rFirst, rThe int
	}{
		{"3 not ready first", mk("a"), mk("b", readySince(tp0)), 0, 0},
		{"4 lower deletion cost first", mk("a", cost("-1")), mk("b"), 0, 0},
		{"4 unparsable cost is 0", mk("a", cost("+10")), mk("b", cost("1")), 0, 0},
		{"5 higher rank first", mk("a"), mk("b"), 2, 1},
		{"6 more recent ready bucket first", mk("a", readySince(now.Add(-time.Hour))), mk("b", readySince(now.Add(-3*time.Hour))), 0, 0},
		{"6 same bucket: lower UID first", mk("a", readySince(now.Add(-time.Hour))), mk("b", readySince(now.Add(-time.Hour-time.Minute))), 0, 0},
		{"6 same bucket: UID beats time", mk("a", readySince(now.Add(-time.Hour-time.Minute))), mk("b", readySince(now.Add(-time.Hour))), 0, 0},
		{"6 future ready time is bucket -1", mk("b", readySince(now.Add(time.Hour))), mk("a", readySince(now.Add(-time.Nanosecond*2))), 0, 0},
		{"7 more restarts first", mk("a", restarts(1)), mk("b"), 0, 0},
		{"8 newer bucket first", mk("b", created(now.Add(-time.Minute))), mk("a", created(now.Add(-time.Hour))), 0, 0},
	} {
		s := pod.ActivePodsWithRanks{Pods: []*pod.Pod{tc.first, tc.then}, Rank: []int{tc.rFirst, tc.rThe}, Now: now}
		if !s.Less(0, 1) || s.Less(1, 0) {
			t.Errorf("%s: want %s strictly before %s", tc.rule, tc.first.Metadata.Name, tc.then.Metadata.Name)
		}
	}
	// Without Now, times compare plainly.
	s := pod.ActivePodsWithRanks{Pods: []*pod.Pod{mk("b", created(tp0.Add(time.Second))), mk("a", created(tp0))}}
	if !s.Less(0, 1) {
		t.Error("zero Now: the newer pod should come first")
	}
	var _ sort.Interface = s
}

func TestActivePodsWithRanksSortKeepsRanks(t *testing.T) {
	s := pod.ActivePodsWithRanks{Pods: []*pod.Pod{mk("low"), mk("high"), mk("mid")}, Rank: []int{1, 3, 2}, Now: tp0}
	s.Sort()
	if got := names(s.Pods); got[0] != "high" || got[1] != "mid" || got[2] != "low" {
		t.Errorf("order = %v", got)
	}
	if s.Rank[0] != 3 || s.Rank[1] != 2 || s.Rank[2] != 1 {
		t.Errorf("ranks = %v, want them moved with their pods", s.Rank)
	}
	// Short Rank and nil pods do not panic.
	s = pod.ActivePodsWithRanks{Pods: []*pod.Pod{nil, mk("a"), nil}, Rank: []int{1}}
	s.Sort()
}

// TestLogBucket: pkg/controller/controller_utils.go logarithmicRankDiff.
func TestLogBucket(t *testing.T) {
	for d, want := range map[time.Duration]int64{
		-time.Second: -1, 0: -1, 1: 0, 2: 1, 3: 1, 4: 2, time.Second: 29, time.Hour: 41,
	} {
		if got := pod.LogBucket(tp0.Add(-d), tp0); got != want {
			t.Errorf("LogBucket(age %v) = %d, want %d", d, got, want)
		}
	}
}
