package phase

// Phase is a pod's phase (status.phase): a summary of where the pod is in
// its lifecycle. Its values are the Kubernetes API strings; the zero value
// means "not reported yet".
type Phase string

// The five pod phases of the Kubernetes API.
const (
	// Pending: accepted, but some container has not been started yet
	// (scheduling, image pulls and init containers happen here).
	Pending Phase = "Pending"
	// Running: bound to a node, and some container is running or will be
	// restarted.
	Running Phase = "Running"
	// Succeeded: every container terminated with success and none will be
	// restarted. Terminal.
	Succeeded Phase = "Succeeded"
	// Failed: every container terminated, at least one in failure, and none
	// will be restarted. Terminal.
	Failed Phase = "Failed"
	// Unknown: the pod's state could not be obtained. Deprecated upstream;
	// never produced by the kubelet and never by podlife.
	Unknown Phase = "Unknown"
)

// IsValid reports whether p is one of the five phases.
func (p Phase) IsValid() bool {
	switch p {
	case Pending, Running, Succeeded, Failed, Unknown:
		return true
	}
	return false
}

// IsTerminal reports whether p is Succeeded or Failed: a pod in a terminal
// phase never leaves it (pkg/api/v1/pod/util.go IsPodPhaseTerminal).
func (p Phase) IsTerminal() bool { return p == Succeeded || p == Failed }

// CanBecome reports whether the kubelet may move a pod from phase p to
// phase next. Only terminal phases are locked: a terminal phase can become
// nothing else (not even the other terminal phase); every other move is
// allowed, including Running back to Pending when containers go back to
// waiting (pkg/kubelet/kubelet_pods.go generateAPIPodStatus).
func (p Phase) CanBecome(next Phase) bool {
	if p.IsTerminal() {
		return next == p
	}
	return true
}
