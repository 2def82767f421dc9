package pod_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

// propPod is a realistic pod: an init container, a sidecar with a startup
// probe, two containers with probes, one with a preStop hook.
func propPod(policy restart.Policy) *pod.Pod {
	hp := func(period int32) *probe.Probe {
		return &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/", Port: probe.PortNumber(80)}, PeriodSeconds: period}
	}
	return &pod.Pod{
		Metadata: pod.Meta{Name: "shop", Namespace: "default", UID: "uid-p"},
		Spec: pod.Spec{
			RestartPolicy:  policy,
			InitContainers: []container.Container{{Name: "setup", Image: "setup:1"}, {Name: "proxy", Image: "envoy:1", RestartPolicy: restart.Always.Ptr(), StartupProbe: hp(5)}},
			Containers: []container.Container{
				{Name: "app", Image: "app:1", LivenessProbe: hp(10), ReadinessProbe: hp(5),
					Lifecycle: &container.Lifecycle{PreStop: &container.Handler{Sleep: &container.SleepAction{Seconds: 3}}}},
				{Name: "worker", Image: "worker:1", ReadinessProbe: hp(10),
					TerminationMessagePolicy: container.TerminationMessageFallbackToLogsOnError},
			},
		},
	}
}

// propRun drives one machine with random events: answers to what it
// asked, exits, probe results, deletions, evictions, node loss, time, and
// events that may well be illegal; it checks the machine's invariants
// after every step.
type propRun struct {
	m    *pod.Machine
	twin *pod.Machine // fed the same events: must answer the same
	// quiet is fed them too, with MachineOptions.NoEvents: it must answer
	// the same but record nothing.
	quiet   *pod.Machine
	now     time.Time
	pending []pod.Action
	names   []string

	lastPhase    string
	restarts     map[string]int32
	node, uid    string
	hostIP       string
	deletedAt    time.Time
	deletedGrace int64
	nodeLost     bool // the kubelet is unreachable: nothing it does is due
}

func (r *propRun) step(t *rapid.T, ev pod.Event) { r.stepT(t, ev) }

func (r *propRun) stepT(t fatalfer, ev pod.Event) {
	before, _ := json.Marshal(r.m.Pod())
	out, err := r.m.Step(ev)
	twinOut, twinErr := r.twin.Step(ev)
	if (err == nil) != (twinErr == nil) {
		t.Fatalf("the same event got different answers: %v vs %v", err, twinErr)
	}
	if r.quiet != nil {
		quietOut, quietErr := r.quiet.Step(ev)
		if (err == nil) != (quietErr == nil) {
			t.Fatalf("NoEvents changed the answer: %v vs %v", err, quietErr)
		}
		if len(quietOut.Records) > 0 {
			t.Fatalf("NoEvents recorded %v", quietOut.Records)
		}
		if err == nil {
			quietOut.Records = out.Records
			qa, _ := json.Marshal(quietOut)
			oa, _ := json.Marshal(out)
			qs, _ := json.Marshal(r.quiet.Pod())
			os, _ := json.Marshal(r.m.Pod())
			if string(qa) != string(oa) || string(qs) != string(os) {
				t.Fatalf("NoEvents changed the actions or the status:\n%s\n%s", qa, oa)
			}
		}
	}
	if err != nil {
		var se *pod.StepError
		if !errors.As(err, &se) {
			t.Fatalf("error is not a *StepError: %v", err)
		}
		after, _ := json.Marshal(r.m.Pod())
		if string(before) != string(after) {
			t.Fatalf("a refused %s changed the pod", ev.Kind)
		}
		return
	}
	a, _ := json.Marshal(out)
	b, _ := json.Marshal(twinOut)
	if string(a) != string(b) {
		t.Fatalf("the same events gave different actions:\n%s\n%s", a, b)
	}
	sa, _ := json.Marshal(r.m.Pod())
	sb, _ := json.Marshal(r.twin.Pod())
	if string(sa) != string(sb) {
		t.Fatal("the same events gave different statuses")
	}
	r.now = ev.At
	switch ev.Kind {
	case pod.NodeLost:
		r.nodeLost = true
	case pod.NodeBack:
		r.nodeLost = false
	}
	r.pending = append(r.pending, out.Actions...)
	for _, act := range out.Actions {
		if act.Kind == pod.KillContainer {
			if act.Grace < 2*time.Second {
				t.Fatalf("a kill with grace %v, below the 2 s minimum", act.Grace)
			}
			if r.deletedGrace > 0 && act.Grace > time.Duration(r.deletedGrace)*time.Second+2*time.Second {
				t.Fatalf("a kill with grace %v after a deletion with %d s", act.Grace, r.deletedGrace)
			}
		}
	}
}

