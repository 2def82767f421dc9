package restart

import (
	"errors"
	"hash/fnv"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/podlife/podlife/feature"
)

var (
	bt0      = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	appNames = Key{PodName: "web", PodNamespace: "shop", PodUID: "uid-1", Container: "app", Image: "nginx:1.27"}
	appKey   = appNames.CrashLoop()
)

func sec(n int) time.Duration { return time.Duration(n) * time.Second }

func mustLimits(t testing.TB, g feature.Gates, c KubeletConfig) CrashLoopLimits {
	t.Helper()
	l, err := NewCrashLoopLimits(g, c)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// crashLoop drives b for a container that exits as soon as it starts, and
// returns, for each of n exits, how long after the exit the restart was
// allowed, and the waiting message shown in between ("" when the restart
// was immediate).
func crashLoop(t *testing.T, b *CrashLoopBackoff, l CrashLoopLimits, names Key, start time.Time, n int) (delays []time.Duration, messages []string) {
	t.Helper()
	k := names.CrashLoop()
	now := start
	for range n {
		finished := now // it crashes at once
		d := b.TryStart(l, k, finished, now)
		msg := ""
		if d.InBackOff {
			if d.Reason() != ReasonCrashLoopBackOff {
				t.Fatalf("reason %q", d.Reason())
			}
			msg = d.Message(names)
			// Still refused a nanosecond before RetryAt (strict <).
			if early := b.TryStart(l, k, finished, d.RetryAt.Add(-1)); !early.InBackOff {
				t.Fatalf("started before RetryAt %v", d.RetryAt)
			}
			now = d.RetryAt
			if d = b.TryStart(l, k, finished, now); d.InBackOff {
				t.Fatalf("refused at RetryAt: %+v", d)
			}
		}
		delays = append(delays, now.Sub(finished))
		messages = append(messages, msg)
	}
	return delays, messages
}

// pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff over
// staging/src/k8s.io/client-go/util/flowcontrol/backoff.go with
// pkg/kubelet/kubelet.go's 10 s / 300 s: the n-th exit is followed by a
// restart after 0, 10, 20, 40, 80, 160, 300, 300 s, and the waiting
// message shows the window.
func TestDoBackOff_windowsDoubleToTheCap(t *testing.T) {
	var b CrashLoopBackoff
	delays, messages := crashLoop(t, &b, CrashLoopLimits{}, appNames, bt0, 9)
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
}

// pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff: a refusal
// leaves the entry alone, carries the window and finishedAt + window, and
// names the container in the Warning event's message.
func TestDoBackOff_refusal(t *testing.T) {
	var b CrashLoopBackoff
	b.Next(CrashLoopLimits{}, appKey, bt0, bt0)
	before := b
	finished := bt0.Add(sec(3))
	d := b.TryStart(CrashLoopLimits{}, appKey, finished, finished.Add(time.Second))
	if !d.InBackOff || d.Delay != sec(10) || !d.RetryAt.Equal(finished.Add(sec(10))) {
		t.Fatalf("decision %+v", d)
	}
	if b != before {
		t.Errorf("a refusal changed the record: %+v -> %+v", before, b)
	}
	if got := d.EventMessage(appNames); got != "Back-off restarting failed container app in pod web_shop(uid-1)" {
		t.Errorf("event message %q", got)
	}
	if got := d.String(); got != "back-off 10s until 2026-03-01T12:00:13Z" {
		t.Errorf("String %q", got)
	}
	buf := d.AppendMessage([]byte("x: "), appNames)
	if string(buf) != "x: "+d.Message(appNames) {
		t.Errorf("AppendMessage %q", buf)
	}

	started := b.TryStart(CrashLoopLimits{}, appKey, finished, d.RetryAt)
	if started.InBackOff || started.Reason() != "" || started.Message(appNames) != "" ||
		started.EventMessage(appNames) != "" || !started.RetryAt.IsZero() || started.Delay != sec(20) {
		t.Errorf("start %+v", started)
	}
	if got := string(started.AppendMessage([]byte("x"), appNames)); got != "x" {
		t.Errorf("AppendMessage of a start %q", got)
	}
	if got := started.String(); got != "start (next window 20s)" {
		t.Errorf("String %q", got)
	}
}

// pkg/kubelet/kubelet.go NewMainKubelet sets HasExpiredFunc to
// finishedAt − lastUpdate > 600 s: an exit more than 10 minutes after the
// sync that last started the container is restarted at once, with the
// window back at 10 s; exactly 600 s is not enough.
func TestHasExpiredFunc_resetAfterTenMinutesOfRunning(t *testing.T) {
	for _, tc := range []struct {
		name      string
		ran       time.Duration
		inBackOff bool
		delay     time.Duration
	}{
		{"ran 10m1s: fresh back-off", 10*time.Minute + time.Second, false, sec(10)},
		{"ran 10m0s and 1ns: fresh back-off", 10*time.Minute + 1, false, sec(10)},
		{"ran 10m0s exactly: still backing off", 10 * time.Minute, true, sec(160)},
		{"ran 2m: still backing off", 2 * time.Minute, true, sec(160)},
	} {
		var b CrashLoopBackoff
		// Four exits: restarts at 0, 10, 30 and 70 s; the next exit would
		// wait 80 s.
		_, _ = crashLoop(t, &b, CrashLoopLimits{}, appNames, bt0, 4)
		started := b.LastUpdate(appKey)
		if !started.Equal(bt0.Add(sec(70))) || b.Delay(appKey) != sec(80) {
			t.Fatalf("setup: last start %v, delay %v", started, b.Delay(appKey))
		}
		finished := started.Add(tc.ran)
		d := b.TryStart(CrashLoopLimits{}, appKey, finished, finished)
		if d.InBackOff != tc.inBackOff {
			t.Fatalf("%s: in back-off %v, want %v (%+v)", tc.name, d.InBackOff, tc.inBackOff, d)
		}
		if d.InBackOff {
			d = b.TryStart(CrashLoopLimits{}, appKey, finished, d.RetryAt)
		}
		if d.Delay != tc.delay {
			t.Errorf("%s: window after the restart %v, want %v", tc.name, d.Delay, tc.delay)
		}
	}
}

// pkg/kubelet/kubelet_pods.go HandlePodCleanups runs the crash-loop
// back-off's GC (staging/src/k8s.io/client-go/util/flowcontrol/backoff.go)
// every 2 s: an entry last updated more than 600 s ago is dropped, so a
// container that ran 7 minutes and then waits in a 5-minute window starts
// at the 10-minute mark, with the window back at 10 s.
func TestGC_housekeepingDropsOldEntries(t *testing.T) {
	var b CrashLoopBackoff
	_, _ = crashLoop(t, &b, CrashLoopLimits{}, appNames, bt0, 7) // next window 300 s
	started := b.LastUpdate(appKey)
	if b.Delay(appKey) != sec(300) {
		t.Fatalf("setup: window %v", b.Delay(appKey))
	}
	finished := started.Add(7 * time.Minute)
	if d := b.TryStart(CrashLoopLimits{}, appKey, finished, finished); !d.InBackOff || !d.RetryAt.Equal(finished.Add(sec(300))) {
		t.Fatalf("after 7 minutes: %+v", d)
	}
	b.GC(started.Add(sec(600))) // exactly 600 s: kept
	if b.Delay(appKey) != sec(300) {
		t.Fatal("GC dropped an entry 600 s old")
	}
	tenMinutes := started.Add(sec(600) + 2*time.Second) // the next housekeeping
	b.GC(tenMinutes)
	if b.Delay(appKey) != 0 || !b.LastUpdate(appKey).IsZero() || b != (CrashLoopBackoff{}) {
		t.Fatalf("GC kept an entry over 600 s old: %+v", b)
	}
	d := b.TryStart(CrashLoopLimits{}, appKey, finished, tenMinutes)
	if d.InBackOff || d.Delay != sec(10) {
		t.Errorf("after housekeeping: %+v, want a start with window 10s", d)
	}
	var empty CrashLoopBackoff
	empty.GC(bt0) // nothing to drop
	if empty != (CrashLoopBackoff{}) {
		t.Error("GC of an empty record changed it")
	}
}

// staging/src/k8s.io/client-go/util/flowcontrol/backoff.go
// IsInBackOffSince compares now − finishedAt < window: a sync exactly at
// finishedAt + window starts the container.
func TestIsInBackOffSince_strictAtUntil(t *testing.T) {
	var b CrashLoopBackoff
	b.Next(CrashLoopLimits{}, appKey, bt0, bt0)
	finished := bt0.Add(sec(5))
	if !b.InBackOffSince(appKey, finished, finished.Add(sec(10)-1)) {
		t.Error("1 ns before finishedAt + window: not in back-off")
	}
	if b.InBackOffSince(appKey, finished, finished.Add(sec(10))) {
		t.Error("at finishedAt + window: still in back-off")
	}
	if b.InBackOffSince(appNames.ImagePull(), finished, finished) {
		t.Error("another key is in back-off")
	}
}

// pkg/kubelet/kuberuntime/helpers.go GetBackoffKey: the entry belongs to
// pod name, namespace and UID, container name, image and resources; any
// change starts afresh, and the record forgets the old key.
func TestGetBackoffKey_identityChangeStartsFresh(t *testing.T) {
	change := map[string]func(*Key){
		"pod name":  func(k *Key) { k.PodName = "web2" },
		"namespace": func(k *Key) { k.PodNamespace = "prod" },
		"pod UID":   func(k *Key) { k.PodUID = "uid-2" },
		"container": func(k *Key) { k.Container = "app2" },
		"image":     func(k *Key) { k.Image = "nginx:1.28" },
		"resources": func(k *Key) { k.Resources = "cpu=2" },
	}
	for _, name := range []string{"pod name", "namespace", "pod UID", "container", "image", "resources"} {
		names2 := appNames
		change[name](&names2)
		k2 := names2.CrashLoop()
		if k2 == appKey {
			t.Fatalf("%s changed: same key", name)
		}
		var b CrashLoopBackoff
		_, _ = crashLoop(t, &b, CrashLoopLimits{}, appNames, bt0, 6) // window now 160 s
		now := b.LastUpdate(appKey)
		if b.Delay(k2) != 0 || b.InBackOffSince(k2, now, now) || !b.LastUpdate(k2).IsZero() {
			t.Errorf("%s changed: old entry visible", name)
		}
		d := b.TryStart(CrashLoopLimits{}, k2, now, now)
		if d.InBackOff || d.Delay != CrashLoopInitial {
			t.Errorf("%s changed: %+v, want an immediate start with a 10s window", name, d)
		}
		if b.Delay(appKey) != 0 {
			t.Errorf("%s changed: old entry still answers", name)
		}
	}
}

// pkg/kubelet/kuberuntime/helpers.go GetBackoffKey hashes the six names
// joined by "/" with FNV-1a 64 and prints the hash in hexadecimal; Key
// computes the same number without building the string.
func TestGetBackoffKey_sameHashAsUpstream(t *testing.T) {
	for _, k := range []Key{
		{},
		appNames,
		{PodName: "gen-backoff-0000", PodNamespace: "prod", PodUID: "5b2c9e10-0000-4000-8000-000000000000",
			Container: "log-shipper", Image: "fluent/fluent-bit:3.1",
			Resources: "&ResourceRequirements{Limits:ResourceList{},Requests:ResourceList{},Claims:[]ResourceClaim{},}"},
		{PodName: "a/b", Container: "ü", Resources: "\x00"},
	} {
		h := fnv.New64a()
		h.Write([]byte(strings.Join([]string{k.PodName, k.PodNamespace, k.PodUID, k.Container, k.Image, k.Resources}, "/")))
		if got, want := k.CrashLoop(), BackoffKey(h.Sum64()); got != want {
			t.Errorf("%+v: CrashLoop %v, want %v", k, got, want)
		}
		h.Reset()
		h.Write([]byte(k.PodUID + "_" + k.Image)) // pkg/kubelet/images/image_manager.go pullImage
		if got, want := k.ImagePull(), BackoffKey(h.Sum64()); got != want {
			t.Errorf("%+v: ImagePull %v, want %v", k, got, want)
		}
	}
	if got := BackoffKey(0xcbf29ce484222325).String(); got != "cbf29ce484222325" {
		t.Errorf("String %q", got)
	}
	if got := appNames.PodDescription(); got != "web_shop(uid-1)" {
		t.Errorf("PodDescription %q", got)
	}
	// Names as long as the API allows still describe in full.
	long := Key{PodName: strings.Repeat("n", 253), PodNamespace: strings.Repeat("s", 63), PodUID: strings.Repeat("u", 36)}
	if got, want := long.PodDescription(), long.PodName+"_"+long.PodNamespace+"("+long.PodUID+")"; got != want {
		t.Errorf("PodDescription of long names: %d bytes, want %d", len(got), len(want))
	}
	if n := testing.AllocsPerRun(100, func() { descSink = appNames.PodDescription() }); n != 1 {
		t.Errorf("PodDescription: %v allocations, want 1 (the string)", n)
	}
}

// descSink keeps a description reachable, as a caller does.
var descSink string

// pkg/kubelet/kubelet.go newCrashLoopBackOff, with the configuration's
// defaults (pkg/kubelet/apis/config/v1beta1/defaults.go): each of the two
// gates changes the windows.
func TestNewCrashLoopBackOff_gatesAndConfiguration(t *testing.T) {
	reduce := feature.Gates{}.With(feature.ReduceDefaultCrashLoopBackOffDecay, true)
	noMax := feature.Gates{}.With(feature.KubeletCrashLoopBackOffMax, false)
	reduceNoMax := reduce.With(feature.KubeletCrashLoopBackOffMax, false)
	for _, tc := range []struct {
		name         string
		g            feature.Gates
		period       time.Duration
		initial, max time.Duration
	}{
		{"defaults", feature.Gates{}, 0, sec(10), sec(300)},
		{"configured 60s", feature.Gates{}, sec(60), sec(10), sec(60)},
		{"configured below the initial lowers it", feature.Gates{}, sec(5), sec(5), sec(5)},
		{"configured 1s", feature.Gates{}, sec(1), sec(1), sec(1)},
		{"configured 1.5s", feature.Gates{}, 1500 * time.Millisecond, 1500 * time.Millisecond, 1500 * time.Millisecond},
		{"configured 300s", feature.Gates{}, sec(300), sec(10), sec(300)},
		{"ReduceDefaultCrashLoopBackOffDecay: the defaulted 300s still caps", reduce, 0, sec(1), sec(300)},
		{"ReduceDefaultCrashLoopBackOffDecay, configured 30s", reduce, sec(30), sec(1), sec(30)},
		{"KubeletCrashLoopBackOffMax off", noMax, 0, sec(10), sec(300)},
		{"both: 1s to 60s", reduceNoMax, 0, sec(1), sec(60)},
	} {
		l, err := NewCrashLoopLimits(tc.g, KubeletConfig{MaxContainerRestartPeriod: tc.period})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if l.Initial() != tc.initial || l.Max() != tc.max {
			t.Errorf("%s: %v..%v, want %v..%v", tc.name, l.Initial(), l.Max(), tc.initial, tc.max)
		}
	}
	if (CrashLoopLimits{}) != mustLimits(t, feature.Gates{}, KubeletConfig{MaxContainerRestartPeriod: sec(300)}) {
		t.Error("the zero CrashLoopLimits is not the v1.37 default")
	}

	// Each gate changes what a crash loop sees.
	firstWindow := func(g feature.Gates) time.Duration {
		var b CrashLoopBackoff
		delays, _ := crashLoop(t, &b, mustLimits(t, g, KubeletConfig{}), appNames, bt0, 2)
		return delays[1]
	}
	if got := firstWindow(reduce); got != sec(1) {
		t.Errorf("ReduceDefaultCrashLoopBackOffDecay on: first window %v, want 1s", got)
	}
	if got := firstWindow(feature.Gates{}); got != sec(10) {
		t.Errorf("defaults: first window %v, want 10s", got)
	}
	capOf := func(g feature.Gates) time.Duration {
		var b CrashLoopBackoff
		delays, _ := crashLoop(t, &b, mustLimits(t, g, KubeletConfig{}), appNames, bt0, 12)
		return delays[11]
	}
	if got := capOf(reduceNoMax); got != sec(60) {
		t.Errorf("KubeletCrashLoopBackOffMax off (reduced decay): cap %v, want 60s", got)
	}
	if got := capOf(reduce); got != sec(300) {
		t.Errorf("KubeletCrashLoopBackOffMax on (reduced decay): cap %v, want 5m0s", got)
	}

	var b CrashLoopBackoff
	delays, _ := crashLoop(t, &b, mustLimits(t, feature.Gates{}, KubeletConfig{MaxContainerRestartPeriod: sec(60)}), appNames, bt0, 6)
	want := []time.Duration{0, sec(10), sec(20), sec(40), sec(60), sec(60)}
	for i := range want {
		if delays[i] != want[i] {
			t.Errorf("configured 60s: exit %d restarted after %v, want %v", i+1, delays[i], want[i])
		}
	}
}

// pkg/kubelet/apis/config/validation/validation.go: the field lies in
// [1 s, 300 s] in whole milliseconds, and may only be set while
// KubeletCrashLoopBackOffMax is on.
func TestValidateKubeletConfiguration_maxContainerRestartPeriod(t *testing.T) {
	noMax := feature.Gates{}.With(feature.KubeletCrashLoopBackOffMax, false)
	for _, tc := range []struct {
		d   time.Duration
		g   feature.Gates
		why string // "" when valid
	}{
		{0, feature.Gates{}, ""},
		{0, noMax, ""},
		{sec(1), feature.Gates{}, ""},
		{sec(300), feature.Gates{}, ""},
		{sec(300) + 999*time.Microsecond, feature.Gates{}, ""}, // 300000 ms
		{sec(1) - 1, feature.Gates{}, "must be between 1s and 5m0s"},
		{sec(300) + time.Millisecond, feature.Gates{}, "must be between 1s and 5m0s"},
		{-sec(5), feature.Gates{}, "must be between 1s and 5m0s"},
		{time.Hour, feature.Gates{}, "must be between 1s and 5m0s"},
		{sec(5), noMax, "must not be set while the feature gate KubeletCrashLoopBackOffMax is off"},
	} {
		c := KubeletConfig{MaxContainerRestartPeriod: tc.d}
		err := c.Validate(tc.g)
		_, nerr := NewCrashLoopLimits(tc.g, c)
		if (err == nil) != (nerr == nil) {
			t.Errorf("%v: Validate %v, NewCrashLoopLimits %v", tc.d, err, nerr)
		}
		if tc.why == "" {
			if err != nil {
				t.Errorf("%v: %v", tc.d, err)
			}
			continue
		}
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Value != tc.d || ce.Field != "crashLoopBackOff.maxContainerRestartPeriod" || ce.Why != tc.why {
			t.Errorf("%v: err %#v, want a *ConfigError saying %q", tc.d, err, tc.why)
		}
	}
	ce := ConfigError{Field: "crashLoopBackOff.maxContainerRestartPeriod", Value: sec(301), Why: "must be between 1s and 5m0s"}
	if got := ce.Error(); got != "restart: invalid kubelet configuration crashLoopBackOff.maxContainerRestartPeriod 5m1s: must be between 1s and 5m0s" {
		t.Errorf("error text %q", got)
	}
}

// A record keeps its times to the nanosecond for any time.Time, however
// far from 1970, without the location.
func TestCrashLoopBackoff_timesRoundTrip(t *testing.T) {
	for _, now := range []time.Time{
		{},
		bt0,
		time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("x", 3600)),
		time.Unix(1<<62, 5),
		time.Unix(-1<<62, 999999999),
		time.Now(), // with a monotonic reading
	} {
		var b CrashLoopBackoff
		b.Next(CrashLoopLimits{}, appKey, now, now)
		if got := b.LastUpdate(appKey); !got.Equal(now) {
			t.Errorf("LastUpdate %v, want %v", got, now)
		}
		if !b.InBackOffSince(appKey, now, now) {
			t.Errorf("%v: not in back-off right after the start", now)
		}
	}
	// A finishedAt before the last start (clock skew) neither panics nor
	// shortens anything.
	var s CrashLoopBackoff
	s.Next(CrashLoopLimits{}, appKey, bt0, bt0)
	if d := s.TryStart(CrashLoopLimits{}, appKey, bt0.Add(-time.Hour), bt0); d.InBackOff {
		t.Errorf("finishedAt an hour before: %+v", d)
	}
	s.Reset()
	if s != (CrashLoopBackoff{}) {
		t.Errorf("after Reset: %+v", s)
	}
}

