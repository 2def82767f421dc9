package restart

import (
	"testing"
	"time"
)

// TestDelayAfter: the kubelet's crash-loop record (pkg/kubelet/kubelet.go
// newCrashLoopBackOff, client-go flowcontrol Backoff.Next) after n
// back-off-controlled restarts.
func TestDelayAfter(t *testing.T) {
	for _, tc := range []struct {
		o        CrashLoopOptions
		restarts int32
		want     time.Duration
	}{
		{CrashLoopOptions{}, -1, 0},
		{CrashLoopOptions{}, 0, 0},
		{CrashLoopOptions{}, 1, sec(10)},
		{CrashLoopOptions{}, 3, sec(40)},
		{CrashLoopOptions{}, 4, sec(80)},
		{CrashLoopOptions{}, 5, sec(160)},
		{CrashLoopOptions{}, 6, sec(300)},
		{CrashLoopOptions{}, 1 << 30, sec(300)},
		{CrashLoopOptions{MaxContainerRestartPeriod: sec(30)}, 3, sec(30)},
		{CrashLoopOptions{MaxContainerRestartPeriod: sec(5)}, 1, sec(5)},
		{CrashLoopOptions{ReduceDefaultCrashLoopBackOffDecay: true}, 4, sec(8)},
	} {
		got, err := tc.o.DelayAfter(tc.restarts)
		if err != nil || got != tc.want {
			t.Errorf("%+v.DelayAfter(%d) = %v, %v, want %v", tc.o, tc.restarts, got, err, tc.want)
		}
	}
	if _, err := (CrashLoopOptions{MaxContainerRestartPeriod: sec(301)}).DelayAfter(1); err == nil {
		t.Error("an invalid maxContainerRestartPeriod should be an error")
	}
}

// TestParseCrashLoopMessage reads back what WaitingMessage writes
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff).
func TestParseCrashLoopMessage(t *testing.T) {
	k := Key{PodName: "web", PodNamespace: "default", PodUID: "u1", Container: "app"}
	for _, n := range []int32{1, 4, 6} {
		b, _ := NewCrashLoopBackoff(CrashLoopOptions{})
		for i := int32(0); i < n; i++ {
			b.Next(k, time.Time{}, time.Time{})
		}
		d, name, ok := ParseCrashLoopMessage(b.WaitingMessage(k))
		if !ok || d != b.Delay(k) || name != "app" {
			t.Errorf("parse(%q) = %v, %q, %v", b.WaitingMessage(k), d, name, ok)
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
