package restart

import (
	"math"
	"testing"
	"time"
)

// The back-off messages print the window as time.Duration.String does
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff formats it
// with %s); appendDuration writes the same text without allocating.
func TestAppendDuration_matchesDurationString(t *testing.T) {
	for _, d := range []time.Duration{
		0, 1, 999, 1000, 1001, 1500, 999999, time.Millisecond, 1500 * time.Microsecond, 999999999,
		time.Second, 1500 * time.Millisecond, sec(10), sec(80), sec(160), sec(300), sec(300) + 999*time.Microsecond,
		time.Minute, time.Hour, time.Hour + 1, 25*time.Hour + 61*time.Second + 7, math.MaxInt64, math.MinInt64, -1, -sec(10),
	} {
		if got, want := string(appendDuration(nil, d)), d.String(); got != want {
			t.Errorf("appendDuration(%d) = %q, want %q", int64(d), got, want)
		}
	}
}

func FuzzAppendDuration(f *testing.F) {
	for _, d := range []int64{0, 1, 1500, int64(sec(300)), math.MaxInt64, math.MinInt64} {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, n int64) {
		d := time.Duration(n)
		if got, want := string(appendDuration([]byte{}, d)), d.String(); got != want {
			t.Fatalf("appendDuration(%d) = %q, want %q", n, got, want)
		}
	})
}
