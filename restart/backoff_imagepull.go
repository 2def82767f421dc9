package restart

import (
	"strconv"
	"time"
)

// PullError is the kind of the last failed pull, as the kubelet
// classifies the runtime's error (pkg/kubelet/images/image_manager.go
// evalCRIPullErr). The zero value means no failed pull is recorded.
//
// The record keeps only this kind; the text of the failure (the message of
// the ErrImagePull waiting state the caller reported) stays with the
// caller, which passes it back to ImagePullDecision.Message. That keeps the
// record free of strings while the back-off message can still repeat the
// last error as upstream's does.
type PullError uint8

// The kinds of failed pulls.
const (
	// PullErrImagePull is any failure the kubelet does not single out
	// (pkg/kubelet/images/types.go ErrImagePull).
	PullErrImagePull PullError = iota + 1
	// PullErrRegistryUnavailable: the runtime's error starts with
	// "RegistryUnavailable" (staging/src/k8s.io/cri-api/pkg/errors).
	PullErrRegistryUnavailable
	// PullErrSignatureValidationFailed: the runtime's error starts with
	// "SignatureValidationFailed" (staging/src/k8s.io/cri-api/pkg/errors).
	PullErrSignatureValidationFailed
)

// Reason returns the waiting reason a failed pull of kind e shows
// (ErrImagePull, RegistryUnavailable, SignatureValidationFailed), or ""
// for the zero PullError or a number that names no kind.
func (e PullError) Reason() Reason {
	switch e {
	case PullErrImagePull:
		return ReasonErrImagePull
	case PullErrRegistryUnavailable:
		return ReasonRegistryUnavailable
	case PullErrSignatureValidationFailed:
		return ReasonSignatureValidationFailed
	}
	return ""
}

// String returns e.Reason(), or "PullError(N)" for a number that names
// no kind and "" for the zero value.
func (e PullError) String() string {
	if r := e.Reason(); r != "" || e == 0 {
		return string(r)
	}
	return "PullError(" + strconv.Itoa(int(e)) + ")"
}

// ImagePullBackoff is the image-pull back-off record of one image of one
// pod: the kubelet's image manager's flowcontrol.Backoff entry for the key
// "<pod UID>_<image>" (pkg/kubelet/images/image_manager.go pullImage),
// 10 s doubling to 300 s, plus the kind of the last failed pull. Like
// CrashLoopBackoff it is a pointer-free 32-byte value that never reads a
// clock.
//
// Upstream keys the entry by pod and image, not by container: containers
// of one pod that use the same image share one ImagePullBackoff.
//
// The zero value holds no entry; asked about another key it answers as if
// it had none, and PullFailed replaces the old entry.
type ImagePullBackoff struct {
	e entry
}

// imagePullExpiry is client-go's default expiry rule, which the image
// manager keeps: an entry expires 2 × max after its last update
// (staging/src/k8s.io/client-go/util/flowcontrol/backoff.go hasExpired).
const imagePullExpiry = 2 * ImagePullMax

// Delay returns the window recorded for k, or 0 when the record holds no
// entry for k (flowcontrol Backoff.Get).
func (b *ImagePullBackoff) Delay(k BackoffKey) time.Duration {
	if !b.e.has(k) {
		return 0
	}
	return b.e.delay
}

// LastUpdate returns the time of the last failed pull recorded for k, in
// UTC, or the zero time.
func (b *ImagePullBackoff) LastUpdate(k BackoffKey) time.Time {
	if !b.e.has(k) {
		return time.Time{}
	}
	return b.e.last()
}

// LastError returns the kind of the last failed pull recorded for k, or 0
// when none is (none recorded, or a pull was allowed since).
func (b *ImagePullBackoff) LastError(k BackoffKey) PullError {
	if !b.e.has(k) {
		return 0
	}
	return b.e.pullReason
}

// InBackOffSinceUpdate reports whether, at now, pulls for k are still held
// back: k has an entry, not expired at now (now − lastUpdate ≤ 600 s), and
// now − lastUpdate is less than the window (flowcontrol
// Backoff.IsInBackOffSinceUpdate).
func (b *ImagePullBackoff) InBackOffSinceUpdate(k BackoffKey, now time.Time) bool {
	if !b.e.has(k) || b.e.expired(now, imagePullExpiry) {
		return false
	}
	return subUnix(now, b.e.lastSec, b.e.lastNsec) < b.e.delay
}

