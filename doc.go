// Package podlife models the Kubernetes Pod lifecycle as pure, deterministic
// Go: given a pod and what happened to it, it answers what the kubelet and
// the apiserver of Kubernetes v1.37 (default feature gates) would answer.
//
//	var p pod.Pod
//	json.Unmarshal(kubectlGetPodJSON, &p)          // the API's own field names
//
//	var gates feature.Gates                       // zero value: v1.37 defaults
//	ph := pod.Phase(&p, pod.NodeFacts{}, gates)    // what the kubelet's getPhase says
//	conds := pod.Conditions(&p, ph, pod.NodeFacts{}, gates)
//	errs := pod.ValidateCreate(&p, gates)          // what the apiserver would reject
//
// # Packages
//
// Leaves first; no package imports one listed after it.
//
//   - restart: restart policies and exit-code rules, the kubelet's restart
//     decision, crash-loop back-off.
//
//   - probe: probe specs with their defaults, and the per-container probe
//     worker that says when a probe is due and what a result means.
//
//   - container: container specs, states and statuses as the API writes them.
//
//   - phase: the five phases and their derivation from container statuses.
//
//   - pod: the Pod, its conditions, the kubelet's status merge, defaulting
//     and validation.
//
//   - feature (a leaf): feature gates as one comparable value, passed
//     explicitly, never read from a global; its zero value is the v1.37
//     defaults.
//
//   - field (a leaf): validation errors with upstream's field paths.
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
