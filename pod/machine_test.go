package pod_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/internal/golden"
	"github.com/podlife/podlife/internal/growth"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/field"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

var m0 = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

// script is what a fake runtime does with the machine's actions: how long
// things take and how each run of a container ends.
type script struct {
	// runs[name][attempt] is how long run attempt lasts and its exit code;
	// the last entry repeats. No entry: the container runs forever.
	runs map[string][]run
	// probe[name] answers a probe of kind k at time t for attempt a.
	probe func(name string, k probe.Kind, attempt int32, sinceStart time.Duration) probe.Outcome
	// pullFails[image] is the number of pulls that fail before one works
	// (-1: every pull fails).
	pullFails map[string]int
	// hook[name] is how long a hook takes and whether it fails.
	hook func(name string, h pod.Hook) (time.Duration, string)
	// stop is how long a container takes to exit after its stop signal
	// (0: at once; longer than the grace: killed at the grace).
	stop map[string]time.Duration
	// events are extra events at given times (deletion, eviction, ...).
	events []pod.Event
	// scheduleAt, when set, is when the pod is bound (default: at once).
	scheduleAt time.Time
}

type run struct {
	d    time.Duration
	code int32
	why  container.TerminatedReason
	// msg and log are what the run leaves in its terminationMessagePath
	// and its log.
	msg, log string
}

// driver plays the node for a machine: it answers every action through
// the script and feeds the machine in time order, writing the timeline.
type driver struct {
	t      *testing.T
	m      *pod.Machine
	s      script
	queue  []pod.Event
	log    strings.Builder
	starts map[string]int32 // attempts started per container
	exits  map[string]int   // pending exit event index per container (for kills)
	pulls  map[string]int
}

func newDriver(t *testing.T, p *pod.Pod, s script) *driver {
	t.Helper()
	return newDriverWith(t, p, s, pod.MachineOptions{})
}

func newDriverWith(t *testing.T, p *pod.Pod, s script, o pod.MachineOptions) *driver {
	t.Helper()
	m, err := pod.NewMachine(p, o)
	if err != nil {
		t.Fatal(err)
	}
	d := &driver{t: t, m: m, s: s, starts: map[string]int32{}, pulls: map[string]int{}}
	at := m0
	if !s.scheduleAt.IsZero() {
		at = s.scheduleAt
		d.queue = append(d.queue, pod.Event{Kind: pod.TimePassed, At: m0})
	}
	d.queue = append(d.queue, pod.Event{Kind: pod.Scheduled, At: at, Node: "node-1"})
	d.queue = append(d.queue, s.events...)
	return d
}

func (d *driver) push(ev pod.Event) { d.queue = append(d.queue, ev) }

// queued reports whether a wake-up at t is queued already.
func (d *driver) queued(t time.Time) bool {
	for _, ev := range d.queue {
		if ev.Kind == pod.TimePassed && ev.At.Equal(t) {
			return true
		}
	}
	return false
}

// cancelExit drops a scheduled exit of the container (it is killed).
func (d *driver) cancelExit(name string) {
	q := d.queue[:0]
	for _, ev := range d.queue {
		if ev.Kind == pod.ContainerExited && ev.Container == name {
			continue
		}
		q = append(q, ev)
	}
	d.queue = q
}

func (d *driver) pop() (pod.Event, bool) {
	if len(d.queue) == 0 {
		return pod.Event{}, false
	}
	// Time order; ties keep the order they were queued in.
	sort.SliceStable(d.queue, func(i, j int) bool { return d.queue[i].At.Before(d.queue[j].At) })
	ev := d.queue[0]
	d.queue = d.queue[1:]
	return ev, true
}

func (d *driver) runUntil(end time.Time) {
	for steps := 0; steps < 10000; steps++ {
		ev, ok := d.pop()
		if !ok {
			return
		}
		if ev.At.After(end) {
			d.queue = append([]pod.Event{ev}, d.queue...) // for the next run
			return
		}
		out, err := d.m.Step(ev)
		if err != nil {
			var se *pod.StepError
			if errors.As(err, &se) && ev.Kind == pod.TimePassed {
				continue
			}
			fmt.Fprintf(&d.log, "%6s  REFUSED %s: %v\n", clockOf(ev.At), ev.Kind, err)
			d.t.Errorf("step %s at %s: %v", ev.Kind, clockOf(ev.At), err)
			continue
		}
		d.write(ev, out)
		for _, a := range out.Actions {
			d.answer(a, ev.At)
		}
		if !out.Wake.IsZero() && !d.queued(out.Wake) {
			d.push(pod.Event{Kind: pod.TimePassed, At: out.Wake})
		}
		if d.m.Status().Phase.IsTerminal() && len(d.queue) == 0 {
			return
		}
	}
	d.t.Fatal("the scenario does not end")
}

