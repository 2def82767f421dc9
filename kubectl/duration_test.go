package kubectl

import (
	"testing"
	"time"
)

const (
	day  = 24 * time.Hour
	year = 365 * day
)

// TestHumanDuration checks the bands and boundaries of
// k8s.io/apimachinery/pkg/util/duration HumanDuration (upstream tests
// TestHumanDuration and TestHumanDurationBoundaries).
func TestHumanDuration(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		// clock skew: whole seconds cut toward zero; -1 and 0 print 0s
		{-2 * time.Second, "<invalid>"},
		{-2*time.Second + 1, "0s"},
		{-time.Second, "0s"},
		{-1, "0s"},
		{0, "0s"},
		// seconds below 2 minutes
		{time.Second - 1, "0s"},
		{time.Second, "1s"},
		{70 * time.Second, "70s"},
		{2*time.Minute - 1, "119s"},
		// minutes and seconds below 10 minutes
		{2 * time.Minute, "2m"},
		{2*time.Minute + time.Second, "2m1s"},
		{10*time.Minute - 1, "9m59s"},
		// minutes below 3 hours
		{10 * time.Minute, "10m"},
		{100 * time.Minute, "100m"},
		{3*time.Hour - 1, "179m"},
		// hours and minutes below 8 hours
		{3 * time.Hour, "3h"},
		{3*time.Hour + time.Minute, "3h1m"},
		{8*time.Hour - 1, "7h59m"},
		// hours below 48 hours
		{8 * time.Hour, "8h"},
		{8*time.Hour + 59*time.Minute, "8h"},
		{48*time.Hour - 1, "47h"},
		// days and hours below 8 days
		{2 * day, "2d"},
		{2*day + time.Hour, "2d1h"},
		{8*day - 1, "7d23h"},
		// days below 2 years
		{8 * day, "8d"},
		{367 * day, "367d"},
		{2*year - 1, "729d"},
		// years and days below 8 years
		{2 * year, "2y"},
		{2*year + 23*time.Hour + 59*time.Minute, "2y"},
		{2*year + day, "2y1d"},
		{8*year - 1, "7y364d"},
		// years
		{8 * year, "8y"},
		{10 * year, "10y"},
	} {
		if got := HumanDuration(tc.d); got != tc.want {
			t.Errorf("HumanDuration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

// TestShortHumanDuration checks k8s.io/apimachinery/pkg/util/duration
// ShortHumanDuration (upstream TestShortHumanDurationBoundaries), including
// the float64 rounding upstream's comparisons make just below a year.
func TestShortHumanDuration(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{-2 * time.Second, "<invalid>"},
		{-time.Second, "0s"},
		{0, "0s"},
		{59 * time.Second, "59s"},
		{time.Minute, "1m"},
		{time.Hour - 1, "59m"},
		{time.Hour, "1h"},
		{day - 1, "23h"},
		{day, "1d"},
		{364 * day, "364d"},
		{year - time.Hour, "364d"},
		// float64 hours of 8759.99999999999972 round up to 8760
		{year - 1, "1y"},
		{year - 256, "364d"},
		{3*year - 1, "3y"},
		{3*year - 256, "2y"},
		{year, "1y"},
		{2*year - 1, "2y"},
		{10 * year, "10y"},
	} {
		if got := ShortHumanDuration(tc.d); got != tc.want {
			t.Errorf("ShortHumanDuration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

// TestSince checks pkg/printers/internalversion/printers.go
// translateTimestampSince: the zero time is <unknown>.
func TestSince(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{time.Time{}, "<unknown>"},
		{now, "0s"},
		{now.Add(-45 * time.Second), "45s"},
		{now.Add(-125 * time.Second), "2m5s"},
		{now.Add(time.Second), "0s"},
		{now.Add(2 * time.Second), "<invalid>"},
	} {
		if got := Since(tc.t, now); got != tc.want {
			t.Errorf("Since(%v) = %q, want %q", tc.t, got, tc.want)
		}
	}
}

func TestAppendHumanDurationNoAlloc(t *testing.T) {
	buf := make([]byte, 0, 32)
	if n := testing.AllocsPerRun(100, func() {
		buf = AppendHumanDuration(buf[:0], 7*day+23*time.Hour)
		buf = AppendShortHumanDuration(buf[:0], 3*year)
	}); n != 0 {
		t.Errorf("allocations: %v, want 0", n)
	}
}
