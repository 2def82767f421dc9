package pod

import "github.com/podlife/podlife/container"

// nameIndex answers "is one of the first n items named name?" for a list
// of named items: by a scan for short lists (no allocation), through a map
// of each name's first index, built once, for long ones, so that the
// uniqueness checks of validation take linear time.
type nameIndex[T any] struct {
	items []T
	name  func(*T) string
	first map[string]int
}

func newNameIndex[T any](items []T, name func(*T) string) nameIndex[T] {
	x := nameIndex[T]{items: items, name: name}
	if len(items) > byNameAbove {
		x.first = make(map[string]int, len(items))
		for i := range items {
			if _, seen := x.first[name(&items[i])]; !seen {
				x.first[name(&items[i])] = i
			}
		}
	}
	return x
}

// before reports whether one of items[:n] is named name.
func (x *nameIndex[T]) before(name string, n int) bool {
	if x.first != nil {
		i, ok := x.first[name]
		return ok && i < n
	}
	for i := 0; i < n && i < len(x.items); i++ {
		if x.name(&x.items[i]) == name {
			return true
		}
	}
	return false
}

// index is the index of the first item named name.
func (x *nameIndex[T]) index(name string) (int, bool) {
	if x.first != nil {
		i, ok := x.first[name]
		return i, ok
	}
	for i := range x.items {
		if x.name(&x.items[i]) == name {
			return i, true
		}
	}
	return 0, false
}

// any reports whether some item is named name.
func (x *nameIndex[T]) any(name string) bool { return x.before(name, len(x.items)) }

func containerName(c *container.Container) string { return c.Name }

func containerIndex(cs []container.Container) nameIndex[container.Container] {
	return newNameIndex(cs, containerName)
}
