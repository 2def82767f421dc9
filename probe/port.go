package probe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Port is a port given either by number or by name, like the Kubernetes
// API's IntOrString in httpGet.port, tcpSocket.port and lifecycle handlers.
// It decodes from a JSON number or string and encodes back the same way.
// The zero value is the number 0 (which validation rejects).
type Port struct {
	name   string
	number int32
	named  bool
}

// PortNumber returns the port given by number n.
func PortNumber(n int32) Port { return Port{number: n} }

// PortName returns the port given by name (a container port's name).
func PortName(name string) Port { return Port{name: name, named: true} }

// IsName reports whether the port is given by name.
func (p Port) IsName() bool { return p.named }

// Number returns the port number; 0 when the port is given by name.
func (p Port) Number() int32 { return p.number }

// Name returns the port name; "" when the port is given by number.
func (p Port) Name() string { return p.name }

// String returns the number in decimal, or the name.
func (p Port) String() string {
	if p.named {
		return p.name
	}
	return strconv.FormatInt(int64(p.number), 10)
}

// MarshalJSON encodes a number as a JSON number and a name as a JSON string.
func (p Port) MarshalJSON() ([]byte, error) {
	if p.named {
		return json.Marshal(p.name)
	}
	return strconv.AppendInt(nil, int64(p.number), 10), nil
}

// UnmarshalJSON accepts a JSON number (an int32) or a JSON string.
func (p *Port) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*p = PortName(s)
		return nil
	}
	if string(b) == "null" {
		return nil
	}
	var n int32
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("probe: port must be an int32 or a string, got %s", b)
	}
	*p = PortNumber(n)
	return nil
}

// Problems lists, in upstream's words, why the port is not valid, or nil
// when it is: a number must be in 1..65535; a name must be an IANA service
// name (at most 15 lower-case letters, digits and single inner hyphens,
// with at least one letter) (pkg/apis/core/validation/validation.go
// ValidatePortNumOrName, staging/src/k8s.io/apimachinery/pkg/util/validation
// IsValidPortNum and IsValidPortName).
func (p Port) Problems() []string {
	if !p.named {
		if p.number < 1 || p.number > 65535 {
			return []string{"must be between 1 and 65535, inclusive"}
		}
		return nil
	}
	s := p.name
	var out []string
	if len(s) > 15 {
		out = append(out, "must be no more than 15 characters")
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
		out = append(out, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
	}
	if !hasLetter {
		out = append(out, "must contain at least one letter (a-z)")
	}
	if strings.Contains(s, "--") {
		out = append(out, "must not contain consecutive hyphens")
	}
	if s != "" && (s[0] == '-' || s[len(s)-1] == '-') {
		out = append(out, "must not begin or end with a hyphen")
	}
	return out
}
