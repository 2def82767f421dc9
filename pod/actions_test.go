package pod_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

// summary renders a's decisions with container names, for table tests:
// "killPod createSandbox attempt=N start=[..] init=[..] next=.. eph=[..]
// kill=[name(reason): message; ..] reset=[name#record!kill ..]".
func actSummary(p *pod.Pod, a *pod.Actions) string {
	var b strings.Builder
	if a.KillPod {
		b.WriteString("killPod ")
	}
	if a.CreateSandbox {
		b.WriteString("createSandbox ")
	}
	fmt.Fprintf(&b, "attempt=%d", a.SandboxAttempt)
	names := func(key string, list []container.Container, idx []int) {
		if len(idx) == 0 {
			return
		}
		var ns []string
		for _, i := range idx {
			ns = append(ns, list[i].Name)
		}
		fmt.Fprintf(&b, " %s=[%s]", key, strings.Join(ns, " "))
	}
	names("start", p.Spec.Containers, a.ContainersToStart)
	names("init", p.Spec.InitContainers, a.InitContainersToStart)
	if a.NextInitContainerToStart >= 0 {
		fmt.Fprintf(&b, " next=%s", p.Spec.InitContainers[a.NextInitContainerToStart].Name)
	}
	names("eph", p.Spec.EphemeralContainers, a.EphemeralContainersToStart)
	if len(a.ContainersToKill) > 0 {
		var ks []string
		for i := range a.ContainersToKill {
			k := &a.ContainersToKill[i]
			ks = append(ks, fmt.Sprintf("%s(%s): %s", k.Name, k.Reason, k.Message()))
		}
		fmt.Fprintf(&b, " kill=[%s]", strings.Join(ks, "; "))
	}
	if len(a.ContainersToReset) > 0 {
		var rs []string
		for _, r := range a.ContainersToReset {
			s := fmt.Sprintf("%s#%d", r.Name, r.Record)
			if r.Kill {
				s += "!kill"
			}
			rs = append(rs, s)
		}
		fmt.Fprintf(&b, " reset=[%s]", strings.Join(rs, " "))
	}
	return b.String()
}

// Helpers for the runtime records of a view.
func actRunning(name string) container.RuntimeRecord {
	return container.RuntimeRecord{Name: name, ContainerID: "containerd://" + name, Image: "img", State: container.RuntimeRunning}
}
func actExited(name string, code int32) container.RuntimeRecord {
	return container.RuntimeRecord{Name: name, ContainerID: "containerd://" + name + "-old", Image: "img", State: container.RuntimeExited, ExitCode: code}
}
func actCreated(name string) container.RuntimeRecord {
	return container.RuntimeRecord{Name: name, Image: "img", State: container.RuntimeCreated}
}
func actUnknown(name string) container.RuntimeRecord {
	return container.RuntimeRecord{Name: name, Image: "img", State: container.RuntimeUnknown}
}
func actC(name string) container.Container { return container.Container{Name: name, Image: "img"} }
func actSidecar(name string) container.Container {
	x := actC(name)
	x.RestartPolicy = restart.Always.Ptr()
	return x
}

var actReadySandbox = []pod.Sandbox{{Ready: true, IP: "10.0.0.1", Attempt: 0}}

type actCase struct {
	name string
	pod  pod.Pod
	view pod.RuntimeView
	want string
}

func runActCases(t *testing.T, cases []actCase) {
	t.Helper()
	var a pod.Actions
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.view.Sandboxes == nil {
				tc.view.Sandboxes = actReadySandbox
			}
			pod.ComputePodActions(&tc.pod, &tc.view, feature.Gates{}, &a)
			if got := actSummary(&tc.pod, &a); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func actView(records ...container.RuntimeRecord) pod.RuntimeView {
	return pod.RuntimeView{RuntimeStatus: pod.RuntimeStatus{Records: records}}
}

func actSpec(policy restart.Policy, inits []container.Container, cs ...container.Container) pod.Pod {
	return pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default", UID: "u1"},
		Spec: pod.Spec{RestartPolicy: policy, InitContainers: inits, Containers: cs}}
}

