package pod_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/feature"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

func TestShouldRestartContainerUnknownName(t *testing.T) {
	p := &pod.Pod{
		Metadata: pod.Meta{Name: "web", Namespace: "shop"},
		Spec: pod.Spec{
			InitContainers: []container.Container{{Name: "setup"}},
			Containers:     []container.Container{{Name: "app"}},
		},
	}
	for _, tc := range []struct {
		name string
		init bool
		list string
	}{
		{"nope", false, "spec.containers"},
		{"app", true, "spec.initContainers"}, // regular name searched in the init list
		{"setup", false, "spec.containers"},  // init name searched in the regular list
	} {
		_, err := pod.ShouldRestartContainer(p, tc.name, listKind(tc.init), feature.Gates{})
		var uce *pod.UnknownContainerError
		if !errors.As(err, &uce) {
			t.Fatalf("%s: err = %v, want *UnknownContainerError", tc.name, err)
		}
		if uce.Pod != "shop/web" || uce.Container != tc.name || uce.Init != tc.init {
			t.Errorf("%s: error fields = %+v", tc.name, *uce)
		}
		msg := err.Error()
		for _, want := range []string{"shop/web", `"` + tc.name + `"`, tc.list} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: message %q does not mention %q", tc.name, msg, want)
			}
		}
	}
	var unknown *pod.UnknownContainerError
	if _, err := pod.ShouldRestartContainer(nil, "app", container.Regular, feature.Gates{}); !errors.As(err, &unknown) {
		t.Errorf("nil pod (read as empty): err = %v, want *UnknownContainerError", err)
	}
}

