package container

// The parts of a container's spec that are about the pod it shares:
// resources, ports, volume mounts and environment (API types
// v1.ResourceRequirements, v1.ContainerPort, v1.VolumeMount, v1.EnvVar,
// v1.EnvFromSource).

import "github.com/podlife/podlife/resource"

// Resources is a container's (or a pod's) requests and limits (API type
// v1.ResourceRequirements). A nil map is "not set"; the apiserver defaults
// a container's missing requests to its limits (pod.Pod.Defaulted).
type Resources struct {
	Limits   resource.List `json:"limits,omitempty"`
	Requests resource.List `json:"requests,omitempty"`
	// Claims name entries of spec.resourceClaims (dynamic resource
	// allocation) the container uses.
	Claims []ResourceClaim `json:"claims,omitempty"`
}

// IsZero reports whether no request, limit or claim is set (encoding/json
// omitzero uses it).
func (r Resources) IsZero() bool {
	return r.Limits == nil && r.Requests == nil && r.Claims == nil
}

// ResourceClaim names a pod resource claim (and optionally one request in
// it) that a container uses.
type ResourceClaim struct {
	Name    string `json:"name"`
	Request string `json:"request,omitempty"`
}

// Protocol is a port's protocol (API type v1.Protocol).
type Protocol string

// The port protocols the apiserver accepts. An empty protocol is defaulted
// to TCP.
const (
	TCP  Protocol = "TCP"
	UDP  Protocol = "UDP"
	SCTP Protocol = "SCTP"
)

// Port is a port the container exposes (API type v1.ContainerPort). It is
// informational for the pod network, except HostPort, which the node
// reserves.
type Port struct {
	// Name, when set, is an IANA service name unique in the container that
	// probes and Services can refer to.
	Name          string   `json:"name,omitempty"`
	HostPort      int32    `json:"hostPort,omitempty"`
	ContainerPort int32    `json:"containerPort"`
	Protocol      Protocol `json:"protocol,omitempty"`
	HostIP        string   `json:"hostIP,omitempty"`
}

// MountPropagation says how mounts propagate between the host and the
// container (API type v1.MountPropagationMode).
type MountPropagation string

// The mount propagation modes.
const (
	MountPropagationNone            MountPropagation = "None"
	MountPropagationHostToContainer MountPropagation = "HostToContainer"
	MountPropagationBidirectional   MountPropagation = "Bidirectional"
)

// RecursiveReadOnly says whether a read-only mount is read-only all the way
// down (API type v1.RecursiveReadOnlyMode).
type RecursiveReadOnly string

// The recursive read-only modes.
const (
	RecursiveReadOnlyDisabled   RecursiveReadOnly = "Disabled"
	RecursiveReadOnlyIfPossible RecursiveReadOnly = "IfPossible"
	RecursiveReadOnlyEnabled    RecursiveReadOnly = "Enabled"
)

// VolumeMount mounts one of the pod's volumes into the container (API type
// v1.VolumeMount). Volumes outlive a container's restarts, not the pod.
type VolumeMount struct {
	// Name is the name of an entry of spec.volumes.
	Name     string `json:"name"`
	ReadOnly bool   `json:"readOnly,omitempty"`
	// RecursiveReadOnly, when set, needs ReadOnly.
	RecursiveReadOnly *RecursiveReadOnly `json:"recursiveReadOnly,omitempty"`
	// MountPath is where the volume appears in the container; absolute and
	// unique in the container.
	MountPath string `json:"mountPath"`
	// SubPath mounts that relative path of the volume instead of its root.
	SubPath          string            `json:"subPath,omitempty"`
	MountPropagation *MountPropagation `json:"mountPropagation,omitempty"`
	// SubPathExpr is SubPath with $(VAR) references to the container's
	// environment; the two are mutually exclusive.
	SubPathExpr string `json:"subPathExpr,omitempty"`
}

