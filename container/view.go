package container

// View is what the kubelet's phase and condition rules read of one
// container, as a small value with no pointers: the container's kind, the
// kind of its newest state, the exit code that state (or the last
// termination) carries, and the started, ready and will-restart bits.
//
// A pod's views are index-ordered: view i describes entry i of the spec list
// it was made for (spec.initContainers or spec.containers), so no rule looks
// a container up by name. They are filled either from the API's container
// statuses (pod.Views does that, keeping the kubelet's lookup order by name)
// or directly by a state machine that knows each container's state; both
// then go through the same derivation (phase.Derive, the pod condition
// generators).
//
// The zero View is a regular container without any status.
type View struct {
	// Kind is the container's kind (Regular, Init or Sidecar).
	Kind Kind
	// State is the kind of the container's newest state; StateNone when the
	// kubelet has no status for it.
	State StateKind
	// Flags holds the started, ready, last-terminated and will-restart bits.
	Flags ViewFlags
	// ExitCode is the exit code of the termination the rules look at: the
	// current state's when State is StateTerminated, the last state's when
	// State is StateWaiting and LastTerminated is set; 0 otherwise.
	ExitCode int32
}

// StateKind is the kind of a container's newest state.
type StateKind uint8

// The state kinds.
const (
	// StateNone: the kubelet has no status for the container.
	StateNone StateKind = iota
	// StateWaiting: state.waiting is set.
	StateWaiting
	// StateRunning: state.running is set.
	StateRunning
	// StateTerminated: state.terminated is set.
	StateTerminated
	// StateEmpty: the status sets no state at all, which the kubelet treats
	// as unknown.
	StateEmpty
)

// String returns the state kind's name as the API spells the state.
func (k StateKind) String() string {
	switch k {
	case StateNone:
		return "none"
	case StateWaiting:
		return "waiting"
	case StateRunning:
		return "running"
	case StateTerminated:
		return "terminated"
	case StateEmpty:
		return "empty"
	}
	return "StateKind(?)"
}

// StateKindOf returns the kind of s. When a status wrongly sets several
// states the kubelet's rules test running, then terminated, then waiting,
// and so does this.
func StateKindOf(s *State) StateKind {
	switch {
	case s.Running != nil:
		return StateRunning
	case s.Terminated != nil:
		return StateTerminated
	case s.Waiting != nil:
		return StateWaiting
	}
	return StateEmpty
}

// ViewFlags are the boolean facts of a View.
type ViewFlags uint8

// The view flags.
const (
	// Started: status.started is true.
	Started ViewFlags = 1 << iota
	// Ready: status.ready is true.
	Ready
	// LastTerminated: a waiting container has lastState.terminated, i.e.
	// it is a dead container waiting to be started again (back-off), not
	// one waiting for its first start.
	LastTerminated
	// WillRestart: after the termination the view looks at, the kubelet
	// starts the container again (pkg/api/v1/pod/util.go
	// ContainerShouldRestart, or an in-place RestartAllContainers).
	WillRestart
)

// Has reports whether every flag of f is set in v.
func (v View) Has(f ViewFlags) bool { return v.Flags&f == f }

// IsSidecar reports whether the view is of a sidecar.
func (v View) IsSidecar() bool { return v.Kind == Sidecar }

// HasTermination reports whether the view carries a termination (the
// current state's, or the last one of a waiting container) and so an
// ExitCode.
func (v View) HasTermination() bool {
	return v.State == StateTerminated || v.State == StateWaiting && v.Has(LastTerminated)
}
