// Command restartrules is the lesson on a container's own restart policy
// and its exit-code rules (restartPolicyRules, gate ContainerRestartRules,
// on in v1.37): which exits restart the container, whatever the pod's
// restartPolicy says.
//
//	go run ./examples/restartrules
package main

import (
	"time"

	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

var theLesson = lesson.Lesson{
	Title: "Container restart rules, by exit code",
	Intro: `
Since Kubernetes v1.34 a container may set its own restartPolicy, which
overrides the pod's for that container, and restartPolicyRules: rules tried in
order on each exit, the first whose exitCodes match deciding (action Restart).
An exit no rule matches follows the container's restartPolicy.

Two pods under restartPolicy Never. In "trainer", the container's policy is
Never but a rule restarts it on exit code 42 (its way of saying "preempted,
try again"): it exits 42 twice, then 1. In "batch", the container's own
policy is OnFailure: it fails once with 1, then succeeds.`,
	Options: sim.Options{Script: sim.Script{Containers: []sim.ContainerScript{
		{Pod: "trainer", Runs: []sim.Run{{Attempt: 1, For: 10 * time.Second, ExitCode: 42}, {Attempt: 2, For: 10 * time.Second, ExitCode: 42},
			{For: 5 * time.Second, ExitCode: 1}}},
		{Pod: "batch", Runs: []sim.Run{{Attempt: 1, For: 5 * time.Second, ExitCode: 1}, {For: 5 * time.Second}}},
	}}},
	Pods: []lesson.Pod{
		{Pod: lesson.MustPod(`{"metadata": {"name": "trainer", "namespace": "ml"},
			"spec": {"restartPolicy": "Never", "containers": [{"name": "train", "image": "ghcr.io/example/train:v7",
			 "restartPolicy": "Never",
			 "restartPolicyRules": [{"action": "Restart", "exitCodes": {"operator": "In", "values": [42]}}]}]}}`)},
		{Pod: lesson.MustPod(`{"metadata": {"name": "batch", "namespace": "ml"},
			"spec": {"restartPolicy": "Never", "containers": [{"name": "etl", "image": "ghcr.io/example/etl:v2",
			 "restartPolicy": "OnFailure"}]}}`)},
	},
	For: 2 * time.Minute,
	Explain: []lesson.Moment{
		{At: 2 * time.Minute, Pod: "trainer", Question: "why was the last exit not restarted?"},
	},
	Notice: `
- trainer's exits with 42 are restarted (the first at once, the next after the
  10 s back-off); the exit with 1 matches no rule, falls to the container's
  policy Never, and the pod is Failed.
- batch's container fails once and is restarted although the pod says Never:
  the container's own OnFailure wins; its success then ends the pod
  Succeeded.`,
	Next: "termination",
}