// pkg/kubelet/kuberuntime/util/util.go PodSandboxChanged, as
// computePodActions uses it: a new sandbox kills the pod and starts over.
func TestComputePodActionsPodSandboxChanged(t *testing.T) {
	notReady := func(attempt uint32) pod.RuntimeView {
		v := actView(actRunning("app"))
		v.Sandboxes = []pod.Sandbox{{Attempt: attempt}}
		return v
	}
	older := notReady(1)
	older.Sandboxes = append(older.Sandboxes, pod.Sandbox{Attempt: 7})
	cases := []actCase{
		{"no sandbox: create attempt 0 and start every container", actSpec("", nil, actC("a"), actC("b")),
			pod.RuntimeView{Sandboxes: []pod.Sandbox{}}, "killPod createSandbox attempt=0 start=[a b]"},
		{"newest not ready: attempt + 1", actSpec("", nil, actC("app")), notReady(2), "killPod createSandbox attempt=3 start=[app]"},
		{"the attempt comes from the newest sandbox, not the highest", actSpec("", nil, actC("app")), older,
			"killPod createSandbox attempt=2 start=[app]"},
		{"ready without IP", actSpec("", nil, actC("app")),
			pod.RuntimeView{Sandboxes: []pod.Sandbox{{Ready: true}}}, "killPod createSandbox attempt=1 start=[app]"},
		{"two ready sandboxes", actSpec("", nil, actC("app")),
			pod.RuntimeView{Sandboxes: []pod.Sandbox{{Ready: true, IP: "a"}, {Ready: true, IP: "b"}}}, "killPod createSandbox attempt=1 start=[app]"},
		{"a ready sandbox serves", actSpec("", nil, actC("app")), actView(actRunning("app")), "attempt=0"},
	}
	runActCases(t, cases)
}

// computePodActions, the createPodSandbox branch
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go).
func TestComputePodActionsNewSandbox(t *testing.T) {
	dead := func(records ...container.RuntimeRecord) pod.RuntimeView {
		v := actView(records...)
		v.Sandboxes = []pod.Sandbox{{Attempt: 0}}
		return v
	}
	onFailure := actC("job")
	onFailure.RestartPolicy = restart.OnFailure.Ptr()
	never := actC("once")
	never.RestartPolicy = restart.Never.Ptr()
	cases := []actCase{
		{"pod policy Never with records: kill only, no new sandbox", actSpec(restart.Never, nil, actC("app")),
			dead(actExited("app", 0)), "killPod attempt=1"},
		{"pod policy Never without any record: create it", actSpec(restart.Never, nil, actC("app")),
			dead(), "killPod createSandbox attempt=1 start=[app]"},
		{"pod policy Never, no sandbox ever (attempt 0): create it", actSpec(restart.Never, nil, actC("app")),
			pod.RuntimeView{RuntimeStatus: pod.RuntimeStatus{Records: []container.RuntimeRecord{actExited("app", 1)}}, Sandboxes: []pod.Sandbox{}},
			"killPod createSandbox attempt=0 start=[app]"},
		{"OnFailure: a succeeded container is not started again", actSpec(restart.OnFailure, nil, actC("a"), actC("b")),
			dead(actExited("a", 0), actExited("b", 1)), "killPod createSandbox attempt=1 start=[b]"},
		{"container-level OnFailure counts as run once", actSpec(restart.Always, nil, onFailure, actC("b")),
			dead(actExited("job", 0), actExited("b", 0)), "killPod createSandbox attempt=1 start=[b]"},
		{"container-level Never does not exclude a succeeded container", actSpec(restart.Always, nil, never),
			dead(actExited("once", 0)), "killPod createSandbox attempt=1 start=[once]"},
		{"all succeeded under OnFailure: finished, no sandbox", actSpec(restart.OnFailure, nil, actC("a")),
			dead(actExited("a", 0)), "killPod attempt=1"},
		{"init containers: start over from the first", actSpec(restart.Always, []container.Container{actC("i0"), actC("i1")}, actC("app")),
			dead(actExited("i0", 0), actExited("i1", 0), actRunning("app")), "killPod createSandbox attempt=1 init=[i0] next=i0"},
	}
	runActCases(t, cases)
}

// computePodActions: ephemeral containers are started once, never restarted.
func TestComputePodActionsEphemeralContainers(t *testing.T) {
	p := actSpec("", nil, actC("app"))
	p.Spec.EphemeralContainers = []container.Container{actC("debug"), actC("done"), actC("lost")}
	runActCases(t, []actCase{
		{"only the one without a record starts", p, actView(actRunning("app"), actExited("done", 1), actUnknown("lost")),
			"attempt=0 eph=[debug]"},
	})
}

