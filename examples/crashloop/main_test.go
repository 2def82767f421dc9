package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The whole timeline is pinned by testdata/timeline.golden; run
// `go test ./examples/crashloop -update` after a deliberate change and read
// the diff.
func TestTimelineGolden(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "timeline.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if out.String() != string(want) {
		t.Errorf("timeline differs from %s (run with -update to accept):\n%s", golden, out.String())
	}
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
