package pod_test

import (
	"testing"
	"time"

	"github.com/podlife/podlife/feature"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/restart"
)

// Table tests for pod.ContainerStatuses, each named after the rule of
// pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses it checks.

var (
	asT0 = time.Date(2025, 6, 1, 10, 0, 0, 0, time.UTC)
	asT1 = asT0.Add(time.Minute)
	asT2 = asT0.Add(2 * time.Minute)
)

func ptrBool(b bool) *bool { return &b }

func exitedRec(name string, attempt, code int32, id string, created time.Time) container.RuntimeRecord {
	reason := container.Error
	if code == 0 {
		reason = container.Completed
	}
	return container.RuntimeRecord{Name: name, State: container.RuntimeExited, ExitCode: code, Reason: reason,
		Attempt: attempt, ContainerID: id, Image: "img", ImageRef: "img@sha256:1",
		CreatedAt: created, StartedAt: created.Add(time.Second), FinishedAt: created.Add(30 * time.Second)}
}

func runningRec(name string, attempt int32, id string, created time.Time) container.RuntimeRecord {
	return container.RuntimeRecord{Name: name, State: container.RuntimeRunning, Attempt: attempt, ContainerID: id,
		Image: "img", ImageRef: "img@sha256:1", CreatedAt: created, StartedAt: created.Add(time.Second)}
}

func waitingState(reason container.WaitingReason, msg string) container.State {
	return container.State{Waiting: &container.Waiting{Reason: reason, Message: msg}}
}

func asPod(policy restart.Policy, init []string, regular ...string) *pod.Pod {
	p := &pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default", UID: "uid-1"}}
	p.Spec.RestartPolicy = policy
	for _, n := range init {
		p.Spec.InitContainers = append(p.Spec.InitContainers, container.Container{Name: n, Image: "img"})
	}
	for _, n := range regular {
		p.Spec.Containers = append(p.Spec.Containers, container.Container{Name: n, Image: "img"})
	}
	return p
}

func convert(p *pod.Pod, rt pod.RuntimeStatus, init bool) []container.Status {
	return pod.ContainerStatuses(nil, p, &rt, listKind(init), feature.Gates{})
}

func checkStatuses(t *testing.T, got, want []container.Status) {
	t.Helper()
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("statuses (-want +got):\n%s", d)
	}
}

// convertToAPIContainerStatuses: every container starts waiting
// ContainerCreating, or PodInitializing when the pod has init containers —
// the init containers included.
func TestContainerStatusesDefaultWaitingReason(t *testing.T) {
	for _, tc := range []struct {
		name   string
		p      *pod.Pod
		init   bool
		reason container.WaitingReason
	}{
		{"no init containers: ContainerCreating", asPod(restart.Always, nil, "app"), false, container.ContainerCreating},
		{"with init containers: PodInitializing", asPod(restart.Always, []string{"setup"}, "app"), false, container.PodInitializing},
		{"the init containers too: PodInitializing", asPod(restart.Always, []string{"setup"}, "app"), true, container.PodInitializing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := convert(tc.p, pod.RuntimeStatus{}, tc.init)
			name := "app"
			if tc.init {
				name = "setup"
			}
			checkStatuses(t, got, []container.Status{{Name: name, Image: "img", State: waitingState(tc.reason, "")}})
		})
	}
}

// convertToAPIContainerStatuses: an old status that was terminated is kept
// whole when no record replaces it; otherwise only its restartCount and
// lastState are carried into the default waiting status.
func TestContainerStatusesOldTerminatedStatusKeptWhole(t *testing.T) {
	term := &container.Terminated{ExitCode: 1, Reason: container.Error, ContainerID: "containerd://a", FinishedAt: asT1}
	old := container.Status{Name: "app", State: container.State{Terminated: term}, Ready: true, RestartCount: 4,
		Image: "img:v1", ImageID: "img@sha256:9", ContainerID: "containerd://a", Started: ptrBool(false)}
	p := asPod(restart.Never, nil, "app")
	p.Status.ContainerStatuses = []container.Status{old}
	checkStatuses(t, convert(p, pod.RuntimeStatus{}, false), []container.Status{old})

	// Not terminated: the default state, with the carried count and lastState.
	last := container.State{Terminated: &container.Terminated{ExitCode: 2}}
	p.Status.ContainerStatuses = []container.Status{{Name: "app", State: waitingState(container.CrashLoopBackOff, "x"), LastState: last, RestartCount: 3}}
	checkStatuses(t, convert(p, pod.RuntimeStatus{}, false),
		[]container.Status{{Name: "app", Image: "img", State: waitingState(container.ContainerCreating, ""), LastState: last, RestartCount: 3}})
}

