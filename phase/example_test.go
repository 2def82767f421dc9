package phase_test

import (
	"fmt"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/restart"
)

// A pod whose only container crash-loops is Running, not Pending or Failed:
// a container waiting in back-off after a termination counts as stopped,
// and under restartPolicy Always a stopped container will be restarted.
func ExampleDerive() {
	in := phase.Input{
		RestartPolicy: restart.Always,
		Containers:    []container.Container{{Name: "app", Image: "busybox"}},
		ContainerStatuses: []container.Status{{
			Name:      "app",
			State:     container.State{Waiting: &container.Waiting{Reason: container.CrashLoopBackOff}},
			LastState: container.State{Terminated: &container.Terminated{ExitCode: 1}},
		}},
	}
	fmt.Println(phase.Derive(&in))

	in.RestartPolicy = restart.Never
	fmt.Println(phase.Derive(&in))
	// Output:
	// Running
	// Failed
}

func ExamplePhase_CanBecome() {
	fmt.Println(phase.Running.CanBecome(phase.Pending))
	fmt.Println(phase.Succeeded.CanBecome(phase.Failed))
	// Output:
	// true
	// false
}
