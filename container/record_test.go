package container_test

import (
	"errors"
	"testing"
	"time"
	"unsafe"

	"pgregory.net/rapid"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/restart"
)

var t0 = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

func at(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }

// One crash and restart, as the runtime reports it: the second instance's
// attempt is 1 (restartCount), and the first becomes lastState
// (pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses reads the
// newest two records).
func TestRecordCrashAndRestart(t *testing.T) {
	var r container.Record
	for _, m := range []container.Move{
		container.Create(at(0)), container.Start(at(1)), container.Probe(at(2), true, true),
		container.Exit(at(30), 1, 0, ""),
		container.FailStart(at(31), container.CrashLoopBackOff, 10*time.Second),
		container.Create(at(41)), container.Start(at(42)),
	} {
		if err := r.Apply("app", m); err != nil {
			t.Fatal(err)
		}
	}
	if r.State() != restart.StateRunning || r.RestartCount() != 1 || r.Started() {
		t.Fatalf("state %s, restarts %d, started %v", r.State(), r.RestartCount(), r.Started())
	}
	recs := r.AppendRuntimeRecords(nil, "uid", "app", "busybox")
	if len(recs) != 2 || recs[0].State != container.RuntimeRunning || recs[1].State != container.RuntimeExited ||
		recs[1].ExitCode != 1 || recs[1].Reason != container.Error || recs[0].Attempt != 1 {
		t.Fatalf("records %+v", recs)
	}
	if _, ok := r.FailedStart("app", "web_default(uid)"); ok {
		t.Fatal("a successful start must clear the reason cache")
	}
	code, fin, ok := r.LastExit()
	if !ok || code != 1 || !fin.Equal(at(30)) {
		t.Fatalf("LastExit = %d %v %v", code, fin, ok)
	}
}

func TestRecordBackOffMessage(t *testing.T) {
	var r container.Record
	_ = r.Apply("app", container.Create(at(0)))
	_ = r.Apply("app", container.Start(at(0)))
	_ = r.Apply("app", container.Exit(at(5), 2, 0, ""))
	if err := r.Apply("app", container.FailStart(at(5), container.CrashLoopBackOff, 80*time.Second)); err != nil {
		t.Fatal(err)
	}
	fs, ok := r.FailedStart("app", "web_default(uid)")
	if !ok || fs.Message != "back-off 1m20s restarting failed container=app pod=web_default(uid)" {
		t.Fatalf("%+v", fs)
	}
}

// Illegal moves name the container, the move and the state, and change
// nothing.
func TestRecordIllegalMoves(t *testing.T) {
	var r container.Record
	for _, m := range []container.Move{
		container.Start(at(0)), container.Exit(at(0), 0, 0, ""), container.Lose(at(0)), container.Probe(at(0), true, true),
	} {
		before := r
		err := r.Apply("app", m)
		var me *container.MoveError
		if !errors.As(err, &me) || me.Container != "app" || me.Move != m.Kind || me.State != restart.StateNone {
			t.Errorf("%s on a new record: %v", m.Kind, err)
		}
		if r != before {
			t.Errorf("%s: a refused move changed the record", m.Kind)
		}
	}
	_ = r.Apply("app", container.Create(at(0)))
	if err := r.Apply("app", container.Create(at(1))); err == nil {
		t.Error("create while created")
	}
	_ = r.Apply("app", container.Start(at(1)))
	if err := r.Apply("app", container.Exit(at(2), 1, 0, "Sleepy")); err == nil {
		t.Error("an unknown terminated reason must be refused")
	}
	if err := r.Apply("app", container.Probe(at(2), false, true)); err == nil {
		t.Error("ready before started")
	}
	if err := r.Apply("app", container.FailStart(at(2), container.CrashLoopBackOff, 0)); err == nil {
		t.Error("fail-start while running")
	}
}

// A Record is kept for every container of a million pods.
func TestRecordSize(t *testing.T) {
	if got := unsafe.Sizeof(container.Record{}); got != 88 {
		t.Fatalf("unsafe.Sizeof(container.Record{}) = %d, want 88", got)
	}
}

func TestRecordMovesAllocateNothing(t *testing.T) {
	var r container.Record
	n := testing.AllocsPerRun(100, func() {
		_ = r.Apply("app", container.Create(t0))
		_ = r.Apply("app", container.Start(t0))
		_ = r.Apply("app", container.Probe(t0, true, true))
		_ = r.Apply("app", container.Exit(t0, 0, 0, ""))
	})
	if n != 0 {
		t.Fatalf("%v allocs per life", n)
	}
}

// Properties: a refused move changes nothing; the restart count never
// decreases; started and ready are only ever set on a running instance.
func TestRecordProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var r container.Record
		t.Repeat(map[string]func(*rapid.T){
			"": func(t *rapid.T) {
				if (r.Started() || r.Ready()) && r.State() != restart.StateRunning {
					t.Fatalf("started/ready while %s", r.State())
				}
				if r.Ready() && !r.Started() {
					t.Fatal("ready but not started")
				}
			},
			"move": func(t *rapid.T) {
				m := container.Move{
					Kind:     container.MoveKind(rapid.IntRange(0, 8).Draw(t, "kind")),
					Previous: rapid.Bool().Draw(t, "previous"),
					At:       at(rapid.IntRange(0, 1000).Draw(t, "at")),
					ExitCode: int32(rapid.IntRange(0, 255).Draw(t, "code")),
					Reason:   rapid.SampledFrom([]container.TerminatedReason{"", container.OOMKilled, "Other"}).Draw(t, "reason"),
					Waiting:  rapid.SampledFrom([]container.WaitingReason{container.CrashLoopBackOff, container.ErrImagePull, "Nope"}).Draw(t, "waiting"),
					Started:  rapid.Bool().Draw(t, "started"),
					Ready:    rapid.Bool().Draw(t, "ready"),
				}
				before := r
				if err := r.Apply("c", m); err != nil {
					if r != before {
						t.Fatalf("refused %s changed the record", m.Kind)
					}
					return
				}
				// Only a removed record takes the count back (the API's
				// restartCount is kept by the kubelet's conversion).
				if m.Kind != container.MoveRemove && r.RestartCount() < before.RestartCount() {
					t.Fatal("restart count went down")
				}
			},
		})
	})
}

// Any sequence of moves: no panic, a refused move changes nothing, and the
// runtime records rendered are at most two, newest first.
func FuzzRecordApply(f *testing.F) {
	f.Add([]byte{1, 2, 6, 3, 4, 1, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		var r container.Record
		for i, b := range data {
			m := container.Move{Kind: container.MoveKind(b % 8), At: at(i), ExitCode: int32(b) - 128,
				Started: b&0x10 != 0, Ready: b&0x20 != 0, Backoff: time.Duration(b) * time.Second}
			if b&0x40 != 0 {
				m.Reason = container.OOMKilled
			}
			m.Waiting = []container.WaitingReason{container.CrashLoopBackOff, container.ErrImagePull, "", "Nope"}[b>>6]
			before := r
			if err := r.Apply("c", m); err != nil && r != before {
				t.Fatalf("refused %s changed the record", m.Kind)
			}
			recs := r.AppendRuntimeRecords(nil, "uid", "c", "img")
			if len(recs) > 2 || len(recs) == 2 && recs[0].Attempt <= recs[1].Attempt {
				t.Fatalf("records %+v", recs)
			}
			_, _ = r.FailedStart("c", "p")
		}
	})
}
