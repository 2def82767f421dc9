package field

import "strconv"

// Path is a field path such as "spec.containers[1].livenessProbe", built
// lazily: each node is a value that lives on the stack of the validating
// function and points to its parent, and the path is rendered to a string
// only when an error is recorded, so validating a valid object builds no
// strings. A Path must not outlive the parents it points to.
type Path struct {
	parent *Path
	name   string // "" for an index node
	index  int
	key    bool // name is a map key, rendered "[name]"
}

// NewPath starts a path at its root field, e.g. NewPath("spec"). An empty
// name renders "[]", as upstream's NewPath("") does (the path of an error
// about the object as a whole).
func NewPath(name string) Path { return Path{name: name, key: name == ""} }

// Child is the path of field name below p (an empty name renders "[]", as
// upstream's does).
func (p *Path) Child(name string) Path { return Path{parent: p, name: name, key: name == ""} }

// Index is the path of item i of the list at p.
func (p *Path) Index(i int) Path { return Path{parent: p, index: i} }

// Key is the path of entry k of the map at p, rendered "p[k]" (as
// upstream's Path.Key: "resources.limits[cpu]").
func (p *Path) Key(k string) Path { return Path{parent: p, name: k, key: true} }

// String renders the path the way upstream prints it: fields joined by
// dots, list indexes in brackets ("spec.containers[1].name").
func (p *Path) String() string {
	// Two passes over the chain, filling the bytes from the end, so that no
	// node pointer is stored anywhere (the nodes stay on the stack).
	size := 0
	for n := p; n != nil; n = n.parent {
		if n.key {
			size += 2 + len(n.name)
		} else if n.name == "" {
			size += 2 + vpDigits(n.index)
		} else {
			size += len(n.name)
			if n.parent != nil {
				size++
			}
		}
	}
	b := make([]byte, size)
	i := size
	for n := p; n != nil; n = n.parent {
		if n.key {
			i--
			b[i] = ']'
			i -= len(n.name)
			copy(b[i:], n.name)
			i--
			b[i] = '['
			continue
		}
		if n.name == "" {
			i--
			b[i] = ']'
			d := vpDigits(n.index)
			strconv.AppendInt(b[i-d:i-d], int64(n.index), 10)
			i -= d + 1
			b[i] = '['
			continue
		}
		i -= len(n.name)
		copy(b[i:], n.name)
		if n.parent != nil {
			i--
			b[i] = '.'
		}
	}
	return string(b)
}

// vpDigits returns the length of i in decimal.
func vpDigits(i int) int {
	return len(strconv.Itoa(i))
}