// wholeSeconds returns a copy of s with its times cut to whole seconds.
// wholeSeconds is s with its times cut to whole seconds, and a terminated
// message to its first share bytes.
func wholeSeconds(s container.State, share int) container.State {
	if r := s.Running; r != nil {
		c := *r
		c.StartedAt = c.StartedAt.Truncate(time.Second)
		s.Running = &c
	}
	if tm := s.Terminated; tm != nil {
		c := *tm
		c.StartedAt, c.FinishedAt = c.StartedAt.Truncate(time.Second), c.FinishedAt.Truncate(time.Second)
		c.Message = c.Message[:min(len(c.Message), share)]
		s.Terminated = &c
	}
	return s
}

// fatalfer is what the invariants need of *testing.T and *rapid.T.
type fatalfer interface {
	Fatalf(format string, args ...any)
	Fatal(args ...any)
}

func (r *propRun) invariants(t fatalfer) {
	p := r.m.Pod()
	st := &p.Status
	if r.lastPhase == "Succeeded" || r.lastPhase == "Failed" {
		if string(st.Phase) != r.lastPhase {
			t.Fatalf("terminal phase %s became %s", r.lastPhase, st.Phase)
		}
	}
	r.lastPhase = string(st.Phase)
	// Every terminated state's message is within its status's share
	// (normalizeStatus).
	share := container.MaxPodTerminationMessageBytes / (len(p.Spec.InitContainers) + len(p.Spec.Containers) + len(p.Spec.EphemeralContainers))
	for _, list := range [3][]container.Status{st.InitContainerStatuses, st.ContainerStatuses, st.EphemeralContainerStatuses} {
		for _, s := range list {
			for _, state := range [2]container.State{s.State, s.LastState} {
				if state.Terminated != nil && len(state.Terminated.Message) > min(share, container.MaxTerminationMessageBytes) {
					t.Fatalf("%s: a message of %d bytes, over its share %d", s.Name, len(state.Terminated.Message), share)
				}
			}
		}
	}
	for _, list := range [2][]container.Status{st.InitContainerStatuses, st.ContainerStatuses} {
		for _, s := range list {
			if s.RestartCount < r.restarts[s.Name] {
				t.Fatalf("restartCount of %s went from %d to %d", s.Name, r.restarts[s.Name], s.RestartCount)
			}
			r.restarts[s.Name] = s.RestartCount
		}
	}
	if r.node != "" && p.Spec.NodeName != r.node {
		t.Fatalf("node changed from %s to %s", r.node, p.Spec.NodeName)
	}
	r.node = p.Spec.NodeName
	// The kubelet writes its node's IP from the first status once bound,
	// and the pod never moves.
	if r.hostIP != "" && p.Status.HostIP != r.hostIP || p.Spec.NodeName == "" && p.Status.HostIP != "" {
		t.Fatalf("hostIP %q on node %q, was %q", p.Status.HostIP, p.Spec.NodeName, r.hostIP)
	}
	r.hostIP = p.Status.HostIP
	if p.Metadata.UID != r.uid {
		t.Fatal("UID changed")
	}
	if c := st.Condition(pod.Ready); c != nil && c.Status == pod.ConditionTrue {
		if st.Phase != "Running" {
			t.Fatalf("Ready=True in phase %s", st.Phase)
		}
		for i, s := range st.ContainerStatuses {
			if !s.Ready {
				t.Fatalf("Ready=True with container %d (%s) not ready", i, s.Name)
			}
		}
	}
	// The status is what the derivation functions say for the machine's
	// state when the last sync began: outside a sync, the machine's state
	// now; the conditions generated again from the same pod and facts are
	// the same.
	if p.Spec.NodeName != "" && !r.m.InSync() {
		again := *p
		again.Status.Conditions = append([]pod.Condition(nil), st.Conditions...)
		pod.UpdateKubeletStatus(&again, r.m.NodeFacts(), feature.Gates{}, r.now)
		for _, c := range again.Status.Conditions {
			if c.Type == pod.Ready || c.Type == pod.DisruptionTarget {
				continue // the node lifecycle controller and the eviction manager write these too
			}
			if old := st.Condition(c.Type); old == nil || old.Status != c.Status {
				t.Fatalf("condition %s is %v, the generators say %s", c.Type, old, c.Status)
			}
		}
	}
	// The container statuses are the kubelet's conversion of the machine's
	// own runtime records (pkg/kubelet/kubelet_pods.go
	// convertToAPIContainerStatuses), started and ready being the probes'.
	if p.Spec.NodeName != "" && !r.m.InSync() {
		again := *p
		var buf pod.StatusBuffer
		for _, list := range []container.Kind{container.Init, container.Regular} {
			got := pod.ContainerStatuses(&buf, &again, &r.m.Runtime().RuntimeStatus, list, feature.Gates{})
			have := st.ContainerStatuses
			if list == container.Init {
				have = st.InitContainerStatuses
			}
			if len(got) != len(have) {
				t.Fatalf("%d statuses, the conversion gives %d", len(have), len(got))
			}
			for i := range got {
				g, h := got[i], have[i]
				g.Started, g.Ready, h.Started, h.Ready = nil, false, nil, false
				// As the API stores them, and with each terminated message
				// cut to its share, as the status manager writes them.
				g.State, g.LastState = wholeSeconds(g.State, share), wholeSeconds(g.LastState, share)
				gj, _ := json.Marshal(g)
				hj, _ := json.Marshal(h)
				if string(gj) != string(hj) {
					t.Fatalf("status of %s:\n%s\nthe conversion of the machine's records gives\n%s", h.Name, hj, gj)
				}
			}
		}
	}
	// A deleted pod is gone within its grace, the preStop's time included,
	// plus the 2 s minimum, once every action has been answered.
	if !r.deletedAt.IsZero() && !r.nodeLost && len(r.pending) == 0 && r.now.After(r.deletedAt.Add(time.Duration(r.deletedGrace+30)*time.Second)) {
		if _, err := r.m.Step(pod.Event{Kind: pod.TimePassed, At: r.now}); err == nil {
			t.Fatalf("the pod was deleted at %v with grace %d s and is still there at %v", r.deletedAt, r.deletedGrace, r.now)
		}
	}
}

func TestMachineProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		policy := rapid.SampledFrom([]restart.Policy{restart.Always, restart.OnFailure, restart.Never}).Draw(t, "policy")
		m1, err := pod.NewMachine(propPod(policy), pod.MachineOptions{})
		if err != nil {
			t.Fatal(err)
		}
		m2, _ := pod.NewMachine(propPod(policy), pod.MachineOptions{})
		m3, _ := pod.NewMachine(propPod(policy), pod.MachineOptions{NoEvents: true})
		r := &propRun{m: m1, twin: m2, quiet: m3, now: m0, names: []string{"setup", "proxy", "app", "worker", "nope"},
			restarts: map[string]int32{}, uid: "uid-p"}
		r.step(t, pod.Event{Kind: pod.Scheduled, At: m0, Node: "node-1"})
		later := func(t *rapid.T) time.Time {
			return r.now.Add(time.Duration(rapid.IntRange(0, 40).Draw(t, "dt")) * time.Second)
		}
		var answer func(*rapid.T)
		answer = func(t *rapid.T) {
			if len(r.pending) == 0 {
				t.Skip("nothing asked")
			}
			i := rapid.IntRange(0, len(r.pending)-1).Draw(t, "which")
			a := r.pending[i]
			r.pending = append(r.pending[:i], r.pending[i+1:]...)
			at := later(t)
			switch a.Kind {
			case pod.CreateSandbox:
				r.step(t, pod.Event{Kind: pod.SandboxReady, At: at, IP: "10.0.0.9"})
			case pod.PullImage:
				if rapid.IntRange(0, 4).Draw(t, "pullFails") == 0 {
					r.step(t, pod.Event{Kind: pod.ImagePullFailed, At: at, Container: a.Container, Message: "no"})
				} else {
					r.step(t, pod.Event{Kind: pod.ImagePulled, At: at, Container: a.Container})
				}
			case pod.CreateContainer:
				r.step(t, pod.Event{Kind: pod.ContainerCreated, At: at, Container: a.Container})
			case pod.StartContainer:
				r.step(t, pod.Event{Kind: pod.ContainerStarted, At: at, Container: a.Container})
			case pod.RunHook:
				msg := ""
				if rapid.IntRange(0, 5).Draw(t, "hookFails") == 0 {
					msg = "hook failed"
				}
				r.step(t, pod.Event{Kind: pod.HookFinished, At: at, Container: a.Container, Hook: a.Hook, Message: msg})
			case pod.RunProbe:
				o := rapid.SampledFrom([]probe.Outcome{probe.OutcomeSuccess, probe.OutcomeFailure}).Draw(t, "outcome")
				r.step(t, pod.Event{Kind: pod.ProbeResult, At: a.At, Container: a.Container, Probe: a.Probe, Outcome: o})
			case pod.KillContainer:
				r.step(t, pod.Event{Kind: pod.ContainerExited, At: r.now.Add(min(a.Grace, time.Duration(rapid.IntRange(0, 40).Draw(t, "stop"))*time.Second)),
					Container: a.Container, ExitCode: 143, Signal: 15})
			}
		}
		t.Repeat(map[string]func(*rapid.T){
			"": func(t *rapid.T) { r.invariants(t) },
			// Answering what the machine asked is drawn most often, so that
			// runs get deep into the lifecycle.
			"answer2": func(t *rapid.T) { answer(t) },
			"answer3": func(t *rapid.T) { answer(t) },
			"answer4": func(t *rapid.T) { answer(t) },
			"answer":  func(t *rapid.T) { answer(t) },
			"exit": func(t *rapid.T) {
				name := rapid.SampledFrom(r.names).Draw(t, "name")
				r.step(t, pod.Event{Kind: pod.ContainerExited, At: later(t), Container: name,
					ExitCode:           int32(rapid.SampledFrom([]int{0, 1, 137}).Draw(t, "code")),
					TerminationMessage: rapid.SampledFrom([]string{"", "", "done", strings.Repeat("m", 5000)}).Draw(t, "message"),
					Log:                rapid.SampledFrom([]string{"", "panic: boom\n", strings.Repeat("log line\n", 300)}).Draw(t, "log")})
			},
			"time": func(t *rapid.T) {
				r.step(t, pod.Event{Kind: pod.TimePassed, At: later(t)})
			},
			"delete": func(t *rapid.T) {
				g := int64(rapid.IntRange(0, 30).Draw(t, "grace"))
				at := later(t)
				if r.deletedAt.IsZero() || g < r.deletedGrace {
					r.deletedGrace = g
				}
				if r.deletedAt.IsZero() {
					r.deletedAt = at
				}
				r.step(t, pod.Event{Kind: pod.DeletionRequested, At: at, GracePeriod: &g})
			},
			"image": func(t *rapid.T) {
				img := rapid.SampledFrom([]string{"setup:1", "envoy:1", "app:1", "worker:1"}).Draw(t, "image")
				r.step(t, pod.Event{Kind: pod.ImagePresent, At: later(t), Image: img})
			},
			"evict": func(t *rapid.T) {
				r.step(t, pod.Event{Kind: pod.Evicted, At: later(t), Message: "low on memory"})
			},
			"node": func(t *rapid.T) {
				k := rapid.SampledFrom([]pod.EventKind{pod.NodeLost, pod.NodeBack, pod.SandboxLost}).Draw(t, "kind")
				r.step(t, pod.Event{Kind: k, At: later(t)})
			},
			"anything": func(t *rapid.T) {
				// Any event at all, most of them illegal now: refused ones
				// must change nothing.
				r.step(t, pod.Event{
					Kind:      pod.EventKind(rapid.IntRange(0, 22).Draw(t, "kind")),
					At:        r.now.Add(time.Duration(rapid.IntRange(-5, 20).Draw(t, "dt")) * time.Second),
					Container: rapid.SampledFrom(r.names).Draw(t, "name"),
					Probe:     rapid.SampledFrom([]probe.Kind{probe.Liveness, probe.Readiness, probe.Startup}).Draw(t, "probe"),
					Outcome:   probe.OutcomeSuccess,
					Hook:      pod.Hook(rapid.IntRange(0, 3).Draw(t, "hook")),
					Node:      "node-2",
					Image:     rapid.SampledFrom([]string{"", "app:1", "envoy:1"}).Draw(t, "image"),
				})
			},
		})
	})
}