// convertToAPIContainerStatuses: only the newest two records of a container
// count, and the second one's state becomes lastState whatever it is.
func TestContainerStatusesOnlyNewestTwoRecordsCount(t *testing.T) {
	p := asPod(restart.Always, nil, "app")
	for _, tc := range []struct {
		name   string
		second container.RuntimeRecord
		last   container.State
	}{
		{"exited", exitedRec("app", 1, 1, "containerd://b", asT1),
			container.State{Terminated: &container.Terminated{ExitCode: 1, Reason: container.Error, StartedAt: asT1.Add(time.Second), FinishedAt: asT1.Add(30 * time.Second), ContainerID: "containerd://b"}}},
		{"running", runningRec("app", 1, "containerd://b", asT1),
			container.State{Running: &container.Running{StartedAt: asT1.Add(time.Second)}}},
		{"created", container.RuntimeRecord{Name: "app", State: container.RuntimeCreated, Attempt: 1, CreatedAt: asT1, ContainerID: "containerd://b"},
			container.State{Waiting: &container.Waiting{}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rt := pod.RuntimeStatus{Records: []container.RuntimeRecord{
				runningRec("app", 2, "containerd://c", asT2),
				tc.second,
				exitedRec("app", 0, 137, "containerd://a", asT0), // third: ignored
			}}
			checkStatuses(t, convert(p, rt, false), []container.Status{{
				Name: "app", State: container.State{Running: &container.Running{StartedAt: asT2.Add(time.Second)}},
				LastState: tc.last, RestartCount: 2, Image: "img", ImageID: "img@sha256:1", ContainerID: "containerd://c",
				Resources: &container.Resources{},
			}})
		})
	}
}

// convertToAPIContainerStatuses: a container whose records all vanished
// while its old status showed it running gets lastState terminated
// ContainerStatusUnknown with exit code 137, and one more restart unless
// the pod is being deleted.
func TestContainerStatusesVanishedWhileRunning(t *testing.T) {
	for _, deleting := range []bool{false, true} {
		p := asPod(restart.Always, nil, "app")
		if deleting {
			p.Metadata.DeletionTimestamp = asT2
		}
		p.Status.ContainerStatuses = []container.Status{{Name: "app", RestartCount: 2, ContainerID: "containerd://a",
			State: container.State{Running: &container.Running{StartedAt: asT0}}, Ready: true, Started: ptrBool(true)}}
		want := int32(3)
		if deleting {
			want = 2
		}
		checkStatuses(t, convert(p, pod.RuntimeStatus{}, false), []container.Status{{
			Name: "app", Image: "img", State: waitingState(container.ContainerCreating, ""), RestartCount: want,
			LastState: container.State{Terminated: &container.Terminated{ExitCode: 137, Reason: container.ContainerStatusUnknown,
				Message: "The container could not be located when the pod was deleted.  The container used to be Running"}},
		}})
	}
}

// convertContainerStatus: an unknown record whose old status was running
// becomes terminated ContainerStatusUnknown (exit 137, one more restart).
func TestContainerStatusesUnknownAfterRunning(t *testing.T) {
	p := asPod(restart.Always, nil, "app")
	p.Status.ContainerStatuses = []container.Status{{Name: "app", RestartCount: 1, State: container.State{Running: &container.Running{StartedAt: asT0}}}}
	rt := pod.RuntimeStatus{Records: []container.RuntimeRecord{{Name: "app", State: container.RuntimeUnknown, Attempt: 1, ContainerID: "containerd://a", Image: "img"}}}
	checkStatuses(t, convert(p, rt, false), []container.Status{{
		Name: "app", Image: "img", ContainerID: "containerd://a", RestartCount: 2, Resources: &container.Resources{},
		State: container.State{Terminated: &container.Terminated{ExitCode: 137, Reason: container.ContainerStatusUnknown,
			Message: "The container could not be located when the pod was terminated"}},
	}})
}

