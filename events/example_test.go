package events_test

import (
	"fmt"
	"time"

	"github.com/podlife/podlife/events"
)

// A container in a crash loop: the kubelet records a BackOff each time it
// finds the container still in back-off. The API keeps one event with a
// count; the spam filter lets 25 Warnings through at once (to 12:04:00),
// then one five minutes after the first (12:05:00), which carries the
// count of those it dropped; the nine after it are dropped too, so the
// API says 31 where 40 were recorded.
func ExampleLog_Record() {
	var log events.Log
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	for i := range 40 {
		log.Record(events.Recorded{At: t0.Add(time.Duration(i) * 10 * time.Second), Source: "kubelet",
			FieldPath: "spec.containers{web}", Type: "Warning", Reason: "BackOff",
			Message: "Back-off restarting failed container web in pod web_default(uid-1)"})
	}
	for _, e := range log.Events() {
		fmt.Println(e.Reason, e.Count, e.FirstTimestamp.Format(time.TimeOnly), e.LastTimestamp.Format(time.TimeOnly))
	}
	// Output:
	// BackOff 31 12:00:00 12:05:00
}
