package kubectl

import (
	"strconv"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/internal/growth"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

// bigRowPod has n init containers (every third a sidecar, each name
// listed twice in the spec, the later entry deciding) and n regular ones,
// all past their start.
func bigRowPod(n int) *pod.Pod {
	p := &pod.Pod{Metadata: pod.Meta{Name: "big", Namespace: "default"}}
	for i := range n {
		name := "c" + strconv.Itoa(i)
		init := container.Container{Name: "i" + name, Image: "x"}
		if i%3 == 0 {
			init.RestartPolicy = restart.Always.Ptr()
		}
		p.Spec.InitContainers = append(p.Spec.InitContainers, container.Container{Name: "i" + name, Image: "x"}, init)
		p.Spec.Containers = append(p.Spec.Containers, container.Container{Name: name, Image: "x"})
		st := container.Status{Name: "i" + name, State: container.State{Terminated: &container.Terminated{Reason: "Completed"}}}
		if i%3 == 0 {
			st = container.Status{Name: "i" + name, Ready: i%2 == 0, Started: &[]bool{true}[0], State: container.State{Running: &container.Running{}}}
		}
		p.Status.InitContainerStatuses = append(p.Status.InitContainerStatuses, st)
		p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, container.Status{Name: name, Ready: true, RestartCount: int32(i % 2),
			State: container.State{Running: &container.Running{}}})
	}
	return p
}

// A row takes time linear in the pod's size: 16 times the containers may
// take at most 64 times as long (a scan of the init containers for each
// status took about 200 times).
func TestRowTimeGrowsLinearly(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	growth.Linear(t, 250, 4000, 64, func(n int) func() {
		p := bigRowPod(n)
		return func() { PodRow(p, now) }
	})
}

// The map of a large pod's init containers says what the scan says: the
// last entry of a name decides, and a status without one is no sidecar.
func TestSidecarNamesAgreeWithTheScan(t *testing.T) {
	p := bigRowPod(40)
	p.Status.InitContainerStatuses = append(p.Status.InitContainerStatuses, container.Status{Name: "nobody"})
	s := sidecarsOf(p)
	if s.byName == nil {
		t.Fatal("no map for 80 init containers")
	}
	sidecars := 0
	for i := range p.Status.InitContainerStatuses {
		name := p.Status.InitContainerStatuses[i].Name
		if got, want := s.is(name), isSidecarStatus(p, name); got != want {
			t.Errorf("%s: the map says sidecar %v, the scan %v", name, got, want)
		}
		if s.is(name) {
			sidecars++
		}
	}
	if sidecars != 14 {
		t.Errorf("%d sidecars, want 14 (every third of 40)", sidecars)
	}
}
