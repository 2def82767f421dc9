package restart

import (
	"errors"
	"testing"
	"time"

	"pgregory.net/rapid"
)

var (
	bt0    = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	appKey = Key{PodName: "web", PodNamespace: "shop", PodUID: "uid-1", Container: "app", Image: "nginx:1.27"}
)

func sec(n int) time.Duration { return time.Duration(n) * time.Second }

// crashLoop drives b for a container that exits as soon as it starts, and
// returns, for each of n exits, how long after the exit the restart was
// allowed, and the waiting message shown in between ("" when the restart
// was immediate).
func crashLoop(t *testing.T, b *Backoff, k Key, start time.Time, n int) (delays []time.Duration, messages []string) {
	t.Helper()
	now := start
	if d := b.TryStart(k, false, time.Time{}, now); !d.Allowed {
		t.Fatalf("first start refused: %+v", d)
	}
	for range n {
		finished := now // it crashes at once
		d := b.TryStart(k, true, finished, now)
		msg := ""
		if !d.Allowed {
			if d.Reason != ReasonCrashLoopBackOff {
				t.Fatalf("reason %q", d.Reason)
			}
			msg = b.WaitingMessage(k)
			// Still refused a nanosecond before RetryAt (strict <).
			if early := b.TryStart(k, true, finished, d.RetryAt.Add(-1)); early.Allowed {
				t.Fatalf("allowed before RetryAt %v", d.RetryAt)
			}
			now = d.RetryAt
			if d = b.TryStart(k, true, finished, now); !d.Allowed {
				t.Fatalf("refused at RetryAt: %+v", d)
			}
		}
		delays = append(delays, now.Sub(finished))
		messages = append(messages, msg)
	}
	return delays, messages
}

// Rules 32-34: the delay between the n-th exit and the restart is 0, 10,
// 20, 40, 80, 160, 300, 300 s (kuberuntime_manager.go doBackOff over
// client-go flowcontrol.Backoff with kubelet.go's 10 s / 300 s).
func TestBackoff_crashLoopSequence(t *testing.T) {
	var b Backoff // the zero value is the v1.37 default
	delays, messages := crashLoop(t, &b, appKey, bt0, 9)
	want := []int{0, 10, 20, 40, 80, 160, 300, 300, 300}
	for i := range want {
		if delays[i] != sec(want[i]) {
			t.Errorf("exit %d: restart after %v, want %ds", i+1, delays[i], want[i])
		}
	}
	wantMsg := []string{"", "10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s", "5m0s"}
	for i, d := range wantMsg {
		w := ""
		if d != "" {
			w = "back-off " + d + " restarting failed container=app pod=web_shop(uid-1)"
		}
		if messages[i] != w {
			t.Errorf("exit %d: message %q, want %q", i+1, messages[i], w)
		}
	}
	if got := b.EventMessage(appKey); got != "Back-off restarting failed container app in pod web_shop(uid-1)" {
		t.Errorf("event message %q", got)
	}
}

// Rule 32: no exited record → start, and the back-off is not touched.
func TestBackoff_noExitedRecordLeavesRecordAlone(t *testing.T) {
	var b Backoff
	b.Next(appKey, bt0, bt0)
	before := b
	d := b.TryStart(appKey, false, time.Time{}, bt0.Add(time.Second))
	if !d.Allowed || d.Delay != CrashLoopInitial || d.Reason != "" || !d.RetryAt.IsZero() {
		t.Errorf("decision %+v", d)
	}
	if b != before {
		t.Errorf("record changed: %+v -> %+v", before, b)
	}
}

// Rule 33: the record expires when the container ran more than 600 s after
// its last back-off-controlled start (kubelet.go HasExpiredFunc): the next
// restart is immediate and the delay starts again at 10 s.
func TestBackoff_resetAfterTenMinutesOfRunning(t *testing.T) {
	for _, tc := range []struct {
		name    string
		ran     time.Duration
		allowed bool
		delay   time.Duration
	}{
		{"ran 10m1s: fresh back-off", 10*time.Minute + time.Second, true, sec(10)},
		{"ran 10m0s exactly: still backing off", 10 * time.Minute, false, sec(160)},
		{"ran 2m: still backing off", 2 * time.Minute, false, sec(160)},
	} {
		var b Backoff
		// Four exits: restarts at 0, 10, 30 and 70 s; the next exit would
		// wait 80 s.
		_, _ = crashLoop(t, &b, appKey, bt0, 4)
		started := b.LastUpdate(appKey)
		if started != bt0.Add(sec(70)) || b.Delay(appKey) != sec(80) {
			t.Fatalf("setup: last start %v, delay %v", started, b.Delay(appKey))
		}
		finished := started.Add(tc.ran)
		// Attempted at once after the exit: refused for 80 s unless the
		// record expired; the Next that finally starts it doubles to 160 s.
		d := b.TryStart(appKey, true, finished, finished)
		if d.Allowed != tc.allowed {
			t.Fatalf("%s: allowed %v, want %v (%+v)", tc.name, d.Allowed, tc.allowed, d)
		}
		if !d.Allowed {
			d = b.TryStart(appKey, true, finished, d.RetryAt)
		}
		if d.Delay != tc.delay {
			t.Errorf("%s: delay after restart %v, want %v", tc.name, d.Delay, tc.delay)
		}
	}
}

