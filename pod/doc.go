// Package pod holds the Pod — metadata, spec and status with the Kubernetes
// API's JSON field names — and everything said about a whole pod: its
// phase, its conditions, the status the kubelet would report next, and the
// apiserver's defaulting and validation.
//
//	var p pod.Pod
//	json.Unmarshal(data, &p) // the output of kubectl get pod -o json
//
//	facts := pod.NodeFacts{PodHasInitialized: true, Sandboxes: sandboxes}
//	ph := pod.Phase(&p, facts, gates)               // kubelet getPhase
//	conds := pod.Conditions(&p, ph, facts, gates)   // kubelet condition generators
//	next := pod.KubeletStatus(&p, facts, gates, now) // both, merged with p.Status
//	errs := pod.ValidateCreate(&p, gates)           // apiserver create validation
//	pod.ComputePodActions(&p, &view, gates, &acts)   // kubelet computePodActions (one sync)
//
// Time is always an argument and nothing reads the clock. NodeFacts carries
// what only the node knows: the API status cannot show whether the kubelet
// considers the pod finished, whether its current sandbox already holds a
// regular container, or what sandboxes the runtime has.
//
// Fidelity: Kubernetes v1.37 with its default feature gates; every function
// cites the upstream code it restates. Deliberate differences:
//
//   - KubeletStatus treats p.Status as both the kubelet's cached status and
//     the API status (upstream keeps two copies that can briefly differ),
//     and reports a terminal phase at once rather than holding it back until
//     every container has stopped (status_manager.go mergePodStatus); the
//     Machine does hold it back.
//   - The AllContainersRestarting, PodResizePending/PodResizeInProgress and
//     InsecureUserID/GroupID conditions are not generated.
//   - ComputePodActions models no in-place resize (the spec has no
//     resources), so it never restarts a container for one.
//
// The whole pod — what its containers share — is modelled too: volumes
// (volumes.go), each container's ports, env, envFrom, resources and volume
// mounts (package container), pod-level resources, the pod's overhead,
// hostname, subdomain and os. ValidateCreate checks them as the apiserver
// does, Unchecked lists the set fields it keeps without checking,
// ComputeQOS and CreateQOS give the QoS class as written and as stored,
// EffectiveRequests what the scheduler counts (NonZeroRequests what its
// scores count), and FieldRefValue, ResourceFieldRefValue (an env var's)
// and ResourceFieldRefFileValue (a downwardAPI volume file's) what the
// downward API shows a container.
//
// A pod that lives is a Machine: events in, actions out, on the caller's
// clock (see its documentation for the embedder's duties). Its statuses
// come from its container.Records through ContainerStatuses, its decisions
// from ComputePodActions, its phase and conditions from the views above.
// Like the kubelet, which makes a pod's status when a sync begins, does
// the sync's runtime work within it (the sandbox, pulls, creates and
// starts, postStart hooks, kills) and updates its reason cache at its
// end, the machine makes no status while a sync's work is outstanding
// (Machine.InSync), and a status shows a failed start from the next sync
// on: a container goes from ContainerCreating to Running, a crash is Error
// and then CrashLoopBackOff once the pod is synced again (at the
// back-off's end, or within a minute), a pull failure ContainerCreating
// and then ErrImagePull.
// A simulator holding many machines gives them one Scratch (memory they
// lend each other between steps) and, when it shows no events, NoEvents
// (MachineOptions); a step that changes nothing the status reads derives
// nothing again, so a probe answering as before costs little.
//
// Why: ExplainPhase is Phase with the rule of getPhase that gave it
// (phase.Decide), and ExplainConditions is Conditions with the rule of
// each generator (ConditionRule: its words, its upstream function, the
// status it gives). The generators return their rule as they set a
// condition, so an explanation is the derivation's own branch; package
// explain puts them together with kubectl's STATUS.
package pod
