package pod_test

import (
	"testing"
	"time"

	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
)

var tp0 = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

func withConditions(cs ...pod.Condition) *pod.Pod {
	return &pod.Pod{Status: pod.Status{Conditions: cs}}
}

func readyAt(s pod.ConditionStatus, at time.Time) pod.Condition {
	return pod.Condition{Type: pod.Ready, Status: s, LastTransitionTime: at}
}

// TestIsPodReady: pkg/api/v1/pod/util.go IsPodReady — the first Ready
// condition, status exactly True.
func TestIsPodReady(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    *pod.Pod
		want bool
	}{
		{"nil pod", nil, false},
		{"no conditions", withConditions(), false},
		{"Ready True", withConditions(readyAt(pod.ConditionTrue, tp0)), true},
		{"Ready False", withConditions(readyAt(pod.ConditionFalse, tp0)), false},
		{"lower-case true is not True", withConditions(readyAt("true", tp0)), false},
		{"only the first Ready counts", withConditions(readyAt(pod.ConditionFalse, tp0), readyAt(pod.ConditionTrue, tp0)), false},
		{"other types do not count", withConditions(pod.Condition{Type: pod.ContainersReady, Status: pod.ConditionTrue}), false},
	} {
		if got := pod.IsPodReady(tc.p); got != tc.want {
			t.Errorf("%s: IsPodReady = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestIsPodAvailable: pkg/api/v1/pod/util.go IsPodAvailable — the boundary
// (lastTransitionTime + minReadySeconds == now) counts.
func TestIsPodAvailable(t *testing.T) {
	now := tp0.Add(time.Minute)
	for _, tc := range []struct {
		name string
		p    *pod.Pod
		min  int32
		want bool
	}{
		{"not ready", withConditions(readyAt(pod.ConditionFalse, tp0)), 0, false},
		{"ready, minReadySeconds 0, no transition time", withConditions(readyAt(pod.ConditionTrue, time.Time{})), 0, true},
		{"ready, no transition time", withConditions(readyAt(pod.ConditionTrue, time.Time{})), 1, false},
		{"ready for less", withConditions(readyAt(pod.ConditionTrue, tp0)), 61, false},
		{"ready exactly minReadySeconds", withConditions(readyAt(pod.ConditionTrue, tp0)), 60, true},
		{"ready for more", withConditions(readyAt(pod.ConditionTrue, tp0)), 59, true},
		{"negative minReadySeconds", withConditions(readyAt(pod.ConditionTrue, now.Add(time.Second))), -1, true},
	} {
		if got := pod.IsPodAvailable(tc.p, tc.min, now); got != tc.want {
			t.Errorf("%s: IsPodAvailable = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestIsPodTerminal: pkg/api/v1/pod/util.go IsPodPhaseTerminal.
func TestIsPodTerminal(t *testing.T) {
	for ph, want := range map[phase.Phase]bool{
		phase.Succeeded: true, phase.Failed: true,
		phase.Running: false, phase.Pending: false, phase.Unknown: false, "": false,
	} {
		p := &pod.Pod{Status: pod.Status{Phase: ph}}
		if got := pod.IsPodTerminal(p); got != want {
			t.Errorf("IsPodTerminal(%q) = %v, want %v", ph, got, want)
		}
	}
	if pod.IsPodTerminal(nil) {
		t.Error("IsPodTerminal(nil) = true")
	}
}

// TestReadyTime: pkg/controller/controller_utils.go podReadyTime.
func TestReadyTime(t *testing.T) {
	if got := pod.ReadyTime(withConditions(readyAt(pod.ConditionTrue, tp0))); !got.Equal(tp0) {
		t.Errorf("ReadyTime = %v, want %v", got, tp0)
	}
	if got := pod.ReadyTime(withConditions(readyAt(pod.ConditionFalse, tp0))); !got.IsZero() {
		t.Errorf("ReadyTime of a not-ready pod = %v, want zero", got)
	}
}
