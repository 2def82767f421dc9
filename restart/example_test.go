package restart_test

import (
	"fmt"
	"time"

	"github.com/podlife/podlife/feature"

	"github.com/podlife/podlife/restart"
)

// A container that crashes as soon as it starts: the first restart is
// immediate, later ones wait 10 s, 20 s, 40 s, ... up to 5 minutes.
func ExampleCrashLoopBackoff_TryStart() {
	names := restart.Key{PodName: "web", PodNamespace: "shop", PodUID: "7f3a", Container: "app", Image: "nginx:1.27"}
	key := names.CrashLoop()           // hash once, keep with the container
	var limits restart.CrashLoopLimits // v1.37 defaults: 10 s doubling to 300 s
	var b restart.CrashLoopBackoff     // one record per container, no entry yet

	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	start := now
	for exit := 1; exit <= 7; exit++ {
		finishedAt := now // it exits right away
		d := b.TryStart(limits, key, finishedAt, now)
		if d.InBackOff {
			fmt.Printf("exit %d at %3.fs: %s: %s\n", exit, now.Sub(start).Seconds(), d.Reason(), d.Message(names))
			now = d.RetryAt
			d = b.TryStart(limits, key, finishedAt, now)
		}
		fmt.Printf("exit %d: restarted after %v\n", exit, now.Sub(finishedAt))
	}
	// Output:
	// exit 1: restarted after 0s
	// exit 2 at   0s: CrashLoopBackOff: back-off 10s restarting failed container=app pod=web_shop(7f3a)
	// exit 2: restarted after 10s
	// exit 3 at  10s: CrashLoopBackOff: back-off 20s restarting failed container=app pod=web_shop(7f3a)
	// exit 3: restarted after 20s
	// exit 4 at  30s: CrashLoopBackOff: back-off 40s restarting failed container=app pod=web_shop(7f3a)
	// exit 4: restarted after 40s
	// exit 5 at  70s: CrashLoopBackOff: back-off 1m20s restarting failed container=app pod=web_shop(7f3a)
	// exit 5: restarted after 1m20s
	// exit 6 at 150s: CrashLoopBackOff: back-off 2m40s restarting failed container=app pod=web_shop(7f3a)
	// exit 6: restarted after 2m40s
	// exit 7 at 310s: CrashLoopBackOff: back-off 5m0s restarting failed container=app pod=web_shop(7f3a)
	// exit 7: restarted after 5m0s
}

// The kubelet's housekeeping drops an entry 10 minutes after the start it
// recorded: a container that ran 7 minutes and then faces a 5-minute
// window is started at the 10-minute mark, and its next window is 10 s.
func ExampleCrashLoopBackoff_GC() {
	key := restart.Key{PodName: "web", PodNamespace: "shop", PodUID: "7f3a", Container: "app", Image: "nginx:1.27"}.CrashLoop()
	var limits restart.CrashLoopLimits
	var b restart.CrashLoopBackoff
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

	// Seven quick crashes: the window has reached 5 minutes.
	now := t0
	for range 7 {
		if d := b.TryStart(limits, key, now, now); d.InBackOff {
			now = d.RetryAt
			b.TryStart(limits, key, now.Add(-d.Delay), now)
		}
	}
	started := now
	finishedAt := started.Add(7 * time.Minute)
	d := b.TryStart(limits, key, finishedAt, finishedAt)
	fmt.Println("after a 7-minute run:", d.InBackOff, d.Delay, d.RetryAt.Sub(started))

	// Housekeeping every 2 s; the sync after it finds no entry.
	for now = finishedAt; ; now = now.Add(2 * time.Second) {
		if b.GC(now); b.Delay(key) == 0 {
			break
		}
	}
	d = b.TryStart(limits, key, finishedAt, now)
	fmt.Println("started", now.Sub(started), "after the last start:", !d.InBackOff, "next window", d.Delay)
	// Output:
	// after a 7-minute run: true 5m0s 12m0s
	// started 10m2s after the last start: true next window 10s
}

// The feature gates and the kubelet's configuration set the windows.
func ExampleNewCrashLoopLimits() {
	for _, c := range []struct {
		gates  string
		period time.Duration
	}{
		{"", 0}, // the v1.37 defaults
		{"ReduceDefaultCrashLoopBackOffDecay=true", 0},
		{"ReduceDefaultCrashLoopBackOffDecay=true,KubeletCrashLoopBackOffMax=false", 0},
		{"", 5 * time.Second}, // crashLoopBackOff.maxContainerRestartPeriod: 5s
		{"", 500 * time.Millisecond},
	} {
		l, err := restart.NewCrashLoopLimits(feature.MustParse(c.gates), restart.KubeletConfig{MaxContainerRestartPeriod: c.period})
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%v doubling to %v\n", l.Initial(), l.Max())
	}
	// Output:
	// 10s doubling to 5m0s
	// 1s doubling to 5m0s
	// 1s doubling to 1m0s
	// 5s doubling to 5s
	// restart: invalid kubelet configuration crashLoopBackOff.maxContainerRestartPeriod 500ms: must be between 1s and 5m0s
}

// A failed image pull backs off too, keyed by pod and image. The record
// keeps the kind of the failure; the caller keeps its message.
func ExampleImagePullBackoff_TryPull() {
	image := "nginx:1.27.1alpine"
	key := restart.Key{PodUID: "7f3a", Image: image}.ImagePull()
	var b restart.ImagePullBackoff
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

	fmt.Println(b.TryPull(key, t0).InBackOff)
	lastMessage := "manifest unknown" // the runtime's error, shown with ErrImagePull
	b.PullFailed(key, t0, restart.PullErrImagePull)
	d := b.TryPull(key, t0.Add(3*time.Second))
	fmt.Println(d.Reason(), d.RetryAt.Sub(t0))
	fmt.Println(d.Message(image, lastMessage))
	// Output:
	// false
	// ImagePullBackOff 10s
	// Back-off pulling image "nginx:1.27.1alpine": ErrImagePull: manifest unknown
}

// Exit-code rules (KEP-5307) decide before the container's policy, and the
// container's policy before the pod's.
func ExampleShouldContainerBeRestarted() {
	spec := restart.Spec{
		PodPolicy:       restart.Always,
		ContainerPolicy: restart.Never,
		Rules: []restart.Rule{{
			Action:    restart.ActionRestart,
			ExitCodes: &restart.ExitCodes{Operator: restart.In, Values: []int32{42}},
		}},
	}
	for _, newest := range []restart.Record{
		restart.Exited(42),
		restart.Exited(1),
		{State: restart.StateRunning},
		{}, // no runtime record: first start
	} {
		fmt.Printf("%-8v %3d -> %v\n", newest.State, newest.ExitCode,
			restart.ShouldContainerBeRestarted(spec, newest, false, feature.Gates{}))
	}
	// With the ContainerRestartRules gate off only the pod's policy counts.
	fmt.Println(restart.ShouldContainerBeRestarted(spec, restart.Exited(1), false,
		feature.Gates{}.With(feature.ContainerRestartRules, false)))
	// Output:
	// exited    42 -> true
	// exited     1 -> false
	// running    0 -> false
	// none       0 -> true
	// true
}
