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
}

type itemKind uint8

const (
	itemEvent  itemKind = iota // a pod.Event for one pod's machine
	itemCreate                 // the pod is created
	itemHappen                 // a Happening
)

// before is the queue's order: by time, then by the order of queueing.
func (a *item) before(b *item) bool {
	if a.at != b.at {
		return a.at < b.at
	}
	return a.seq < b.seq
}

// queue is a min-heap of items, by before, with four children a node:
// half the depth of a binary heap, and each level moves one item (the
// hole is filled, not swapped), which matters when the heap holds an item
// or three for each of a hundred thousand pods. It is written out rather
// than built on container/heap so that pushing and popping box nothing.
// before is a total order (seq is unique), so the order items come out in
// does not depend on the heap's shape.
type queue struct{ h []item }

const queueArity = 4

func (q *queue) len() int { return len(q.h) }

func (q *queue) push(it item) {
	q.h = append(q.h, item{})
	i := len(q.h) - 1
	for i > 0 {
		p := (i - 1) / queueArity
		if !it.before(&q.h[p]) {
			break
		}
		q.h[i] = q.h[p]
		i = p
	}
	q.h[i] = it
}

func (q *queue) peek() *item { return &q.h[0] }

func (q *queue) pop() item {
	top := q.h[0]
	n := len(q.h) - 1
	last := q.h[n]
	q.h[n] = item{} // let go of its strings
	q.h = q.h[:n]
	if n == 0 {
		return top
	}
	i := 0
	for {
		c := queueArity*i + 1
		if c >= n {
			break
		}
		m := c
		for k := c + 1; k < c+queueArity && k < n; k++ {
			if q.h[k].before(&q.h[m]) {
				m = k
			}
		}
		if !q.h[m].before(&last) {
			break
		}
		q.h[i] = q.h[m]
		i = m
	}
	q.h[i] = last
	return top
}
