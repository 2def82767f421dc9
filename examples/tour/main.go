// Command tour is podlife's guided tour: with no arguments, a few screens
// on one pod's life — created, initialized, probed, crashed and restarted,
// deleted — as the kubelet of Kubernetes v1.37 would live it, each step
// explained, ending with the lesson to run next.
//
//	go run ./examples/tour
//	go run ./examples/tour -f pod.yaml [-script s.json] [-for 5m] [-svg out.svg]   # your own pod
//
// The tour is its own module (in the repository's go.work, so the command
// above works from the root): reading YAML needs sigs.k8s.io/yaml, which
// podlife's core module may not require, and the tour reads files with the
// podlife command's reader (github.com/podlife/podlife/cmd/podlife/manifest)
// so that it takes exactly what `podlife simulate` takes: Pods, workloads,
// Lists, several documents.
//
// With -f, the pods run with every container pulled in 2 s, running until
// stopped and passing its probes, unless -script gives a simulator script
// in JSON (sim.LoadScript: nodes, controllers, how containers behave, what
// happens when); -svg draws the run.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/podlife/podlife/cmd/podlife/manifest"
	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/sim"
)

func main() {
	var file, script string
	var span time.Duration
	lesson.MainFunc(func(fs *flag.FlagSet) {
		fs.StringVar(&file, "f", "", "run your own pod from this manifest (YAML or JSON; - for standard input)")
		fs.DurationVar(&span, "for", 5*time.Minute, "with -f: how long to run it")
		fs.StringVar(&script, "script", "", "with -f: a simulator script in JSON (go doc github.com/podlife/podlife/sim LoadScript)")
	}, func() (*lesson.Lesson, error) {
		if file == "" {
			if script != "" {
				return nil, fmt.Errorf("-script %s: give the pods with -f too", script)
			}
			return &theTour, nil
		}
		l, err := yourPod(file, os.Stdin, span)
		if err != nil || script == "" {
			return l, err
		}
		return withScript(l, script)
	})
}

// start is the tour's time 0, and the time a CronJob's job is made for.
var start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

var theTour = lesson.Lesson{
	Title: "podlife: a guided tour of one pod's life",
	Intro: `
podlife models what Kubernetes v1.37 does with a pod: the kubelet's decisions
(when to start, probe, restart and kill each container), the status it
reports (phase, conditions, container states) and what kubectl prints. It
never talks to a cluster: everything below is computed on a virtual clock,
the same way every time, by the same code the tests check against upstream's
answers.

The pod of this tour, "shop-7d4b9" in namespace "shop", as a Deployment would
make it:

  initContainers: migrate (runs the database migrations, 4 s),
                  log-agent (a sidecar: restartPolicy Always)
  containers:     web, with a readiness probe every 5 s
                  and a liveness probe every 10 s (failureThreshold 3)

What happens to it: its images (39 to 71 MB) take 2 s each to pull, one
after the other; web crashes with exit code 1 at 0:40 of its first run and is
restarted; at 2:00 the pod is deleted (kubectl delete pod), and web needs 3 s
to stop on SIGTERM.

Read the timeline as kubectl get pods -w would print it, with the cause of
each line; then the events, as kubectl describe pod ends; then why the pod
was in its state at two moments, rule by rule, each rule with the upstream
function it restates.`,
	Options: sim.Options{SandboxDelay: time.Second, Start: start, Script: sim.Script{
		Containers: []sim.ContainerScript{
			{Container: "migrate", Pull: sim.Pull{Duration: 2 * time.Second, Size: 48_213_504}, Runs: []sim.Run{{For: 4 * time.Second}}},
			{Container: "web", Pull: sim.Pull{Duration: 2 * time.Second, Size: 71_303_168}, StopDelay: 3 * time.Second,
				Runs: []sim.Run{{Attempt: 1, For: 40 * time.Second, ExitCode: 1}, {Forever: true}},
				Probes: []sim.ProbeAnswer{{Probe: probe.Readiness, Until: 8 * time.Second, Outcome: probe.OutcomeFailure,
					Output: "HTTP probe failed with statuscode: 503"}}},
			{Container: "log-agent", Pull: sim.Pull{Duration: 2 * time.Second, Size: 38_797_312}},
		},
		Happenings: []sim.Happening{{At: 2 * time.Minute, Kind: sim.Delete, Pod: "shop-7d4b9"}},
	}},
	Pods: []lesson.Pod{{Pod: lesson.MustPod(`{"metadata": {"name": "shop-7d4b9", "namespace": "shop", "labels": {"app": "shop"}},
		"spec": {
		 "initContainers": [
		  {"name": "migrate", "image": "ghcr.io/example/shop-migrate:v12"},
		  {"name": "log-agent", "image": "fluent/fluent-bit:3.2", "restartPolicy": "Always"}],
		 "containers": [{"name": "web", "image": "ghcr.io/example/shop:v12", "ports": [{"containerPort": 8080}],
		  "readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}, "periodSeconds": 5},
		  "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}, "periodSeconds": 10}}]}}`)}},
	For: 3 * time.Minute,
	Explain: []lesson.Moment{
		{At: 10 * time.Second, Pod: "shop-7d4b9", Question: "migrate is done and log-agent runs: why is the pod still Pending?"},
		{At: 55 * time.Second, Pod: "shop-7d4b9", Question: "web has crashed and been restarted: why is the pod Running, and not Ready?"},
	},
	Notice: `
- 0:00–0:11: Pending. Init:0/2 while migrate is pulled and runs; then the
  sidecar log-agent starts and stays; only then is web created
  (PodInitializing). A pod is Pending until all its containers have started
  once.
- 0:11: Running, but READY counts web only from 0:21, when its readiness
  probe passes; the sidecar log-agent counts in READY too (2/2).
- 0:51: web exits with 1; the first restart is immediate and RESTARTS becomes
  1. A second crash would wait 10 s in CrashLoopBackOff, then 20 s, 40 s...
  The phase stays Running: a container that will be restarted does not fail
  the pod.
- 2:00: deleted. STATUS Terminating; web gets SIGTERM and exits with 143 3 s
  later; the sidecar is stopped after it, last; then the pod is removed.

Try it on your own pod:

  go run ./examples/tour -f your-pod.yaml
  go run ./cmd/podlife explain your-pod.yaml      (why is my pod in this state?)
  go run ./cmd/podlife validate your-pod.yaml     (what would the apiserver reject?)

The lessons, one topic each (go run ./examples/NAME): lifecycle,
initcontainers, sidecars, probes, crashloop, restartpolicies, restartrules,
termination, activedeadline, eviction, nodeloss, templatechange, debug,
staticpods, shared. Each takes -svg FILE to draw its run.`,
	Next: "lifecycle",
}

