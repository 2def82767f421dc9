// Package field holds validation errors and their field paths, the way the
// apiserver reports them (k8s.io/apimachinery/pkg/util/validation/field):
// every problem with its path, its type and upstream's detail.
//
//	p := field.NewPath("spec")
//	c := p.Child("containers")
//	i := c.Index(1)
//	n := i.Child("name")
//	errs = append(errs, field.New(&n, field.ErrorTypeDuplicate, "app", ""))
//	// spec.containers[1].name: Duplicate value: "app"
//
// It is a leaf: it imports nothing of podlife, so every package that
// validates (probe, pod) reports the same types.
package field

import (
	"encoding/json"
	"strconv"
	"strings"
)

// ErrorType is the kind of a validation error. Its values are the names of
// upstream's error types (k8s.io/apimachinery/pkg/util/validation/field
// ErrorType), as they appear in API error causes ("reason").
type ErrorType string

// The validation error types.
const (
	// ErrorTypeRequired: a required value is missing.
	ErrorTypeRequired ErrorType = "FieldValueRequired"
	// ErrorTypeInvalid: the value is malformed or out of range.
	ErrorTypeInvalid ErrorType = "FieldValueInvalid"
	// ErrorTypeDuplicate: the value must be unique and is not.
	ErrorTypeDuplicate ErrorType = "FieldValueDuplicate"
	// ErrorTypeNotSupported: the value is not one of an enumerated set.
	ErrorTypeNotSupported ErrorType = "FieldValueNotSupported"
	// ErrorTypeForbidden: the field may not be set here.
	ErrorTypeForbidden ErrorType = "FieldValueForbidden"
	// ErrorTypeTooMany: a list has more items than allowed.
	ErrorTypeTooMany ErrorType = "FieldValueTooMany"
	// ErrorTypeTooLong: a value is longer than allowed.
	ErrorTypeTooLong ErrorType = "FieldValueTooLong"
	// ErrorTypeNotFound: a referenced value does not exist.
	ErrorTypeNotFound ErrorType = "FieldValueNotFound"
)

// String returns the short human phrase upstream prints for the type
// ("Required value", "Unsupported value", ...).
func (t ErrorType) String() string {
	switch t {
	case ErrorTypeRequired:
		return "Required value"
	case ErrorTypeInvalid:
		return "Invalid value"
	case ErrorTypeDuplicate:
		return "Duplicate value"
	case ErrorTypeNotSupported:
		return "Unsupported value"
	case ErrorTypeForbidden:
		return "Forbidden"
	case ErrorTypeTooMany:
		return "Too many"
	case ErrorTypeTooLong:
		return "Too long"
	case ErrorTypeNotFound:
		return "Not found"
	}
	return string(t)
}

// Error is one validation error: what is wrong (Type, Detail) with
// which field (Field, an upstream field path such as
// "spec.containers[1].livenessProbe.periodSeconds") and the offending value.
type Error struct {
	Field    string
	Type     ErrorType
	BadValue any
	// Detail is upstream's message; it says what is allowed. It may be "".
	Detail string
}

// Error formats the error the way the apiserver does, e.g.
// `spec.containers[1].name: Duplicate value: "app"` or
// `spec.restartPolicy: Unsupported value: "always": supported values: "Always", "OnFailure", "Never"`.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Field)
	b.WriteString(": ")
	b.WriteString(e.Type.String())
	switch e.Type {
	case ErrorTypeRequired, ErrorTypeForbidden, ErrorTypeTooLong:
		// upstream omits the value for these
	default:
		b.WriteString(": ")
		b.WriteString(formatBadValue(e.BadValue))
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

func formatBadValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(x)
	case int:
		return strconv.Itoa(x)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case interface{ String() string }:
		return strconv.Quote(x.String())
	}
	// A composite value, as upstream renders one: its JSON.
	if b, err := json.Marshal(v); err == nil {
		return string(b)
	}
	return "<value>"
}

// ErrorList is the result of a validation: every error found, in upstream's
// order. A nil or empty list means the pod is valid.
type ErrorList []*Error

// Error joins the messages of all errors with "; ".
func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// Err returns l as an error, or nil when l is empty (a nil ErrorList stored
// in an error interface would not compare equal to nil).
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Has reports whether l holds an error of type t on field.
func (l ErrorList) Has(field string, t ErrorType) bool {
	for _, e := range l {
		if e.Field == field && e.Type == t {
			return true
		}
	}
	return false
}

// New returns an error of type t on the field at p.
func New(p *Path, t ErrorType, bad any, detail string) *Error {
	return &Error{Field: p.String(), Type: t, BadValue: bad, Detail: detail}
}

// SupportedValues is the detail of a NotSupported error:
// `supported values: "Always", "OnFailure", "Never"`.
func SupportedValues(values ...string) string {
	var b strings.Builder
	b.WriteString("supported values: ")
	for i, v := range values {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(v))
	}
	return b.String()
}
