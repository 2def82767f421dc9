// Command restartpolicies is the lesson on the pod's restartPolicy: the
// same container, exiting 0 or 1, under Always, OnFailure and Never, side
// by side.
//
//	go run ./examples/restartpolicies
package main

import (
	"fmt"
	"io"
	"time"

	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

// policies are the three pod restart policies, in the order of the pods.
var policies = []string{"Always", "OnFailure", "Never"}

// pods makes, for each policy, a pod whose container exits 0 and one whose
// container exits 1, each after 5 s of every run.
func pods() (ps []lesson.Pod, script []sim.ContainerScript) {
	for _, policy := range policies {
		for _, code := range []int32{0, 1} {
			name := fmt.Sprintf("%s-exit%d", lower(policy), code)
			ps = append(ps, lesson.Pod{Pod: lesson.MustPod(fmt.Sprintf(`{"metadata": {"name": %q, "namespace": "default"},
				"spec": {"restartPolicy": %q, "containers": [{"name": "task", "image": "busybox:1.36"}]}}`, name, policy))})
			script = append(script, sim.ContainerScript{Pod: name, Runs: []sim.Run{{For: 5 * time.Second, ExitCode: code}}})
		}
	}
	return ps, script
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

var lessonPods, lessonScript = pods()

var theLesson = func() lesson.Lesson {
	ps, script := lessonPods, lessonScript
	return lesson.Lesson{
		Title: "The three restart policies, side by side",
		Intro: `
spec.restartPolicy says what the kubelet does when a container exits:
Always restarts it whatever the exit code (the default, and the only policy a
Deployment allows); OnFailure restarts it only when it exited with a code
other than 0; Never restarts nothing. A pod whose containers have all stopped
and will not be restarted reaches a terminal phase: Succeeded if they all
exited 0, Failed otherwise.

Six pods, one container each, exiting after 5 s of every run: with code 0
and with code 1, under each policy.`,
		Options: sim.Options{Script: sim.Script{Containers: script}},
		Pods:    ps,
		For:     time.Minute,
		After:   phases,
		Notice: `
- always-exit0 is restarted although it succeeded: under Always a container
  that exits 0 goes into CrashLoopBackOff too (kubectl shows Completed, then
  CrashLoopBackOff), and the pod stays Running.
- onfailure-exit0 ends Succeeded (Completed); onfailure-exit1 is restarted
  with back-off and stays Running.
- never-exit0 ends Succeeded, never-exit1 Failed (Error): the first exit
  decides.`,
		Next: "restartrules",
	}
}()

// phases writes each pod's phase and restart count at the end of the run.
func phases(w io.Writer, s *sim.Sim) error {
	fmt.Fprintf(w, "At %s:\n\n", sim.Clock(s.Start(), s.Now()))
	for _, lp := range lessonPods {
		p := s.Pod(lp.Pod.Metadata.Name)
		restarts := int32(0)
		for _, c := range p.Status.ContainerStatuses {
			restarts += c.RestartCount
		}
		fmt.Fprintf(w, "  %-16s restartPolicy %-9s  phase %-9s  restarts %d\n", p.Metadata.Name, p.Spec.RestartPolicy, p.Status.Phase, restarts)
	}
	return nil
}
