package main

import (
	"strings"
	"testing"
)

func TestTimeline(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"0:05  Readiness probe: Success -> Success", // first readiness tick after the start
		"0:45  Readiness probe: Failure -> Failure", // failureThreshold 1
		"0:50  Liveness probe: Failure -> Success",  // 1 of 3
		"1:10  Liveness probe: Failure -> Failure",  // 3 of 3
		"1:10  killed: LivenessProbe",
		"restarts=1",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("timeline lacks %q:\n%s", want, got)
		}
	}
}
