package restart

import (
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/podlife/podlife/feature"
)

// genSpan draws durations up to limit, mostly short ones and the
// boundaries of the rules, so that windows and expiries are hit often.
func genSpan(limit time.Duration) *rapid.Generator[time.Duration] {
	return rapid.OneOf(
		rapid.Map(rapid.Int64Range(0, int64(30*time.Second)), func(n int64) time.Duration { return time.Duration(n) }),
		rapid.Map(rapid.Int64Range(0, int64(limit)), func(n int64) time.Duration { return time.Duration(n) }),
		rapid.SampledFrom([]time.Duration{0, sec(10), sec(600), sec(600) + 1, sec(300), sec(1)}),
	)
}

// The crash-loop and image-pull records answer as the data structure of
// staging/src/k8s.io/client-go/util/flowcontrol/backoff.go does, configured
// as pkg/kubelet/kubelet.go configures it, over any sequence of syncs,
// housekeeping runs and pulls (one action per kind, the invariant checked
// after each).
func TestProperty_backoffMatchesFlowcontrol(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := feature.Gates{}.
			With(feature.ReduceDefaultCrashLoopBackOffDecay, rapid.Bool().Draw(t, "reduce")).
			With(feature.KubeletCrashLoopBackOffMax, rapid.Bool().Draw(t, "maxGate"))
		var cfg KubeletConfig
		if g.Enabled(feature.KubeletCrashLoopBackOffMax) {
			cfg.MaxContainerRestartPeriod = rapid.SampledFrom([]time.Duration{0, sec(1), sec(5), sec(60), 1500 * time.Millisecond, sec(300)}).Draw(t, "period")
		}
		limits, err := NewCrashLoopLimits(g, cfg)
		if err != nil {
			t.Fatal(err)
		}
		keys := []BackoffKey{appKey, Key{PodUID: "uid-1", Container: "app", Image: "nginx:1.28"}.CrashLoop()}
		var cl CrashLoopBackoff
		var ip ImagePullBackoff
		refCL := refBackoff{initial: limits.Initial(), max: limits.Max(), expiry: CrashLoopReset}
		refIP := refBackoff{initial: ImagePullInitial, max: ImagePullMax, expiry: 2 * ImagePullMax}
		now := bt0
		t.Repeat(map[string]func(*rapid.T){
			"advance": func(t *rapid.T) { now = now.Add(genSpan(15*time.Minute).Draw(t, "advance")) },
			"sync": func(t *rapid.T) {
				k := rapid.SampledFrom(keys).Draw(t, "key")
				finished := now.Add(-genSpan(20*time.Minute).Draw(t, "ago"))
				d := cl.TryStart(limits, k, finished, now)
				wantIn := refCL.inBackOffSince(k, finished, now)
				if !wantIn {
					refCL.next(k, finished, now)
				}
				if d.InBackOff != wantIn || d.Delay != refCL.get(k) {
					t.Fatalf("TryStart %+v, flowcontrol: in back-off %v, window %v", d, wantIn, refCL.get(k))
				}
				if d.InBackOff && (!d.RetryAt.After(now) || d.RetryAt.Sub(now) > limits.Max()) {
					t.Fatalf("refused at %v until %v (max %v)", now, d.RetryAt, limits.Max())
				}
			},
			"housekeeping": func(t *rapid.T) {
				cl.GC(now)
				refCL.gc(now)
			},
			"pull": func(t *rapid.T) {
				k := rapid.SampledFrom(keys).Draw(t, "key")
				d := ip.TryPull(k, now)
				if wantIn := refIP.inBackOffSinceUpdate(k, now); d.InBackOff != wantIn {
					t.Fatalf("TryPull %+v, flowcontrol: in back-off %v", d, wantIn)
				}
				if !d.InBackOff && rapid.Bool().Draw(t, "fails") {
					ip.PullFailed(k, now, PullErrImagePull)
					refIP.next(k, now, now)
				}
			},
			"": func(t *rapid.T) {
				for _, k := range keys {
					if cl.Delay(k) != refCL.get(k) || ip.Delay(k) != refIP.get(k) {
						t.Fatalf("windows %v/%v, flowcontrol %v/%v", cl.Delay(k), ip.Delay(k), refCL.get(k), refIP.get(k))
					}
					if w := cl.Delay(k); w != 0 && (w < limits.Initial() || w > limits.Max()) {
						t.Fatalf("window %v outside %v..%v", w, limits.Initial(), limits.Max())
					}
				}
			},
		})
	})
}

// After enough back-to-back exits the window is exactly the cap, whatever
// the gates and the configuration (pkg/kubelet/kubelet.go
// newCrashLoopBackOff), and it never shrinks on the way.
func TestProperty_windowReachesCap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := feature.Gates{}.With(feature.ReduceDefaultCrashLoopBackOffDecay, rapid.Bool().Draw(t, "reduce"))
		cfg := KubeletConfig{MaxContainerRestartPeriod: time.Duration(rapid.Int64Range(int64(time.Second), int64(sec(300))).Draw(t, "max"))}
		limits, err := NewCrashLoopLimits(g, cfg)
		if err != nil {
			t.Fatal(err)
		}
		var b CrashLoopBackoff
		now := bt0
		prev := time.Duration(0)
		for range 20 {
			d := b.TryStart(limits, appKey, now, now)
			if d.InBackOff {
				finished := now
				now = d.RetryAt
				d = b.TryStart(limits, appKey, finished, now)
			}
			if d.Delay < prev || d.Delay > limits.Max() {
				t.Fatalf("window %v after %v (max %v)", d.Delay, prev, limits.Max())
			}
			prev = d.Delay
		}
		if prev != limits.Max() {
			t.Fatalf("window %v never reached the cap %v", prev, limits.Max())
		}
	})
}
