// Package events holds the events of one object as the API keeps them,
// which is not the list its recorders were asked to record:
//
//	var log events.Log
//	log.Record(events.Recorded{At: t, Source: "kubelet", FieldPath: "spec.containers{web}",
//		Type: "Warning", Reason: "BackOff", Message: "Back-off restarting failed container web in pod ..."})
//	...
//	for _, e := range log.Events() { ... } // one BackOff event, Count 7, FirstTimestamp and LastTimestamp
//
// The kubelet and the controller manager record through client-go's
// legacy recorder (k8s.io/client-go/tools/record), which correlates each
// event before writing it (events_cache.go EventCorrelator):
//
//   - an event equal to one written before (same source, object, field
//     path, type, reason and message) is not written again: the earlier
//     one's count goes up and its lastTimestamp moves;
//   - when one source writes ten or more different messages of one type
//     and reason about one object, none more than ten minutes after the
//     last, each further one is written as a single event "(combined
//     from similar events): <message>", counted like the others;
//   - a spam filter lets each source write 25 events of one type about one
//     object at once, and one more every five minutes: the others are
//     dropped (though counted, so the next one written carries their
//     count).
//
// Record applies those rules; Add takes an event written as is, as the
// scheduler writes its events through events.k8s.io (whose series the
// package does not model). kubectl.DescribeEvents prints the result as
// `kubectl describe` does.
//
// Where this differs from upstream on purpose: each process keeps the
// correlation of its last 4,096 keys (an LRU); a Log keeps all of one
// object's, which differs only for a process that records more than 4,096
// distinct events between two of one object's. And when a combined event
// is made, upstream forgets one of the ten messages it counts, chosen by a
// map's iteration order; a Log forgets the oldest, so that the answer is
// the same on every run.
package events

import (
	"strings"
	"time"
)

// Event is one Event object as the API holds it: the fields of a core/v1
// Event that `kubectl describe` reads.
type Event struct {
	// Type is Normal or Warning.
	Type    string `json:"type"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
	// Source is the component that wrote it (source.component: kubelet,
	// node-controller, ...; for an events.k8s.io event, its
	// reportingController, such as default-scheduler).
	Source string `json:"source"`
	// FieldPath is involvedObject.fieldPath: the container the event is
	// about (spec.containers{web}), empty for the pod itself.
	FieldPath string `json:"fieldPath,omitempty"`
	// Count is how many times it was recorded; 0 for an events.k8s.io
	// event.
	Count int32 `json:"count,omitempty"`
	// FirstTimestamp and LastTimestamp are when it was first and last
	// recorded, in whole seconds as the API keeps them; zero for an
	// events.k8s.io event, which has EventTime instead.
	FirstTimestamp time.Time `json:"firstTimestamp,omitzero"`
	LastTimestamp  time.Time `json:"lastTimestamp,omitzero"`
	// EventTime is when an events.k8s.io event was written, in
	// microseconds.
	EventTime time.Time `json:"eventTime,omitzero"`
}

// Recorded is one event a component asked its recorder to record.
type Recorded struct {
	At time.Time
	// Source is the recording component (kubelet, node-controller, ...).
	// Each source correlates its own events: they are different
	// processes.
	Source string
	// FieldPath, Type, Reason and Message are the event's (see Event).
	FieldPath, Type, Reason, Message string
}

// Log is the events of one object, in the order the apiserver lists them
// (by name, which is the time each was first written). Its zero value is
// an object no event is about yet.
type Log struct {
	events []Event
	// seqs[i] orders events[i]: the number of the record that named it
	// (upstream's names hold the time of that record in nanoseconds).
	seqs []uint64
	seq  uint64 // records so far
	// sources holds each recording component's correlation state.
	sources []*correlator
}

// Events returns the object's events in the apiserver's order. The slice
// is the Log's: it changes with the next Record or Add.
func (l *Log) Events() []Event { return l.events }

// Add appends e as written, without correlation: an event a component
// writes through events.k8s.io (the scheduler's Scheduled and
// FailedScheduling).
func (l *Log) Add(e Event) {
	l.events = append(l.events, e)
	l.seqs = append(l.seqs, l.nextSeq())
}

// Record writes r as client-go's legacy recorder does (see the package
// doc): a new event, a higher count on an earlier one, or nothing.
func (l *Log) Record(r Recorded) {
	var c *correlator
	for _, s := range l.sources {
		if s.source == r.Source {
			c = s
			break
		}
	}
	if c == nil {
		c = &correlator{source: r.Source}
		l.sources = append(l.sources, c)
	}
	c.record(l, &r)
}

// combinedPrefix starts the message of an event that stands for several
// similar ones (events_cache.go EventAggregatorByReasonMessageFunc).
const combinedPrefix = "(combined from similar events): "

// IsCombined reports whether e stands for several events of its reason
// with different messages.
func (e *Event) IsCombined() bool { return strings.HasPrefix(e.Message, combinedPrefix) }
