package phase

// Rule names the rule of the kubelet's getPhase (pkg/kubelet/kubelet_pods.go)
// that decided a pod's phase: Decide returns it with the phase, and its
// Text says it in words. The rules are tried in the order of the
// constants; the first that applies decides. The zero value means "not
// decided".
type Rule uint8

// The rules of getPhase, in the order the kubelet tries them.
const (
	// RuleInitFailed: a regular init container failed and will not be
	// restarted (ContainerRestartRules on).
	RuleInitFailed Rule = iota + 1
	// RuleInitFailedUnderNever: an init container failed and the pod's
	// restartPolicy is Never (ContainerRestartRules off).
	RuleInitFailedUnderNever
	// RuleInitPending: an init container has not completed.
	RuleInitPending
	// RuleSidecarPending: a sidecar has not started and no regular
	// container has run in the current sandbox.
	RuleSidecarPending
	// RuleContainerWaiting: a container waits for its first start.
	RuleContainerWaiting
	// RuleRunning: a container runs and none is of unknown state.
	RuleRunning
	// RuleTerminalSucceeded and RuleTerminalFailed: every container has
	// stopped and the kubelet has decided the pod is finished.
	RuleTerminalSucceeded
	RuleTerminalFailed
	// RuleStoppedWillRestart: every container has stopped and one will be
	// restarted (ContainerRestartRules on).
	RuleStoppedWillRestart
	// RuleStoppedUnderAlways: every container has stopped and the pod's
	// restartPolicy is Always (ContainerRestartRules off).
	RuleStoppedUnderAlways
	// RuleStoppedFailedUnderOnFailure: every container has stopped, one
	// failed, and the policy is OnFailure (ContainerRestartRules off).
	RuleStoppedFailedUnderOnFailure
	// RuleAllSucceeded: every container stopped with exit code 0 and none
	// will be restarted.
	RuleAllSucceeded
	// RuleSomeFailed: every container stopped, one failed, and none will
	// be restarted.
	RuleSomeFailed
	// RuleUnknownState: a container has no state the kubelet can read.
	RuleUnknownState
	// RuleNoContainerState: no container is running, waiting or stopped
	// (no container has a status yet, or only dead sidecars remain).
	RuleNoContainerState
)

// Source is the upstream function every phase rule restates.
const Source = "pkg/kubelet/kubelet_pods.go getPhase"

// ruleText holds the wording of each rule: the one place it lives.
var ruleText = [...]string{
	RuleInitFailed:                  "an init container failed and will not be restarted, so the pod has Failed",
	RuleInitFailedUnderNever:        "an init container failed and restartPolicy is Never, so the pod has Failed",
	RuleInitPending:                 "an init container has not completed, so the pod stays Pending",
	RuleSidecarPending:              "a sidecar has not started and no regular container has run in this sandbox yet, so the pod stays Pending",
	RuleContainerWaiting:            "a container waits for its first start (image pull, creation), so the pod stays Pending",
	RuleRunning:                     "a container is running and none is in an unknown state, so the pod is Running",
	RuleTerminalSucceeded:           "every container has stopped and the kubelet has finished the pod; all exited 0, so the pod Succeeded whatever restartPolicy says",
	RuleTerminalFailed:              "every container has stopped and the kubelet has finished the pod; one did not exit 0, so the pod Failed whatever restartPolicy says",
	RuleStoppedWillRestart:          "every container has stopped (a container waiting in back-off counts as stopped) but one will be restarted, so the pod stays Running",
	RuleStoppedUnderAlways:          "every container has stopped (a container waiting in back-off counts as stopped) and restartPolicy Always restarts them, so the pod stays Running",
	RuleStoppedFailedUnderOnFailure: "every container has stopped, one failed, and restartPolicy OnFailure restarts it, so the pod stays Running",
	RuleAllSucceeded:                "every container exited 0 and none will be restarted, so the pod Succeeded",
	RuleSomeFailed:                  "every container has stopped, one did not exit 0, and none will be restarted, so the pod Failed",
	RuleUnknownState:                "a container has no status yet, or one the kubelet cannot read, so the pod stays Pending",
	RuleNoContainerState:            "no container is running, waiting or stopped yet, so the pod stays Pending",
}

