// Command debug is the lesson on ephemeral containers: what `kubectl
// debug` adds to a running pod, and what it does not change.
//
//	go run ./examples/debug
package main

import (
	"fmt"
	"io"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

// debugger is what `kubectl debug -it web --image=busybox:1.36
// --target=app` adds.
var debugger = &container.Container{Name: "debugger-x7k2p", Image: "busybox:1.36"}

var theLesson = lesson.Lesson{
	Title: "An ephemeral debug container",
	Intro: `
A running pod's containers cannot be changed, but kubectl debug can add an
ephemeral container to it (through the pod's ephemeralcontainers
subresource): a shell beside the app, in the same network namespace and, with
--target, the same process namespace. The kubelet starts it once; it has no
probes, no ports, no restart; when it exits it stays terminated. It does not
count in READY and does not change the pod's phase or conditions. It cannot
be removed: it stays in the pod's spec until the pod goes.

Pod "web" runs a distroless app. At 0:20 someone runs kubectl debug; the
debugging session lasts 30 s.`,
	Options: sim.Options{Script: sim.Script{
		Containers: []sim.ContainerScript{{Container: debugger.Name, Pull: sim.Pull{Duration: 2 * time.Second},
			Runs: []sim.Run{{For: 30 * time.Second}}}},
		Happenings: []sim.Happening{{At: 20 * time.Second, Kind: sim.Debug, Pod: "web", Ephemeral: debugger}},
	}},
	Pods: []lesson.Pod{{Pod: lesson.MustPod(`{"metadata": {"name": "web", "namespace": "default"},
		"spec": {"containers": [{"name": "app", "image": "gcr.io/distroless/static:nonroot"}]}}`)}},
	For:   time.Minute,
	After: ephemeralStatus,
	Notice: `
- Adding the debugger changes no row of kubectl get pods: READY stays 1/1,
  STATUS Running; it shows in the events (Pulling, Created, Started) and in
  status.ephemeralContainerStatuses.
- When the session ends the debugger stays terminated: ephemeral containers
  are never restarted, and the pod goes on as before.`,
	Next: "staticpods",
}

// ephemeralStatus writes the pod's ephemeral container statuses at the end.
func ephemeralStatus(w io.Writer, s *sim.Sim) error {
	p := s.Pod("web")
	fmt.Fprintf(w, "At %s, web is %s; status.ephemeralContainerStatuses:\n\n", sim.Clock(s.Start(), s.Now()), p.Status.Phase)
	for _, st := range p.Status.EphemeralContainerStatuses {
		state := "running"
		if t := st.State.Terminated; t != nil {
			state = fmt.Sprintf("terminated, exit code %d (%s)", t.ExitCode, t.Reason)
		}
		fmt.Fprintf(w, "  %s: %s; restartCount %d\n", st.Name, state, st.RestartCount)
	}
	return nil
}
