package pod

import "github.com/podlife/podlife/container"

// InferNodeFacts guesses, for a caller who has only the API object, the
// facts the kubelet of p's node holds about it. It is an inference, not
// upstream code, made so that it never contradicts what the status shows:
//
//   - ok is false when p has no spec.nodeName: no kubelet has seen the pod,
//     so none of the kubelet's answers (phase, conditions, the kubelet's
//     status; PodScheduled=True among them) applies to it yet;
//   - PodIsTerminal: the pod is being deleted (deletionTimestamp), or its
//     phase is already Succeeded or Failed;
//   - PodHasInitialized: some regular container's status is running or
//     terminated, or waiting after a termination (it ran in this pod);
//   - Sandboxes: a PodReadyToStartContainers condition in the status is
//     followed (True: one ready sandbox with the pod's IP; False: one that
//     is not ready); without that condition, a pod with a pod IP, or a
//     hostNetwork pod with a running container, has one ready sandbox, and
//     any other pod none.
//
// The API cannot show a sandbox recreated since the status was written,
// nor which regular containers live in the current sandbox; a caller who
// knows better (a state machine, a node agent) fills NodeFacts itself.
func InferNodeFacts(p *Pod) (facts NodeFacts, ok bool) {
	if p == nil || p.Spec.NodeName == "" {
		return NodeFacts{}, false
	}
	st := &p.Status
	facts.PodIsTerminal = p.Metadata.IsDeleting() || st.Phase.IsTerminal()
	for i := range p.Spec.Containers {
		s := container.Find(st.ContainerStatuses, p.Spec.Containers[i].Name)
		if s != nil && (s.State.Running != nil || s.State.Terminated != nil || s.LastState.Terminated != nil) {
			facts.PodHasInitialized = true
			break
		}
	}
	ip := st.PodIP
	if ip == "" && len(st.PodIPs) > 0 {
		ip = st.PodIPs[0].IP
	}
	mode := NamespacePod
	if p.Spec.HostNetwork {
		mode = NamespaceNode
	}
	ready := Sandbox{Ready: true, IP: ip, NetworkNamespaceMode: mode}
	switch c := st.Condition(PodReadyToStartContainers); {
	case c != nil && c.Status == ConditionTrue:
		facts.Sandboxes = []Sandbox{ready}
	case c != nil:
		facts.Sandboxes = []Sandbox{{Ready: false, IP: ip, NetworkNamespaceMode: mode}}
	case ip != "" || p.Spec.HostNetwork && anyRunning(st):
		facts.Sandboxes = []Sandbox{ready}
	}
	return facts, true
}

func anyRunning(st *Status) bool {
	for _, list := range [2][]container.Status{st.InitContainerStatuses, st.ContainerStatuses} {
		for i := range list {
			if list[i].State.Running != nil {
				return true
			}
		}
	}
	return false
}