func (d *driver) answer(a pod.Action, now time.Time) {
	s := &d.s
	switch a.Kind {
	case pod.CreateSandbox:
		d.push(pod.Event{Kind: pod.SandboxReady, At: now.Add(time.Second), IP: "10.244.0.7"})
	case pod.PullImage:
		img := a.Image
		n := d.pulls[img]
		d.pulls[img]++
		if f, ok := s.pullFails[img]; ok && (f < 0 || n < f) {
			d.push(pod.Event{Kind: pod.ImagePullFailed, At: now.Add(2 * time.Second), Container: a.Container,
				Message: "rpc error: code = NotFound desc = failed to resolve reference \"" + img + "\": not found"})
			return
		}
		d.push(pod.Event{Kind: pod.ImagePulled, At: now.Add(2 * time.Second), Container: a.Container})
	case pod.CreateContainer:
		d.push(pod.Event{Kind: pod.ContainerCreated, At: now, Container: a.Container})
	case pod.StartContainer:
		d.push(pod.Event{Kind: pod.ContainerStarted, At: now, Container: a.Container})
		attempt := d.starts[a.Container]
		d.starts[a.Container]++
		if rs := s.runs[a.Container]; len(rs) > 0 {
			r := rs[min(int(attempt), len(rs)-1)]
			d.push(pod.Event{Kind: pod.ContainerExited, At: now.Add(r.d), Container: a.Container, ExitCode: r.code, Reason: r.why,
				TerminationMessage: r.msg, Log: r.log})
		}
	case pod.RunProbe:
		o := probe.OutcomeSuccess
		if s.probe != nil {
			st := d.m.Pod()
			var since time.Duration
			for _, cs := range append(append([]container.Status(nil), st.Status.InitContainerStatuses...), st.Status.ContainerStatuses...) {
				if cs.Name == a.Container && cs.State.Running != nil {
					since = a.At.Sub(cs.State.Running.StartedAt)
				}
			}
			o = s.probe(a.Container, a.Probe, d.starts[a.Container]-1, since)
		}
		d.push(pod.Event{Kind: pod.ProbeResult, At: a.At, Container: a.Container, Probe: a.Probe, Outcome: o})
	case pod.RunHook:
		dur, msg := time.Duration(0), ""
		if s.hook != nil {
			dur, msg = s.hook(a.Container, a.Hook)
		}
		if a.Hook == pod.PreStop && dur > a.Grace {
			dur = a.Grace
		}
		d.push(pod.Event{Kind: pod.HookFinished, At: now.Add(dur), Container: a.Container, Hook: a.Hook, Message: msg})
	case pod.KillContainer:
		d.cancelExit(a.Container)
		stop := s.stop[a.Container]
		code, sig := int32(143), int32(15)
		if stop > a.Grace {
			stop, code, sig = a.Grace, 137, 9
		}
		d.push(pod.Event{Kind: pod.ContainerExited, At: now.Add(stop), Container: a.Container, ExitCode: code, Signal: sig})
	}
}

func clockOf(t time.Time) string {
	dd := t.Sub(m0)
	return fmt.Sprintf("%d:%02d", int(dd.Minutes()), int(dd.Seconds())%60)
}

func (d *driver) write(ev pod.Event, out pod.Output) {
	what := ev.Kind.String()
	if ev.Container != "" {
		what += " " + ev.Container
	}
	switch ev.Kind {
	case pod.ContainerExited:
		what += fmt.Sprintf(" (%d)", ev.ExitCode)
	case pod.ProbeResult:
		what += fmt.Sprintf(" %s=%s", ev.Probe, ev.Outcome)
	case pod.HookFinished:
		what += " " + ev.Hook.String()
		if ev.Message != "" {
			what += " failed"
		}
	}
	st := d.m.Status()
	var cs []string
	for _, list := range [3][]container.Status{st.InitContainerStatuses, st.ContainerStatuses, st.EphemeralContainerStatuses} {
		for _, s := range list {
			cs = append(cs, s.Name+"="+stateWord(s))
		}
	}
	phase := string(st.Phase)
	if d.m.Pod().Metadata.IsDeleting() {
		phase += "/Terminating"
	}
	fmt.Fprintf(&d.log, "%6s  %-36s %-22s %s\n", clockOf(ev.At), what, phase+" ready="+readyOf(st), strings.Join(cs, " "))
	for _, r := range out.Records {
		fmt.Fprintf(&d.log, "        event %s %s: %s\n", r.Type, r.Reason, r.Message)
	}
	for _, a := range out.Actions {
		if a.Kind == pod.RunProbe {
			continue // probes are shown by their results
		}
		line := "        -> " + a.Kind.String()
		if a.Container != "" {
			line += " " + a.Container
		}
		if a.Kind == pod.RunHook {
			line += " " + a.Hook.String()
		}
		if a.Kind == pod.KillContainer {
			line += fmt.Sprintf(" grace=%v", a.Grace)
		}
		fmt.Fprintln(&d.log, line)
	}
}

func readyOf(st *pod.Status) string {
	if c := st.Condition(pod.Ready); c != nil {
		return string(c.Status)
	}
	return "-"
}

func stateWord(s container.Status) string {
	w := ""
	switch {
	case s.State.Running != nil:
		w = "Running"
		if s.Ready {
			w += "+ready"
		}
	case s.State.Terminated != nil:
		w = fmt.Sprintf("Terminated(%d)", s.State.Terminated.ExitCode)
	case s.State.Waiting != nil:
		w = string(s.State.Waiting.Reason)
	}
	if s.RestartCount > 0 {
		w += fmt.Sprintf("#%d", s.RestartCount)
	}
	return w
}

