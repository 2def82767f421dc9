package restart

import (
	"testing"
	"time"
)

// pkg/kubelet/images/image_manager.go pullImage: the back-off is keyed by
// pod UID and image, checked since the last failed pull, 10 s doubling to
// 300 s (pkg/kubelet/kubelet.go imageBackOffPeriod, MaxImageBackOff), and
// its message repeats the last failure's reason and message.
func TestPullImage_backOff(t *testing.T) {
	var b ImagePullBackoff
	k := appNames.ImagePull()
	now := bt0
	var waits []time.Duration
	for i := range 8 {
		d := b.TryPull(k, now)
		if d.InBackOff {
			if d.Reason() != ReasonImagePullBackOff || d.LastError != PullErrImagePull {
				t.Fatalf("refusal %+v", d)
			}
			want := `Back-off pulling image "nginx:1.27": ErrImagePull: manifest unknown`
			if got := d.Message("nginx:1.27", "manifest unknown"); got != want {
				t.Errorf("pull %d: message %q, want %q", i, got, want)
			}
			if got := d.EventMessage("nginx:1.27"); got != `Back-off pulling image "nginx:1.27"` {
				t.Errorf("event message %q", got)
			}
			waits = append(waits, d.RetryAt.Sub(now))
			now = d.RetryAt
			if d = b.TryPull(k, now); d.InBackOff {
				t.Fatalf("refused at RetryAt: %+v", d)
			}
		}
		if d.Reason() != "" || d.Message("x", "y") != "" || d.EventMessage("x") != "" {
			t.Errorf("an allowed pull has a reason or message: %+v", d)
		}
		b.PullFailed(k, now, PullErrImagePull)
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

	// Another container of the same pod pulling the same image has the same
	// key; another image does not.
	other := appNames
	other.Container = "sidecar"
	if !b.TryPull(other.ImagePull(), now.Add(time.Second)).InBackOff {
		t.Error("same pod and image, other container: not backing off")
	}
	other.Image = "busybox"
	if b.TryPull(other.ImagePull(), now.Add(time.Second)).InBackOff {
		t.Error("other image: backing off")
	}
}

// pkg/kubelet/images/image_manager.go pullImage forgets the last error
// when a pull goes ahead (prevPullErrMsg.Delete), and evalCRIPullErr
// classifies the error that a failed pull keeps.
func TestPullImage_lastError(t *testing.T) {
	var b ImagePullBackoff
	k := appNames.ImagePull()
	b.PullFailed(k, bt0, PullErrRegistryUnavailable)
	d := b.TryPull(k, bt0.Add(sec(1)))
	if got := d.Message("nginx:1.27", "image pull failed for nginx:1.27 because the registry is unavailable"); got !=
		`Back-off pulling image "nginx:1.27": RegistryUnavailable: image pull failed for nginx:1.27 because the registry is unavailable` {
		t.Errorf("message %q", got)
	}
	if b.LastError(k) != PullErrRegistryUnavailable || b.LastError(appKey) != 0 {
		t.Errorf("LastError %v", b.LastError(k))
	}
	if d := b.TryPull(k, bt0.Add(sec(10))); d.InBackOff || b.LastError(k) != 0 {
		t.Errorf("after an allowed pull: %+v, last error %v", d, b.LastError(k))
	}
	// Without a recorded failure the message is the bare one.
	if got := (ImagePullDecision{InBackOff: true, Delay: sec(10)}).Message("nginx:1.27", "ignored"); got != `Back-off pulling image "nginx:1.27"` {
		t.Errorf("bare message %q", got)
	}
	// An unknown kind is kept as the kubelet's fallback, ErrImagePull.
	b.PullFailed(k, bt0.Add(sec(20)), PullError(200))
	if b.LastError(k) != PullErrImagePull {
		t.Errorf("unknown kind kept as %v", b.LastError(k))
	}
	for e, want := range map[PullError]string{
		0: "", PullErrImagePull: "ErrImagePull", PullErrRegistryUnavailable: "RegistryUnavailable",
		PullErrSignatureValidationFailed: "SignatureValidationFailed", 9: "PullError(9)",
	} {
		if got := e.String(); got != want {
			t.Errorf("PullError(%d).String() = %q, want %q", uint8(e), got, want)
		}
	}
}

// staging/src/k8s.io/client-go/util/flowcontrol/backoff.go hasExpired,
// the image manager's rule: an entry expires 2 × max = 600 s after the
// last failure; GC, which the image manager runs after a successful
// pull, drops only expired entries.
func TestPullImage_expiry(t *testing.T) {
	var e ImagePullBackoff
	k := appNames.ImagePull()
	for i := range 5 {
		e.PullFailed(k, bt0.Add(sec(i)), PullErrImagePull)
	}
	last := e.LastUpdate(k)
	if d := e.TryPull(k, last.Add(sec(600))); d.InBackOff {
		t.Errorf("600 s after the last failure: %+v", d)
	}
	e.PullFailed(k, last.Add(sec(600)), PullErrImagePull)
	if e.Delay(k) != sec(300) {
		t.Errorf("600s after: window %v, want 300s", e.Delay(k))
	}
	last = e.LastUpdate(k)
	e.PullFailed(k, last.Add(sec(601)), PullErrImagePull)
	if e.Delay(k) != sec(10) {
		t.Errorf("601s after: window %v, want 10s", e.Delay(k))
	}

	e.GC(e.LastUpdate(k).Add(sec(600)))
	if e.Delay(k) == 0 {
		t.Error("GC dropped a live entry")
	}
	e.GC(e.LastUpdate(k).Add(sec(601)))
	if e.Delay(k) != 0 || e != (ImagePullBackoff{}) {
		t.Error("GC kept an expired entry")
	}
	e.PullFailed(k, bt0, PullErrImagePull)
	e.Reset()
	if e != (ImagePullBackoff{}) || !e.LastUpdate(k).IsZero() {
		t.Errorf("after Reset: %+v", e)
	}
}

func BenchmarkImagePullBackoff_TryPull(b *testing.B) {
	b.ReportAllocs()
	var bo ImagePullBackoff
	k := appNames.ImagePull()
	now := bt0
	for b.Loop() {
		now = now.Add(sec(7))
		if !bo.TryPull(k, now).InBackOff {
			bo.PullFailed(k, now, PullErrImagePull)
		}
	}
}
