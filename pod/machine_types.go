package pod

import (
	"strconv"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/probe"
)

// EventKind names something that happened to a pod, as the embedder of a
// Machine tells it.
type EventKind uint8

// The events a Machine takes.
const (
	// Scheduled: the pod was bound to Event.Node, whose IP is Event.IP
	// (empty: MachineOptions.HostIP). The kubelet of that node admits it.
	Scheduled EventKind = iota + 1
	// SandboxReady: the sandbox asked for by CreateSandbox is up, with
	// the pod IP Event.IP (empty for hostNetwork pods: they take the
	// node's).
	SandboxReady
	// SandboxFailed: creating the sandbox failed (Event.Message).
	SandboxFailed
	// SandboxLost: the running sandbox died; every container in it is
	// gone.
	SandboxLost
	// ImagePulled: the image of Event.Container is on the node.
	ImagePulled
	// ImagePullFailed: pulling it failed (Event.Message).
	ImagePullFailed
	// ContainerCreated: the runtime created Event.Container.
	ContainerCreated
	// ContainerStarted: the runtime started it.
	ContainerStarted
	// ContainerExited: it exited with Event.ExitCode, Event.Signal and
	// Event.Reason (empty: Completed for 0, Error otherwise).
	ContainerExited
	// ProbeResult: a probe (Event.Probe) of Event.Container answered
	// Event.Outcome.
	ProbeResult
	// HookFinished: the postStart or preStop hook (Event.Hook) of
	// Event.Container returned; Event.Message non-empty means it failed.
	HookFinished
	// DeletionRequested: the pod was deleted through the API with
	// Event.GracePeriod (nil: the pod's terminationGracePeriodSeconds).
	DeletionRequested
	// Evicted: the kubelet's eviction manager evicts the pod with
	// Event.Message; Event.GracePeriod overrides the grace (nil: the pod's).
	Evicted
	// NodeLost: the node stopped reporting; the control plane marks the
	// pod not Ready and keeps its phase.
	NodeLost
	// NodeBack: the node reports again.
	NodeBack
	// TimePassed: nothing happened but time; the machine does what is due.
	TimePassed
	// EphemeralContainerAdded: Event.Ephemeral was added to the pod
	// (kubectl debug, the ephemeralcontainers subresource). It is started
	// once and never restarted.
	EphemeralContainerAdded
	// SchedulingGatesRemoved: the pod's spec.schedulingGates were cleared;
	// the scheduler may bind it now.
	SchedulingGatesRemoved
	// StaticPodRemoved: the manifest of a static pod was removed from the
	// node; the kubelet stops the pod (a static pod is not deleted through
	// the API: deleting its mirror pod does not stop it).
	StaticPodRemoved
	// ImagePresent: Event.Image is on the pod's node (another pod pulled
	// it, or it was there before): the pod's containers of that image find
	// it there when they start, unless their imagePullPolicy is Always
	// (pkg/kubelet/images/image_manager.go EnsureImageExists). The machine
	// knows only the images its own pulls and these events brought.
	ImagePresent
)

var eventNames = [...]string{"", "Scheduled", "SandboxReady", "SandboxFailed", "SandboxLost", "ImagePulled",
	"ImagePullFailed", "ContainerCreated", "ContainerStarted", "ContainerExited", "ProbeResult", "HookFinished",
	"DeletionRequested", "Evicted", "NodeLost", "NodeBack", "TimePassed", "EphemeralContainerAdded",
	"SchedulingGatesRemoved", "StaticPodRemoved", "ImagePresent"}

// String returns the event's name.
func (k EventKind) String() string {
	if int(k) < len(eventNames) && k > 0 {
		return eventNames[k]
	}
	return "EventKind(" + strconv.Itoa(int(k)) + ")"
}

// Hook names a lifecycle hook.
type Hook uint8

// The hooks.
const (
	PostStart Hook = iota + 1
	PreStop
)

// String returns the hook's API name.
func (h Hook) String() string {
	switch h {
	case PostStart:
		return "postStart"
	case PreStop:
		return "preStop"
	}
	return "Hook(?)"
}

// Event is one thing that happened, at At. Which fields matter depends on
// Kind. It is a plain value; the machine keeps no reference to it.
type Event struct {
	Kind EventKind
	At   time.Time
	// Container names the container the event is about.
	Container string
	// Node is the node of Scheduled. IP is that node's IP for Scheduled
	// (its status.hostIP) and the pod IP for SandboxReady.
	Node string
	IP   string
	// ExitCode, Signal and Reason describe a ContainerExited.
	ExitCode int32
	Signal   int32
	Reason   container.TerminatedReason
	// TerminationMessage and Log are what the container of a
	// ContainerExited left: the content of its terminationMessagePath, and
	// its log (standard output and error). The kubelet reports them as the
	// terminated state's message by container.TerminationMessage: the
	// file's end, or, under FallbackToLogsOnError for a failed container
	// that wrote none, the log's last lines; then cut to the pod's share
	// for each status (container.MaxPodTerminationMessageBytes).
	TerminationMessage string
	Log                string
	// Probe and Outcome describe a ProbeResult.
	Probe   probe.Kind
	Outcome probe.Outcome
	// Hook is the hook of HookFinished.
	Hook Hook
	// GracePeriod is the grace of DeletionRequested or Evicted (nil: the
	// pod's own).
	GracePeriod *int64
	// Message is the failure of SandboxFailed, ImagePullFailed or
	// HookFinished, the eviction message, or what a failed ProbeResult
	// said (its output, or for OutcomeError the error), which the
	// Unhealthy event quotes: "Liveness probe failed: <Message>"
	// (pkg/kubelet/prober/prober.go probe).
	Message string
	// Ephemeral is the container of EphemeralContainerAdded.
	Ephemeral container.Container
	// ImageSize is the size in bytes of the image of ImagePulled, as the
	// runtime reports it; the Pulled event's message says it.
	ImageSize int64
	// Image is the image of ImagePresent, as the containers name it.
	Image string
	// PullWait is how long the pull of ImagePulled waited before the
	// runtime began it: the kubelet pulls one image at a time by default
	// (serializeImagePulls), so a pull may first wait for the node's
	// earlier ones, and the Pulled event says both times ("in 2s (5s
	// including waiting)", pkg/kubelet/images/image_manager.go). Zero: it
	// did not wait.
	PullWait time.Duration
}

