package sim

import (
	"cmp"
	"math/bits"
	"slices"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
)

// item is one queued event. It holds the event's fields compactly (a
// pod.Event carries a whole ephemeral container spec) and is made into a
// pod.Event when it is delivered.
type item struct {
	at   int64  // Unix nanoseconds
	seq  uint64 // the order items were queued in: the tie rule
	pod  int32  // index in Sim.pods; -1 for a happening
	hap  int32  // index in Sim.haps for a happening
	gen  uint32 // the container generation it was queued under
	ctr  int32  // index in the pod's containers; -1 for none
	what itemKind
	kind pod.EventKind
	hook pod.Hook
	prb  uint8 // probe kind index
	out  uint8 // probe outcome index
	code int32
	sig  int32
	why  container.TerminatedReason
	msg  string
	wait int64 // ImagePulled: how long the pull waited in the node's puller
}

type itemKind uint8

const (
	itemEvent      itemKind = iota // a pod.Event for one pod's machine
	itemCreate                     // the pod is created
	itemHappen                     // a Happening
	itemReconcile                  // the controllers and the scheduler react
	itemNodeGrace                  // NodeMonitorGracePeriod after a node went silent (hap: node)
	itemTaintEvict                 // a pod's toleration of the unreachable taint ran out (hap: node)
	itemPodGC                      // PodGC's quarantine after a node was deleted (hap: node)
	itemPressure                   // the eviction manager's next eviction (hap: node)
	itemController                 // a controller is created (hap: controller)
)

// queue holds the items in the queue's order: by time, then by the order
// of queueing (seq). It is a radix heap: the Sim's clock never goes back,
// so every item queued is at or after the last one taken, and an item's
// key is kept in the bucket of the highest bit in which its time differs
// from that last time (bucket 0: the same time). Pushing appends to a
// bucket; taking reads bucket 0 front to back and, once it is empty,
// spreads the lowest bucket with keys into the buckets below it, against
// its earliest time. A key moves down at most once per bucket, and each
// bucket is read and written in order: the 4-ary heap this replaces
// jumped across an array of hundreds of thousands of keys on every pop,
// and a 100,000-pod run takes 5-10% less CPU without it. Order within a
// bucket is the order of queueing: pushes append in seq order, and a
// spread keeps the order of the bucket it empties, into buckets empty
// then. So the queue gives items back exactly by (time, seq), as the heap
// did: a run is the same, bit for bit.
type queue struct {
	b    [65]keys // by bucket; the keys of b[0] from head on are at last
	head int
	last uint64 // the order key (orderKey) of the last item taken
	// free are the chunks no bucket uses: buckets take and give back
	// chunks, so the queue holds room for the most keys it ever held at
	// once, not each bucket for the most it ever held, and a steady run
	// allocates nothing.
	free []*chunk
	// items keeps the items the keys point to: a key is 16 bytes, an
	// item five times that, and a spread moves keys about.
	items slab[item]
	// peekB and peekI cache where earliest found the earliest item while
	// bucket 0 was empty, until a push before it or a spread; peekB 0 is
	// none.
	peekB, peekI int
}

// key is an item's time and its slot in queue.items.
type key struct {
	at   int64
	slot int32
}

// chunkKeys keys make a chunk, 4 KiB.
const chunkKeys = 256

type chunk [chunkKeys]key

// keys are one bucket's keys, in order, in chunks.
type keys struct {
	chunks []*chunk
	n      int
}

func (l *keys) at(i int) *key { return &l.chunks[i/chunkKeys][i%chunkKeys] }

// orderKey maps a time in Unix nanoseconds to an unsigned key of the same
// order (times before 1970 are negative).
func orderKey(at int64) uint64 { return uint64(at) ^ 1<<63 }

// bucket is the bucket of order key k against last.
func bucket(k, last uint64) int { return bits.Len64(k ^ last) }

func (q *queue) len() int { return len(q.items.vals) - len(q.items.free) }

