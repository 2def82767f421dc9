package container_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/restart"
)

// pkg/kubelet/container/helpers.go ShouldContainerBeRestarted reads the
// newest record's state and exit code; an OOM kill matters to init
// containers (kuberuntime/helpers.go isInitContainerFailed).
func TestRuntimeRecordRestartRecord(t *testing.T) {
	for _, tc := range []struct {
		rec  container.RuntimeRecord
		want restart.Record
	}{
		{container.RuntimeRecord{State: container.RuntimeCreated}, restart.Record{State: restart.StateCreated}},
		{container.RuntimeRecord{State: container.RuntimeRunning, ExitCode: 3}, restart.Record{State: restart.StateRunning}},
		{container.RuntimeRecord{State: container.RuntimeExited, ExitCode: 3}, restart.Exited(3)},
		{container.RuntimeRecord{State: container.RuntimeExited, Reason: container.OOMKilled}, restart.Record{State: restart.StateExited, OOMKilled: true}},
		{container.RuntimeRecord{State: container.RuntimeUnknown}, restart.Record{State: restart.StateUnknown}},
		{container.RuntimeRecord{}, restart.Record{State: restart.StateUnknown}},
		{container.RuntimeRecord{State: "paused"}, restart.Record{State: restart.StateUnknown}},
	} {
		if got := tc.rec.RestartRecord(); got != tc.want {
			t.Errorf("%q: RestartRecord() = %+v, want %+v", tc.rec.State, got, tc.want)
		}
	}
}

// The record decodes from the conformance vectors' input.runtime keys and
// encodes back to them.
func TestRuntimeRecordJSON(t *testing.T) {
	const in = `{"state":"exited","exitCode":137,"reason":"OOMKilled","createdAt":"2025-06-24T19:49:21Z",` +
		`"startedAt":"2025-06-24T19:49:22Z","finishedAt":"2025-06-24T19:50:22Z","attempt":2,` +
		`"containerID":"containerd://ac9f29d19c24630c","image":"docker.io/library/nginx:1.27","imageRef":"nginx@sha256:1"}`
	var r container.RuntimeRecord
	if err := json.Unmarshal([]byte(in), &r); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2025, 6, 24, 19, 49, 21, 0, time.UTC)
	want := container.RuntimeRecord{State: container.RuntimeExited, ExitCode: 137, Reason: container.OOMKilled,
		CreatedAt: t0, StartedAt: t0.Add(time.Second), FinishedAt: t0.Add(61 * time.Second), Attempt: 2,
		ContainerID: "containerd://ac9f29d19c24630c", Image: "docker.io/library/nginx:1.27", ImageRef: "nginx@sha256:1"}
	if d := cmp.Diff(want, r); d != "" {
		t.Errorf("decoded (-want +got):\n%s", d)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back container.RuntimeRecord
	if err := json.Unmarshal(b, &back); err != nil || back != r {
		t.Errorf("round trip: %s -> %+v (%v)", b, back, err)
	}
}

func TestNewestRecordAndFailedStart(t *testing.T) {
	recs := []container.RuntimeRecord{{Name: "a", Attempt: 2}, {Name: "b"}, {Name: "a", Attempt: 1}}
	if r := container.NewestRecord(recs, "a"); r == nil || r.Attempt != 2 {
		t.Errorf("NewestRecord(a) = %+v, want attempt 2", r)
	}
	if r := container.NewestRecord(recs, "c"); r != nil {
		t.Errorf("NewestRecord(c) = %+v, want nil", r)
	}
	cache := []container.FailedStart{{Name: "a", Reason: container.ErrImagePull}}
	if f := container.FindFailedStart(cache, "a"); f == nil || f.Reason != container.ErrImagePull {
		t.Errorf("FindFailedStart(a) = %+v", f)
	}
	if f := container.FindFailedStart(cache, "b"); f != nil {
		t.Errorf("FindFailedStart(b) = %+v, want nil", f)
	}
}
