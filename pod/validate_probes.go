package pod

// Probes and lifecycle hooks (pkg/apis/core/validation validateProbe,
// validateLifecycle, validateHandler).

import (
	"strconv"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/field"
	"github.com/podlife/podlife/probe"
)

// probesAndHooks validates lifecycle and the three probes of a regular
// container or a sidecar (validateContainers / validateInitContainers).
func (v *podValidator) probesAndHooks(c *container.Container, grace *int64, p *field.Path) {
	if c.Lifecycle != nil {
		lp := p.Child("lifecycle")
		v.lifecycle(c.Lifecycle, grace, &lp)
	}
	if c.LivenessProbe != nil {
		pp := p.Child("livenessProbe")
		v.probe(c.LivenessProbe, grace, &pp)
		if c.LivenessProbe.SuccessThreshold != 1 {
			sp := pp.Child("successThreshold")
			v.add(&sp, field.ErrorTypeInvalid, c.LivenessProbe.SuccessThreshold, msgMustBeOne)
		}
	}
	if c.ReadinessProbe != nil {
		pp := p.Child("readinessProbe")
		v.probe(c.ReadinessProbe, grace, &pp)
		if c.ReadinessProbe.TerminationGracePeriodSeconds != nil {
			tp := pp.Child("terminationGracePeriodSeconds")
			v.add(&tp, field.ErrorTypeInvalid, *c.ReadinessProbe.TerminationGracePeriodSeconds, msgReadinessGrace)
		}
	}
	if c.StartupProbe != nil {
		pp := p.Child("startupProbe")
		v.probe(c.StartupProbe, grace, &pp)
		if c.StartupProbe.SuccessThreshold != 1 {
			sp := pp.Child("successThreshold")
			v.add(&sp, field.ErrorTypeInvalid, c.StartupProbe.SuccessThreshold, msgMustBeOne)
		}
	}
}

// lifecycle: validateLifecycle (postStart, then preStop).
func (v *podValidator) lifecycle(lc *container.Lifecycle, grace *int64, p *field.Path) {
	if lc.PostStart != nil {
		hp := p.Child("postStart")
		h := lc.PostStart
		v.handler(h.Exec, h.HTTPGet, h.TCPSocket, nil, h.Sleep, grace, &hp)
	}
	if lc.PreStop != nil {
		hp := p.Child("preStop")
		h := lc.PreStop
		v.handler(h.Exec, h.HTTPGet, h.TCPSocket, nil, h.Sleep, grace, &hp)
	}
}

// probe: validateProbe — the handler, then the timing fields (already
// defaulted, so only negatives fail), then the probe's own grace period.
func (v *podValidator) probe(pr *probe.Probe, grace *int64, p *field.Path) {
	v.handler(pr.Exec, pr.HTTPGet, pr.TCPSocket, pr.GRPC, nil, grace, p)
	for _, f := range [...]struct {
		name string
		val  int32
	}{
		{"initialDelaySeconds", pr.InitialDelaySeconds},
		{"timeoutSeconds", pr.TimeoutSeconds},
		{"periodSeconds", pr.PeriodSeconds},
		{"successThreshold", pr.SuccessThreshold},
		{"failureThreshold", pr.FailureThreshold},
	} {
		if f.val < 0 {
			fp := p.Child(f.name)
			v.add(&fp, field.ErrorTypeInvalid, f.val, msgNonNegative)
		}
	}
	if g := pr.TerminationGracePeriodSeconds; g != nil && *g <= 0 {
		tp := p.Child("terminationGracePeriodSeconds")
		v.add(&tp, field.ErrorTypeInvalid, *g, msgPositive)
	}
}

// handler: validateHandler, shared by probes (exec, httpGet, tcpSocket,
// grpc) and lifecycle hooks (exec, httpGet, tcpSocket, sleep). Exactly one
// handler may be set: the first one set, in that order, is validated and
// every later one is Forbidden; none is Required on the handler itself.
func (v *podValidator) handler(exec *probe.ExecAction, httpGet *probe.HTTPGetAction, tcp *probe.TCPSocketAction,
	grpc *probe.GRPCAction, sleep *container.SleepAction, grace *int64, p *field.Path) {
	n := 0
	extra := func(name string) bool {
		if n > 0 {
			fp := p.Child(name)
			v.add(&fp, field.ErrorTypeForbidden, nil, msgHandlerExtra)
			return true
		}
		n++
		return false
	}
	if exec != nil && !extra("exec") {
		if len(exec.Command) == 0 {
			ep := p.Child("exec")
			cp := ep.Child("command")
			v.add(&cp, field.ErrorTypeRequired, nil, "")
		}
	}
	if httpGet != nil && !extra("httpGet") {
		hp := p.Child("httpGet")
		v.httpGet(httpGet, &hp)
	}
	if tcp != nil && !extra("tcpSocket") {
		tp := p.Child("tcpSocket")
		pp := tp.Child("port")
		v.port(tcp.Port, &pp)
	}
	if grpc != nil && !extra("grpc") {
		gp := p.Child("grpc")
		pp := gp.Child("port")
		v.port(probe.PortNumber(grpc.Port), &pp)
	}
	if sleep != nil && !extra("sleep") {
		// validateSleepAction, with zero allowed (PodLifecycleSleepActionAllowZero is GA).
		if grace != nil && (sleep.Seconds < 0 || sleep.Seconds > *grace) {
			sp := p.Child("sleep")
			v.add(&sp, field.ErrorTypeInvalid, sleep.Seconds,
				"must be non-negative and less than terminationGracePeriodSeconds ("+strconv.FormatInt(*grace, 10)+")")
		}
	}
	if n == 0 {
		v.add(p, field.ErrorTypeRequired, nil, msgHandlerRequired)
	}
}

// httpGet: validateHTTPGetAction.
func (v *podValidator) httpGet(h *probe.HTTPGetAction, p *field.Path) {
	if h.Path == "" {
		pp := p.Child("path")
		v.add(&pp, field.ErrorTypeRequired, nil, "")
	}
	pp := p.Child("port")
	v.port(h.Port, &pp)
	if h.Scheme != probe.SchemeHTTP && h.Scheme != probe.SchemeHTTPS {
		sp := p.Child("scheme")
		v.add(&sp, field.ErrorTypeNotSupported, string(h.Scheme), field.SupportedValues(string(probe.SchemeHTTP), string(probe.SchemeHTTPS)))
	}
	for _, hdr := range h.HTTPHeaders {
		if !isHTTPHeaderName(hdr.Name) {
			hp := p.Child("httpHeaders")
			v.add(&hp, field.ErrorTypeInvalid, hdr.Name, regexMsg(httpHeaderNameMsg, httpHeaderNameFmt, "X-Header-Name"))
		}
	}
}

// port: ValidatePortNumOrName — a number in 1..65535 or an IANA port name.
func (v *podValidator) port(pt probe.Port, p *field.Path) {
	var bad any = pt.Number()
	if pt.IsName() {
		bad = pt.Name()
	}
	for _, msg := range pt.Problems() {
		v.add(p, field.ErrorTypeInvalid, bad, msg)
	}
}