func goldenTimeline(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "machine", name+".golden"), got)
}

func onePod(policy restart.Policy, cs ...container.Container) *pod.Pod {
	return &pod.Pod{
		Metadata: pod.Meta{Name: "web", Namespace: "default", UID: "uid-1"},
		Spec:     pod.Spec{RestartPolicy: policy, Containers: cs},
	}
}

// A crash loop: restarts at the back-off times (0, 10, 20, 40 s, ...),
// the pod Running all along (kuberuntime_manager.go doBackOff).
func TestMachineCrashLoop(t *testing.T) {
	p := onePod(restart.Always, container.Container{Name: "app", Image: "app:1"})
	d := newDriver(t, p, script{runs: map[string][]run{"app": {{d: 5 * time.Second, code: 1}}}})
	d.runUntil(m0.Add(4 * time.Minute))
	goldenTimeline(t, "crashloop", d.log.String())
	if got := d.m.Status().ContainerStatuses[0].RestartCount; got < 5 {
		t.Errorf("restartCount %d after 4 minutes of crashing", got)
	}
}

func i64(v int64) *int64 { return &v }

func sec(n int) time.Duration { return time.Duration(n) * time.Second }

func TestMachineScenarios(t *testing.T) {
	httpProbe := func(period, failures int32) *probe.Probe {
		return &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/healthz", Port: probe.PortNumber(8080)},
			PeriodSeconds: period, FailureThreshold: failures}
	}
	sleepHook := func(s int64) *container.Handler { return &container.Handler{Sleep: &container.SleepAction{Seconds: s}} }
	for _, tc := range []struct {
		name string
		pod  *pod.Pod
		s    script
		for_ time.Duration
		want func(t *testing.T, m *pod.Machine)
	}{
		{name: "init-failure-never",
			pod: &pod.Pod{Metadata: pod.Meta{Name: "job", Namespace: "default", UID: "u2"}, Spec: pod.Spec{
				RestartPolicy:  restart.Never,
				InitContainers: []container.Container{{Name: "migrate", Image: "migrate:1"}},
				Containers:     []container.Container{{Name: "app", Image: "app:1"}}}},
			s:    script{runs: map[string][]run{"migrate": {{d: sec(4), code: 3}}}},
			for_: time.Minute,
			want: func(t *testing.T, m *pod.Machine) {
				if m.Status().Phase != "Failed" {
					t.Errorf("phase %s, want Failed", m.Status().Phase)
				}
			}},
		{name: "init-failure-always",
			pod: &pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default", UID: "u3"}, Spec: pod.Spec{
				RestartPolicy:  restart.Always,
				InitContainers: []container.Container{{Name: "migrate", Image: "migrate:1"}},
				Containers:     []container.Container{{Name: "app", Image: "app:1"}}}},
			s:    script{runs: map[string][]run{"migrate": {{d: sec(4), code: 3}, {d: sec(4), code: 3}, {d: sec(4), code: 0}}}},
			for_: 2 * time.Minute,
			want: func(t *testing.T, m *pod.Machine) {
				if m.Status().Phase != "Running" {
					t.Errorf("phase %s, want Running once the init container succeeded", m.Status().Phase)
				}
			}},
		{name: "job-with-sidecar",
			pod: &pod.Pod{Metadata: pod.Meta{Name: "job", Namespace: "batch", UID: "u4"}, Spec: pod.Spec{
				RestartPolicy:  restart.Never,
				InitContainers: []container.Container{{Name: "proxy", Image: "envoy:1", RestartPolicy: restart.Always.Ptr()}},
				Containers:     []container.Container{{Name: "job", Image: "job:1"}}}},
			s:    script{runs: map[string][]run{"job": {{d: sec(30), code: 0}}}},
			for_: 2 * time.Minute,
			want: func(t *testing.T, m *pod.Machine) {
				if m.Status().Phase != "Succeeded" {
					t.Errorf("phase %s: a sidecar never keeps a finished pod alive", m.Status().Phase)
				}
			}},
		{name: "liveness-kill-with-prestop",
			pod: onePod(restart.Always, container.Container{Name: "app", Image: "app:1",
				LivenessProbe: httpProbe(10, 3), Lifecycle: &container.Lifecycle{PreStop: sleepHook(5)}}),
			s: script{
				probe: func(name string, k probe.Kind, attempt int32, since time.Duration) probe.Outcome {
					if attempt == 0 && since > sec(30) {
						return probe.OutcomeFailure
					}
					return probe.OutcomeSuccess
				},
				hook: func(name string, h pod.Hook) (time.Duration, string) { return sec(5), "" },
			},
			for_: 2 * time.Minute,
			want: func(t *testing.T, m *pod.Machine) {
				if got := m.Status().ContainerStatuses[0].RestartCount; got != 1 {
					t.Errorf("restartCount %d, want 1", got)
				}
			}},
		{name: "readiness-flapping",
			pod: onePod(restart.Always, container.Container{Name: "app", Image: "app:1",
				ReadinessProbe: &probe.Probe{TCPSocket: &probe.TCPSocketAction{Port: probe.PortNumber(80)}, PeriodSeconds: 5, FailureThreshold: 1}}),
			s: script{probe: func(name string, k probe.Kind, attempt int32, since time.Duration) probe.Outcome {
				if (since/(20*time.Second))%2 == 1 {
					return probe.OutcomeFailure
				}
				return probe.OutcomeSuccess
			}},
			for_: time.Minute + 30*time.Second},
		{name: "startup-probe-fails",
			pod: onePod(restart.Always, container.Container{Name: "app", Image: "app:1",
				StartupProbe: httpProbe(5, 3), LivenessProbe: httpProbe(10, 3)}),
			s: script{probe: func(name string, k probe.Kind, attempt int32, since time.Duration) probe.Outcome {
				if k == probe.Startup && attempt == 0 {
					return probe.OutcomeFailure
				}
				return probe.OutcomeSuccess
			}},
			for_: time.Minute},
		{name: "image-cannot-be-pulled",
			pod:  onePod(restart.Always, container.Container{Name: "app", Image: "app:does-not-exist"}),
			s:    script{pullFails: map[string]int{"app:does-not-exist": -1}},
			for_: 2 * time.Minute,
			want: func(t *testing.T, m *pod.Machine) {
				w := m.Status().ContainerStatuses[0].State.Waiting
				if m.Status().Phase != "Pending" || w == nil || (w.Reason != container.ImagePullBackOff && w.Reason != container.ErrImagePull) {
					t.Errorf("phase %s, waiting %+v", m.Status().Phase, w)
				}
			}},
		{name: "deletion-prestop-outlasts-grace",
			pod: func() *pod.Pod {
				p := onePod(restart.Always, container.Container{Name: "app", Image: "app:1",
					Lifecycle: &container.Lifecycle{PreStop: &container.Handler{Exec: &probe.ExecAction{Command: []string{"drain", "--wait"}}}}})
				p.Spec.TerminationGracePeriodSeconds = i64(10)
				return p
			}(),
			s: script{
				hook:   func(name string, h pod.Hook) (time.Duration, string) { return sec(60), "" },
				events: []pod.Event{{Kind: pod.DeletionRequested, At: m0.Add(sec(20))}},
			},
			for_: time.Minute},
		{name: "active-deadline",
			pod: func() *pod.Pod {
				p := onePod(restart.Never, container.Container{Name: "app", Image: "app:1"})
				p.Spec.ActiveDeadlineSeconds = i64(30)
				return p
			}(),
			for_: time.Minute,
			want: func(t *testing.T, m *pod.Machine) {
				if st := m.Status(); st.Phase != "Failed" || st.Reason != "DeadlineExceeded" {
					t.Errorf("phase %s reason %q", st.Phase, st.Reason)
				}
			}},
		{name: "eviction",
			pod: onePod(restart.Always, container.Container{Name: "app", Image: "app:1"}),
			s: script{events: []pod.Event{{Kind: pod.Evicted, At: m0.Add(sec(20)), GracePeriod: i64(1),
				Message: "The node was low on resource: memory. Threshold quantity: 100Mi, available: 91Mi."}}},
			for_: time.Minute,
			want: func(t *testing.T, m *pod.Machine) {
				if st := m.Status(); st.Phase != "Failed" || st.Reason != "Evicted" || st.Condition(pod.DisruptionTarget) == nil {
					t.Errorf("phase %s reason %q", st.Phase, st.Reason)
				}
			}},
		{name: "node-loss",
			pod: onePod(restart.Always, container.Container{Name: "app", Image: "app:1"}),
			s: script{events: []pod.Event{{Kind: pod.NodeLost, At: m0.Add(sec(20))},
				{Kind: pod.DeletionRequested, At: m0.Add(sec(320))}, {Kind: pod.NodeBack, At: m0.Add(sec(400))}}},
			for_: 8 * time.Minute,
			want: func(t *testing.T, m *pod.Machine) {}},
		{name: "sandbox-lost",
			pod: &pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default", UID: "u9"}, Spec: pod.Spec{
				RestartPolicy:  restart.Always,
				InitContainers: []container.Container{{Name: "setup", Image: "setup:1"}},
				Containers:     []container.Container{{Name: "app", Image: "app:1"}}}},
			s: script{runs: map[string][]run{"setup": {{d: sec(2), code: 0}}},
				events: []pod.Event{{Kind: pod.SandboxLost, At: m0.Add(sec(30))}}},
			for_: time.Minute},
		{name: "restart-all-containers",
			pod: trainerPod(),
			s: script{runs: map[string][]run{"fetch": {{d: sec(2)}}, "train": {{d: sec(20), code: 42}, {d: sec(20), code: 0}},
				"logger": {{d: sec(300)}}}},
			for_: 2 * time.Minute,
			want: func(t *testing.T, m *pod.Machine) {
				for _, s := range m.Status().InitContainerStatuses {
					if s.Name == "fetch" && s.RestartCount < 1 {
						t.Errorf("the init container was not run again: %+v", s)
					}
				}
			}},
		{name: "ephemeral-debug-container",
			pod: onePod(restart.Always, container.Container{Name: "app", Image: "app:1"}),
			s: script{runs: map[string][]run{"debugger": {{d: sec(10), code: 0}}},
				events: []pod.Event{{Kind: pod.EphemeralContainerAdded, At: m0.Add(sec(20)),
					Ephemeral: container.Container{Name: "debugger", Image: "busybox:1.36"}}}},
			for_: time.Minute,
			want: func(t *testing.T, m *pod.Machine) {
				es := m.Status().EphemeralContainerStatuses
				if len(es) != 1 || es[0].State.Terminated == nil || es[0].RestartCount != 0 {
					t.Errorf("ephemeral statuses %+v: started once, never restarted", es)
				}
				if c := m.Status().Condition(pod.Ready); c == nil || c.Status != pod.ConditionTrue {
					t.Errorf("an exited ephemeral container must not make the pod unready")
				}
			}},
		{name: "scheduling-gates",
			pod: func() *pod.Pod {
				p := onePod(restart.Always, container.Container{Name: "app", Image: "app:1"})
				p.Spec.SchedulingGates = []pod.SchedulingGate{{Name: "example.com/quota"}}
				return p
			}(),
			s: script{scheduleAt: m0.Add(sec(5)),
				events: []pod.Event{{Kind: pod.SchedulingGatesRemoved, At: m0.Add(sec(4))}}},
			for_: 10 * time.Second},
		{name: "static-pod",
			pod: func() *pod.Pod {
				p := onePod(restart.Always, container.Container{Name: "app", Image: "app:1"})
				p.Metadata.Annotations = map[string]string{pod.ConfigSourceAnnotation: "file"}
				return p
			}(),
			s:    script{events: []pod.Event{{Kind: pod.StaticPodRemoved, At: m0.Add(sec(20))}}},
			for_: time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDriver(t, tc.pod, tc.s)
			d.runUntil(m0.Add(tc.for_))
			goldenTimeline(t, tc.name, d.log.String())
			if tc.want != nil {
				tc.want(t, d.m)
			}
		})
	}
}

