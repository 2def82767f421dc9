package restart

import (
	"time"

	"github.com/podlife/podlife/feature"
)

// KubeletConfig holds the kubelet configuration settings that change
// podlife's answers and are not feature gates. The zero value is the
// kubelet's default configuration. Pass it by value, next to
// feature.Gates.
type KubeletConfig struct {
	// MaxContainerRestartPeriod is crashLoopBackOff.maxContainerRestartPeriod
	// of the KubeletConfiguration: the cap of the crash-loop back-off,
	// and also its initial window when smaller than that. Zero means not
	// set, which the kubelet defaults to 300 s while the
	// KubeletCrashLoopBackOffMax gate is on
	// (pkg/kubelet/apis/config/v1beta1/defaults.go). When set it must lie
	// in [1 s, 300 s] (compared in whole milliseconds, as upstream does),
	// and it may only be set while that gate is on
	// (pkg/kubelet/apis/config/validation/validation.go).
	MaxContainerRestartPeriod time.Duration
}

// ConfigError reports a kubelet configuration the kubelet refuses to start
// with.
type ConfigError struct {
	// Field names the setting as the KubeletConfiguration spells it.
	Field string
	// Value is the rejected value.
	Value time.Duration
	// Why says what to change.
	Why string
}

func (e *ConfigError) Error() string {
	return "restart: invalid kubelet configuration " + e.Field + " " + e.Value.String() + ": " + e.Why
}

const fieldMaxContainerRestartPeriod = "crashLoopBackOff.maxContainerRestartPeriod"

// Validate reports, as a *ConfigError, a configuration the kubelet's
// validation rejects under gates g
// (pkg/kubelet/apis/config/validation/validation.go): a
// MaxContainerRestartPeriod outside [1 s, 300 s], or one set while
// KubeletCrashLoopBackOffMax is off.
func (c KubeletConfig) Validate(g feature.Gates) error {
	d := c.MaxContainerRestartPeriod
	if d == 0 {
		return nil
	}
	if !g.Enabled(feature.KubeletCrashLoopBackOffMax) {
		return &ConfigError{Field: fieldMaxContainerRestartPeriod, Value: d,
			Why: "must not be set while the feature gate KubeletCrashLoopBackOffMax is off"}
	}
	if ms := d.Milliseconds(); ms < MinContainerRestartPeriod.Milliseconds() || ms > CrashLoopMax.Milliseconds() {
		return &ConfigError{Field: fieldMaxContainerRestartPeriod, Value: d,
			Why: "must be between " + MinContainerRestartPeriod.String() + " and " + CrashLoopMax.String()}
	}
	return nil
}

// CrashLoopLimits are the initial window and the cap of one kubelet's
// crash-loop back-off, as pkg/kubelet/kubelet.go newCrashLoopBackOff
// derives them from the feature gates and the configuration. Build them
// once with NewCrashLoopLimits and pass them to every CrashLoopBackoff
// call that may advance an entry. The zero value is the v1.37 default:
// 10 s doubling to 300 s. Limits are comparable: == tells whether two
// give the same windows.
type CrashLoopLimits struct {
	initial, max time.Duration // 0: the defaults
}

// NewCrashLoopLimits returns the crash-loop limits of a kubelet running
// with gates g and configuration c, or c's *ConfigError:
//
//   - the default is 10 s doubling to 300 s;
//   - ReduceDefaultCrashLoopBackOffDecay makes it 1 s doubling to 60 s;
//   - KubeletCrashLoopBackOffMax (on in v1.37) then replaces the cap by
//     c.MaxContainerRestartPeriod, 300 s when not set, and lowers the
//     initial window to it when smaller. So with only the reduce gate
//     turned on, v1.37 backs off 1 s doubling to 300 s.
func NewCrashLoopLimits(g feature.Gates, c KubeletConfig) (CrashLoopLimits, error) {
	if err := c.Validate(g); err != nil {
		return CrashLoopLimits{}, err
	}
	initial, ceiling := CrashLoopInitial, CrashLoopMax
	if g.Enabled(feature.ReduceDefaultCrashLoopBackOffDecay) {
		initial, ceiling = ReducedCrashLoopInitial, ReducedCrashLoopMax
	}
	if g.Enabled(feature.KubeletCrashLoopBackOffMax) {
		ceiling = CrashLoopMax // the kubelet's default for the field
		if c.MaxContainerRestartPeriod != 0 {
			ceiling = c.MaxContainerRestartPeriod
		}
		initial = min(initial, ceiling)
	}
	// The defaults are stored as zero, so that == compares what the
	// limits mean.
	var l CrashLoopLimits
	if initial != CrashLoopInitial {
		l.initial = initial
	}
	if ceiling != CrashLoopMax {
		l.max = ceiling
	}
	return l, nil
}

