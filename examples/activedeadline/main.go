// Command activedeadline is the lesson on spec.activeDeadlineSeconds: the
// kubelet fails a pod that has been running longer than its deadline,
// whatever its containers are doing.
//
//	go run ./examples/activedeadline
package main

import (
	"time"

	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

var theLesson = lesson.Lesson{
	Title: "Active deadline",
	Intro: `
spec.activeDeadlineSeconds bounds how long a pod may be active, counted from
status.startTime (when the kubelet first saw it). When it passes, the kubelet
kills the pod's containers and sets the phase Failed with reason
DeadlineExceeded, whatever the restart policy. It is the pod's own deadline;
a Job's spec.activeDeadlineSeconds is another, enforced by the Job controller
on the whole Job.

Pod "report" (activeDeadlineSeconds 30) runs a container that would work for
ten minutes; "quick" (the same deadline) finishes in 10 s.`,
	Options: sim.Options{Script: sim.Script{Containers: []sim.ContainerScript{
		{Pod: "report", Runs: []sim.Run{{For: 10 * time.Minute}}},
		{Pod: "quick", Runs: []sim.Run{{For: 10 * time.Second}}},
	}}},
	Pods: []lesson.Pod{
		{Pod: lesson.MustPod(`{"metadata": {"name": "report", "namespace": "default"},
			"spec": {"restartPolicy": "OnFailure", "activeDeadlineSeconds": 30,
			 "containers": [{"name": "report", "image": "ghcr.io/example/report:v1"}]}}`)},
		{Pod: lesson.MustPod(`{"metadata": {"name": "quick", "namespace": "default"},
			"spec": {"restartPolicy": "OnFailure", "activeDeadlineSeconds": 30,
			 "containers": [{"name": "report", "image": "ghcr.io/example/report:v1"}]}}`)},
	},
	For: time.Minute,
	Explain: []lesson.Moment{
		{At: 45 * time.Second, Pod: "report", Question: "why is report Failed though its container was healthy?"},
	},
	Notice: `
- At 0:30 the kubelet stops report's container (exit 143, SIGTERM) and the
  pod is Failed with status.reason DeadlineExceeded, for good: OnFailure
  restarts nothing in a Failed pod.
- kubectl's STATUS shows Error, not DeadlineExceeded: the printer starts from
  status.reason, but a terminated container's reason has the last word (see
  the STATUS steps above); kubectl describe shows Reason: DeadlineExceeded.
- quick finished before its deadline and is Succeeded: a deadline only
  matters to a pod still active.`,
	Next: "eviction",
}
