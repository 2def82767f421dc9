package restart

import (
	"strconv"
	"time"
)

// Back-off constants of the kubelet.
const (
	// CrashLoopInitial is the first crash-loop window
	// (pkg/kubelet/kubelet.go initialCrashLoopBackOff).
	CrashLoopInitial = 10 * time.Second
	// CrashLoopMax is the default crash-loop cap, also the default and the
	// upper bound of the kubelet configuration field
	// crashLoopBackOff.maxContainerRestartPeriod
	// (pkg/kubelet/apis/config/v1beta1/defaults.go MaxContainerBackOff).
	CrashLoopMax = 300 * time.Second
	// ReducedCrashLoopInitial and ReducedCrashLoopMax replace the two above
	// under the ReduceDefaultCrashLoopBackOffDecay gate (KEP-4603)
	// (pkg/kubelet/kubelet.go reducedInitialCrashLoopBackOff,
	// reducedMaxCrashLoopBackOff). The 60 s cap only holds while
	// KubeletCrashLoopBackOffMax is off: with that gate on (its v1.37
	// default) the configured maximum, 300 s unless set, replaces it.
	ReducedCrashLoopInitial = 1 * time.Second
	ReducedCrashLoopMax     = 60 * time.Second
	// MinContainerRestartPeriod is the lower bound of
	// crashLoopBackOff.maxContainerRestartPeriod
	// (pkg/kubelet/apis/config/validation/validation.go).
	MinContainerRestartPeriod = 1 * time.Second
	// CrashLoopReset is how long after the sync that last advanced a
	// crash-loop entry the entry counts as expired (pkg/kubelet/kubelet.go,
	// the HasExpiredFunc NewMainKubelet sets, instead of client-go's
	// 2 × max): an exit more than CrashLoopReset after that sync starts a
	// fresh back-off, and housekeeping drops the entry once CrashLoopReset
	// has passed.
	CrashLoopReset = 600 * time.Second
	// ImagePullInitial and ImagePullMax bound the image-pull back-off
	// (pkg/kubelet/kubelet.go imageBackOffPeriod and MaxImageBackOff); its
	// entries expire 2 × ImagePullMax after the last failed pull
	// (staging/src/k8s.io/client-go/util/flowcontrol/backoff.go hasExpired).
	ImagePullInitial = 10 * time.Second
	ImagePullMax     = 300 * time.Second
)

// Reason is a container waiting reason that a back-off or a failed image
// pull produces. The values are the kubelet's API strings; convert with
// container.WaitingReason(r) (restart does not import the container
// package, which sits above it).
type Reason string

// Waiting reasons of the back-offs and of failed pulls.
const (
	// ReasonCrashLoopBackOff: a restart was refused because the container
	// is in crash-loop back-off (pkg/kubelet/container/sync_result.go
	// ErrCrashLoopBackOff).
	ReasonCrashLoopBackOff Reason = "CrashLoopBackOff"
	// ReasonImagePullBackOff: an image pull was refused because an earlier
	// pull of the same image for the same pod failed recently
	// (pkg/kubelet/images/types.go ErrImagePullBackOff).
	ReasonImagePullBackOff Reason = "ImagePullBackOff"
	// ReasonErrImagePull: the image pull itself failed
	// (pkg/kubelet/images/types.go ErrImagePull).
	ReasonErrImagePull Reason = "ErrImagePull"
	// ReasonRegistryUnavailable: the pull failed because the registry
	// could not be reached (staging/src/k8s.io/cri-api/pkg/errors
	// ErrRegistryUnavailable).
	ReasonRegistryUnavailable Reason = "RegistryUnavailable"
	// ReasonSignatureValidationFailed: the runtime refused the image's
	// signature (staging/src/k8s.io/cri-api/pkg/errors
	// ErrSignatureValidationFailed).
	ReasonSignatureValidationFailed Reason = "SignatureValidationFailed"
)

// EventReasonBackOff is the reason of the events the kubelet records when
// it refuses a start or a pull during back-off
// (pkg/kubelet/events/event.go BackOffStartContainer and BackOffPullImage,
// both "BackOff").
const EventReasonBackOff = "BackOff"

// BackoffKey identifies whose back-off entry a record holds: a 64-bit
// FNV-1a hash, computed once by Key.CrashLoop or Key.ImagePull and then
// carried as a number, so that a record keeps no string. Two keys are the
// same entry exactly when they are equal, as for upstream's string keys.
type BackoffKey uint64

// String returns the key in upstream's spelling: the hash in lower-case
// hexadecimal, as pkg/kubelet/kuberuntime/helpers.go GetBackoffKey writes
// it (a crash-loop key whose Resources is upstream's Resources.String()
// text is then upstream's key itself).
func (k BackoffKey) String() string { return strconv.FormatUint(uint64(k), 16) }

// Key holds the names a back-off entry is made of. It is a transient
// value: hash it once into a BackoffKey (Key.CrashLoop, Key.ImagePull) for
// the records, and pass it again only to build messages.
//
// The kubelet keys a crash-loop entry by pod name, namespace and UID,
// container name, image and resources
// (pkg/kubelet/kuberuntime/helpers.go GetBackoffKey), so a changed image
// or resources, or a recreated pod (new UID), starts afresh, while
// restartCount does not matter. It keys an image-pull entry by pod UID and
// image only (pkg/kubelet/images/image_manager.go pullImage).
type Key struct {
	// PodName, PodNamespace and PodUID are the pod's metadata.name,
	// metadata.namespace and metadata.uid; messages show them as
	// "name_namespace(uid)".
	PodName      string
	PodNamespace string
	PodUID       string
	// Container is the container's name (regular, init or ephemeral).
	Container string
	// Image is the container's image. For ImagePull, pass the name the
	// kubelet pulls: the spec image with ":latest" added when it has
	// neither tag nor digest (pkg/kubelet/images/image_manager.go
	// applyDefaultImageTag).
	Image string
	// Resources stands for the container's resources in any stable
	// encoding (upstream hashes resources.String()); any change of it
	// starts a fresh crash-loop back-off.
	Resources string
}

