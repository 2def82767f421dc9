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

// What the kubelet reports as a terminated container's message: the file
// at its terminationMessagePath, or, under FallbackToLogsOnError, the end
// of the log of a container that failed and wrote none.
func ExampleTerminationMessage() {
	c := container.Container{Name: "app", Image: "app:1", TerminationMessagePolicy: container.TerminationMessageFallbackToLogsOnError}
	policy := c.EffectiveTerminationMessagePolicy()
	log := "connecting to db:5432\npanic: connection refused\n"
	fmt.Printf("%q\n", container.TerminationMessage(policy, 0, container.Completed, "", log))
	fmt.Printf("%q\n", container.TerminationMessage(policy, 2, container.Error, "", log))
	fmt.Printf("%q\n", container.TerminationMessage(policy, 2, container.Error, "exit: bad config", log))
	// Output:
	// ""
	// "connecting to db:5432\npanic: connection refused\n"
	// "exit: bad config"
}
