// Command termination is the lesson on graceful termination: what happens
// between `kubectl delete pod` and the pod's removal — the preStop hook,
// SIGTERM, the grace period, SIGKILL.
//
//	go run ./examples/termination
package main

import (
	"time"

	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

func grace(s int64) *int64 { return &s }

var theLesson = lesson.Lesson{
	Title: "Graceful termination: preStop, SIGTERM and the grace period",
	Intro: `
Deleting a pod sets its deletionTimestamp; kubectl shows Terminating. The
kubelet then stops each container: it runs the container's preStop hook,
then sends SIGTERM, and sends SIGKILL when the grace period
(terminationGracePeriodSeconds, 30 by default, or kubectl delete
--grace-period) runs out. The preStop hook's time counts against the grace
period. Once every container has stopped the pod is removed from the API.

Three pods, all deleted at 0:20. "web" has a 5 s preStop hook (sleep, to let
the load balancers notice) and needs 8 s to drain after SIGTERM: it is done
well within its 30 s. "stubborn" ignores SIGTERM: it is killed with SIGKILL
when its 15 s grace period ends. "hurried" would need 20 s but is deleted with
--grace-period=3.`,
	Options: sim.Options{Script: sim.Script{
		Containers: []sim.ContainerScript{
			{Pod: "web", PreStop: sim.HookScript{Duration: 5 * time.Second}, StopDelay: 8 * time.Second},
			{Pod: "stubborn", IgnoreSIGTERM: true},
			{Pod: "hurried", StopDelay: 20 * time.Second},
		},
		Happenings: []sim.Happening{
			{At: 20 * time.Second, Kind: sim.Delete, Pod: "web"},
			{At: 20 * time.Second, Kind: sim.Delete, Pod: "stubborn"},
			{At: 20 * time.Second, Kind: sim.Delete, Pod: "hurried", Grace: grace(3)},
		},
	}},
	Pods: []lesson.Pod{
		{Pod: lesson.MustPod(`{"metadata": {"name": "web", "namespace": "default"},
			"spec": {"containers": [{"name": "nginx", "image": "nginx:1.27",
			 "lifecycle": {"preStop": {"sleep": {"seconds": 5}}}}]}}`)},
		{Pod: lesson.MustPod(`{"metadata": {"name": "stubborn", "namespace": "default"},
			"spec": {"terminationGracePeriodSeconds": 15, "containers": [{"name": "app", "image": "ghcr.io/example/legacy:v1"}]}}`)},
		{Pod: lesson.MustPod(`{"metadata": {"name": "hurried", "namespace": "default"},
			"spec": {"containers": [{"name": "app", "image": "ghcr.io/example/slowstop:v1"}]}}`)},
	},
	For: time.Minute,
	Explain: []lesson.Moment{
		{At: 25 * time.Second, Pod: "web", Question: "web is being deleted: why does kubectl say Terminating?"},
	},
	Notice: `
- All three pods show Terminating from 0:20, while their containers still
  run: Terminating is kubectl's word for a deletionTimestamp on a pod whose
  phase is not terminal.
- web: the preStop hook runs 0:20–0:25, SIGTERM comes after it, and the
  container exits with 143 (128 + SIGTERM's 15) at 0:33.
- stubborn exits with 137 (128 + SIGKILL's 9) at 0:35, exactly its 15 s
  grace period after the deletion.
- hurried is SIGKILLed at 0:23: the grace period of the delete call wins over
  the pod's.`,
	Next: "messages",
}
