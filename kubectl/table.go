package kubectl

import (
	"io"
	"text/tabwriter"
)

// Column is a column of `kubectl get pods`.
type Column uint8

// The columns, in the order kubectl prints them. ColNamespace is shown with
// --all-namespaces; the columns from ColIP on only with -o wide (priority 1
// in the apiserver's column definitions,
// pkg/printers/internalversion/printers.go AddHandlers).
const (
	ColNamespace Column = iota
	ColName
	ColReady
	ColStatus
	ColRestarts
	ColAge
	ColIP
	ColNode
	ColNominatedNode
	ColReadinessGates
)

var headers = [...]string{
	ColNamespace:      "NAMESPACE",
	ColName:           "NAME",
	ColReady:          "READY",
	ColStatus:         "STATUS",
	ColRestarts:       "RESTARTS",
	ColAge:            "AGE",
	ColIP:             "IP",
	ColNode:           "NODE",
	ColNominatedNode:  "NOMINATED NODE",
	ColReadinessGates: "READINESS GATES",
}

// Header returns the column's header as kubectl prints it: the column
// definition's name in upper case ("NOMINATED NODE").
func (c Column) Header() string {
	if int(c) < len(headers) {
		return headers[c]
	}
	return ""
}

// Wide reports whether the column is shown only with -o wide.
func (c Column) Wide() bool { return c >= ColIP && c <= ColReadinessGates }

// AppendCell appends the text of column c of r.
func (r *Row) AppendCell(dst []byte, c Column) []byte {
	switch c {
	case ColNamespace:
		return append(dst, r.Namespace...)
	case ColName:
		return append(dst, r.Name...)
	case ColReady:
		return r.AppendReady(dst)
	case ColStatus:
		return append(dst, r.Status...)
	case ColRestarts:
		return r.AppendRestarts(dst)
	case ColAge:
		return r.AppendAge(dst)
	case ColIP:
		return r.AppendIP(dst)
	case ColNode:
		return r.AppendNode(dst)
	case ColNominatedNode:
		return r.AppendNominatedNode(dst)
	case ColReadinessGates:
		return r.AppendReadinessGates(dst)
	}
	return dst
}

// Cell returns the text of column c of r.
func (r *Row) Cell(c Column) string { return string(r.AppendCell(nil, c)) }

// Options choose the columns of a table, like kubectl's flags.
type Options struct {
	// Wide adds IP, NODE, NOMINATED NODE and READINESS GATES (-o wide).
	Wide bool
	// AllNamespaces adds NAMESPACE first (--all-namespaces, -A).
	AllNamespaces bool
	// NoHeaders leaves the header line out (--no-headers).
	NoHeaders bool
}

// Shows reports whether o shows column c.
func (o Options) Shows(c Column) bool {
	switch {
	case c > ColReadinessGates:
		return false
	case c == ColNamespace:
		return o.AllNamespaces
	case c.Wide():
		return o.Wide
	}
	return true
}

// Columns returns the columns o shows, in order.
func (o Options) Columns() []Column {
	cols := make([]Column, 0, ColReadinessGates+1)
	for c := ColNamespace; c <= ColReadinessGates; c++ {
		if o.Shows(c) {
			cols = append(cols, c)
		}
	}
	return cols
}

// AppendLine appends r as one line of kubectl's table before alignment:
// the cells of the columns o shows, separated by tabs, and a newline.
// Written into a reused buffer it does not allocate.
func (r *Row) AppendLine(dst []byte, o Options) []byte {
	first := true
	for c := ColNamespace; c <= ColReadinessGates; c++ {
		if !o.Shows(c) {
			continue
		}
		if !first {
			dst = append(dst, '\t')
		}
		first = false
		dst = r.AppendCell(dst, c)
	}
	return append(dst, '\n')
}

// AppendHeader appends the header line for o, tab-separated like
// AppendLine.
func AppendHeader(dst []byte, o Options) []byte {
	first := true
	for c := ColNamespace; c <= ColReadinessGates; c++ {
		if !o.Shows(c) {
			continue
		}
		if !first {
			dst = append(dst, '\t')
		}
		first = false
		dst = append(dst, c.Header()...)
	}
	return append(dst, '\n')
}

// The settings of kubectl's tab writer (k8s.io/cli-runtime/pkg/printers
// GetNewTabWriter): cells at least 6 wide, 3 spaces of padding.
const (
	tabMinWidth = 6
	tabWidth    = 4
	tabPadding  = 3
)

// TableWriter prints rows the way `kubectl get pods` does: a header, then
// one line per row, every column but the last padded to its widest cell
// plus three spaces. Nothing appears until Flush, because the widths depend
// on every row.
type TableWriter struct {
	tw     *tabwriter.Writer
	opts   Options
	header bool
	line   []byte
}

// NewTableWriter returns a TableWriter printing to w with the columns o
// chooses.
func NewTableWriter(w io.Writer, o Options) *TableWriter {
	return &TableWriter{
		tw:   tabwriter.NewWriter(w, tabMinWidth, tabWidth, tabPadding, ' ', 0),
		opts: o,
	}
}

// Write adds r to the table. The header line goes first, before the first
// row, unless Options.NoHeaders; a table with no rows prints nothing (where
// kubectl says "No resources found" on standard error).
func (t *TableWriter) Write(r *Row) error {
	if !t.header {
		t.header = true
		if !t.opts.NoHeaders {
			t.line = AppendHeader(t.line[:0], t.opts)
			if _, err := t.tw.Write(t.line); err != nil {
				return err
			}
		}
	}
	t.line = r.AppendLine(t.line[:0], t.opts)
	_, err := t.tw.Write(t.line)
	return err
}

// Flush aligns and writes everything added since the last Flush.
func (t *TableWriter) Flush() error { return t.tw.Flush() }
