package sim

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/podlife/podlife/events"
	"github.com/podlife/podlife/kubectl"
	"github.com/podlife/podlife/pod"
)

// ChangeKind names what a Change records.
type ChangeKind uint8

// The kinds of change.
const (
	// RowChanged: the pod's `kubectl get pods` row changed visibly (READY,
	// STATUS or RESTARTS; AGE alone does not count), or the pod appeared.
	RowChanged ChangeKind = iota + 1
	// EventRecorded: the kubelet (or the scheduler) recorded an event, as
	// `kubectl describe pod` lists it.
	EventRecorded
	// PodRemoved: the pod's API object is gone (the kubelet removed a
	// deleted pod, grace 0); `kubectl get pods -w` prints its last row.
	PodRemoved
)

var changeNames = [...]string{"", "row", "event", "removed"}

// String returns the kind's name as the JSON lines write it.
func (k ChangeKind) String() string {
	if k > 0 && int(k) < len(changeNames) {
		return changeNames[k]
	}
	return "ChangeKind(" + strconv.Itoa(int(k)) + ")"
}

// Change is one recorded change of one pod, in the order they happened.
type Change struct {
	At time.Time
	// Pod is "namespace/name".
	Pod  string
	Kind ChangeKind
	// Row is the pod's row at At, for RowChanged and PodRemoved.
	Row kubectl.Row
	// Cause is what made the row change: the event delivered to the
	// pod's machine, or the happening.
	Cause string
	// Record is the event of EventRecorded.
	Record pod.EventRecord
	// From is the component that recorded the event (empty: the kubelet,
	// or default-scheduler for Scheduled), as `kubectl describe` shows it.
	From string
	// UID is the pod's metadata.uid: a replacement with the same name
	// (a StatefulSet-style pod) has a new one.
	UID string
}

// Changes returns every change recorded so far, in time order (ties in the
// order they were made). It is shared with the Sim: do not change it.
func (s *Sim) Changes() []Change { return s.changes }

// recordRow records the pod's row when it changed visibly.
func (s *Sim) recordRow(sp *simPod, ev *pod.Event, cause string) {
	if s.opts.NoTimeline {
		return
	}
	r := kubectl.PodRow(sp.m.Pod(), ev.At)
	v := sp.timeline()
	if v.hasRow && !sp.removed && r.ReadyContainers == v.row.ReadyContainers && r.Containers == v.row.Containers &&
		r.Status == v.row.Status && r.Restarts == v.row.Restarts {
		return
	}
	v.hasRow, v.row = true, r
	if cause == "" {
		cause = describe(ev)
	}
	k := RowChanged
	if sp.removed {
		k = PodRemoved
		cause += "; pod removed"
	}
	s.changes = append(s.changes, Change{At: ev.At, Pod: sp.key, Kind: k, Row: r, Cause: cause, UID: sp.m.Pod().Metadata.UID})
}

// describe names an event for the cause of a row change.
func describe(ev *pod.Event) string {
	w := ev.Kind.String()
	if ev.Container != "" {
		w += " " + ev.Container
	}
	switch ev.Kind {
	case pod.ContainerExited:
		w += " (exit " + strconv.Itoa(int(ev.ExitCode))
		if ev.Reason != "" {
			w += ", " + string(ev.Reason)
		}
		w += ")"
	case pod.ProbeResult:
		w += " " + string(ev.Probe) + " " + string(ev.Outcome)
	case pod.HookFinished:
		w += " " + ev.Hook.String()
		if ev.Message != "" {
			w += " failed"
		}
	case pod.ImagePullFailed:
		w += " (" + ev.Message + ")"
	case pod.TimePassed:
		w = "kubelet sync"
	}
	return w
}

// Clock writes t as the time since start: "m:ss", or "h:mm:ss" from an
// hour on, with milliseconds when t is not on a whole second.
func Clock(start, t time.Time) string {
	d := t.Sub(start)
	neg := d < 0
	if neg {
		d = -d
	}
	h, m, sec := int64(d/time.Hour), int64(d/time.Minute)%60, int64(d/time.Second)%60
	ms := int64(d/time.Millisecond) % 1000
	b := make([]byte, 0, 16)
	if neg {
		b = append(b, '-')
	}
	if h > 0 {
		b = strconv.AppendInt(b, h, 10)
		b = append(b, ':')
		b = pad2(b, m)
	} else {
		b = strconv.AppendInt(b, m, 10)
	}
	b = append(b, ':')
	b = pad2(b, sec)
	if ms != 0 {
		b = append(b, '.')
		b = append(b, byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	}
	return string(b)
}

func pad2(b []byte, n int64) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}

