package probe

import (
	"bytes"
	"encoding/json"
	"errors"
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

// UnmarshalJSON decodes the port as the apiserver decodes an IntOrString
// (staging/src/k8s.io/apimachinery/pkg/util/intstr IntOrString.UnmarshalJSON):
// a JSON string is a name (any string: "80" and "a b" are names, which
// validation then judges); anything else must decode as an int32, so 80.5,
// 1e2, 2147483648, true, {} and [] are refused with a *PortError. null
// makes the port a number and keeps the number it had (0 for a name), as
// upstream does. A negative number decodes; validation rejects it.
func (p *Port) UnmarshalJSON(b []byte) error {
	if p == nil {
		return &PortError{Value: string(b), Err: errNilPort}
	}
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return &PortError{Value: string(b), Err: err}
		}
		*p = PortName(s)
		return nil
	}
	var n int32
	if string(b) == "null" {
		n = p.number
	} else if err := json.Unmarshal(b, &n); err != nil {
		return &PortError{Value: string(b), Err: err}
	}
	*p = PortNumber(n)
	return nil
}

var errNilPort = errors.New("decoding into a nil *Port")

// PortError reports a JSON value that is not a port: neither a string nor
// a number that fits an int32 (Port.UnmarshalJSON). encoding/json returns
// it as is, so errors.As finds it.
type PortError struct {
	// Value is the JSON text of the offending value, as given.
	Value string
	// Err is the decoder's own complaint.
	Err error
}

// Error names the field and the value, for example "probe: port: invalid
// value 80.5: must be an integer (int32) or a string". Values longer than
// 64 bytes are cut.
func (e *PortError) Error() string {
	if e == nil {
		return "probe: port: invalid value"
	}
	v := e.Value
	if len(v) > 64 {
		v = v[:64] + "..."
	}
	if e.Err == errNilPort {
		return "probe: port: invalid value " + v + ": " + errNilPort.Error()
	}
	return "probe: port: invalid value " + v + ": must be an integer (int32) or a string"
}

// Unwrap returns the decoder's error.
func (e *PortError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}
