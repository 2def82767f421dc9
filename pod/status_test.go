package pod_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/feature"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

var t0 = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

func boolPtr(b bool) *bool { return &b }

// webPod is a realistic pod: an init container, a sidecar and two apps,
// all up and ready.
func webPod() pod.Pod {
	return pod.Pod{
		Metadata: pod.Meta{Name: "web-7d4b9", Namespace: "shop", UID: "0f3c"},
		Spec: pod.Spec{
			RestartPolicy: restart.Always,
			InitContainers: []container.Container{
				{Name: "migrate", Image: "app:v2"},
				{Name: "proxy", Image: "envoy:1.30", RestartPolicy: restart.Always.Ptr()},
			},
			Containers:     []container.Container{{Name: "app", Image: "app:v2"}, {Name: "metrics", Image: "exporter:1"}},
			ReadinessGates: []pod.ReadinessGate{{ConditionType: "example.com/lb-ready"}},
		},
		Status: pod.Status{
			Phase: phase.Running,
			Conditions: []pod.Condition{
				{Type: "example.com/lb-ready", Status: pod.ConditionTrue},
			},
			InitContainerStatuses: []container.Status{
				{Name: "migrate", Ready: true, State: container.State{Terminated: &container.Terminated{ExitCode: 0, Reason: container.Completed}}},
				{Name: "proxy", Ready: true, Started: boolPtr(true), State: container.State{Running: &container.Running{StartedAt: t0}}},
			},
			ContainerStatuses: []container.Status{
				{Name: "app", Ready: true, Started: boolPtr(true), State: container.State{Running: &container.Running{StartedAt: t0}}},
				{Name: "metrics", Ready: true, Started: boolPtr(true), State: container.State{Running: &container.Running{StartedAt: t0}}},
			},
		},
	}
}

var healthy = pod.NodeFacts{PodHasInitialized: true, Sandboxes: []pod.Sandbox{{Ready: true, IP: "10.0.0.7"}}}

func conditionMap(cs []pod.Condition) map[pod.ConditionType]pod.Condition {
	m := map[pod.ConditionType]pod.Condition{}
	for _, c := range cs {
		m[c.Type] = c
	}
	return m
}

func TestKubeletStatusHealthyPod(t *testing.T) {
	p := webPod()
	st := pod.KubeletStatus(&p, healthy, feature.Gates{}, t0.Add(1500*time.Millisecond))
	if st.Phase != phase.Running {
		t.Fatalf("phase = %s, want Running", st.Phase)
	}
	var types []pod.ConditionType
	for _, c := range st.Conditions {
		types = append(types, c.Type)
		if c.Status != pod.ConditionTrue {
			t.Errorf("%s = %s (%s: %s), want True", c.Type, c.Status, c.Reason, c.Message)
		}
	}
	// generateAPIPodStatus: carried conditions first, then the kubelet's in
	// its fixed order.
	want := []pod.ConditionType{"example.com/lb-ready", pod.PodReadyToStartContainers, pod.Initialized,
		pod.Ready, pod.ContainersReady, pod.PodScheduled}
	if d := cmp.Diff(want, types); d != "" {
		t.Errorf("condition order (-want +got):\n%s", d)
	}
	if got := st.StartTime; !got.Equal(t0.Add(time.Second)) {
		t.Errorf("startTime = %v, want now cut to whole seconds", got)
	}
}

