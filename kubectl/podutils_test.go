package kubectl

import (
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
)

// now is the clock of the tests of this package.
var now = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

func readyPod(at time.Time) *pod.Pod {
	return &pod.Pod{Status: pod.Status{Conditions: []pod.Condition{{Type: pod.Ready, Status: pod.ConditionTrue, LastTransitionTime: at}}}}
}

// TestIsPodAvailable: k8s.io/kubectl/pkg/util/podutils IsPodAvailable —
// strictly more than minReadySeconds; the controllers' rule counts the
// boundary.
func TestIsPodAvailable(t *testing.T) {
	at := now.Add(-time.Minute)
	for _, tc := range []struct {
		name            string
		p               *pod.Pod
		min             int32
		kubectl, contrl bool
	}{
		{"nil pod", nil, 0, false, false},
		{"not ready", &pod.Pod{}, 0, false, false},
		{"minReadySeconds 0 without a transition time", readyPod(time.Time{}), 0, true, true},
		{"no transition time", readyPod(time.Time{}), 5, false, false},
		{"the boundary", readyPod(at), 60, false, true},
		{"past the boundary", readyPod(at), 59, true, true},
		{"before the boundary", readyPod(at), 61, false, false},
		{"negative minReadySeconds", readyPod(now), -1, true, true},
	} {
		if got := IsPodAvailable(tc.p, tc.min, now); got != tc.kubectl {
			t.Errorf("%s: kubectl IsPodAvailable = %v, want %v", tc.name, got, tc.kubectl)
		}
		if got := pod.IsPodAvailable(tc.p, tc.min, now); got != tc.contrl {
			t.Errorf("%s: controllers' IsPodAvailable = %v, want %v", tc.name, got, tc.contrl)
		}
	}
	if !IsPodReady(readyPod(now)) || IsPodReady(nil) {
		t.Error("IsPodReady")
	}
}

type opt func(*pod.Pod)

func mkPod(name string, opts ...opt) *pod.Pod {
	p := &pod.Pod{Metadata: pod.Meta{Name: name}, Spec: pod.Spec{NodeName: "node"}, Status: pod.Status{Phase: phase.Running}}
	for _, o := range opts {
		o(p)
	}
	return p
}

func noNode(p *pod.Pod)         { p.Spec.NodeName = "" }
func ph(x phase.Phase) opt      { return func(p *pod.Pod) { p.Status.Phase = x } }
func createdAt(t time.Time) opt { return func(p *pod.Pod) { p.Metadata.CreationTimestamp = t } }
func deletedAt(t time.Time) opt { return func(p *pod.Pod) { p.Metadata.DeletionTimestamp = t } }
func readyFrom(t time.Time) opt {
	return func(p *pod.Pod) {
		p.Status.Conditions = []pod.Condition{{Type: pod.Ready, Status: pod.ConditionTrue, LastTransitionTime: t}}
	}
}
func restarted(n int32) opt {
	return func(p *pod.Pod) { p.Status.ContainerStatuses = []container.Status{{Name: "c", RestartCount: n}} }
}

// TestActivePodsLess: k8s.io/kubectl/pkg/util/podutils ActivePods, rule by
// rule; each pair is (first, then).
func TestActivePodsLess(t *testing.T) {
	for _, tc := range []struct {
		rule        string
		first, then *pod.Pod
	}{
		{"1 unassigned first", mkPod("a", noNode), mkPod("b")},
		{"2 Pending before Running", mkPod("a", ph(phase.Pending)), mkPod("b")},
		{"2 Failed ranks as Pending", mkPod("a", ph(phase.Failed)), mkPod("b", ph(phase.Unknown))},
		{"3 not ready first", mkPod("a"), mkPod("b", readyFrom(now))},
		{"4 deleting first", mkPod("a", deletedAt(now)), mkPod("b")},
		{"5 earlier deletion first", mkPod("a", deletedAt(now)), mkPod("b", deletedAt(now.Add(time.Second)))},
		{"6 ready more recently first", mkPod("a", readyFrom(now)), mkPod("b", readyFrom(now.Add(-time.Second)))},
		{"7 more restarts first", mkPod("a", restarted(3)), mkPod("b", restarted(2))},
		{"8 newer first", mkPod("a", createdAt(now)), mkPod("b", createdAt(now.Add(-time.Second)))},
		{"8 unset creation first", mkPod("a"), mkPod("b", createdAt(now))},
	} {
		if !ActivePodsLess(tc.first, tc.then) || ActivePodsLess(tc.then, tc.first) {
			t.Errorf("%s: want %s strictly before %s", tc.rule, tc.first.Metadata.Name, tc.then.Metadata.Name)
		}
	}
}

// TestByLoggingLess: k8s.io/kubectl/pkg/util/podutils ByLogging.
func TestByLoggingLess(t *testing.T) {
	for _, tc := range []struct {
		rule        string
		first, then *pod.Pod
	}{
		{"1 assigned first", mkPod("a"), mkPod("b", noNode)},
		{"2 Running before Unknown", mkPod("a"), mkPod("b", ph(phase.Unknown))},
		{"2 Unknown before Pending", mkPod("a", ph(phase.Unknown)), mkPod("b", ph(phase.Pending))},
		{"2 Succeeded ranks as Running", mkPod("a", ph(phase.Succeeded)), mkPod("b", ph(phase.Unknown))},
		{"3 ready first", mkPod("a", readyFrom(now)), mkPod("b")},
		{"4 ready longer first", mkPod("a", readyFrom(now.Add(-time.Second))), mkPod("b", readyFrom(now))},
		{"4 unset ready time last", mkPod("a", readyFrom(now)), mkPod("b", readyFrom(time.Time{}))},
		{"5 more restarts first", mkPod("a", restarted(1)), mkPod("b")},
		{"6 older first", mkPod("a", createdAt(now.Add(-time.Second))), mkPod("b", createdAt(now))},
		{"6 unset creation last", mkPod("a", createdAt(now)), mkPod("b")},
	} {
		if !ByLoggingLess(tc.first, tc.then) || ByLoggingLess(tc.then, tc.first) {
			t.Errorf("%s: want %s strictly before %s", tc.rule, tc.first.Metadata.Name, tc.then.Metadata.Name)
		}
	}
}

func TestSortsStableAndNilSafe(t *testing.T) {
	pods := []*pod.Pod{mkPod("x"), nil, mkPod("y"), mkPod("u", noNode)}
	SortByLogging(pods)
	if pods[0].Metadata.Name != "x" || pods[1].Metadata.Name != "y" {
		t.Errorf("ByLogging order starts %v, %v", pods[0], pods[1])
	}
	SortActivePods(pods)
	if pods[0] != nil && pods[0].Metadata.Name != "u" {
		t.Errorf("ActivePods order starts with %v", pods[0].Metadata.Name)
	}
}
