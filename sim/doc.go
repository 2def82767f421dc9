// Package sim is a deterministic simulator of Kubernetes pods on a virtual
// clock: each pod lives in its own pod.Machine (the kubelet's lifecycle of
// one pod), and the Sim plays everything around the machines — the
// container runtime, the probes' endpoints, the hooks, the user deleting
// pods, the eviction manager, a node going silent — from a typed Script.
//
//	s, err := sim.New(sim.Options{SandboxDelay: time.Second, Script: sim.Script{
//		Containers: []sim.ContainerScript{{Container: "app",
//			Pull: sim.Pull{Duration: 2 * time.Second},
//			Runs: []sim.Run{{For: 5 * time.Second, ExitCode: 1}}}}, // crash-loops
//		Happenings: []sim.Happening{{At: time.Minute, Kind: sim.Delete, Pod: "web"}},
//	}})
//	if err != nil { ... }                 // a *ScriptError: where, what, what is allowed
//	err = s.AddPod(webPod, 0)             // created at time 0, bound to "node-1"
//	err = s.RunUntil(s.Start().Add(5 * time.Minute)) // or Step, or Run
//	s.WriteWatch(os.Stdout)               // kubectl get pods -w, with the cause of each line
//	s.WriteEvents(os.Stdout)              // kubectl describe pod's events
//	s.WriteJSON(os.Stdout)                // one JSON object per change, for programs
//
// # The clock and the queue
//
// The Sim owns one event queue ordered by time; events due at the same
// time are delivered in the order they were queued (a sequence number),
// so pods added at the same time are created in the order they were
// added, and a happening queued by New comes before the answers queued
// later for the same instant. Step delivers one event; RunUntil(t) every
// event due by t; Run all of them, at most Options.MaxEvents. Nothing
// reads the wall clock, no goroutine is started, and the only randomness
// is the optional jitter, drawn from a PCG source the Sim owns and seeds
// with Options.Seed: the same Script, Options and seed give the same run,
// bit for bit.
//
// # What the Sim does with each action (the embedder's duties of pod.Machine)
//
//  1. CreateSandbox: SandboxReady after Options.SandboxDelay, with a pod IP
//     from 10.244.0.0/16 (none for hostNetwork pods).
//  2. PullImage: ImagePulled, or ImagePullFailed for the attempts
//     Pull.FailAttempts lists, after Pull.Duration.
//  3. CreateContainer, StartContainer: ContainerCreated and
//     ContainerStarted after CreateDelay and StartDelay; the run's end is
//     queued then, from Runs (exit code and reason, by attempt).
//  4. RunHook: HookFinished after the hook's Duration, failing with Fail;
//     a preStop hook is cut at the grace.
//  5. RunProbe: a ProbeResult at the probe's time, from Probes (by
//     attempt and by time since the container started).
//  6. KillContainer: the run's scripted end is dropped; the container
//     exits with 143 (SIGTERM) after StopDelay, or with 137 (SIGKILL) at
//     the grace when it ignores SIGTERM or would take longer.
//  7. KillSandbox needs nothing; RemovePod removes the pod (PodRemoved).
//  8. Output.Wake: a TimePassed event at that time.
//
// An answer the machine no longer waits for (the exit of a container
// killed since, a pull of a pod that started terminating) is refused by
// the machine and changes nothing; Stats.Stale counts them.
//
// # Timelines
//
// Every visible change of a pod's `kubectl get pods` row (READY, STATUS,
// RESTARTS, computed by kubectl.PodRow), every event the kubelet records
// and every removal is a Change, in time order. WriteWatch, WriteEvents
// and WriteJSON print them.
//
// # One pod, driven from outside
//
// A PodDriver is a Sim of one pod for an embedder that owns the clock and
// the outside world (kube/kubelettest's fake kubelet): Next says when the
// pod's next answer or wake-up is due, Step delivers it, Deliver takes an
// event from outside (the deletion, an eviction), and the answers come
// from the same ContainerScript entries as a Sim's.
//
// # Not done yet (issue 10)
//
// This is the core of issue 10. Still to come: loading scripts from JSON;
// nodes and a scheduler (every pod is bound to spec.nodeName or
// Options.Node when it is created; pods with scheduling gates stay
// SchedulingGated, as there is no happening to remove the gates); the node lifecycle controller (NodeLost only sets the pods'
// Ready condition False, as pod.Machine does; the containers of a lost node
// keep running and their answers are still delivered), taint eviction
// after the 300 s tolerations, PodGC; node-pressure eviction order (Evict
// is scripted per pod); node drain and template changes; the controllers
// that replace pods (ReplicaSet, StatefulSet, Job, DaemonSet); the
// per-container timeline and the SVG picture; and the million-pod target
// (see the benchmark figures in the README).
package sim