// pkg/kubelet/kuberuntime/kuberuntime_container.go computeInitContainerActions.
func TestComputePodActionsInitContainers(t *testing.T) {
	inits := []container.Container{actC("i0"), actC("i1")}
	oom := actExited("i1", 0)
	oom.Reason = container.OOMKilled
	withStartup := actSidecar("proxy")
	withStartup.StartupProbe = &probe.Probe{}
	withLiveness := actSidecar("proxy")
	withLiveness.LivenessProbe = &probe.Probe{}
	ownNever := actC("i1")
	ownNever.RestartPolicy = restart.Never.Ptr()
	probes := func(v pod.RuntimeView, r ...pod.ProbeResults) pod.RuntimeView { v.Probes = r; return v }
	earlier := func(v pod.RuntimeView, names ...string) pod.RuntimeView { v.EarlierSandbox = names; return v }
	deleting := actSpec(restart.Always, inits, actC("app"))
	deleting.Metadata.DeletionTimestamp = time.Unix(1, 0)
	cases := []actCase{
		{"nothing on record: the first init container", actSpec("", inits, actC("app")), actView(), "attempt=0 init=[i0] next=i0"},
		{"one done: the next", actSpec("", inits, actC("app")), actView(actExited("i0", 0)), "attempt=0 init=[i1] next=i1"},
		{"one running: wait", actSpec("", inits, actC("app")), actView(actRunning("i0")), "attempt=0"},
		{"the last done: the regular containers", actSpec("", inits, actC("app")), actView(actExited("i0", 0), actExited("i1", 0)),
			"attempt=0 start=[app]"},
		{"an earlier one garbage-collected is not re-run", actSpec("", inits, actC("app")), actView(actExited("i1", 0)), "attempt=0 start=[app]"},
		{"created: start it again", actSpec("", inits, actC("app")), actView(actCreated("i0")), "attempt=0 init=[i0] next=i0"},
		{"failed under Always: retry it alone", actSpec(restart.Always, inits, actC("app")), actView(actExited("i0", 0), actExited("i1", 2)),
			"attempt=0 init=[i1] next=i1"},
		{"failed under Never: kill the pod", actSpec(restart.Never, inits, actC("app")), actView(actExited("i0", 0), actExited("i1", 2)),
			"killPod attempt=0"},
		{"failed while deleting: kill the pod", deleting, actView(actExited("i0", 1)), "killPod attempt=0"},
		{"OOMKilled with exit 0 is a failure", actSpec(restart.Never, inits, actC("app")), actView(actExited("i0", 0), oom), "killPod attempt=0"},
		{"unknown under OnFailure: kill and restart it", actSpec(restart.OnFailure, inits, actC("app")), actView(actExited("i0", 0), actUnknown("i1")),
			`attempt=0 init=[i1] next=i1 kill=[i1(Unknown): Init container is in "unknown" state, try killing it before restart]`},
		{"unknown under its own Never: kill the pod", actSpec(restart.Always, []container.Container{actC("i0"), ownNever}, actC("app")),
			actView(actExited("i0", 0), actUnknown("i1")), "killPod attempt=0"},
		{"sidecar running without startup probe: next init container", actSpec("", []container.Container{actSidecar("proxy"), actC("i1")}, actC("app")),
			actView(actRunning("proxy")), "attempt=0 init=[i1] next=i1"},
		{"sidecar waiting for its startup probe", actSpec("", []container.Container{withStartup, actC("i1")}, actC("app")),
			probes(actView(actRunning("proxy")), pod.ProbeResults{Name: "proxy", Startup: probe.Unknown}), "attempt=0"},
		{"sidecar started: next init container", actSpec("", []container.Container{withStartup, actC("i1")}, actC("app")),
			probes(actView(actRunning("proxy")), pod.ProbeResults{Name: "proxy", Startup: probe.Success}), "attempt=0 init=[i1] next=i1"},
		{"sidecar failed its startup probe: kill and restart", actSpec("", []container.Container{withStartup, actC("i1")}, actC("app")),
			probes(actView(actRunning("proxy")), pod.ProbeResults{Name: "proxy", Startup: probe.Failure}),
			"attempt=0 init=[proxy] kill=[proxy(StartupProbe): Init container proxy failed startup probe]"},
		{"sidecar failed its liveness probe after init: kill and restart", actSpec("", []container.Container{withLiveness}, actC("app")),
			probes(actView(actRunning("proxy"), actRunning("app")), pod.ProbeResults{Name: "proxy", Liveness: probe.Failure}),
			"attempt=0 init=[proxy] kill=[proxy(LivenessProbe): Init container proxy failed liveness probe]"},
		{"sidecar liveness without a probe in the spec is not read", actSpec("", []container.Container{actSidecar("proxy")}, actC("app")),
			probes(actView(actRunning("proxy"), actRunning("app")), pod.ProbeResults{Name: "proxy", Liveness: probe.Failure}), "attempt=0"},
		{"sidecar exited: restart it under Never", actSpec(restart.Never, []container.Container{actSidecar("proxy")}, actC("app")),
			actView(actExited("proxy", 0), actRunning("app")), "attempt=0 init=[proxy]"},
		{"sidecar image changed", actSpec("", []container.Container{actSidecar("proxy")}, actC("app")),
			actView(func() container.RuntimeRecord { r := actRunning("proxy"); r.Image = "old"; return r }(), actRunning("app")),
			"attempt=0 init=[proxy] kill=[proxy(): Init container proxy definition changed]"},
		{"sidecar record gone after init: start it", actSpec("", []container.Container{actSidecar("proxy"), actC("i1")}, actC("app")),
			actView(actRunning("app")), "attempt=0 init=[proxy]"},
		{"v1.37: a regular record of an earlier sandbox does not make the pod initialized", actSpec("", inits, actC("app")),
			earlier(actView(actExited("app", 0)), "app"), "attempt=0 init=[i0] next=i0"},
		{"v1.37: init records of an earlier sandbox are not read", actSpec("", inits, actC("app")),
			earlier(actView(actExited("i0", 0)), "i0"), "attempt=0 init=[i0] next=i0"},
		{"v1.37: an exited regular container in the current sandbox means initialized", actSpec(restart.Never, inits, actC("app")),
			actView(actExited("app", 0)), "killPod attempt=0"},
	}
	runActCases(t, cases)
}

