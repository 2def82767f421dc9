package kubelettest

import (
	"bytes"

	"github.com/podlife/podlife/sim"
)

// AnnotationScript is the pod annotation that carries the behaviour of the
// pod's containers, so that a YAML fixture says how its pod lives: a JSON
// array in the form ParseScripts reads. Its entries apply to the annotated
// pod only (their pod and labels fields are ignored) and come before
// Options.Containers.
const AnnotationScript = "kubelettest.podlife.dev/script"

// ParseScripts reads container scripts from JSON — sim.LoadContainerScripts,
// the "containers" entries of the simulator's JSON scripts: an array of
// objects whose fields are sim.ContainerScript's, in lower camel case, with
// durations as Go duration strings ("1.5s", "2m"):
//
//	[{"container": "app",
//	  "pull": {"duration": "2s", "failAttempts": [1], "failAlways": false, "message": ""},
//	  "createDelay": "0s", "startDelay": "1s",
//	  "runs": [{"attempt": 1, "for": "5s", "exitCode": 1, "reason": "Error", "log": "panic: ...\n"},
//	           {"forever": true, "message": "written to the termination message file"}],
//	  "probes": [{"probe": "Readiness", "attempt": 0, "from": "0s", "until": "10s", "outcome": "Failure"}],
//	  "postStart": {"duration": "1s", "fail": ""}, "preStop": {"duration": "5s"},
//	  "stopDelay": "3s", "ignoreSIGTERM": false,
//	  "pod": "ns/name", "labels": {"app": "web"}}]
//
// Unknown fields are an error that names them and where they are, so that
// a misspelt field does not silently script nothing; so are an unknown
// probe kind or outcome and a malformed duration.
func ParseScripts(data []byte) ([]sim.ContainerScript, error) {
	return sim.LoadContainerScripts("container scripts", bytes.NewReader(data))
}
