package events_test

import (
	"testing"
	"time"

	"github.com/podlife/podlife/events"
)

// Any sequence of records, times in any order: no panic, every event
// counted at least once, the counts adding up to no more than the
// records, and every event's last time at or after its first when the
// records come in time order.
func FuzzRecord(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, true)
	f.Add([]byte{200, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, false)
	f.Fuzz(func(t *testing.T, b []byte, ordered bool) {
		var log events.Log
		t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
		at := t0
		sources := []string{"kubelet", "node-controller"}
		types := []string{"Normal", "Warning", ""}
		n := 0
		for i := 0; i+1 < len(b); i += 2 {
			x, y := b[i], b[i+1]
			if ordered {
				at = at.Add(time.Duration(x) * 3 * time.Second)
			} else {
				at = t0.Add(time.Duration(int(x)-128) * 7 * time.Second)
			}
			log.Record(events.Recorded{At: at, Source: sources[y&1], Type: types[int(y>>1)%3],
				Reason: string(rune('A' + y>>3&3)), Message: string(rune('a' + y>>5)), FieldPath: []string{"", "spec.containers{a}"}[y>>4&1]})
			n++
		}
		total := 0
		for _, e := range log.Events() {
			if e.Count < 1 {
				t.Fatalf("count %d: %+v", e.Count, e)
			}
			if ordered && e.LastTimestamp.Before(e.FirstTimestamp) {
				t.Fatalf("last before first: %+v", e)
			}
			total += int(e.Count)
		}
		if total > n {
			t.Fatalf("counts add up to %d for %d records", total, n)
		}
	})
}