// Rule 31: the back-off is per (pod name, namespace, UID, container name,
// image, resources); any change starts fresh (kuberuntime/helpers.go
// GetBackoffKey).
func TestBackoff_identityChangeStartsFresh(t *testing.T) {
	for name, k2 := range map[string]Key{
		"image":     {PodName: "web", PodNamespace: "shop", PodUID: "uid-1", Container: "app", Image: "nginx:1.28"},
		"pod UID":   {PodName: "web", PodNamespace: "shop", PodUID: "uid-2", Container: "app", Image: "nginx:1.27"},
		"container": {PodName: "web", PodNamespace: "shop", PodUID: "uid-1", Container: "app2", Image: "nginx:1.27"},
		"resources": {PodName: "web", PodNamespace: "shop", PodUID: "uid-1", Container: "app", Image: "nginx:1.27", Resources: "cpu=2"},
	} {
		var b Backoff
		_, _ = crashLoop(t, &b, appKey, bt0, 6) // delay now 160 s
		now := b.LastUpdate(appKey)
		if b.Delay(k2) != 0 || b.InBackOffSince(k2, now, now) {
			t.Errorf("%s changed: old record visible", name)
		}
		d := b.TryStart(k2, true, now, now)
		if !d.Allowed || d.Delay != CrashLoopInitial {
			t.Errorf("%s changed: %+v, want an immediate start with a 10s delay", name, d)
		}
		if b.Delay(appKey) != 0 {
			t.Errorf("%s changed: old record still answers", name)
		}
		delays, _ := crashLoop(t, &b, k2, now, 3)
		if delays[0] != 10*time.Second || delays[1] != 20*time.Second {
			t.Errorf("%s changed: delays %v", name, delays)
		}
	}
}

// Rule 35: kubelet.go newCrashLoopBackOff and the kubelet configuration's
// validation.
func TestCrashLoopOptions_newCrashLoopBackOff(t *testing.T) {
	for _, tc := range []struct {
		name         string
		o            CrashLoopOptions
		initial, max time.Duration
	}{
		{"defaults", CrashLoopOptions{}, sec(10), sec(300)},
		{"node max 60s", CrashLoopOptions{MaxContainerRestartPeriod: sec(60)}, sec(10), sec(60)},
		{"node max below initial lowers initial", CrashLoopOptions{MaxContainerRestartPeriod: sec(5)}, sec(5), sec(5)},
		{"node max 1s", CrashLoopOptions{MaxContainerRestartPeriod: sec(1)}, sec(1), sec(1)},
		{"node max 300s", CrashLoopOptions{MaxContainerRestartPeriod: sec(300)}, sec(10), sec(300)},
		{"reduced decay: defaulted node max still caps at 300s",
			CrashLoopOptions{ReduceDefaultCrashLoopBackOffDecay: true}, sec(1), sec(300)},
		{"reduced decay without KubeletCrashLoopBackOffMax: 1s / 60s",
			CrashLoopOptions{ReduceDefaultCrashLoopBackOffDecay: true, DisableKubeletCrashLoopBackOffMax: true}, sec(1), sec(60)},
		{"reduced decay with node max 30s",
			CrashLoopOptions{ReduceDefaultCrashLoopBackOffDecay: true, MaxContainerRestartPeriod: sec(30)}, sec(1), sec(30)},
		{"node max ignored without KubeletCrashLoopBackOffMax",
			CrashLoopOptions{MaxContainerRestartPeriod: sec(5), DisableKubeletCrashLoopBackOffMax: true}, sec(10), sec(300)},
	} {
		b, err := NewCrashLoopBackoff(tc.o)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if b.Kind() != CrashLoop || b.Initial() != tc.initial || b.Max() != tc.max {
			t.Errorf("%s: %v %v..%v, want %v..%v", tc.name, b.Kind(), b.Initial(), b.Max(), tc.initial, tc.max)
		}
	}

	b, _ := NewCrashLoopBackoff(CrashLoopOptions{MaxContainerRestartPeriod: sec(60)})
	delays, _ := crashLoop(t, &b, appKey, bt0, 6)
	want := []time.Duration{0, sec(10), sec(20), sec(40), sec(60), sec(60)}
	for i := range want {
		if delays[i] != want[i] {
			t.Errorf("node max 60s: exit %d restarted after %v, want %v", i+1, delays[i], want[i])
		}
	}

	for _, bad := range []time.Duration{-time.Second, time.Millisecond, 999 * time.Millisecond, sec(301), time.Hour} {
		for _, disable := range []bool{false, true} {
			o := CrashLoopOptions{MaxContainerRestartPeriod: bad, DisableKubeletCrashLoopBackOffMax: disable}
			_, err := NewCrashLoopBackoff(o)
			var oe *OptionError
			if !errors.As(err, &oe) || oe.Value != bad || oe.Field != "crashLoopBackOff.maxContainerRestartPeriod" {
				t.Errorf("max %v: err %v, want *OptionError", bad, err)
				continue
			}
			if o.Validate() == nil {
				t.Errorf("max %v: Validate accepted it", bad)
			}
		}
	}
	oe := OptionError{Field: "crashLoopBackOff.maxContainerRestartPeriod", Value: sec(301)}
	if got := oe.Error(); got != "restart: invalid crashLoopBackOff.maxContainerRestartPeriod 5m1s: must be between 1s and 5m0s" {
		t.Errorf("error text %q", got)
	}
}