// --- contracts: size, no pointers, no allocations ---

// hasPointers reports whether a value of type t holds a pointer anywhere.
func hasPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			if hasPointers(t.Field(i).Type) {
				return true
			}
		}
		return false
	case reflect.Array:
		return t.Len() > 0 && hasPointers(t.Elem())
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return false
	}
	return true
}

// A simulator keeps one back-off record per container of a million pods:
// the records stay small and hold no pointer (nothing for the garbage
// collector to scan, nothing shared between copies).
func TestBackoffRecordSizes(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
		size uintptr
	}{
		{"CrashLoopBackoff", CrashLoopBackoff{}, 32},
		{"ImagePullBackoff", ImagePullBackoff{}, 32},
		{"BackoffKey", BackoffKey(0), 8},
		{"CrashLoopLimits", CrashLoopLimits{}, 16},
		{"KubeletConfig", KubeletConfig{}, 8},
		{"PullError", PullError(0), 1},
	} {
		typ := reflect.TypeOf(tc.v)
		if got := typ.Size(); got != tc.size {
			t.Errorf("unsafe.Sizeof(%s) = %d, want %d", tc.name, got, tc.size)
		}
		if hasPointers(typ) {
			t.Errorf("%s holds a pointer", tc.name)
		}
	}
	if unsafe.Sizeof(CrashLoopBackoff{}) != 32 || unsafe.Sizeof(ImagePullBackoff{}) != 32 {
		t.Error("record sizes")
	}
}

