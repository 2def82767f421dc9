// Package kube is podlife's adapter to the Kubernetes API types
// (k8s.io/api/core/v1): the way in and the way out for a controller that
// holds *corev1.Pod from client-go.
//
// It lives in its own module, github.com/podlife/podlife/kube, so that the
// core module keeps requiring nothing but the standard library. Its tags
// carry the directory prefix, as nested modules' tags do: kube/v0.1.0
// for this module, v0.1.0 for the core. It requires k8s.io/api and
// k8s.io/apimachinery v0.37.0 at least (Kubernetes v1.37, the version
// podlife follows); the repository's go.work builds and tests it with the
// newest v0.37 patch.
//
// In the repository, kube/go.mod requires the core at the zero
// pseudo-version and the root go.work resolves it to the checkout; a
// release of this module first requires a tagged core version.
//
// In: ToPod (or ReadPod, into a pod.Pod the caller holds) copies every field podlife
// models, field by field, with times cut to whole seconds in UTC as the
// API stores them. It gives what the JSON round trip gives (json.Marshal
// of the corev1.Pod, json.Unmarshal into pod.Pod), which the tests check
// on every conformance pod and on random pods, at a fraction of its cost.
// A Reader does the same into memory it keeps from one pod to the next:
// for a loop that converts every pod it is handed and keeps none, the
// conversion then allocates nothing (the pod it returns is valid until
// its next Read).
//
// Out: ApplyStatus writes podlife's status onto a copy of the newest
// object read, merged, never rebuilt: podlife replaces the conditions the
// kubelet owns and keeps every other one, merges container statuses by
// name keeping every field it does not model, and keeps the pod-level
// status fields it does not model. StatusPatch is the kubelet's way of
// writing it: the strategic-merge patch of the status subresource, with
// the pod's UID as a precondition, and nothing when nothing changed.
//
// Pods from templates: PodFromTemplate makes the pod a ReplicaSet, Job or
// StatefulSet controller would create from its template.
//
// What it leaves to the caller: talking to the apiserver (the patch is a
// body to send with types.StrategicMergePatchType to the "status"
// subresource), retrying on conflicts, and reading the newest object
// before applying a status.
package kube
