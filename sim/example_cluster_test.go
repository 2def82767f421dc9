package sim_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/restart"
	"github.com/podlife/podlife/sim"
)

// threeNodeCluster is the script of testdata/three-nodes.json, written in
// Go: three nodes, a Deployment-style set, a StatefulSet-style set and a
// Job, and node-1 lost from 1m to 8m.
func threeNodeCluster() sim.Script {
	var nodes []sim.Node
	for i, zone := range []string{"a", "b", "c"} {
		nodes = append(nodes, sim.Node{Name: fmt.Sprintf("node-%d", i+1), Labels: map[string]string{"zone": zone},
			Allocatable: resource.MustParseList("cpu=2,memory=4Gi,pods=10")})
	}
	requests := func(cpu, mem string) container.Resources {
		l := resource.List{{Name: resource.CPU, Quantity: resource.MustParse(cpu)}}
		if mem != "" {
			l = l.With(resource.Memory, resource.MustParse(mem))
		}
		return container.Resources{Requests: l}
	}
	grace := int64(10)
	return sim.Script{
		Nodes: nodes,
		Controllers: []sim.Controller{
			{Kind: sim.Deployment, Name: "web", Replicas: 3, Template: sim.Template{Labels: map[string]string{"app": "web"},
				Spec: pod.Spec{Containers: []container.Container{{Name: "app", Image: "web:1", Resources: requests("250m", "256Mi"),
					ReadinessProbe: &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/ready", Port: probe.PortNumber(8080)}, PeriodSeconds: 5}}}}}},
			{Kind: sim.StatefulSet, Name: "db", Replicas: 2, ServiceName: "db", Template: sim.Template{Labels: map[string]string{"app": "db"},
				Spec: pod.Spec{TerminationGracePeriodSeconds: &grace,
					Containers: []container.Container{{Name: "postgres", Image: "postgres:17", Resources: requests("500m", "1Gi")}}}}},
			{Kind: sim.Job, Name: "report", Completions: i32(3), Parallelism: i32(2), BackoffLimit: i32(4),
				PodFailurePolicy: []sim.PodFailurePolicyRule{
					{Action: sim.Ignore, OnPodConditions: []sim.PodConditionPattern{{Type: pod.DisruptionTarget}}},
					{Action: sim.FailJob, OnExitCodes: &sim.OnExitCodes{ContainerName: "report", Operator: "In", Values: []int32{42}}}},
				Template: sim.Template{Labels: map[string]string{"app": "report"}, Spec: pod.Spec{RestartPolicy: restart.Never,
					Containers: []container.Container{{Name: "report", Image: "report:1", Resources: requests("100m", "")}}}}},
		},
		Containers: []sim.ContainerScript{
			{Labels: map[string]string{"app": "web"}, Container: "app", Pull: sim.Pull{Duration: 2 * time.Second}, StartDelay: 500 * time.Millisecond},
			{Labels: map[string]string{"app": "db"}, Container: "postgres", Pull: sim.Pull{Duration: 5 * time.Second}, StopDelay: 4 * time.Second},
			{Labels: map[string]string{"app": "report"}, Container: "report", Pull: sim.Pull{Duration: time.Second},
				Runs: []sim.Run{{For: 3 * time.Minute}}},
		},
		Happenings: []sim.Happening{
			{At: time.Minute, Kind: sim.NodeLost, Node: "node-1"},
			{At: 8 * time.Minute, Kind: sim.NodeBack, Node: "node-1"},
		},
	}
}

// Three nodes, node-1 lost for seven minutes. For 50 s nothing is seen;
// then the node lifecycle controller marks the pods there not Ready (no
// line: READY counts containers); 300 s later the taint eviction deletes
// them and they stay Terminating, because no kubelet can stop them. The
// Deployment-style set makes a new pod on another node at once (a new
// name, a new UID); the StatefulSet-style set waits for db-0 to be gone,
// which happens only when node-1 is back and its kubelet kills it, and
// then makes a new db-0 (the same name, a new UID). The Job, on the other
// nodes, runs to its three completions.
func Example_threeNodeCluster() {
	s, err := sim.New(sim.Options{SandboxDelay: time.Second, Script: threeNodeCluster()})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := s.RunUntil(s.Start().Add(12 * time.Minute)); err != nil {
		fmt.Println(err)
		return
	}
	s.WriteWatch(os.Stdout)
	for _, name := range []string{"web", "db"} {
		st, _ := s.Controller(name)
		fmt.Printf("%s %s: %d active, %d ready\n", st.Kind, name, st.Active, st.Ready)
	}
	job, _ := s.Controller("report")
	fmt.Printf("Job report: %d succeeded, %s\n", job.Succeeded, job.Condition)
	// Output:
	// TIME       NAME                   READY   STATUS              RESTARTS   AGE     CAUSE
	// 0:00       web-68888f7cd6-m25fs   0/1     ContainerCreating   0          0s      created; scheduled to node-1
	// 0:00       web-68888f7cd6-pmrbj   0/1     ContainerCreating   0          0s      created; scheduled to node-2
	// 0:00       web-68888f7cd6-gzb8l   0/1     ContainerCreating   0          0s      created; scheduled to node-3
	// 0:00       db-0                   0/1     ContainerCreating   0          0s      created; scheduled to node-1
	// 0:00       report-hpff2           0/1     ContainerCreating   0          0s      created; scheduled to node-2
	// 0:00       report-lkkkk           0/1     ContainerCreating   0          0s      created; scheduled to node-3
	// 0:03.500   web-68888f7cd6-m25fs   0/1     Running             0          3s      ContainerStarted app
	// 0:03.500   web-68888f7cd6-pmrbj   0/1     Running             0          3s      ContainerStarted app
	// 0:03.500   web-68888f7cd6-gzb8l   0/1     Running             0          3s      ContainerStarted app
	// 0:03.500   web-68888f7cd6-m25fs   1/1     Running             0          3s      ProbeResult app Readiness Success
	// 0:03.500   web-68888f7cd6-pmrbj   1/1     Running             0          3s      ProbeResult app Readiness Success
	// 0:03.500   web-68888f7cd6-gzb8l   1/1     Running             0          3s      ProbeResult app Readiness Success
	// 0:04       report-hpff2           1/1     Running             0          4s      ContainerStarted report
	// 0:04       report-lkkkk           1/1     Running             0          4s      ContainerStarted report
	// 0:08       db-0                   1/1     Running             0          8s      ContainerStarted postgres
	// 0:08       db-1                   0/1     ContainerCreating   0          0s      created; scheduled to node-2
	// 0:14       db-1                   1/1     Running             0          6s      ContainerStarted postgres
	// 3:04       report-hpff2           0/1     Completed           0          3m4s    ContainerExited report (exit 0)
	// 3:04       report-lkkkk           0/1     Completed           0          3m4s    ContainerExited report (exit 0)
	// 3:04       report-88nj5           0/1     ContainerCreating   0          0s      created; scheduled to node-3
	// 3:05       report-88nj5           1/1     Running             0          1s      ContainerStarted report
	// 6:05       report-88nj5           0/1     Completed           0          3m1s    ContainerExited report (exit 0)
	// 6:50       web-68888f7cd6-m25fs   1/1     Terminating         0          6m50s   deleted by taint eviction (node.kubernetes.io/unreachable:NoExecute tolerated 300s)
	// 6:50       db-0                   1/1     Terminating         0          6m50s   deleted by taint eviction (node.kubernetes.io/unreachable:NoExecute tolerated 300s)
	// 6:50       web-68888f7cd6-tclq5   0/1     ContainerCreating   0          0s      created; scheduled to node-3
	// 6:51.500   web-68888f7cd6-tclq5   0/1     Running             0          1s      ContainerStarted app
	// 6:51.500   web-68888f7cd6-tclq5   1/1     Running             0          1s      ProbeResult app Readiness Success
	// 8:00       web-68888f7cd6-m25fs   0/1     Error               0          8m      ContainerExited app (exit 143); pod removed
	// 8:04       db-0                   0/1     Error               0          8m4s    ContainerExited postgres (exit 143); pod removed
	// 8:04       db-0                   0/1     ContainerCreating   0          0s      created; scheduled to node-1
	// 8:05       db-0                   1/1     Running             0          1s      ContainerStarted postgres
	// Deployment web: 3 active, 3 ready
	// StatefulSet db: 2 active, 2 ready
	// Job report: 3 succeeded, Complete
}

// A script read from JSON: a mistake is reported with the file, the JSON
// path and what is allowed.
func ExampleLoadScript() {
	_, err := sim.LoadScript("cluster.json", strings.NewReader(`{
	  "nodes": [{"name": "node-1"}],
	  "happenings": [{"at": "90s", "kind": "NodeLost", "node": "node-1"},
	                 {"at": "2m", "kind": "NodeGone", "node": "node-1"}]
	}`))
	fmt.Println(err)

	sc, err := sim.LoadScript("cluster.json", strings.NewReader(`{
	  "nodes": [{"name": "node-1", "allocatable": {"cpu": "2"}}],
	  "pods": [{"at": "0s", "pod": {"metadata": {"name": "web"},
	            "spec": {"containers": [{"name": "app", "image": "app:1", "resources": {"requests": {"cpu": "3"}}}]}}}]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	s, _ := sim.New(sim.Options{Script: sc})
	s.RunUntil(s.Start().Add(time.Minute))
	c := s.Pod("web").Status.Condition(pod.PodScheduled)
	fmt.Println(s.Pod("web").Status.Phase, c.Status, c.Reason, c.Message)
	// Output:
	// cluster.json: happenings[1].kind: unknown happening "NodeGone"; allowed: "Delete", "Evict", "NodeLost", "NodeBack", "NodeDeleted", "Drain", "Uncordon", "MemoryPressure", "Scale", "TemplateChanged", "RemoveSchedulingGates", "Debug", "RemoveStaticPod"
	// Pending False Unschedulable 0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.
}
