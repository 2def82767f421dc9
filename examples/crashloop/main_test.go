package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/podlife/podlife/internal/golden"
)

// The whole timeline is pinned by testdata/timeline.golden; run
// `go test ./examples/crashloop -update` after a deliberate change and read
// the diff.
func TestTimelineGolden(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "timeline.golden"), out.String())
}

// pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff and
// pkg/kubelet/kubelet.go newCrashLoopBackOff: the first restart is
// immediate, then 10 s doubling; a run over 10 minutes resets it.
func TestTimeline(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"0:03  restarted",
		"0:06  back-off 10s: next start at 0:16",
		"2:48  back-off 2m40s: next start at 5:28",
		"16:28  restarted",
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
