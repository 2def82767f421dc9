package restart

// Policy is a restart policy: the pod's spec.restartPolicy, or a container's
// own restartPolicy. Its values are the Kubernetes API strings. The zero
// value means "not set": for a pod the apiserver defaults it to Always, for
// a container it means "follow the pod's policy".
type Policy string

// The restart policies of the Kubernetes API.
const (
	Always    Policy = "Always"
	OnFailure Policy = "OnFailure"
	Never     Policy = "Never"
)

// Ptr returns a pointer to a copy of p, for the API's optional
// container restartPolicy: container.Container{RestartPolicy: restart.Always.Ptr()}.
func (p Policy) Ptr() *Policy { return &p }

// IsValid reports whether p is one of the three API values.
func (p Policy) IsValid() bool { return p == Always || p == OnFailure || p == Never }

// Action is what a matching restart rule asks for (API field
// restartPolicyRules[].action).
type Action string

// The rule actions of the Kubernetes API.
const (
	// ActionRestart restarts the container that exited.
	ActionRestart Action = "Restart"
	// ActionRestartAllContainers restarts every init and regular container of
	// the pod in place, in the same sandbox (gate
	// RestartAllContainersOnContainerExits).
	ActionRestartAllContainers Action = "RestartAllContainers"
)

// Operator compares a container's exit code with a rule's values (API field
// restartPolicyRules[].exitCodes.operator).
type Operator string

// The exit-code operators of the Kubernetes API.
const (
	// In matches when the exit code is one of the values.
	In Operator = "In"
	// NotIn matches when the exit code is none of the values.
	NotIn Operator = "NotIn"
)

// ExitCodes is the condition of a restart rule.
type ExitCodes struct {
	Operator Operator `json:"operator"`
	Values   []int32  `json:"values,omitempty"`
}

// Rule is one entry of a container's restartPolicyRules: when the container
// exits with a code that matches ExitCodes, Action is taken. Rules are tried
// in order and the first match wins.
type Rule struct {
	Action    Action     `json:"action"`
	ExitCodes *ExitCodes `json:"exitCodes,omitempty"`
}

// Matches reports whether the rule applies to exitCode. A rule without
// exitCodes, or with an operator other than In and NotIn, never matches
// (pkg/api/v1/pod/util.go FindMatchingContainerRestartRule).
func (r Rule) Matches(exitCode int32) bool {
	if r.ExitCodes == nil {
		return false
	}
	found := false
	for _, v := range r.ExitCodes.Values {
		if v == exitCode {
			found = true
			break
		}
	}
	switch r.ExitCodes.Operator {
	case In:
		return found
	case NotIn:
		return !found
	}
	return false
}

// FirstMatch returns the index of the first rule that matches exitCode, or
// -1 when none does.
func FirstMatch(rules []Rule, exitCode int32) int {
	for i := range rules {
		if rules[i].Matches(exitCode) {
			return i
		}
	}
	return -1
}
