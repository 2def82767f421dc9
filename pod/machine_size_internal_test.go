package pod

import (
	"testing"
	"unsafe"
)

// A machine is paid for by every pod a simulator holds, and the heap
// rounds each object up to its size class (objects over 512 bytes with
// pointers also carry an 8-byte header). These sizes sit just under a
// class; a field that takes one past it costs far more than its own bytes.
//
//   - life, one per container, in one allocation: four (the benchmark
//     pod's) fit the 1,152-byte class up to 286 bytes each, two (the
//     simulator's scale pod) the 576-byte class up to 284. Times are kept
//     as Unix nanoseconds (8 bytes, not a time.Time's 24), the probe
//     workers apart in Machine.probes (a container has one or none, a
//     worker is 80 bytes), and the small fields together at the end.
//   - Machine fits the 1,408-byte class up to 1,400 bytes: its flags sit
//     together at the end (apart, their padding was 48 bytes), the
//     rarest a bit each in one byte (machineBits), its two step counters
//     are 32 bits (each is compared only with the previous step's), and
//     its StatusBuffer holds pointers to the statuses it keeps, not the
//     slices of both halves.
//   - heldStatuses, one per status list a machine keeps, fits the
//     352-byte class (no header below 512 bytes): its inline first values
//     spare a pod's usual list an allocation per kind of state.
func TestMachineSizes(t *testing.T) {
	if got := unsafe.Sizeof(life{}); got != 280 {
		t.Errorf("unsafe.Sizeof(life{}) = %d, want 280", got)
	}
	if got := unsafe.Sizeof(Machine{}); got > 1400 {
		t.Errorf("unsafe.Sizeof(Machine{}) = %d, want at most 1400", got)
	}
	if got := unsafe.Sizeof(heldStatuses{}); got > 352 {
		t.Errorf("unsafe.Sizeof(heldStatuses{}) = %d, want at most 352", got)
	}
}
