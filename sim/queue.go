package sim

import (
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

// queue is a min-heap of items in the queue's order: by time, then by the
// order of queueing (key.before). The heap holds only each
// item's order (time, queueing order) and where the item is kept, 24 bytes
// that the sifting moves about instead of the 80-byte item, and it is
// 4-ary: half the levels of a binary heap, the four children of a node on
// one or two cache lines. It is written out rather than built on
// container/heap so that pushing and popping box nothing. Any heap gives
// the items back in the same order: before is a total order (seq is
// unique).
type queue struct {
	h     []key
	items slab[item]
}

// key is an item's place in the queue's order and its slot.
type key struct {
	at   int64
	seq  uint64
	slot int32
}

// before is the queue's order: by time, then by the order of queueing.
func (a *key) before(b *key) bool {
	if a.at != b.at {
		return a.at < b.at
	}
	return a.seq < b.seq
}

func (q *queue) len() int { return len(q.h) }

func (q *queue) push(it item) {
	k := key{at: it.at, seq: it.seq, slot: q.items.put(it)}
	q.h = append(q.h, k)
	i := len(q.h) - 1
	for i > 0 {
		p := (i - 1) / 4
		if !k.before(&q.h[p]) {
			break
		}
		q.h[i] = q.h[p]
		i = p
	}
	q.h[i] = k
}

// peek is the first item; the queue must not be empty.
func (q *queue) peek() *item { return q.items.at(q.h[0].slot) }

// pop takes the first item out; the queue must not be empty.
func (q *queue) pop() item {
	slot := q.h[0].slot
	top := *q.items.at(slot)
	q.items.release(slot) // and of its strings
	n := len(q.h) - 1
	k := q.h[n]
	q.h = q.h[:n]
	if n == 0 {
		return top
	}
	i := 0
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		best := c
		for j := c + 1; j < c+4 && j < n; j++ {
			if q.h[j].before(&q.h[best]) {
				best = j
			}
		}
		if !q.h[best].before(&k) {
			break
		}
		q.h[i] = q.h[best]
		i = best
	}
	q.h[i] = k
	return top
}
