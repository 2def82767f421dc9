package explain_test

import (
	"encoding/json"
	"os"
	"time"

	"github.com/podlife/podlife/explain"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/pod"
)

// A crash-looping pod, as `kubectl get pod -o json` shows it: why is it
// Running, why is it not Ready, and why does kubectl say CrashLoopBackOff?
func ExamplePod() {
	var p pod.Pod
	_ = json.Unmarshal([]byte(`{
	 "metadata": {"name": "web", "namespace": "default", "creationTimestamp": "2026-01-01T00:00:00Z"},
	 "spec": {"nodeName": "node-1", "containers": [{"name": "app", "image": "nginx"}]},
	 "status": {"phase": "Running", "podIP": "10.244.0.7",
	  "conditions": [{"type": "Ready", "status": "False"}],
	  "containerStatuses": [{"name": "app", "ready": false, "restartCount": 3,
	   "state": {"waiting": {"reason": "CrashLoopBackOff"}},
	   "lastState": {"terminated": {"exitCode": 1, "reason": "Error",
	    "finishedAt": "2026-01-01T00:01:00Z"}}}]}}`), &p)
	facts, _ := pod.InferNodeFacts(&p)
	now := time.Date(2026, 1, 1, 0, 1, 30, 0, time.UTC)
	_ = explain.Pod(&p, facts, feature.Gates{}, now).WriteText(os.Stdout)
	// Output:
	// pod default/web
	//
	// phase Running
	//   because every container has stopped (a container waiting in back-off counts as stopped) but one will be restarted, so the pod stays Running.
	//   counted: 1 stopped (1 waiting after a termination, 1 to be restarted).
	//   rule: pkg/kubelet/kubelet_pods.go getPhase
	//
	// conditions
	//   PodReadyToStartContainers True
	//     because the newest sandbox is ready, alone, in the right network mode and has an IP.
	//     rule: pkg/kubelet/status/generate.go GeneratePodReadyToStartContainersCondition
	//   Initialized True
	//     because every init container has completed and every sidecar has started (a pod without init containers has nothing to wait for).
	//     rule: pkg/kubelet/status/generate.go GeneratePodInitializedCondition
	//   Ready False (ContainersNotReady) "containers with unready status: [app]"
	//     because ContainersReady is not True, and Ready copies it.
	//     rule: pkg/kubelet/status/generate.go GeneratePodReadyCondition
	//   ContainersReady False (ContainersNotReady) "containers with unready status: [app]"
	//     because a sidecar or regular container has no status or is not ready (init containers do not count).
	//     rule: pkg/kubelet/status/generate.go GenerateContainersReadyCondition
	//   PodScheduled True
	//     because the pod is bound to this kubelet's node: the kubelet only ever sees scheduled pods.
	//     rule: pkg/kubelet/kubelet_pods.go generateAPIPodStatus
	//
	// kubectl get pods: READY 0/1  STATUS CrashLoopBackOff  RESTARTS 3 (30s ago)
	//   1. Running: STATUS starts as the pod's phase.
	//   2. CrashLoopBackOff (container "app"): a container waits with a reason; the first container, in spec order, with something to say has the last word.
	//   rule: pkg/printers/internalversion/printers.go printPod
}
