package kubectl_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/kubectl"
	"github.com/podlife/podlife/pod"
)

// Every STATUS step has its words.
func TestEveryStatusRuleIsWorded(t *testing.T) {
	for r := kubectl.StatusFromPhase; r <= kubectl.StatusDeleting; r++ {
		if r.Text() == "no step" {
			t.Errorf("step %d has no words", r)
		}
	}
	if r := kubectl.StatusDeleting + 1; r.Text() != "no step" {
		t.Errorf("step %d past the last has words %q", r, r.Text())
	}
}

// pkg/printers/internalversion/printers.go printPod: the steps overwrite
// one another and the last one is the cell — here, a pod being deleted
// while its init container fails.
func TestExplainStatusStepsEndAtTheCell(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 1, 0, 0, time.UTC)
	p := &pod.Pod{
		Metadata: pod.Meta{Name: "web", DeletionTimestamp: now},
		Spec: pod.Spec{InitContainers: []container.Container{{Name: "init"}},
			Containers: []container.Container{{Name: "app"}}},
		Status: pod.Status{Phase: "Pending", InitContainerStatuses: []container.Status{{Name: "init",
			State: container.State{Terminated: &container.Terminated{ExitCode: 1, Reason: "Error"}}}}},
	}
	row, steps := kubectl.ExplainStatus(p, now)
	var got []kubectl.StatusRule
	for _, s := range steps {
		got = append(got, s.Rule)
	}
	want := []kubectl.StatusRule{kubectl.StatusFromPhase, kubectl.StatusInitTerminated, kubectl.StatusDeleting}
	if fmt.Sprint(got) != fmt.Sprint(want) || row.Status != kubectl.StatusTerminating || steps[1].Status != "Init:Error" || steps[1].Container != "init" {
		t.Errorf("STATUS %q by %+v, want %v ending at Terminating", row.Status, steps, want)
	}
	if kubectl.PodRow(p, now) != row {
		t.Error("ExplainStatus's row differs from PodRow's")
	}
}

// Why does kubectl print Init:1/2? The steps of the printer, in order.
func ExampleExplainStatus() {
	p := &pod.Pod{
		Metadata: pod.Meta{Name: "myapp-pod"},
		Spec: pod.Spec{
			InitContainers: []container.Container{{Name: "init-myservice"}, {Name: "init-mydb"}},
			Containers:     []container.Container{{Name: "myapp-container"}},
		},
		Status: pod.Status{Phase: "Pending", InitContainerStatuses: []container.Status{
			{Name: "init-myservice", State: container.State{Terminated: &container.Terminated{ExitCode: 0, Reason: "Completed"}}},
			{Name: "init-mydb", State: container.State{Running: &container.Running{}}},
		}},
	}
	row, steps := kubectl.ExplainStatus(p, time.Time{})
	for _, s := range steps {
		fmt.Printf("%s: %s\n", s.Status, s.Rule.Text())
	}
	fmt.Println(row.Status)
	// Output:
	// Pending: STATUS starts as the pod's phase
	// Init:1/2: an init container has not completed: Init:<how many completed>/<how many there are>
	// Init:1/2
}
