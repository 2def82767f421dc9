// Package phase holds the five pod phases and derives a pod's phase from
// its containers exactly as the kubelet does.
//
//	in := phase.Input{
//		RestartPolicy:     pod.Spec.RestartPolicy,
//		InitContainers:    pod.Spec.InitContainers,
//		Containers:        pod.Spec.Containers,
//		ContainerStatuses: pod.Status.ContainerStatuses,
//		InitContainerStatuses: pod.Status.InitContainerStatuses,
//	}
//	p := phase.Derive(&in) // Pending, Running, Succeeded or Failed
//
// Derive restates the kubelet's getPhase (pkg/kubelet/kubelet_pods.go,
// Kubernetes v1.37) and allocates nothing. Most callers use pod.Phase, which
// fills the Input from a whole pod. Two facts the API status cannot show
// are inputs: whether the kubelet has decided the pod is finished
// (PodIsTerminal) and whether the current sandbox holds a regular container
// (PodHasInitialized).
//
// Decide is Derive with its reasons: the Rule of getPhase that gave the
// phase (Rule.Text says it in words, the one place that wording lives),
// the container it is about and the counts it read. Derive returns
// Decide's phase, so an explanation (package explain) is the derivation's
// own branch.
//
// The kubelet never reports Unknown, and neither does Derive. Terminal
// phases are sticky: Phase.CanBecome says which moves the kubelet allows,
// and pod.KubeletStatus applies that lock when it merges a derived phase
// with the previous status.
package phase