// Text says the rule in words, ending with the phase it gives.
func (r Rule) Text() string {
	if int(r) < len(ruleText) && ruleText[r] != "" {
		return ruleText[r]
	}
	return "no rule decided"
}

// String returns Text.
func (r Rule) String() string { return r.Text() }

// ruleResult is the phase each rule gives.
var ruleResult = [...]Phase{
	RuleInitFailed:                  Failed,
	RuleInitFailedUnderNever:        Failed,
	RuleInitPending:                 Pending,
	RuleSidecarPending:              Pending,
	RuleContainerWaiting:            Pending,
	RuleRunning:                     Running,
	RuleTerminalSucceeded:           Succeeded,
	RuleTerminalFailed:              Failed,
	RuleStoppedWillRestart:          Running,
	RuleStoppedUnderAlways:          Running,
	RuleStoppedFailedUnderOnFailure: Running,
	RuleAllSucceeded:                Succeeded,
	RuleSomeFailed:                  Failed,
	RuleUnknownState:                Pending,
	RuleNoContainerState:            Pending,
}

// Result is the phase the rule gives ("" for the zero Rule).
func (r Rule) Result() Phase {
	if int(r) < len(ruleResult) {
		return ruleResult[r]
	}
	return ""
}

// Ref points at a container of the Input: Index into Init when Init is
// set, else into Regular. A Ref with Index -1 points nowhere.
type Ref struct {
	Init  bool
	Index int
}

// IsSet reports whether r points at a container.
func (r Ref) IsSet() bool { return r.Index >= 0 }

// firstRef is a Ref packed in an int32: 0 for none, i+1 for regular
// container i, -1-i for init container i, so that a zero Decision tracks
// nothing yet and Derive pays no initialization.
type firstRef int32

func (f firstRef) ref() Ref {
	switch {
	case f > 0:
		return Ref{Index: int(f) - 1}
	case f < 0:
		return Ref{Init: true, Index: int(-f) - 1}
	}
	return Ref{Index: -1}
}

// group is a class of container Decide remembers the first of.
type group uint8

const (
	groupNone group = iota
	groupFailedInit
	groupFailedInitFinal
	groupPendingInit
	groupPendingSidecar
	groupWaiting
	groupUnknown
	numGroups
)

// firsts holds the first container seen of each group.
type firsts [numGroups]firstRef

func (f *firsts) see(g group, at firstRef) {
	if f[g] == 0 {
		f[g] = at
	}
}

// aboutGroup is the group whose first container a rule is about.
var aboutGroup = [...]group{
	RuleInitFailed:           groupFailedInitFinal,
	RuleInitFailedUnderNever: groupFailedInit,
	RuleInitPending:          groupPendingInit,
	RuleSidecarPending:       groupPendingSidecar,
	RuleContainerWaiting:     groupWaiting,
	RuleUnknownState:         groupUnknown,
	RuleNoContainerState:     groupNone,
}

// Decision is Decide's answer: the phase, the rule that gave it, the
// container that rule is about (the first one, in spec order, init
// containers first), and what getPhase counted on the way.
type Decision struct {
	Phase Phase
	Rule  Rule
	// About is the first container the rule is about, for the rules
	// that are about one (a failed or pending init container, a pending
	// sidecar, a waiting container, one of unknown state).
	About Ref
	// The counts getPhase keeps: running containers (sidecars included),
	// stopped regular containers (BackingOff of them waiting after a
	// termination, Succeeded of them with exit code 0, WillRestart of them
	// to be restarted), regular containers and sidecars waiting for their
	// first start, init containers not completed, sidecars not started,
	// failed init containers (FailedInitFinal of them not to be
	// restarted), and containers of unknown state.
	Running, Stopped, BackingOff, Succeeded, WillRestart int
	Waiting, PendingInit, PendingSidecars                int
	FailedInit, FailedInitFinal, Unknown                 int

	first firsts
}
