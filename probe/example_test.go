package probe_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/podlife/podlife/field"
	"github.com/podlife/podlife/probe"
)

// A readiness probe on a container that needs about ten seconds to warm up.
// The worker starts with the pod at t=0 and ticks every 5 s from there; the
// container starts at t=2 s, so with initialDelaySeconds 5 the ticks at 0
// and 5 s are skipped and the first probe runs at 10 s. Two successes in a
// row (successThreshold 2) make the container ready.
func ExampleWorker_readiness() {
	t0 := time.Unix(0, 0).UTC() // a virtual clock
	w, err := probe.NewWorker(probe.Readiness, probe.Probe{
		HTTPGet:             &probe.HTTPGetAction{Path: "/ready", Port: probe.PortNumber(8080)},
		InitialDelaySeconds: 5,
		PeriodSeconds:       5,
		SuccessThreshold:    2,
	}, t0)
	if err != nil {
		panic(err)
	}
	// No startup probe, so the container counts as started at once.
	started := t0.Add(2 * time.Second)
	if _, err := w.NewContainer(started, probe.Container{StartedAt: started, Started: true}); err != nil {
		panic(err)
	}

	warm := t0.Add(12 * time.Second) // the app answers from here on
	now := started
	for !probe.ContainerReady(true, w.Result()) {
		due, ok := w.NextDue(now)
		if !ok {
			break
		}
		outcome := probe.OutcomeFailure
		if !due.Before(warm) {
			outcome = probe.OutcomeSuccess
		}
		ch, err := w.Observe(due, outcome)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%4v %-7s -> %s\n", due.Sub(t0), outcome, ch.Result)
		now = due
	}
	fmt.Println("ready:", probe.ContainerReady(true, w.Result()))
	// Output:
	//  10s Failure -> Failure
	//  15s Success -> Failure
	//  20s Success -> Success
	// ready: true
}

// A liveness probe (period 10 s, failureThreshold 3) on a container that
// hangs at t=45 s. The probes at 50, 60 and 70 s fail and the third one
// asks for the kill; the worker then holds until the restarted container
// (a new container ID) appears.
func ExampleWorker_livenessKill() {
	t0 := time.Unix(0, 0).UTC()
	w, err := probe.NewWorker(probe.Liveness, probe.Probe{
		TCPSocket:     &probe.TCPSocketAction{Port: probe.PortNumber(5432)},
		PeriodSeconds: 10,
	}, t0)
	if err != nil {
		panic(err)
	}
	if _, err := w.NewContainer(t0, probe.Container{StartedAt: t0, Started: true}); err != nil {
		panic(err)
	}

	hang := t0.Add(45 * time.Second)
	now := t0
	for {
		due, ok := w.NextDue(now)
		if !ok {
			fmt.Printf("nothing due (on hold: %v)\n", w.OnHold())
			break
		}
		outcome := probe.OutcomeSuccess
		if !due.Before(hang) {
			outcome = probe.OutcomeTimeout
		}
		ch, err := w.Observe(due, outcome)
		if err != nil {
			panic(err)
		}
		if due.Sub(t0) >= 40*time.Second {
			fmt.Printf("t=%.0fs %s -> %s", due.Sub(t0).Seconds(), outcome, ch.Result)
			if ch.Kill != "" {
				fmt.Printf(", kill (reason %s)", ch.Kill)
			}
			fmt.Println()
		}
		now = due
	}

	// The kubelet kills and restarts the container at 72 s.
	restarted := t0.Add(72 * time.Second)
	ch, _ := w.NewContainer(restarted, probe.Container{StartedAt: restarted, Started: true})
	due, _ := w.NextDue(restarted)
	fmt.Printf("new container: result %s, next probe at t=%.0fs\n", ch.Result, due.Sub(t0).Seconds())
	// Output:
	// t=40s Success -> Success
	// t=50s Timeout -> Success
	// t=60s Timeout -> Success
	// t=70s Timeout -> Failure, kill (reason LivenessProbe)
	// nothing due (on hold: true)
	// new container: result Success, next probe at t=80s
}

