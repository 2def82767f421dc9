package restart

import (
	"strconv"
	"time"
)

// Back-off constants of the kubelet.
const (
	// CrashLoopInitial is the first crash-loop delay
	// (pkg/kubelet/kubelet.go initialCrashLoopBackOff).
	CrashLoopInitial = 10 * time.Second
	// CrashLoopMax is the default crash-loop cap, also the default and the
	// upper bound of the kubelet configuration field
	// crashLoopBackOff.maxContainerRestartPeriod
	// (pkg/kubelet/apis/config/v1beta1/defaults.go MaxContainerBackOff).
	CrashLoopMax = 300 * time.Second
	// ReducedCrashLoopInitial and ReducedCrashLoopMax replace the two above
	// under the ReduceDefaultCrashLoopBackOffDecay gate (KEP-4603; alpha,
	// off) (pkg/kubelet/kubelet.go reducedInitialCrashLoopBackOff,
	// reducedMaxCrashLoopBackOff).
	ReducedCrashLoopInitial = 1 * time.Second
	ReducedCrashLoopMax     = 60 * time.Second
	// MinContainerRestartPeriod is the lower bound of
	// crashLoopBackOff.maxContainerRestartPeriod
	// (pkg/kubelet/apis/config/validation/validation.go).
	MinContainerRestartPeriod = 1 * time.Second
	// CrashLoopReset is how long a container must run after its last
	// back-off-controlled start for its next exit to start a fresh
	// back-off: the kubelet's record expires when finishedAt − lastUpdate
	// exceeds it (pkg/kubelet/kubelet.go, the crash-loop back-off's
	// HasExpiredFunc), instead of client-go's "2 × max".
	CrashLoopReset = 600 * time.Second
	// ImagePullInitial and ImagePullMax bound the image-pull back-off
	// (pkg/kubelet/kubelet.go backOffPeriod and MaxImageBackOff).
	ImagePullInitial = 10 * time.Second
	ImagePullMax     = 300 * time.Second
)

// Reason is a container waiting reason that a back-off produces. The
// values are the kubelet's API strings; they equal the container package's
// WaitingReason constants of the same names (convert with
// container.WaitingReason(r)); restart cannot import that package because
// it is a leaf.
type Reason string

// Waiting reasons of the back-offs.
const (
	// ReasonCrashLoopBackOff: a restart was refused because the container
	// is in crash-loop back-off (pkg/kubelet/container/sync_result.go
	// ErrCrashLoopBackOff).
	ReasonCrashLoopBackOff Reason = "CrashLoopBackOff"
	// ReasonImagePullBackOff: an image pull was refused because an earlier
	// pull of the same image for the same pod failed recently
	// (pkg/kubelet/images/types.go ErrImagePullBackOff).
	ReasonImagePullBackOff Reason = "ImagePullBackOff"
	// ReasonErrImagePull: the image pull itself failed; each such failure
	// advances the image-pull back-off (pkg/kubelet/images/types.go
	// ErrImagePull).
	ReasonErrImagePull Reason = "ErrImagePull"
)

// EventReasonBackOff is the reason of the Normal/Warning events the kubelet
// records when it refuses a start or a pull during back-off
// (pkg/kubelet/events/event.go BackOffStartContainer and BackOffPullImage,
// both "BackOff").
const EventReasonBackOff = "BackOff"

// Kind says which kubelet back-off a Backoff models. The zero Kind is
// CrashLoop.
type Kind uint8

// The back-off kinds.
const (
	// CrashLoop is the restart back-off of one container
	// (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff): the delay
	// counts from the finish time of the container's newest exited record,
	// and a record expires once the container ran longer than
	// CrashLoopReset.
	CrashLoop Kind = iota
	// ImagePull is the image-pull back-off of one image in one pod
	// (pkg/kubelet/images/image_manager.go pullImage): the delay counts
	// from the last failed pull, and a record expires 2 × max after it.
	ImagePull
)

