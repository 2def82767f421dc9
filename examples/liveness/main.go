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
	"strings"
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

	// The container's life as the kubelet keeps it; its API status is
	// written from it by the kubelet's own conversion.
	var life container.Record
	var moveErr error // the first refused move, if the program made one
	apply := func(m container.Move) {
		if err := life.Apply("web", m); err != nil && moveErr == nil {
			moveErr = err
		}
	}
	var rt pod.RuntimeStatus
	var statuses pod.StatusBuffer
	report := func(now time.Time, what string) {
		rt.Records = life.AppendRuntimeRecords(rt.Records[:0], p.Metadata.UID, "web", web.Image)
		p.Status.ContainerStatuses = pod.ContainerStatuses(&statuses, &p, &rt, container.Regular, feature.Gates{})
		s := &p.Status.ContainerStatuses[0]
		started, ready := life.Started(), life.Ready()
		s.Started, s.Ready = &started, ready
		pod.UpdateKubeletStatus(&p, facts, feature.Gates{}, now)
		fmt.Fprintf(out, "%5s  %-52s phase=%s Ready=%-5s restarts=%d\n",
			clock(now.Sub(t0)), what, p.Status.Phase, p.Status.Condition(pod.Ready).Status, s.RestartCount)
	}
	// probeResults applies the workers' results to the container, as the
	// prober manager does (pkg/kubelet/prober/prober_manager.go
	// UpdatePodStatus; no startup probe: started as soon as it runs).
	probeResults := func(now time.Time) {
		if life.State() != restart.StateRunning {
			return
		}
		started := probe.ContainerStarted(true, probe.NoProbe)
		apply(container.Probe(now, started, probe.ContainerReady(started, readiness.Result())))
	}
	startContainer := func(now time.Time) error {
		apply(container.Create(now))
		apply(container.Start(now))
		probeResults(now)
		c := probe.Container{StartedAt: now, Started: true}
		if _, err := liveness.NewContainer(now, c); err != nil {
			return err
		}
		_, err := readiness.NewContainer(now, c)
		return err
	}

	hangsAt := t0.Add(45 * time.Second)
	healthy := func(at time.Time) bool { return at.Before(hangsAt) || life.RestartCount() > 0 }

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
		probeResults(now)
		report(now, describeProbe(w, outcome, ch))
		if ch.Kill == "" {
			continue
		}
		// The kubelet kills the container (reason LivenessProbe): the
		// runtime sends SIGTERM, the server exits a second later, and as the
		// policy allows restarts after a probe kill the next sync starts it
		// again; the first restart is not held back by the crash-loop
		// back-off.
		spec := p.Spec.Containers[0].RestartSpec(p.Spec.RestartPolicy, container.Regular)
		if !restart.ShouldRestartAfterProbeKill(spec, feature.Gates{}) {
			return fmt.Errorf("the kubelet would not restart the container")
		}
		report(now, fmt.Sprintf("killing: %s, SIGTERM", ch.Kill))
		now = now.Add(time.Second)
		apply(container.Exit(now, 143, 15, container.Error))
		if _, err := readiness.NotRunning(now, probe.MayRestart); err != nil {
			return err
		}
		report(now, "exited with 143 (128 + SIGTERM)")
		if err := startContainer(now); err != nil {
			return err
		}
		report(now, "restarted")
	}
	if moveErr != nil {
		return moveErr
	}
	fmt.Fprintln(out, "\nProbes tick on a schedule anchored at the worker's start, not the container's.")
	fmt.Fprintln(out, "One failed readiness probe (failureThreshold 1) takes the pod out of Ready;")
	fmt.Fprintln(out, "only the third failed liveness probe in a row (failureThreshold 3) kills the container.")
	return nil
}

// describeProbe says what one probe did: how far a run of equal outcomes
// has come towards its threshold, the result it published, or the kill.
func describeProbe(w *probe.Worker, o probe.Outcome, ch probe.Change) string {
	kind, outcome := strings.ToLower(string(w.Kind())), strings.ToLower(string(o))
	threshold, failures := w.Thresholds()
	if o == probe.OutcomeFailure {
		threshold = failures
	}
	_, n := w.Streak()
	switch {
	case ch.Kill != "":
		return fmt.Sprintf("%s probe: %s %d/%d, kill", kind, outcome, threshold, threshold)
	case ch.Changed:
		return fmt.Sprintf("%s probe: %s %d/%d, now %s", kind, outcome, threshold, threshold, w.Result())
	case n < threshold:
		return fmt.Sprintf("%s probe: %s %d/%d, still %s", kind, outcome, n, threshold, w.Result())
	}
	return fmt.Sprintf("%s probe: %s, still %s", kind, outcome, w.Result())
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
