// Command liveness prints, second by second, how the kubelet's probes
// treat a web server that hangs: the readiness probe makes it Ready, the
// hang makes the readiness probe take it out of service, three failed
// liveness probes get it killed and restarted, and the new container has
// to pass its readiness probe again before the pod is Ready.
//
//	go run ./examples/liveness
//
// The program plays the node: it runs no real probe but decides each
// probe's outcome (the server answers until it hangs at 0:45, and the
// restarted container answers again). podlife decides when probes are due
// and what their outcomes mean, as the kubelet of Kubernetes v1.37 would.
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/podlife/podlife/feature"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "liveness:", err)
		os.Exit(1)
	}
}

func run(out io.Writer) error {
	t0 := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	web := container.Container{
		Name: "web", Image: "nginx:1.27",
		LivenessProbe: &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/healthz", Port: probe.PortNumber(80)},
			PeriodSeconds: 10, FailureThreshold: 3},
		ReadinessProbe: &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/ready", Port: probe.PortNumber(80)},
			PeriodSeconds: 5, FailureThreshold: 1},
	}
	p := pod.Pod{
		Metadata: pod.Meta{Name: "web-0", Namespace: "shop", UID: "51c2"},
		Spec:     pod.Spec{RestartPolicy: restart.Always, Containers: []container.Container{web}},
	}
	if errs := pod.ValidateCreate(&p, feature.Gates{}); len(errs) > 0 {
		return errs
	}
	liveness, err := probe.NewWorker(probe.Liveness, *web.LivenessProbe, t0)
	if err != nil {
		return err
	}
	readiness, err := probe.NewWorker(probe.Readiness, *web.ReadinessProbe, t0)
	if err != nil {
		return err
	}
	facts := pod.NodeFacts{PodHasInitialized: true, Sandboxes: []pod.Sandbox{{Ready: true, IP: "10.244.2.4"}}}
	status := container.Status{Name: "web", Image: web.Image, Started: new(bool)}

	report := func(now time.Time, what string) {
		running := status.State.Running != nil
		*status.Started = probe.ContainerStarted(running, probe.NoProbe)
		status.Ready = probe.ContainerReady(*status.Started, readiness.Result())
		p.Status.ContainerStatuses = []container.Status{status}
		p.Status = pod.KubeletStatus(&p, facts, feature.Gates{}, now)
		fmt.Fprintf(out, "%5s  %-46s phase=%s Ready=%-5s restarts=%d\n",
			clock(now.Sub(t0)), what, p.Status.Phase, p.Status.Condition(pod.Ready).Status, status.RestartCount)
	}
	startContainer := func(now time.Time) error {
		status.State = container.State{Running: &container.Running{StartedAt: now}}
		c := probe.Container{StartedAt: now, Started: true} // no startup probe: started at once
		if _, err := liveness.NewContainer(now, c); err != nil {
			return err
		}
		_, err := readiness.NewContainer(now, c)
		return err
	}

	hangsAt := t0.Add(45 * time.Second)
	healthy := func(at time.Time) bool { return at.Before(hangsAt) || status.RestartCount > 0 }

	now := t0.Add(2 * time.Second)
	if err := startContainer(now); err != nil {
		return err
	}
	report(now, "container started (probes tick from 0:00)")
	for now.Before(t0.Add(2 * time.Minute)) {
		// The next probe due, whichever worker it belongs to.
		w, due := nextProbe(now, &liveness, &readiness)
		if w == nil {
			break
		}
		now = due
		outcome := probe.OutcomeFailure
		if healthy(now) {
			outcome = probe.OutcomeSuccess
		}
		ch, err := w.Observe(now, outcome)
		if err != nil {
			return err
		}
		if !ch.Changed && ch.Kill == "" && outcome == probe.OutcomeSuccess {
			continue // nothing worth a line
		}
		report(now, fmt.Sprintf("%s probe: %s -> %s", w.Kind(), outcome, ch.Result))
		if ch.Kill == "" {
			continue
		}
		// The kubelet kills the container (reason LivenessProbe) and, as the
		// policy allows restarts after a probe kill, starts it again; the
		// first restart is not held back by the crash-loop back-off.
		spec := restart.Spec{PodPolicy: p.Spec.RestartPolicy}
		if !restart.ShouldRestartAfterProbeKill(spec, feature.Gates{}) {
			return fmt.Errorf("the kubelet would not restart the container")
		}
		exit := &container.Terminated{ExitCode: 137, Reason: container.Error, FinishedAt: now}
		status.LastState = container.State{Terminated: exit}
		status.State = container.State{Terminated: exit}
		if _, err := readiness.NotRunning(now, probe.MayRestart); err != nil {
			return err
		}
		report(now, fmt.Sprintf("killed: %s (exit 137)", ch.Kill))
		status.RestartCount++
		if err := startContainer(now); err != nil {
			return err
		}
		report(now, "restarted")
	}
	fmt.Fprintln(out, "\nProbes tick on a schedule anchored at the worker's start, not the container's.")
	fmt.Fprintln(out, "One failed readiness probe (failureThreshold 1) takes the pod out of Ready;")
	fmt.Fprintln(out, "only the third failed liveness probe in a row (failureThreshold 3) kills the container.")
	return nil
}

// nextProbe returns the worker whose probe is due first after now.
func nextProbe(now time.Time, workers ...*probe.Worker) (*probe.Worker, time.Time) {
	var first *probe.Worker
	var at time.Time
	for _, w := range workers {
		due, ok := w.NextDue(now)
		if ok && (first == nil || due.Before(at)) {
			first, at = w, due
		}
	}
	return first, at
}

func clock(d time.Duration) string {
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}
