package restart

import (
	"hash/fnv"
	"math"
	"testing"
	"time"

	"github.com/podlife/podlife/feature"
)

// refBackoff is a reference for the records: a transcription, in this
// test's own words, of the data structure of
// staging/src/k8s.io/client-go/util/flowcontrol/backoff.go (a map of
// entries with a time.Time each) as the kubelet configures it, except that
// advancing one key forgets the others, which is what a record holding one
// entry promises.
type refBackoff struct {
	initial, max, expiry time.Duration
	entries              map[BackoffKey]*refEntry
}

type refEntry struct {
	backoff    time.Duration
	lastUpdate time.Time
}

func (r *refBackoff) expired(e *refEntry, eventTime time.Time) bool {
	return eventTime.Sub(e.lastUpdate) > r.expiry
}

func (r *refBackoff) get(k BackoffKey) time.Duration {
	if e, ok := r.entries[k]; ok {
		return e.backoff
	}
	return 0
}

func (r *refBackoff) next(k BackoffKey, eventTime, now time.Time) {
	e, ok := r.entries[k]
	if !ok || r.expired(e, eventTime) {
		e = &refEntry{backoff: r.initial}
	} else {
		e.backoff = min(2*e.backoff, r.max)
	}
	e.lastUpdate = now
	r.entries = map[BackoffKey]*refEntry{k: e}
}

func (r *refBackoff) inBackOffSince(k BackoffKey, eventTime, now time.Time) bool {
	e, ok := r.entries[k]
	if !ok || r.expired(e, eventTime) {
		return false
	}
	return now.Sub(eventTime) < e.backoff
}

func (r *refBackoff) inBackOffSinceUpdate(k BackoffKey, now time.Time) bool {
	e, ok := r.entries[k]
	if !ok || r.expired(e, now) {
		return false
	}
	return now.Sub(e.lastUpdate) < e.backoff
}

func (r *refBackoff) gc(now time.Time) {
	for k, e := range r.entries {
		if r.expired(e, now) {
			delete(r.entries, k)
		}
	}
}

// fuzzSpans are the steps a fuzz input picks from: the boundaries of the
// rules, and a scale for arbitrary amounts.
var fuzzSpans = []time.Duration{
	0, 1, time.Millisecond, time.Second, sec(10), sec(10) - 1, sec(300), sec(600), sec(600) + 1, sec(600) - 1,
	time.Hour, 1 << 62, -1, -sec(600),
}

var fuzzEpochs = []time.Time{
	bt0, {}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 1, 1, 0, 0, 0, 7, time.UTC),
	time.Unix(1<<62, 3), time.Unix(-1<<62, 0),
}

var fuzzPeriods = []time.Duration{0, sec(1), sec(5), 1500 * time.Millisecond, sec(60), sec(300), sec(301), -1}

