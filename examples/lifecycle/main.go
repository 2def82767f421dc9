// Command lifecycle is the first lesson: a pod's life and its five
// phases, on four pods created at the same moment — one that finishes, one
// that fails, one that serves for ever, one whose image does not exist.
//
//	go run ./examples/lifecycle
package main

import (
	"time"

	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

var theLesson = lesson.Lesson{
	Title: "A pod's life and its five phases",
	Intro: `
A pod is Pending from the moment the apiserver stores it until all its
containers have been started once: scheduling, the image pulls and the init
containers happen in Pending. It is Running while a container runs or will be
restarted. It is Succeeded when every container exited 0 and none will be
restarted, Failed when every container has stopped, one did not exit 0, and
none will be restarted. Succeeded and Failed are terminal: the kubelet never
moves a pod out of them. The fifth phase, Unknown, is deprecated: no kubelet
reports it (a pod on a lost node keeps its phase; kubectl prints Unknown
while such a pod is being deleted).

Four pods start at 0:00 on one node. "report" (restartPolicy Never) works for
20 s and exits 0; "migrate" (Never) exits 1 after 10 s; "web" (Always) serves
for ever; "typo" asks for an image that does not exist. Each image pull takes
2 s, and the node pulls one image at a time (the kubelet's default,
serializeImagePulls): the pods wait their turn, so they start 2 s apart.`,
	Options: sim.Options{SandboxDelay: time.Second, Script: sim.Script{Containers: []sim.ContainerScript{
		{Pod: "report", Pull: sim.Pull{Duration: 2 * time.Second}, Runs: []sim.Run{{For: 20 * time.Second, ExitCode: 0}}},
		{Pod: "migrate", Pull: sim.Pull{Duration: 2 * time.Second}, Runs: []sim.Run{{For: 10 * time.Second, ExitCode: 1}}},
		{Pod: "typo", Pull: sim.Pull{Duration: 2 * time.Second, FailAlways: true}},
		{Pull: sim.Pull{Duration: 2 * time.Second}},
	}}},
	Pods: []lesson.Pod{
		{Pod: lesson.MustPod(`{"metadata": {"name": "report", "namespace": "default"},
			"spec": {"restartPolicy": "Never", "containers": [{"name": "report", "image": "busybox:1.36"}]}}`)},
		{Pod: lesson.MustPod(`{"metadata": {"name": "migrate", "namespace": "default"},
			"spec": {"restartPolicy": "Never", "containers": [{"name": "migrate", "image": "ghcr.io/example/migrate:v3"}]}}`)},
		{Pod: lesson.MustPod(`{"metadata": {"name": "web", "namespace": "default"},
			"spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}`)},
		{Pod: lesson.MustPod(`{"metadata": {"name": "typo", "namespace": "default"},
			"spec": {"containers": [{"name": "app", "image": "nginx:1.277"}]}}`)},
	},
	For: 2 * time.Minute,
	Explain: []lesson.Moment{
		{At: time.Minute, Pod: "typo", Question: "why is typo still Pending after a minute?"},
		{At: time.Minute, Pod: "migrate", Question: "why is migrate Failed and not restarted?"},
	},
	Notice: `
- Every pod starts in Pending, with STATUS ContainerCreating while its sandbox
  and images are made ready; "Running" needs a container actually started.
- report ends Succeeded (kubectl prints Completed), migrate ends Failed
  (kubectl prints Error): under restartPolicy Never the kubelet restarts
  nothing, so the first exit decides.
- typo never leaves Pending: a container that has never started is
  "waiting", and a waiting container keeps the pod Pending however long it
  takes. The pulls are retried with a back-off (ImagePullBackOff).
- web stays Running for ever; a pod under Always never reaches a terminal
  phase on its own.`,
	Next: "initcontainers",
}
