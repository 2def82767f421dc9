package probe

// Validation of a probe spec and of the handler that probes share with
// lifecycle hooks, with the apiserver's field errors
// (pkg/apis/core/validation/validation.go validateLivenessProbe,
// validateReadinessProbe, validateStartupProbe, validateProbe,
// validateHandler and the per-action functions). pod.ValidateCreate and
// NewWorker both report through these functions, so the rule lives here
// only.

import (
	"strconv"

	"github.com/podlife/podlife/field"
)

// The apiserver's messages, byte for byte.
const (
	msgHandlerRequired = "must specify a handler type"
	msgHandlerExtra    = "may not specify more than 1 handler type"
	msgNonNegative     = "must be greater than or equal to 0"
	msgPositive        = "must be greater than 0"
	msgMustBeOne       = "must be 1"
	msgReadinessGrace  = "must not be set for readinessProbes"
	msgPortRange       = "must be between 1 and 65535, inclusive"
	// staging/src/k8s.io/apimachinery/pkg/util/validation IsHTTPHeaderName,
	// rendered by its RegexError.
	msgHTTPHeaderName = "a valid HTTP header must consist of alphanumeric characters or '-' " +
		"(e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')"
)

// Handler is the action of a probe or of a container lifecycle hook: the
// fields the apiserver's validation reads of either (upstream's
// commonHandler in pkg/apis/core/validation/validation.go). Exactly one
// should be set.
type Handler struct {
	Exec      *ExecAction
	HTTPGet   *HTTPGetAction
	TCPSocket *TCPSocketAction
	// GRPC exists only on probes.
	GRPC *GRPCAction
	// SleepSeconds is sleep.seconds of a lifecycle hook's sleep action, nil
	// when the hook has none; probes have no sleep action.
	SleepSeconds *int64
}

// Handler returns the probe's handler fields; the zero Handler for a nil
// p.
func (p *Probe) Handler() Handler {
	if p == nil {
		return Handler{}
	}
	return Handler{Exec: p.Exec, HTTPGet: p.HTTPGet, TCPSocket: p.TCPSocket, GRPC: p.GRPC}
}

// AppendErrors appends to dst the apiserver's field errors for p as the
// container's probe of the given kind, on paths below path (the probe's
// own field, such as spec.containers[0].livenessProbe; a nil path roots
// them at the probe's fields), and returns the extended list. It checks,
// in upstream's order: the handler (Handler.AppendErrors); that
// initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold and
// failureThreshold are not negative; that a terminationGracePeriodSeconds
// is positive; then, for Liveness and Startup, that successThreshold is 1,
// and for Readiness that terminationGracePeriodSeconds is not set. Any
// other kind gets only the common checks. A nil p appends nothing (a
// container without that probe).
//
// Like the apiserver, it expects a defaulted spec (Defaulted): zero timing
// fields are not errors, and an httpGet without path or scheme is.
// AppendDefaultedErrors validates a spec as written, reading its defaults.
// Nothing is allocated unless an error is appended.
func (p *Probe) AppendErrors(dst field.ErrorList, kind Kind, path *field.Path) field.ErrorList {
	return p.appendErrors(dst, kind, path, asWritten)
}

// AppendDefaultedErrors appends to dst what AppendErrors appends for
// p.Defaulted(), without making the defaulted copy: every field the
// apiserver defaults (SetDefaults_Probe, SetDefaults_HTTPGetAction) is read
// as its default where it is unset, bad values included. This is how
// pod.ValidateCreate validates the probes of a pod it does not copy.
func (p *Probe) AppendDefaultedErrors(dst field.ErrorList, kind Kind, path *field.Path) field.ErrorList {
	return p.appendErrors(dst, kind, path, withDefaults)
}

// reading says whether validation reads the fields as written or as
// defaulting would leave them.
type reading uint8

const (
	asWritten reading = iota
	withDefaults
)

// timing is a timing field as read: v, or its default d when reading with
// defaults.
func (r reading) timing(v, d int32) int32 {
	if r == withDefaults {
		return orDefault(v, d)
	}
	return v
}

