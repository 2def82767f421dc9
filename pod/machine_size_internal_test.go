package pod

import (
	"testing"
	"unsafe"
)

// A machine keeps one life per container, in one allocation: its size is
// paid per container of every pod a simulator holds. Four of them (the
// benchmark pod's) fit the 2,688-byte size class with the 8-byte header
// the runtime adds to objects with pointers; past 670 bytes a life takes
// them to the next class, 384 bytes more per pod (BenchmarkMachineMemory).
// The small fields go together at the end: padding between them was 24
// bytes of it.
func TestMachineLifeSize(t *testing.T) {
	if got := unsafe.Sizeof(life{}); got != 648 {
		t.Errorf("unsafe.Sizeof(life{}) = %d, want 648", got)
	}
}
