package sim_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/events"
	"github.com/podlife/podlife/internal/golden"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
	"github.com/podlife/podlife/sim"
)

func sec(n int) time.Duration { return time.Duration(n) * time.Second }

func i64(v int64) *int64 { return &v }

func webPod(name string, cs ...container.Container) *pod.Pod {
	if len(cs) == 0 {
		cs = []container.Container{{Name: "app", Image: "app:1"}}
	}
	return &pod.Pod{
		Metadata: pod.Meta{Name: name, Namespace: "default", Labels: map[string]string{"app": "web"}},
		Spec:     pod.Spec{RestartPolicy: restart.Always, Containers: cs},
	}
}

// timelines runs s to end and returns the three timelines.
func timelines(t *testing.T, s *sim.Sim, end time.Duration) (watch, events, jsonl string) {
	t.Helper()
	if err := s.RunUntil(s.Start().Add(end)); err != nil {
		t.Fatal(err)
	}
	var w, e, j bytes.Buffer
	if err := s.WriteWatch(&w); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteEvents(&e); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteJSON(&j); err != nil {
		t.Fatal(err)
	}
	return w.String(), e.String(), j.String()
}

func checkGolden(t *testing.T, name string, s *sim.Sim, end time.Duration) {
	t.Helper()
	w, e, j := timelines(t, s, end)
	golden.Check(t, filepath.Join("testdata", name+".watch.golden"), w)
	golden.Check(t, filepath.Join("testdata", name+".events.golden"), e)
	golden.Check(t, filepath.Join("testdata", name+".jsonl.golden"), j)
}