func (p *Probe) appendErrors(dst field.ErrorList, kind Kind, path *field.Path, r reading) field.ErrorList {
	if p == nil {
		return dst
	}
	success := r.timing(p.SuccessThreshold, DefaultSuccessThreshold)
	h := p.Handler()
	dst = h.appendErrors(dst, nil, path, r)
	// The defaults are positive: only a negative value as written can be
	// reported, and in that case its default is not read.
	if p.InitialDelaySeconds < 0 || p.TimeoutSeconds < 0 || p.PeriodSeconds < 0 || p.SuccessThreshold < 0 || p.FailureThreshold < 0 {
		dst = appendNonNegative(dst, p.InitialDelaySeconds, "initialDelaySeconds", path)
		dst = appendNonNegative(dst, r.timing(p.TimeoutSeconds, DefaultTimeoutSeconds), "timeoutSeconds", path)
		dst = appendNonNegative(dst, r.timing(p.PeriodSeconds, DefaultPeriodSeconds), "periodSeconds", path)
		dst = appendNonNegative(dst, success, "successThreshold", path)
		dst = appendNonNegative(dst, r.timing(p.FailureThreshold, DefaultFailureThreshold), "failureThreshold", path)
	}
	if g := p.TerminationGracePeriodSeconds; g != nil && *g <= 0 {
		gp := path.Child("terminationGracePeriodSeconds")
		dst = append(dst, field.New(&gp, field.ErrorTypeInvalid, *g, msgPositive))
	}
	switch kind {
	case Liveness, Startup:
		if success != 1 {
			sp := path.Child("successThreshold")
			dst = append(dst, field.New(&sp, field.ErrorTypeInvalid, success, msgMustBeOne))
		}
	case Readiness:
		if g := p.TerminationGracePeriodSeconds; g != nil {
			gp := path.Child("terminationGracePeriodSeconds")
			dst = append(dst, field.New(&gp, field.ErrorTypeInvalid, *g, msgReadinessGrace))
		}
	}
	return dst
}

func appendNonNegative(dst field.ErrorList, v int32, name string, path *field.Path) field.ErrorList {
	if v >= 0 {
		return dst
	}
	fp := path.Child(name)
	return append(dst, field.New(&fp, field.ErrorTypeInvalid, v, msgNonNegative))
}

// AppendErrors appends to dst the apiserver's field errors for the handler
// at path (validateHandler) and returns the extended list. Of the actions
// set, the first in the order exec, httpGet, tcpSocket, grpc, sleep is
// validated and each later one is Forbidden; none at all is Required on
// path itself. gracePeriod is the pod's terminationGracePeriodSeconds: a
// sleep action must be within 0 and it (not checked when it is nil).
//
// The actions: exec needs a command; httpGet a path, a valid port, scheme
// HTTP or HTTPS and valid header names; tcpSocket and grpc a valid port (a
// number in 1..65535, or an IANA service name for httpGet and tcpSocket).
// As for Probe.AppendErrors, the handler is expected defaulted;
// AppendDefaultedErrors reads the httpGet defaults itself.
func (h Handler) AppendErrors(dst field.ErrorList, gracePeriod *int64, path *field.Path) field.ErrorList {
	return h.appendErrors(dst, gracePeriod, path, asWritten)
}

// AppendDefaultedErrors appends what AppendErrors appends for the handler
// with its httpGet defaulted (HTTPGetAction.Defaulted), without copying it.
func (h Handler) AppendDefaultedErrors(dst field.ErrorList, gracePeriod *int64, path *field.Path) field.ErrorList {
	return h.appendErrors(dst, gracePeriod, path, withDefaults)
}

func (h *Handler) appendErrors(dst field.ErrorList, gracePeriod *int64, path *field.Path, r reading) field.ErrorList {
	// n counts the actions set so far: the first is validated, each later
	// one is Forbidden.
	n := 0
	if h.Exec != nil {
		if n++; n > 1 {
			dst = appendExtraHandler(dst, "exec", path)
		} else if len(h.Exec.Command) == 0 {
			ep := path.Child("exec")
			cp := ep.Child("command")
			dst = append(dst, field.New(&cp, field.ErrorTypeRequired, nil, ""))
		}
	}
	if h.HTTPGet != nil {
		if n++; n > 1 {
			dst = appendExtraHandler(dst, "httpGet", path)
		} else {
			hp := path.Child("httpGet")
			dst = h.HTTPGet.appendErrors(dst, &hp, r)
		}
	}
	if h.TCPSocket != nil {
		if n++; n > 1 {
			dst = appendExtraHandler(dst, "tcpSocket", path)
		} else {
			tp := path.Child("tcpSocket")
			pp := tp.Child("port")
			dst = h.TCPSocket.Port.appendErrors(dst, &pp)
		}
	}
	if h.GRPC != nil {
		if n++; n > 1 {
			dst = appendExtraHandler(dst, "grpc", path)
		} else {
			gp := path.Child("grpc")
			pp := gp.Child("port")
			dst = PortNumber(h.GRPC.Port).appendErrors(dst, &pp)
		}
	}
	if h.SleepSeconds != nil {
		if n++; n > 1 {
			dst = appendExtraHandler(dst, "sleep", path)
		} else if s := *h.SleepSeconds; gracePeriod != nil && (s < 0 || s > *gracePeriod) {
			// validateSleepAction, zero allowed
			// (PodLifecycleSleepActionAllowZero is GA); a missing grace
			// period is reported elsewhere.
			sp := path.Child("sleep")
			dst = append(dst, field.New(&sp, field.ErrorTypeInvalid, s,
				"must be non-negative and less than terminationGracePeriodSeconds ("+strconv.FormatInt(*gracePeriod, 10)+")"))
		}
	}
	if n == 0 {
		dst = append(dst, field.New(path, field.ErrorTypeRequired, nil, msgHandlerRequired))
	}
	return dst
}