// VolumeMountStatus is a mount as the kubelet reports it in a container's
// status (API type v1.VolumeMountStatus, gate RecursiveReadOnlyMounts, GA):
// the spec's mount, with, for a read-only one, whether the runtime made it
// read-only all the way down. (Its volumeStatus, written for image volumes
// only under the alpha gate ImageVolumeWithDigest, is not modelled.)
type VolumeMountStatus struct {
	Name      string `json:"name"`
	MountPath string `json:"mountPath"`
	ReadOnly  bool   `json:"readOnly,omitempty"`
	// RecursiveReadOnly is set for a read-only mount only: Enabled when
	// the mount asked for it (Enabled, or IfPossible) and the runtime
	// supports it, else Disabled.
	RecursiveReadOnly *RecursiveReadOnly `json:"recursiveReadOnly,omitempty"`
}

// EnvVar is one environment variable (API type v1.EnvVar): a literal Value
// or a ValueFrom source, not both.
type EnvVar struct {
	Name      string     `json:"name"`
	Value     string     `json:"value,omitempty"`
	ValueFrom *EnvSource `json:"valueFrom,omitempty"`
}

// EnvSource is where an environment variable's value comes from (API type
// v1.EnvVarSource); exactly one field should be set.
type EnvSource struct {
	// FieldRef is the downward API: a field of the pod.
	FieldRef *FieldRef `json:"fieldRef,omitempty"`
	// ResourceFieldRef is the downward API: a request or limit of a
	// container.
	ResourceFieldRef *ResourceFieldRef `json:"resourceFieldRef,omitempty"`
	ConfigMapKeyRef  *KeyRef           `json:"configMapKeyRef,omitempty"`
	SecretKeyRef     *KeyRef           `json:"secretKeyRef,omitempty"`
	// FileKeyRef reads a key from an env file in an emptyDir volume (gate
	// EnvFiles).
	FileKeyRef *FileKeyRef `json:"fileKeyRef,omitempty"`
}

// FieldRef selects a field of the pod (API type v1.ObjectFieldSelector),
// such as "metadata.name" or "metadata.labels['app']".
type FieldRef struct {
	// APIVersion is the schema FieldPath is written in; defaulted to "v1".
	APIVersion string `json:"apiVersion,omitempty"`
	FieldPath  string `json:"fieldPath"`
}

// ResourceFieldRef selects a request or limit of a container (API type
// v1.ResourceFieldSelector), such as "limits.memory", divided by Divisor.
type ResourceFieldRef struct {
	// ContainerName is required in volumes, optional in env (the container
	// itself).
	ContainerName string `json:"containerName,omitempty"`
	Resource      string `json:"resource"`
	// Divisor is absent or zero for 1.
	Divisor *resource.Quantity `json:"divisor,omitempty"`
}

// KeyRef selects a key of a ConfigMap or Secret (API types
// v1.ConfigMapKeySelector, v1.SecretKeySelector).
type KeyRef struct {
	Name     string `json:"name,omitempty"`
	Key      string `json:"key"`
	Optional *bool  `json:"optional,omitempty"`
}

// FileKeyRef selects a key of an env file in a volume (API type
// v1.FileKeySelector).
type FileKeyRef struct {
	VolumeName string `json:"volumeName"`
	Path       string `json:"path"`
	Key        string `json:"key"`
	Optional   *bool  `json:"optional,omitempty"`
}

// EnvFrom imports every key of a ConfigMap or Secret as environment
// variables (API type v1.EnvFromSource); exactly one of ConfigMapRef and
// SecretRef should be set.
type EnvFrom struct {
	// Prefix is put before every imported name.
	Prefix       string     `json:"prefix,omitempty"`
	ConfigMapRef *ObjectRef `json:"configMapRef,omitempty"`
	SecretRef    *ObjectRef `json:"secretRef,omitempty"`
}

// ObjectRef names a ConfigMap or Secret in the pod's namespace (API types
// v1.ConfigMapEnvSource, v1.SecretEnvSource).
type ObjectRef struct {
	Name     string `json:"name,omitempty"`
	Optional *bool  `json:"optional,omitempty"`
}