// String returns "CrashLoop" or "ImagePull".
func (k Kind) String() string {
	switch k {
	case CrashLoop:
		return "CrashLoop"
	case ImagePull:
		return "ImagePull"
	}
	return "Kind(?)"
}

// Key identifies whose back-off a record is. The kubelet keys a crash-loop
// record by a hash of pod name, namespace and UID, container name, image
// and resources (pkg/kubelet/kuberuntime/helpers.go GetBackoffKey), so a
// changed image or resources, or a recreated pod (new UID), starts afresh;
// restartCount is not affected. It keys an image-pull record by pod UID
// and image only (pkg/kubelet/images/image_manager.go, "<uid>_<image>").
//
// Key is comparable and allocation-free to compare, so an embedder can keep
// a map[Key]Backoff; a Backoff also remembers the Key of its record and
// starts afresh when asked about another one.
type Key struct {
	PodName      string
	PodNamespace string
	PodUID       string
	// Container is the container's name.
	Container string
	// Image is the container's spec image.
	Image string
	// Resources stands for the container's resources in any stable
	// encoding (upstream hashes resources.String()); any change of it
	// starts a fresh crash-loop back-off.
	Resources string
}

// ForImagePull returns the part of k that identifies an image-pull
// back-off record: pod UID and image.
func (k Key) ForImagePull() Key { return Key{PodUID: k.PodUID, Image: k.Image} }

// PodDescription returns the pod as kubelet logs and messages name it:
// "name_namespace(uid)" (pkg/kubelet/util/format/pod.go Pod).
func (k Key) PodDescription() string {
	return k.PodName + "_" + k.PodNamespace + "(" + k.PodUID + ")"
}

// CrashLoopOptions configure a crash-loop back-off like one kubelet. The
// zero value is the Kubernetes v1.37 default: 10 s doubling to 300 s.
type CrashLoopOptions struct {
	// MaxContainerRestartPeriod is the kubelet configuration field
	// crashLoopBackOff.maxContainerRestartPeriod (gate
	// KubeletCrashLoopBackOffMax, beta and on): the cap of the delay, also
	// the initial delay when it is smaller than that. Zero means "not
	// configured", which the kubelet defaults to 300 s. Otherwise it must
	// lie in [1 s, 300 s].
	MaxContainerRestartPeriod time.Duration
	// ReduceDefaultCrashLoopBackOffDecay turns that gate (KEP-4603; alpha,
	// off) on: initial 1 s, max 60 s. Note that while
	// KubeletCrashLoopBackOffMax is on the kubelet's (defaulted)
	// MaxContainerRestartPeriod still replaces the 60 s cap, so this alone
	// gives 1 s doubling to 300 s, exactly as upstream v1.37 does
	// (pkg/kubelet/kubelet.go newCrashLoopBackOff).
	ReduceDefaultCrashLoopBackOffDecay bool
	// DisableKubeletCrashLoopBackOffMax turns the KubeletCrashLoopBackOffMax
	// gate off: MaxContainerRestartPeriod is then ignored.
	DisableKubeletCrashLoopBackOffMax bool
}

// OptionError reports an invalid back-off option.
type OptionError struct {
	// Field names the option, as the kubelet configuration spells it.
	Field string
	// Value is the rejected value.
	Value time.Duration
}

func (e *OptionError) Error() string {
	return "restart: invalid " + e.Field + " " + e.Value.String() +
		": must be between " + MinContainerRestartPeriod.String() + " and " + CrashLoopMax.String()
}

// Validate reports an out-of-range MaxContainerRestartPeriod as an
// *OptionError (pkg/kubelet/apis/config/validation/validation.go: 1 s to
// 300 s). It checks the value even when DisableKubeletCrashLoopBackOffMax
// makes it unused, so that a configuration stays valid when the gate
// flips.
func (o CrashLoopOptions) Validate() error {
	d := o.MaxContainerRestartPeriod
	if d != 0 && (d < MinContainerRestartPeriod || d > CrashLoopMax) {
		return &OptionError{Field: "crashLoopBackOff.maxContainerRestartPeriod", Value: d}
	}
	return nil
}