// appendExtraHandler reports an action set after the one validated.
func appendExtraHandler(dst field.ErrorList, name string, path *field.Path) field.ErrorList {
	fp := path.Child(name)
	return append(dst, field.New(&fp, field.ErrorTypeForbidden, nil, msgHandlerExtra))
}

// appendErrors is validateHTTPGetAction, on path and scheme as read.
func (h *HTTPGetAction) appendErrors(dst field.ErrorList, path *field.Path, r reading) field.ErrorList {
	hpath, scheme := h.Path, h.Scheme
	if r == withDefaults {
		hpath, scheme = h.defaultedPath(), h.defaultedScheme()
	}
	if hpath == "" {
		pp := path.Child("path")
		dst = append(dst, field.New(&pp, field.ErrorTypeRequired, nil, ""))
	}
	pp := path.Child("port")
	dst = h.Port.appendErrors(dst, &pp)
	if scheme != SchemeHTTP && scheme != SchemeHTTPS {
		sp := path.Child("scheme")
		dst = append(dst, field.New(&sp, field.ErrorTypeNotSupported, string(scheme),
			msgSchemes))
	}
	for _, hdr := range h.HTTPHeaders {
		if !isHTTPHeaderName(hdr.Name) {
			hp := path.Child("httpHeaders")
			dst = append(dst, field.New(&hp, field.ErrorTypeInvalid, hdr.Name, msgHTTPHeaderName))
		}
	}
	return dst
}

// isHTTPHeaderName matches upstream's [-A-Za-z0-9]+.
func isHTTPHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-':
		default:
			return false
		}
	}
	return true
}

// appendErrors is ValidatePortNumOrName (pkg/apis/core/validation): a
// number must be in 1..65535 (util/validation IsValidPortNum); a name must
// be an IANA service name (IsValidPortName): at most 15 lower-case
// letters, digits and inner single hyphens, with at least one letter. Each
// broken rule is one error, in upstream's order, with the port as the bad
// value.
func (p Port) appendErrors(dst field.ErrorList, path *field.Path) field.ErrorList {
	if !p.named {
		if p.number < 1 || p.number > 65535 {
			dst = append(dst, field.New(path, field.ErrorTypeInvalid, p.number, msgPortRange))
		}
		return dst
	}
	s := p.name
	bad := func(msg string) {
		dst = append(dst, field.New(path, field.ErrorTypeInvalid, s, msg))
	}
	if len(s) > 15 {
		bad("must be no more than 15 characters")
	}
	charsOK, hasLetter := s != "", false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z':
			hasLetter = true
		case c >= '0' && c <= '9', c == '-':
		default:
			charsOK = false
		}
	}
	if !charsOK {
		bad("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
	}
	if !hasLetter {
		bad("must contain at least one letter (a-z)")
	}
	for i := 1; i < len(s); i++ {
		if s[i] == '-' && s[i-1] == '-' {
			bad("must not contain consecutive hyphens")
			break
		}
	}
	if s != "" && (s[0] == '-' || s[len(s)-1] == '-') {
		bad("must not begin or end with a hyphen")
	}
	return dst
}

// msgSchemes is the supported-values detail of httpGet.scheme, rendered
// once.
var msgSchemes = field.SupportedValues(string(SchemeHTTP), string(SchemeHTTPS))