// FNV-1a, 64 bits (hash/fnv), inlined so that hashing a Key allocates
// nothing.
const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
)

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime64
	}
	return h
}

func fnvByte(h uint64, b byte) uint64 {
	h ^= uint64(b)
	return h * fnvPrime64
}

// CrashLoop returns the key of k's crash-loop entry: FNV-1a over pod name,
// namespace, UID, container name, image and resources joined by "/", as
// pkg/kubelet/kuberuntime/helpers.go GetBackoffKey hashes them.
func (k Key) CrashLoop() BackoffKey {
	h := uint64(fnvOffset64)
	h = fnvString(h, k.PodName)
	h = fnvByte(h, '/')
	h = fnvString(h, k.PodNamespace)
	h = fnvByte(h, '/')
	h = fnvString(h, k.PodUID)
	h = fnvByte(h, '/')
	h = fnvString(h, k.Container)
	h = fnvByte(h, '/')
	h = fnvString(h, k.Image)
	h = fnvByte(h, '/')
	h = fnvString(h, k.Resources)
	return BackoffKey(h)
}

// ImagePull returns the key of k's image-pull entry: FNV-1a over
// "<pod UID>_<image>", the string pkg/kubelet/images/image_manager.go
// pullImage keys its back-off by.
func (k Key) ImagePull() BackoffKey {
	h := uint64(fnvOffset64)
	h = fnvString(h, k.PodUID)
	h = fnvByte(h, '_')
	h = fnvString(h, k.Image)
	return BackoffKey(h)
}

// PodDescription returns the pod as kubelet logs and messages name it:
// "name_namespace(uid)" (pkg/kubelet/util/format/pod.go PodDesc).
func (k Key) PodDescription() string {
	// Built on the stack: the string is the one allocation (a name,
	// namespace and UID as long as the API allows take more).
	var buf [128]byte
	return string(k.appendPodDescription(buf[:0]))
}

func (k Key) appendPodDescription(dst []byte) []byte {
	dst = append(dst, k.PodName...)
	dst = append(dst, '_')
	dst = append(dst, k.PodNamespace...)
	dst = append(dst, '(')
	dst = append(dst, k.PodUID...)
	return append(dst, ')')
}

// entry is one flowcontrol back-off entry, for one key
// (staging/src/k8s.io/client-go/util/flowcontrol/backoff.go backoffEntry)
// without pointers: the key is a hash and lastUpdate a Unix time in
// seconds and nanoseconds rather than a time.Time, whose location is a
// pointer.
type entry struct {
	key        BackoffKey
	delay      time.Duration // the window; 0: no entry
	lastSec    int64         // lastUpdate, Unix seconds
	lastNsec   int32         // lastUpdate, nanoseconds within lastSec
	pullReason PullError     // ImagePullBackoff only; here to fill padding
}

// has reports whether e is an entry for k.
func (e *entry) has(k BackoffKey) bool { return e.delay > 0 && e.key == k }

// last returns lastUpdate as a time in UTC (the record does not keep the
// location it was given).
func (e *entry) last() time.Time { return time.Unix(e.lastSec, int64(e.lastNsec)).UTC() }

// expired applies an expiry rule: eventTime − lastUpdate > after.
func (e *entry) expired(eventTime time.Time, after time.Duration) bool {
	return subUnix(eventTime, e.lastSec, e.lastNsec) > after
}

// subUnix returns t − u, u given as Unix seconds and nanoseconds, as
// time.Time.Sub computes it between wall-clock readings: exact when the
// difference fits a Duration, saturated otherwise. Monotonic readings are
// ignored, so that an answer depends only on the instants.
func subUnix(t time.Time, sec int64, nsec int32) time.Duration {
	ts := t.Unix()
	ds := ts - sec
	// Within ±285 years (and without overflow of ds) the nanoseconds fit
	// an int64; beyond, time.Sub saturates, and it is asked to.
	const safe = 9_000_000_000
	if (ts^sec) < 0 && (ds^ts) < 0 || ds > safe || ds < -safe {
		return t.Round(0).Sub(time.Unix(sec, int64(nsec)))
	}
	return time.Duration(ds)*time.Second + time.Duration(int64(t.Nanosecond())-int64(nsec))
}

// wallSub returns t − u as subUnix does.
func wallSub(t, u time.Time) time.Duration { return subUnix(t, u.Unix(), int32(u.Nanosecond())) }

// next advances e for k, as flowcontrol Backoff.Next does without jitter:
// a missing or expired entry (for eventTime) starts at initial, an entry
// in force doubles up to ceiling, and lastUpdate becomes now. It reports
// whether the entry started afresh.
func (e *entry) next(k BackoffKey, eventTime, now time.Time, initial, ceiling, expiry time.Duration) (fresh bool) {
	if !e.has(k) || e.expired(eventTime, expiry) {
		*e = entry{key: k, delay: initial}
		fresh = true
	} else {
		e.delay = min(2*e.delay, ceiling)
	}
	e.lastSec, e.lastNsec = now.Unix(), int32(now.Nanosecond())
	return fresh
}