// benchLifecycle drives one full lifecycle of the realistic pod: an init
// container, a sidecar, two containers with probes, one crash and its
// back-off, then a graceful deletion. It returns the number of events.
// Its buffers are reused from one lifecycle to the next, so that the
// benchmarks count the machine's allocations, not the driver's.
func benchLifecycle(b *testing.B, m *pod.Machine, buf *lifecycleBuffers) int {
	now := m0
	events := 0
	pending := &buf.pending
	step := func(ev pod.Event) {
		out, err := m.Step(ev)
		if err != nil {
			b.Fatalf("%s: %v", ev.Kind, err)
		}
		events++
		*pending = append((*pending)[:0], out.Actions...)
	}
	answerAll := func(exitApp bool) {
		for round := 0; round < 20 && len(*pending) > 0; round++ {
			// acts is what the machine asked for; each answer's actions go
			// to pending, and are gathered in next for the round after.
			buf.acts = append(buf.acts[:0], (*pending)...)
			*pending = (*pending)[:0]
			next := buf.next[:0]
			for _, a := range buf.acts {
				var ev pod.Event
				switch a.Kind {
				case pod.CreateSandbox:
					ev = pod.Event{Kind: pod.SandboxReady, At: now, IP: "10.0.0.3"}
				case pod.PullImage:
					ev = pod.Event{Kind: pod.ImagePulled, At: now, Container: a.Container}
				case pod.CreateContainer:
					ev = pod.Event{Kind: pod.ContainerCreated, At: now, Container: a.Container}
				case pod.StartContainer:
					ev = pod.Event{Kind: pod.ContainerStarted, At: now, Container: a.Container}
				case pod.RunProbe:
					ev = pod.Event{Kind: pod.ProbeResult, At: a.At, Container: a.Container, Probe: a.Probe, Outcome: probe.OutcomeSuccess}
				case pod.RunHook:
					ev = pod.Event{Kind: pod.HookFinished, At: now, Container: a.Container, Hook: a.Hook}
				case pod.KillContainer:
					ev = pod.Event{Kind: pod.ContainerExited, At: now, Container: a.Container, ExitCode: 143}
				default:
					continue
				}
				step(ev)
				next = append(next, *pending...)
			}
			buf.next = next
			*pending = append((*pending)[:0], next...)
		}
	}
	step(pod.Event{Kind: pod.Scheduled, At: now, Node: "node-1"})
	answerAll(false)
	exited := false
	for i := 0; i < 40; i++ { // setup exits 0, then the main containers run
		now = now.Add(5 * time.Second)
		switch {
		case i == 0:
			step(pod.Event{Kind: pod.ContainerExited, At: now, Container: "setup"})
		case i == 10 && !exited:
			exited = true
			step(pod.Event{Kind: pod.ContainerExited, At: now, Container: "worker", ExitCode: 1})
		default:
			step(pod.Event{Kind: pod.TimePassed, At: now})
		}
		answerAll(false)
	}
	g := int64(10)
	step(pod.Event{Kind: pod.DeletionRequested, At: now, GracePeriod: &g})
	answerAll(false)
	for i := 0; i < 4 && !m.Removed(); i++ {
		now = now.Add(5 * time.Second)
		step(pod.Event{Kind: pod.TimePassed, At: now})
		answerAll(false)
	}
	return events
}

