package container_test

import (
	"fmt"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/restart"
)

func ExampleContainer_IsSidecar() {
	initContainers := []container.Container{
		{Name: "migrate", Image: "app:v2"},
		{Name: "proxy", Image: "envoy:v1.30", RestartPolicy: restart.Always.Ptr()},
	}
	for _, c := range initContainers {
		fmt.Println(c.Name, c.IsSidecar())
	}
	// Output:
	// migrate false
	// proxy true
}

func ExampleFind() {
	statuses := []container.Status{
		{Name: "app", RestartCount: 4,
			State:     container.State{Waiting: &container.Waiting{Reason: container.CrashLoopBackOff}},
			LastState: container.State{Terminated: &container.Terminated{ExitCode: 1, Reason: container.Error}}},
	}
	s := container.Find(statuses, "app")
	fmt.Println(s.State.Waiting.Reason, s.LastState.Terminated.ExitCode, s.RestartCount)
	// Output: CrashLoopBackOff 1 4
}
