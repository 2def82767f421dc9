package pod

import (
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/restart"
)

// Pod is a Kubernetes v1 Pod, limited to the fields that shape its
// lifecycle. The JSON field names are the API's, so the output of
// `kubectl get pod -o json` decodes into it (unknown fields are ignored)
// and what is modelled encodes back the same.
type Pod struct {
	APIVersion string `json:"apiVersion,omitempty"`
	Kind       string `json:"kind,omitempty"`
	Metadata   Meta   `json:"metadata"`
	Spec       Spec   `json:"spec"`
	Status     Status `json:"status,omitzero"`
}

// Meta is the pod's object metadata.
type Meta struct {
	Name         string            `json:"name,omitempty"`
	GenerateName string            `json:"generateName,omitempty"`
	Namespace    string            `json:"namespace,omitempty"`
	UID          string            `json:"uid,omitempty"`
	Labels       map[string]string `json:"labels,omitempty"`
	Annotations  map[string]string `json:"annotations,omitempty"`
	Generation   int64             `json:"generation,omitempty"`
	// CreationTimestamp is when the apiserver stored the pod.
	CreationTimestamp time.Time `json:"creationTimestamp,omitzero"`
	// DeletionTimestamp, when set, means the pod is being deleted (it is
	// "Terminating"); it is the time by which it should be gone.
	DeletionTimestamp time.Time `json:"deletionTimestamp,omitzero"`
	// DeletionGracePeriodSeconds is the grace period of the pending
	// deletion.
	DeletionGracePeriodSeconds *int64           `json:"deletionGracePeriodSeconds,omitempty"`
	OwnerReferences            []OwnerReference `json:"ownerReferences,omitempty"`
}

// OwnerReference names the object (a ReplicaSet, a Job, ...) that owns the
// pod.
type OwnerReference struct {
	APIVersion         string `json:"apiVersion"`
	Kind               string `json:"kind"`
	Name               string `json:"name"`
	UID                string `json:"uid"`
	Controller         *bool  `json:"controller,omitempty"`
	BlockOwnerDeletion *bool  `json:"blockOwnerDeletion,omitempty"`
}

// IsDeleting reports whether the pod has a deletionTimestamp.
func (m *Meta) IsDeleting() bool { return !m.DeletionTimestamp.IsZero() }

// ConfigSourceAnnotation names the source a kubelet read a pod from; a pod
// whose source is not "api" is a static pod.
const ConfigSourceAnnotation = "kubernetes.io/config.source"

// IsStatic reports whether the pod is a static pod: its
// kubernetes.io/config.source annotation is set and is not "api"
// (pkg/kubelet/types/pod_update.go IsStaticPod).
func (m *Meta) IsStatic() bool {
	src, ok := m.Annotations[ConfigSourceAnnotation]
	return ok && src != "api"
}

// Spec is the pod's spec.
type Spec struct {
	InitContainers      []container.Container `json:"initContainers,omitempty"`
	Containers          []container.Container `json:"containers"`
	EphemeralContainers []container.Container `json:"ephemeralContainers,omitempty"`
	// RestartPolicy applies to every container that sets none of its own.
	// Empty is defaulted to Always by the apiserver and read as Always.
	RestartPolicy restart.Policy `json:"restartPolicy,omitempty"`
	// TerminationGracePeriodSeconds is how long containers get to stop
	// (30 when not set).
	TerminationGracePeriodSeconds *int64 `json:"terminationGracePeriodSeconds,omitempty"`
	// ActiveDeadlineSeconds, when set, fails the pod that long after
	// status.startTime.
	ActiveDeadlineSeconds *int64           `json:"activeDeadlineSeconds,omitempty"`
	NodeName              string           `json:"nodeName,omitempty"`
	HostNetwork           bool             `json:"hostNetwork,omitempty"`
	ReadinessGates        []ReadinessGate  `json:"readinessGates,omitempty"`
	SchedulingGates       []SchedulingGate `json:"schedulingGates,omitempty"`

	// The whole pod: what its containers share (volumes.go).
	Volumes []Volume `json:"volumes,omitempty"`
	// ServiceAccountName is the identity the pod's projected tokens are
	// for. DeprecatedServiceAccount ("serviceAccount") is its old alias,
	// copied into it when it is empty.
	ServiceAccountName       string `json:"serviceAccountName,omitempty"`
	DeprecatedServiceAccount string `json:"serviceAccount,omitempty"`
	// Hostname and Subdomain name the pod in DNS (DNS-1123 labels).
	Hostname  string `json:"hostname,omitempty"`
	Subdomain string `json:"subdomain,omitempty"`
	// HostnameOverride, when set, is the pod's hostname as its containers
	// see it (a DNS-1123 subdomain of at most 64 bytes); not with
	// hostNetwork nor SetHostnameAsFQDN.
	HostnameOverride *string `json:"hostnameOverride,omitempty"`
	// SetHostnameAsFQDN makes the hostname the pod's fully qualified name.
	SetHostnameAsFQDN *bool `json:"setHostnameAsFQDN,omitempty"`
	// ShareProcessNamespace puts every container in one PID namespace.
	ShareProcessNamespace *bool  `json:"shareProcessNamespace,omitempty"`
	OS                    *PodOS `json:"os,omitempty"`
	// Resources are pod-level requests and limits (cpu, memory, huge pages;
	// gate PodLevelResources). When set they, not the containers', decide
	// the QoS class.
	Resources *container.Resources `json:"resources,omitempty"`
	// ResourceClaims name the dynamic-resource claims containers may use
	// (resources.claims), each made from a template or naming a claim.
	ResourceClaims []PodResourceClaim `json:"resourceClaims,omitempty"`
	// Overhead is what running the pod costs beyond its containers: the
	// RuntimeClass admission plugin sets it from the pod's RuntimeClass (a
	// sandboxed runtime's VM, say). The scheduler adds it to the pod's
	// requests (EffectiveRequests); the QoS class ignores it. Validated as
	// a container's limits are (spec.overhead.limits[...]).
	Overhead resource.List `json:"overhead,omitempty"`
}