// lifecycleBuffers are benchLifecycle's: the actions a step asked for,
// those of the round being answered, and those of the next round.
type lifecycleBuffers struct{ pending, acts, next []pod.Action }

func BenchmarkMachineLifecycle(b *testing.B) {
	p := propPod(restart.Always)
	var buf lifecycleBuffers
	events := 0
	b.ReportAllocs()
	for b.Loop() {
		m, err := pod.NewMachine(p, pod.MachineOptions{})
		if err != nil {
			b.Fatal(err)
		}
		events += benchLifecycle(b, m, &buf)
	}
	b.ReportMetric(float64(events)/float64(b.N), "events/lifecycle")
}

// BenchmarkNewMachine makes a machine from a pod as written (defaulted
// into the machine's own copy) and from a defaulted one (shared, as pods
// made from one stored template are): validation included.
func BenchmarkNewMachine(b *testing.B) {
	raw := propPod(restart.Always)
	defaulted := raw.Defaulted()
	for name, p := range map[string]*pod.Pod{"raw": raw, "defaulted": &defaulted} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := pod.NewMachine(p, pod.MachineOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// steadyPod is a machine of propPod running, its probes answered and its
// buffers warm; its step steps it 5 s on and answers the probes then due
// with success, returning how many steps that took: the steady state of
// a running pod, whose steps change nothing the status reads.
type steadyPod struct {
	m   *pod.Machine
	now time.Time
	tb  testing.TB
}

func newSteadyPod(tb testing.TB, o pod.MachineOptions) *steadyPod {
	m, err := pod.NewMachine(propPod(restart.Always), o)
	if err != nil {
		tb.Fatal(err)
	}
	sp := &steadyPod{m: m, now: m0, tb: tb}
	var answer func(out pod.Output)
	answer = func(out pod.Output) {
		for _, a := range append([]pod.Action(nil), out.Actions...) {
			switch a.Kind {
			case pod.CreateSandbox:
				answer(sp.must(pod.Event{Kind: pod.SandboxReady, At: sp.now, IP: "10.0.0.3"}))
			case pod.PullImage:
				answer(sp.must(pod.Event{Kind: pod.ImagePulled, At: sp.now, Container: a.Container}))
			case pod.CreateContainer:
				answer(sp.must(pod.Event{Kind: pod.ContainerCreated, At: sp.now, Container: a.Container}))
			case pod.StartContainer:
				answer(sp.must(pod.Event{Kind: pod.ContainerStarted, At: sp.now, Container: a.Container}))
			case pod.RunProbe:
				answer(sp.must(pod.Event{Kind: pod.ProbeResult, At: a.At, Container: a.Container, Probe: a.Probe, Outcome: probe.OutcomeSuccess}))
			}
		}
	}
	answer(sp.must(pod.Event{Kind: pod.Scheduled, At: sp.now, Node: "node-1"}))
	sp.now = sp.now.Add(time.Second)
	answer(sp.must(pod.Event{Kind: pod.ContainerExited, At: sp.now, Container: "setup"}))
	for range 5 { // warm the buffers
		sp.now = sp.now.Add(5 * time.Second)
		answer(sp.must(pod.Event{Kind: pod.TimePassed, At: sp.now}))
	}
	if ph := m.Status().Phase; ph != "Running" {
		tb.Fatalf("phase %s", ph)
	}
	return sp
}

func (sp *steadyPod) must(ev pod.Event) pod.Output {
	out, err := sp.m.Step(ev)
	if err != nil {
		sp.tb.Fatalf("%s %s: %v", ev.Kind, ev.Container, err)
	}
	return out
}

func (sp *steadyPod) step() int {
	sp.now = sp.now.Add(5 * time.Second)
	out := sp.must(pod.Event{Kind: pod.TimePassed, At: sp.now})
	n := 1
	for _, a := range out.Actions {
		if a.Kind == pod.RunProbe {
			sp.must(pod.Event{Kind: pod.ProbeResult, At: a.At, Container: a.Container, Probe: a.Probe, Outcome: probe.OutcomeSuccess})
			n++
		}
	}
	return n
}

// The steady state allocates nothing: a running pod stepped on, probes
// answered, statuses derived again and again.
func TestMachineSteadyStateAllocatesNothing(t *testing.T) {
	for name, o := range map[string]pod.MachineOptions{"own buffers": {}, "a Scratch": {Scratch: new(pod.Scratch)}} {
		t.Run(name, func(t *testing.T) {
			sp := newSteadyPod(t, o)
			if n := testing.AllocsPerRun(50, func() { sp.step() }); n != 0 {
				t.Errorf("a steady-state step allocates %v times, want 0", n)
			}
		})
	}
}

// BenchmarkMachineSteadyStep times the steps of a running pod that change
// nothing the status reads (time passing, probes answering as before):
// the least a step costs.
func BenchmarkMachineSteadyStep(b *testing.B) {
	sp := newSteadyPod(b, pod.MachineOptions{})
	steps := 0
	b.ReportAllocs()
	for b.Loop() {
		steps += sp.step()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(steps), "ns/step")
}

// BenchmarkMachineMemory reports the heap one pod's machine holds after
// its lifecycle (its buffers warm), the spec shared by every machine: with
// its own buffers, and sharing a Scratch with the others.
func BenchmarkMachineMemory(b *testing.B) {
	for _, shared := range []bool{false, true} {
		name := "own"
		if shared {
			name = "scratch"
		}
		b.Run(name, func(b *testing.B) {
			const n = 200
			var ms runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms)
			before := ms.HeapAlloc
			machines := make([]*pod.Machine, n)
			template := propPod(restart.Always).Defaulted() // one spec, shared by every machine
			var o pod.MachineOptions
			if shared {
				o.Scratch = new(pod.Scratch)
			}
			for i := range machines {
				m, err := pod.NewMachine(&template, o)
				if err != nil {
					b.Fatal(err)
				}
				var buf lifecycleBuffers
				benchLifecycle(b, m, &buf)
				machines[i] = m
			}
			runtime.GC()
			runtime.ReadMemStats(&ms)
			perPod := float64(ms.HeapAlloc-before) / n
			runtime.KeepAlive(machines)
			runtime.KeepAlive(o.Scratch)
			for b.Loop() {
			}
			b.ReportMetric(perPod, "bytes/pod")
		})
	}
}

// Machines made from one defaulted pod share its spec and never change it.
func TestMachineSharesADefaultedSpec(t *testing.T) {
	p := propPod(restart.Always).Defaulted()
	before, _ := json.Marshal(p)
	m1, err := pod.NewMachine(&p, pod.MachineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := pod.NewMachine(&p, pod.MachineOptions{})
	if &m1.Pod().Spec.Containers[0] != &p.Spec.Containers[0] || &m2.Pod().Spec.Containers[0] != &p.Spec.Containers[0] {
		t.Fatal("a defaulted spec is copied")
	}
	var buf lifecycleBuffers
	benchLifecycle(&testing.B{}, m1, &buf)
	if _, err := m1.Step(pod.Event{Kind: pod.TimePassed, At: m1.Now()}); err == nil && !m1.Removed() {
		t.Fatal("the lifecycle did not end")
	}
	after, _ := json.Marshal(p)
	if string(before) != string(after) {
		t.Fatal("a machine changed the shared pod")
	}
	raw := propPod(restart.Always)
	m3, _ := pod.NewMachine(raw, pod.MachineOptions{})
	if &m3.Pod().Spec.Containers[0] == &raw.Spec.Containers[0] {
		t.Fatal("a spec that needed defaults must be copied, not changed")
	}
}

// A machine numbers a pod's probes in 16 bits: a pod with more (which the
// apiserver, taking objects of at most 1.5 MiB, could never store) is
// refused with a field error, not cut short.
func TestMachineRefusesMoreProbesThanItHolds(t *testing.T) {
	hp := &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/", Port: probe.PortNumber(80)}}
	p := &pod.Pod{Metadata: pod.Meta{Name: "huge", Namespace: "default"}, Spec: pod.Spec{RestartPolicy: restart.Always}}
	for i := range 65536/3 + 1 {
		p.Spec.Containers = append(p.Spec.Containers, container.Container{Name: "c" + strconv.Itoa(i), Image: "app:1",
			StartupProbe: hp, LivenessProbe: hp, ReadinessProbe: hp})
	}
	_, err := pod.NewMachine(p, pod.MachineOptions{})
	var errs field.ErrorList
	if !errors.As(err, &errs) || !errs.Has("spec", field.ErrorTypeTooMany) {
		t.Fatalf("NewMachine of a pod with 65,538 probes: %v, want a TooMany error on spec", err)
	}
	p.Spec.Containers = p.Spec.Containers[:65535/3]
	if _, err := pod.NewMachine(p, pod.MachineOptions{}); err != nil {
		t.Fatalf("NewMachine of a pod with 65,535 probes: %v", err)
	}
}

// trainerPod restarts all its containers in place when train exits 42
// (a RestartAllContainers rule; its gate is on in v1.37).
func trainerPod() *pod.Pod {
	return &pod.Pod{Metadata: pod.Meta{Name: "trainer", Namespace: "ml", UID: "u10"}, Spec: pod.Spec{
		RestartPolicy:  restart.Never,
		InitContainers: []container.Container{{Name: "fetch", Image: "fetch:1"}},
		Containers: []container.Container{
			{Name: "train", Image: "train:1", RestartPolicy: restart.Never.Ptr(),
				RestartPolicyRules: []restart.Rule{{Action: restart.ActionRestartAllContainers,
					ExitCodes: &restart.ExitCodes{Operator: restart.In, Values: []int32{42}}}}},
			{Name: "logger", Image: "logger:1"},
		}}}
}

// A machine keeps its times as Unix nanoseconds, so it steps only at times
// those count, with a century to spare for what it schedules ahead (an
// active deadline is at most 68 years): any other time is refused, and
// changes nothing, instead of being counted wrong.
func TestMachineRefusesTimesItCannotCount(t *testing.T) {
	m, err := pod.NewMachine(propPod(restart.Always), pod.MachineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := json.Marshal(m.Pod())
	for _, at := range []time.Time{
		time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Unix(0, math.MinInt64), // in Unix nanoseconds, but not a whole second of them
		time.Date(2162, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC),
	} {
		_, err := m.Step(pod.Event{Kind: pod.Scheduled, At: at, Node: "node-1"})
		var se *pod.StepError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), "1677-09-21 to 2161-12-31") {
			t.Errorf("a step at %s: %v, want a StepError naming the times a machine steps at", at.Format(time.RFC3339), err)
		}
	}
	if after, _ := json.Marshal(m.Pod()); string(after) != string(before) {
		t.Fatal("a refused step changed the pod")
	}
	last := time.Date(2161, 12, 31, 23, 59, 59, 999999999, time.UTC)
	out, err := m.Step(pod.Event{Kind: pod.Scheduled, At: last, Node: "node-1"})
	if err != nil {
		t.Fatalf("a step at the last time a machine steps at: %v", err)
	}
	if len(out.Actions) == 0 || out.Actions[0].Kind != pod.CreateSandbox {
		t.Fatalf("scheduled at %s: %v, want the sandbox created", last.Format(time.RFC3339), out.Actions)
	}
}

// A wake is kept in Unix nanoseconds, where 0 is a time like any other:
// a probe tick at 1970-01-01T00:00:00Z wakes the machine as any tick does.
func TestMachineWakesAtTheUnixEpoch(t *testing.T) {
	p := &pod.Pod{Metadata: pod.Meta{Name: "old", Namespace: "default", UID: "u1"}, Spec: pod.Spec{RestartPolicy: restart.Always,
		Containers: []container.Container{{Name: "app", Image: "app:1",
			ReadinessProbe: &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/", Port: probe.PortNumber(80)}, PeriodSeconds: 10}}}}}
	m, err := pod.NewMachine(p, pod.MachineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Unix(-10, 0).UTC() // 1969-12-31T23:59:50Z
	var out pod.Output
	step := func(ev pod.Event) {
		t.Helper()
		ev.At = start
		if out, err = m.Step(ev); err != nil {
			t.Fatalf("%s: %v", ev.Kind, err)
		}
	}
	step(pod.Event{Kind: pod.Scheduled, Node: "node-1"})
	step(pod.Event{Kind: pod.SandboxReady, IP: "10.0.0.3"})
	step(pod.Event{Kind: pod.ImagePulled, Container: "app"})
	step(pod.Event{Kind: pod.ContainerCreated, Container: "app"})
	step(pod.Event{Kind: pod.ContainerStarted, Container: "app"})
	for _, a := range out.Actions {
		if a.Kind == pod.RunProbe {
			step(pod.Event{Kind: pod.ProbeResult, Container: "app", Probe: a.Probe, Outcome: probe.OutcomeSuccess})
		}
	}
	if want := time.Unix(0, 0).UTC(); !out.Wake.Equal(want) {
		t.Fatalf("the probe's next tick: wake %v, want %v", out.Wake, want)
	}
}

// runningBigPod is a pod of n regular containers and the runtime view of
// them all running, each with a liveness result cached and a failed start
// of an earlier attempt remembered.
func runningBigPod(n int) (*pod.Pod, *pod.RuntimeView) {
	p := &pod.Pod{Metadata: pod.Meta{Name: "big", Namespace: "default", UID: "u-big"}, Spec: pod.Spec{RestartPolicy: restart.Always}}
	v := &pod.RuntimeView{Sandboxes: []pod.Sandbox{{Ready: true, IP: "10.0.0.3"}}}
	for i := range n {
		name := "c" + strconv.Itoa(i)
		p.Spec.Containers = append(p.Spec.Containers, container.Container{Name: name, Image: "img:1"})
		v.Records = append(v.Records, container.RuntimeRecord{Name: name, Image: "img:1", ContainerID: "containerd://" + name,
			State: container.RuntimeRunning, CreatedAt: m0, StartedAt: m0})
		v.Probes = append(v.Probes, pod.ProbeResults{Name: name, Liveness: probe.Success, Startup: probe.NoProbe})
		v.FailedStarts = append(v.FailedStarts, container.FailedStart{Name: name, Reason: container.ErrImagePull})
	}
	return p, v
}

// A step's derivations take time linear in the pod's size: its container
// statuses and its actions, which find each container's records, previous
// status, probe results and failed start by name. 16 times the containers
// may take at most 64 times as long (lookups by a scan, as they were, took
// about 250 times).
func TestMachineDerivationsGrowLinearly(t *testing.T) {
	growth.Linear(t, 250, 4000, 64, func(n int) func() {
		p, v := runningBigPod(n)
		var buf pod.StatusBuffer
		var acts pod.Actions
		derive := func() {
			p.Status.ContainerStatuses = pod.ContainerStatuses(&buf, p, &v.RuntimeStatus, container.Regular, feature.Gates{})
			pod.ComputePodActions(p, v, feature.Gates{}, &acts)
		}
		derive()
		if len(p.Status.ContainerStatuses) != n || len(acts.ContainersToStart) != 0 || acts.KillPod {
			t.Fatalf("%d containers: %d statuses, actions %+v; want a status each and nothing to do", n, len(p.Status.ContainerStatuses), acts)
		}
		return derive
	})
}
