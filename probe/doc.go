// Package probe models container probes as the kubelet of Kubernetes v1.37
// runs them (default feature gates): the Probe spec with the apiserver's
// defaults, and a Worker per (container, probe kind) that decides when the
// probe runs, counts outcomes against the thresholds and publishes the
// liveness, readiness or startup result.
//
// Usage:
//
//	w, err := probe.NewWorker(probe.Liveness, spec, podAdmittedAt) // one per container and kind
//	w.NewContainer(now, probe.Container{StartedAt: startedAt, Started: !hasStartupProbe})
//	for {
//		due, ok := w.NextDue(now) // ok false: nothing runs until the next input
//		// ... at due, run the probe (or make up its outcome) ...
//		ch, err := w.Observe(due, probe.OutcomeTimeout)
//		if ch.Kill != "" {
//			// kill the container with reason ch.Kill and grace
//			// ch.KillGracePeriodSeconds (0: the pod's)
//		}
//		now = due
//	}
//
// The embedder owns the Worker and tells it, with the time, what the
// kubelet's worker would read from the pod status:
//
//  1. NewContainer when the container has a new container ID (it was
//     (re)started); Started is status.started at that moment — true when
//     the container has no startup probe.
//  2. SetStarted on the liveness and readiness workers when the startup
//     result becomes Success (see ContainerStarted).
//  3. NotRunning when the container exits, with MayRestart or NoRestart
//     (the restart package answers which).
//  4. PodDeleting when the pod gets a deletionTimestamp; PodTerminal when
//     its phase becomes Succeeded or Failed.
//  5. Observe with the outcome of every probe it runs; act on the returned
//     Change (a kill, a new result for ContainerReady / ContainerStarted).
//  6. Optionally Trigger, when it models the kubelet's immediate readiness
//     run from UpdatePodStatus.
//
// A Worker is a comparable value of 80 bytes without pointers (pinned by a
// test: a simulator keeps one per probe of every container of every pod);
// every input and query allocates nothing when it is accepted. Nothing
// reads a clock, sleeps, starts a goroutine or draws a random number: same
// inputs, same outputs.
// Inputs on one Worker form a time line: a time before the worker's start
// or before the previous accepted input, or an observation the kubelet
// would not have made (on hold, within the initial delay, ...), returns a
// typed error (*TimeError, *SkipError, *InputError) and changes nothing.
// The zero Worker (and a nil *Worker) stands for a probe the container
// does not have. No function and no pointer-receiver method panics on a
// nil pointer: a nil *Probe has no field errors and the zero Handler, a
// nil *Port refuses to decode, and the Error methods of nil errors print a
// generic message. (A value-receiver method such as Probe.Defaulted called
// through a nil pointer dereferences it, as Go does for any such call.)
//
// The model (pkg/kubelet/prober/worker.go run and doProbe,
// pkg/kubelet/prober/prober_manager.go):
//
//   - Ticks: the first at the worker's start, then every periodSeconds,
//     anchored at the worker's start — not at the container's start.
//     initialDelaySeconds only makes ticks skip while the whole seconds
//     since state.running.startedAt are fewer than it.
//   - At each tick, in order: pod terminal → the worker exits; no container
//     → wait; a new container ID → result back to the initial value
//     (readiness Failure, liveness Success, startup Unknown) and the hold
//     lifted; on hold → skip; not running → result Failure, and the worker
//     exits unless the container may be restarted; pod deleting → a
//     liveness or startup worker publishes Success and exits; initial delay
//     → skip; a startup probe skips once the container is started, the
//     others until it is.
//   - Counting: a prober error is thrown away; otherwise equal consecutive
//     outcomes are counted (a timeout is a failure) and Success is published
//     after successThreshold, Failure after failureThreshold of them. The
//     run is kept across new containers; it goes back to 0 only when the
//     worker goes on hold, which happens after a published liveness Failure
//     or any published startup result.
//   - Effects: a liveness Failure kills the container with reason
//     LivenessProbe, a startup Failure with reason StartupProbe, using the
//     probe's terminationGracePeriodSeconds when set.
//
// Deliberate deviations:
//
//   - No jitter. After a kubelet restart, upstream delays each worker's
//     first probe by a random part of a period; here the first tick is the
//     worker's start. To model the jitter, pass a later start to NewWorker.
//   - Probes take no time. Upstream a probe that outlasts the period makes
//     the ticker drop ticks and the next run start when it returns; here an
//     outcome is reported at the time the probe started.
//   - Facts apply when reported. Upstream a worker notices a new container,
//     an exit or a deletion at its next tick; here at the time the embedder
//     reports it. The observable results match, because the kubelet reads
//     them per container ID and treats a missing result like the initial
//     one.
//   - PodDeleting stops liveness and startup workers at once, even on hold
//     (the kubelet stops them before killing,
//     prober_manager.go StopLivenessAndStartup). A stopped worker keeps its
//     last Result; upstream removes it from the cache, to the same effect.
//   - Not modelled: the three retries on a handler error
//     (report OutcomeError for what remains after them), the handlers
//     themselves, the kubelet-restart carry-over of ready/started
//     (ChangeContainerStatusOnKubeletRestart, off), in-place probe
//     changes (MutableContainerProbes, alpha from v1.38: build a new Worker),
//     and the fields of v1.37's alpha gates H2CContainerProbe
//     (httpGet.protocol) and GRPCContainerProbeTLS (grpc.mode), which the
//     apiserver drops at the default gates.
//
// Validation: Probe.AppendErrors appends the apiserver's field errors for a
// container's probe of a kind (pkg/apis/core/validation/validation.go
// validateLivenessProbe, validateReadinessProbe, validateStartupProbe) and
// Handler.AppendErrors those for the action a probe shares with a
// lifecycle hook (validateHandler). pod.ValidateCreate reports probes and
// hooks through them, and NewWorker refuses a spec they find fault with,
// returning a *SpecError that holds the field errors; one rule, one place.
//
// The package imports only the standard library and podlife's leaf
// package field.
package probe
