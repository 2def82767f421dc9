package resource

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
)

// Amount is one entry of a List: a resource name and its quantity.
type Amount struct {
	Name     Name
	Quantity Quantity
}

// List is a set of named quantities, API type v1.ResourceList: a
// container's requests or limits, a node's allocatable, a pod's overhead.
//
//	l := resource.MustParseList("cpu=250m,memory=64Mi")
//	cpu := l.Get(resource.CPU)      // 250m; a zero Quantity when absent
//	q, ok := l.Lookup("nvidia.com/gpu")
//	for _, a := range l { ... }     // in the order of the names
//
// The API's type is a map; a List is a short slice sorted by name, each
// name at most once. A pod holds a dozen lists of two or three entries:
// as slices they take one allocation between them instead of two each, a
// walk over one is deterministic, and its JSON is the map's (an object,
// keys in sorted order). Lists podlife makes or decodes are sorted. A
// List of up to 16 entries is scanned, so Lookup and the rest also find
// a name in one written by hand in any order (and in one with a name
// twice read the first, as its JSON writes it); a longer one is searched
// by halves, so that reading a pod with hundreds of resources takes time
// in proportion to its size: Sort a long List written by hand before
// reading it.
//
// A nil List and an empty one differ as in the API (absent and `{}`).
// A List's backing array may be shared by its copies, like any slice's:
// With and Without return a new List and leave l as it was.
type List []Amount

// Lookup returns the quantity of n in l, and whether l has n.
func (l List) Lookup(n Name) (Quantity, bool) {
	if i := l.Index(n); i >= 0 {
		return l[i].Quantity, true
	}
	return Quantity{}, false
}

// Get returns the quantity of n in l, the zero Quantity when l lacks n
// (what indexing the API's map gives).
func (l List) Get(n Name) Quantity {
	q, _ := l.Lookup(n)
	return q
}

// Has reports whether l has n.
func (l List) Has(n Name) bool {
	_, ok := l.Lookup(n)
	return ok
}

// Names returns the names in l, sorted.
func (l List) Names() []Name {
	out := make([]Name, len(l))
	for i := range l {
		out[i] = l[i].Name
	}
	slices.Sort(out)
	return out
}

// With returns a copy of l with n set to q, in its place by name. It never
// writes to l's backing array.
func (l List) With(n Name, q Quantity) List {
	if i := l.Index(n); i >= 0 {
		out := slices.Clone(l)
		out[i].Quantity = q
		return out
	}
	i, _ := l.search(n)
	out := make(List, len(l)+1)
	copy(out, l[:i])
	out[i] = Amount{Name: n, Quantity: q}
	copy(out[i+1:], l[i:])
	return out
}

// Without returns a copy of l without n (l itself when it lacks n).
func (l List) Without(n Name) List {
	i := l.Index(n)
	if i < 0 {
		return l
	}
	out := make(List, 0, len(l)-1)
	out = append(out, l[:i]...)
	return append(out, l[i+1:]...)
}

// scanLen is the longest List that is scanned rather than searched by
// halves: a pod's lists are two or three entries long, and scanning those
// is quicker than halving.
const scanLen = 16

// Index returns where n is in l, or -1.
func (l List) Index(n Name) int {
	if len(l) > scanLen {
		if i, found := l.search(n); found {
			return i
		}
		return -1
	}
	for i := range l {
		if l[i].Name == n {
			return i
		}
	}
	return -1
}

// Set sets n to q in l, in place where l has n, else inserted in its
// place by name, and returns the list, which may share l's array as
// append's result does: for a List the caller owns (With is the copying
// one).
func (l List) Set(n Name, q Quantity) List {
	if i := l.Index(n); i >= 0 {
		l[i].Quantity = q
		return l
	}
	i, _ := l.search(n)
	return slices.Insert(l, i, Amount{Name: n, Quantity: q})
}

// search finds where n goes in a sorted l: its index and whether it is
// there.
func (l List) search(n Name) (int, bool) {
	return slices.BinarySearchFunc(l, Amount{Name: n}, byName)
}

// byName orders Amounts by name, the order of a List.
func byName(a, b Amount) int { return strings.Compare(string(a.Name), string(b.Name)) }

// Equal reports whether l and m hold the same names with equal quantities
// (Quantity.Equal: 0.5 and 500m are equal), in any order. Absent and empty
// are equal here.
func (l List) Equal(m List) bool {
	if len(l) != len(m) {
		return false
	}
	return within(l, m) && within(m, l)
}

// within reports whether every entry of l is in m with an equal quantity.
// Equal asks it both ways, so that a list written by hand with a name
// twice is not equal to one with that name once and another.
func within(l, m List) bool {
	for i := range l {
		q, ok := m.Lookup(l[i].Name)
		if !ok || !q.Equal(l[i].Quantity) {
			return false
		}
	}
	return true
}

// Clone returns a copy of l that shares no memory with it (nil for nil).
func (l List) Clone() List { return slices.Clone(l) }

// Sort puts l in the order of its names, in place, and returns it. A List
// built by appending in another order is sorted with it before it is
// compared or printed.
func (l List) Sort() List {
	if len(l) > scanLen {
		slices.SortStableFunc(l, byName)
		return l
	}
	// Insertion sort: lists are short, and this allocates nothing.
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && l[j].Name < l[j-1].Name; j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
	return l
}