// TryPull is the check the kubelet makes before it pulls an image
// (pkg/kubelet/images/image_manager.go pullImage): refused with
// ImagePullBackOff while InBackOffSinceUpdate(k, now); otherwise allowed,
// and the last failed pull is forgotten. Report the outcome of the pull
// with PullFailed, or with GC after a successful one.
func (b *ImagePullBackoff) TryPull(k BackoffKey, now time.Time) ImagePullDecision {
	if b.InBackOffSinceUpdate(k, now) {
		return ImagePullDecision{InBackOff: true, Delay: b.e.delay, RetryAt: b.e.last().Add(b.e.delay),
			LastError: b.e.pullReason}
	}
	if b.e.has(k) {
		b.e.pullReason = 0
	}
	return ImagePullDecision{Delay: b.Delay(k)}
}

// PullFailed records a failed pull for k at now, of kind reason
// (flowcontrol Backoff.Next with eventTime = now): the window starts at
// 10 s, or doubles up to 300 s while the entry has not expired. A reason
// that names no kind is kept as PullErrImagePull, the kubelet's fallback.
func (b *ImagePullBackoff) PullFailed(k BackoffKey, now time.Time, reason PullError) {
	if reason.Reason() == "" {
		reason = PullErrImagePull
	}
	b.e.next(k, now, now, ImagePullInitial, ImagePullMax, imagePullExpiry)
	b.e.pullReason = reason
}

// Reset drops the entry (flowcontrol Backoff.Reset).
func (b *ImagePullBackoff) Reset() { b.e = entry{} }

// GC drops the entry when it has expired at now: now − lastUpdate >
// 600 s (flowcontrol Backoff.GC, which the image manager runs after every
// successful pull, of any image).
func (b *ImagePullBackoff) GC(now time.Time) {
	if b.e.delay > 0 && b.e.expired(now, imagePullExpiry) {
		b.Reset()
	}
}

// ImagePullDecision is the outcome of one ImagePullBackoff.TryPull.
type ImagePullDecision struct {
	// InBackOff is true when the pull is refused now.
	InBackOff bool
	// Delay is the window recorded for the key (0 when there is none).
	Delay time.Duration
	// RetryAt is, when refused, lastUpdate + Delay: the earliest time at
	// which the same check lets the pull go ahead. Zero when allowed.
	RetryAt time.Time
	// LastError is, when refused, the kind of the last failed pull (0 if
	// none is recorded).
	LastError PullError
}

// Reason returns the waiting reason of a refused pull,
// ReasonImagePullBackOff, or "" when the pull may go ahead.
func (d ImagePullDecision) Reason() Reason {
	if !d.InBackOff {
		return ""
	}
	return ReasonImagePullBackOff
}

// Message returns the waiting message of a refused pull, "" when the pull
// may go ahead: `Back-off pulling image "IMAGE"`, followed, when a failed
// pull is recorded, by ": REASON: MESSAGE" with lastPullMessage, the
// message of that failure, which the caller keeps
// (pkg/kubelet/images/image_manager.go pullImage, prevPullErrMsg).
func (d ImagePullDecision) Message(image, lastPullMessage string) string {
	if !d.InBackOff {
		return ""
	}
	var buf [160]byte // short messages fit: one allocation, for the string
	return string(d.AppendMessage(buf[:0], image, lastPullMessage))
}

// AppendMessage appends Message's text to dst and returns the extended
// buffer; with a buffer large enough it allocates nothing.
func (d ImagePullDecision) AppendMessage(dst []byte, image, lastPullMessage string) []byte {
	if !d.InBackOff {
		return dst
	}
	dst = append(dst, "Back-off pulling image "...)
	dst = strconv.AppendQuote(dst, image)
	if r := d.LastError.Reason(); r != "" {
		dst = append(dst, ": "...)
		dst = append(dst, r...)
		dst = append(dst, ": "...)
		dst = append(dst, lastPullMessage...)
	}
	return dst
}

// EventMessage returns the message of the Normal event (reason
// EventReasonBackOff) the kubelet records with a refused pull, "" when
// the pull may go ahead: `Back-off pulling image "IMAGE"`.
func (d ImagePullDecision) EventMessage(image string) string {
	if !d.InBackOff {
		return ""
	}
	return "Back-off pulling image " + strconv.Quote(image)
}
