// Package growth holds the tests' rule that time grows linearly with a
// pod's size: a call on a pod many times larger may take only a bounded
// multiple of the time, well below what a quadratic lookup would take.
package growth

import (
	"testing"
	"time"
)

// Linear times prepare(small)() and prepare(large)(), each the best of
// five runs (the least disturbed by other work), and fails t when the
// large one takes more than bound times the small one. prepare builds the
// input of size n off the clock and returns the call to time. It skips
// under -short and under the race detector, which distorts timing (CI
// runs these tests without it).
func Linear(t testing.TB, small, large int, bound float64, prepare func(n int) func()) {
	t.Helper()
	if testing.Short() || raceEnabled {
		t.Skip("timing: run without -race and -short (.ci/run does)")
	}
	ts, tl := best(prepare(small)), best(prepare(large))
	if ratio := float64(tl) / float64(ts); ratio > bound {
		k := float64(large) / float64(small)
		t.Fatalf("%d containers: %v, %d: %v; ratio %.0f, want at most %.0f (linear: %.0f, quadratic: %.0f)",
			small, ts, large, tl, ratio, bound, k, k*k)
	}
}

func best(f func()) time.Duration {
	b := time.Duration(1 << 62)
	for range 5 {
		start := time.Now()
		f()
		b = min(b, time.Since(start))
	}
	return b
}
