package pod_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/podlife/podlife/feature"

	"github.com/podlife/podlife/pod"
)

// A Job-style pod whose init container finished and whose worker crashed:
// under restartPolicy Never nothing will run again, so the kubelet calls it
// Failed.
func ExamplePhase() {
	const manifest = `{
	  "metadata": {"name": "report-29184", "namespace": "batch"},
	  "spec": {
	    "restartPolicy": "Never",
	    "initContainers": [{"name": "fetch", "image": "curl"}],
	    "containers": [{"name": "render", "image": "report:v2"}]
	  },
	  "status": {
	    "initContainerStatuses": [{"name": "fetch", "ready": true, "state": {"terminated": {"exitCode": 0}}}],
	    "containerStatuses": [{"name": "render", "state": {"terminated": {"exitCode": 3, "reason": "Error"}}}]
	  }
	}`
	var p pod.Pod
	if err := json.Unmarshal([]byte(manifest), &p); err != nil {
		panic(err)
	}
	fmt.Println(pod.Phase(&p, pod.NodeFacts{PodHasInitialized: true}, feature.Gates{}))
	// Output: Failed
}

// The kubelet's conditions for a pod whose sidecar has started but whose
// app is not ready yet.
func ExampleConditions() {
	const manifest = `{
	  "metadata": {"name": "web", "namespace": "shop"},
	  "spec": {
	    "initContainers": [{"name": "proxy", "image": "envoy", "restartPolicy": "Always"}],
	    "containers": [{"name": "app", "image": "web:v1"}]
	  },
	  "status": {
	    "initContainerStatuses": [{"name": "proxy", "ready": true, "started": true, "state": {"running": {}}}],
	    "containerStatuses": [{"name": "app", "ready": false, "started": true, "state": {"running": {}}}]
	  }
	}`
	var p pod.Pod
	if err := json.Unmarshal([]byte(manifest), &p); err != nil {
		panic(err)
	}
	facts := pod.NodeFacts{PodHasInitialized: true, Sandboxes: []pod.Sandbox{{Ready: true, IP: "10.0.3.9"}}}
	ph := pod.Phase(&p, facts, feature.Gates{})
	for _, c := range pod.Conditions(&p, ph, facts, feature.Gates{}) {
		fmt.Println(strings.TrimSpace(fmt.Sprintf("%s %s %s %s", c.Type, c.Status, c.Reason, c.Message)))
	}
	// Output:
	// PodReadyToStartContainers True
	// Initialized True
	// Ready False ContainersNotReady containers with unready status: [app]
	// ContainersReady False ContainersNotReady containers with unready status: [app]
	// PodScheduled True
}

// KubeletStatus is what the kubelet would write next: the app became
// ready, so Ready and ContainersReady flip and their lastTransitionTime
// moves; the other conditions keep theirs.
func ExampleKubeletStatus() {
	const manifest = `{
	  "metadata": {"name": "web", "namespace": "shop"},
	  "spec": {"containers": [{"name": "app", "image": "web:v1"}]},
	  "status": {
	    "phase": "Running",
	    "startTime": "2026-11-22T09:00:00Z",
	    "conditions": [
	      {"type": "PodReadyToStartContainers", "status": "True", "lastTransitionTime": "2026-11-22T09:00:01Z"},
	      {"type": "Initialized", "status": "True", "lastTransitionTime": "2026-11-22T09:00:00Z"},
	      {"type": "Ready", "status": "False", "reason": "ContainersNotReady", "lastTransitionTime": "2026-11-22T09:00:00Z"},
	      {"type": "ContainersReady", "status": "False", "reason": "ContainersNotReady", "lastTransitionTime": "2026-11-22T09:00:00Z"},
	      {"type": "PodScheduled", "status": "True", "lastTransitionTime": "2026-11-22T09:00:00Z"}
	    ],
	    "containerStatuses": [{"name": "app", "ready": true, "started": true, "state": {"running": {}}}]
	  }
	}`
	var p pod.Pod
	if err := json.Unmarshal([]byte(manifest), &p); err != nil {
		panic(err)
	}
	facts := pod.NodeFacts{PodHasInitialized: true, Sandboxes: []pod.Sandbox{{Ready: true, IP: "10.0.3.9"}}}
	now := time.Date(2026, 11, 22, 9, 0, 12, 0, time.UTC)
	next := pod.KubeletStatus(&p, facts, feature.Gates{}, now)
	fmt.Println(next.Phase)
	for _, c := range next.Conditions {
		fmt.Println(c.Type, c.Status, c.LastTransitionTime.Format(time.TimeOnly))
	}
	// Output:
	// Running
	// PodReadyToStartContainers True 09:00:01
	// Initialized True 09:00:00
	// Ready True 09:00:12
	// ContainersReady True 09:00:12
	// PodScheduled True 09:00:00
}
