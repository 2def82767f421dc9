package restart

import "github.com/podlife/podlife/feature"

// RecordState is the state of one runtime record of a container, as the
// kubelet's runtime view reports it (pkg/kubelet/container/runtime.go
// State: running, exited, created, unknown). StateNone stands for "no
// record at all": the container never ran, or all its old records were
// garbage-collected.
type RecordState uint8

// The runtime record states.
const (
	// StateNone means the runtime has no record for the container name.
	StateNone RecordState = iota
	// StateRunning is a running container.
	StateRunning
	// StateExited is a container that exited; Record.ExitCode says how.
	StateExited
	// StateCreated is a container that was created but never started.
	StateCreated
	// StateUnknown is a container whose state the runtime cannot tell; it
	// has no form in the v1 API (the kubelet reports it, if at all, as
	// terminated with reason ContainerStatusUnknown).
	StateUnknown
)

// String returns the state's name: "none", or the kubelet's lower-case
// state strings "running", "exited", "created" and "unknown".
func (s RecordState) String() string {
	switch s {
	case StateNone:
		return "none"
	case StateRunning:
		return "running"
	case StateExited:
		return "exited"
	case StateCreated:
		return "created"
	case StateUnknown:
		return "unknown"
	}
	return "RecordState(?)"
}

// Record is the newest runtime record of a container: the first record with
// the container's name in the kubelet's runtime list. Older records (what
// the v1 API shows as lastState) never matter to a restart decision
// (pkg/kubelet/container/runtime.go FindContainerStatusByName returns the
// first match). The zero Record is "no record".
type Record struct {
	State RecordState
	// ExitCode is the exit code of an exited record; ignored otherwise.
	ExitCode int32
	// OOMKilled is true when the runtime's reason for the exit is
	// OOMKilled. Only init containers care: for them an OOM kill is a
	// failure even with exit code 0.
	OOMKilled bool
}

// Exited returns the record of a container that exited with exitCode.
func Exited(exitCode int32) Record { return Record{State: StateExited, ExitCode: exitCode} }

// Spec is what restart decisions read from a pod spec and one of its
// containers. The zero Spec is a regular container without a policy of its
// own in a pod whose restartPolicy is unset, which upstream reads as
// Always.
type Spec struct {
	// PodPolicy is the pod's spec.restartPolicy. Empty (or any value other
	// than the three API values) is read as Always, as the apiserver
	// defaults it.
	PodPolicy Policy
	// ContainerPolicy is the container's own restartPolicy; empty means
	// "not set" (the API's nil pointer): follow the pod's policy.
	ContainerPolicy Policy
	// Rules are the container's restartPolicyRules, tried in order. They
	// are only read when ContainerPolicy is set.
	Rules []Rule
	// Init is true for an entry of spec.initContainers. With
	// ContainerPolicy Always such a container is a sidecar.
	Init bool
}

// IsSidecar reports whether the container is a sidecar: an init container
// whose restartPolicy is Always (pkg/api/v1/pod/util.go
// IsRestartableInitContainer).
func (s Spec) IsSidecar() bool { return s.Init && MakesSidecar(s.ContainerPolicy) }

// MakesSidecar reports whether an init container whose own restartPolicy is
// p is a sidecar: exactly Always (pkg/api/v1/pod/util.go
// IsRestartableInitContainer). It is the one sidecar rule; Spec.IsSidecar
// and container.Container.IsSidecar both ask it.
func MakesSidecar(p Policy) bool { return p == Always }

// MatchingRule returns the first of the container's rules that matches
// exitCode. Rules are only looked at when the container has a policy of
// its own (pkg/api/v1/pod/util.go FindMatchingContainerRestartRule, called
// from ContainerShouldRestart only under a container-level policy).
func (s Spec) MatchingRule(exitCode int32) (Rule, bool) {
	if s.ContainerPolicy == "" {
		return Rule{}, false
	}
	if i := FirstMatch(s.Rules, exitCode); i >= 0 {
		return s.Rules[i], true
	}
	return Rule{}, false
}

// ShouldContainerBeRestarted reports whether the kubelet (re)starts a
// container that is not known to be running, given its newest runtime
// record (pkg/kubelet/container/helpers.go ShouldContainerBeRestarted).
// In upstream order:
//
//   - the pod is being deleted (has a deletionTimestamp): never;
//   - no record: yes, whatever the policies (first start, or the old
//     records were garbage-collected);
//   - running: no;
//   - created or unknown: yes, whatever the policies;
//   - exited: ShouldRestartAfterExit decides. The helper does not single
//     out sidecars: with ContainerRestartRules on, a sidecar's own policy
//     Always restarts it; with the gate off, the pod's policy decides here
//     (checked against v1.37.1). The kubelet's sync restarts an exited
//     sidecar before it asks this helper
//     (pkg/kubelet/kuberuntime/kuberuntime_container.go
//     computeInitContainerActions); that rule belongs to the sync.
//
// A State value outside the five constants is read as exited, as
// upstream's fall-through does.
func ShouldContainerBeRestarted(s Spec, newest Record, podDeleting bool, g feature.Gates) bool {
	if podDeleting {
		return false
	}
	switch newest.State {
	case StateNone, StateCreated, StateUnknown:
		return true
	case StateRunning:
		return false
	}
	return ShouldRestartAfterExit(s, newest.ExitCode, g)
}