// Initial returns the first window: the one an exit faces right after
// the first restart, or after the entry expired.
func (l CrashLoopLimits) Initial() time.Duration {
	if l.initial <= 0 {
		return CrashLoopInitial
	}
	return l.initial
}

// Max returns the cap of the window.
func (l CrashLoopLimits) Max() time.Duration {
	if l.max <= 0 {
		return CrashLoopMax
	}
	return l.max
}

// CrashLoopBackoff is the crash-loop back-off record of one container: the
// kubelet's flowcontrol.Backoff entry for the container's key, as a small
// value without pointers (32 bytes), so that a simulator can keep one per
// container. It never reads a clock; every time is an argument. Times are
// kept to the nanosecond, without their location, and compared by their
// wall-clock readings (a monotonic reading is ignored).
//
// The zero value holds no entry. A record holds at most one entry: asked
// about a key other than the one it holds, it answers as if it had none,
// and TryStart or Next replace the old entry. So one record per container
// is enough, and a changed image or resources (a new key) starts afresh.
type CrashLoopBackoff struct {
	e entry
}

// Delay returns the window recorded for k, or 0 when the record holds no
// entry for k (flowcontrol Backoff.Get). An expired entry still reports
// its window until housekeeping (GC) or the next advance drops it.
func (b *CrashLoopBackoff) Delay(k BackoffKey) time.Duration {
	if !b.e.has(k) {
		return 0
	}
	return b.e.delay
}

// LastUpdate returns the time of the sync that last advanced k's entry, in
// UTC, or the zero time when there is none.
func (b *CrashLoopBackoff) LastUpdate(k BackoffKey) time.Time {
	if !b.e.has(k) {
		return time.Time{}
	}
	return b.e.last()
}

// InBackOffSince reports whether, at now, a container that exited at
// finishedAt is still held back: k has an entry, the entry has not
// expired for finishedAt (finishedAt − lastUpdate ≤ CrashLoopReset), and
// now − finishedAt is less than the window
// (staging/src/k8s.io/client-go/util/flowcontrol/backoff.go
// IsInBackOffSince with the kubelet's HasExpiredFunc). A sync exactly at
// finishedAt + window is not held back.
func (b *CrashLoopBackoff) InBackOffSince(k BackoffKey, finishedAt, now time.Time) bool {
	if !b.e.has(k) || b.e.expired(finishedAt, CrashLoopReset) {
		return false
	}
	return wallSub(now, finishedAt) < b.e.delay
}

// Next advances k's entry for a container that exited at finishedAt and
// is started at now (flowcontrol Backoff.Next, without jitter as the
// kubelet builds it): with no entry for k, or an expired one, the window
// becomes l.Initial(); otherwise it doubles, up to l.Max(). lastUpdate
// becomes now.
func (b *CrashLoopBackoff) Next(l CrashLoopLimits, k BackoffKey, finishedAt, now time.Time) {
	b.e.next(k, finishedAt, now, l.Initial(), l.Max(), CrashLoopReset)
}

// Reset drops the entry (flowcontrol Backoff.Reset).
func (b *CrashLoopBackoff) Reset() { b.e = entry{} }

// GC is the kubelet's housekeeping for this record (flowcontrol
// Backoff.GC, which HandlePodCleanups runs every 2 s in
// pkg/kubelet/kubelet_pods.go): it drops the entry when now − lastUpdate
// exceeds CrashLoopReset. So a container that ran for minutes and then
// waits in a long window is started as soon as CrashLoopReset has passed
// since its last start, with the window back at the initial one.
func (b *CrashLoopBackoff) GC(now time.Time) {
	if b.e.delay > 0 && b.e.expired(now, CrashLoopReset) {
		b.Reset()
	}
}

