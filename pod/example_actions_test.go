package pod_test

import (
	"fmt"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

// A web pod whose init container has finished, whose sidecar runs, and
// whose app container has just failed its liveness probe: the sync kills
// the app container and starts it again.
func ExampleComputePodActions() {
	p := &pod.Pod{
		Metadata: pod.Meta{Name: "web", Namespace: "default", UID: "6f1c"},
		Spec: pod.Spec{
			InitContainers: []container.Container{
				{Name: "migrate", Image: "migrate:1"},
				{Name: "proxy", Image: "envoy:1", RestartPolicy: restart.Always.Ptr()},
			},
			Containers: []container.Container{
				{Name: "app", Image: "app:2", LivenessProbe: &probe.Probe{}},
			},
		},
	}
	view := &pod.RuntimeView{
		RuntimeStatus: pod.RuntimeStatus{Records: []container.RuntimeRecord{
			{Name: "migrate", Image: "migrate:1", State: container.RuntimeExited},
			{Name: "proxy", Image: "envoy:1", State: container.RuntimeRunning},
			{Name: "app", Image: "app:2", State: container.RuntimeRunning, ContainerID: "containerd://app-0"},
		}},
		Sandboxes: []pod.Sandbox{{Ready: true, IP: "10.0.0.7"}},
		Probes:    []pod.ProbeResults{{Name: "app", Liveness: probe.Failure}},
	}
	var a pod.Actions // reuse it for every sync: no allocation once grown
	pod.ComputePodActions(p, view, feature.Gates{}, &a)
	for _, k := range a.ContainersToKill {
		fmt.Printf("kill %s (%s): %s\n", k.ContainerID, k.Reason, k.Message())
	}
	for _, i := range a.ContainersToStart {
		fmt.Println("start", p.Spec.Containers[i].Name)
	}
	fmt.Println("kill pod:", a.KillPod, "new sandbox:", a.CreateSandbox)
	// Output:
	// kill containerd://app-0 (LivenessProbe): Container app failed liveness probe, will be restarted
	// start app
	// kill pod: false new sandbox: false
}
