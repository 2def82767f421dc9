package pod

// Sandbox is what the container runtime reports about one of the pod's
// sandboxes (the pause container holding its network namespace): the facts
// behind the PodReadyToStartContainers condition.
type Sandbox struct {
	// Ready is the runtime's SANDBOX_READY state.
	Ready bool `json:"ready"`
	// IP is the sandbox's pod IP; empty when networking is not set up.
	IP string `json:"ip,omitempty"`
	// Attempt counts the sandboxes created for this pod before this one.
	Attempt uint32 `json:"attempt,omitempty"`
	// NetworkNamespaceMode is the sandbox's network namespace mode; empty
	// reads as POD, the runtime's zero value.
	NetworkNamespaceMode NamespaceMode `json:"networkNamespaceMode,omitempty"`
}

// NamespaceMode is a CRI namespace mode.
type NamespaceMode string

// The CRI namespace modes of a sandbox's network namespace.
const (
	// NamespacePod: the pod has its own network namespace.
	NamespacePod NamespaceMode = "POD"
	// NamespaceNode: the pod uses the node's network (hostNetwork).
	NamespaceNode NamespaceMode = "NODE"
	// NamespaceContainer: each container has its own (not used for pods'
	// networks, listed for completeness).
	NamespaceContainer NamespaceMode = "CONTAINER"
)

// The reason and messages of a False PodReadyToStartContainers condition.
const (
	ReasonPodSandboxNotReady = "PodSandboxNotReady"

	msgNoSandbox         = "no pod sandbox exists"
	msgManySandboxes     = "multiple pod sandboxes are ready and need to be reconciled"
	msgSandboxNotReady   = "pod sandbox is not ready"
	msgSandboxNetChanged = "network namespace mode changed and sandbox needs to be recreated"
	msgSandboxNoIP       = "pod sandbox has no IP address"
)

// sandboxProblem says why the kubelet would create a new sandbox for the
// pod, or "" when the newest sandbox serves
// (pkg/kubelet/kuberuntime/util/util.go PodSandboxChanged). sandboxes are
// newest first, as the runtime lists them.
func sandboxProblem(sandboxes []Sandbox, hostNetwork bool) string {
	if len(sandboxes) == 0 {
		return msgNoSandbox
	}
	ready := 0
	for i := range sandboxes {
		if sandboxes[i].Ready {
			ready++
		}
	}
	newest := &sandboxes[0]
	want := NamespacePod
	if hostNetwork {
		want = NamespaceNode
	}
	have := newest.NetworkNamespaceMode
	if have == "" {
		have = NamespacePod
	}
	switch {
	case ready > 1:
		return msgManySandboxes
	case !newest.Ready:
		return msgSandboxNotReady
	case have != want:
		return msgSandboxNetChanged
	case !hostNetwork && newest.IP == "":
		return msgSandboxNoIP
	}
	return ""
}

// NeedsNewSandbox reports whether the kubelet would kill the pod's
// sandboxes and create a new one, and the attempt number the new sandbox
// would get: the newest sandbox's attempt plus one, 0 when there is none
// (pkg/kubelet/kuberuntime/util/util.go PodSandboxChanged reads the
// attempt of the first, newest, sandbox). When the newest sandbox serves,
// the attempt is its own.
func NeedsNewSandbox(sandboxes []Sandbox, hostNetwork bool) (bool, uint32) {
	if len(sandboxes) == 0 {
		return true, 0
	}
	attempt := sandboxes[0].Attempt
	if sandboxProblem(sandboxes, hostNetwork) != "" {
		return true, attempt + 1
	}
	return false, attempt
}