// pkg/kubelet/status/status_manager.go updateLastTransitionTime: the time
// moves only when the status changes; a new reason or message alone keeps it.
func TestKubeletStatusLastTransitionTime(t *testing.T) {
	p := webPod()
	p.Status = pod.KubeletStatus(&p, healthy, feature.Gates{}, t0)
	// The app stops being ready: Ready and ContainersReady flip.
	p.Status.ContainerStatuses[0].Ready = false
	t1 := t0.Add(time.Minute)
	p.Status = pod.KubeletStatus(&p, healthy, feature.Gates{}, t1)
	got := conditionMap(p.Status.Conditions)
	if !got[pod.Ready].LastTransitionTime.Equal(t1) || !got[pod.ContainersReady].LastTransitionTime.Equal(t1) {
		t.Errorf("Ready/ContainersReady changed status but kept their transition times: %v %v",
			got[pod.Ready].LastTransitionTime, got[pod.ContainersReady].LastTransitionTime)
	}
	if !got[pod.Initialized].LastTransitionTime.Equal(t0) {
		t.Errorf("Initialized did not change but its transition time moved to %v", got[pod.Initialized].LastTransitionTime)
	}
	// Another container goes unready: the message changes, the status does not.
	p.Status.ContainerStatuses[1].Ready = false
	t2 := t1.Add(time.Minute)
	p.Status = pod.KubeletStatus(&p, healthy, feature.Gates{}, t2)
	got = conditionMap(p.Status.Conditions)
	if got[pod.Ready].Message != "containers with unready status: [app metrics]" {
		t.Errorf("Ready message = %q", got[pod.Ready].Message)
	}
	if !got[pod.Ready].LastTransitionTime.Equal(t1) {
		t.Errorf("a message change moved lastTransitionTime to %v", got[pod.Ready].LastTransitionTime)
	}
	if !p.Status.StartTime.Equal(t0) {
		t.Errorf("startTime moved to %v; it is set once", p.Status.StartTime)
	}
}

// pkg/kubelet/kubelet_pods.go generateAPIPodStatus: terminal phases are
// sticky, reason and message go with the phase, an eviction fails the pod.
func TestKubeletStatusPhaseMerge(t *testing.T) {
	failedApp := func(p *pod.Pod) {
		p.Spec.RestartPolicy = restart.Never
		for i := range p.Status.ContainerStatuses {
			p.Status.ContainerStatuses[i].State = container.State{Terminated: &container.Terminated{ExitCode: 1}}
			p.Status.ContainerStatuses[i].Ready = false
		}
		p.Status.InitContainerStatuses[1].State = container.State{Terminated: &container.Terminated{ExitCode: 137}}
	}
	tests := []struct {
		name        string
		prev        func(p *pod.Pod)
		facts       pod.NodeFacts
		wantPhase   phase.Phase
		wantReason  string
		wantMessage string
	}{
		{"a Succeeded pod stays Succeeded though its containers run", func(p *pod.Pod) {
			p.Status.Phase, p.Status.Reason = phase.Succeeded, "Done"
		}, healthy, phase.Succeeded, "Done", ""},
		{"a Failed pod never becomes Succeeded", func(p *pod.Pod) {
			p.Status.Phase = phase.Failed
			for i := range p.Status.ContainerStatuses {
				p.Status.ContainerStatuses[i].State = container.State{Terminated: &container.Terminated{ExitCode: 0}}
			}
		}, pod.NodeFacts{PodIsTerminal: true}, phase.Failed, "", ""},
		{"reason and message survive while the phase stays", func(p *pod.Pod) {
			p.Status.Reason, p.Status.Message = "Custom", "kept"
		}, healthy, phase.Running, "Custom", "kept"},
		{"reason and message are cleared when the phase changes", func(p *pod.Pod) {
			failedApp(p)
			p.Status.Reason, p.Status.Message = "Custom", "dropped"
		}, healthy, phase.Failed, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := webPod()
			tt.prev(&p)
			st := pod.KubeletStatus(&p, tt.facts, feature.Gates{}, t0)
			if st.Phase != tt.wantPhase || st.Reason != tt.wantReason || st.Message != tt.wantMessage {
				t.Errorf("got %s %q %q, want %s %q %q", st.Phase, st.Reason, st.Message, tt.wantPhase, tt.wantReason, tt.wantMessage)
			}
		})
	}
}

func TestKubeletStatusDoesNotChangeInput(t *testing.T) {
	p := webPod()
	before := webPod()
	_ = pod.KubeletStatus(&p, healthy, feature.Gates{}, t0)
	if d := cmp.Diff(before, p); d != "" {
		t.Errorf("KubeletStatus changed its input (-before +after):\n%s", d)
	}
}

