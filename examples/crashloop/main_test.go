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
		"0:03  restarted",                          // the first restart is immediate
		"0:06  back-off 10s: next start at 0:16",   // then 10 s
		"2:48  back-off 2m40s: next start at 5:28", // doubling
		"16:28  restarted",                         // reset after > 10 min of running
		"16:31  back-off 10s: next start at 16:41",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("timeline lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "phase=Pending") || strings.Contains(got, "phase=Failed") {
		t.Errorf("a crash-looping pod under Always must stay Running:\n%s", got)
	}
}