// A startup probe gates the liveness probe: liveness ticks are skipped until
// the startup result is Success, which the embedder passes on with
// SetStarted.
func ExampleWorker_startupGatesLiveness() {
	t0 := time.Unix(0, 0).UTC()
	exec := &probe.ExecAction{Command: []string{"cat", "/tmp/healthy"}}
	startup, _ := probe.NewWorker(probe.Startup, probe.Probe{Exec: exec, PeriodSeconds: 10, FailureThreshold: 30}, t0)
	liveness, _ := probe.NewWorker(probe.Liveness, probe.Probe{Exec: exec, PeriodSeconds: 10}, t0)
	c := probe.Container{StartedAt: t0} // Started: false — a startup probe must pass first
	startup.NewContainer(t0, c)
	liveness.NewContainer(t0, c)

	_, ok := liveness.NextDue(t0)
	fmt.Println("liveness due before start:", ok, "-", liveness.Skip(t0))

	for _, o := range []probe.Outcome{probe.OutcomeFailure, probe.OutcomeFailure, probe.OutcomeSuccess} {
		due, _ := startup.NextDue(t0)
		ch, _ := startup.Observe(due, o)
		fmt.Printf("startup %v %s -> %s\n", due.Sub(t0), o, ch.Result)
		if probe.ContainerStarted(true, ch.Result) {
			liveness.SetStarted(due)
		}
	}
	due, ok := liveness.NextDue(t0.Add(20 * time.Second))
	fmt.Println("liveness next due:", due.Sub(t0), ok)
	// Output:
	// liveness due before start: false - NotStarted
	// startup 0s Failure -> Unknown
	// startup 10s Failure -> Unknown
	// startup 20s Success -> Success
	// liveness next due: 20s true
}

// ContainerReady is the kubelet's status.ready for a container: without a
// readiness probe (NoProbe) a started container is ready at once.
func ExampleContainerReady() {
	fmt.Println(probe.ContainerReady(true, probe.NoProbe))
	fmt.Println(probe.ContainerReady(true, probe.Failure))
	fmt.Println(probe.ContainerReady(false, probe.NoProbe))
	// Output:
	// true
	// false
	// false
}

// NewWorker validates the spec as the apiserver validates a container's
// probe, and its error holds the field errors, each naming the field and
// the value.
func ExampleNewWorker_invalidSpec() {
	_, err := probe.NewWorker(probe.Liveness, probe.Probe{
		TCPSocket:        &probe.TCPSocketAction{Port: probe.PortName("web_port")},
		PeriodSeconds:    -5,
		SuccessThreshold: 2,
	}, time.Unix(0, 0))
	var se *probe.SpecError
	if errors.As(err, &se) {
		for _, fe := range se.Errors {
			fmt.Println(fe)
		}
	}
	// Output:
	// livenessProbe.tcpSocket.port: Invalid value: "web_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)
	// livenessProbe.periodSeconds: Invalid value: -5: must be greater than or equal to 0
	// livenessProbe.successThreshold: Invalid value: 2: must be 1
}

// Probe.AppendErrors reports at any path, into a caller's buffer: this is
// how pod.ValidateCreate validates every probe of a pod.
func ExampleProbe_AppendErrors() {
	spec := field.NewPath("spec")
	cs := spec.Child("containers")
	c0 := cs.Index(0)
	rp := c0.Child("readinessProbe")
	p := probe.Probe{Exec: &probe.ExecAction{}, HTTPGet: &probe.HTTPGetAction{Path: "/", Port: probe.PortNumber(80)}}
	d := p.Defaulted()
	for _, fe := range d.AppendErrors(nil, probe.Readiness, &rp) {
		fmt.Println(fe)
	}
	// Output:
	// spec.containers[0].readinessProbe.exec.command: Required value
	// spec.containers[0].readinessProbe.httpGet: Forbidden: may not specify more than 1 handler type
}

// A port decodes as the apiserver's IntOrString does: a JSON string is a
// name, anything else must be an int32.
func ExamplePort_UnmarshalJSON() {
	var p probe.Probe
	err := json.Unmarshal([]byte(`{"httpGet":{"path":"/","port":80.5}}`), &p)
	var pe *probe.PortError
	fmt.Println(errors.As(err, &pe), err)
	// Output:
	// true probe: port: invalid value 80.5: must be an integer (int32) or a string
}
