// Command probes is the lesson on startup, liveness and readiness probes:
// what each one's failure does, and that a probe's result changes only
// after failureThreshold failures in a row.
//
//	go run ./examples/probes
package main

import (
	"fmt"
	"io"
	"time"

	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

// apiPod probes readiness and liveness; its liveness probe starts failing
// livenessHangs into its first run.
var apiPod = lesson.MustPod(`{"metadata": {"name": "api", "namespace": "default"},
	"spec": {"containers": [{"name": "api", "image": "ghcr.io/example/api:v4",
	 "readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}, "periodSeconds": 5},
	 "livenessProbe":  {"httpGet": {"path": "/healthz", "port": 8080}, "periodSeconds": 5, "failureThreshold": 3}}]}}`)

const livenessHangs = 50 * time.Second

var theLesson = lesson.Lesson{
	Title: "Startup, liveness and readiness probes",
	Intro: `
The kubelet probes each container on its own clock (periodSeconds). A probe's
result changes only after failureThreshold failures in a row (successThreshold
successes for readiness): one failure out of three changes nothing.

- startupProbe: until it succeeds the container is not "started", and its
  liveness and readiness probes wait. Failing it failureThreshold times in a
  row kills the container.
- livenessProbe: failing it failureThreshold times in a row kills the
  container, which is then restarted as its restart policy says.
- readinessProbe: failing it only takes the container out of Ready (and the
  pod out of its Services' endpoints); nothing is restarted.

Pod "api": a readiness probe every 5 s that fails between 0:20 and 0:35 of
the first run, and a liveness probe every 5 s that fails from 0:50 of the
first run on. Pod "slow": a startup probe every 2 s (failureThreshold 10)
that fails for the first 15 s while the app warms up.`,
	Options: sim.Options{SandboxDelay: time.Second, Script: sim.Script{Containers: []sim.ContainerScript{
		{Pod: "api", Container: "api", Probes: []sim.ProbeAnswer{
			{Probe: probe.Readiness, Attempt: 1, From: 20 * time.Second, Until: 35 * time.Second, Outcome: probe.OutcomeFailure,
				Output: "HTTP probe failed with statuscode: 503"},
			{Probe: probe.Liveness, Attempt: 1, From: livenessHangs, Outcome: probe.OutcomeFailure,
				Output: "HTTP probe failed with statuscode: 500"},
		}},
		{Pod: "slow", Container: "app", Probes: []sim.ProbeAnswer{
			{Probe: probe.Startup, Until: 15 * time.Second, Outcome: probe.OutcomeFailure,
				Output: "HTTP probe failed with statuscode: 503"},
		}},
	}}},
	Pods: []lesson.Pod{
		{Pod: apiPod},
		{Pod: lesson.MustPod(`{"metadata": {"name": "slow", "namespace": "default"},
			"spec": {"containers": [{"name": "app", "image": "ghcr.io/example/legacy:v1",
			 "startupProbe":  {"httpGet": {"path": "/healthz", "port": 8080}, "periodSeconds": 2, "failureThreshold": 10},
			 "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}, "periodSeconds": 10}}]}}`)},
	},
	For: 2 * time.Minute,
	Explain: []lesson.Moment{
		{At: 30 * time.Second, Pod: "api", Question: "the readiness probe fails: why is api Running but not Ready?"},
	},
	After: livenessCount,
	Notice: `
- slow runs but shows READY 0/1 until its startup probe passes: started is
  false, and its liveness probe waits meanwhile, so a slow start is not
  mistaken for a hang.
- api's readiness failures take READY to 0/1 and back: no restart.
- api's liveness probe fails at every period from 0:50 of its run, but the
  kill comes at the third failure in a row only (failureThreshold 3); the
  container is then restarted, and its second run passes every probe.`,
	Next: "crashloop",
}

// livenessCount replays api's first liveness probes on a probe.Worker of
// their own — the worker pod.Machine runs for the probe — to show what the
// timeline cannot: the count of failures in a row against
// failureThreshold. The container's start is read from the Sim's events,
// the outcomes are the script's.
func livenessCount(w io.Writer, s *sim.Sim) error {
	var started time.Time
	for _, c := range s.Changes() {
		if c.Pod == "default/api" && c.Kind == sim.EventRecorded && c.Record.Reason == "Started" {
			started = c.Record.At
			break
		}
	}
	spec := apiPod.Spec.Containers[0].LivenessProbe
	lw, err := probe.NewWorker(probe.Liveness, *spec, started)
	if err != nil {
		return err
	}
	// No startup probe: the container counts as started at once.
	if _, err := lw.NewContainer(started, probe.Container{StartedAt: started, Started: true}); err != nil {
		return err
	}
	_, threshold := lw.Thresholds()
	fmt.Fprintf(w, "api's liveness probe in its first run, replayed on a probe.Worker (failureThreshold %d)\n\n", threshold)
	hangs := started.Add(livenessHangs)
	for now := started; ; {
		due, ok := lw.NextDue(now)
		if !ok {
			return fmt.Errorf("the liveness worker stopped before the kill")
		}
		outcome := probe.OutcomeSuccess
		if !due.Before(hangs) {
			outcome = probe.OutcomeFailure
		}
		ch, err := lw.Observe(due, outcome)
		if err != nil {
			return err
		}
		now = due
		if due.Before(hangs.Add(-10 * time.Second)) {
			continue // the long run of successes before
		}
		_, n := lw.Streak()
		count := "no failure in a row"
		switch {
		case ch.Kill != "":
			// The worker counts afresh once it has asked for the kill.
			count = fmt.Sprintf("failure %d/%d", threshold, threshold)
		case outcome == probe.OutcomeFailure:
			count = fmt.Sprintf("failure %d/%d", n, threshold)
		}
		line := fmt.Sprintf("  %s  probe %-7s  %-19s  result %s", sim.Clock(s.Start(), due), outcome, count, ch.Result)
		if ch.Kill != "" {
			fmt.Fprintln(w, line+"  -> the kubelet kills the container")
			return nil
		}
		fmt.Fprintln(w, line)
	}
}
