package lesson

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/podlife/podlife/internal/golden"
)

// Golden runs l and checks its output against testdata/lesson.golden in
// the lesson's directory (`go test ./examples/NAME -update` rewrites it;
// read the diff), so that a lesson cannot rot.
func Golden(t *testing.T, l *Lesson) {
	t.Helper()
	var out strings.Builder
	if err := Run(&out, l); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "lesson.golden"), out.String())
}