// FuzzCrashLoopBackoff drives a crash-loop record and an image-pull record
// with arbitrary operations and times, and compares every answer with the
// reference. Neither may panic.
func FuzzCrashLoopBackoff(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 1, 0, 0, 2, 3, 0})
	f.Add([]byte{3, 2, 1, 0, 4, 0, 8, 1, 7, 0, 0, 2, 5, 9, 0, 6, 1})
	f.Add([]byte{1, 7, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 2, 0, 0, 5, 0, 0, 2, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 3 {
			return
		}
		g := feature.Gates{}.
			With(feature.ReduceDefaultCrashLoopBackOffDecay, data[0]&1 != 0).
			With(feature.KubeletCrashLoopBackOffMax, data[0]&2 == 0)
		cfg := KubeletConfig{MaxContainerRestartPeriod: fuzzPeriods[int(data[1])%len(fuzzPeriods)]}
		limits, err := NewCrashLoopLimits(g, cfg)
		if (err != nil) != (cfg.Validate(g) != nil) {
			t.Fatalf("NewCrashLoopLimits %v, Validate %v", err, cfg.Validate(g))
		}
		if err != nil {
			limits = CrashLoopLimits{}
		}
		if limits.Initial() <= 0 || limits.Initial() > limits.Max() || limits.Max() > CrashLoopMax {
			t.Fatalf("limits %v..%v", limits.Initial(), limits.Max())
		}
		now := fuzzEpochs[int(data[2])%len(fuzzEpochs)]
		keys := [2]BackoffKey{appKey, appNames.ImagePull()}

		var cl CrashLoopBackoff
		var ip ImagePullBackoff
		refCL := refBackoff{initial: limits.Initial(), max: limits.Max(), expiry: CrashLoopReset}
		refIP := refBackoff{initial: ImagePullInitial, max: ImagePullMax, expiry: 2 * ImagePullMax}
		data = data[3:]
		for len(data) >= 3 {
			op, arg, n := data[0], data[1], data[2]
			data = data[3:]
			span := fuzzSpans[int(arg)%len(fuzzSpans)] * time.Duration(1+n%4)
			k := keys[n>>7]
			switch op % 6 {
			case 0: // advance the clock
				now = now.Add(span)
			case 1: // a sync for a container that exited span ago
				finished := now.Add(-span)
				d := cl.TryStart(limits, k, finished, now)
				wantIn := refCL.inBackOffSince(k, finished, now)
				if !wantIn {
					refCL.next(k, finished, now)
				}
				if d.InBackOff != wantIn || d.Delay != refCL.get(k) {
					t.Fatalf("TryStart: %+v, reference in back-off %v window %v", d, wantIn, refCL.get(k))
				}
				if d.InBackOff && !d.RetryAt.Equal(finished.Add(d.Delay)) {
					t.Fatalf("RetryAt %v, want finishedAt + %v", d.RetryAt, d.Delay)
				}
			case 2:
				cl.GC(now)
				refCL.gc(now)
			case 3: // an image pull, failing
				d := ip.TryPull(k, now)
				wantIn := refIP.inBackOffSinceUpdate(k, now)
				if d.InBackOff != wantIn || d.Delay != refIP.get(k) {
					t.Fatalf("TryPull: %+v, reference in back-off %v window %v", d, wantIn, refIP.get(k))
				}
				if !d.InBackOff {
					ip.PullFailed(k, now, PullError(n%5))
					refIP.next(k, now, now)
					if ip.LastError(k).Reason() == "" {
						t.Fatalf("PullFailed kept no kind")
					}
				}
			case 4:
				ip.GC(now)
				refIP.gc(now)
			case 5:
				if n&1 == 0 {
					cl.Reset()
					refCL.entries = nil
				} else {
					ip.Reset()
					refIP.entries = nil
				}
			}
			for _, k := range keys {
				if cl.Delay(k) != refCL.get(k) || ip.Delay(k) != refIP.get(k) {
					t.Fatalf("windows %v/%v, reference %v/%v", cl.Delay(k), ip.Delay(k), refCL.get(k), refIP.get(k))
				}
				if e, ok := refCL.entries[k]; ok && !cl.LastUpdate(k).Equal(e.lastUpdate) {
					t.Fatalf("LastUpdate %v, reference %v", cl.LastUpdate(k), e.lastUpdate)
				}
				if w := cl.Delay(k); w != 0 && (w < limits.Initial() || w > limits.Max()) {
					t.Fatalf("window %v outside %v..%v", w, limits.Initial(), limits.Max())
				}
			}
		}
	})
}

// FuzzKey checks that the hashes are upstream's for any names, and that
// messages hold the names verbatim.
func FuzzKey(f *testing.F) {
	f.Add("web", "shop", "uid-1", "app", "nginx:1.27", "", int64(sec(10)))
	f.Fuzz(func(t *testing.T, name, ns, uid, ctr, image, res string, window int64) {
		k := Key{PodName: name, PodNamespace: ns, PodUID: uid, Container: ctr, Image: image, Resources: res}
		h := fnv.New64a()
		h.Write([]byte(name + "/" + ns + "/" + uid + "/" + ctr + "/" + image + "/" + res))
		if want := BackoffKey(h.Sum64()); k.CrashLoop() != want {
			t.Fatalf("CrashLoop %v, want %v", k.CrashLoop(), want)
		}
		h.Reset()
		h.Write([]byte(uid + "_" + image))
		if want := BackoffKey(h.Sum64()); k.ImagePull() != want {
			t.Fatalf("ImagePull %v, want %v", k.ImagePull(), want)
		}
		d := CrashLoopDecision{InBackOff: true, Delay: time.Duration(window)}
		want := "back-off " + time.Duration(window).String() + " restarting failed container=" + ctr + " pod=" + name + "_" + ns + "(" + uid + ")"
		if got := d.Message(k); got != want {
			t.Fatalf("Message %q, want %q", got, want)
		}
	})
}

// FuzzSubUnix checks the records' time arithmetic against time.Time.Sub,
// saturation included.
func FuzzSubUnix(f *testing.F) {
	f.Add(int64(0), uint32(0), int64(0), uint32(0))
	f.Add(int64(1<<62), uint32(5), int64(-1<<62), uint32(999999999))
	f.Add(int64(9_000_000_000), uint32(999999999), int64(0), uint32(0))
	f.Add(int64(math.MaxInt64), uint32(1), int64(math.MinInt64), uint32(0))
	f.Fuzz(func(t *testing.T, s1 int64, n1 uint32, s2 int64, n2 uint32) {
		a, b := time.Unix(s1, int64(n1%1e9)), time.Unix(s2, int64(n2%1e9))
		if got, want := subUnix(a, b.Unix(), int32(b.Nanosecond())), a.Sub(b); got != want {
			t.Fatalf("%v − %v: %v, want %v", a, b, got, want)
		}
	})
}
