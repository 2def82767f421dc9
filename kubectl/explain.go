package kubectl

import (
	"time"

	"github.com/podlife/podlife/pod"
)

// StatusRule names a step of the printer that sets the STATUS cell
// (pkg/printers/internalversion/printers.go printPod). The printer sets it
// again and again, each step overriding the last: ExplainStatus lists the
// steps PodRow took, in order, and the last one wrote the cell. The zero
// value means "no step".
type StatusRule uint8

// The steps of printPod that set STATUS, in the order it may take them.
const (
	StatusFromPhase StatusRule = iota + 1
	StatusFromReason
	StatusGated
	StatusInitTerminated
	StatusInitWaiting
	StatusInitCounter
	StatusContainerWaiting
	StatusContainerTerminated
	StatusCompletedButRunning
	StatusCompletedButFailed
	StatusCompletedNotReady
	StatusDeletedNodeLost
	StatusDeleting
)

// StatusSource is the upstream function every STATUS step restates.
const StatusSource = "pkg/printers/internalversion/printers.go printPod"

// statusText holds the wording of each step: the one place it lives.
var statusText = [...]string{
	StatusFromPhase:           "STATUS starts as the pod's phase",
	StatusFromReason:          "status.reason, when set, replaces the phase",
	StatusGated:               "the PodScheduled condition says SchedulingGated: scheduling gates hold the pod",
	StatusInitTerminated:      "an init container terminated without success and holds the pod in initialization: Init: and its reason, signal or exit code",
	StatusInitWaiting:         "an init container waits with a reason and holds the pod in initialization: Init: and that reason",
	StatusInitCounter:         "an init container has not completed: Init:<how many completed>/<how many there are>",
	StatusContainerWaiting:    "a container waits with a reason; the first container, in spec order, with something to say has the last word",
	StatusContainerTerminated: "a container terminated: its reason, else Signal:<n> or ExitCode:<n>",
	StatusCompletedButRunning: "a container Completed, but another runs ready and the pod is Ready: Running",
	StatusCompletedButFailed:  "a container Completed, but another failed: that one's word",
	StatusCompletedNotReady:   "a container Completed and another runs, but the pod is not Ready: NotReady",
	StatusDeletedNodeLost:     "the pod is being deleted and its node was lost (status.reason NodeLost): Unknown",
	StatusDeleting:            "the pod has a deletionTimestamp and its phase is not terminal: Terminating",
}

// Text says the step in words.
func (r StatusRule) Text() string {
	if int(r) < len(statusText) && statusText[r] != "" {
		return statusText[r]
	}
	return "no step"
}

// String returns Text.
func (r StatusRule) String() string { return r.Text() }

// StatusStep is one step of the printer that set STATUS: the rule, the
// value it wrote, and the container it read ("" for the pod itself).
type StatusStep struct {
	Rule      StatusRule
	Status    Status
	Container string
}

// statusTrace collects the steps of one PodRow; a nil trace collects
// nothing, so that PodRow pays a nil check per step.
type statusTrace struct{ steps []StatusStep }

// add is small enough to be inlined into PodRow, so that a nil trace
// costs a compare and no call.
func (t *statusTrace) add(r StatusRule, s Status, c string) {
	if t != nil {
		t.record(r, s, c)
	}
}

func (t *statusTrace) record(r StatusRule, s Status, c string) {
	t.steps = append(t.steps, StatusStep{Rule: r, Status: s, Container: c})
}

// ExplainStatus returns PodRow(p, now) and the steps that set its STATUS
// cell, in the order the printer took them: the last step's Status is
// the row's.
func ExplainStatus(p *pod.Pod, now time.Time) (Row, []StatusStep) {
	var tr statusTrace
	r := podRow(p, now, &tr)
	return r, tr.steps
}