// ParseList reads a list written as kubectl's --requests and --limits
// flags take it: "cpu=250m,memory=64Mi". The empty string is an empty
// (non-nil) List. A name given twice is an error.
func ParseList(s string) (List, error) {
	out := List{}
	if s == "" {
		return out, nil
	}
	for pair := range strings.SplitSeq(s, ",") {
		name, text, ok := strings.Cut(pair, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, errors.New(`resource: list entry "` + pair + `" is not name=quantity, as in "cpu=250m,memory=64Mi"`)
		}
		q, err := Parse(strings.TrimSpace(text))
		if err != nil {
			return nil, errors.New(`resource: list entry "` + pair + `": ` + err.Error())
		}
		out = append(out, Amount{Name: Name(name), Quantity: q})
	}
	out.Sort()
	for i := 1; i < len(out); i++ {
		if out[i].Name == out[i-1].Name {
			return nil, errors.New(`resource: list names "` + string(out[i].Name) + `" twice`)
		}
	}
	return out, nil
}

// MustParseList is ParseList for lists known to be valid; it panics on an
// error, as MustParse does.
func MustParseList(s string) List {
	l, err := ParseList(s)
	if err != nil {
		panic(err)
	}
	return l
}

// String writes l as ParseList reads it: "cpu=250m,memory=64Mi".
func (l List) String() string {
	var b strings.Builder
	for i, a := range l {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(string(a.Name))
		b.WriteByte('=')
		b.WriteString(a.Quantity.String())
	}
	return b.String()
}

// MarshalJSON writes l as the API does, an object from names to
// quantities with its keys sorted (a nil List is null, an empty one {}).
func (l List) MarshalJSON() ([]byte, error) {
	if l == nil {
		return []byte("null"), nil
	}
	sorted := l
	if !slices.IsSortedFunc(l, byName) {
		sorted = slices.Clone(l).Sort()
	}
	b := []byte{'{'}
	for i, a := range sorted {
		if i > 0 && a.Name == sorted[i-1].Name {
			continue // a name twice, by hand: the first is the one read (Sort is stable)
		}
		if i > 0 {
			b = append(b, ',')
		}
		k, err := json.Marshal(string(a.Name))
		if err != nil {
			return nil, err
		}
		b = append(b, k...)
		b = append(b, ':')
		v, err := a.Quantity.MarshalJSON()
		if err != nil {
			return nil, err
		}
		b = append(b, v...)
	}
	return append(b, '}'), nil
}

// lastOfEach drops from l, sorted by a stable sort, every entry but the
// last of each name: a key repeated in a JSON object is read as the map
// reads it, its last value counting.
func lastOfEach(l List) List {
	out := l[:0]
	for i := range l {
		if i+1 < len(l) && l[i+1].Name == l[i].Name {
			continue
		}
		out = append(out, l[i])
	}
	return out
}

// UnmarshalJSON reads an object from names to quantities as decoding the
// API's map does (a repeated name keeps its last quantity; null is a nil
// List), and replaces l with it, sorted.
func (l *List) UnmarshalJSON(data []byte) error {
	if out, ok := readObject(data); ok {
		*l = lastOfEach(out.Sort())
		return nil
	}
	// Anything but a plain object (null, another type, a key with escapes
	// or non-ASCII bytes, a quantity that does not parse) is read as the
	// map, for the map's answer and errors.
	var m map[Name]Quantity
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	if m == nil {
		*l = nil
		return nil
	}
	out := make(List, 0, len(m))
	for n, q := range m {
		out = append(out, Amount{Name: n, Quantity: q})
	}
	*l = out.Sort()
	return nil
}

// readObject reads data, valid JSON (encoding/json checks a document before
// it calls an UnmarshalJSON), when it is an object whose keys are plain
// ASCII strings and whose values read as quantities; ok is false for
// anything else. It spares the map the general path decodes into.
func readObject(data []byte) (out List, ok bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, false
	}
	out = List{}
	for i = skipSpace(data, i+1); i < len(data) && data[i] != '}'; {
		if data[i] == ',' {
			i = skipSpace(data, i+1)
			continue
		}
		if data[i] != '"' {
			return nil, false
		}
		j := i + 1
		for j < len(data) && data[j] != '"' {
			if c := data[j]; c == '\\' || c < 0x20 || c >= 0x80 {
				return nil, false
			}
			j++
		}
		if j >= len(data) {
			return nil, false
		}
		name := Name(data[i+1 : j])
		i = skipSpace(data, j+1)
		if i >= len(data) || data[i] != ':' {
			return nil, false
		}
		i = skipSpace(data, i+1)
		end := skipValue(data, i)
		if end <= i {
			return nil, false
		}
		var q Quantity
		if q.UnmarshalJSON(data[i:end]) != nil {
			return nil, false
		}
		out = append(out, Amount{Name: name, Quantity: q}) // a repeated key too: see lastOfEach
		i = skipSpace(data, end)
	}
	return out, i < len(data)
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the JSON value that starts at data[i].
func skipValue(data []byte, i int) int {
	depth := 0
	for ; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
			if depth == 0 {
				return i + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i
			}
			if depth--; depth == 0 {
				return i + 1
			}
		case ',', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return i
			}
		}
	}
	return i
}