// limits returns the initial delay and the cap the options give
// (pkg/kubelet/kubelet.go newCrashLoopBackOff).
func (o CrashLoopOptions) limits() (initial, ceiling time.Duration) {
	initial, ceiling = CrashLoopInitial, CrashLoopMax
	if o.ReduceDefaultCrashLoopBackOffDecay {
		initial, ceiling = ReducedCrashLoopInitial, ReducedCrashLoopMax
	}
	if !o.DisableKubeletCrashLoopBackOffMax {
		// The configuration field always has a value when the gate is on:
		// the kubelet defaults it to 300 s, which then also replaces the
		// reduced 60 s cap.
		ceiling = CrashLoopMax
		if o.MaxContainerRestartPeriod != 0 {
			ceiling = o.MaxContainerRestartPeriod
		}
		if ceiling < initial {
			initial = ceiling
		}
	}
	return initial, ceiling
}

// Backoff is the back-off record of one container (CrashLoop) or one image
// of one pod (ImagePull), as a value: the kubelet's client-go
// flowcontrol.Backoff entry for one key, plus its configuration. It never
// reads a clock; every time is an argument.
//
// The zero Backoff is a crash-loop back-off with the v1.37 defaults and no
// record yet. Build others with NewCrashLoopBackoff and NewImagePullBackoff.
//
// Every method takes the Key being asked about. A Backoff holds one record:
// asked about a Key other than the one it recorded, it answers as if it had
// no record, and Next replaces the old record. So one Backoff per container
// is enough, and a changed image starts afresh.
type Backoff struct {
	kind    Kind
	initial time.Duration // 0: the kind's default
	max     time.Duration // 0: the kind's default

	key        Key
	delay      time.Duration // current delay; 0: no record
	lastUpdate time.Time     // when Next last ran

	// The last failed pull of an ImagePull back-off, shown while it backs
	// off (pkg/kubelet/images/image_manager.go prevPullErrMsg).
	pullErrReason  Reason
	pullErrMessage string
}

// NewCrashLoopBackoff returns a crash-loop back-off configured by o, or an
// *OptionError.
func NewCrashLoopBackoff(o CrashLoopOptions) (Backoff, error) {
	if err := o.Validate(); err != nil {
		return Backoff{}, err
	}
	initial, ceiling := o.limits()
	return Backoff{kind: CrashLoop, initial: initial, max: ceiling}, nil
}

// NewImagePullBackoff returns an image-pull back-off: 10 s doubling to
// 300 s, keyed by pod UID and image.
func NewImagePullBackoff() Backoff {
	return Backoff{kind: ImagePull, initial: ImagePullInitial, max: ImagePullMax}
}

// Kind returns the back-off's kind.
func (b *Backoff) Kind() Kind { return b.kind }

// Initial returns the first delay of the back-off.
func (b *Backoff) Initial() time.Duration {
	if b.initial > 0 {
		return b.initial
	}
	if b.kind == ImagePull {
		return ImagePullInitial
	}
	return CrashLoopInitial
}

// Max returns the cap of the delay.
func (b *Backoff) Max() time.Duration {
	if b.max > 0 {
		return b.max
	}
	if b.kind == ImagePull {
		return ImagePullMax
	}
	return CrashLoopMax
}

// identity reduces k to what the kind keys records by.
func (b *Backoff) identity(k Key) Key {
	if b.kind == ImagePull {
		return k.ForImagePull()
	}
	return k
}

// has reports whether b holds a record for k.
func (b *Backoff) has(k Key) bool { return b.delay > 0 && b.key == b.identity(k) }

// expired applies the kind's expiry rule to the record, for an event at
// eventTime: the kubelet's fixed 600 s for crash loops (kubelet.go
// HasExpiredFunc), client-go's 2 × max for image pulls (flowcontrol
// hasExpired).
func (b *Backoff) expired(eventTime time.Time) bool {
	if b.kind == ImagePull {
		return eventTime.Sub(b.lastUpdate) > 2*b.Max()
	}
	return eventTime.Sub(b.lastUpdate) > CrashLoopReset
}