// convertToAPIContainerStatuses: the reason cache (the last failed start)
// is shown as waiting only where the kubelet would restart the container
// now (ShouldContainerBeRestarted); a terminated state then moves to
// lastState.
func TestContainerStatusesFailedStartOnlyWhereRestartDue(t *testing.T) {
	crash := container.FailedStart{Name: "app", Reason: container.CrashLoopBackOff, Message: "back-off 10s"}
	exited := exitedRec("app", 1, 1, "containerd://a", asT0)
	term := &container.Terminated{ExitCode: 1, Reason: container.Error, StartedAt: asT0.Add(time.Second), FinishedAt: asT0.Add(30 * time.Second), ContainerID: "containerd://a"}
	base := container.Status{Name: "app", RestartCount: 1, Image: "img", ImageID: "img@sha256:1", ContainerID: "containerd://a",
		Resources: &container.Resources{}}
	shown := base
	shown.State, shown.LastState = waitingState(container.CrashLoopBackOff, "back-off 10s"), container.State{Terminated: term}
	kept := base
	kept.State = container.State{Terminated: term}
	for _, tc := range []struct {
		name     string
		policy   restart.Policy
		deleting bool
		records  []container.RuntimeRecord
		want     container.Status
	}{
		{"Always restarts an exit: shown", restart.Always, false, []container.RuntimeRecord{exited}, shown},
		{"OnFailure restarts exit 1: shown", restart.OnFailure, false, []container.RuntimeRecord{exited}, shown},
		{"Never does not restart: terminated kept", restart.Never, false, []container.RuntimeRecord{exited}, kept},
		{"pod being deleted: terminated kept", restart.Always, true, []container.RuntimeRecord{exited}, kept},
		{"running: not shown", restart.Always, false, []container.RuntimeRecord{runningRec("app", 1, "containerd://a", asT0)},
			container.Status{Name: "app", RestartCount: 1, Image: "img", ImageID: "img@sha256:1", ContainerID: "containerd://a",
				Resources: &container.Resources{},
				State:     container.State{Running: &container.Running{StartedAt: asT0.Add(time.Second)}}}},
		{"no record, even under Never: shown", restart.Never, false, nil,
			container.Status{Name: "app", Image: "img", State: waitingState(container.CrashLoopBackOff, "back-off 10s")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := asPod(tc.policy, nil, "app")
			if tc.deleting {
				p.Metadata.DeletionTimestamp = asT2
			}
			rt := pod.RuntimeStatus{Records: tc.records, FailedStarts: []container.FailedStart{crash}}
			checkStatuses(t, convert(p, rt, false), []container.Status{tc.want})
		})
	}
}

// convertToAPIContainerStatuses (init list): an init container whose
// newest record exited 0 keeps its terminated state even with a cached
// failure, and a vanished plain init container of a pod whose regular
// containers exist is reported Completed (a sidecar is not).
func TestContainerStatusesInitContainerCompleted(t *testing.T) {
	p := asPod(restart.Always, []string{"setup", "proxy"}, "app")
	p.Spec.InitContainers[1].RestartPolicy = restart.Always.Ptr()
	rt := pod.RuntimeStatus{
		Records:      []container.RuntimeRecord{runningRec("app", 0, "containerd://b", asT1)},
		FailedStarts: []container.FailedStart{{Name: "proxy", Reason: container.CrashLoopBackOff}},
	}
	got := convert(p, rt, true)
	checkStatuses(t, got, []container.Status{
		{Name: "setup", Image: "img", State: container.State{Terminated: &container.Terminated{Reason: container.Completed,
			Message: "Unable to get init container status from container runtime and pod has been initialized, treat it as exited normally"}}},
		{Name: "proxy", Image: "img", State: waitingState(container.CrashLoopBackOff, "")},
	})

	rt = pod.RuntimeStatus{
		Records:      []container.RuntimeRecord{exitedRec("setup", 0, 0, "containerd://a", asT0)},
		FailedStarts: []container.FailedStart{{Name: "setup", Reason: container.RunContainerError}},
	}
	got = convert(p, rt, true)
	if got[0].State.Terminated == nil || got[0].State.Terminated.Reason != container.Completed {
		t.Errorf("setup exited 0: state = %+v, want terminated Completed", got[0].State)
	}
}