// ShouldRestartAfterExit reports whether a container that exited with
// exitCode is restarted, from the policies and rules alone.
//
// With ContainerRestartRules on (the default) this is
// pkg/api/v1/pod/util.go ContainerShouldRestart: when the container has a
// policy of its own, its first matching rule decides if its action is
// Restart, or RestartAllContainers with that gate on; otherwise the
// container's policy decides (Always: yes; OnFailure: exit code ≠ 0;
// Never: no; an unknown value falls through). Without a container policy
// the pod's policy decides the same way, and an empty or unknown pod
// policy means yes.
//
// With ContainerRestartRules off it is the older pod-only rule of
// pkg/kubelet/container/helpers.go ShouldContainerBeRestarted: Never: no;
// OnFailure and exit code 0: no; anything else: yes.
func ShouldRestartAfterExit(s Spec, exitCode int32, g feature.Gates) bool {
	if g.Enabled(feature.ContainerRestartRules) && s.ContainerPolicy != "" {
		if r, ok := s.MatchingRule(exitCode); ok {
			switch r.Action {
			case ActionRestart:
				return true
			case ActionRestartAllContainers:
				if g.Enabled(feature.RestartAllContainersOnContainerExits) {
					return true
				}
			}
		}
		if restart, known := s.ContainerPolicy.restartsAfterExit(exitCode); known {
			return restart
		}
	}
	// An empty or unknown pod policy reads as Always.
	restart, known := s.PodPolicy.restartsAfterExit(exitCode)
	return restart || !known
}

// restartsAfterExit answers for one policy whether an exit with exitCode
// is followed by a restart; known is false for an empty or unknown policy.
func (p Policy) restartsAfterExit(exitCode int32) (restart, known bool) {
	switch p {
	case Always:
		return true, true
	case OnFailure:
		return exitCode != 0, true
	case Never:
		return false, true
	}
	return false, false
}

// ShouldRestartAfterProbeKill reports whether a running container that the
// kubelet kills because its liveness or startup probe failed is started
// again. The container has not exited, so exit-code rules are not
// consulted: with ContainerRestartRules on, a container-level policy
// decides (anything but Never restarts), else the pod policy (anything but
// Never restarts) (pkg/kubelet/kuberuntime/kuberuntime_manager.go
// computePodActions, probe-failure branch; shouldRestartOnFailure). The
// kubelet reads an init container in unknown state the same way
// (kuberuntime_container.go computeInitContainerActions).
func ShouldRestartAfterProbeKill(s Spec, g feature.Gates) bool {
	if g.Enabled(feature.ContainerRestartRules) && s.ContainerPolicy != "" {
		return s.ContainerPolicy != Never
	}
	return s.PodPolicy != Never
}

// IsContainerRestartable reports whether the container could ever be
// restarted, whatever its exit code (pkg/api/v1/pod/util.go
// IsContainerRestartable): with a policy of its own, when it has any rule
// with action Restart (even one without exitCodes, which can never match)
// or its policy is not Never; otherwise when the pod policy is not Never.
// A RestartAllContainers rule does not count. Upstream callers use it to
// tell "run once" pods apart; it takes no gates because upstream gates
// the callers, not this function.
func IsContainerRestartable(s Spec) bool {
	if s.ContainerPolicy != "" {
		for i := range s.Rules {
			if s.Rules[i].Action == ActionRestart {
				return true
			}
		}
		return s.ContainerPolicy != Never
	}
	return s.PodPolicy != Never
}

// RestartsAllContainers reports whether an exit with exitCode makes the
// kubelet restart every init and regular container of the pod in place
// (KEP-5532): both gates are on, the container has a policy of its own, and
// its first matching rule has action RestartAllContainers
// (pkg/kubelet/container/helpers.go ShouldAllContainersRestart, which
// looks the rule up like ContainerShouldRestart does).
func RestartsAllContainers(s Spec, exitCode int32, g feature.Gates) bool {
	if !g.Enabled(feature.ContainerRestartRules) || !g.Enabled(feature.RestartAllContainersOnContainerExits) {
		return false
	}
	r, ok := s.MatchingRule(exitCode)
	return ok && r.Action == ActionRestartAllContainers
}

// InitContainerFailed reports whether the kubelet counts an init
// container's newest record as a failure (pkg/kubelet/kuberuntime/helpers.go
// isInitContainerFailed): the runtime reason is OOMKilled (even with exit
// code 0), or it exited with a code other than 0, or its state is unknown.
// A failed init container that is not a sidecar is retried alone when
// ShouldContainerBeRestarted allows it; otherwise the pod is killed and
// fails. An init container that exited 0 without an OOM kill is done.
func InitContainerFailed(r Record) bool {
	if r.OOMKilled {
		return true
	}
	switch r.State {
	case StateExited:
		return r.ExitCode != 0
	case StateUnknown:
		return true
	}
	return false
}
