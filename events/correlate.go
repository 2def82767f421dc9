package events

import (
	"slices"
	"time"
)

// The correlator's limits (k8s.io/client-go/tools/record/events_cache.go:
// defaultAggregateMaxEvents, defaultAggregateIntervalInSeconds,
// defaultSpamBurst, defaultSpamQPS), which the kubelet and the controller
// manager keep.
const (
	combineAt     = 10
	combineWindow = 600 * time.Second
	spamBurst     = 25
)

// spamRate is the spam filter's refill in tokens per second: 1/300, held
// as the float32 client-go keeps it and widened as golang.org/x/time/rate
// reads it, so that the bucket refills at exactly upstream's rate.
var spamRate = float64(float32(1.0 / 300.0))

// correlator is one recording component's EventCorrelator, narrowed to
// one object: its keys' source, host and object parts are the same for
// every event it sees, so they are left out.
type correlator struct {
	source  string
	buckets []bucket
	similar []similar
	logged  []logged
}

// bucket is the spam filter's token bucket for one event type
// (getSpamKey: source, object and type), as x/time/rate's Limiter keeps
// it: full at first.
type bucket struct {
	typ    string
	tokens float64
	last   time.Time
}

// similar is the aggregator's record of one type and reason
// (EventAggregatorByReasonFunc): the distinct messages seen, oldest
// first, and when the last came.
type similar struct {
	typeReason string
	messages   []string
	last       time.Time
}

// logKey is the event logger's key. Upstream joins the key's parts with
// no separator; for one object and source the parts that differ are the
// field path and type, reason and message, joined here the same way. A
// combined event's key (its aggregate key) has the field path and
// message left out, so an event with neither shares it, as upstream's
// do.
type logKey struct {
	fieldPath, rest string
}

// logged is the event logger's entry: how many times the key was seen,
// when first, and which written event it names (its seq, the order of
// the record that named it).
type logged struct {
	key   logKey
	count int32
	first time.Time
	seq   uint64
}

func (c *correlator) record(l *Log, r *Recorded) {
	seq := l.nextSeq()
	ev := Event{Type: r.Type, Reason: r.Reason, Message: r.Message, Source: c.source, FieldPath: r.FieldPath,
		Count: 1, FirstTimestamp: r.At, LastTimestamp: r.At}
	key := logKey{r.FieldPath, r.Type + r.Reason + r.Message}
	// EventAggregate: past ten distinct messages of one type and reason,
	// the event stands for all of them.
	if c.combine(r) {
		ev.Message = combinedPrefix + r.Message
		key = logKey{"", r.Type + r.Reason}
	}
	// eventObserve: an event seen before takes the count, first time and
	// name of the earlier one.
	i := slices.IndexFunc(c.logged, func(e logged) bool { return e.key == key })
	if i < 0 {
		c.logged = append(c.logged, logged{key: key})
		i = len(c.logged) - 1
	}
	lg := &c.logged[i]
	if lg.count > 0 {
		ev.Count, ev.FirstTimestamp, seq = lg.count+1, lg.first, lg.seq
	}
	lg.count, lg.first, lg.seq = ev.Count, ev.FirstTimestamp, seq
	// The spam filter drops what its bucket has no token for, after the
	// logger counted it.
	if !c.take(r.Type, r.At) {
		return
	}
	// recordEvent: a count above one patches the named event (its count,
	// lastTimestamp and message); one never written is created.
	written := l.write(seq, ev)
	// UpdateState: the logger takes the server's copy under its own key.
	k := logKey{written.FieldPath, written.Type + written.Reason + written.Message}
	if j := slices.IndexFunc(c.logged, func(e logged) bool { return e.key == k }); j >= 0 {
		c.logged[j].count, c.logged[j].first, c.logged[j].seq = written.Count, written.FirstTimestamp, seq
	} else {
		c.logged = append(c.logged, logged{key: k, count: written.Count, first: written.FirstTimestamp, seq: seq})
	}
}

// combine adds r's message to its type and reason's and reports whether
// the event is to be combined (EventAggregate).
func (c *correlator) combine(r *Recorded) bool {
	tr := r.Type + r.Reason
	i := slices.IndexFunc(c.similar, func(s similar) bool { return s.typeReason == tr })
	if i < 0 {
		c.similar = append(c.similar, similar{typeReason: tr})
		i = len(c.similar) - 1
	}
	s := &c.similar[i]
	if s.last.IsZero() || r.At.Sub(s.last) > combineWindow {
		s.messages = s.messages[:0]
	}
	if !slices.Contains(s.messages, r.Message) {
		s.messages = append(s.messages, r.Message)
	}
	s.last = r.At
	if len(s.messages) < combineAt {
		return false
	}
	// Upstream forgets one message, chosen by a map's order; the oldest
	// here (see the package doc).
	s.messages = slices.Delete(s.messages, 0, 1)
	return true
}

// take is the spam filter's TryAccept for type typ at t: x/time/rate's
// AllowN(t, 1), with its float arithmetic.
func (c *correlator) take(typ string, t time.Time) bool {
	i := slices.IndexFunc(c.buckets, func(b bucket) bool { return b.typ == typ })
	if i < 0 {
		c.buckets = append(c.buckets, bucket{typ: typ, tokens: spamBurst})
		i = len(c.buckets) - 1
	}
	b := &c.buckets[i]
	tokens := b.tokens
	if !b.last.IsZero() {
		last := b.last
		if t.Before(last) {
			last = t
		}
		tokens += t.Sub(last).Seconds() * spamRate
	}
	tokens = min(tokens, spamBurst) - 1
	if tokens < 0 && time.Duration(-tokens/spamRate*float64(time.Second)) > 0 {
		return false
	}
	b.tokens, b.last = tokens, t
	return true
}

func (l *Log) nextSeq() uint64 {
	l.seq++
	return l.seq
}

// write patches the event named seq with ev's count, lastTimestamp and
// message, or creates it when there is none; it returns the event as the
// API now holds it, times in whole seconds.
func (l *Log) write(seq uint64, ev Event) Event {
	i, found := slices.BinarySearch(l.seqs, seq)
	if found {
		e := &l.events[i]
		e.Count, e.LastTimestamp, e.Message = ev.Count, apiTime(ev.LastTimestamp), ev.Message
		return *e
	}
	ev.FirstTimestamp, ev.LastTimestamp = apiTime(ev.FirstTimestamp), apiTime(ev.LastTimestamp)
	l.events = slices.Insert(l.events, i, ev)
	l.seqs = slices.Insert(l.seqs, i, seq)
	return ev
}

// apiTime is t as the API keeps a metav1.Time: whole seconds, UTC.
func apiTime(t time.Time) time.Time { return t.Truncate(time.Second).UTC() }