// convertToAPIContainerStatuses never sets ready (the probe results do,
// later), and carries started only for a running record.
func TestContainerStatusesReadyNeverSet(t *testing.T) {
	p := asPod(restart.Always, nil, "app", "db")
	run := container.State{Running: &container.Running{StartedAt: asT0}}
	p.Status.ContainerStatuses = []container.Status{
		{Name: "app", State: run, Ready: true, Started: ptrBool(true), ContainerID: "containerd://a"},
		{Name: "db", State: run, Ready: true, Started: ptrBool(true), ContainerID: "containerd://b"},
	}
	rt := pod.RuntimeStatus{Records: []container.RuntimeRecord{
		runningRec("app", 0, "containerd://a", asT0),
		{Name: "db", State: container.RuntimeCreated, ContainerID: "containerd://c", CreatedAt: asT1},
	}}
	got := convert(p, rt, false)
	for _, s := range got {
		if s.Ready {
			t.Errorf("%s: ready = true", s.Name)
		}
	}
	if !got[0].IsStarted() || got[0].Name != "app" {
		t.Errorf("app (running): started = %v, want carried true", got[0].Started)
	}
	if got[1].Started != nil {
		t.Errorf("db (created): started = %v, want nil", *got[1].Started)
	}
}

// convertToAPIContainerStatuses: regular containers come sorted by name
// (SortedContainerStatuses), init containers in spec order
// (SortStatusesOfInitContainers).
func TestContainerStatusesOrder(t *testing.T) {
	p := asPod(restart.Always, []string{"z-init", "a-init"}, "web", "api", "cache")
	names := func(list []container.Status) []string {
		var out []string
		for _, s := range list {
			out = append(out, s.Name)
		}
		return out
	}
	if d := cmp.Diff([]string{"api", "cache", "web"}, names(convert(p, pod.RuntimeStatus{}, false))); d != "" {
		t.Errorf("regular order (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"z-init", "a-init"}, names(convert(p, pod.RuntimeStatus{}, true))); d != "" {
		t.Errorf("init order (-want +got):\n%s", d)
	}
}

// ShouldAllContainersRestart: the AllContainersRestarting condition, or an
// exit matching a RestartAllContainers rule; never with the gate off.
func TestShouldAllContainersRestart(t *testing.T) {
	p := asPod(restart.Always, nil, "app")
	p.Spec.Containers[0].RestartPolicy = restart.Never.Ptr()
	p.Spec.Containers[0].RestartPolicyRules = []restart.Rule{{Action: restart.ActionRestartAllContainers,
		ExitCodes: &restart.ExitCodes{Operator: restart.In, Values: []int32{42}}}}
	rec := []container.RuntimeRecord{exitedRec("app", 0, 42, "containerd://a", asT0)}
	off := feature.Gates{}.With(feature.RestartAllContainersOnContainerExits, false)
	if !pod.ShouldAllContainersRestart(p, rec, feature.Gates{}) {
		t.Error("exit 42 matching RestartAllContainers: got false")
	}
	if pod.ShouldAllContainersRestart(p, rec, off) {
		t.Error("gate off: got true")
	}
	if pod.ShouldAllContainersRestart(p, []container.RuntimeRecord{exitedRec("app", 0, 1, "containerd://a", asT0)}, feature.Gates{}) {
		t.Error("exit 1: got true")
	}
	p.Status.Conditions = []pod.Condition{{Type: pod.AllContainersRestarting, Status: pod.ConditionTrue}}
	if !pod.ShouldAllContainersRestart(p, nil, feature.Gates{}) {
		t.Error("condition AllContainersRestarting=True: got false")
	}
}

// The statuses of one call stay valid while they are passed back as the
// previous status of the next call for the same list.
func TestContainerStatusesBufferReuse(t *testing.T) {
	p := asPod(restart.Always, []string{"setup"}, "app")
	rt := pod.RuntimeStatus{Records: []container.RuntimeRecord{
		runningRec("app", 0, "containerd://b", asT1), exitedRec("setup", 0, 0, "containerd://a", asT0),
	}}
	var buf pod.StatusBuffer
	fresh := func() ([]container.Status, []container.Status) {
		return convert(p, rt, false), convert(p, rt, true)
	}
	for i := 0; i < 4; i++ {
		reg := pod.ContainerStatuses(&buf, p, &rt, container.Regular, feature.Gates{})
		ini := pod.ContainerStatuses(&buf, p, &rt, container.Init, feature.Gates{})
		wantReg, wantIni := fresh()
		checkStatuses(t, reg, wantReg)
		checkStatuses(t, ini, wantIni)
		p.Status.ContainerStatuses, p.Status.InitContainerStatuses = reg, ini
	}
}

func apistatusBenchPod() (*pod.Pod, *pod.RuntimeStatus) {
	p := asPod(restart.Always, []string{"setup", "proxy"}, "web", "api", "worker")
	p.Spec.InitContainers[1].RestartPolicy = restart.Always.Ptr()
	// Resources and mounts, a read-only one among them, so that their
	// arenas are reused too.
	p.Spec.Containers[0].Resources = container.Resources{
		Requests: resource.MustParseList("cpu=250m,memory=64Mi"),
		Limits:   resource.MustParseList("memory=64Mi"),
	}
	p.Spec.Containers[0].VolumeMounts = []container.VolumeMount{{Name: "data", MountPath: "/data"}, {Name: "cfg", MountPath: "/etc/cfg", ReadOnly: true}}
	p.Spec.Containers[1].VolumeMounts = []container.VolumeMount{{Name: "cfg", MountPath: "/etc/cfg", ReadOnly: true}}
	rt := &pod.RuntimeStatus{
		Records: []container.RuntimeRecord{
			runningRec("worker", 3, "containerd://w3", asT2),
			runningRec("api", 0, "containerd://a0", asT1),
			runningRec("proxy", 0, "containerd://p0", asT1),
			exitedRec("web", 2, 1, "containerd://web2", asT1),
			exitedRec("worker", 2, 137, "containerd://w2", asT1),
			exitedRec("web", 1, 1, "containerd://web1", asT0),
			exitedRec("worker", 1, 1, "containerd://w1", asT0),
			exitedRec("setup", 0, 0, "containerd://s0", asT0),
		},
		FailedStarts: []container.FailedStart{{Name: "web", Reason: container.CrashLoopBackOff, Message: "back-off 20s"}},
	}
	var buf pod.StatusBuffer
	p.Status.ContainerStatuses = append([]container.Status(nil), pod.ContainerStatuses(&buf, p, rt, container.Regular, feature.Gates{})...)
	p.Status.InitContainerStatuses = append([]container.Status(nil), pod.ContainerStatuses(&buf, p, rt, container.Init, feature.Gates{})...)
	return p, rt
}

// Once the buffer has grown to the pod's size, a conversion allocates
// nothing.
func TestContainerStatusesAllocs(t *testing.T) {
	p, rt := apistatusBenchPod()
	var buf pod.StatusBuffer
	var sink int
	allocs := testing.AllocsPerRun(100, func() {
		sink += len(pod.ContainerStatuses(&buf, p, rt, container.Regular, feature.Gates{}))
		sink += len(pod.ContainerStatuses(&buf, p, rt, container.Init, feature.Gates{}))
	})
	if allocs != 0 {
		t.Errorf("ContainerStatuses with a warm buffer: %v allocations per run, want 0", allocs)
	}
	_ = sink
}

func BenchmarkContainerStatuses(b *testing.B) {
	p, rt := apistatusBenchPod()
	var buf pod.StatusBuffer
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = pod.ContainerStatuses(&buf, p, rt, container.Regular, feature.Gates{})
		_ = pod.ContainerStatuses(&buf, p, rt, container.Init, feature.Gates{})
	}
}

