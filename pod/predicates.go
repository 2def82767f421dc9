package pod

import "time"

// IsPodReady reports whether the pod is Ready: the first condition of type
// Ready in status.conditions has status exactly True (pkg/api/v1/pod/util.go
// IsPodReady; k8s.io/kubectl/pkg/util/podutils IsPodReady is the same
// rule). A later duplicate Ready condition is not read. A nil pod is not
// ready.
func IsPodReady(p *Pod) bool {
	if p == nil {
		return false
	}
	c := p.Status.Condition(Ready)
	return c != nil && c.Status == ConditionTrue
}

// ReadyTime returns when the pod became Ready: the lastTransitionTime of its
// first Ready condition when that is True, else the zero time (also when
// the condition has no lastTransitionTime) (pkg/controller/controller_utils.go
// podReadyTime).
func ReadyTime(p *Pod) time.Time {
	if !IsPodReady(p) {
		return time.Time{}
	}
	return p.Status.Condition(Ready).LastTransitionTime
}

// IsPodAvailable reports whether the pod is available in the sense of the
// ReplicaSet, Deployment, StatefulSet and DaemonSet controllers
// (pkg/api/v1/pod/util.go IsPodAvailable): it is ready, and either
// minReadySeconds is 0 or its Ready condition has a lastTransitionTime and
// lastTransitionTime + minReadySeconds is not after now. A pod exactly
// minReadySeconds into readiness counts; kubectl's rule
// (kubectl.IsPodAvailable) waits until strictly after. A negative
// minReadySeconds moves the threshold into the past.
func IsPodAvailable(p *Pod, minReadySeconds int32, now time.Time) bool {
	if !IsPodReady(p) {
		return false
	}
	if minReadySeconds == 0 {
		return true
	}
	t := p.Status.Condition(Ready).LastTransitionTime
	return !t.IsZero() && !t.Add(time.Duration(minReadySeconds)*time.Second).After(now)
}

// IsPodTerminal reports whether the pod's phase is terminal: Succeeded or
// Failed (pkg/api/v1/pod/util.go IsPodTerminal, IsPodPhaseTerminal). A
// terminal pod's containers have stopped for good. Unknown is not
// terminal. A nil pod is not terminal.
func IsPodTerminal(p *Pod) bool { return p != nil && p.Status.Phase.IsTerminal() }
