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
// The input is the compact view a state machine fills (pod.Phase fills it
// from API statuses).
func ExampleDerive() {
	crashLooping := container.View{
		State:    container.StateWaiting, // CrashLoopBackOff
		ExitCode: 1,                      // of lastState.terminated
		Flags:    container.LastTerminated | container.WillRestart,
	}
	in := phase.Input{RestartPolicy: restart.Always, Regular: []container.View{crashLooping}}
	fmt.Println(phase.Derive(&in))

	// Under Never the kubelet will not restart it, and the pod has failed.
	crashLooping.Flags &^= container.WillRestart
	in = phase.Input{RestartPolicy: restart.Never, Regular: []container.View{crashLooping}}
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

// Decide says which rule of the kubelet's getPhase gave the phase, in
// words: the crash-looping container of ExampleDerive again.
func ExampleDecide() {
	crashLooping := container.View{
		State:    container.StateWaiting, // CrashLoopBackOff
		ExitCode: 1,
		Flags:    container.LastTerminated | container.WillRestart,
	}
	in := phase.Input{RestartPolicy: restart.Always, Regular: []container.View{crashLooping}}
	d := phase.Decide(&in)
	fmt.Println(d.Phase)
	fmt.Println(d.Rule.Text())
	fmt.Println(phase.Source)
	// Output:
	// Running
	// every container has stopped (a container waiting in back-off counts as stopped) but one will be restarted, so the pod stays Running
	// pkg/kubelet/kubelet_pods.go getPhase
}