// ShouldAllContainersRestart (pkg/kubelet/container/helpers.go): a
// container whose newest record is not an exit is skipped whole, so a
// matching exit in its previous API state alone does not count.
func TestShouldAllContainersRestartNeedsAnExitedRecord(t *testing.T) {
	p := asPod(restart.Always, nil, "app")
	p.Spec.Containers[0].RestartPolicy = restart.Never.Ptr()
	p.Spec.Containers[0].RestartPolicyRules = []restart.Rule{{Action: restart.ActionRestartAllContainers,
		ExitCodes: &restart.ExitCodes{Operator: restart.In, Values: []int32{42}}}}
	p.Status.ContainerStatuses = []container.Status{{Name: "app", State: container.State{Terminated: &container.Terminated{ExitCode: 42}}}}
	if pod.ShouldAllContainersRestart(p, nil, feature.Gates{}) {
		t.Error("no record, previous state exit 42: got true, want false")
	}
	// With an exited record that does not match, the previous state is read.
	if !pod.ShouldAllContainersRestart(p, []container.RuntimeRecord{exitedRec("app", 1, 1, "containerd://b", asT1)}, feature.Gates{}) {
		t.Error("record exit 1, previous state exit 42: got false, want true")
	}
}

// convertToAPIContainerStatuses asks ShouldContainerBeRestarted, which does
// not single out sidecars: with ContainerRestartRules off, an exited
// sidecar of a Never pod is not restarted, so its cached failure is not
// shown.
func TestContainerStatusesSidecarJudgedByHelper(t *testing.T) {
	p := asPod(restart.Never, []string{"proxy"}, "app")
	p.Spec.InitContainers[0].RestartPolicy = restart.Always.Ptr()
	rt := pod.RuntimeStatus{
		Records:      []container.RuntimeRecord{exitedRec("proxy", 0, 1, "containerd://a", asT0)},
		FailedStarts: []container.FailedStart{{Name: "proxy", Reason: container.CrashLoopBackOff}},
	}
	off := feature.Gates{}.With(feature.RestartAllContainersOnContainerExits, false).With(feature.ContainerRestartRules, false)
	if got := pod.ContainerStatuses(nil, p, &rt, container.Init, off); got[0].State.Terminated == nil {
		t.Errorf("gates off: state = %+v, want the exit kept", got[0].State)
	}
	if got := pod.ContainerStatuses(nil, p, &rt, container.Init, feature.Gates{}); got[0].State.Waiting == nil || got[0].State.Waiting.Reason != container.CrashLoopBackOff {
		t.Errorf("defaults: state = %+v, want waiting CrashLoopBackOff", got[0].State)
	}
}