// Condition rules of pkg/kubelet/status/generate.go that the conformance
// vectors do not reach.
func TestConditionRules(t *testing.T) {
	t.Run("a readiness gate whose condition is missing keeps Ready False", func(t *testing.T) {
		p := webPod()
		p.Status.Conditions = nil
		got := conditionMap(pod.Conditions(&p, phase.Running, healthy, feature.Gates{}))[pod.Ready]
		want := pod.Condition{Type: pod.Ready, Status: pod.ConditionFalse, Reason: pod.ReasonReadinessGatesNotReady,
			Message: `corresponding condition of pod readiness gate "example.com/lb-ready" does not exist.`}
		if d := cmp.Diff(want, got); d != "" {
			t.Error(d)
		}
	})
	t.Run("a pod that was Initialized stays so while restart-all re-runs init containers", func(t *testing.T) {
		p := webPod()
		p.Status.InitContainerStatuses[0] = container.Status{Name: "migrate", State: container.State{Running: &container.Running{}}}
		p.Status.ContainerStatuses = []container.Status{
			{Name: "app", State: container.State{Waiting: &container.Waiting{Reason: container.WaitingRestartingAll}}},
			{Name: "metrics", State: container.State{Waiting: &container.Waiting{Reason: container.WaitingRestartingAll}}}}
		p.Status.Conditions = []pod.Condition{{Type: pod.Initialized, Status: pod.ConditionTrue}}
		on := conditionMap(pod.Conditions(&p, phase.Running, healthy, feature.Gates{}))[pod.Initialized]
		if on.Status != pod.ConditionTrue {
			t.Errorf("gate on: Initialized = %s %s, want True", on.Status, on.Reason)
		}
		off := feature.Gates{}.With(feature.RestartAllContainersOnContainerExits, false)
		got := conditionMap(pod.Conditions(&p, phase.Running, healthy, off))[pod.Initialized]
		if got.Status != pod.ConditionFalse || got.Message != "containers with incomplete status: [migrate]" {
			t.Errorf("gate off: Initialized = %s %q, want False with migrate incomplete", got.Status, got.Message)
		}
	})
	t.Run("PodReadyToStartContainers whatever the gates (GA, locked on)", func(t *testing.T) {
		p := webPod()
		off := feature.Gates{}.With(feature.PodReadyToStartContainersCondition, false)
		if _, ok := conditionMap(pod.Conditions(&p, phase.Running, healthy, off))[pod.PodReadyToStartContainers]; !ok {
			t.Error("PodReadyToStartContainers missing: its gate cannot be turned off in v1.37")
		}
	})
	t.Run("PodScheduled is always True", func(t *testing.T) {
		p := webPod()
		if got := conditionMap(pod.Conditions(&p, phase.Pending, pod.NodeFacts{}, feature.Gates{}))[pod.PodScheduled]; got.Status != pod.ConditionTrue {
			t.Errorf("PodScheduled = %s", got.Status)
		}
	})
}

// pkg/kubelet/kuberuntime/util/util.go PodSandboxChanged.
func TestSandboxRules(t *testing.T) {
	tests := []struct {
		name        string
		sandboxes   []pod.Sandbox
		hostNetwork bool
		wantNew     bool
		wantAttempt uint32
		wantMsg     string
	}{
		{"no sandbox", nil, false, true, 0, "no pod sandbox exists"},
		{"a ready sandbox with an IP serves", []pod.Sandbox{{Ready: true, IP: "10.1.2.3", Attempt: 2}}, false, false, 2, ""},
		{"two ready sandboxes need reconciling", []pod.Sandbox{{Ready: true, IP: "a", Attempt: 1}, {Ready: true, IP: "b"}}, false, true, 2,
			"multiple pod sandboxes are ready and need to be reconciled"},
		{"the newest sandbox not ready", []pod.Sandbox{{Attempt: 3}, {Ready: true, IP: "b", Attempt: 2}}, false, true, 4, "pod sandbox is not ready"},
		{"no IP", []pod.Sandbox{{Ready: true}}, false, true, 1, "pod sandbox has no IP address"},
		{"host network needs no IP", []pod.Sandbox{{Ready: true, NetworkNamespaceMode: pod.NamespaceNode}}, true, false, 0, ""},
		{"hostNetwork changed", []pod.Sandbox{{Ready: true, IP: "10.1.2.3"}}, true, true, 1, "network namespace mode changed and sandbox needs to be recreated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotNew, gotAttempt := pod.NeedsNewSandbox(tt.sandboxes, tt.hostNetwork)
			if gotNew != tt.wantNew || gotAttempt != tt.wantAttempt {
				t.Errorf("NeedsNewSandbox = %v, %d; want %v, %d", gotNew, gotAttempt, tt.wantNew, tt.wantAttempt)
			}
			c := pod.ReadyToStartContainersCondition(tt.sandboxes, tt.hostNetwork)
			if c.Message != tt.wantMsg || (c.Status == pod.ConditionTrue) != (tt.wantMsg == "") {
				t.Errorf("condition = %s %q, want message %q", c.Status, c.Message, tt.wantMsg)
			}
		})
	}
}