// ActionKind names what the kubelet does next, for the embedder to carry
// out (or simulate) and report back as events.
type ActionKind uint8

// The actions a Machine asks for.
const (
	// CreateSandbox: create the pod's sandbox; report SandboxReady or
	// SandboxFailed.
	CreateSandbox ActionKind = iota + 1
	// PullImage: pull Action.Image for Action.Container; report
	// ImagePulled or ImagePullFailed.
	PullImage
	// CreateContainer: create Action.Container; report ContainerCreated.
	CreateContainer
	// StartContainer: start it; report ContainerStarted.
	StartContainer
	// RunHook: run Action.Hook of Action.Container (at most
	// Action.Grace for a preStop); report HookFinished.
	RunHook
	// RunProbe: run Action.Probe of Action.Container at Action.At; report
	// ProbeResult at that time.
	RunProbe
	// KillContainer: stop Action.Container: send the stop signal now and
	// SIGKILL after Action.Grace; report ContainerExited.
	KillContainer
	// KillSandbox: stop the pod's sandbox (every container has stopped).
	KillSandbox
	// RemovePod: the pod is gone from the node; a deleted pod's API object
	// can now be removed (grace 0).
	RemovePod
)

var actionNames = [...]string{"", "CreateSandbox", "PullImage", "CreateContainer", "StartContainer", "RunHook",
	"RunProbe", "KillContainer", "KillSandbox", "RemovePod"}

// String returns the action's name.
func (k ActionKind) String() string {
	if int(k) < len(actionNames) && k > 0 {
		return actionNames[k]
	}
	return "ActionKind(" + strconv.Itoa(int(k)) + ")"
}

// Action is one thing the kubelet does next.
type Action struct {
	Kind      ActionKind
	Container string
	// Image is the image of PullImage.
	Image string
	// Hook is the hook of RunHook.
	Hook Hook
	// Probe and At are the probe of RunProbe and when it is due.
	Probe probe.Kind
	At    time.Time
	// Grace is the time between the stop signal and SIGKILL of a
	// KillContainer (never below 2 s), or the most a preStop may take.
	Grace time.Duration
	// Reason is why a container is killed (LivenessProbe, StartupProbe,
	// ..., or the pod's termination).
	Reason string
}

// EventRecord is one event the kubelet asks its recorder to record about
// the pod or one of its containers. What the API then holds of them (a
// repeat counted on the earlier event, floods combined, spam dropped) is
// package events'; kubectl.DescribeEvents prints that.
type EventRecord struct {
	At time.Time
	// Type is Normal or Warning.
	Type string
	// Reason is the event's reason (Scheduled, Pulling, Pulled, Failed,
	// BackOff, Created, Started, Killing, Unhealthy, FailedPostStartHook,
	// FailedPreStopHook, ...); Message its text.
	Reason  string
	Message string
	// Container names the container the event is about, and List its list
	// (Regular, Init, Sidecar or Ephemeral); empty for an event about the
	// pod. FieldPath says it as the event's involvedObject does.
	Container string
	List      container.Kind
}

// FieldPath is the event's involvedObject.fieldPath as the kubelet writes
// it (pkg/kubelet/container/ref.go fieldPath): spec.containers{name},
// spec.initContainers{name} (sidecars too) or
// spec.ephemeralContainers{name}; empty for an event about the pod.
func (r *EventRecord) FieldPath() string {
	switch {
	case r.Container == "":
		return ""
	case r.List == container.Init || r.List == container.Sidecar:
		return "spec.initContainers{" + r.Container + "}"
	case r.List == container.Ephemeral:
		return "spec.ephemeralContainers{" + r.Container + "}"
	}
	return "spec.containers{" + r.Container + "}"
}

// StepError reports an event the machine refused: it changed nothing.
type StepError struct {
	// Pod is the pod's "namespace/name".
	Pod string
	// Event is the refused event and State the pod's state then (its
	// phase, "Terminating", "Unscheduled" or "Removed").
	Event     EventKind
	Container string
	State     string
	// Problem says what is wrong.
	Problem string
}

func (e *StepError) Error() string {
	s := "pod " + strconv.Quote(e.Pod) + ": " + e.Event.String()
	if e.Container != "" {
		s += " of container " + strconv.Quote(e.Container)
	}
	return s + " refused while " + e.State + ": " + e.Problem
}