// Delay returns the delay currently recorded for k, or 0 when there is no
// record for k (client-go flowcontrol Backoff.Get). An expired record
// still reports its delay; it is dropped at the next Next.
func (b *Backoff) Delay(k Key) time.Duration {
	if !b.has(k) {
		return 0
	}
	return b.delay
}

// LastUpdate returns when Next last ran for k, or the zero time.
func (b *Backoff) LastUpdate(k Key) time.Time {
	if !b.has(k) {
		return time.Time{}
	}
	return b.lastUpdate
}

// InBackOffSince reports whether, at now, k is still backing off from an
// event at eventTime: a record exists, has not expired for eventTime, and
// now − eventTime < delay (client-go flowcontrol
// Backoff.IsInBackOffSince). The crash-loop check passes the finishedAt
// of the container's newest exited record.
func (b *Backoff) InBackOffSince(k Key, eventTime, now time.Time) bool {
	if !b.has(k) || b.expired(eventTime) {
		return false
	}
	return now.Sub(eventTime) < b.delay
}

// InBackOffSinceUpdate reports whether, at now, k is still backing off from
// the last Next: a record exists, has not expired at now, and
// now − lastUpdate < delay (client-go flowcontrol
// Backoff.IsInBackOffSinceUpdate). The image-pull check uses it.
func (b *Backoff) InBackOffSinceUpdate(k Key, now time.Time) bool {
	if !b.has(k) || b.expired(now) {
		return false
	}
	return now.Sub(b.lastUpdate) < b.delay
}

// Next advances the record of k for an event at eventTime, observed at
// now (client-go flowcontrol Backoff.Next): without a record for k, or
// with an expired one, the delay becomes Initial; otherwise it doubles, up
// to Max. lastUpdate becomes now (upstream reads its clock here, not
// eventTime).
func (b *Backoff) Next(k Key, eventTime, now time.Time) {
	if !b.has(k) || b.expired(eventTime) {
		b.key = b.identity(k)
		b.delay = b.Initial()
		b.pullErrReason, b.pullErrMessage = "", ""
	} else {
		b.delay = min(2*b.delay, b.Max())
	}
	b.lastUpdate = now
}

// Reset drops the record, keeping the configuration (client-go flowcontrol
// Backoff.Reset).
func (b *Backoff) Reset() {
	b.key = Key{}
	b.delay = 0
	b.lastUpdate = time.Time{}
	b.pullErrReason, b.pullErrMessage = "", ""
}

// GC drops the record if it has expired at now (client-go flowcontrol
// Backoff.GC, which the image manager runs after every successful pull).
func (b *Backoff) GC(now time.Time) {
	if b.delay > 0 && b.expired(now) {
		b.Reset()
	}
}

// Decision is the outcome of one back-off check.
type Decision struct {
	// Allowed is true when the start (or pull) may go ahead now.
	Allowed bool
	// Reason is, when refused, the waiting reason the container shows:
	// CrashLoopBackOff or ImagePullBackOff. Empty when allowed.
	Reason Reason
	// Delay is the delay in force after the check: when refused, the one
	// that refused it (the one the message shows); when allowed, the one
	// recorded after the check (0 when there is no record).
	Delay time.Duration
	// RetryAt is, when refused, the earliest time at which the same check
	// passes: finishedAt + Delay for a crash loop (the kubelet re-queues
	// the pod worker for it, pkg/kubelet/container/sync_result.go
	// BackoffError), lastUpdate + Delay for an image pull. Zero when
	// allowed.
	RetryAt time.Time
}

