package sim_test

import (
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
	"github.com/podlife/podlife/sim"
)

// A run's Message and Log are what its container leaves, and the kubelet
// reports them as the terminated state's message
// (container.TerminationMessage): a Job-style step's result from its file,
// a crash's log end under FallbackToLogsOnError, and a stopped run's file
// too.
func TestRunsLeaveTerminationMessages(t *testing.T) {
	sc, err := sim.LoadScript("messages.json", strings.NewReader(`{"containers": [
		{"pod": "step", "container": "app", "runs": [{"for": "5s", "message": "{\"digest\":\"sha256:1\"}", "log": "building\n"}]},
		{"pod": "crash", "container": "app", "runs": [{"attempt": 1, "for": "5s", "exitCode": 2, "log": "starting\npanic: boom\n"}, {"forever": true}]},
		{"pod": "stopped", "container": "app", "runs": [{"forever": true, "message": "drained 12 connections"}], "stopDelay": "1s"}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	sc.Happenings = append(sc.Happenings, sim.Happening{At: 20 * time.Second, Kind: sim.Delete, Pod: "default/stopped"})
	s, err := sim.New(sim.Options{Script: sc})
	if err != nil {
		t.Fatal(err)
	}
	add := func(name string, rp restart.Policy, policy container.TerminationMessagePolicy) {
		p := &pod.Pod{Metadata: pod.Meta{Name: name, Namespace: "default"}, Spec: pod.Spec{RestartPolicy: rp,
			Containers: []container.Container{{Name: "app", Image: "app:1", TerminationMessagePolicy: policy}}}}
		if err := s.AddPod(p, 0); err != nil {
			t.Fatal(err)
		}
	}
	add("step", restart.Never, "")
	add("crash", restart.Always, container.TerminationMessageFallbackToLogsOnError)
	add("stopped", restart.Always, "")
	var messages []string
	watch := func(name string, last bool) {
		t.Helper()
		p := s.Pod("default/" + name)
		if p == nil {
			t.Fatalf("%s is gone", name)
		}
		st := p.Status.ContainerStatuses[0].State
		if last {
			st = p.Status.ContainerStatuses[0].LastState
		}
		if st.Terminated == nil {
			t.Fatalf("%s: no terminated state: %+v", name, p.Status.ContainerStatuses[0])
		}
		messages = append(messages, name+": "+st.Terminated.Message)
	}
	if err := s.RunUntil(s.Start().Add(21 * time.Second)); err != nil {
		t.Fatal(err)
	}
	watch("step", false)
	watch("crash", true)
	watch("stopped", false)
	want := []string{`step: {"digest":"sha256:1"}`, "crash: starting\npanic: boom\n", "stopped: drained 12 connections"}
	if strings.Join(messages, "|") != strings.Join(want, "|") {
		t.Errorf("messages %q, want %q", messages, want)
	}
	// The timeline says them, quoted on one line.
	var text strings.Builder
	if err := s.WriteContainers(&text); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		`terminated, exit code 0 (Completed), message "{\"digest\":\"sha256:1\"}"`,
		`terminated, exit code 2 (Error), message "starting\npanic: boom\n"`,
		`terminated, exit code 143 (Error), message "drained 12 connections"`,
	} {
		if !strings.Contains(text.String(), line) {
			t.Errorf("the timeline has no %s:\n%s", line, text.String())
		}
	}
}

// A long message is cut in the timeline, at a character.
func TestTimelineCutsLongMessages(t *testing.T) {
	c := sim.ContainerChange{Kind: sim.StateChanged, State: container.StateTerminated, ExitCode: 1, Reason: "Error",
		Message: strings.Repeat("a", 59) + "é and more"}
	if got, want := c.Text(), `terminated, exit code 1 (Error), message "`+strings.Repeat("a", 59)+`"...`; got != want {
		t.Errorf("Text = %s, want %s", got, want)
	}
}
