package sim_test

import (
	"fmt"
	"os"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
	"github.com/podlife/podlife/sim"
)

// A pod whose container crashes after 5 s, deleted at 52 s while it runs: the
// crash-loop back-off, then the graceful deletion, as `kubectl get pods -w`
// shows them.
func Example() {
	s, err := sim.New(sim.Options{SandboxDelay: time.Second, Script: sim.Script{
		Containers: []sim.ContainerScript{{Container: "app",
			Pull:       sim.Pull{Duration: 2 * time.Second},
			StartDelay: 500 * time.Millisecond,
			Runs:       []sim.Run{{For: 5 * time.Second, ExitCode: 1}},
			StopDelay:  3 * time.Second}},
		Happenings: []sim.Happening{{At: 52 * time.Second, Kind: sim.Delete, Pod: "web"}},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	web := &pod.Pod{
		Metadata: pod.Meta{Name: "web", Namespace: "default"},
		Spec: pod.Spec{RestartPolicy: restart.Always,
			Containers: []container.Container{{Name: "app", Image: "app:1"}}},
	}
	if err := s.AddPod(web, 0); err != nil {
		fmt.Println(err)
		return
	}
	if err := s.Run(); err != nil {
		fmt.Println(err)
		return
	}
	s.WriteWatch(os.Stdout)
	// Output:
	// TIME       NAME   READY   STATUS              RESTARTS      AGE   CAUSE
	// 0:00       web    0/1     ContainerCreating   0             0s    created; bound to node-1
	// 0:03.500   web    1/1     Running             0             3s    ContainerStarted app
	// 0:08.500   web    0/1     Error               0             8s    ContainerExited app (exit 1)
	// 0:09       web    1/1     Running             1 (1s ago)    9s    ContainerStarted app
	// 0:14       web    0/1     Error               1 (6s ago)    14s   ContainerExited app (exit 1)
	// 0:24       web    0/1     CrashLoopBackOff    1 (10s ago)   24s   kubelet sync
	// 0:24.500   web    1/1     Running             2 (10s ago)   24s   ContainerStarted app
	// 0:29.500   web    0/1     Error               2 (15s ago)   29s   ContainerExited app (exit 1)
	// 0:49.500   web    0/1     CrashLoopBackOff    2 (20s ago)   49s   kubelet sync
	// 0:50       web    1/1     Running             3 (21s ago)   50s   ContainerStarted app
	// 0:52       web    1/1     Terminating         3 (23s ago)   52s   deleted
	// 0:55       web    0/1     Error               3 (26s ago)   55s   ContainerExited app (exit 143); pod removed
}