// PodResourceClaim is one entry of spec.resourceClaims (API type
// v1.PodResourceClaim): a name the containers refer to and the claim or
// claim template it stands for.
type PodResourceClaim struct {
	Name                      string  `json:"name"`
	ResourceClaimName         *string `json:"resourceClaimName,omitempty"`
	ResourceClaimTemplateName *string `json:"resourceClaimTemplateName,omitempty"`
}

// ReadinessGate names a condition that must be True, besides the
// containers being ready, for the pod to be Ready.
type ReadinessGate struct {
	ConditionType ConditionType `json:"conditionType"`
}

// SchedulingGate holds a pod back from scheduling while it is present.
type SchedulingGate struct {
	Name string `json:"name"`
}

// Status is the pod's status.
type Status struct {
	// ObservedGeneration is the pod's metadata.generation the kubelet last
	// wrote this status for (status_manager.go: the larger of the pod's
	// generation and the previous status's).
	ObservedGeneration int64       `json:"observedGeneration,omitempty"`
	Phase              phase.Phase `json:"phase,omitempty"`
	Conditions         []Condition `json:"conditions,omitempty"`
	// Reason is a short CamelCase reason for the pod's state, such as
	// Evicted or DeadlineExceeded.
	Reason            string    `json:"reason,omitempty"`
	Message           string    `json:"message,omitempty"`
	NominatedNodeName string    `json:"nominatedNodeName,omitempty"`
	HostIP            string    `json:"hostIP,omitempty"`
	PodIP             string    `json:"podIP,omitempty"`
	PodIPs            []PodIP   `json:"podIPs,omitempty"`
	StartTime         time.Time `json:"startTime,omitzero"`
	// QOSClass is the class the apiserver computed on create (QOS).
	QOSClass QOSClass `json:"qosClass,omitempty"`

	InitContainerStatuses      []container.Status `json:"initContainerStatuses,omitempty"`
	ContainerStatuses          []container.Status `json:"containerStatuses,omitempty"`
	EphemeralContainerStatuses []container.Status `json:"ephemeralContainerStatuses,omitempty"`
}

// IsZero reports whether s holds nothing: no observed generation, phase,
// reason, message, IPs, start time, conditions or container statuses. Empty lists count as
// absent, as everywhere in podlife, so a pod whose status is
// {"conditions":[]} encodes without a status, like one with none: an answer
// never depends on the difference, and encoding is a fixed point.
func (s Status) IsZero() bool {
	return s.ObservedGeneration == 0 && s.Phase == "" && s.Reason == "" && s.Message == "" && s.NominatedNodeName == "" && s.QOSClass == "" &&
		s.HostIP == "" && s.PodIP == "" && len(s.PodIPs) == 0 && s.StartTime.IsZero() &&
		len(s.Conditions) == 0 && len(s.InitContainerStatuses) == 0 &&
		len(s.ContainerStatuses) == 0 && len(s.EphemeralContainerStatuses) == 0
}

// PodIP is one of the pod's IP addresses.
type PodIP struct {
	IP string `json:"ip"`
}

// ConditionType names a pod condition.
type ConditionType string

// The pod condition types the kubelet and the control plane set.
const (
	PodScheduled              ConditionType = "PodScheduled"
	PodReadyToStartContainers ConditionType = "PodReadyToStartContainers"
	Initialized               ConditionType = "Initialized"
	ContainersReady           ConditionType = "ContainersReady"
	Ready                     ConditionType = "Ready"
	// DisruptionTarget records that the pod is about to be terminated by a
	// disruption (eviction, preemption, node loss); it is copied forward,
	// never derived.
	DisruptionTarget ConditionType = "DisruptionTarget"
	// AllContainersRestarting is True while an in-place RestartAllContainers
	// runs (gate RestartAllContainersOnContainerExits).
	AllContainersRestarting ConditionType = "AllContainersRestarting"
)

// ConditionStatus is a condition's status.
type ConditionStatus string

// The condition statuses of the Kubernetes API.
const (
	ConditionTrue    ConditionStatus = "True"
	ConditionFalse   ConditionStatus = "False"
	ConditionUnknown ConditionStatus = "Unknown"
)

// Condition is one of the pod's conditions (API type v1.PodCondition).
type Condition struct {
	Type               ConditionType   `json:"type"`
	Status             ConditionStatus `json:"status"`
	ObservedGeneration int64           `json:"observedGeneration,omitempty"`
	LastProbeTime      time.Time       `json:"lastProbeTime,omitzero"`
	LastTransitionTime time.Time       `json:"lastTransitionTime,omitzero"`
	Reason             string          `json:"reason,omitempty"`
	Message            string          `json:"message,omitempty"`
}

// Condition returns the first condition of type t in s, or nil
// (pkg/api/v1/pod/util.go GetPodConditionFromList).
func (s *Status) Condition(t ConditionType) *Condition {
	for i := range s.Conditions {
		if s.Conditions[i].Type == t {
			return &s.Conditions[i]
		}
	}
	return nil
}