// computePodActions, the regular containers' loop.
func TestComputePodActionsRegularContainers(t *testing.T) {
	own := actC("app")
	own.RestartPolicy = restart.Never.Ptr()
	probes := func(v pod.RuntimeView, r ...pod.ProbeResults) pod.RuntimeView { v.Probes = r; return v }
	changed := actRunning("app")
	changed.Image = "img:old"
	deleting := actSpec(restart.Always, nil, actC("app"))
	deleting.Metadata.DeletionTimestamp = time.Unix(1, 0)
	cases := []actCase{
		{"running: keep", actSpec("", nil, actC("app")), actView(actRunning("app")), "attempt=0"},
		{"exited under Always: restart (ShouldContainerBeRestarted)", actSpec(restart.Always, nil, actC("app"), actC("b")),
			actView(actExited("app", 0), actRunning("b")), "attempt=0 start=[app]"},
		{"exited 0 under OnFailure with nothing running: kill the pod", actSpec(restart.OnFailure, nil, actC("app")),
			actView(actExited("app", 0)), "killPod attempt=0"},
		{"created: start whatever the policy", actSpec(restart.Never, nil, actC("app")), actView(actCreated("app")), "attempt=0 start=[app]"},
		{"unknown: kill it first, then start", actSpec(restart.Never, nil, actC("app")), actView(actUnknown("app")),
			`attempt=0 start=[app] kill=[app(Unknown): Container is in "unknown" state, try killing it before restart]`},
		{"image changed: kill and restart whatever the policy", actSpec(restart.Never, nil, actC("app")), actView(changed),
			"attempt=0 start=[app] kill=[app(): Container app definition changed, will be restarted]"},
		{"liveness Failure: kill and restart", actSpec("", nil, actC("app")),
			probes(actView(actRunning("app")), pod.ProbeResults{Name: "app", Liveness: probe.Failure}),
			"attempt=0 start=[app] kill=[app(LivenessProbe): Container app failed liveness probe, will be restarted]"},
		{"startup Failure under its own Never: kill, no restart, the pod is done", actSpec(restart.Always, nil, own),
			probes(actView(actRunning("app")), pod.ProbeResults{Name: "app", Startup: probe.Failure}),
			"killPod attempt=0 kill=[app(StartupProbe): Container app failed startup probe]"},
		{"liveness wins over startup", actSpec("", nil, actC("app")),
			probes(actView(actRunning("app")), pod.ProbeResults{Name: "app", Liveness: probe.Failure, Startup: probe.Failure}),
			"attempt=0 start=[app] kill=[app(LivenessProbe): Container app failed liveness probe, will be restarted]"},
		{"being deleted: nothing restarts", deleting, actView(actExited("app", 1)), "killPod attempt=0"},
		{"sidecars never keep a pod alive", actSpec(restart.Never, []container.Container{actSidecar("proxy")}, actC("app")),
			actView(actRunning("proxy"), actExited("app", 0)), "killPod attempt=0"},
	}
	runActCases(t, cases)
}

