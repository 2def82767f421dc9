package container_test

import (
	"encoding/json"
	"testing"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/restart"
)

// pkg/api/v1/pod/util.go IsRestartableInitContainer: only exactly Always.
func TestIsSidecar(t *testing.T) {
	for _, tt := range []struct {
		policy restart.Policy
		want   bool
	}{{restart.Always, true}, {"", false}, {restart.OnFailure, false}, {restart.Never, false}, {"always", false}} {
		c := container.Container{Name: "c", RestartPolicy: tt.policy.Ptr()}
		if got := c.IsSidecar(); got != tt.want {
			t.Errorf("restartPolicy %q: IsSidecar = %v, want %v", tt.policy, got, tt.want)
		}
	}
}

// pkg/api/v1/pod/util.go GetContainerStatus: the first status with the name.
func TestFindFirstMatch(t *testing.T) {
	list := []container.Status{{Name: "a", RestartCount: 1}, {Name: "b"}, {Name: "a", RestartCount: 2}}
	if s := container.Find(list, "a"); s == nil || s.RestartCount != 1 {
		t.Errorf("Find(a) = %+v, want the first", s)
	}
	if container.Find(list, "zz") != nil || container.Find(nil, "a") != nil {
		t.Error("Find of a missing name is not nil")
	}
}

func TestStatusJSON(t *testing.T) {
	in := `{"name":"app","state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 10s restarting failed container=app pod=web_default(u1)"}},` +
		`"lastState":{"terminated":{"exitCode":1,"reason":"Error","startedAt":"2026-01-01T00:00:00Z","finishedAt":"2026-01-01T00:00:09Z"}},` +
		`"ready":false,"restartCount":3,"started":false,"image":"busybox"}`
	var s container.Status
	if err := json.Unmarshal([]byte(in), &s); err != nil {
		t.Fatal(err)
	}
	if s.State.Waiting.Reason != container.CrashLoopBackOff || s.LastState.Terminated.ExitCode != 1 || s.IsStarted() {
		t.Errorf("decoded %+v", s)
	}
	if d := s.LastState.Terminated.FinishedAt.Sub(s.LastState.Terminated.StartedAt); d.Seconds() != 9 {
		t.Errorf("times decoded as %v apart", d)
	}
	out, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Errorf("round trip changed the JSON:\n got %s\nwant %s", out, in)
	}
}