func TestPhaseAllocatesNothing(t *testing.T) {
	p := webPod()
	if n := testing.AllocsPerRun(100, func() { _ = pod.Phase(&p, healthy, feature.Gates{}) }); n != 0 {
		t.Fatalf("pod.Phase allocates %v times per call, want 0", n)
	}
}

func BenchmarkPhase(b *testing.B) {
	p := webPod()
	b.ReportAllocs()
	for b.Loop() {
		_ = pod.Phase(&p, healthy, feature.Gates{})
	}
}

// conditionsSink keeps each list, as a caller does: dropped, the inlined
// Conditions's list stays on the stack, which no caller gets.
var conditionsSink []pod.Condition

func BenchmarkConditions(b *testing.B) {
	p := webPod()
	b.ReportAllocs()
	for b.Loop() {
		conditionsSink = pod.Conditions(&p, phase.Running, healthy, feature.Gates{})
	}
}

func BenchmarkKubeletStatus(b *testing.B) {
	p := webPod()
	b.ReportAllocs()
	for b.Loop() {
		_ = pod.KubeletStatus(&p, healthy, feature.Gates{}, t0)
	}
}

// pkg/kubelet/eviction/eviction_manager.go evictPod: the pod becomes Failed
// with reason Evicted and the message, and gets DisruptionTarget True
// (TerminationByKubelet); a pod already Succeeded is left as it is.
func TestEvict(t *testing.T) {
	p := webPod()
	msg := "The node was low on resource: memory."
	pod.Evict(&p, pod.Eviction{Message: msg}, pod.NodeFacts{PodIsTerminal: true, PodHasInitialized: true}, feature.Gates{}, t0)
	if p.Status.Phase != phase.Failed || p.Status.Reason != pod.ReasonEvicted || p.Status.Message != msg {
		t.Fatalf("got %s %q %q", p.Status.Phase, p.Status.Reason, p.Status.Message)
	}
	dt := p.Status.Condition(pod.DisruptionTarget)
	if dt == nil || dt.Status != pod.ConditionTrue || dt.Reason != pod.ReasonTerminationByKubelet || dt.Message != msg || !dt.LastTransitionTime.Equal(t0) {
		t.Fatalf("DisruptionTarget = %+v", dt)
	}
	done := webPod()
	done.Status.Phase = phase.Succeeded
	pod.Evict(&done, pod.Eviction{Message: msg}, pod.NodeFacts{PodIsTerminal: true}, feature.Gates{}, t0)
	if done.Status.Phase != phase.Succeeded || done.Status.Reason != "" || done.Status.Condition(pod.DisruptionTarget) != nil {
		t.Fatalf("a Succeeded pod was changed: %+v", done.Status)
	}
}

