package pod_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/podlife/podlife/feature"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

func crashLooping(restarts int32, run time.Duration, finished time.Time, msg string) *pod.Pod {
	return &pod.Pod{
		Metadata: pod.Meta{Name: "web", Namespace: "default", UID: "u1"},
		Spec:     pod.Spec{Containers: []container.Container{{Name: "app", Image: "app:1"}}},
		Status: pod.Status{ContainerStatuses: []container.Status{{
			Name: "app", RestartCount: restarts,
			State: container.State{Waiting: &container.Waiting{Reason: container.CrashLoopBackOff, Message: msg}},
			LastState: container.State{Terminated: &container.Terminated{ExitCode: 1, Reason: container.Error,
				StartedAt: finished.Add(-run), FinishedAt: finished}},
		}}},
	}
}

// TestNextRestart: the crash-loop delay from API status
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff, the record of
// pkg/kubelet/kubelet.go newCrashLoopBackOff).
func TestNextRestart(t *testing.T) {
	fin := tp0
	never := crashLooping(3, time.Second, fin, "")
	never.Spec.RestartPolicy = restart.Never
	deleting := crashLooping(3, time.Second, fin, "")
	deleting.Metadata.DeletionTimestamp = fin
	running := crashLooping(2, time.Second, fin, "")
	running.Status.ContainerStatuses[0].State = container.State{Running: &container.Running{}}
	fresh := crashLooping(0, time.Second, fin, "")
	fresh.Status.ContainerStatuses[0].State = container.State{Terminated: fresh.Status.ContainerStatuses[0].LastState.Terminated}
	fresh.Status.ContainerStatuses[0].LastState = container.State{}
	for _, tc := range []struct {
		name      string
		p         *pod.Pod
		will      bool
		delay     time.Duration
		source    pod.DelaySource
		nextDelay time.Duration
		forget    bool
	}{
		{"restartCount 4: 80 s", crashLooping(4, time.Second, fin, ""), true, 80 * time.Second, pod.DelayFromRestartCount, 160 * time.Second, false},
		{"restartCount 1: 10 s", crashLooping(1, time.Second, fin, ""), true, 10 * time.Second, pod.DelayFromRestartCount, 20 * time.Second, false},
		{"capped at 300 s", crashLooping(40, time.Second, fin, ""), true, 300 * time.Second, pod.DelayFromRestartCount, 300 * time.Second, false},
		{"the message wins over the count", crashLooping(9, time.Second, fin, "back-off 1m20s restarting failed container=app pod=web_default(u1)"),
			true, 80 * time.Second, pod.DelayFromMessage, 160 * time.Second, false},
		{"another container's message is ignored", crashLooping(2, time.Second, fin, "back-off 1m20s restarting failed container=other pod=web_default(u1)"),
			true, 20 * time.Second, pod.DelayFromRestartCount, 40 * time.Second, false},
		{"a run over 600 s resets the record", crashLooping(7, 601*time.Second, fin, ""), true, 0, pod.DelayReset, 10 * time.Second, false},
		{"housekeeping may forget before the window ends", crashLooping(6, 400*time.Second, fin, ""), true, 300 * time.Second, pod.DelayFromRestartCount, 300 * time.Second, true},
		{"first exit: immediate", fresh, true, 0, pod.DelayNone, 10 * time.Second, false},
		{"restartPolicy Never: no restart", never, false, 0, pod.DelayNone, 0, false},
		{"being deleted: no restart", deleting, false, 0, pod.DelayNone, 0, false},
		{"running: the window its next exit faces", running, false, 0, pod.DelayNone, 20 * time.Second, false},
	} {
		got, err := pod.NextRestart(tc.p, "app", container.Regular, feature.Gates{}, restart.CrashLoopLimits{})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got.WillRestart != tc.will || got.Delay != tc.delay || got.Source != tc.source || got.NextDelay != tc.nextDelay {
			t.Errorf("%s: got will=%v delay=%v source=%s next=%v, want %v %v %s %v", tc.name,
				got.WillRestart, got.Delay, got.Source, got.NextDelay, tc.will, tc.delay, tc.source, tc.nextDelay)
		}
		if tc.will && !got.NextStart.Equal(fin.Add(tc.delay)) {
			t.Errorf("%s: NextStart = %v, want %v", tc.name, got.NextStart, fin.Add(tc.delay))
		}
		if got.ForgetAt.IsZero() == tc.forget {
			t.Errorf("%s: ForgetAt = %v", tc.name, got.ForgetAt)
		}
	}
	var uce *pod.UnknownContainerError
	if _, err := pod.NextRestart(crashLooping(1, 0, fin, ""), "nope", container.Regular, feature.Gates{}, restart.CrashLoopLimits{}); !errors.As(err, &uce) {
		t.Errorf("unknown container: err = %v", err)
	}
	if _, err := pod.NextRestart(nil, "app", container.Regular, feature.Gates{}, restart.CrashLoopLimits{}); err == nil {
		t.Error("nil pod: want an error")
	}
}