// convertToAPIContainerStatuses keeps statuses in a map by name and lists
// init containers in spec order: a name listed twice (which the apiserver
// rejects) gets its one status at each place, the later container's.
func TestContainerStatusesInitNameListedTwice(t *testing.T) {
	p := asPod(restart.Always, []string{"a", "b", "a"}, "app")
	p.Spec.InitContainers[2].Image = "img:later"
	rt := pod.RuntimeStatus{Records: []container.RuntimeRecord{exitedRec("b", 0, 0, "containerd://b", asT0)}}
	var buf pod.StatusBuffer
	for round := range 3 { // a fresh buffer, then its warm halves
		got := pod.ContainerStatuses(&buf, p, &rt, container.Init, feature.Gates{})
		if len(got) != 3 || got[0].Name != "a" || got[1].Name != "b" || got[2].Name != "a" {
			t.Fatalf("round %d: names %v, want [a b a]", round, statusNames(got))
		}
		if d := cmp.Diff(got[0], got[2]); d != "" {
			t.Errorf("round %d: the two listings of a differ (-first +second):\n%s", round, d)
		}
		if got[0].Image != "img:later" {
			t.Errorf("round %d: a's image %q, want the later container's img:later", round, got[0].Image)
		}
		if got[1].State.Terminated == nil {
			t.Errorf("round %d: b's state %+v, want its record's termination", round, got[1].State)
		}
	}
}

func statusNames(list []container.Status) []string {
	out := make([]string, len(list))
	for i := range list {
		out[i] = list[i].Name
	}
	return out
}
