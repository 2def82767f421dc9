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
// `go test ./examples/liveness -update` after a deliberate change and read
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