// TryStart is the check the kubelet makes before it starts a container
// whose newest runtime record is exited, with that record's finishedAt
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff). A container
// without an exited record is started without consulting the back-off:
// do not call TryStart for it.
//
//   - InBackOffSince(k, finishedAt, now): the start is refused; the
//     container waits with reason CrashLoopBackOff until finishedAt +
//     window, and the record is not touched.
//   - Otherwise Next(l, k, finishedAt, now), and the start goes ahead. So
//     the first restart after the first exit is immediate, and the
//     windows before later restarts are 10 s, 20 s, 40 s, ... up to the
//     cap, until an entry expires.
func (b *CrashLoopBackoff) TryStart(l CrashLoopLimits, k BackoffKey, finishedAt, now time.Time) CrashLoopDecision {
	if b.InBackOffSince(k, finishedAt, now) {
		return CrashLoopDecision{InBackOff: true, Delay: b.e.delay, RetryAt: finishedAt.Add(b.e.delay)}
	}
	b.Next(l, k, finishedAt, now)
	return CrashLoopDecision{Delay: b.e.delay}
}

// CrashLoopDecision is the outcome of one CrashLoopBackoff.TryStart.
type CrashLoopDecision struct {
	// InBackOff is true when the start is refused now.
	InBackOff bool
	// Delay is the window after the check (flowcontrol Backoff.Get): when
	// refused, the one in force, which the message shows; when started,
	// the one the next exit will face.
	Delay time.Duration
	// RetryAt is, when refused, finishedAt + Delay: the earliest time at
	// which the same check lets the container start (the kubelet
	// re-queues the pod worker for it, pkg/kubelet/container/sync_result.go
	// BackoffError). Zero when started.
	RetryAt time.Time
}

// Reason returns the waiting reason of a refused start,
// ReasonCrashLoopBackOff, or "" when the start went ahead.
func (d CrashLoopDecision) Reason() Reason {
	if !d.InBackOff {
		return ""
	}
	return ReasonCrashLoopBackOff
}

// Message returns the waiting message of a refused start, "" when the
// start went ahead: "back-off 40s restarting failed container=NAME
// pod=NAME_NAMESPACE(UID)", with the window as time.Duration formats it
// (10s, 1m20s, 5m0s) and the names from k
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff).
func (d CrashLoopDecision) Message(k Key) string {
	if !d.InBackOff {
		return ""
	}
	var buf [160]byte // most messages fit: one allocation, for the string
	return string(d.AppendMessage(buf[:0], k))
}

// AppendMessage appends Message's text to dst and returns the extended
// buffer; with a buffer large enough it allocates nothing.
func (d CrashLoopDecision) AppendMessage(dst []byte, k Key) []byte {
	if !d.InBackOff {
		return dst
	}
	dst = append(dst, "back-off "...)
	dst = appendDuration(dst, d.Delay)
	dst = append(dst, " restarting failed container="...)
	dst = append(dst, k.Container...)
	dst = append(dst, " pod="...)
	return k.appendPodDescription(dst)
}

// EventMessage returns the message of the Warning event (reason
// EventReasonBackOff) the kubelet records with a refused start, "" when
// the start went ahead: "Back-off restarting failed container NAME in pod
// NAME_NAMESPACE(UID)".
func (d CrashLoopDecision) EventMessage(k Key) string {
	if !d.InBackOff {
		return ""
	}
	var buf [160]byte
	b := append(buf[:0], "Back-off restarting failed container "...)
	b = append(b, k.Container...)
	b = append(b, " in pod "...)
	return string(k.appendPodDescription(b))
}

// String describes the decision for logs: "start (next window 20s)" or
// "back-off 20s until 2026-03-01T12:00:30Z".
func (d CrashLoopDecision) String() string {
	if !d.InBackOff {
		return "start (next window " + d.Delay.String() + ")"
	}
	return "back-off " + d.Delay.String() + " until " + d.RetryAt.Format(time.RFC3339Nano)
}