// FuzzMachine turns bytes into events: nothing panics, a refused event
// changes nothing, and every invariant of TestMachineProperties holds
// after every step.
func FuzzMachine(f *testing.F) {
	f.Add([]byte{1, 2, 5, 7, 8, 9, 16, 3, 0, 12, 16})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := pod.NewMachine(propPod(restart.Always), pod.MachineOptions{})
		if err != nil {
			t.Fatal(err)
		}
		twin, _ := pod.NewMachine(propPod(restart.Always), pod.MachineOptions{})
		quiet, _ := pod.NewMachine(propPod(restart.Always), pod.MachineOptions{NoEvents: true})
		r := &propRun{m: m, twin: twin, quiet: quiet, now: m0, restarts: map[string]int32{}, uid: "uid-p"}
		names := []string{"setup", "proxy", "app", "worker", ""}
		// Mostly a good IP (the node's for Scheduled, the pod's for
		// SandboxReady); now and then none, or one the machine refuses.
		ips := []string{"10.0.0.1", "10.0.0.1", "fd00::1", "", "::ffff:10.0.0.1", "10.0.0"}
		now := m0
		for i := 0; i+1 < len(data); i += 2 {
			b, c := data[i], data[i+1]
			now = now.Add(time.Duration(c%16) * time.Second)
			ev := pod.Event{Kind: pod.EventKind(b % 23), At: now, Image: names[int(c>>4)%len(names)] + ":1", Container: names[int(c>>4)%len(names)], Node: "n",
				IP: ips[int(b^c)%len(ips)], ExitCode: int32(c) - 100, Probe: []probe.Kind{probe.Liveness, probe.Readiness, probe.Startup}[int(b>>5)%3],
				Outcome: []probe.Outcome{probe.OutcomeSuccess, probe.OutcomeFailure, probe.OutcomeError, ""}[int(b>>5)%4],
				Hook:    pod.Hook(b >> 6), Ephemeral: container.Container{Name: "dbg", Image: "busybox"}}
			if ev.Kind == pod.ContainerExited {
				// What it leaves: the rest of the input, as its file or its log.
				if b&1 == 0 {
					ev.TerminationMessage = string(data[i:])
				} else {
					ev.Log = string(data[i:])
				}
			}
			r.stepT(t, ev)
			r.invariants(t)
		}
	})
}