func TestRuntimeRecord(t *testing.T) {
	term := func(code int32, reason container.TerminatedReason) *container.Terminated {
		return &container.Terminated{ExitCode: code, Reason: reason}
	}
	for _, tc := range []struct {
		name   string
		status *container.Status
		want   restart.Record
	}{
		{"no status: no record", nil, restart.Record{}},
		{"no state: unknown", &container.Status{Name: "c"}, restart.Record{State: restart.StateUnknown}},
		{"running", &container.Status{State: container.State{Running: &container.Running{}}}, restart.Record{State: restart.StateRunning}},
		{"running wins over lastState", &container.Status{
			State:     container.State{Running: &container.Running{}},
			LastState: container.State{Terminated: term(2, container.Error)},
		}, restart.Record{State: restart.StateRunning}},
		{"terminated", &container.Status{State: container.State{Terminated: term(3, container.Error)}}, restart.Exited(3)},
		{"terminated OOMKilled", &container.Status{State: container.State{Terminated: term(137, container.OOMKilled)}},
			restart.Record{State: restart.StateExited, ExitCode: 137, OOMKilled: true}},
		{"waiting in back-off reads the last exit", &container.Status{
			State:     container.State{Waiting: &container.Waiting{Reason: container.CrashLoopBackOff}},
			LastState: container.State{Terminated: term(42, container.Error)},
		}, restart.Exited(42)},
		{"empty waiting: created", &container.Status{State: container.State{Waiting: &container.Waiting{}}},
			restart.Record{State: restart.StateCreated}},
		{"waiting with a reason: no runtime container yet", &container.Status{
			State: container.State{Waiting: &container.Waiting{Reason: container.ContainerCreating}},
		}, restart.Record{}},
	} {
		if got := pod.RuntimeRecord(tc.status); got != tc.want {
			t.Errorf("%s: RuntimeRecord = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

// pkg/kubelet/container/helpers.go ShouldContainerBeRestarted: a sidecar
// under pod policy Never is restarted after any exit by its own policy
// Always; with ContainerRestartRules off that policy is not read and the
// helper says no (the sync's own sidecar rule, computeInitContainerActions,
// is not this question).
func TestShouldRestartContainerSidecarGateOff(t *testing.T) {
	p := &pod.Pod{
		Spec: pod.Spec{
			RestartPolicy:  restart.Never,
			InitContainers: []container.Container{{Name: "proxy", RestartPolicy: restart.Always.Ptr()}, {Name: "setup"}},
			Containers:     []container.Container{{Name: "app"}},
		},
		Status: pod.Status{InitContainerStatuses: []container.Status{
			{Name: "proxy", State: container.State{Terminated: &container.Terminated{ExitCode: 0}}},
			{Name: "setup", State: container.State{Terminated: &container.Terminated{ExitCode: 1}}},
		}},
	}
	off := feature.Gates{}.With(feature.ContainerRestartRules, false)
	for _, g := range []feature.Gates{{}, off} {
		// With the gate off the pod's policy (Never) decides for the
		// sidecar too, in this helper.
		if got, err := pod.ShouldRestartContainer(p, "proxy", container.Init, g); err != nil || got != (g != off) {
			t.Errorf("sidecar (gates %v): got %v, %v; want %v", g, got, err, g != off)
		}
		if got, err := pod.ShouldRestartContainer(p, "setup", container.Init, g); err != nil || got {
			t.Errorf("init container under Never (gates %v): got %v, %v; want false", g, got, err)
		}
	}
	p.Metadata.DeletionTimestamp = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if got, _ := pod.ShouldRestartContainer(p, "proxy", container.Init, feature.Gates{}); got {
		t.Error("sidecar of a deleted pod: restarted, want not")
	}
}

func BenchmarkShouldRestartContainer(b *testing.B) {
	p := &pod.Pod{
		Spec: pod.Spec{
			RestartPolicy: restart.OnFailure,
			Containers:    []container.Container{{Name: "a"}, {Name: "b"}, {Name: "app"}},
		},
		Status: pod.Status{ContainerStatuses: []container.Status{
			{Name: "a"}, {Name: "b"},
			{Name: "app", State: container.State{Waiting: &container.Waiting{Reason: container.CrashLoopBackOff}},
				LastState: container.State{Terminated: &container.Terminated{ExitCode: 1}}},
		}},
	}
	b.ReportAllocs()
	for b.Loop() {
		if ok, err := pod.ShouldRestartContainer(p, "app", container.Regular, feature.Gates{}); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}

func TestShouldRestartContainerAllocatesNothing(t *testing.T) {
	p := &pod.Pod{
		Spec:   pod.Spec{Containers: []container.Container{{Name: "app"}}},
		Status: pod.Status{ContainerStatuses: []container.Status{{Name: "app", State: container.State{Terminated: &container.Terminated{ExitCode: 1}}}}},
	}
	if n := testing.AllocsPerRun(100, func() {
		_, _ = pod.ShouldRestartContainer(p, "app", container.Regular, feature.Gates{})
	}); n != 0 {
		t.Errorf("ShouldRestartContainer allocates %v times, want 0", n)
	}
}

// The what-if answer at the pod level (computeInitContainerActions,
// computePodActions, ContainerShouldRestart).
func TestRestartAfterExit(t *testing.T) {
	restartAll := []restart.Rule{{Action: restart.ActionRestartAllContainers, ExitCodes: &restart.ExitCodes{Operator: restart.In, Values: []int32{42}}}}
	p := &pod.Pod{Spec: pod.Spec{
		RestartPolicy: restart.Never,
		InitContainers: []container.Container{
			{Name: "setup"},
			{Name: "retry", RestartPolicy: restart.OnFailure.Ptr()},
			{Name: "proxy", RestartPolicy: restart.Always.Ptr(), RestartPolicyRules: restartAll},
		},
		Containers: []container.Container{
			{Name: "app", RestartPolicy: restart.Never.Ptr(), RestartPolicyRules: restartAll},
			{Name: "job"},
		},
		EphemeralContainers: []container.Container{{Name: "debug"}},
	}}
	for _, tc := range []struct {
		name string
		code int32
		want pod.AfterExit
	}{
		{"setup", 0, pod.NotRestarted},  // a completed init container never runs again
		{"setup", 1, pod.NotRestarted},  // pod Never: the pod fails
		{"retry", 0, pod.NotRestarted},  // completed, whatever its OnFailure policy
		{"retry", 1, pod.Restarted},     // its own OnFailure policy
		{"proxy", 0, pod.Restarted},     // a sidecar after any exit
		{"proxy", 42, pod.AllRestarted}, // its RestartAllContainers rule
		{"app", 42, pod.AllRestarted},
		{"app", 1, pod.NotRestarted},
		{"job", 0, pod.NotRestarted},
		{"debug", 1, pod.NotRestarted}, // ephemeral containers never restart
	} {
		got, err := pod.RestartAfterExit(p, tc.name, tc.code, feature.Gates{})
		if err != nil || got != tc.want {
			t.Errorf("%s exits %d: %v, %v; want %v", tc.name, tc.code, got, err, tc.want)
		}
	}
	off := feature.Gates{}.With(feature.RestartAllContainersOnContainerExits, false)
	if got, _ := pod.RestartAfterExit(p, "app", 42, off); got != pod.NotRestarted {
		t.Errorf("gate off: %v", got)
	}
	var unknown *pod.UnknownContainerError
	if _, err := pod.RestartAfterExit(p, "nope", 1, feature.Gates{}); !errors.As(err, &unknown) {
		t.Errorf("unknown container: %v", err)
	}
}
