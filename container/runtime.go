package container

import (
	"time"

	"github.com/podlife/podlife/restart"
)

// RuntimeState is the state of one runtime record of a container, as the
// container runtime reports it to the kubelet (pkg/kubelet/container/runtime.go
// State). Its values are the kubelet's strings. The zero value (no state
// given) is read as RuntimeUnknown.
type RuntimeState string

// The runtime states.
const (
	// RuntimeCreated is a container that was created but not started yet.
	RuntimeCreated RuntimeState = "created"
	// RuntimeRunning is a running container.
	RuntimeRunning RuntimeState = "running"
	// RuntimeExited is a container that exited; the record's exit code,
	// reason and times say how.
	RuntimeExited RuntimeState = "exited"
	// RuntimeUnknown is a container whose state the runtime cannot tell.
	RuntimeUnknown RuntimeState = "unknown"
)

// RuntimeRecord is one runtime record of a container: one attempt (one
// container instance created by the runtime) as the kubelet's runtime view
// lists it (pkg/kubelet/container/runtime.go Status). The kubelet keeps the
// records of dead instances until they are garbage-collected, so a
// container has zero or more records; its v1 status is built from the
// newest two (see pod.ContainerStatuses).
//
// It is a plain value: no pointer fields, copyable, and its zero value is
// a record of unknown state. The JSON keys are those of the conformance
// vectors' input.runtime (times in RFC 3339).
type RuntimeRecord struct {
	// Name is the container's name in the pod spec.
	Name string `json:"name,omitempty"`
	// ContainerID is the runtime's ID of this instance, written
	// "<type>://<id>" ("containerd://3f2a…"), as the API's containerID.
	ContainerID string `json:"containerID,omitempty"`
	// Image is the image the runtime reports for the instance.
	Image string `json:"image,omitempty"`
	// ImageRef is the image's digested reference; the API reports it as
	// imageID.
	ImageRef string `json:"imageRef,omitempty"`
	// Reason and Message are the runtime's account of an exit (Completed,
	// Error, OOMKilled, ContainerCannotRun, ...).
	Reason  TerminatedReason `json:"reason,omitempty"`
	Message string           `json:"message,omitempty"`
	// CreatedAt orders the records of one container (newest first);
	// StartedAt and FinishedAt are reported in the API states.
	CreatedAt  time.Time    `json:"createdAt,omitzero"`
	StartedAt  time.Time    `json:"startedAt,omitzero"`
	FinishedAt time.Time    `json:"finishedAt,omitzero"`
	State      RuntimeState `json:"state"`
	// ExitCode is the exit code of an exited instance.
	ExitCode int32 `json:"exitCode,omitempty"`
	// Attempt is the CRI attempt number of the instance, which the kubelet
	// reports as restartCount.
	Attempt int32 `json:"attempt,omitempty"`
}

// RestartRecord returns the record as the restart decisions read it: its
// state and, for an exited instance, its exit code and whether the runtime
// reported an OOM kill. A state outside the four constants is read as
// unknown.
func (r *RuntimeRecord) RestartRecord() restart.Record {
	switch r.State {
	case RuntimeCreated:
		return restart.Record{State: restart.StateCreated}
	case RuntimeRunning:
		return restart.Record{State: restart.StateRunning}
	case RuntimeExited:
		return restart.Record{State: restart.StateExited, ExitCode: r.ExitCode, OOMKilled: r.Reason == OOMKilled}
	}
	return restart.Record{State: restart.StateUnknown}
}

// NewestRecord returns the first record named name in records, or nil: with
// records listed newest first, as the kubelet's runtime view lists them, the
// newest instance of that container (pkg/kubelet/container/runtime.go
// FindContainerStatusByName).
func NewestRecord(records []RuntimeRecord, name string) *RuntimeRecord {
	for i := range records {
		if records[i].Name == name {
			return &records[i]
		}
	}
	return nil
}

// FailedStart is one entry of the kubelet's reason cache: why the last
// attempt to start a container failed (pkg/kubelet/reason_cache.go). The
// kubelet shows it as the container's waiting reason and message while it
// would restart the container (CrashLoopBackOff while in back-off,
// ErrImagePull, ImagePullBackOff, CreateContainerConfigError, ...).
type FailedStart struct {
	// Name is the container's name.
	Name string `json:"name,omitempty"`
	// Reason is the error's short CamelCase name, shown as the waiting
	// reason; Message is its text, shown as the waiting message.
	Reason  WaitingReason `json:"reason"`
	Message string        `json:"message,omitempty"`
}

// FindFailedStart returns the entry for the container named name, or nil.
func FindFailedStart(cache []FailedStart, name string) *FailedStart {
	for i := range cache {
		if cache[i].Name == name {
			return &cache[i]
		}
	}
	return nil
}
