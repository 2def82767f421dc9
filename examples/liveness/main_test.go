package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/podlife/podlife/internal/golden"
)

// The whole timeline is pinned by testdata/timeline.golden; run
// `go test ./examples/liveness -update` after a deliberate change and read
// the diff.
func TestTimelineGolden(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "timeline.golden"), out.String())
}

// pkg/kubelet/prober/worker.go doProbe: a result is published only after
// its threshold of equal outcomes in a row; a liveness Failure kills
// (kuberuntime_manager.go computePodActions) and the restart waits for the
// container to exit.
func TestTimeline(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"0:05  readiness probe: success 1/1, now Success",
		"0:45  readiness probe: failure 1/1, now Failure", // failureThreshold 1
		"0:50  liveness probe: failure 1/3, still Success",
		"1:10  liveness probe: failure 3/3, kill",
		"1:11  exited with 143",
		"1:11  restarted",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("timeline lacks %q:\n%s", want, got)
		}
	}
}