func TestBackoffAllocatesNothing(t *testing.T) {
	var b CrashLoopBackoff
	var p ImagePullBackoff
	limits := mustLimits(t, feature.Gates{}.With(feature.ReduceDefaultCrashLoopBackOffDecay, true), KubeletConfig{MaxContainerRestartPeriod: sec(30)})
	pullKey := appNames.ImagePull()
	buf := make([]byte, 0, 256)
	now := bt0
	var sink BackoffKey
	refused := CrashLoopDecision{InBackOff: true, Delay: sec(160)}
	pullRefused := ImagePullDecision{InBackOff: true, Delay: sec(40), LastError: PullErrRegistryUnavailable}
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"Key.CrashLoop", func() { sink = appNames.CrashLoop() }},
		{"Key.ImagePull", func() { sink = appNames.ImagePull() }},
		{"NewCrashLoopLimits", func() {
			limits, _ = NewCrashLoopLimits(feature.Gates{}, KubeletConfig{MaxContainerRestartPeriod: sec(60)})
		}},
		{"CrashLoopBackoff.TryStart", func() {
			now = now.Add(sec(7))
			_ = b.TryStart(limits, appKey, now, now)
		}},
		{"CrashLoopBackoff.Next", func() { b.Next(limits, appKey, now, now) }},
		{"CrashLoopBackoff.InBackOffSince", func() { _ = b.InBackOffSince(appKey, now, now) }},
		{"CrashLoopBackoff.Delay", func() { _ = b.Delay(appKey) }},
		{"CrashLoopBackoff.LastUpdate", func() { _ = b.LastUpdate(appKey) }},
		{"CrashLoopBackoff.GC", func() { b.GC(now) }},
		{"CrashLoopDecision.AppendMessage", func() { buf = refused.AppendMessage(buf[:0], appNames) }},
		{"ImagePullBackoff.TryPull+PullFailed", func() {
			now = now.Add(sec(7))
			if !p.TryPull(pullKey, now).InBackOff {
				p.PullFailed(pullKey, now, PullErrImagePull)
			}
		}},
		{"ImagePullBackoff.GC", func() { p.GC(now) }},
		{"ImagePullDecision.AppendMessage", func() { buf = pullRefused.AppendMessage(buf[:0], "nginx:1.27", "no route to host") }},
	} {
		if n := testing.AllocsPerRun(100, tc.f); n != 0 {
			t.Errorf("%s allocates %v times, want 0", tc.name, n)
		}
	}
	_ = sink
}