// Image pulls: pkg/kubelet/images/image_manager.go pullImage keys the
// back-off by pod UID and image, checks it since the last failure, and
// shows the last error while backing off.
func TestBackoff_imagePull(t *testing.T) {
	b := NewImagePullBackoff()
	if b.Kind() != ImagePull || b.Initial() != sec(10) || b.Max() != sec(300) || b.WaitingReason() != ReasonImagePullBackOff {
		t.Fatalf("image-pull back-off: %v %v..%v %v", b.Kind(), b.Initial(), b.Max(), b.WaitingReason())
	}
	now := bt0
	var waits []time.Duration
	for i := range 8 {
		d := b.TryPull(appKey, now)
		if !d.Allowed {
			if d.Reason != ReasonImagePullBackOff {
				t.Fatalf("reason %q", d.Reason)
			}
			want := `Back-off pulling image "nginx:1.27": ErrImagePull: manifest unknown`
			if got := b.WaitingMessage(appKey); got != want {
				t.Errorf("pull %d: message %q, want %q", i, got, want)
			}
			waits = append(waits, d.RetryAt.Sub(now))
			now = d.RetryAt
			if d = b.TryPull(appKey, now); !d.Allowed {
				t.Fatalf("refused at RetryAt: %+v", d)
			}
		}
		b.PullFailed(appKey, now, ReasonErrImagePull, "manifest unknown")
	}
	want := []time.Duration{sec(10), sec(20), sec(40), sec(80), sec(160), sec(300), sec(300)}
	if len(waits) != len(want) {
		t.Fatalf("waits %v, want %v", waits, want)
	}
	for i := range want {
		if waits[i] != want[i] {
			t.Errorf("wait %d: %v, want %v", i, waits[i], want[i])
		}
	}
	if got := b.EventMessage(appKey); got != `Back-off pulling image "nginx:1.27"` {
		t.Errorf("event message %q", got)
	}

	// Another container of the same pod pulling the same image shares the
	// record; another image does not.
	other := appKey
	other.Container = "sidecar"
	if b.TryPull(other, now.Add(time.Second)).Allowed {
		t.Error("same pod and image, other container: not backing off")
	}
	other.Image = "busybox"
	if !b.TryPull(other, now.Add(time.Second)).Allowed {
		t.Error("other image: backing off")
	}

	// A pull allowed after the back-off forgets the last error.
	c := NewImagePullBackoff()
	c.PullFailed(appKey, bt0, ReasonErrImagePull, "boom")
	c.TryPull(appKey, bt0.Add(sec(10)))
	if got := c.WaitingMessage(appKey); got != `Back-off pulling image "nginx:1.27"` {
		t.Errorf("after an allowed pull: %q", got)
	}

	// Expiry: 2 × max after the last failure the next failure starts at
	// 10 s again (client-go flowcontrol hasExpired).
	e := NewImagePullBackoff()
	for i := range 5 {
		e.PullFailed(appKey, bt0.Add(sec(i)), ReasonErrImagePull, "x")
	}
	last := e.LastUpdate(appKey)
	e.PullFailed(appKey, last.Add(sec(600)), ReasonErrImagePull, "x")
	if e.Delay(appKey) != sec(300) {
		t.Errorf("600s after: delay %v, want 300s", e.Delay(appKey))
	}
	last = e.LastUpdate(appKey)
	e.PullFailed(appKey, last.Add(sec(601)), ReasonErrImagePull, "x")
	if e.Delay(appKey) != sec(10) {
		t.Errorf("601s after: delay %v, want 10s", e.Delay(appKey))
	}

	// GC after a successful pull drops only an expired record.
	e.GC(e.LastUpdate(appKey).Add(sec(600)))
	if e.Delay(appKey) == 0 {
		t.Error("GC dropped a live record")
	}
	e.GC(e.LastUpdate(appKey).Add(sec(601)))
	if e.Delay(appKey) != 0 {
		t.Error("GC kept an expired record")
	}
}

