package pod

import (
	"testing"
	"unsafe"
)

// A machine keeps one life per container, in one allocation: its size is
// paid per container of every pod a simulator holds. Four of them (the
// benchmark pod's) fit the 2,304-byte size class with the 8-byte header
// the runtime adds to objects with pointers; past 574 bytes a life takes
// them to the next class, 384 bytes more per pod (BenchmarkMachineMemory),
// and two (the simulator's scale pod) past 571 bytes, 128 more. Times are
// kept as Unix nanoseconds (8 bytes, not a time.Time's 24), and the small
// fields go together at the end: padding between them was 24 bytes.
func TestMachineLifeSize(t *testing.T) {
	if got := unsafe.Sizeof(life{}); got != 568 {
		t.Errorf("unsafe.Sizeof(life{}) = %d, want 568", got)
	}
}
