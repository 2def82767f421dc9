// Command crashloop is the lesson on crash-loop back-off: a container that
// keeps exiting is restarted at once the first time, then after 10 s,
// 20 s, 40 s ... up to 5 minutes; the pod stays Running all along; and
// the back-off starts over once the container has run for 10 minutes.
//
//	go run ./examples/crashloop
package main

import (
	"time"

	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

// runs: each run exits with 1 after 3 s, but the seventh runs 11 minutes,
// long enough to reset the back-off.
var runs = []sim.Run{{For: 3 * time.Second, ExitCode: 1}, {Attempt: 7, For: 11 * time.Minute, ExitCode: 1}}

var theLesson = lesson.Lesson{
	Title: "Crash-loop back-off",
	Intro: `
When a container exits and its restart policy says to restart it, the kubelet
restarts it at once the first time. From then on each restart waits in
CrashLoopBackOff: 10 s, then twice as long each time, at most 5 minutes. A
container that has run for more than 10 minutes before exiting starts the
back-off over.

All along the pod is Running, not Pending or Failed: a container waiting in
back-off after a termination counts as stopped, and under restartPolicy
Always a stopped container will be restarted.

Pod "worker-5d8f": its container exits with 1 after 3 s, every time except
the seventh run, which lasts 11 minutes.`,
	Options: sim.Options{Script: sim.Script{Containers: []sim.ContainerScript{{Container: "worker", Runs: runs}}}},
	Pods: []lesson.Pod{{Pod: lesson.MustPod(`{"metadata": {"name": "worker-5d8f", "namespace": "jobs"},
		"spec": {"containers": [{"name": "worker", "image": "ghcr.io/example/worker:v1"}]}}`)}},
	For: 17 * time.Minute,
	Explain: []lesson.Moment{
		{At: 30 * time.Second, Pod: "worker-5d8f", Question: "the container has exited and waits out its back-off: why is the pod Running?"},
	},
	Notice: `
- The first restart is immediate (0:03); the waits then are 10 s, 20 s, 40 s,
  1m20s, 2m40s, each counted from the exit before.
- Each exit shows as Error: the status the kubelet makes when it sees the
  exit has the container terminated, and the back-off it decides then shows
  from its next sync of the pod (kubelet.go SyncPod makes the status first,
  and updates the reason cache last). That sync comes at the back-off's end
  (CrashLoopBackOff, then the restart), or a minute after the exit for the
  longer waits (1:25 to 2:25: the kubelet syncs a pod at least every
  minute).
- The seventh run lasts 11 minutes; after it, the restart is immediate again
  and the next wait is 10 s: the back-off was reset.
- The phase never leaves Running.
- The events say each thing once, with a count: the kubelet's recorder
  raises the count of an identical event instead of writing a new one
  (client-go tools/record), so "19s (x9 over 17m)" is nine Created events,
  the last 19 s ago, the first 17 minutes ago.`,
	Next: "restartpolicies",
}
