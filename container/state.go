package container

import (
	"time"

	"github.com/podlife/podlife/resource"
)

// State is a container's state as the API reports it: at most one of
// Waiting, Running and Terminated is set. All three nil is a state the API
// allows and the kubelet treats as unknown.
type State struct {
	Waiting    *Waiting    `json:"waiting,omitempty"`
	Running    *Running    `json:"running,omitempty"`
	Terminated *Terminated `json:"terminated,omitempty"`
}

// Waiting is the state of a container that is not running yet or is
// waiting to run again.
type Waiting struct {
	Reason  WaitingReason `json:"reason,omitempty"`
	Message string        `json:"message,omitempty"`
}

// Running is the state of a running container.
type Running struct {
	StartedAt time.Time `json:"startedAt,omitzero"`
}

// Terminated is the state of a container that exited.
type Terminated struct {
	ExitCode    int32            `json:"exitCode"`
	Signal      int32            `json:"signal,omitempty"`
	Reason      TerminatedReason `json:"reason,omitempty"`
	Message     string           `json:"message,omitempty"`
	StartedAt   time.Time        `json:"startedAt,omitzero"`
	FinishedAt  time.Time        `json:"finishedAt,omitzero"`
	ContainerID string           `json:"containerID,omitempty"`
}

// WaitingReason is the reason of a waiting state. Its values are the
// kubelet's API strings; the runtime may report others, which decode as
// they are.
type WaitingReason string

// Waiting reasons the kubelet reports.
const (
	ContainerCreating WaitingReason = "ContainerCreating"
	PodInitializing   WaitingReason = "PodInitializing"
	CrashLoopBackOff  WaitingReason = "CrashLoopBackOff"
	ErrImagePull      WaitingReason = "ErrImagePull"
	ImagePullBackOff  WaitingReason = "ImagePullBackOff"
	// ErrImageNeverPull: imagePullPolicy Never and the image is not on the
	// node (pkg/kubelet/images/types.go).
	ErrImageNeverPull WaitingReason = "ErrImageNeverPull"
	// InvalidImageName: the image reference cannot be parsed.
	InvalidImageName           WaitingReason = "InvalidImageName"
	CreateContainerConfigError WaitingReason = "CreateContainerConfigError"
	CreateContainerError       WaitingReason = "CreateContainerError"
	RunContainerError          WaitingReason = "RunContainerError"
	PostStartHookError         WaitingReason = "PostStartHookError"
	// WaitingRestartingAll marks a container removed by an in-place
	// RestartAllContainers (gate RestartAllContainersOnContainerExits).
	WaitingRestartingAll WaitingReason = "RestartingAllContainers"
)

// TerminatedReason is the reason of a terminated state.
type TerminatedReason string

// Terminated reasons the kubelet and runtimes report.
const (
	Completed          TerminatedReason = "Completed"
	Error              TerminatedReason = "Error"
	OOMKilled          TerminatedReason = "OOMKilled"
	ContainerCannotRun TerminatedReason = "ContainerCannotRun"
	StartError         TerminatedReason = "StartError"
	DeadlineExceeded   TerminatedReason = "DeadlineExceeded"
	// ContainerStatusUnknown is written by the kubelet, with exit code 137,
	// for a container it can no longer find.
	ContainerStatusUnknown TerminatedReason = "ContainerStatusUnknown"
	// TerminatedRestartingAll marks a container killed by an in-place
	// RestartAllContainers.
	TerminatedRestartingAll TerminatedReason = "RestartingAllContainers"
)

// Status is a container's status (API type v1.ContainerStatus).
type Status struct {
	Name string `json:"name"`
	// State is the newest instance of the container.
	State State `json:"state,omitzero"`
	// LastState is the previous instance's termination, kept while the
	// container is restarted.
	LastState State `json:"lastState,omitzero"`
	// Ready is true when the container passes its readiness probe (or has
	// none and is running and started); for a plain init container, when it
	// exited 0.
	Ready bool `json:"ready"`
	// RestartCount is how many times the container was restarted.
	RestartCount int32 `json:"restartCount"`
	// Started is true once the container is running and its startup probe
	// (if any) succeeded. Absent in the API means not known (nil).
	Started     *bool  `json:"started,omitempty"`
	Image       string `json:"image,omitempty"`
	ImageID     string `json:"imageID,omitempty"`
	ContainerID string `json:"containerID,omitempty"`

	// AllocatedResources are the requests the kubelet allocated to the
	// container: its spec's requests (there is no resize in podlife). Set
	// only on a status made from a runtime record (gate
	// InPlacePodVerticalScaling, GA since v1.35).
	AllocatedResources resource.List `json:"allocatedResources,omitempty"`
	// Resources are the requests and limits the runtime applied to the
	// container, as the kubelet reports them: set, like AllocatedResources,
	// only on a status made from a runtime record, and {} when the spec
	// sets none. podlife's runtime applies the spec, so they are the
	// spec's, except that a running container keeps the CPU and memory
	// values of its previous status while it is the same instance
	// (kubelet_pods.go convertContainerStatusResources).
	Resources *Resources `json:"resources,omitempty"`
	// VolumeMounts are the container's mounts (gate RecursiveReadOnlyMounts,
	// GA): taken from the spec while the container has no runtime record,
	// and then kept from the previous status, as the kubelet keeps them.
	VolumeMounts []VolumeMountStatus `json:"volumeMounts,omitempty"`
}

// IsStarted reports whether Started is set and true.
func (s *Status) IsStarted() bool { return s.Started != nil && *s.Started }

// Find returns the first status named name in list, or nil. Upstream looks
// statuses up by name in this way (pkg/api/v1/pod/util.go
// GetContainerStatus); which list a status sits in does not matter.
func Find(list []Status, name string) *Status {
	for i := range list {
		if list[i].Name == name {
			return &list[i]
		}
	}
	return nil
}