func BenchmarkCrashLoopBackoff_TryStart(b *testing.B) {
	b.ReportAllocs()
	var bo CrashLoopBackoff
	var l CrashLoopLimits
	now := bt0
	for b.Loop() {
		now = now.Add(sec(7))
		_ = bo.TryStart(l, appKey, now, now)
	}
}

func BenchmarkKey_CrashLoop(b *testing.B) {
	b.ReportAllocs()
	var sink BackoffKey
	for b.Loop() {
		sink ^= appNames.CrashLoop()
	}
	_ = sink
}

func BenchmarkCrashLoopDecision_AppendMessage(b *testing.B) {
	b.ReportAllocs()
	d := CrashLoopDecision{InBackOff: true, Delay: sec(160)}
	buf := make([]byte, 0, 128)
	for b.Loop() {
		buf = d.AppendMessage(buf[:0], appNames)
	}
}

// messageSink keeps each message, as a caller does: dropped, the inlined
// Message's string could stay on the stack, which no caller gets.
var messageSink string

func BenchmarkCrashLoopDecision_Message(b *testing.B) {
	b.ReportAllocs()
	d := CrashLoopDecision{InBackOff: true, Delay: sec(160)}
	for b.Loop() {
		messageSink = d.Message(appNames)
	}
}

// Messages built on demand cost one allocation: the string itself.
func TestBackoffMessagesAllocateOnce(t *testing.T) {
	refused := CrashLoopDecision{InBackOff: true, Delay: sec(160)}
	pullRefused := ImagePullDecision{InBackOff: true, Delay: sec(40), LastError: PullErrImagePull}
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"CrashLoopDecision.Message", func() { _ = refused.Message(appNames) }},
		{"CrashLoopDecision.EventMessage", func() { _ = refused.EventMessage(appNames) }},
		{"ImagePullDecision.Message", func() { _ = pullRefused.Message("nginx:1.27", "manifest unknown") }},
	} {
		if n := testing.AllocsPerRun(100, tc.f); n != 1 {
			t.Errorf("%s allocates %v times, want 1", tc.name, n)
		}
	}
}
