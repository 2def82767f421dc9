// Package podlife models the Kubernetes Pod lifecycle as pure, deterministic
// Go: given a pod and what happened to it, it answers what the kubelet and
// the apiserver of Kubernetes v1.37 (default feature gates) would answer.
//
//	var p pod.Pod
//	json.Unmarshal(kubectlGetPodJSON, &p)          // the API's own field names
//
//	var gates feature.Gates                       // zero value: v1.37 defaults
//	facts, _ := pod.InferNodeFacts(&p)              // what only the node knows
//	ph := pod.Phase(&p, facts, gates)               // what the kubelet's getPhase says
//	conds := pod.Conditions(&p, ph, facts, gates)
//	errs := pod.ValidateCreate(&p, gates)          // what the apiserver would reject
//
// # Packages
//
// Leaves first; no package imports one listed after it.
//
//   - feature: feature gates as one comparable value, passed explicitly,
//     never read from a global; its zero value is the v1.37 defaults.
//   - field: validation errors with upstream's field paths.
//   - events: an object's events as the API keeps them once client-go's
//     recorder has correlated them (repeats counted, floods combined,
//     spam dropped).
//   - resource: resource quantities and names, exact and canonically
//     printed.
//   - restart: restart policies and exit-code rules, the kubelet's restart
//     decision, the crash-loop and image-pull back-off records.
//   - probe: probe specs with their defaults and validation, and the
//     per-container probe worker that says when a probe is due and what a
//     result means.
//   - container: container specs, states and statuses as the API writes
//     them; the compact View the derivations read; the Record of one
//     container's life and its moves; the runtime records.
//   - phase: the five phases and their derivation from container views.
//   - pod: the Pod, its views, conditions, the kubelet's status merge and
//     container-status conversion, the sync's decisions
//     (ComputePodActions), the Machine that lives a pod's whole lifecycle,
//     defaulting, validation, QoS, and the controllers' predicates and
//     orders.
//   - kubectl: the row of `kubectl get pods`, humanized durations,
//     `kubectl describe`'s Events section, and kubectl's own pod orders.
//   - explain: why a pod is in its state — the rule behind its phase
//     (phase.Decide), each condition (pod.ExplainConditions) and its
//     STATUS (kubectl.ExplainStatus), each citing the upstream function it
//     restates; the rules report the branch the derivations take, so an
//     explanation never disagrees with them.
//   - sim: a deterministic simulator of pods on a virtual clock, each in
//     its pod.Machine, with scripted containers and happenings, writing
//     `kubectl get pods -w` timelines and events.
//
// At the edge, in modules of their own: kube (k8s.io/api types in and
// out), cmd/podlife (the command line: `podlife status|validate|simulate|
// explain` on YAML or JSON manifests) and examples/tour.
//
// # Lessons
//
// Each lesson is a program under examples/, run with `go run
// ./examples/NAME` from the repository root; each prints a short
// explanation, the timeline and the events, and why the pod is in its
// state at chosen moments, and its output is pinned by a golden test.
// Start with the tour (examples/tour: one pod's whole life, or yours with
// -f pod.yaml), then:
//
//   - lifecycle: the five phases;
//   - initcontainers: init containers, one at a time, in order;
//   - sidecars: started first, stopped last, never keeping a Job-like pod
//     from completing;
//   - probes: startup, liveness and readiness, and failureThreshold;
//   - crashloop: the crash-loop back-off and its reset;
//   - restartpolicies: Always, OnFailure and Never side by side;
//   - restartrules: a container's own restart policy and exit-code rules;
//   - termination: preStop, SIGTERM, the grace period, SIGKILL;
//   - activedeadline: activeDeadlineSeconds;
//   - eviction: node-pressure eviction and the QoS classes;
//   - nodeloss: a node lost, its pods evicted and replaced by new ones;
//   - templatechange: a template change makes new pods, never patches;
//   - debug: an ephemeral container from kubectl debug;
//   - staticpods: static pods and their mirror pods;
//   - shared: what a pod's containers share, and what outlives a restart.
//
// The root package holds only this overview and the conformance test.
//
// # What podlife does and what it leaves to you
//
// podlife never performs I/O, never reads the clock, never starts a
// goroutine and never draws a random number. Time is always an argument.
// The same inputs give the same answer, bit for bit, so a simulator can
// replay millions of pods on a virtual clock and a test can pin an exact
// timeline.
//
// The caller supplies what only a node knows and the API status cannot
// show, in pod.NodeFacts: whether the kubelet has decided the pod is
// finished, whether the current sandbox already holds a regular container,
// and the runtime's sandboxes.
//
// # Fidelity
//
// Every rule restates upstream code, cited by path and function in the
// source, and is checked against conformance vectors answered by the real
// Kubernetes v1.37.1 code (testdata/conformance). Where podlife differs on
// purpose, the package documentation says so. Not modelled: the
// PodResizePending/PodResizeInProgress and AllContainersRestarting
// conditions, the InsecureUserID/GroupID conditions, and status fields
// podlife has no type for (they are ignored when decoding).
package podlife