func (q *queue) push(it item) {
	k := orderKey(it.at)
	switch {
	case q.len() == 0:
		q.last = k
	case k < q.last:
		q.rebase(k)
	}
	b := bucket(k, q.last)
	if q.peekB != 0 && (b < q.peekB || b == q.peekB && it.at < q.b[b].at(q.peekI).at) {
		q.peekB = 0
	}
	q.add(b, key{at: it.at, slot: q.items.put(it)})
}

// add appends e to bucket b.
func (q *queue) add(b int, e key) {
	l := &q.b[b]
	if l.n == len(l.chunks)*chunkKeys {
		var c *chunk
		if n := len(q.free); n > 0 {
			c = q.free[n-1]
			q.free = q.free[:n-1]
		} else {
			c = new(chunk)
		}
		l.chunks = append(l.chunks, c)
	}
	*l.at(l.n) = e
	l.n++
}

// empty gives bucket b's chunks back.
func (q *queue) empty(b int) {
	l := &q.b[b]
	q.free = append(q.free, l.chunks...)
	clear(l.chunks)
	l.chunks, l.n = l.chunks[:0], 0
}

// rebase lets an item earlier than the last taken be queued: the Sim
// never queues one (a time before its clock is refused where it comes
// in), but a queue that took it would give items back out of order, so
// every key is placed again against the earlier time, in seq order.
func (q *queue) rebase(k uint64) {
	var all []key
	for b := range q.b {
		from := 0
		if b == 0 {
			from = q.head
		}
		for i := from; i < q.b[b].n; i++ {
			all = append(all, *q.b[b].at(i))
		}
		q.empty(b)
	}
	q.head, q.peekB = 0, 0
	slices.SortFunc(all, func(a, b key) int { return cmp.Compare(q.items.at(a.slot).seq, q.items.at(b.slot).seq) })
	q.last = k
	for _, e := range all {
		q.add(bucket(orderKey(e.at), k), e)
	}
}

// earliest finds the lowest bucket with keys, bucket 0 being empty, and
// the index of its earliest key (the first of the earliest time).
func (q *queue) earliest() (int, int) {
	if q.peekB != 0 {
		return q.peekB, q.peekI
	}
	for b := 1; b < len(q.b); b++ {
		l := &q.b[b]
		if l.n == 0 {
			continue
		}
		best, at := 0, l.at(0).at
		for ci, c := range l.chunks {
			for j := range min(chunkKeys, l.n-ci*chunkKeys) {
				if c[j].at < at {
					best, at = ci*chunkKeys+j, c[j].at
				}
			}
		}
		q.peekB, q.peekI = b, best
		return b, best
	}
	return 0, 0
}

// peek is the first item; the queue must not be empty.
func (q *queue) peek() *item {
	if q.head < q.b[0].n {
		return q.items.at(q.b[0].at(q.head).slot)
	}
	b, i := q.earliest()
	return q.items.at(q.b[b].at(i).slot)
}

// pop takes the first item out; the queue must not be empty.
func (q *queue) pop() item {
	if q.head == q.b[0].n {
		q.spread()
	}
	slot := q.b[0].at(q.head).slot
	top := *q.items.at(slot)
	q.items.release(slot) // and of its strings
	q.head++
	if q.head == q.b[0].n {
		q.empty(0)
		q.head = 0
	}
	return top
}

// spread empties the lowest bucket with keys into the buckets below it,
// against its earliest time, which becomes last: bucket 0 then holds the
// keys of that time.
func (q *queue) spread() {
	b, i := q.earliest()
	q.peekB = 0
	l := &q.b[b]
	q.last = orderKey(l.at(i).at)
	for ci, c := range l.chunks {
		for j := range min(chunkKeys, l.n-ci*chunkKeys) {
			q.add(bucket(orderKey(c[j].at), q.last), c[j])
		}
	}
	q.empty(b)
}