// TryStart is the crash-loop check the kubelet makes before every start of
// a container (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff).
// exited says whether the runtime has an exited record of the container;
// finishedAt is the finish time of the newest one.
//
//   - No exited record: the start is allowed and the record is not
//     touched.
//   - InBackOffSince(k, finishedAt, now): refused with CrashLoopBackOff
//     until finishedAt + delay.
//   - Otherwise Next(k, finishedAt, now), and the start is allowed. So the
//     first restart after the first crash is immediate, and the delays
//     before later restarts are 10 s, 20 s, 40 s, ... up to Max, until the
//     container runs for more than CrashLoopReset.
func (b *Backoff) TryStart(k Key, exited bool, finishedAt, now time.Time) Decision {
	if !exited {
		return Decision{Allowed: true, Delay: b.Delay(k)}
	}
	if b.InBackOffSince(k, finishedAt, now) {
		return Decision{Reason: b.WaitingReason(), Delay: b.delay, RetryAt: finishedAt.Add(b.delay)}
	}
	b.Next(k, finishedAt, now)
	return Decision{Allowed: true, Delay: b.delay}
}

// TryPull is the image-pull check the kubelet makes before pulling an image
// (pkg/kubelet/images/image_manager.go pullImage): refused with
// ImagePullBackOff while InBackOffSinceUpdate(k, now); otherwise allowed,
// and the last pull error is forgotten. Report a failed pull with
// PullFailed.
func (b *Backoff) TryPull(k Key, now time.Time) Decision {
	if b.InBackOffSinceUpdate(k, now) {
		return Decision{Reason: b.WaitingReason(), Delay: b.delay, RetryAt: b.lastUpdate.Add(b.delay)}
	}
	b.pullErrReason, b.pullErrMessage = "", ""
	return Decision{Allowed: true, Delay: b.Delay(k)}
}

// PullFailed records a failed pull at now: Next(k, now, now), and keeps
// reason (ErrImagePull, or the runtime's specific error such as
// RegistryUnavailable) and message for WaitingMessage.
func (b *Backoff) PullFailed(k Key, now time.Time, reason Reason, message string) {
	b.Next(k, now, now)
	b.pullErrReason, b.pullErrMessage = reason, message
}

// WaitingReason returns the waiting reason a refusal of this kind shows:
// CrashLoopBackOff or ImagePullBackOff.
func (b *Backoff) WaitingReason() Reason {
	if b.kind == ImagePull {
		return ReasonImagePullBackOff
	}
	return ReasonCrashLoopBackOff
}

// WaitingMessage returns the waiting message the container shows while k
// is refused, with the delay currently recorded for k:
//
//   - crash loop: "back-off 40s restarting failed container=NAME
//     pod=NAME_NAMESPACE(UID)" (pkg/kubelet/kuberuntime/kuberuntime_manager.go
//     doBackOff; the delay in time.Duration format: 10s, 1m20s, 5m0s);
//   - image pull: `Back-off pulling image "IMAGE"`, followed by
//     ": REASON: MESSAGE" of the last failed pull when one is recorded
//     (pkg/kubelet/images/image_manager.go pullImage).
func (b *Backoff) WaitingMessage(k Key) string {
	if b.kind == ImagePull {
		msg := "Back-off pulling image " + strconv.Quote(k.Image)
		if b.has(k) && (b.pullErrReason != "" || b.pullErrMessage != "") {
			msg += ": " + string(b.pullErrReason) + ": " + b.pullErrMessage
		}
		return msg
	}
	return "back-off " + b.Delay(k).String() + " restarting failed container=" + k.Container +
		" pod=" + k.PodDescription()
}

// EventMessage returns the message of the BackOff event the kubelet
// records with each refusal: "Back-off restarting failed container NAME in
// pod NAME_NAMESPACE(UID)" for a crash loop, `Back-off pulling image
// "IMAGE"` for an image pull.
func (b *Backoff) EventMessage(k Key) string {
	if b.kind == ImagePull {
		return "Back-off pulling image " + strconv.Quote(k.Image)
	}
	return "Back-off restarting failed container " + k.Container + " in pod " + k.PodDescription()
}
