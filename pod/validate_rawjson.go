package pod

// Reading the few string fields validation needs from a volume source kept
// as raw JSON (csi, nfs, gitRepo) the way json.Unmarshal into a struct of
// those fields would, without allocating: validation then makes a string
// only for a value it reports. When the answer could differ from
// json.Unmarshal's in any way this reader does not model (escapes, non-ASCII
// keys, deep nesting), it says so and the caller decodes with
// json.Unmarshal instead.

import "unicode/utf8"

// rawField is a field of the struct json.Unmarshal would decode into: a
// string field (inner nil), or a pointer to a struct of string fields
// (inner set).
type rawField struct {
	name  string     // the JSON name, as in the struct tag
	inner []rawField // the fields of a pointer-to-struct field
	val   []byte     // a string field's value as decoded: the last one given
	set   bool       // a pointer field is non-nil
}

// rawResult is what reading a raw source tells its caller.
type rawResult uint8

const (
	rawRead     rawResult = iota // fields hold what json.Unmarshal would set
	rawInvalid                   // json.Unmarshal would fail (syntax or type)
	rawFallback                  // decode with json.Unmarshal to know
)

// maxRawDepth bounds the nesting this reader follows; deeper documents are
// left to json.Unmarshal (whose own limit is far higher).
const maxRawDepth = 32

// readRaw reads doc into fields as json.Unmarshal into the matching struct
// would: the whole document must be valid JSON; null leaves everything
// unset; an object sets each field whose name its key matches (exactly or
// case-insensitively, the last occurrence winning; null leaves a string
// field as it is and makes a pointer nil); any other value, or a value of
// the wrong type for a field, is an error.
func readRaw(doc []byte, fields []rawField) rawResult {
	r := rawReader{b: doc}
	r.ws()
	res := rawRead
	switch r.peek() {
	case '{':
		res = r.object(fields, 0)
	case 'n':
		r.value(0)
	default:
		r.value(0)
		res = rawInvalid // a struct takes only an object or null
	}
	r.ws()
	switch {
	case r.fallback:
		return rawFallback
	case r.bad || r.i != len(r.b):
		return rawInvalid
	}
	return res
}

// rawReader is a strict JSON reader (RFC 8259, as encoding/json's scanner
// accepts it) over b.
type rawReader struct {
	b        []byte
	i        int
	bad      bool // a syntax error
	fallback bool // something this reader leaves to json.Unmarshal
}

func (r *rawReader) peek() byte {
	if r.i < len(r.b) {
		return r.b[r.i]
	}
	return 0
}

