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

// queue is a binary min-heap of items, by before. It is written out rather
// than built on container/heap so that pushing and popping box nothing.
type queue struct{ h []item }

func (q *queue) len() int { return len(q.h) }

func (q *queue) push(it item) {
	q.h = append(q.h, it)
	i := len(q.h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !q.h[i].before(&q.h[p]) {
			break
		}
		q.h[i], q.h[p] = q.h[p], q.h[i]
		i = p
	}
}

func (q *queue) peek() *item { return &q.h[0] }

func (q *queue) pop() item {
	top := q.h[0]
	n := len(q.h) - 1
	q.h[0] = q.h[n]
	q.h[n] = item{}
	q.h = q.h[:n]
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		c := l
		if r := l + 1; r < n && q.h[r].before(&q.h[l]) {
			c = r
		}
		if !q.h[c].before(&q.h[i]) {
			break
		}
		q.h[i], q.h[c] = q.h[c], q.h[i]
		i = c
	}
	return top
}