func TestBackoff_resetAndKinds(t *testing.T) {
	var b Backoff
	b.Next(appKey, bt0, bt0)
	b.Reset()
	if b.Delay(appKey) != 0 || !b.LastUpdate(appKey).IsZero() || b != (Backoff{}) {
		t.Errorf("after Reset: %+v", b)
	}
	if !b.TryStart(appKey, true, bt0, bt0).Allowed {
		t.Error("after Reset: refused")
	}
	if CrashLoop.String() != "CrashLoop" || ImagePull.String() != "ImagePull" || Kind(7).String() != "Kind(?)" {
		t.Error("Kind.String")
	}
	if b.WaitingReason() != ReasonCrashLoopBackOff {
		t.Error("crash-loop reason")
	}
	if got := (Key{PodName: "p", PodNamespace: "n", PodUID: "u", Container: "c", Image: "i", Resources: "r"}).ForImagePull(); got != (Key{PodUID: "u", Image: "i"}) {
		t.Errorf("ForImagePull: %+v", got)
	}
	// A finish time before the last start (clock skew) neither panics nor
	// shortens anything: now − finishedAt only grows.
	var s Backoff
	s.Next(appKey, bt0, bt0)
	if d := s.TryStart(appKey, true, bt0.Add(-time.Hour), bt0); !d.Allowed {
		t.Errorf("finishedAt an hour before: %+v", d)
	}
}

// --- properties ---

// genSpan draws durations up to limit, mostly short ones so that back-offs
// are hit often.
func genSpan(limit time.Duration) *rapid.Generator[time.Duration] {
	return rapid.Map(rapid.OneOf(
		rapid.Int64Range(0, int64(30*time.Second)),
		rapid.Int64Range(0, int64(limit)),
	), func(n int64) time.Duration { return time.Duration(n) })
}

