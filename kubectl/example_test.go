package kubectl_test

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/podlife/podlife/events"
	"github.com/podlife/podlife/kubectl"
	"github.com/podlife/podlife/pod"
)

// The row `kubectl get pods` prints for a pod whose sidecar runs and whose
// app container crash-loops.
func ExamplePodRow() {
	const manifest = `{
	  "metadata": {"name": "api-5f9b8d7c6-q8kzl", "namespace": "shop", "creationTimestamp": "2025-01-01T11:43:00Z"},
	  "spec": {"nodeName": "worker-2",
	    "initContainers": [{"name": "proxy", "restartPolicy": "Always"}],
	    "containers": [{"name": "api"}]},
	  "status": {"phase": "Running", "podIPs": [{"ip": "10.244.2.19"}],
	    "conditions": [{"type": "Initialized", "status": "True"}, {"type": "Ready", "status": "False"}],
	    "initContainerStatuses": [{"name": "proxy", "ready": true, "started": true, "restartCount": 0, "state": {"running": {}}}],
	    "containerStatuses": [{"name": "api", "ready": false, "restartCount": 4,
	      "state": {"waiting": {"reason": "CrashLoopBackOff"}},
	      "lastState": {"terminated": {"exitCode": 1, "finishedAt": "2025-01-01T11:59:18Z"}}}]}
	}`
	var p pod.Pod
	if err := json.Unmarshal([]byte(manifest), &p); err != nil {
		panic(err)
	}
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	row := kubectl.PodRow(&p, now)
	fmt.Println(row.ReadyText(), row.Status, row.RestartsText(), row.AgeText())

	tw := kubectl.NewTableWriter(os.Stdout, kubectl.Options{Wide: true})
	_ = tw.Write(&row)
	_ = tw.Flush()
	// Output:
	// 1/2 CrashLoopBackOff 4 (42s ago) 17m
	// NAME                  READY   STATUS             RESTARTS      AGE   IP            NODE       NOMINATED NODE   READINESS GATES
	// api-5f9b8d7c6-q8kzl   1/2     CrashLoopBackOff   4 (42s ago)   17m   10.244.2.19   worker-2   <none>           <none>
}

// kubectl's ActivePods order puts the pod to delete first: unscheduled,
// then pending, then not ready, then being deleted, and among ready pods
// the one that became ready last.
func ExampleSortActivePods() {
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	ready := func(name string, since time.Duration) *pod.Pod {
		return &pod.Pod{
			Metadata: pod.Meta{Name: name},
			Spec:     pod.Spec{NodeName: "worker-1"},
			Status: pod.Status{Phase: "Running", Conditions: []pod.Condition{
				{Type: pod.Ready, Status: pod.ConditionTrue, LastTransitionTime: now.Add(-since)}}},
		}
	}
	old, fresh := ready("old", 48*time.Hour), ready("fresh", time.Minute)
	pending := &pod.Pod{Metadata: pod.Meta{Name: "pending"}, Spec: pod.Spec{NodeName: "worker-1"}, Status: pod.Status{Phase: "Pending"}}
	unscheduled := &pod.Pod{Metadata: pod.Meta{Name: "unscheduled"}, Status: pod.Status{Phase: "Pending"}}
	notReady := &pod.Pod{Metadata: pod.Meta{Name: "not-ready"}, Spec: pod.Spec{NodeName: "worker-2"}, Status: pod.Status{Phase: "Running"}}

	pods := []*pod.Pod{old, fresh, notReady, pending, unscheduled}
	kubectl.SortActivePods(pods)
	for i, p := range pods {
		if i > 0 {
			fmt.Print(" ")
		}
		fmt.Print(p.Metadata.Name)
	}
	fmt.Println()

	kubectl.SortByLogging(pods)
	fmt.Println("kubectl logs reads:", pods[0].Metadata.Name)
	// Output:
	// unscheduled pending not-ready fresh old
	// kubectl logs reads: old
}

func ExampleHumanDuration() {
	for _, d := range []time.Duration{45 * time.Second, 125 * time.Second, 90 * time.Minute, 7*time.Hour + 59*time.Minute, 47 * time.Hour, 400 * 24 * time.Hour, -3 * time.Second} {
		fmt.Println(kubectl.HumanDuration(d))
	}
	// Output:
	// 45s
	// 2m5s
	// 90m
	// 7h59m
	// 47h
	// 400d
	// <invalid>
}

// The end of `kubectl describe pod` for a container that crashed three
// times: the kubelet recorded each start and back-off, the API counted
// the repeats.
func ExampleDescribeEvents() {
	var log events.Log
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	log.Add(events.Event{Type: "Normal", Reason: "Scheduled", Message: "Successfully assigned default/web to node-1",
		Source: "default-scheduler", EventTime: t0})
	web := "spec.containers{web}"
	for i, at := range []time.Duration{1, 15, 40, 90} {
		log.Record(events.Recorded{At: t0.Add(at * time.Second), Source: "kubelet", FieldPath: web,
			Type: "Normal", Reason: "Started", Message: "Started container web"})
		if i > 0 {
			log.Record(events.Recorded{At: t0.Add(at*time.Second - 5*time.Second), Source: "kubelet", FieldPath: web,
				Type: "Warning", Reason: "BackOff", Message: "Back-off restarting failed container web in pod web_default(uid-1)"})
		}
	}
	kubectl.DescribeEvents(os.Stdout, log.Events(), t0.Add(2*time.Minute))
	// Output:
	// Events:
	//   Type     Reason     Age                 From               Message
	//   ----     ------     ----                ----               -------
	//   Normal   Scheduled  2m                  default-scheduler  Successfully assigned default/web to node-1
	//   Warning  BackOff    35s (x3 over 110s)  kubelet            spec.containers{web}: Back-off restarting failed container web in pod web_default(uid-1)
	//   Normal   Started    30s (x4 over 119s)  kubelet            spec.containers{web}: Started container web
}
