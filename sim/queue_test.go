package sim

import (
	"math/rand/v2"
	"testing"
)

// The queue gives items back by time, and items of the same time in the
// order they were pushed: the Sim's tie rule.
func TestQueueOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var q queue
	for seq := range uint64(2000) {
		q.push(item{at: int64(r.IntN(50)), seq: seq})
	}
	prev := q.pop()
	for q.len() > 0 {
		it := q.pop()
		if it.at < prev.at || (it.at == prev.at && it.seq < prev.seq) {
			t.Fatalf("(%d, #%d) after (%d, #%d)", it.at, it.seq, prev.at, prev.seq)
		}
		prev = it
	}
}

// Pushing and popping allocate nothing once the heap has grown.
func TestQueueAllocs(t *testing.T) {
	var q queue
	for i := range 64 {
		q.push(item{at: int64(i)})
	}
	var seq uint64
	if n := testing.AllocsPerRun(1000, func() {
		it := q.pop()
		seq++
		it.at += 64
		it.seq = seq
		q.push(it)
	}); n != 0 {
		t.Errorf("%v allocations per pop and push", n)
	}
}
