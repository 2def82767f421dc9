// Package golden compares test output with golden files under testdata/,
// rewriting them when the test binary runs with -update. It is for this
// repository's tests only.
//
//	golden.Check(t, filepath.Join("testdata", "timeline.golden"), out.String())
//	// go test ./examples/crashloop -update   rewrites the file; read the diff
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Check fails t when got differs from the file at path; with -update it
// writes got to path first (creating its directory).
func Check(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run with -update to accept it, then read the diff):\n%s", path, got)
	}
}
