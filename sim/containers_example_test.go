package sim_test

import (
	"fmt"
	"os"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
	"github.com/podlife/podlife/sim"
)

// A container whose liveness probe stops answering 25 s after it starts:
// each failure counts toward failureThreshold (3), the third kills it,
// and the restarted container passes again.
func ExampleSim_WriteContainers() {
	s, err := sim.New(sim.Options{Script: sim.Script{
		Containers: []sim.ContainerScript{{Container: "app", StopDelay: time.Second,
			Probes: []sim.ProbeAnswer{{Probe: probe.Liveness, Attempt: 1, From: 25 * time.Second, Outcome: probe.OutcomeFailure}}}},
		Happenings: []sim.Happening{{At: 80 * time.Second, Kind: sim.Delete, Pod: "web"}},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	web := &pod.Pod{
		Metadata: pod.Meta{Name: "web", Namespace: "default"},
		Spec: pod.Spec{RestartPolicy: restart.Always, Containers: []container.Container{{Name: "app", Image: "app:1",
			LivenessProbe: &probe.Probe{Exec: &probe.ExecAction{Command: []string{"check"}}, PeriodSeconds: 10}}}},
	}
	if err := s.AddPod(web, 0); err != nil {
		fmt.Println(err)
		return
	}
	if err := s.Run(); err != nil {
		fmt.Println(err)
		return
	}
	s.WriteContainers(os.Stdout)
	// Output:
	// Pod default/web
	//   0:00   phase Pending
	//   0:00   Ready False (ContainersNotReady)
	//   0:00   phase Running
	//   0:00   Ready True
	//   1:20   deleted through the API, grace 30s
	//   1:21   phase Failed
	//   1:21   Ready False (PodFailed)
	//   1:21   removed
	//   regular container app:
	//     0:00   waiting (ContainerCreating)
	//     0:00   running
	//     0:00   ready
	//     0:00   liveness success 1/1
	//     0:10   liveness success, still 1/1 (2 alike, the last at 0:20)
	//     0:30   liveness failure 1/3
	//     0:40   liveness failure 2/3
	//     0:50   liveness failure 3/3
	//     0:50   SIGTERM, SIGKILL after 30s (LivenessProbe)
	//     0:51   restart 1 (at once, no back-off)
	//     1:00   liveness success 1/1
	//     1:10   liveness success, still 1/1
	//     1:20   SIGTERM, SIGKILL after 30s (Deleting)
	//     1:21   terminated, exit code 143 (Error)
	//     1:21   not ready
}
