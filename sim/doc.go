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
//	s.WriteEvents(os.Stdout)              // kubectl describe pod's events, as the API keeps them (counted, "x5 over 3m")
//	s.WriteJSON(os.Stdout)                // one JSON object per change, for programs
//	s.WriteContainers(os.Stdout)          // each container: states, probe counts, restarts, hooks, signals
//	s.WriteSVG(f)                         // the same as a picture, one row per container
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
//     from 10.244.0.0/16 (none for hostNetwork pods: the machine gives
//     them their node's IP, from 192.168.0.0/16, which every pod's
//     status.hostIP shows).
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
// and WriteJSON print them. Each container's life — its states, probe
// results counted toward their thresholds, restarts, hooks and signals —
// is a ContainerChange (ContainerChanges), taken from the statuses, events
// and actions of the machines; WriteContainers prints them and WriteSVG
// draws them.
//
// # Scale
//
// A million pods is several times the largest cluster Kubernetes supports
// (150,000 pods, 5,000 nodes), so one process on one core is the design:
// there is no scale-out. For long runs, feed the Sim as the clock goes
// (AddPod and AddHappening between RunUntil calls), keep no timelines
// (Options.NoTimeline) and drop pods once removed (Options.ForgetRemoved):
// memory then follows the pods alive, almost all of it their machines.
// BenchmarkMillionPods measures it; the figures are in the README.
//
// # Nodes and the scheduler
//
// Script.Nodes are the cluster's nodes (allocatable cpu, memory and pods,
// labels, taints, cordoned or not). Without them every pod is bound to its
// spec.nodeName or to Options.Node, a node without limits, as before.
// With them a pod's spec.nodeName is honoured and the other pods are bound
// by a scheduler far simpler than the kube-scheduler (scheduler.go): the
// NodeUnschedulable, TaintToleration, NodeAffinity (nodeSelector only) and
// NodeResourcesFit filters, then the LeastAllocated score, ties by the
// order of Script.Nodes. A pod that fits nowhere stays Pending with
// PodScheduled False, reason Unschedulable, the FitError message (with
// the preemption part the scheduler adds when no victims would make room)
// and a FailedScheduling event, and is tried again when room is freed or a
// node changes; a pod with scheduling gates stays SchedulingGated until a
// RemoveSchedulingGates happening. pod.Pod does not model nodeSelector,
// tolerations, priority and preemptionPolicy: they come beside the pod as
// a Scheduling (AddPodScheduling, Template.Scheduling; LoadScript reads
// them from the pod's JSON). No preemption (a pod that evicting
// lower-priority pods would make room for waits, its message without the
// preemption part), affinity, topology spread or queue back-off.
//
// A node keeps the images its pods pulled (images.go): a pod whose
// container's image is on its node already is told so (pod.ImagePresent)
// and, unless that container's imagePullPolicy is Always, does not pull it
// ("already present on machine"), as the kubelet's image manager does. Image
// garbage collection is not simulated, and a pull in progress when another
// pod's pull of the same image ends runs to its own end.
// A node pulls one image at a time, in the order asked (serializeImagePulls,
// the kubelet's default; Options.ParallelImagePulls lifts it), and the
// Pulled event says how long the pull waited.
//
// # The control plane a pod's life depends on
//
//   - NodeLost: the kubelet stops reporting. What it does is no longer
//     seen (the answers for its pods are held) until NodeBack, when it is
//     reported at that time, in order. After NodeMonitorGracePeriod (50 s)
//     the node lifecycle controller marks the node not ready, adds the
//     unreachable NoSchedule and NoExecute taints and sets its pods' Ready
//     False, phase kept, with a NodeNotReady event (pod.Machine's
//     NodeLost). The controller's 5 s monitor period is not modelled: it
//     notices exactly at the grace.
//   - Taint eviction: each pod is deleted (DisruptionTarget
//     DeletionByTaintManager, a TaintManagerEviction event, the pod's own
//     grace) when its toleration of the unreachable taint runs out: 300 s
//     from the DefaultTolerationSeconds admission plugin unless it has its
//     own; with several that match, the least of their seconds; never when
//     the only ones that match have no seconds (DaemonSet-style pods); at
//     once when none matches (a toleration naming the taint's key keeps
//     the plugin's default away even if its value does not match).
//     The pod stays Terminating while the node is gone; when it is back the
//     kubelet kills and removes it. Only the unreachable taint evicts (the
//     not-ready taint of a node reporting Ready False is not modelled).
//   - NodeDeleted: PodGC (gc_controller.go gcOrphaned) marks the node's
//     pods Failed with DisruptionTarget DeletionByPodGC and force-deletes
//     them after the 40 s quarantine (its 20 s period not modelled); a pod
//     bound to a node not in Script.Nodes goes the same way.
//   - Drain: kubectl drain --ignore-daemonsets --force: cordon, then the
//     Eviction API for every pod but the DaemonSet-style and static ones (DisruptionTarget
//     EvictionByEvictionAPI, the pod's grace); no PodDisruptionBudgets.
//     Uncordon undoes the cordon.
//   - MemoryPressure: the kubelet's eviction manager evicts Count pods, one
//     per 10 s round, in rankMemoryPressure order (usage above requests,
//     priority, usage minus requests; usage is ContainerScript.Memory), with
//     the hard threshold's 1 s grace; the threshold and the available
//     memory are not modelled, so the message has no threshold sentence;
//     the node's memory-pressure NoSchedule taint lasts while it evicts.
//
// # Controllers that replace pods
//
// Script.Controllers are ReplicaSet-, Deployment-, StatefulSet-, Job- and
// DaemonSet-style controllers (controllers.go, each citing the upstream
// controller it restates). None ever moves a pod, patches a running pod or
// brings one back: a pod that is gone is replaced by a new pod from the
// template (labels, annotations, ownerReferences with controller: true,
// generateName as the apiserver's name generator fills it, here from a
// source seeded with Options.Seed), with a new UID. They react after
// Options.ControllerDelay (zero: at the same instant, after the change
// that made them react), create or delete at most 500 pods a pass, and
// count the pods they created but the apiserver has not stored yet (the
// controllers' expectations). ReplicaSet: Replicas active pods,
// scale-down in ActivePodsWithRanks order, a new template for new pods
// only. Deployment: a ReplicaSet per template (pod-template-hash of the
// upstream shape, not its value), rolling update with maxSurge and
// maxUnavailable 25%, scale-up and scale-down in one pass, available as
// soon as Ready (minReadySeconds 0), no proportional scaling. StatefulSet:
// <name>-0 ..., OrderedReady, a replacement with the same name only once
// the old pod is removed, scale-down from the highest ordinal, rolling
// update from the highest ordinal (partition 0). Job (non-indexed):
// completions, parallelism, backoffLimit, the 10 s doubling pod failure
// back-off, podFailurePolicy (FailJob, Ignore, Count by exit codes or pod
// conditions), podReplacementPolicy as its default follows the policy; no
// activeDeadlineSeconds, suspend or TTL. DaemonSet: a pod per node that
// matches its nodeSelector and whose taints it tolerates (with the
// tolerations the DaemonSet controller adds), created with spec.nodeName
// (upstream: node affinity and the scheduler, so allocatable is not
// checked), rolling update one node at a time. Sim.Controller reports what
// each has made. Happenings Scale and TemplateChanged drive them.
//
// # Scripts from JSON
//
// LoadScript reads a whole script (nodes, pods in Kubernetes JSON,
// controllers with their templates, container behaviour, happenings) from
// JSON, durations as Go duration strings; the script's own fields are
// strict, and every error is a *LoadError naming the file, the JSON path
// and what is allowed. testdata/three-nodes.json is the example of the
// issue's done-when, and Example_threeNodeCluster the same script in Go.
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
// The million-pod target (see the benchmark figures in the README: the
// machines' memory and per-step derivation are what is left); preemption,
// pod affinity and topology spread, PodDisruptionBudgets, indexed Jobs,
// CronJobs and a node added during a run; the node controllers' own
// periods (5 s monitor, 20 s PodGC); the kubelet's admission of a pod
// bound by spec.nodeName to a node it does not fit (upstream rejects it,
// Failed with reason OutOfcpu, NodeAffinity, ...; here it runs, its
// requests booked beyond the node's allocatable).
package sim
