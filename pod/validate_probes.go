package pod

// Probes and lifecycle hooks (pkg/apis/core/validation validateLifecycle
// and validate{Liveness,Readiness,Startup}Probe). The rules themselves are
// the probe package's (probe.Probe.AppendErrors, probe.Handler.AppendErrors),
// which probe.NewWorker uses too; they read the probe defaults
// (SetDefaults_Probe, SetDefaults_HTTPGetAction) where a field is unset
// (AppendDefaultedErrors), so the probes are not copied.

import (
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
		v.errs = c.LivenessProbe.AppendDefaultedErrors(v.errs, probe.Liveness, &pp)
	}
	if c.ReadinessProbe != nil {
		pp := p.Child("readinessProbe")
		v.errs = c.ReadinessProbe.AppendDefaultedErrors(v.errs, probe.Readiness, &pp)
	}
	if c.StartupProbe != nil {
		pp := p.Child("startupProbe")
		v.errs = c.StartupProbe.AppendDefaultedErrors(v.errs, probe.Startup, &pp)
	}
}

// lifecycle: validateLifecycle (postStart, then preStop).
func (v *podValidator) lifecycle(lc *container.Lifecycle, grace *int64, p *field.Path) {
	if lc.PostStart != nil {
		hp := p.Child("postStart")
		v.errs = hookHandler(lc.PostStart).AppendDefaultedErrors(v.errs, grace, &hp)
	}
	if lc.PreStop != nil {
		hp := p.Child("preStop")
		v.errs = hookHandler(lc.PreStop).AppendDefaultedErrors(v.errs, grace, &hp)
	}
}

// hookHandler is upstream's handlerFromLifecycle.
func hookHandler(h *container.Handler) probe.Handler {
	ph := probe.Handler{Exec: h.Exec, HTTPGet: h.HTTPGet, TCPSocket: h.TCPSocket}
	if h.Sleep != nil {
		ph.SleepSeconds = &h.Sleep.Seconds
	}
	return ph
}
