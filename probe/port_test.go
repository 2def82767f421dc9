package probe_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/probe"
)

// staging/src/k8s.io/apimachinery/pkg/util/validation IsValidPortNum and
// IsValidPortName, with upstream's messages.
func TestPortProblems(t *testing.T) {
	tests := []struct {
		port probe.Port
		want []string
	}{
		{probe.PortNumber(8080), nil},
		{probe.PortNumber(1), nil},
		{probe.PortNumber(65535), nil},
		{probe.PortNumber(0), []string{"must be between 1 and 65535, inclusive"}},
		{probe.PortNumber(70000), []string{"must be between 1 and 65535, inclusive"}},
		{probe.PortName("http"), nil},
		{probe.PortName("web-8080"), nil},
		{probe.PortName("web-server-http-port"), []string{"must be no more than 15 characters"}},
		{probe.PortName("8080"), []string{"must contain at least one letter (a-z)"}},
		{probe.PortName("Web"), []string{"must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"}},
		{probe.PortName("a--b"), []string{"must not contain consecutive hyphens"}},
		{probe.PortName("-ab"), []string{"must not begin or end with a hyphen"}},
		{probe.PortName(""), []string{"must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
			"must contain at least one letter (a-z)"}},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, tt.port.Problems()); d != "" {
			t.Errorf("Port %q problems (-want +got):\n%s", tt.port, d)
		}
	}
}

func TestPortJSON(t *testing.T) {
	for _, in := range []string{`8080`, `"http"`, `"8080"`} {
		var p probe.Port
		if err := json.Unmarshal([]byte(in), &p); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		out, _ := json.Marshal(p)
		if string(out) != in {
			t.Errorf("%s round-trips as %s", in, out)
		}
	}
	if !(func() bool { var p probe.Port; _ = json.Unmarshal([]byte(`"8080"`), &p); return p.IsName() })() {
		t.Error(`"8080" must stay a name (the API keeps the JSON type)`)
	}
	var p probe.Port
	if err := json.Unmarshal([]byte(`1.5`), &p); err == nil {
		t.Error("a fractional port decoded")
	}
}

// NewWorker refuses a spec whose handler fields are invalid, with the same
// port rule as the apiserver's validation.
func TestNewWorkerChecksHandlerFields(t *testing.T) {
	start := time.Unix(0, 0)
	_, err := probe.NewWorker(probe.Readiness, probe.Probe{
		HTTPGet: &probe.HTTPGetAction{Port: probe.PortName("web-server-http-port"), Scheme: "FTP"},
	}, start)
	var se *probe.SpecError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want *SpecError", err)
	}
	msg := err.Error()
	for _, want := range []string{"httpGet.port web-server-http-port: must be no more than 15 characters", `httpGet.scheme "FTP"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if _, err := probe.NewWorker(probe.Liveness, probe.Probe{Exec: &probe.ExecAction{}}, start); err == nil || !strings.Contains(err.Error(), "exec.command") {
		t.Errorf("empty exec command: err = %v", err)
	}
	if _, err := probe.NewWorker(probe.Liveness, probe.Probe{GRPC: &probe.GRPCAction{Port: 0}}, start); err == nil || !strings.Contains(err.Error(), "grpc.port") {
		t.Errorf("grpc port 0: err = %v", err)
	}
}