// TestNextRestartMatchesTheKubeletsBackoff replays a crash loop through
// restart.CrashLoopBackoff the way the kubelet does, writes the status the API
// then shows, and checks that NextRestart, from restartCount alone,
// finds the window and the time of the kubelet's refusal.
func TestNextRestartMatchesTheKubeletsBackoff(t *testing.T) {
	k := restart.Key{PodName: "web", PodNamespace: "default", PodUID: "u1", Container: "app", Image: "app:1"}
	for exits := 2; exits <= 12; exits++ {
		var b restart.CrashLoopBackoff
		var l restart.CrashLoopLimits
		key := k.CrashLoop()
		started := tp0
		var restarts int32
		var refusal restart.CrashLoopDecision
		var finished time.Time
		for e := 1; e <= exits; e++ {
			finished = started.Add(3 * time.Second)
			sync := finished.Add(500 * time.Millisecond)
			d := b.TryStart(l, key, finished, sync)
			if d.InBackOff {
				refusal = d
				if e == exits {
					break
				}
				if b.TryStart(l, key, finished, d.RetryAt).InBackOff {
					t.Fatalf("the kubelet refused at the end of its own window")
				}
				sync = refusal.RetryAt
			}
			restarts++
			started = sync
		}
		p := crashLooping(restarts, 3*time.Second, finished, "")
		got, err := pod.NextRestart(p, "app", container.Regular, feature.Gates{}, restart.CrashLoopLimits{})
		if err != nil {
			t.Fatal(err)
		}
		if got.Delay != refusal.Delay || !got.NextStart.Equal(refusal.RetryAt) {
			t.Errorf("%d exits (restartCount %d): got %v until %v, kubelet %v until %v",
				exits, restarts, got.Delay, got.NextStart, refusal.Delay, refusal.RetryAt)
		}
		p.Status.ContainerStatuses[0].State.Waiting.Message = refusal.Message(k)
		if got, _ := pod.NextRestart(p, "app", container.Regular, feature.Gates{}, restart.CrashLoopLimits{}); got.Source != pod.DelayFromMessage || got.Delay != refusal.Delay {
			t.Errorf("%d exits, from the message: %v (%s), want %v", exits, got.Delay, got.Source, refusal.Delay)
		}
	}
}

// TestNextRestartSidecar: a sidecar (init container with restartPolicy
// Always) is restarted after any exit, even in a restartPolicy Never pod
// (pkg/kubelet/container/helpers.go ShouldContainerBeRestarted).
func TestNextRestartSidecar(t *testing.T) {
	p := crashLooping(3, time.Second, tp0, "")
	p.Spec.RestartPolicy = restart.Never
	p.Spec.InitContainers = []container.Container{{Name: "proxy", RestartPolicy: restart.Always.Ptr()}}
	p.Status.InitContainerStatuses = p.Status.ContainerStatuses
	p.Status.InitContainerStatuses[0].Name = "proxy"
	got, err := pod.NextRestart(p, "proxy", container.Init, feature.Gates{}, restart.CrashLoopLimits{})
	if err != nil || !got.WillRestart || got.Delay != 40*time.Second {
		t.Errorf("sidecar: %+v, %v", got, err)
	}
}

// FuzzNextRestart: no pod JSON makes NextRestart panic.
func FuzzNextRestart(f *testing.F) {
	f.Add([]byte(`{"spec":{"containers":[{"name":"app"}]},"status":{"containerStatuses":[{"name":"app","restartCount":4,"state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 1m20s restarting failed container=app pod=x"}},"lastState":{"terminated":{"exitCode":1}}}]}}`), "app", false)
	f.Add([]byte(`{"spec":{"initContainers":[{"name":"s","restartPolicy":"Always"}]},"status":{"initContainerStatuses":[{"name":"s","state":{"terminated":{"exitCode":2}}}]}}`), "s", true)
	f.Fuzz(func(t *testing.T, data []byte, name string, init bool) {
		var p pod.Pod
		if json.Unmarshal(data, &p) != nil {
			return
		}
		cl, err := pod.NextRestart(&p, name, listKind(init), feature.Gates{}, restart.CrashLoopLimits{})
		if err == nil && cl.Delay < 0 {
			t.Fatalf("negative delay %v", cl.Delay)
		}
	})
}
