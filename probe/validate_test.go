package probe_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/field"
	"github.com/podlife/podlife/probe"
)

// pkg/apis/core/validation/validation.go validateHandler: of the actions
// set, the first in the order exec, httpGet, tcpSocket, grpc, sleep is
// validated, each later one is Forbidden, and none is Required.
func TestValidateHandlerOrder(t *testing.T) {
	root := field.NewPath("h")
	sleep := int64(5)
	grace := int64(30)
	h := probe.Handler{
		Exec:         &probe.ExecAction{},
		HTTPGet:      &probe.HTTPGetAction{},
		TCPSocket:    &probe.TCPSocketAction{},
		GRPC:         &probe.GRPCAction{},
		SleepSeconds: &sleep,
	}
	want := []string{
		"h.exec.command: Required value",
		"h.httpGet: Forbidden: may not specify more than 1 handler type",
		"h.tcpSocket: Forbidden: may not specify more than 1 handler type",
		"h.grpc: Forbidden: may not specify more than 1 handler type",
		"h.sleep: Forbidden: may not specify more than 1 handler type",
	}
	if d := cmp.Diff(want, messages(h.AppendErrors(nil, &grace, &root))); d != "" {
		t.Errorf("all actions (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"h: Required value: must specify a handler type"},
		messages(probe.Handler{}.AppendErrors(nil, &grace, &root))); d != "" {
		t.Errorf("no action (-want +got):\n%s", d)
	}
}

// validateHTTPGetAction: path Required, port, scheme NotSupported, each
// bad header name Invalid on httpHeaders (util/validation
// IsHTTPHeaderName). The spec is not defaulted here, so path and scheme
// are empty.
func TestValidateHTTPGetAction(t *testing.T) {
	root := field.NewPath("p")
	pr := probe.Probe{HTTPGet: &probe.HTTPGetAction{
		Port:        probe.PortNumber(0),
		HTTPHeaders: []probe.HTTPHeader{{Name: "X-Ok"}, {Name: "bad header"}, {Name: ""}},
	}}
	want := []string{
		"p.httpGet.path: Required value",
		"p.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive",
		`p.httpGet.scheme: Unsupported value: "": supported values: "HTTP", "HTTPS"`,
		`p.httpGet.httpHeaders: Invalid value: "bad header": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')`,
		`p.httpGet.httpHeaders: Invalid value: "": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')`,
	}
	if d := cmp.Diff(want, messages(pr.AppendErrors(nil, probe.Readiness, &root))); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	pr.HTTPGet = &probe.HTTPGetAction{Port: probe.PortName("http")}
	d := pr.Defaulted()
	if errs := d.AppendErrors(nil, probe.Readiness, &root); errs != nil {
		t.Errorf("defaulted httpGet: %v", errs)
	}
}

// validateSleepAction: within 0 and the pod's grace period, unchecked
// without one (pkg/apis/core/validation/validation.go).
func TestValidateSleepAction(t *testing.T) {
	root := field.NewPath("preStop")
	grace := int64(30)
	for _, tc := range []struct {
		seconds int64
		grace   *int64
		want    []string
	}{
		{0, &grace, nil},
		{30, &grace, nil},
		{31, &grace, []string{"preStop.sleep: Invalid value: 31: must be non-negative and less than terminationGracePeriodSeconds (30)"}},
		{-1, &grace, []string{"preStop.sleep: Invalid value: -1: must be non-negative and less than terminationGracePeriodSeconds (30)"}},
		{-1, nil, nil},
	} {
		s := tc.seconds
		h := probe.Handler{SleepSeconds: &s}
		if d := cmp.Diff(tc.want, messages(h.AppendErrors(nil, tc.grace, &root))); d != "" {
			t.Errorf("sleep %d (-want +got):\n%s", s, d)
		}
	}
}

// validateProbe returns nothing for a nil probe; a nil path roots the
// errors at the probe's own fields.
func TestValidateNilProbeAndPath(t *testing.T) {
	var pr *probe.Probe
	if errs := pr.AppendErrors(nil, probe.Liveness, nil); errs != nil {
		t.Fatalf("nil probe: %v", errs)
	}
	if h := pr.Handler(); h != (probe.Handler{}) {
		t.Fatalf("nil probe handler: %+v", h)
	}
	bad := probe.Probe{Exec: &probe.ExecAction{Command: []string{"true"}}, PeriodSeconds: -1, SuccessThreshold: 1}
	if d := cmp.Diff([]string{"periodSeconds: Invalid value: -1: must be greater than or equal to 0"},
		messages(bad.AppendErrors(nil, probe.Liveness, nil))); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
}

// A valid probe or hook costs nothing to validate: the paths are built
// only for an error.
func TestValidateAllocatesNothingWhenValid(t *testing.T) {
	grace := int64(30)
	sleep := int64(5)
	specs := []probe.Probe{
		{Exec: &probe.ExecAction{Command: []string{"true"}}},
		{HTTPGet: &probe.HTTPGetAction{Path: "/", Port: probe.PortName("http"), Scheme: probe.SchemeHTTPS,
			HTTPHeaders: []probe.HTTPHeader{{Name: "X-Custom", Value: "1"}}}},
		{TCPSocket: &probe.TCPSocketAction{Port: probe.PortNumber(8080)}},
		{GRPC: &probe.GRPCAction{Port: 9000}},
	}
	for i := range specs {
		specs[i] = specs[i].Defaulted()
	}
	spec := field.NewPath("spec")
	var buf field.ErrorList
	allocs := testing.AllocsPerRun(100, func() {
		for i := range specs {
			d := &specs[i]
			cs := spec.Child("containers")
			c := cs.Index(i)
			lp := c.Child("livenessProbe")
			buf = d.AppendErrors(buf[:0], probe.Liveness, &lp)
			rp := c.Child("readinessProbe")
			buf = d.AppendErrors(buf, probe.Readiness, &rp)
		}
		hp := spec.Child("preStop")
		buf = probe.Handler{SleepSeconds: &sleep}.AppendErrors(buf, &grace, &hp)
	})
	if len(buf) != 0 {
		t.Fatalf("valid specs gave errors: %v", buf)
	}
	if allocs != 0 {
		t.Fatalf("validating valid probes allocates %v times per run", allocs)
	}
}
