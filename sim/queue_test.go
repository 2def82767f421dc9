package sim

import (
	"cmp"
	"math/rand/v2"
	"slices"
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

// Pushing and popping allocate nothing once the queue has grown: the
// buckets' chunks come back to the free list as they are spread, also when
// the times reach far ahead (many buckets) and pops spread them often.
func TestQueueAllocs(t *testing.T) {
	cycle := steadyQueue(5, 5000)
	for range 200000 { // warm: every bucket has spread and the free list is full
		cycle()
	}
	// One run of 20,000 cycles: AllocsPerRun truncates its average, so
	// an allocation now and then would not show per cycle.
	if n := testing.AllocsPerRun(1, func() {
		for range 20000 {
			cycle()
		}
	}); n != 0 {
		t.Errorf("%v allocations in 20,000 pops and pushes", n)
	}
}

// The queue against the order it restates, sorting by (time, seq), on
// random runs of pushes, peeks and pops: times at the clock (ties), a
// little or far after it (the spread across buckets), before 1970 (the
// order key's sign), and now and then before the last time taken, which
// the Sim never queues but the queue must still order (rebase).
func TestQueueMatchesTheSortedOrder(t *testing.T) {
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 7))
		var q queue
		var want []item
		var seq uint64
		clock := int64(r.IntN(3)-1) * 1e18
		for step := range 3000 {
			switch op := r.IntN(10); {
			case op < 5:
				at := clock
				switch r.IntN(6) {
				case 0: // a tie
				case 1:
					at += int64(r.IntN(1000))
				case 2:
					at += int64(r.IntN(1 << 40))
				case 3:
					at += int64(r.Uint64() >> 2)
				case 4:
					if r.IntN(20) == 0 {
						at -= int64(r.IntN(1 << 30)) // earlier than the last taken
					}
				default:
					at += int64(r.IntN(1e9)) * 1e3
				}
				it := item{at: at, seq: seq, msg: "m"}
				seq++
				q.push(it)
				want = append(want, it)
			case op < 7:
				if len(want) == 0 {
					continue
				}
				first := slices.MinFunc(want, func(a, b item) int {
					return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.seq, b.seq))
				})
				if got := q.peek(); got.at != first.at || got.seq != first.seq {
					t.Fatalf("seed %d step %d: peek (%d, #%d), want (%d, #%d)", seed, step, got.at, got.seq, first.at, first.seq)
				}
			default:
				if len(want) == 0 {
					continue
				}
				slices.SortStableFunc(want, func(a, b item) int {
					return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.seq, b.seq))
				})
				got := q.pop()
				if got.at != want[0].at || got.seq != want[0].seq || got.msg != "m" {
					t.Fatalf("seed %d step %d: pop (%d, #%d), want (%d, #%d)", seed, step, got.at, got.seq, want[0].at, want[0].seq)
				}
				want = want[1:]
				clock = got.at
			}
			if q.len() != len(want) {
				t.Fatalf("seed %d step %d: len %d, want %d", seed, step, q.len(), len(want))
			}
		}
	}
}

// BenchmarkQueue is the queue in a steady state like a large run's: each
// pop is followed by a push a little to a minute after the clock, with
// 300,000 items queued (a hundred thousand pods' next answers and wakes).
func BenchmarkQueue(b *testing.B) {
	cycle := steadyQueue(3, 300000)
	b.ReportAllocs()
	for b.Loop() {
		cycle()
	}
}

// steadyQueue fills a queue with n items within a minute of the clock and
// returns one cycle of a steady run: the first item taken and queued
// again a little to a minute later.
func steadyQueue(seed uint64, n int) (cycle func()) {
	r := rand.New(rand.NewPCG(seed, 6))
	var q queue
	var seq uint64
	for range n {
		q.push(item{at: int64(r.IntN(60e9)), seq: seq})
		seq++
	}
	return func() {
		it := q.pop()
		it.at += 1 + int64(r.IntN(60e9))
		seq++
		it.seq = seq
		q.push(it)
	}
}
