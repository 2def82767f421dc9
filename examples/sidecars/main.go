// Command sidecars is the lesson on sidecar containers (init containers
// with restartPolicy Always): started before the app and kept running
// beside it, they do not keep a Job-like pod from completing, and they are
// stopped last.
//
//	go run ./examples/sidecars
package main

import (
	"time"

	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

var theLesson = lesson.Lesson{
	Title: "Sidecars: started first, stopped last, never in the way",
	Intro: `
A sidecar is an init container with restartPolicy: Always. The kubelet starts
it in its turn among the init containers, but does not wait for it to exit:
once it has started (its startup probe, if any, passed) the next init
container, and then the app, start beside it. It is restarted whenever it
exits, whatever the pod's restartPolicy.

Two pods. "backup" (restartPolicy Never, like a Job's pod) has a sidecar
"log-shipper" and a main container that works 20 s and exits 0. "web" has a
sidecar "proxy" and an app that takes 5 s to stop on SIGTERM; it is deleted at
0:40.`,
	Options: sim.Options{SandboxDelay: time.Second, Script: sim.Script{
		Containers: []sim.ContainerScript{
			{Pod: "backup", Container: "backup", Runs: []sim.Run{{For: 20 * time.Second}}},
			{Pod: "web", Container: "app", StopDelay: 5 * time.Second},
			{Pod: "web", Container: "proxy", StopDelay: time.Second},
		},
		Happenings: []sim.Happening{{At: 40 * time.Second, Kind: sim.Delete, Pod: "web"}},
	}},
	Pods: []lesson.Pod{
		{Pod: lesson.MustPod(`{"metadata": {"name": "backup", "namespace": "default"},
			"spec": {"restartPolicy": "Never",
			 "initContainers": [{"name": "log-shipper", "image": "fluent/fluent-bit:3.2", "restartPolicy": "Always"}],
			 "containers": [{"name": "backup", "image": "ghcr.io/example/backup:v1"}]}}`)},
		{Pod: lesson.MustPod(`{"metadata": {"name": "web", "namespace": "default"},
			"spec": {
			 "initContainers": [{"name": "proxy", "image": "envoyproxy/envoy:v1.32", "restartPolicy": "Always"}],
			 "containers": [{"name": "app", "image": "ghcr.io/example/web:v2"}]}}`)},
	},
	For: 90 * time.Second,
	Explain: []lesson.Moment{
		{At: 30 * time.Second, Pod: "backup", Question: "log-shipper was still running when backup exited: why is the pod Succeeded?"},
	},
	Notice: `
- READY counts the sidecar: 2/2 once both run.
- backup exits 0 at 0:21 while log-shipper still runs; the kubelet then stops
  the sidecar (it will not restart it, the pod being done), and the pod is
  Succeeded: a sidecar's own end never decides the phase.
- On deletion, web's app gets SIGTERM first; proxy is stopped only once app
  has exited, so the app can use it to the end (pkg/kubelet/kuberuntime
  killContainersWithSyncResult: sidecars after the regular containers).`,
	Next: "probes",
}
