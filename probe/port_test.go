package probe_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/field"
	"github.com/podlife/podlife/probe"
)

// pkg/apis/core/validation/validation.go ValidatePortNumOrName, through
// staging/src/k8s.io/apimachinery/pkg/util/validation IsValidPortNum and
// IsValidPortName: one error per broken rule, in upstream's order.
func TestValidatePortNumOrName(t *testing.T) {
	tests := []struct {
		port probe.Port
		want []string
	}{
		{probe.PortNumber(8080), nil},
		{probe.PortNumber(1), nil},
		{probe.PortNumber(65535), nil},
		{probe.PortNumber(0), []string{"p.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive"}},
		{probe.PortNumber(70000), []string{"p.tcpSocket.port: Invalid value: 70000: must be between 1 and 65535, inclusive"}},
		{probe.PortName("http"), nil},
		{probe.PortName("web-8080"), nil},
		{probe.PortName("web-server-http-port"), []string{`p.tcpSocket.port: Invalid value: "web-server-http-port": must be no more than 15 characters`}},
		{probe.PortName("8080"), []string{`p.tcpSocket.port: Invalid value: "8080": must contain at least one letter (a-z)`}},
		{probe.PortName("Web"), []string{`p.tcpSocket.port: Invalid value: "Web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`}},
		{probe.PortName("a--b"), []string{`p.tcpSocket.port: Invalid value: "a--b": must not contain consecutive hyphens`}},
		{probe.PortName("-ab"), []string{`p.tcpSocket.port: Invalid value: "-ab": must not begin or end with a hyphen`}},
		{probe.PortName(""), []string{
			`p.tcpSocket.port: Invalid value: "": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
			`p.tcpSocket.port: Invalid value: "": must contain at least one letter (a-z)`}},
	}
	root := field.NewPath("p")
	for _, tt := range tests {
		h := probe.Handler{TCPSocket: &probe.TCPSocketAction{Port: tt.port}}
		if d := cmp.Diff(tt.want, messages(h.AppendErrors(nil, nil, &root))); d != "" {
			t.Errorf("Port %q (-want +got):\n%s", tt.port, d)
		}
	}
}

func messages(errs field.ErrorList) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func TestPortJSON(t *testing.T) {
	for _, in := range []string{`8080`, `"http"`, `"8080"`, `-1`, `0`} {
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
}

// staging/src/k8s.io/apimachinery/pkg/util/intstr IntOrString.UnmarshalJSON:
// a string is a name, anything else must decode as an int32; every refusal
// is a *PortError naming the field and the value.
func TestPortJSONErrors(t *testing.T) {
	for _, in := range []string{`80.5`, `1e2`, `2147483648`, `-2147483649`, `true`, `{}`, `[]`, `[80]`} {
		var pr probe.Probe
		err := json.Unmarshal([]byte(`{"tcpSocket":{"port":`+in+`}}`), &pr)
		var pe *probe.PortError
		if !errors.As(err, &pe) {
			t.Errorf("%s: err = %v, want *PortError", in, err)
			continue
		}
		if pe.Value != in {
			t.Errorf("%s: Value = %q", in, pe.Value)
		}
		if want := "probe: port: invalid value " + in + ": must be an integer (int32) or a string"; err.Error() != want {
			t.Errorf("%s: message %q, want %q", in, err, want)
		}
		if errors.Unwrap(pe) == nil {
			t.Errorf("%s: no decoder error wrapped", in)
		}
	}
	// Decoded as upstream does; validation then judges them.
	for in, want := range map[string]probe.Port{
		`-1`:    probe.PortNumber(-1),
		`"a b"`: probe.PortName("a b"),
		`""`:    probe.PortName(""),
	} {
		var p probe.Port
		if err := json.Unmarshal([]byte(in), &p); err != nil || p != want {
			t.Errorf("%s: %v %v, want %v", in, p, err, want)
		}
	}
	// null: the port becomes a number and keeps its number.
	p := probe.PortNumber(8080)
	if err := json.Unmarshal([]byte(`null`), &p); err != nil || p != probe.PortNumber(8080) {
		t.Errorf("null on a number: %v %v", p, err)
	}
	p = probe.PortName("http")
	if err := json.Unmarshal([]byte(`null`), &p); err != nil || p != probe.PortNumber(0) {
		t.Errorf("null on a name: %v %v", p, err)
	}
	var nilPort *probe.Port
	if err := nilPort.UnmarshalJSON([]byte(`80`)); err == nil {
		t.Error("decoding into a nil *Port succeeded")
	}
	long := `"` + strings.Repeat("x", 100)
	if err := p.UnmarshalJSON([]byte(long)); err == nil || len(err.Error()) > 140 {
		t.Errorf("unterminated string: %v", err)
	}
}
