// Command crashloop prints, step by step, what the kubelet does with a
// container that keeps crashing: the immediate first restart, the
// CrashLoopBackOff waits of 10 s, 20 s, 40 s ... up to 5 minutes, the pod
// staying Running all along, and the back-off starting over once the
// container has run for more than 10 minutes.
//
//	go run ./examples/crashloop
//
// The program plays the container runtime and the clock: it decides how
// long each run lasts and feeds the exits to podlife, which answers as the
// kubelet of Kubernetes v1.37 would.
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
		fmt.Fprintln(os.Stderr, "crashloop:", err)
		os.Exit(1)
	}
}

// runs lists how long each run of the container lasts before it exits
// with code 1. The seventh run lasts long enough (over 10 minutes) to reset
// the back-off.
var runs = []time.Duration{
	3 * time.Second, 3 * time.Second, 3 * time.Second, 3 * time.Second,
	3 * time.Second, 3 * time.Second, 11 * time.Minute, 3 * time.Second, 3 * time.Second,
}

func run(out io.Writer) error {
	start := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	p := pod.Pod{
		Metadata: pod.Meta{Name: "worker-5d8f", Namespace: "jobs", UID: "9b1e"},
		Spec: pod.Spec{
			RestartPolicy: restart.Always,
			Containers:    []container.Container{{Name: "worker", Image: "ghcr.io/example/worker:v1"}},
		},
	}
	if errs := pod.ValidateCreate(&p, feature.Gates{}); len(errs) > 0 {
		return errs
	}
	names := restart.Key{PodName: p.Metadata.Name, PodNamespace: p.Metadata.Namespace, PodUID: p.Metadata.UID,
		Container: "worker", Image: p.Spec.Containers[0].Image}
	key := names.CrashLoop()             // hashed once, as the kubelet's GetBackoffKey
	var limits restart.CrashLoopLimits   // v1.37 defaults: 10 s doubling to 5 min
	var backoff restart.CrashLoopBackoff // one record per container
	facts := pod.NodeFacts{PodHasInitialized: true, Sandboxes: []pod.Sandbox{{Ready: true, IP: "10.244.1.9"}}}

	status := container.Status{Name: "worker", Image: names.Image, Started: new(bool)}
	report := func(now time.Time, what string) {
		p.Status.ContainerStatuses = []container.Status{status}
		p.Status = pod.KubeletStatus(&p, facts, feature.Gates{}, now)
		ready := p.Status.Condition(pod.Ready)
		fmt.Fprintf(out, "%8s  %-44s phase=%-7s ready=%-5s restarts=%d  %s\n",
			clock(now.Sub(start)), what, p.Status.Phase, ready.Status, status.RestartCount, stateOf(&status))
	}
	// Without startup and readiness probes a running container is started
	// and ready at once (pkg/kubelet/prober/prober_manager.go).
	setProbeFlags := func() {
		running := status.State.Running != nil
		*status.Started = probe.ContainerStarted(running, probe.NoProbe)
		status.Ready = probe.ContainerReady(*status.Started, probe.NoProbe)
	}
	startContainer := func(now time.Time) {
		status.State = container.State{Running: &container.Running{StartedAt: now}}
		setProbeFlags()
	}

	now := start
	startContainer(now)
	report(now, "container started")
	for i, d := range runs {
		startedAt := now
		now = now.Add(d)
		exit := &container.Terminated{ExitCode: 1, Reason: container.Error, StartedAt: startedAt, FinishedAt: now}
		status.State = container.State{Terminated: exit}
		setProbeFlags()
		report(now, fmt.Sprintf("exited with 1 after %v", d))
		if i == len(runs)-1 {
			break
		}

		// The kubelet's sync: restart it? (pod policy Always: yes) and may
		// it start now, or is it in back-off?
		spec := restart.Spec{PodPolicy: p.Spec.RestartPolicy}
		if !restart.ShouldContainerBeRestarted(spec, restart.Exited(exit.ExitCode), p.Metadata.IsDeleting(), feature.Gates{}) {
			return fmt.Errorf("the kubelet would not restart the container")
		}
		d := backoff.TryStart(limits, key, exit.FinishedAt, now)
		if d.InBackOff {
			status.LastState = container.State{Terminated: exit}
			status.State = container.State{Waiting: &container.Waiting{
				Reason: container.WaitingReason(d.Reason()), Message: d.Message(names)}}
			report(now, fmt.Sprintf("back-off %v: next start at %s", d.Delay, clock(d.RetryAt.Sub(start))))
			now = d.RetryAt
			if d = backoff.TryStart(limits, key, exit.FinishedAt, now); d.InBackOff {
				return fmt.Errorf("still in back-off at %v", now)
			}
		}
		status.LastState = container.State{Terminated: exit}
		status.RestartCount++
		startContainer(now)
		report(now, "restarted")
	}
	fmt.Fprintln(out, "\nThe first restart is immediate; each later one waits twice as long, up to 5m0s.")
	fmt.Fprintln(out, "A run longer than 10 minutes resets the back-off: the next restart is immediate again.")
	fmt.Fprintln(out, "All along the phase stays Running: a container waiting to be restarted counts as stopped, not pending.")
	return nil
}

func clock(d time.Duration) string {
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

func stateOf(s *container.Status) string {
	switch {
	case s.State.Running != nil:
		return "Running"
	case s.State.Waiting != nil:
		return string(s.State.Waiting.Reason)
	case s.State.Terminated != nil:
		return string(s.State.Terminated.Reason)
	}
	return "?"
}
