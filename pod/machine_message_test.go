package pod_test

import (
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

// The terminated states the machine reports carry the message the kubelet
// reads (kuberuntime_container.go convertToKubeContainerStatus, through
// container.TerminationMessage), kept with the instance that left it,
// and cut to each status's share of the pod's 12 KiB (status_manager.go
// normalizeStatus).
func TestMachineTerminationMessages(t *testing.T) {
	one := func(policy container.TerminationMessagePolicy, rp restart.Policy) *pod.Pod {
		return &pod.Pod{Metadata: pod.Meta{Name: "job", Namespace: "default", UID: "u1"}, Spec: pod.Spec{
			RestartPolicy: rp,
			Containers:    []container.Container{{Name: "app", Image: "app:1", TerminationMessagePolicy: policy}}}}
	}
	terminated := func(t *testing.T, d *driver, last bool) *container.Terminated {
		t.Helper()
		cs := d.m.Status().ContainerStatuses[0]
		st := cs.State
		if last {
			st = cs.LastState
		}
		if st.Terminated == nil {
			t.Fatalf("want a terminated state (last %v), got %+v\n%s", last, cs, d.log.String())
		}
		return st.Terminated
	}

	t.Run("File: the file's content, on success too; the log is not read", func(t *testing.T) {
		d := newDriver(t, one("", restart.Never), script{runs: map[string][]run{
			"app": {{d: 5 * time.Second, code: 0, msg: "result: 42", log: "noise\n"}}}})
		d.runUntil(m0.Add(time.Minute))
		if got := terminated(t, d, false).Message; got != "result: 42" {
			t.Errorf("message %q, want the file's", got)
		}
	})
	t.Run("File: a failed container without a file has no message", func(t *testing.T) {
		d := newDriver(t, one(container.TerminationMessageReadFile, restart.Never), script{runs: map[string][]run{
			"app": {{d: 5 * time.Second, code: 1, log: "panic: boom\n"}}}})
		d.runUntil(m0.Add(time.Minute))
		if got := terminated(t, d, false).Message; got != "" {
			t.Errorf("message %q, want none", got)
		}
	})
	t.Run("FallbackToLogsOnError: the log of a crash, kept in lastState; the next instance's own", func(t *testing.T) {
		d := newDriver(t, one(container.TerminationMessageFallbackToLogsOnError, restart.Always), script{runs: map[string][]run{
			"app": {{d: 10 * time.Second, code: 1, log: "starting\npanic: boom\n"}, {d: 10 * time.Second, code: 2}}}})
		// Started at 0:03, crashed at 0:13 and restarted at once (the first
		// restart has no back-off): running again at 0:15.
		d.runUntil(m0.Add(15 * time.Second))
		if got := terminated(t, d, true).Message; got != "starting\npanic: boom\n" {
			t.Errorf("after the first crash: lastState message %q, want the log", got)
		}
		// Crashed again at 0:23 leaving nothing; restarted at 0:33.
		d.runUntil(m0.Add(35 * time.Second))
		if got := terminated(t, d, true); got.ExitCode != 2 || got.Message != "" {
			t.Errorf("after the second crash: lastState %+v, want exit code 2 and no message\n%s", *got, d.log.String())
		}
	})
	t.Run("normalizeStatus: four containers share 12 KiB", func(t *testing.T) {
		p := one("", restart.Never)
		for _, n := range []string{"b", "c", "d"} {
			p.Spec.Containers = append(p.Spec.Containers, container.Container{Name: n, Image: "app:1"})
		}
		file := strings.Repeat("a", 1000) + strings.Repeat("b", 4096)
		d := newDriver(t, p, script{runs: map[string][]run{
			"app": {{d: 5 * time.Second, code: 1, msg: file}}, "b": {{d: 5 * time.Second}},
			"c": {{d: 5 * time.Second}}, "d": {{d: 5 * time.Second}}}})
		d.runUntil(m0.Add(time.Minute))
		// The kubelet reads the file's last 4 KiB, the status manager keeps
		// the first 3 KiB of that.
		if got, want := terminated(t, d, false).Message, strings.Repeat("b", 3072); got != want {
			t.Errorf("message of %d bytes, want %d", len(got), len(want))
		}
	})
}

// The reason cache keeps the message of a failed start
// (kuberuntime_manager.go SyncPod: startContainerResult.Fail(err, msg)),
// which the waiting state then says: the image policy's refusal for
// ErrImageNeverPull, the hook's failure for PostStartHookError (the start
// whose postStart hook failed, once the kill is done).
func TestMachineFailedStartMessages(t *testing.T) {
	waiting := func(t *testing.T, d *driver) *container.Waiting {
		t.Helper()
		w := d.m.Status().ContainerStatuses[0].State.Waiting
		if w == nil {
			t.Fatalf("not waiting: %+v\n%s", d.m.Status().ContainerStatuses[0], d.log.String())
		}
		return w
	}
	t.Run("ErrImageNeverPull", func(t *testing.T) {
		p := &pod.Pod{Metadata: pod.Meta{Name: "p", Namespace: "default", UID: "u1"}, Spec: pod.Spec{
			Containers: []container.Container{{Name: "app", Image: "app:1", ImagePullPolicy: container.PullNever}}}}
		d := newDriver(t, p, script{})
		// The sync that found the image missing left the reason; the
		// next one, a sync retry later, shows it.
		d.runUntil(m0.Add(15 * time.Second))
		if w := waiting(t, d); w.Reason != container.ErrImageNeverPull || w.Message != `Container image "app:1" is not present with pull policy of Never` {
			t.Errorf("waiting %s %q", w.Reason, w.Message)
		}
	})
	t.Run("PostStartHookError", func(t *testing.T) {
		hook := &container.Handler{Exec: &probe.ExecAction{Command: []string{"hook"}}}
		p := &pod.Pod{Metadata: pod.Meta{Name: "p", Namespace: "default", UID: "u1"}, Spec: pod.Spec{
			Containers: []container.Container{{Name: "app", Image: "app:1", Lifecycle: &container.Lifecycle{PostStart: hook}}}}}
		m, err := pod.NewMachine(p, pod.MachineOptions{})
		if err != nil {
			t.Fatal(err)
		}
		const msg = `Exec lifecycle hook ([hook]) for Container "app" in Pod "p_default(u1)" failed - error: exit 3, message: ""`
		now := m0
		for _, ev := range []pod.Event{{Kind: pod.Scheduled, Node: "n"}, {Kind: pod.SandboxReady, IP: "10.0.0.3"},
			{Kind: pod.ImagePulled, Container: "app"}, {Kind: pod.ContainerCreated, Container: "app"}, {Kind: pod.ContainerStarted, Container: "app"},
			{Kind: pod.HookFinished, Container: "app", Hook: pod.PostStart, Message: msg},
			{Kind: pod.ContainerExited, Container: "app", ExitCode: 143}} {
			now = now.Add(time.Second)
			ev.At = now
			if _, err := m.Step(ev); err != nil {
				t.Fatalf("%s: %v", ev.Kind, err)
			}
		}
		cs := m.Status().ContainerStatuses[0]
		if w := cs.State.Waiting; w == nil || w.Reason != container.PostStartHookError || w.Message != msg {
			t.Errorf("after the kill: %+v, want waiting PostStartHookError with the hook's message", cs.State)
		}
		if cs.LastState.Terminated == nil || cs.LastState.Terminated.ExitCode != 143 {
			t.Errorf("last state %+v, want the killed instance", cs.LastState)
		}
	})
}