func (r *rawReader) ws() {
	for r.i < len(r.b) {
		switch r.b[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// object reads an object into fields (nil: skip it) and returns rawInvalid
// when a field's value has the wrong type.
func (r *rawReader) object(fields []rawField, depth int) rawResult {
	res := rawRead
	if depth > maxRawDepth {
		r.fallback = true
		return res
	}
	r.i++ // '{'
	r.ws()
	if r.peek() == '}' {
		r.i++
		return res
	}
	for !r.bad && !r.fallback {
		r.ws()
		if r.peek() != '"' {
			r.bad = true
			return res
		}
		key, plain := r.str()
		if r.bad {
			return res
		}
		if fields != nil && !plain {
			r.fallback = true // an escaped or non-ASCII key may match by folding
			return res
		}
		r.ws()
		if r.peek() != ':' {
			r.bad = true
			return res
		}
		r.i++
		r.ws()
		f := matchRawField(fields, key)
		switch {
		case f == nil:
			r.value(depth + 1)
		case f.inner == nil:
			switch r.peek() {
			case '"':
				v, plain := r.str()
				if r.bad {
					return res
				}
				if !plain {
					r.fallback = true
					return res
				}
				f.val = v
			case 'n':
				r.value(depth + 1) // null: the string is left as it is
			default:
				r.value(depth + 1)
				res = rawInvalid
			}
		default:
			switch r.peek() {
			case '{':
				// Into the struct already pointed to, if any: fields not
				// given keep their values.
				if !f.set {
					for j := range f.inner {
						f.inner[j].val = nil
					}
				}
				f.set = true
				if r.object(f.inner, depth+1) == rawInvalid {
					res = rawInvalid
				}
			case 'n':
				r.value(depth + 1)
				f.set = false
				for j := range f.inner {
					f.inner[j].val = nil
				}
			default:
				r.value(depth + 1)
				res = rawInvalid
			}
		}
		r.ws()
		switch r.peek() {
		case ',':
			r.i++
		case '}':
			r.i++
			return res
		default:
			r.bad = true
		}
	}
	return res
}

// matchRawField is the field a key sets: its exact name, else the same
// name with ASCII letters folded (keys reaching here are ASCII).
func matchRawField(fields []rawField, key []byte) *rawField {
	for j := range fields {
		if string(key) == fields[j].name {
			return &fields[j]
		}
	}
	for j := range fields {
		if asciiEqualFold(key, fields[j].name) {
			return &fields[j]
		}
	}
	return nil
}

func asciiEqualFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range b {
		x, y := b[i], s[i]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// value skips one JSON value.
func (r *rawReader) value(depth int) {
	if depth > maxRawDepth {
		r.fallback = true
		return
	}
	switch c := r.peek(); {
	case c == '{':
		r.object(nil, depth)
	case c == '[':
		r.i++
		r.ws()
		if r.peek() == ']' {
			r.i++
			return
		}
		for !r.bad && !r.fallback {
			r.ws()
			r.value(depth + 1)
			r.ws()
			switch r.peek() {
			case ',':
				r.i++
			case ']':
				r.i++
				return
			default:
				r.bad = true
			}
		}
	case c == '"':
		r.str()
	case c == '-' || c >= '0' && c <= '9':
		r.number()
	default:
		for _, lit := range [...]string{"true", "false", "null"} {
			if len(r.b)-r.i >= len(lit) && string(r.b[r.i:r.i+len(lit)]) == lit {
				r.i += len(lit)
				return
			}
		}
		r.bad = true
	}
}

// str reads a string and returns its content; plain says the content is
// its decoded value as is and ASCII: no escape, no byte json.Unmarshal
// could replace (invalid UTF-8) or a key could fold from (Unicode case
// folding). Plain strings are all this reader hands on.
func (r *rawReader) str() (content []byte, plain bool) {
	r.i++ // '"'
	start := r.i
	plain = true
	for r.i < len(r.b) {
		c := r.b[r.i]
		switch {
		case c == '"':
			content = r.b[start:r.i]
			r.i++
			return content, plain
		case c >= utf8.RuneSelf:
			plain = false
			r.i++
		case c < 0x20:
			r.bad = true
			return nil, false
		case c == '\\':
			plain = false
			r.i++
			if r.i >= len(r.b) {
				r.bad = true
				return nil, false
			}
			switch r.b[r.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				r.i++
			case 'u':
				if len(r.b)-r.i < 5 || !isHex4(r.b[r.i+1:r.i+5]) {
					r.bad = true
					return nil, false
				}
				r.i += 5
			default:
				r.bad = true
				return nil, false
			}
		default:
			r.i++
		}
	}
	r.bad = true
	return nil, false
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// number reads a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (r *rawReader) number() {
	digits := func() int {
		n := 0
		for r.i < len(r.b) && r.b[r.i] >= '0' && r.b[r.i] <= '9' {
			r.i++
			n++
		}
		return n
	}
	if r.peek() == '-' {
		r.i++
	}
	switch c := r.peek(); {
	case c == '0':
		r.i++
	case c >= '1' && c <= '9':
		digits()
	default:
		r.bad = true
		return
	}
	if r.peek() == '.' {
		r.i++
		if digits() == 0 {
			r.bad = true
			return
		}
	}
	if c := r.peek(); c == 'e' || c == 'E' {
		r.i++
		if c := r.peek(); c == '+' || c == '-' {
			r.i++
		}
		if digits() == 0 {
			r.bad = true
		}
	}
}
