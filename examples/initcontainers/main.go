// Command initcontainers is the lesson on init containers: they run one
// at a time, in order, each to completion, before any regular container
// starts; a failed one is run again (restartPolicy Always or OnFailure),
// and the pod stays Pending all along.
//
//	go run ./examples/initcontainers
package main

import (
	"time"

	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

var theLesson = lesson.Lesson{
	Title: "Init containers, in order",
	Intro: `
Init containers run before the app, one at a time and in the order of
spec.initContainers; the next starts only once the previous one exited 0.
While they run the pod is Pending and kubectl prints Init:<done>/<all>.
An init container that fails is run again (under restartPolicy Always or
OnFailure) with the same crash-loop back-off as any container, and the pod
waits: nothing after it starts. Under restartPolicy Never a failed init
container fails the whole pod.

Pod myapp-pod, as on kubernetes.io: init-myservice waits 5 s for a service
and succeeds; init-mydb fails its first try after 3 s (the database is not up
yet) and succeeds on the second after 4 s; then myapp-container starts.`,
	Options: sim.Options{SandboxDelay: time.Second, Script: sim.Script{Containers: []sim.ContainerScript{
		{Container: "init-myservice", Runs: []sim.Run{{For: 5 * time.Second}}},
		{Container: "init-mydb", Runs: []sim.Run{{Attempt: 1, For: 3 * time.Second, ExitCode: 1}, {For: 4 * time.Second}}},
	}}},
	Pods: []lesson.Pod{{Pod: lesson.MustPod(`{"metadata": {"name": "myapp-pod", "namespace": "default",
		"labels": {"app.kubernetes.io/name": "MyApp"}},
		"spec": {
		 "initContainers": [
		  {"name": "init-myservice", "image": "busybox:1.28", "command": ["sh", "-c", "until nslookup myservice; do sleep 2; done"]},
		  {"name": "init-mydb", "image": "busybox:1.28", "command": ["sh", "-c", "until nslookup mydb; do sleep 2; done"]}],
		 "containers": [{"name": "myapp-container", "image": "busybox:1.28", "command": ["sh", "-c", "echo The app is running! && sleep 3600"]}]}}`)}},
	For: time.Minute,
	Explain: []lesson.Moment{
		{At: 10 * time.Second, Pod: "myapp-pod", Question: "init-mydb has failed once: why is the pod Pending, not Failed?"},
	},
	Notice: `
- Init:0/2, then Init:1/2 when init-myservice completes: the count is of init
  containers done, in order.
- When init-mydb fails, kubectl shows Init:Error, and the next try comes at
  once (the first restart has no back-off); the pod stays Pending and
  myapp-container is not created until init-mydb succeeds.
- PodInitializing is the waiting reason of the regular containers between
  the last init container's exit and their own start.
- RESTARTS counts the init containers' restarts while the pod initializes.`,
	Next: "sidecars",
}
