package pod_test

import (
	"fmt"
	"time"

	"github.com/podlife/podlife/feature"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

// A container that crashed twice and is in back-off: the kubelet's runtime
// still holds its two dead instances, and its reason cache says why the
// last restart was refused. The status shows the cached reason as the
// waiting state, the newest exit as lastState and the attempt as
// restartCount; the older exit does not show at all.
func ExampleContainerStatuses() {
	p := &pod.Pod{
		Metadata: pod.Meta{Name: "web", Namespace: "shop", UID: "7c0e"},
		Spec: pod.Spec{
			RestartPolicy: restart.Always,
			Containers:    []container.Container{{Name: "app", Image: "shop:v2"}},
		},
	}
	t0 := time.Date(2025, 6, 1, 10, 0, 0, 0, time.UTC)
	rt := pod.RuntimeStatus{
		Records: []container.RuntimeRecord{ // newest first
			{Name: "app", State: container.RuntimeExited, ExitCode: 1, Reason: container.Error, Attempt: 1,
				ContainerID: "containerd://b2", Image: "docker.io/library/shop:v2",
				CreatedAt: t0.Add(time.Minute), StartedAt: t0.Add(61 * time.Second), FinishedAt: t0.Add(70 * time.Second)},
			{Name: "app", State: container.RuntimeExited, ExitCode: 1, Reason: container.Error, Attempt: 0,
				ContainerID: "containerd://a1", CreatedAt: t0, StartedAt: t0.Add(time.Second), FinishedAt: t0.Add(9 * time.Second)},
		},
		FailedStarts: []container.FailedStart{{Name: "app", Reason: container.CrashLoopBackOff,
			Message: "back-off 10s restarting failed container=app pod=web_shop(7c0e)"}},
	}
	var buf pod.StatusBuffer // reuse it for the next status of this pod
	for _, s := range pod.ContainerStatuses(&buf, p, &rt, container.Regular, feature.Gates{}) {
		fmt.Println(s.Name, "waiting:", s.State.Waiting.Reason)
		fmt.Println("last:", s.LastState.Terminated.Reason, s.LastState.Terminated.ExitCode, s.LastState.Terminated.ContainerID)
		fmt.Println("restarts:", s.RestartCount, "ready:", s.Ready, "id:", s.ContainerID)
	}
	// Output:
	// app waiting: CrashLoopBackOff
	// last: Error 1 containerd://b2
	// restarts: 1 ready: false id: containerd://b2
}
