// Command messages is the lesson on termination messages: what a
// terminated container's status message says, where the kubelet reads it
// (the file at terminationMessagePath, or the end of the log under
// terminationMessagePolicy FallbackToLogsOnError), and how much of it.
//
//	go run ./examples/messages
package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

// chatter is a log of 100 short lines: the kubelet reads the last 80 (at
// most 2 KiB of them; these are fewer bytes).
var chatter = func() string {
	var b strings.Builder
	for i := 1; i <= 99; i++ {
		fmt.Fprintf(&b, "attempt %d failed\n", i)
	}
	b.WriteString("fatal: giving up\n")
	return b.String()
}()

const panicLog = "starting migrations\npanic: relation \"orders\" already exists\n"

var theLesson = lesson.Lesson{
	Title: "Termination messages: what a terminated container's message says",
	Intro: `
When a container ends, the kubelet reads the file at its
terminationMessagePath (/dev/termination-log by default) and reports what
it holds, its last 4 KiB, as the message of the terminated state: in
state.terminated.message, then lastState.terminated.message after a
restart. Tekton and Argo pass a step's results this way. When the file is
empty, terminationMessagePolicy decides: File (the default) reports
nothing; FallbackToLogsOnError reports the end of the container's log (its
last 80 lines, at most 2 KiB) if the container failed. The status manager
then cuts each message to its share of 12 KiB a pod.

Four pods, each under restartPolicy Never. "build" writes its image digest
to the file and succeeds. "migrate" and "migrate-file" fail the same way and
log the same panic, but only migrate asks for the log's end
(FallbackToLogsOnError). "retry" fails after logging 100 lines, under the
same policy.`,
	Options: sim.Options{Script: sim.Script{Containers: []sim.ContainerScript{
		{Pod: "build", Runs: []sim.Run{{For: 20 * time.Second, Message: `{"digest":"sha256:9f86d081884c7d65"}`, Log: "pushed\n"}}},
		{Pod: "migrate", Runs: []sim.Run{{For: 5 * time.Second, ExitCode: 2, Log: panicLog}}},
		{Pod: "migrate-file", Runs: []sim.Run{{For: 5 * time.Second, ExitCode: 2, Log: panicLog}}},
		{Pod: "retry", Runs: []sim.Run{{For: 10 * time.Second, ExitCode: 1, Log: chatter}}},
	}}},
	Pods: []lesson.Pod{
		{Pod: lesson.MustPod(`{"metadata": {"name": "build", "namespace": "ci"},
			"spec": {"restartPolicy": "Never", "containers": [{"name": "kaniko", "image": "ghcr.io/example/kaniko:v1"}]}}`)},
		{Pod: lesson.MustPod(`{"metadata": {"name": "migrate", "namespace": "ci"},
			"spec": {"restartPolicy": "Never", "containers": [{"name": "migrate", "image": "ghcr.io/example/migrate:v3",
			 "terminationMessagePolicy": "FallbackToLogsOnError"}]}}`)},
		{Pod: lesson.MustPod(`{"metadata": {"name": "migrate-file", "namespace": "ci"},
			"spec": {"restartPolicy": "Never", "containers": [{"name": "migrate", "image": "ghcr.io/example/migrate:v3"}]}}`)},
		{Pod: lesson.MustPod(`{"metadata": {"name": "retry", "namespace": "ci"},
			"spec": {"restartPolicy": "Never", "containers": [{"name": "client", "image": "ghcr.io/example/client:v1",
			 "terminationMessagePolicy": "FallbackToLogsOnError"}]}}`)},
	},
	For:   time.Minute,
	After: writeMessages,
	Notice: `
- build's message is its file, though it succeeded and logged too: the file
  always wins.
- migrate and migrate-file end alike, but only migrate's message is the
  panic: under File an empty file means no message, whatever the log says.
- retry logged 100 lines; its message is the last 80, from "attempt 21
  failed" on (had they been longer, only their last 2 KiB).`,
	Next: "activedeadline",
}

// writeMessages prints each pod's terminated message in full, as
// kubectl get pod -o jsonpath='{..state.terminated.message}' would.
func writeMessages(w io.Writer, s *sim.Sim) error {
	fmt.Fprintln(w, "state.terminated.message of each pod, in full")
	fmt.Fprintln(w)
	for _, name := range []string{"build", "migrate", "migrate-file", "retry"} {
		p := s.Pod("ci/" + name)
		if p == nil {
			return fmt.Errorf("pod %s is gone", name)
		}
		msg, lines := message(p)
		unit := "lines"
		if lines == 1 {
			unit = "line"
		}
		fmt.Fprintf(w, "%s (%d bytes, %d %s):\n", name, len(msg), lines, unit)
		if msg == "" {
			fmt.Fprintln(w, "  (none)")
		}
		// A long message: its first and last lines.
		const head, tail = 3, 2
		i := 0
		for l := range strings.Lines(msg) {
			switch {
			case lines > head+tail+1 && i == head:
				fmt.Fprintf(w, "  | ... %d lines more ...\n", lines-head-tail)
			case lines > head+tail+1 && i > head && i < lines-tail: // left out
			default:
				fmt.Fprintf(w, "  | %s", strings.TrimSuffix(l, "\n")+"\n")
			}
			i++
		}
	}
	return nil
}

// message is the terminated message of p's one container and its count of
// lines.
func message(p *pod.Pod) (string, int) {
	st := container.Find(p.Status.ContainerStatuses, p.Spec.Containers[0].Name)
	if st == nil || st.State.Terminated == nil {
		return "", 0
	}
	msg := st.State.Terminated.Message
	lines := strings.Count(msg, "\n")
	if msg != "" && !strings.HasSuffix(msg, "\n") {
		lines++
	}
	return msg, lines
}
