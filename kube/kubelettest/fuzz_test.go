package kubelettest_test

import (
	"errors"
	"testing"

	"github.com/podlife/podlife/kube/kubelettest"
	"github.com/podlife/podlife/sim"
)

// ParseScripts reads annotations a test author typed: no input panics, and
// what it accepts is either a valid script or refused by sim with a
// *ScriptError (a negative duration, an attempt scripted twice), never
// taken silently.
func FuzzParseScripts(f *testing.F) {
	for _, s := range []string{
		`[]`, `[{"container": "app", "runs": [{"for": "5s", "exitCode": 1}]}]`,
		`[{"pull": {"duration": "2s", "failAttempts": [1, 2]}, "probes": [{"probe": "Liveness", "from": "1s", "until": "2s", "outcome": "Timeout"}]}]`,
		`[{"preStop": {"duration": "-3s"}}]`, `[{"runs": [{"attempt": 1}, {"attempt": 1}]}]`, `{`, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		scripts, err := kubelettest.ParseScripts(data)
		if err != nil {
			return
		}
		_, err = sim.New(sim.Options{Script: sim.Script{Containers: scripts}})
		var se *sim.ScriptError
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("sim refused parsed scripts with %T %v; want a *sim.ScriptError", err, err)
		}
	})
}
