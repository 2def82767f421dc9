package sim

import (
	"testing"
	"time"
)

// The axis takes the first step that cuts the span into at most ten, and
// labels ticks the way people say durations.
func TestTickStepAndLabels(t *testing.T) {
	for _, tc := range []struct {
		span time.Duration
		step time.Duration
	}{
		{time.Second, time.Second},
		{10 * time.Second, time.Second},
		{11 * time.Second, 2 * time.Second},
		{3*time.Minute + 8*time.Second, 30 * time.Second},
		{10 * time.Minute, time.Minute},
		{90 * time.Minute, 10 * time.Minute},
		{20 * time.Hour, 2 * time.Hour},
		{30 * 24 * time.Hour, 3 * 24 * time.Hour},
	} {
		if got := tickStep(tc.span); got != tc.step {
			t.Errorf("tickStep(%v) = %v, want %v", tc.span, got, tc.step)
		}
	}
	for d, want := range map[time.Duration]string{
		0: "0s", 30 * time.Second: "30s", time.Minute: "1m", 90 * time.Second: "1m30s",
		time.Hour: "1h", time.Hour + 30*time.Minute: "1h30m", 1500 * time.Millisecond: "1.5s",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestBackoffOfWaitingMessage(t *testing.T) {
	for msg, want := range map[string]time.Duration{
		"back-off 10s restarting failed container=app pod=web_default(uid)":  10 * time.Second,
		"back-off 5m0s restarting failed container=app pod=web_default(uid)": 5 * time.Minute,
		"Back-off pulling image \"app:1\"":                                   0,
		"back-off soon":                                                      0,
	} {
		if got := backoffOf(msg); got != want {
			t.Errorf("backoffOf(%q) = %v, want %v", msg, got, want)
		}
	}
}
