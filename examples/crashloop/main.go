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

	// The container's life as the kubelet keeps it; its API status is
	// written from it by the kubelet's own conversion.
	var life container.Record
	var rt pod.RuntimeStatus
	var statuses pod.StatusBuffer
	report := func(now time.Time, what string) {
		rt.Records = life.AppendRuntimeRecords(rt.Records[:0], p.Metadata.UID, "worker", names.Image)
		rt.FailedStarts = rt.FailedStarts[:0]
		if fs, ok := life.FailedStart("worker", names.PodDescription()); ok {
			rt.FailedStarts = append(rt.FailedStarts, fs)
		}
		p.Status.ContainerStatuses = pod.ContainerStatuses(&statuses, &p, &rt, container.Regular, feature.Gates{})
		// The prober manager sets started and ready afterwards
		// (pkg/kubelet/prober/prober_manager.go UpdatePodStatus).
		s := &p.Status.ContainerStatuses[0]
		started, ready := life.Started(), life.Ready()
		s.Started, s.Ready = &started, ready
		pod.UpdateKubeletStatus(&p, facts, feature.Gates{}, now)
		fmt.Fprintf(out, "%8s  %-44s phase=%-7s ready=%-5s restarts=%d  %s\n",
			clock(now.Sub(start)), what, p.Status.Phase, p.Status.Condition(pod.Ready).Status, s.RestartCount, stateOf(s))
	}
	var moveErr error // the first refused move, if the program made one
	apply := func(m container.Move) {
		if err := life.Apply("worker", m); err != nil && moveErr == nil {
			moveErr = err
		}
	}
	// Without startup and readiness probes a running container is started
	// and ready at once (pkg/kubelet/prober/prober_manager.go).
	startContainer := func(now time.Time) {
		apply(container.Create(now))
		apply(container.Start(now))
		started := probe.ContainerStarted(true, probe.NoProbe)
		apply(container.Probe(now, started, probe.ContainerReady(started, probe.NoProbe)))
	}

	now := start
	startContainer(now)
	report(now, "container started")
	for i, d := range runs {
		now = now.Add(d)
		apply(container.Exit(now, 1, 0, container.Error))
		report(now, fmt.Sprintf("exited with 1 after %v", d))
		if i == len(runs)-1 {
			break
		}

		// The kubelet's sync: restart it? (pod policy Always: yes) and may
		// it start now, or is it in back-off?
		spec := p.Spec.Containers[0].RestartSpec(p.Spec.RestartPolicy, container.Regular)
		if !restart.ShouldContainerBeRestarted(spec, life.Restart(), p.Metadata.IsDeleting(), feature.Gates{}) {
			return fmt.Errorf("the kubelet would not restart the container")
		}
		_, finishedAt, _ := life.LastExit()
		dec := backoff.TryStart(limits, key, finishedAt, now)
		if dec.InBackOff {
			apply(container.FailStart(now, container.CrashLoopBackOff, dec.Delay))
			report(now, fmt.Sprintf("back-off %v: next start at %s", dec.Delay, clock(dec.RetryAt.Sub(start))))
			now = dec.RetryAt
			if dec = backoff.TryStart(limits, key, finishedAt, now); dec.InBackOff {
				return fmt.Errorf("still in back-off at %v", now)
			}
		}
		startContainer(now)
		report(now, "restarted")
	}
	if moveErr != nil {
		return moveErr
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
