package sim

// slab keeps values by slot and gives the slots of values let go to new
// ones: the queue's items and the streamed happenings, whose numbers stay
// bounded by how many are alive at once, not by how many there were.
type slab[T any] struct {
	vals []T
	free []int32 // the slots no value uses
}

// put keeps v and returns its slot.
func (s *slab[T]) put(v T) int32 {
	if n := len(s.free); n > 0 {
		i := s.free[n-1]
		s.free = s.free[:n-1]
		s.vals[i] = v
		return i
	}
	s.vals = append(s.vals, v)
	return int32(len(s.vals) - 1)
}

// at is the value in slot i.
func (s *slab[T]) at(i int32) *T { return &s.vals[i] }

// release lets slot i go; its value is cleared so that it holds nothing.
func (s *slab[T]) release(i int32) {
	var zero T
	s.vals[i] = zero
	s.free = append(s.free, i)
}