func TestProperty_backoff(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		opts := CrashLoopOptions{
			MaxContainerRestartPeriod:          time.Duration(rapid.SampledFrom([]int{0, 1, 5, 10, 60, 300}).Draw(t, "max")) * time.Second,
			ReduceDefaultCrashLoopBackOffDecay: rapid.Bool().Draw(t, "reduced"),
			DisableKubeletCrashLoopBackOffMax:  rapid.Bool().Draw(t, "noMax"),
		}
		b, err := NewCrashLoopBackoff(opts)
		if err != nil {
			t.Fatal(err)
		}
		if rapid.Bool().Draw(t, "imagePull") {
			b = NewImagePullBackoff()
		}
		keys := []Key{appKey, {PodUID: "uid-1", Container: "app", Image: "nginx:1.28"}}
		replay := b
		now := bt0
		type step struct {
			k        Key
			exited   bool
			finished time.Time
			now      time.Time
			pull     bool
		}
		var steps []step
		var results []Decision
		prevDelay, prevKey := time.Duration(0), Key{}
		for range rapid.IntRange(1, 40).Draw(t, "steps") {
			now = now.Add(genSpan(15*time.Minute).Draw(t, "advance"))
			s := step{
				k:        keys[rapid.IntRange(0, 1).Draw(t, "key")],
				exited:   rapid.IntRange(0, 9).Draw(t, "exited") > 0,
				finished: now.Add(-genSpan(20*time.Minute).Draw(t, "ago")),
				now:      now,
				pull:     rapid.Bool().Draw(t, "pull"),
			}
			steps = append(steps, s)
			var d Decision
			if s.pull {
				d = b.TryPull(s.k, s.now)
				if d.Allowed {
					b.PullFailed(s.k, s.now, ReasonErrImagePull, "x")
				}
			} else {
				d = b.TryStart(s.k, s.exited, s.finished, s.now)
			}
			results = append(results, d)

			delay := b.Delay(s.k)
			if delay < 0 || delay > b.Max() {
				t.Fatalf("delay %v outside (0, %v]", delay, b.Max())
			}
			if delay != 0 && delay < b.Initial() {
				t.Fatalf("delay %v below initial %v", delay, b.Initial())
			}
			if !d.Allowed {
				// A refusal always waits for something, and never longer
				// than the cap from now.
				if !d.RetryAt.After(s.now) || d.RetryAt.Sub(s.now) > b.Max() {
					t.Fatalf("refused at %v with RetryAt %v (max %v)", s.now, d.RetryAt, b.Max())
				}
				if d.Delay != delay || d.Reason != b.WaitingReason() {
					t.Fatalf("refusal %+v, delay %v", d, delay)
				}
			}
			// Never shrinks before a reset: the same identity keeps or grows
			// its delay unless the record expired and restarted at initial.
			if b.identity(s.k) == prevKey && delay != 0 && prevDelay != 0 && delay < prevDelay && delay != b.Initial() {
				t.Fatalf("delay shrank %v -> %v without a reset", prevDelay, delay)
			}
			prevDelay, prevKey = delay, b.identity(s.k)
		}
		// Same inputs, same outputs.
		for i, s := range steps {
			var d Decision
			if s.pull {
				d = replay.TryPull(s.k, s.now)
				if d.Allowed {
					replay.PullFailed(s.k, s.now, ReasonErrImagePull, "x")
				}
			} else {
				d = replay.TryStart(s.k, s.exited, s.finished, s.now)
			}
			if d != results[i] {
				t.Fatalf("step %d: replay %+v, first run %+v", i, d, results[i])
			}
		}
		if replay != b {
			t.Fatalf("replay ended in %+v, first run in %+v", replay, b)
		}
	})
}

// The cap holds and is reached: after enough back-to-back failures the
// delay is exactly Max, whatever the options.
func TestProperty_backoffReachesCap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := CrashLoopOptions{
			MaxContainerRestartPeriod:          time.Duration(rapid.Int64Range(int64(time.Second), int64(300*time.Second)).Draw(t, "max")),
			ReduceDefaultCrashLoopBackOffDecay: rapid.Bool().Draw(t, "reduced"),
		}
		b, err := NewCrashLoopBackoff(o)
		if err != nil {
			t.Fatal(err)
		}
		now := bt0
		prev := time.Duration(0)
		for range 20 {
			d := b.TryStart(appKey, true, now, now)
			if !d.Allowed {
				now = d.RetryAt
				d = b.TryStart(appKey, true, now.Add(-d.Delay), now)
			}
			if d.Delay < prev || d.Delay > b.Max() {
				t.Fatalf("delay %v after %v (max %v)", d.Delay, prev, b.Max())
			}
			prev = d.Delay
		}
		if prev != b.Max() {
			t.Fatalf("delay %v never reached max %v", prev, b.Max())
		}
	})
}

// --- allocations and benchmarks ---

func TestBackoffAllocatesNothing(t *testing.T) {
	b := Backoff{}
	p := NewImagePullBackoff()
	now := bt0
	for name, f := range map[string]func(){
		"TryStart": func() {
			now = now.Add(sec(7))
			_ = b.TryStart(appKey, true, now, now)
		},
		"Next":           func() { b.Next(appKey, now, now) },
		"InBackOffSince": func() { _ = b.InBackOffSince(appKey, now, now) },
		"TryPull": func() {
			now = now.Add(sec(7))
			if p.TryPull(appKey, now).Allowed {
				p.PullFailed(appKey, now, ReasonErrImagePull, "x")
			}
		},
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s allocates %v times, want 0", name, n)
		}
	}
}

func BenchmarkBackoffTryStart(b *testing.B) {
	b.ReportAllocs()
	var bo Backoff
	now := bt0
	for b.Loop() {
		now = now.Add(sec(7))
		_ = bo.TryStart(appKey, true, now, now)
	}
}

func BenchmarkBackoffTryPull(b *testing.B) {
	b.ReportAllocs()
	bo := NewImagePullBackoff()
	now := bt0
	for b.Loop() {
		now = now.Add(sec(7))
		if bo.TryPull(appKey, now).Allowed {
			bo.PullFailed(appKey, now, ReasonErrImagePull, "x")
		}
	}
}
