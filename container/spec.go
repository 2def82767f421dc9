package container

import (
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

// Container is a container's spec (API type v1.Container), limited to the
// fields that shape its lifecycle. The same type serves spec.initContainers,
// spec.containers and spec.ephemeralContainers; which list it sits in
// decides its Kind.
type Container struct {
	Name  string `json:"name"`
	Image string `json:"image,omitempty"`
	// ImagePullPolicy says when the kubelet pulls Image; empty reads as the
	// apiserver's default (EffectivePullPolicy).
	ImagePullPolicy PullPolicy `json:"imagePullPolicy,omitempty"`
	Command         []string   `json:"command,omitempty"`
	Args            []string   `json:"args,omitempty"`

	// RestartPolicy is the container's own restart policy; nil means not
	// set (follow the pod's). On an init container, Always makes it a
	// sidecar. As in the API it is a pointer, so that an explicit "" (which
	// the apiserver rejects) is told apart from an absent field. Write
	// restart.Always.Ptr() in a literal.
	RestartPolicy *restart.Policy `json:"restartPolicy,omitempty"`
	// RestartPolicyRules are exit-code rules, tried in order, that override
	// RestartPolicy (gate ContainerRestartRules).
	RestartPolicyRules []restart.Rule `json:"restartPolicyRules,omitzero"`

	StartupProbe   *probe.Probe `json:"startupProbe,omitempty"`
	LivenessProbe  *probe.Probe `json:"livenessProbe,omitempty"`
	ReadinessProbe *probe.Probe `json:"readinessProbe,omitempty"`

	Lifecycle *Lifecycle `json:"lifecycle,omitempty"`

	// TerminationMessagePath is the file in the container whose content
	// the kubelet reports as its terminated state's message, and
	// TerminationMessagePolicy what it reports when that file is empty;
	// empty reads as the apiserver's defaults (/dev/termination-log, File:
	// EffectiveTerminationMessagePath, EffectiveTerminationMessagePolicy).
	TerminationMessagePath   string                   `json:"terminationMessagePath,omitempty"`
	TerminationMessagePolicy TerminationMessagePolicy `json:"terminationMessagePolicy,omitempty"`

	// The container's share of the pod: its ports in the pod's network
	// namespace, its environment, its resources and the pod volumes it
	// mounts (wholepod.go).
	Ports        []Port        `json:"ports,omitzero"`
	EnvFrom      []EnvFrom     `json:"envFrom,omitempty"`
	Env          []EnvVar      `json:"env,omitempty"`
	Resources    Resources     `json:"resources,omitzero"`
	VolumeMounts []VolumeMount `json:"volumeMounts,omitempty"`
}

// OwnRestartPolicy returns the container's own restartPolicy, or "" when it
// sets none.
func (c *Container) OwnRestartPolicy() restart.Policy {
	if c.RestartPolicy == nil {
		return ""
	}
	return *c.RestartPolicy
}

// IsSidecar reports whether c, as an entry of spec.initContainers, is a
// sidecar (a "restartable init container"): its restartPolicy is exactly
// Always (restart.MakesSidecar, pkg/api/v1/pod/util.go
// IsRestartableInitContainer).
func (c *Container) IsSidecar() bool {
	return c.RestartPolicy != nil && restart.MakesSidecar(*c.RestartPolicy)
}

// KindIn returns the kind of c as an entry of the spec list list: Init or
// Sidecar for spec.initContainers, Regular or Ephemeral for the others.
func (c *Container) KindIn(list Kind) Kind {
	if list == Init || list == Sidecar {
		if c.IsSidecar() {
			return Sidecar
		}
		return Init
	}
	return list
}

// RestartSpec is what restart decisions read of c, a container of kind k
// (the list it sits in: Init and Sidecar both mean spec.initContainers) in
// a pod whose spec.restartPolicy is podPolicy. It is the one place a
// restart.Spec is made from a container.
func (c *Container) RestartSpec(podPolicy restart.Policy, k Kind) restart.Spec {
	return restart.Spec{
		PodPolicy:       podPolicy,
		ContainerPolicy: c.OwnRestartPolicy(),
		Rules:           c.RestartPolicyRules,
		Init:            k == Init || k == Sidecar,
	}
}

// Kind says which list of the pod spec a container belongs to, and so which
// lifecycle rules apply to it.
type Kind uint8

// The container kinds.
const (
	// Regular is an entry of spec.containers.
	Regular Kind = iota
	// Init is an entry of spec.initContainers that is not a sidecar: it runs
	// to completion, one at a time, before any regular container starts.
	Init
	// Sidecar is an entry of spec.initContainers with restartPolicy Always:
	// it starts in init order and then keeps running beside the regular
	// containers.
	Sidecar
	// Ephemeral is an entry of spec.ephemeralContainers: started once, never
	// restarted.
	Ephemeral
)

// String returns the kind's name.
func (k Kind) String() string {
	switch k {
	case Regular:
		return "Regular"
	case Init:
		return "Init"
	case Sidecar:
		return "Sidecar"
	case Ephemeral:
		return "Ephemeral"
	}
	return "Kind(?)"
}

// Lifecycle holds a container's hooks (API type v1.Lifecycle).
type Lifecycle struct {
	// PostStart runs right after the container starts; the kubelet does not
	// consider the start complete until it returns.
	PostStart *Handler `json:"postStart,omitempty"`
	// PreStop runs at the start of every kill of the container.
	PreStop *Handler `json:"preStop,omitempty"`
}

// Handler is a lifecycle hook's action (API type v1.LifecycleHandler).
// Exactly one field should be set.
type Handler struct {
	Exec      *probe.ExecAction      `json:"exec,omitempty"`
	HTTPGet   *probe.HTTPGetAction   `json:"httpGet,omitempty"`
	TCPSocket *probe.TCPSocketAction `json:"tcpSocket,omitempty"`
	Sleep     *SleepAction           `json:"sleep,omitempty"`
}

// SleepAction pauses for Seconds.
type SleepAction struct {
	Seconds int64 `json:"seconds"`
}
