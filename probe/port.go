package probe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
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