// WriteWatch writes the text of `kubectl get pods -w` for the run so far:
// a TIME column (since Options.Start), then the row's NAME, READY, STATUS,
// RESTARTS and AGE cells as the kubectl package prints them, then the
// CAUSE of each line. One line per RowChanged or PodRemoved change; the
// columns are aligned like kubectl's tab writer (minimum width 6, padding
// 3).
func (s *Sim) WriteWatch(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 6, 4, 3, ' ', 0)
	cols := kubectl.Options{}
	line := []byte("TIME\t")
	line = kubectl.AppendHeader(line, cols)
	line = append(line[:len(line)-1], "\tCAUSE\n"...)
	if _, err := tw.Write(line); err != nil {
		return err
	}
	for i := range s.changes {
		c := &s.changes[i]
		if c.Kind != RowChanged && c.Kind != PodRemoved {
			continue
		}
		line = append(line[:0], Clock(s.start, c.At)...)
		line = append(line, '\t')
		line = c.Row.AppendLine(line, cols)
		line = append(line[:len(line)-1], '\t')
		line = append(line, c.Cause...)
		line = append(line, '\n')
		if _, err := tw.Write(line); err != nil {
			return err
		}
	}
	return tw.Flush()
}

// WriteEvents writes each pod's events the way `kubectl describe pod` ends,
// pods in the order they were added, ages measured at the Sim's clock now.
// The events are those the API would hold (package events): the kubelet's
// and the controllers' (node-controller, taint-eviction-controller)
// correlated as their recorders do, so that a repeated event is one line
// with its count ("x5 over 3m"), bursts past the spam filter are dropped
// and flooded reasons combined; the scheduler's Scheduled and
// FailedScheduling, which it writes through events.k8s.io, each as
// recorded (the sim models no retry cadence, so no series count).
// kubectl.DescribeEvents prints them: sorted by lastTimestamp, the
// scheduler's first, a container's messages after its field path.
func (s *Sim) WriteEvents(w io.Writer) error {
	bw := bufio.NewWriter(w)
	now := s.Now()
	for j, log := range s.eventLogs(-1) {
		sp := s.pods[j]
		if sp == nil || !sp.created {
			continue
		}
		bw.WriteString("Name:         " + sp.m.Pod().Metadata.Name + "\nNamespace:    " + sp.m.Pod().Metadata.Namespace + "\n")
		if err := kubectl.DescribeEvents(bw, log.Events(), now); err != nil {
			return err
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

// PodEvents returns the events the API would hold about the pod named key
// ("namespace/name") now, as WriteEvents lists them (in the apiserver's
// order; kubectl.DescribeEvents sorts them), or nil for a pod the Sim
// does not know.
func (s *Sim) PodEvents(key string) []events.Event {
	i, ok := s.byKey[key]
	if !ok || s.pods[i] == nil {
		return nil
	}
	return s.eventLogs(int(i))[i].Events()
}

// eventLogs replays the events recorded so far into one events.Log per
// pod, by the pod's index (just the pod at index only, unless only is
// -1): the
// correlation is a function of the records and their times, so it is
// computed when asked for, not kept per pod.
func (s *Sim) eventLogs(only int) []events.Log {
	logs := make([]events.Log, len(s.pods))
	byUID := make(map[string]int, len(s.pods))
	for j, sp := range s.pods {
		if sp != nil && (only < 0 || j == only) {
			byUID[sp.m.Pod().Metadata.UID] = j
		}
	}
	for i := range s.changes {
		c := &s.changes[i]
		if c.Kind != EventRecorded {
			continue
		}
		j, ok := byUID[c.UID]
		if !ok {
			continue // a pod forgotten
		}
		r := &c.Record
		from := c.From
		if from == "" {
			from = "kubelet"
			if r.Reason == "Scheduled" {
				from = "default-scheduler"
			}
		}
		if from == "default-scheduler" {
			logs[j].Add(events.Event{Type: r.Type, Reason: r.Reason, Message: r.Message, Source: from,
				EventTime: r.At.Truncate(time.Microsecond).UTC()})
			continue
		}
		logs[j].Record(events.Recorded{At: r.At, Source: from, FieldPath: r.FieldPath(), Type: r.Type, Reason: r.Reason, Message: r.Message})
	}
	return logs
}

// jsonLine is one line of WriteJSON.
type jsonLine struct {
	Time     time.Time `json:"time"`
	Clock    string    `json:"clock"`
	Pod      string    `json:"pod"`
	Change   string    `json:"change"`
	Ready    string    `json:"ready,omitempty"`
	Status   string    `json:"status,omitempty"`
	Restarts *int      `json:"restarts,omitempty"`
	Cause    string    `json:"cause,omitempty"`
	Type     string    `json:"type,omitempty"`
	Reason   string    `json:"reason,omitempty"`
	Message  string    `json:"message,omitempty"`
}

// WriteJSON writes one JSON object per line for every change so far:
// time (RFC 3339), clock (as in WriteWatch), pod, change ("row", "event",
// "removed"), and then ready, status, restarts and cause for a row, or
// type, reason and message for an event.
func (s *Sim) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for i := range s.changes {
		c := &s.changes[i]
		l := jsonLine{Time: c.At, Clock: Clock(s.start, c.At), Pod: c.Pod, Change: c.Kind.String()}
		if c.Kind == EventRecorded {
			l.Type, l.Reason, l.Message = c.Record.Type, c.Record.Reason, c.Record.Message
		} else {
			n := c.Row.Restarts
			l.Ready, l.Status, l.Restarts, l.Cause = c.Row.ReadyText(), string(c.Row.Status), &n, c.Cause
		}
		if err := enc.Encode(&l); err != nil {
			return err
		}
	}
	return bw.Flush()
}
