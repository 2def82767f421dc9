package pod_test

import (
	"fmt"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

// A pod whose only container exits at once: the machine asks for a
// sandbox, an image, a create and a start; the exit under restartPolicy
// Never ends the pod Succeeded, and the sandbox is stopped.
func ExampleMachine() {
	p := &pod.Pod{
		Metadata: pod.Meta{Name: "hello", Namespace: "default", UID: "u1"},
		Spec: pod.Spec{RestartPolicy: restart.Never,
			Containers: []container.Container{{Name: "hello", Image: "busybox:1.36"}}},
	}
	m, err := pod.NewMachine(p, pod.MachineOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	step := func(ev pod.Event) {
		out, err := m.Step(ev)
		if err != nil {
			fmt.Println(err)
			return
		}
		var asks []string
		for _, a := range out.Actions {
			asks = append(asks, a.Kind.String())
		}
		fmt.Printf("%-17s -> %-9s %v\n", ev.Kind, m.Status().Phase, asks)
	}
	step(pod.Event{Kind: pod.Scheduled, At: t, Node: "node-1"})
	step(pod.Event{Kind: pod.SandboxReady, At: t.Add(time.Second), IP: "10.0.0.5"})
	step(pod.Event{Kind: pod.ImagePulled, At: t.Add(3 * time.Second), Container: "hello"})
	step(pod.Event{Kind: pod.ContainerCreated, At: t.Add(3 * time.Second), Container: "hello"})
	step(pod.Event{Kind: pod.ContainerStarted, At: t.Add(3 * time.Second), Container: "hello"})
	step(pod.Event{Kind: pod.ContainerExited, At: t.Add(4 * time.Second), Container: "hello"})
	// An exit of a container that is not running is refused.
	step(pod.Event{Kind: pod.ContainerExited, At: t.Add(5 * time.Second), Container: "hello"})
	// Output:
	// Scheduled         -> Pending   [CreateSandbox]
	// SandboxReady      -> Pending   [PullImage]
	// ImagePulled       -> Pending   [CreateContainer]
	// ContainerCreated  -> Pending   [StartContainer]
	// ContainerStarted  -> Running   []
	// ContainerExited   -> Succeeded [KillSandbox]
	// pod "default/hello": ContainerExited of container "hello" refused while Succeeded: the container is exited, not running
}
