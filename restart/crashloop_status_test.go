package restart

import (
	"testing"
	"time"

	"github.com/podlife/podlife/feature"
)

// TestDelayAfter: the kubelet's crash-loop record (pkg/kubelet/kubelet.go
// newCrashLoopBackOff, client-go flowcontrol Backoff.Next) after n
// back-off-controlled restarts.
func TestDelayAfter(t *testing.T) {
	reduced, _ := NewCrashLoopLimits(feature.Gates{}.With(feature.ReduceDefaultCrashLoopBackOffDecay, true), KubeletConfig{})
	max30, _ := NewCrashLoopLimits(feature.Gates{}, KubeletConfig{MaxContainerRestartPeriod: sec(30)})
	max5, _ := NewCrashLoopLimits(feature.Gates{}, KubeletConfig{MaxContainerRestartPeriod: sec(5)})
	for _, tc := range []struct {
		l        CrashLoopLimits
		restarts int32
		want     time.Duration
	}{
		{CrashLoopLimits{}, -1, 0},
		{CrashLoopLimits{}, 0, 0},
		{CrashLoopLimits{}, 1, sec(10)},
		{CrashLoopLimits{}, 3, sec(40)},
		{CrashLoopLimits{}, 4, sec(80)},
		{CrashLoopLimits{}, 5, sec(160)},
		{CrashLoopLimits{}, 6, sec(300)},
		{CrashLoopLimits{}, 1 << 30, sec(300)},
		{max30, 3, sec(30)},
		{max5, 1, sec(5)},
		{reduced, 4, sec(8)},
	} {
		if got := tc.l.DelayAfter(tc.restarts); got != tc.want {
			t.Errorf("%+v.DelayAfter(%d) = %v, want %v", tc.l, tc.restarts, got, tc.want)
		}
	}
}

// TestParseCrashLoopMessage reads back what CrashLoopDecision.Message writes
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff).
func TestParseCrashLoopMessage(t *testing.T) {
	k := Key{PodName: "web", PodNamespace: "default", PodUID: "u1", Container: "app"}
	for _, n := range []int32{1, 4, 6} {
		dec := CrashLoopDecision{InBackOff: true, Delay: CrashLoopLimits{}.DelayAfter(n)}
		d, name, ok := ParseCrashLoopMessage(dec.Message(k))
		if !ok || d != dec.Delay || name != "app" {
			t.Errorf("parse(%q) = %v, %q, %v", dec.Message(k), d, name, ok)
		}
	}
	for _, bad := range []string{"", "back-off", "back-off 1m20s", "Back-off 10s restarting failed container=a pod=p",
		"back-off xs restarting failed container=a pod=p", "back-off -10s restarting failed container=a pod=p",
		"back-off 10s restarting failed container=a"} {
		if _, _, ok := ParseCrashLoopMessage(bad); ok {
			t.Errorf("ParseCrashLoopMessage(%q) accepted", bad)
		}
	}
}