// computePodActions with restartAllContainers, getContainersToReset.
func TestComputePodActionsRestartAllContainers(t *testing.T) {
	trigger := actC("app")
	trigger.RestartPolicy = restart.Never.Ptr()
	trigger.RestartPolicyRules = []restart.Rule{{Action: restart.ActionRestartAllContainers,
		ExitCodes: &restart.ExitCodes{Operator: restart.In, Values: []int32{42}}}}
	p := actSpec(restart.Never, []container.Container{actC("init"), actSidecar("proxy")}, trigger, actC("other"))
	v := actView(actExited("init", 0), actRunning("proxy"), actExited("app", 42), actExited("app", 1), actRunning("other"))
	v.PodRestarting = true
	runActCases(t, []actCase{
		{"targets (regular, init), then sources", p, v, "attempt=0 reset=[app#3 other#4!kill init#0 proxy#1!kill app#2]"},
	})
	off := feature.Gates{}.With(feature.RestartAllContainersOnContainerExits, false)
	var a pod.Actions
	v.Sandboxes = actReadySandbox
	pod.ComputePodActions(&p, &v, off, &a)
	if len(a.ContainersToReset) != 0 {
		t.Errorf("gate off: resets %v", a.ContainersToReset)
	}
}

func TestComputePodActionsNilInputs(t *testing.T) {
	var a pod.Actions
	pod.ComputePodActions(nil, nil, feature.Gates{}, &a)
	if !a.KillPod || !a.CreateSandbox || a.NextInitContainerToStart != -1 {
		t.Errorf("empty pod, no view: %+v", a)
	}
	pod.ComputePodActions(nil, nil, feature.Gates{}, nil) // no panic
}

// steadyPod is a realistic pod in its steady state: an init container
// done, a sidecar with a startup probe, two containers with probes, one of
// them failing its liveness probe.
func actSteadyPod() (*pod.Pod, *pod.RuntimeView) {
	px := actSidecar("proxy")
	px.StartupProbe = &probe.Probe{}
	app, worker := actC("app"), actC("worker")
	app.LivenessProbe = &probe.Probe{}
	worker.ReadinessProbe = &probe.Probe{}
	p := actSpec(restart.Always, []container.Container{actC("migrate"), px}, app, worker)
	v := actView(actExited("migrate", 0), actRunning("proxy"), actRunning("app"), actExited("app", 1), actRunning("worker"))
	v.Sandboxes = actReadySandbox
	v.Probes = []pod.ProbeResults{{Name: "proxy", Startup: probe.Success}, {Name: "app", Liveness: probe.Failure}}
	return &p, &v
}

func TestComputePodActionsNoAllocation(t *testing.T) {
	p, v := actSteadyPod()
	var a pod.Actions
	pod.ComputePodActions(p, v, feature.Gates{}, &a) // grow the lists once
	var msg []byte
	allocs := testing.AllocsPerRun(100, func() {
		pod.ComputePodActions(p, v, feature.Gates{}, &a)
		msg = a.ContainersToKill[0].AppendMessage(msg[:0])
	})
	if allocs != 0 {
		t.Errorf("ComputePodActions allocates %v times per sync in the steady state", allocs)
	}
	if got, want := string(msg), "Container app failed liveness probe, will be restarted"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

func BenchmarkComputePodActions(b *testing.B) {
	p, v := actSteadyPod()
	var a pod.Actions
	b.ReportAllocs()
	for b.Loop() {
		pod.ComputePodActions(p, v, feature.Gates{}, &a)
	}
}
