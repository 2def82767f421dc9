package kubectl

import (
	"bufio"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/podlife/podlife/events"
)

// DescribeEvents writes the Events section that ends `kubectl describe`
// (k8s.io/kubectl/pkg/describe/describe.go DescribeEvents), ages measured
// at now: evs in the apiserver's order, as an events.Log holds them, sorted
// by lastTimestamp (with sort.Sort, which is not stable past 12 events,
// so that ties come out as kubectl's do; events.k8s.io events, which
// have none, come first), each as Type, Reason, Age, From and Message. An
// event recorded more than once shows its last age and count, "2m (x5
// over 10m)"; a container's event has its message prefixed with its
// field path. evs is not changed.
func DescribeEvents(w io.Writer, evs []events.Event, now time.Time) error {
	bw := bufio.NewWriter(w)
	tw := tabwriter.NewWriter(bw, 0, 8, 2, ' ', 0) // describe.go tabbedString
	if len(evs) == 0 {
		tw.Write([]byte("Events:\t<none>\n"))
	} else {
		sorted := byLastTimestamp(append([]events.Event(nil), evs...))
		sort.Sort(sorted)
		tw.Write([]byte("Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n"))
		var line []byte
		for i := range sorted {
			line = appendEventLine(line[:0], &sorted[i], now)
			tw.Write(line)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

// appendEventLine appends e's line of DescribeEvents.
func appendEventLine(dst []byte, e *events.Event, now time.Time) []byte {
	first := e.EventTime
	if first.IsZero() {
		first = e.FirstTimestamp
	}
	dst = append(dst, "  "...)
	dst = append(dst, e.Type...)
	dst = append(dst, '\t')
	dst = append(dst, e.Reason...)
	dst = append(dst, '\t')
	if e.Count > 1 {
		dst = AppendSince(dst, e.LastTimestamp, now)
		dst = append(dst, " (x"...)
		dst = strconv.AppendInt(dst, int64(e.Count), 10)
		dst = append(dst, " over "...)
	}
	dst = AppendSince(dst, first, now)
	if e.Count > 1 {
		dst = append(dst, ')')
	}
	dst = append(dst, '\t')
	dst = append(dst, e.Source...)
	dst = append(dst, '\t')
	if e.FieldPath != "" {
		dst = append(dst, e.FieldPath...)
		dst = append(dst, ": "...)
	}
	dst = append(dst, strings.TrimSpace(e.Message)...)
	return append(dst, '\n')
}

// byLastTimestamp is kubectl's SortableEvents
// (k8s.io/kubectl/pkg/util/event/sorted_event_list.go).
type byLastTimestamp []events.Event

func (s byLastTimestamp) Len() int           { return len(s) }
func (s byLastTimestamp) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }
func (s byLastTimestamp) Less(i, j int) bool { return s[i].LastTimestamp.Before(s[j].LastTimestamp) }