func mustSim(t *testing.T, o sim.Options, pods ...*pod.Pod) *sim.Sim {
	t.Helper()
	s, err := sim.New(o)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pods {
		if err := s.AddPod(p, 0); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff: a container
// that keeps failing is started again after 10 s, 20 s, 40 s, ... (capped
// at 300 s), each back-off counted from its last exit.
func TestCrashLoopRestartsAtBackoffTimes(t *testing.T) {
	s := mustSim(t, sim.Options{SandboxDelay: sec(1), Script: sim.Script{Containers: []sim.ContainerScript{
		{Container: "app", Pull: sim.Pull{Duration: sec(2)}, Runs: []sim.Run{{For: sec(5), ExitCode: 1}}},
	}}}, webPod("crash"))
	checkGolden(t, "crashloop", s, 10*time.Minute)

	var starts []time.Duration
	for _, c := range s.Changes() {
		if c.Kind == sim.EventRecorded && c.Record.Reason == "Started" {
			starts = append(starts, c.At.Sub(s.Start()))
		}
	}
	// Sandbox 1 s, pull 2 s: first start at 3 s, exit at 8 s. The first
	// restart is at once (no back-off entry yet); each later one comes a
	// back-off after the previous exit: 10 s, 20 s, 40 s, 80 s, 160 s.
	want := []time.Duration{sec(3)}
	exit, backoff := sec(8), time.Duration(0)
	for len(want) < 7 {
		want = append(want, exit+backoff)
		exit = exit + backoff + sec(5)
		backoff = min(max(2*backoff, sec(10)), sec(300))
	}
	if len(starts) < len(want) {
		t.Fatalf("starts %v, want at least %v", starts, want)
	}
	for i, w := range want {
		if starts[i] != w {
			t.Errorf("start %d at %v, want %v (all: %v)", i+1, starts[i], w, starts)
		}
	}

	// The API keeps one Started event, counted: client-go's recorder
	// raises the count of an identical event (tools/record eventObserve).
	var started []events.Event
	for _, e := range s.PodEvents("default/crash") {
		if e.Reason == "Started" {
			started = append(started, e)
		}
	}
	if len(started) != 1 || int(started[0].Count) != len(starts) || started[0].FieldPath != "spec.containers{app}" ||
		!started[0].FirstTimestamp.Equal(s.Start().Add(starts[0])) || !started[0].LastTimestamp.Equal(s.Start().Add(starts[len(starts)-1])) {
		t.Errorf("Started events %+v, want one counting the %d starts from %v to %v", started, len(starts), starts[0], starts[len(starts)-1])
	}
	if s.PodEvents("default/nope") != nil {
		t.Error("events of a pod the Sim does not know")
	}
}

// A pod deleted with a grace: SIGTERM, the preStop hook first, the pod
// Terminating until its containers exit, then removed.
func TestDeleteWithGrace(t *testing.T) {
	p := webPod("web", container.Container{Name: "app", Image: "app:1",
		Lifecycle: &container.Lifecycle{PreStop: &container.Handler{Exec: &probe.ExecAction{Command: []string{"drain"}}}}},
		container.Container{Name: "stubborn", Image: "stubborn:1"})
	s := mustSim(t, sim.Options{SandboxDelay: sec(1), Script: sim.Script{
		Containers: []sim.ContainerScript{
			{Container: "app", PreStop: sim.HookScript{Duration: sec(3)}, StopDelay: sec(1)},
			{Container: "stubborn", IgnoreSIGTERM: true},
		},
		Happenings: []sim.Happening{{At: sec(30), Kind: sim.Delete, Pod: "web", Grace: i64(20)}},
	}}, p)
	checkGolden(t, "delete-grace", s, 2*time.Minute)
	if s.Pod("web") == nil {
		t.Fatal("pod lost")
	}
	st := s.Stats()
	if st.Removed != 1 {
		t.Fatalf("stats %+v: the pod was not removed", st)
	}
	var exits []string
	for _, c := range s.Changes() {
		if c.Kind == sim.PodRemoved {
			if got := c.At.Sub(s.Start()); got != sec(50) {
				t.Errorf("removed at %v, want 50s (deleted at 30s, stubborn killed at the 20s grace)", got)
			}
		}
	}
	for _, cs := range s.Pod("web").Status.ContainerStatuses {
		if cs.State.Terminated != nil {
			exits = append(exits, cs.Name+"="+itoa(cs.State.Terminated.ExitCode))
		}
	}
	if got := strings.Join(exits, " "); got != "app=143 stubborn=137" {
		t.Errorf("exits %q, want app=143 stubborn=137", got)
	}
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }

// Readiness scripted by time since start, an OOMKill on the 3rd attempt, a
// failed first pull: the things the issue names.
func TestScriptedBehaviour(t *testing.T) {
	p := webPod("api", container.Container{Name: "api", Image: "api:2",
		ReadinessProbe: &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/ready", Port: probe.PortNumber(8080)}, PeriodSeconds: 10}})
	s := mustSim(t, sim.Options{SandboxDelay: sec(1), Script: sim.Script{Containers: []sim.ContainerScript{{
		Labels: map[string]string{"app": "web"}, Container: "api",
		Pull: sim.Pull{Duration: sec(3), FailAttempts: []int{1}},
		Runs: []sim.Run{{Attempt: 1, For: sec(100), ExitCode: 1}, {Attempt: 3, For: sec(20), ExitCode: 137, Reason: container.OOMKilled}, {For: sec(40), ExitCode: 1}},
		Probes: []sim.ProbeAnswer{{Probe: probe.Readiness, Attempt: 1, From: sec(60), Until: sec(90), Outcome: probe.OutcomeFailure,
			Output: "HTTP probe failed with statuscode: 503"}},
	}}, Happenings: []sim.Happening{{At: sec(230), Kind: sim.Evict, Pod: "default/api", Message: "The node was low on resource: memory."}}}}, p)
	checkGolden(t, "scripted", s, 5*time.Minute)
	var oom bool
	for _, c := range s.Changes() {
		// The status the sync that sees the exit makes still has the
		// kill as the container's state (the back-off it decides shows
		// from the next sync on), so OOMKilled is the STATUS.
		oom = oom || (c.Kind == sim.RowChanged && c.Row.Status == "OOMKilled" && c.Row.Restarts == 2 &&
			strings.Contains(c.Cause, "OOMKilled") && c.At.Sub(s.Start()) == sec(187))
	}
	if !oom {
		t.Error("no OOMKill at 3:07, the end of the third run")
	}
}

// Same script and seed: the same run, bit for bit; another seed with
// jitter: another run.
func TestDeterminism(t *testing.T) {
	run := func(seed uint64) string {
		s := mustSim(t, sim.Options{Seed: seed, Jitter: 0.3, SandboxDelay: sec(1), Script: sim.Script{
			Containers: []sim.ContainerScript{{Pull: sim.Pull{Duration: sec(4)}, Runs: []sim.Run{{For: sec(7), ExitCode: 2}}, StopDelay: sec(2)}},
			Happenings: []sim.Happening{{At: sec(200), Kind: sim.Delete, Pod: "b"}, {At: sec(100), Kind: sim.NodeLost, Node: "node-1"}, {At: sec(160), Kind: sim.NodeBack, Node: "node-1"}},
		}}, webPod("a"), webPod("b"), webPod("c"))
		w, e, j := timelines(t, s, 5*time.Minute)
		return w + e + j
	}
	a, b, c := run(1), run(1), run(2)
	if len(a) < 2000 {
		t.Fatalf("a short run:\n%s", a)
	}
	if a != b {
		t.Error("the same seed gave two runs")
	}
	if a == c {
		t.Error("seeds 1 and 2 gave the same run with jitter 0.3")
	}
}

// The tie rule: events due at the same time are delivered in the order
// they were queued; pods added at the same time are created in the order
// they were added.
func TestTieRule(t *testing.T) {
	s := mustSim(t, sim.Options{}, webPod("z"), webPod("a"), webPod("m"))
	if _, err := s.Step(); err != nil {
		t.Fatal(err)
	}
	if err := s.Run(); err == nil {
		// Pods that run forever without probes settle: Run ends.
	} else {
		t.Fatal(err)
	}
	var order []string
	for _, c := range s.Changes() {
		if c.Kind == sim.RowChanged && c.Row.Status == "Running" && !slices.Contains(order, c.Row.Name) {
			order = append(order, c.Row.Name)
		}
	}
	if got := strings.Join(order, ","); got != "z,a,m" {
		t.Errorf("pods started in order %s, want z,a,m (the order they were added)", got)
	}
	for _, c := range s.Changes() {
		if !c.At.Equal(s.Start()) {
			t.Errorf("with no delays everything happens at time 0; %s at %v", c.Pod, c.At)
		}
	}
}

func TestScriptErrors(t *testing.T) {
	s, err := sim.New(sim.Options{Script: sim.Script{Containers: []sim.ContainerScript{{Pod: "web", Container: "sidecar"}}}})
	if err != nil {
		t.Fatal(err)
	}
	err = s.AddPod(webPod("web", container.Container{Name: "app", Image: "app:1"}), 0)
	var se *sim.ScriptError
	if !errors.As(err, &se) {
		t.Fatalf("got %v, want a *ScriptError", err)
	}
	want := `sim: script Containers[0].Container: pod "default/web", container "sidecar": the pod has no such container (its init, regular and ephemeral containers can be scripted); allowed: "app"`
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}

	for _, tc := range []struct {
		o    sim.Options
		want string
	}{
		{sim.Options{Script: sim.Script{Containers: []sim.ContainerScript{{Probes: []sim.ProbeAnswer{{Outcome: "Maybe"}}}}}},
			`sim: script Containers[0].Probes[0].Outcome: unknown outcome "Maybe"; allowed: "Success", "Failure", "Timeout", "Error"`},
		{sim.Options{Script: sim.Script{Containers: []sim.ContainerScript{{Runs: []sim.Run{{For: -sec(1)}}}}}},
			`sim: script Containers[0].Runs[0].For: negative duration -1s`},
		{sim.Options{Script: sim.Script{Happenings: []sim.Happening{{Kind: sim.Delete}}}},
			`sim: script Happenings[0].Pod: Delete names no pod`},
		{sim.Options{Script: sim.Script{Happenings: []sim.Happening{{Kind: 99, Pod: "x"}}}},
			`sim: script Happenings[0].Kind: unknown happening HappeningKind(99); allowed: "Delete", "Evict", "NodeLost", "NodeBack", "NodeDeleted", "Drain", "Uncordon", "MemoryPressure", "Scale", "TemplateChanged", "RemoveSchedulingGates", "Debug", "RemoveStaticPod"`},
		{sim.Options{Jitter: 1.5}, `sim: script Options.Jitter: jitter 1.5 is outside [0, 1)`},
		{sim.Options{Start: time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)},
			`sim: script Options.Start: outside the times a pod's machine steps at, 1677-09-21T00:12:44Z to 2162-01-01T00:00:00Z (pod.MachineTimes)`},
	} {
		_, err := sim.New(tc.o)
		if err == nil || err.Error() != tc.want {
			t.Errorf("got  %v\nwant %s", err, tc.want)
		}
	}

	// A happening naming a pod that does not exist: an error from Step,
	// and the run can go on.
	s, _ = sim.New(sim.Options{Script: sim.Script{Happenings: []sim.Happening{{At: sec(5), Kind: sim.Delete, Pod: "ghost"}}}})
	err = s.Run()
	if !errors.As(err, &se) || se.Pod != "ghost" {
		t.Errorf("got %v, want a *ScriptError about pod ghost", err)
	}
	if err := s.Run(); err != nil {
		t.Errorf("the run does not go on: %v", err)
	}

	// An invalid pod gets the validation errors, not a panic.
	s, _ = sim.New(sim.Options{})
	if err := s.AddPod(&pod.Pod{}, 0); err == nil {
		t.Error("an empty pod was accepted")
	}
	if err := s.AddPod(nil, 0); err == nil {
		t.Error("a nil pod was accepted")
	}
	if err := s.AddPod(webPod("dup"), 0); err != nil {
		t.Fatal(err)
	}
	if err := s.AddPod(webPod("dup"), 0); !errors.As(err, &se) {
		t.Errorf("a second pod default/dup: got %v", err)
	}
}

// Run is bounded: a pod whose probes never stop keeps the queue busy.
func TestRunBounded(t *testing.T) {
	p := webPod("probed", container.Container{Name: "app", Image: "app:1",
		LivenessProbe: &probe.Probe{Exec: &probe.ExecAction{Command: []string{"true"}}, PeriodSeconds: 10}})
	var calls, lastDone int
	s := mustSim(t, sim.Options{MaxEvents: 500, ProgressEvery: 100, Progress: func(done, queued int, now time.Time) {
		calls++
		lastDone = done
	}}, p)
	err := s.Run()
	var le *sim.LimitError
	if !errors.As(err, &le) || le.Events != 500 {
		t.Fatalf("got %v, want a *LimitError after 500 events", err)
	}
	if calls != 6 || lastDone != s.Stats().Events {
		t.Errorf("progress called %d times (last done %d), want 6 (every 100 and at the end, done %d)", calls, lastDone, s.Stats().Events)
	}
}

// Stepping one event at a time, or in pieces with RunUntil, gives the run
// that RunUntil gives at once.
func TestSteppingIsRunning(t *testing.T) {
	mk := func() *sim.Sim {
		return mustSim(t, sim.Options{Seed: 7, Jitter: 0.2, SandboxDelay: sec(1), Script: sim.Script{
			Containers: []sim.ContainerScript{{Runs: []sim.Run{{For: sec(9), ExitCode: 1}}}},
			Happenings: []sim.Happening{{At: sec(70), Kind: sim.Delete, Pod: "b", Grace: i64(5)}},
		}}, webPod("a"), webPod("b"))
	}
	end := 3 * time.Minute
	ran := mk()
	whole, _, _ := timelines(t, ran, end)

	s := mk()
	for s.Queued() > 0 && !s.Now().After(s.Start().Add(end)) {
		if _, err := s.Step(); err != nil {
			t.Fatal(err)
		}
	}
	// Step may have gone one event past the end: compare the changes up
	// to it (a later line could widen the printed columns).
	upTo := func(cs []sim.Change) []sim.Change {
		var out []sim.Change
		for _, c := range cs {
			if !c.At.After(s.Start().Add(end)) {
				out = append(out, c)
			}
		}
		return out
	}
	if a, b := upTo(s.Changes()), upTo(ran.Changes()); !reflect.DeepEqual(a, b) {
		var w bytes.Buffer
		s.WriteWatch(&w)
		t.Errorf("stepping (%d changes):\n%s\nrunning (%d changes):\n%s", len(a), w.String(), len(b), whole)
	}

	s = mk()
	for d := sec(7); d <= end; d += sec(7) {
		if err := s.RunUntil(s.Start().Add(d)); err != nil {
			t.Fatal(err)
		}
	}
	pieces, _, _ := timelines(t, s, end)
	if pieces != whole {
		t.Errorf("in pieces:\n%s\nat once:\n%s", pieces, whole)
	}
}

// pkg/controller/nodelifecycle: once a node has sent no heartbeat for
// the 50 s grace, the controller sets Ready False on the pods of that node
// only, keeping their phase; NodeBack clears it. Before the grace ends
// nothing is seen.
func TestNodeLost(t *testing.T) {
	ready := &probe.Probe{TCPSocket: &probe.TCPSocketAction{Port: probe.PortNumber(80)}, PeriodSeconds: 10}
	other := webPod("elsewhere", container.Container{Name: "app", Image: "app:1", ReadinessProbe: ready})
	other.Spec.NodeName = "node-2"
	s := mustSim(t, sim.Options{SandboxDelay: sec(1), Script: sim.Script{Happenings: []sim.Happening{
		{At: sec(60), Kind: sim.NodeLost, Node: "node-1"}, {At: sec(120), Kind: sim.NodeBack, Node: "node-1"},
	}}}, webPod("here", container.Container{Name: "app", Image: "app:1", ReadinessProbe: ready}), other)
	readyOf := func(name string) pod.ConditionStatus {
		if c := s.Pod(name).Status.Condition(pod.Ready); c != nil {
			return c.Status
		}
		return ""
	}
	if err := s.RunUntil(s.Start().Add(109 * time.Second)); err != nil {
		t.Fatal(err)
	}
	if got := readyOf("here"); got != pod.ConditionTrue {
		t.Errorf("node-1 lost 49 s ago: Ready %s, want True (the grace has not run out)", got)
	}
	if err := s.RunUntil(s.Start().Add(110 * time.Second)); err != nil {
		t.Fatal(err)
	}
	if got, want := readyOf("here")+"/"+readyOf("elsewhere"), pod.ConditionFalse+"/"+pod.ConditionTrue; got != want {
		t.Errorf("node-1 lost: Ready here/elsewhere %s, want %s", got, want)
	}
	if ph := s.Pod("here").Status.Phase; ph != "Running" {
		t.Errorf("node-1 lost: phase %s, want Running (the phase is kept)", ph)
	}
	// The Ready condition is not a cell of the row: READY counts ready
	// containers, so `kubectl get pods -w` shows no line for the loss.
	checkGolden(t, "nodelost", s, 3*time.Minute)
	if got := readyOf("here"); got != pod.ConditionTrue {
		t.Errorf("node-1 back: Ready %s, want True", got)
	}
}

// A script entry picked by labels applies to the matching pods only, and
// the first entry that matches a container wins.
func TestScriptPicksByLabels(t *testing.T) {
	web, db := webPod("web"), webPod("db")
	db.Metadata.Labels = map[string]string{"app": "db"}
	s := mustSim(t, sim.Options{Script: sim.Script{Containers: []sim.ContainerScript{
		{Labels: map[string]string{"app": "web"}, Container: "app", Runs: []sim.Run{{For: sec(3), ExitCode: 7}}},
		{Runs: []sim.Run{{For: sec(5), ExitCode: 9}}},
	}}}, web, db)
	if err := s.RunUntil(s.Start().Add(sec(6))); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]int32{"web": 7, "db": 9} {
		cs := s.Pod(name).Status.ContainerStatuses[0]
		if cs.LastState.Terminated == nil && cs.State.Terminated == nil {
			t.Fatalf("%s: no exit: %+v", name, cs)
		}
		term := cs.State.Terminated
		if term == nil {
			term = cs.LastState.Terminated
		}
		if term.ExitCode != want {
			t.Errorf("%s exited %d, want %d", name, term.ExitCode, want)
		}
	}
}

// A pod with scheduling gates is created and shown SchedulingGated; it is
// never bound (there is no scheduler yet).
func TestSchedulingGated(t *testing.T) {
	p := webPod("gated")
	p.Spec.SchedulingGates = []pod.SchedulingGate{{Name: "example.com/quota"}}
	s := mustSim(t, sim.Options{}, p)
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	ch := s.Changes()
	if len(ch) != 1 || ch[0].Row.Status != "SchedulingGated" {
		t.Fatalf("changes %+v, want one SchedulingGated row", ch)
	}
	if st := s.Stats(); st.Stale != 0 {
		t.Errorf("stats %+v: the creation was refused", st)
	}
}

// The Pulled event says how long the pull took and the image's size, as
// the kubelet's image manager does (pkg/kubelet/images/image_manager.go
// pullImage); the size comes from the script, in Go or JSON.
func TestPulledEventSaysTimeAndSize(t *testing.T) {
	sc, err := sim.LoadScript("pull.json", strings.NewReader(`{"containers": [{"container": "app", "pull": {"duration": "2.5s", "size": 187654321}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := sim.New(sim.Options{Script: sc})
	if err != nil {
		t.Fatal(err)
	}
	p := &pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default"},
		Spec: pod.Spec{Containers: []container.Container{{Name: "app", Image: "nginx:1.27"}}}}
	if err := s.AddPod(p, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.RunUntil(s.Start().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	want := `Successfully pulled image "nginx:1.27" in 2.5s (2.5s including waiting). Image size: 187654321 bytes.`
	for _, c := range s.Changes() {
		if c.Kind == sim.EventRecorded && c.Record.Reason == "Pulled" {
			if c.Record.Message != want {
				t.Fatalf("Pulled: %q, want %q", c.Record.Message, want)
			}
			return
		}
	}
	t.Fatal("no Pulled event")
}
