package sim_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/sim"
)

const okPod = `{"metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}}, "spec": {"containers": [{"name": "app", "image": "app:1"}]}}`

// Every kind of mistake gets an error naming the file, the JSON path and
// what is allowed.
func TestLoadScriptErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"syntax", `{"nodes": [}`, `cluster.json: line 1, column 12: invalid JSON: invalid character '}' looking for beginning of value`},
		{"not an object", `[1]`, `cluster.json: a script is one JSON object`},
		{"empty", ``, `cluster.json: empty file: a script is one JSON object`},
		{"trailing data", `{} {}`, `cluster.json: line 1, column 4: invalid JSON: more after the first value (a script is one JSON object)`},
		{"unknown top-level field", `{"node": []}`,
			`cluster.json: node: unknown field in the script; allowed: "nodes", "pods", "controllers", "containers", "happenings"`},
		{"unknown nested field", `{"containers": [{"container": "app", "runz": []}]}`,
			`cluster.json: containers[0].runz: unknown field in containers[0]; allowed: "pod", "labels", "container", "pull", "createDelay", "startDelay", "runs", "probes", "postStart", "preStop", "stopDelay", "ignoreSIGTERM", "memory"`},
		{"field given twice", `{"nodes": [{"name": "a", "name": "b"}]}`, `cluster.json: nodes[0].name: given twice`},
		{"wrong type", `{"containers": [{}, {}, {"runs": [{"exitCode": "one"}]}]}`,
			`cluster.json: containers[2].runs[0].exitCode: want a whole number (32-bit), got "one"`},
		{"not a list", `{"happenings": {}}`, `cluster.json: happenings: want a list, got "{}"`},
		{"bad duration", `{"containers": [{"startDelay": "5 seconds"}]}`,
			`cluster.json: containers[0].startDelay: want a duration like "90s", "1m30s" or "500ms", got "5 seconds"`},
		{"duration as a number", `{"containers": [{"startDelay": 5}]}`,
			`cluster.json: containers[0].startDelay: want a duration string like "90s" or "1m30s", got "5"`},
		{"bad quantity", `{"nodes": [{"name": "a", "allocatable": {"cpu": "lots"}}]}`,
			`cluster.json: nodes[0].allocatable.cpu: want a quantity like "500m", "2" or "1Gi", got "lots"`},
		{"unknown happening", `{"happenings": [{"kind": "NodeExploded"}]}`,
			`cluster.json: happenings[0].kind: unknown happening "NodeExploded"; allowed: "Delete", "Evict", "NodeLost", "NodeBack", "NodeDeleted", "Drain", "Uncordon", "MemoryPressure", "Scale", "TemplateChanged", "RemoveSchedulingGates", "Debug", "RemoveStaticPod"`},
		{"unknown controller", `{"controllers": [{"kind": "CronJob", "name": "c", "template": {}}]}`,
			`cluster.json: controllers[0].kind: unknown controller "CronJob"; allowed: "ReplicaSet", "Deployment", "StatefulSet", "Job", "DaemonSet"`},
		{"controller without template", `{"controllers": [{"kind": "Job", "name": "c"}]}`,
			`cluster.json: controllers[0].template: missing: the pod template (metadata and spec)`},
		{"unknown probe", `{"containers": [{"probes": [{"probe": "Sometimes", "outcome": "Success"}]}]}`,
			`cluster.json: containers[0].probes[0].probe: unknown probe "Sometimes" (empty: every probe); allowed: "Startup", "Liveness", "Readiness"`},
		{"unknown outcome", `{"containers": [{"probes": [{"outcome": "Maybe"}]}]}`,
			`cluster.json: containers[0].probes[0].outcome: unknown outcome "Maybe"; allowed: "Success", "Failure", "Timeout", "Error"`},
		{"unknown exit reason", `{"containers": [{"runs": [{"reason": "Tired"}]}]}`,
			`cluster.json: containers[0].runs[0].reason: unknown reason "Tired"; allowed: "Completed", "Error", "OOMKilled", "ContainerCannotRun", "StartError", "DeadlineExceeded", "ContainerStatusUnknown"`},
		{"negative duration", `{"containers": [{"runs": [{"for": "-1s"}]}]}`,
			`cluster.json: containers[0].runs[0].for: negative duration -1s`},
		{"happening without its node", `{"happenings": [{"at": "1m", "kind": "NodeLost"}]}`,
			`cluster.json: happenings[0].node: NodeLost names no node`},
		{"scale without replicas", `{"happenings": [{"kind": "Scale", "controller": "web"}]}`,
			`cluster.json: happenings[0].replicas: Scale needs the new replicas`},
		{"taint effect", `{"nodes": [{"name": "a", "taints": [{"key": "k", "effect": "Sometimes"}]}]}`,
			`cluster.json: nodes[0].taints[0].effect: unknown effect "Sometimes"; allowed: "NoSchedule", "PreferNoSchedule", "NoExecute"`},
		{"toleration operator", `{"pods": [{"pod": {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "a"}], "tolerations": [{"key": "k", "operator": "Like"}]}}}]}`,
			`cluster.json: pods[0].pod.spec.tolerations[0].operator: unknown operator "Like"; allowed: "Exists", "Equal"`},
		{"preemption policy", `{"pods": [{"pod": {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "a"}], "preemptionPolicy": "Sometimes"}}}]}`,
			`cluster.json: pods[0].pod.spec.preemptionPolicy: unknown preemption policy "Sometimes"; allowed: "PreemptLowerPriority", "Never"`},
		{"pod not Kubernetes JSON", `{"pods": [{"pod": {"spec": {"containers": 3}}}]}`,
			`cluster.json: pods[0].pod: not a pod in Kubernetes JSON: cannot unmarshal number into Go struct field Spec.spec.containers of type []container.Container`},
		{"invalid pod", `{"pods": [{"pod": {"metadata": {"name": "p"}, "spec": {"containers": []}}}]}`,
			`cluster.json: pods[0].pod: pod "default/p": spec.containers: Required value`},
		{"Job template restartPolicy", `{"controllers": [{"kind": "Job", "name": "j", "template": {"spec": {"containers": [{"name": "a", "image": "a"}]}}}]}`,
			`cluster.json: controllers[0].template.spec.restartPolicy: a Job's pods need restartPolicy Never or OnFailure; allowed: "Never", "OnFailure"`},
		{"pod failure policy action", `{"controllers": [{"kind": "Job", "name": "j", "podFailurePolicy": {"rules": [{"action": "Retry", "onExitCodes": {"operator": "In", "values": [1]}}]}, "template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "a", "image": "a"}]}}}]}`,
			`cluster.json: controllers[0].podFailurePolicy.rules[0].action: unknown action "Retry"; allowed: "FailJob", "Ignore", "Count"`},
		{"script naming a container the pod lacks", `{"pods": [{"pod": ` + okPod + `}], "containers": [{"pod": "web", "container": "sidecar"}]}`,
			`cluster.json: containers[0].container: pod "default/web", container "sidecar": the pod has no such container (its init, regular and ephemeral containers can be scripted); allowed: "app"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sim.LoadScript("cluster.json", strings.NewReader(tc.in))
			var le *sim.LoadError
			if !errors.As(err, &le) {
				t.Fatalf("got %v, want a *LoadError", err)
			}
			if err.Error() != tc.want {
				t.Errorf("got  %s\nwant %s", err, tc.want)
			}
		})
	}
}

// The done-when example (issue 10): a three-node cluster with a
// Deployment-style set, a StatefulSet-style set and a Job through a node
// loss, from testdata/three-nodes.json, matched against golden timelines;
// the same script written in Go (threeNodeCluster) gives the same run,
// change for change.
func TestThreeNodeClusterFromJSON(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "three-nodes.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc, err := sim.LoadScript("three-nodes.json", f)
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := sim.New(sim.Options{SandboxDelay: time.Second, Script: sc})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "three-nodes", fromJSON, 12*time.Minute)

	fromGo, err := sim.New(sim.Options{SandboxDelay: time.Second, Script: threeNodeCluster()})
	if err != nil {
		t.Fatal(err)
	}
	run(t, fromGo, 12*time.Minute)
	if diff := cmp.Diff(fromGo.Changes(), fromJSON.Changes()); diff != "" {
		t.Errorf("the Go script and the JSON file differ (-go +json):\n%s", diff)
	}
}

// FuzzLoadScript: whatever the bytes, LoadScript returns a script or a
// *LoadError, never panics, and a script it accepts runs without panic,
// its changes in time order.
func FuzzLoadScript(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "three-nodes.json")); err == nil {
		f.Add(b)
	}
	for _, s := range []string{`{}`, `{"pods": [{"pod": ` + okPod + `}]}`, `{"nodes": [{"name": "a"}], "pods": [{"at": "1s", "pod": ` + okPod + `}],
		"happenings": [{"at": "2s", "kind": "NodeLost", "node": "a"}, {"at": "9m", "kind": "NodeDeleted", "node": "a"}]}`,
		`{"controllers": [{"kind": "StatefulSet", "name": "s", "replicas": 2, "template": {"spec": {"containers": [{"name": "a", "image": "a"}]}}}],
		"happenings": [{"at": "30s", "kind": "Delete", "pod": "s-0"}, {"at": "1m", "kind": "Scale", "controller": "s", "replicas": 0}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := sim.LoadScript("fuzz.json", bytes.NewReader(data))
		if err != nil {
			var le *sim.LoadError
			if !errors.As(err, &le) {
				t.Fatalf("error %v is not a *LoadError", err)
			}
			return
		}
		s, err := sim.New(sim.Options{Script: sc, MaxEvents: 20_000})
		if err != nil {
			t.Fatalf("LoadScript accepted a script New refuses: %v", err)
		}
		for range 20 {
			err := s.RunUntil(s.Start().Add(30 * time.Minute))
			var le *sim.LimitError
			if err == nil || errors.As(err, &le) {
				break
			}
		}
		var last time.Time
		for _, c := range s.Changes() {
			if c.At.Before(last) {
				t.Fatalf("change at %v after one at %v", c.At, last)
			}
			last = c.At
		}
	})
}