// withScript runs l with the simulator script in file: its behaviour
// first, then the default answers for the containers it leaves out.
func withScript(l *lesson.Lesson, file string) (*lesson.Lesson, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc, err := sim.LoadScript(file, f)
	if err != nil {
		return nil, err
	}
	sc.Containers = append(sc.Containers, l.Options.Script.Containers...)
	l.Options.Script = sc
	l.Intro += "\n\nThe script " + file + " says how the containers behave and what happens."
	l.Notice = "This ran your pods with the script's answers; a container it does not script pulls in 2 s,\nruns until it is stopped and passes its probes."
	return l, nil
}

// yourPod is the tour of the pods in file ("-": in): their life with the
// default answers of the simulator, and why the first pod is in its state
// at the end.
func yourPod(file string, in io.Reader, span time.Duration) (*lesson.Lesson, error) {
	var pods []manifest.Pod
	var err error
	if file == "-" {
		pods, err = manifest.Read(in, "-", start)
	} else {
		f, oerr := os.Open(file)
		if oerr != nil {
			return nil, oerr
		}
		defer f.Close()
		pods, err = manifest.Read(f, file, start)
	}
	if err != nil {
		return nil, err
	}
	l := &lesson.Lesson{
		Title: "Your pod: " + file,
		Options: sim.Options{SandboxDelay: time.Second, Start: start, Script: sim.Script{
			Containers: []sim.ContainerScript{{Pull: sim.Pull{Duration: 2 * time.Second}}}}},
		For: span,
		Notice: `
This ran your pods with made-up answers: every image pulls in 2 s, every
container runs until it is stopped and passes its probes. To make a container
exit, use the podlife command: go run ./cmd/podlife simulate -exit NAME=CODE@10s FILE.`,
		Next: "lifecycle",
	}
	intro := fmt.Sprintf("The pods of %s, created at 0:00 (any status in the file is left out: each pod starts its\n"+
		"life over) and bound to their spec.nodeName, or to node-1 unless a script gives nodes, run for %v.\n", file, span)
	for _, p := range pods {
		intro += fmt.Sprintf("\n  pod %s/%s from %s", p.Pod.Metadata.Namespace, p.Pod.Metadata.Name, p.Where())
		for _, n := range p.Notes {
			intro += "\n    filled in: " + n
		}
		l.Pods = append(l.Pods, lesson.Pod{Pod: p.Pod})
	}
	l.Intro = intro
	first := pods[0].Pod
	l.Explain = []lesson.Moment{{At: span, Pod: first.Metadata.Namespace + "/" + first.Metadata.Name,
		Question: "why is " + first.Metadata.Name + " in this state?"}}
	return l, nil
}