// The condition messages are built in a stack buffer: a message longer
// than it (many containers, long names) must come out whole, both parts
// in upstream's format (pkg/kubelet/status/generate.go), and the
// Initialized message must list init containers only.
func TestLongConditionMessages(t *testing.T) {
	var p pod.Pod
	var unknown, unready, incomplete []string
	for i := range 12 {
		name := "a-rather-long-container-name-" + strconv.Itoa(i)
		p.Spec.Containers = append(p.Spec.Containers, container.Container{Name: name})
		if i%3 == 0 {
			unknown = append(unknown, name) // no status
			continue
		}
		p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, container.Status{Name: name,
			State: container.State{Waiting: &container.Waiting{Reason: container.PodInitializing}}})
		unready = append(unready, name)
		init := "init-with-a-long-name-" + strconv.Itoa(i)
		p.Spec.InitContainers = append(p.Spec.InitContainers, container.Container{Name: init})
		p.Status.InitContainerStatuses = append(p.Status.InitContainerStatuses, container.Status{Name: init,
			State: container.State{Running: &container.Running{}}})
		incomplete = append(incomplete, init)
	}
	list := func(names []string) string { return "[" + strings.Join(names, " ") + "]" }
	got := map[pod.ConditionType]pod.Condition{}
	for _, c := range pod.Conditions(&p, phase.Pending, pod.NodeFacts{}, feature.Gates{}) {
		got[c.Type] = c
	}
	wantReady := "containers with unknown status: " + list(unknown) + ", containers with unready status: " + list(unready)
	if m := got[pod.ContainersReady].Message; m != wantReady {
		t.Errorf("ContainersReady message\n got %q\nwant %q", m, wantReady)
	}
	if len(wantReady) <= 192 {
		t.Fatalf("message of %d bytes does not test the stack buffer's growth", len(wantReady))
	}
	wantInit := "containers with incomplete status: " + list(incomplete)
	if m := got[pod.Initialized].Message; m != wantInit {
		t.Errorf("Initialized message\n got %q\nwant %q", m, wantInit)
	}
}

// pkg/api/v1/pod/util.go CalculatePodConditionObservedGeneration, with
// PodObservedGenerationTracking GA and locked on (v1.35): every condition
// the kubelet generates, and the eviction manager's DisruptionTarget,
// carries the pod's metadata.generation; a condition someone else wrote
// keeps its own; a new generation alone moves no lastTransitionTime
// (status_manager.go compares statuses only); the status's own
// observedGeneration is the generation (CalculatePodStatusObservedGeneration)
// and never goes down (mergePodStatus).
func TestConditionsObserveTheGeneration(t *testing.T) {
	p := webPod()
	p.Metadata.Generation = 3
	p.Status.Conditions[0].ObservedGeneration = 1 // the load balancer's
	for _, c := range pod.Conditions(&p, phase.Running, healthy, feature.Gates{}) {
		if c.ObservedGeneration != 3 {
			t.Errorf("generated %s: observedGeneration %d, want 3", c.Type, c.ObservedGeneration)
		}
	}
	st := pod.KubeletStatus(&p, healthy, feature.Gates{}, t0)
	for _, c := range st.Conditions {
		want := int64(3)
		if c.Type == "example.com/lb-ready" {
			want = 1
		}
		if c.ObservedGeneration != want {
			t.Errorf("status %s: observedGeneration %d, want %d", c.Type, c.ObservedGeneration, want)
		}
	}
	if st.ObservedGeneration != 3 {
		t.Errorf("status observedGeneration %d, want 3", st.ObservedGeneration)
	}
	p.Status = st
	p.Metadata.Generation = 4
	later := pod.KubeletStatus(&p, healthy, feature.Gates{}, t0.Add(time.Hour))
	if later.ObservedGeneration != 4 {
		t.Errorf("status observedGeneration %d, want 4", later.ObservedGeneration)
	}
	older := p
	older.Status.ObservedGeneration = 7 // a status written for a later generation: never lowered (mergePodStatus)
	if got := pod.KubeletStatus(&older, healthy, feature.Gates{}, t0).ObservedGeneration; got != 7 {
		t.Errorf("status observedGeneration %d, want 7 kept", got)
	}
	if r := later.Condition(pod.Ready); r.ObservedGeneration != 4 || !r.LastTransitionTime.Equal(t0) {
		t.Errorf("Ready after generation 4: observedGeneration %d, lastTransitionTime %v; want 4 and %v", r.ObservedGeneration, r.LastTransitionTime, t0)
	}
	pod.Evict(&p, pod.Eviction{Message: "low on memory"}, pod.NodeFacts{PodIsTerminal: true, PodHasInitialized: true}, feature.Gates{}, t0)
	if d := p.Status.Condition(pod.DisruptionTarget); d == nil || d.ObservedGeneration != 4 {
		t.Errorf("DisruptionTarget %+v, want observedGeneration 4", d)
	}
}
