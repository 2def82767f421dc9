package sim_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/sim"
)

// pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions: an
// ephemeral container added by kubectl debug is started once, and its
// exit does not restart it or change the pod's phase.
func TestDebugAddsAnEphemeralContainer(t *testing.T) {
	debug := &container.Container{Name: "debugger", Image: "busybox:1.36"}
	s, err := sim.New(sim.Options{Script: sim.Script{
		Containers: []sim.ContainerScript{{Container: "debugger", Runs: []sim.Run{{For: 20 * time.Second, ExitCode: 0}}}},
		Happenings: []sim.Happening{{At: 30 * time.Second, Kind: sim.Debug, Pod: "web", Ephemeral: debug}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	p := &pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default"},
		Spec: pod.Spec{Containers: []container.Container{{Name: "app", Image: "nginx:1.27"}}}}
	if err := s.AddPod(p, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.RunUntil(s.Start().Add(2 * time.Minute)); err != nil {
		t.Fatal(err)
	}
	got := s.Pod("web")
	st := container.Find(got.Status.EphemeralContainerStatuses, "debugger")
	switch {
	case st == nil:
		t.Fatalf("no status for the debug container: %+v", got.Status)
	case st.State.Terminated == nil || st.State.Terminated.ExitCode != 0 || st.RestartCount != 0:
		t.Errorf("debug container: %+v, want terminated with 0 and never restarted", st)
	case got.Status.Phase != "Running":
		t.Errorf("phase %s, want Running: an ephemeral container does not change it", got.Status.Phase)
	}
	var events strings.Builder
	_ = s.WriteEvents(&events)
	if !strings.Contains(events.String(), "Started container debugger") {
		t.Errorf("no start of the debug container in the events:\n%s", events.String())
	}
}

// pkg/kubelet/pod_workers.go: a static pod stops when its manifest is
// removed from the node, not through the API.
func TestRemoveStaticPodStopsIt(t *testing.T) {
	s, err := sim.New(sim.Options{Script: sim.Script{
		Happenings: []sim.Happening{{At: time.Minute, Kind: sim.RemoveStaticPod, Pod: "kube-system/etcd-node-1"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	p := &pod.Pod{Metadata: pod.Meta{Name: "etcd-node-1", Namespace: "kube-system",
		Annotations: map[string]string{"kubernetes.io/config.source": "file"}},
		Spec: pod.Spec{NodeName: "node-1", Containers: []container.Container{{Name: "etcd", Image: "registry.k8s.io/etcd:3.5.21-0"}}}}
	if err := s.AddPod(p, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.RunUntil(s.Start().Add(30 * time.Second)); err != nil {
		t.Fatal(err)
	}
	if s.Stats().Removed != 0 {
		t.Fatal("the static pod is gone before its manifest is removed")
	}
	if err := s.RunUntil(s.Start().Add(5 * time.Minute)); err != nil {
		t.Fatal(err)
	}
	if s.Stats().Removed != 1 {
		var w strings.Builder
		_ = s.WriteWatch(&w)
		t.Fatalf("the static pod was not removed after its manifest was:\n%s", w.String())
	}
}

// A Debug happening names its container; a script entry for it is
// accepted although the pod's spec lacks it.
func TestDebugNeedsAContainer(t *testing.T) {
	_, err := sim.New(sim.Options{Script: sim.Script{
		Happenings: []sim.Happening{{At: time.Second, Kind: sim.Debug, Pod: "web"}},
	}})
	if err == nil || !strings.Contains(err.Error(), "Ephemeral") {
		t.Fatalf("got %v, want a ScriptError about Ephemeral", err)
	}
}

// A Debug happening the machine refuses (an ephemeral container may not
// have probes) is an error and adds nothing to the Sim's runtime either: a
// later debug container gets its own script and its own row.
func TestRefusedDebugAddsNothing(t *testing.T) {
	taken := &container.Container{Name: "probed", Image: "busybox:1.36",
		ReadinessProbe: &probe.Probe{Exec: &probe.ExecAction{Command: []string{"true"}}}}
	debug := &container.Container{Name: "debugger", Image: "busybox:1.36"}
	s, err := sim.New(sim.Options{Script: sim.Script{
		Containers: []sim.ContainerScript{{Container: "debugger", Runs: []sim.Run{{For: 5 * time.Second, ExitCode: 3}}}},
		Happenings: []sim.Happening{
			{At: 10 * time.Second, Kind: sim.Debug, Pod: "web", Ephemeral: taken},
			{At: 20 * time.Second, Kind: sim.Debug, Pod: "web", Ephemeral: debug},
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	p := &pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default"},
		Spec: pod.Spec{Containers: []container.Container{{Name: "app", Image: "nginx:1.27"}}}}
	if err := s.AddPod(p, 0); err != nil {
		t.Fatal(err)
	}
	var se *sim.ScriptError
	if err := s.RunUntil(s.Start().Add(time.Minute)); !errors.As(err, &se) || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("a debug container whose name is taken: %v, want a *ScriptError saying it was refused", err)
	}
	if err := s.RunUntil(s.Start().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	st := container.Find(s.Pod("web").Status.EphemeralContainerStatuses, "debugger")
	if st == nil || st.State.Terminated == nil || st.State.Terminated.ExitCode != 3 {
		t.Fatalf("the second debug container: %+v, want it run by its script (exit 3)", st)
	}
	var views strings.Builder
	if err := s.WriteContainers(&views); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(views.String(), "probed") || !strings.Contains(views.String(), "ephemeral container debugger") {
		t.Errorf("the container view shows the refused container, or not the added one:\n%s", views.String())
	}
	if err := s.WriteSVG(&views); err != nil {
		t.Fatal(err)
	}
}
