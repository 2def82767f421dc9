package kubectl_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/events"
	"github.com/podlife/podlife/kubectl"
)

// k8s.io/kubectl/pkg/describe DescribeEvents (v0.37.1), on the events the
// cases of events/testdata/correlated.json leave (see its README): the
// same text as kubectl printed, ages measured at each case's now.
func TestDescribeEventsAgreesWithKubectl(t *testing.T) {
	b, err := os.ReadFile("../events/testdata/correlated.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name     string         `json:"name"`
		Now      time.Time      `json:"now"`
		Events   []events.Event `json:"events"`
		Describe string         `json:"describe"`
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	long := 0
	for _, c := range cases {
		if len(c.Events) > 12 {
			long++ // sort.Sort is not stable past 12: ties in kubectl's order
		}
		var out bytes.Buffer
		if err := kubectl.DescribeEvents(&out, c.Events, c.Now); err != nil {
			t.Fatal(err)
		}
		if out.String() != c.Describe {
			t.Errorf("%s:\nkubectl:\n%s\npodlife:\n%s", c.Name, c.Describe, out.String())
		}
	}
	if long == 0 {
		t.Error("no case has more than 12 events")
	}
}

func TestDescribeEventsNone(t *testing.T) {
	var out bytes.Buffer
	if err := kubectl.DescribeEvents(&out, nil, time.Time{}); err != nil || out.String() != "Events:  <none>\n" {
		t.Errorf("%q, %v", out.String(), err)
	}
}

// An events.k8s.io event (the scheduler's) has no lastTimestamp: it sorts
// first, its age is its eventTime's, and its source its reporting
// controller.
func TestDescribeEventsNewAPIEvent(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 10, 0, 0, time.UTC)
	evs := []events.Event{
		{Type: "Normal", Reason: "Pulled", Message: "x", Source: "kubelet", FieldPath: "spec.containers{web}", Count: 3,
			FirstTimestamp: now.Add(-5 * time.Minute), LastTimestamp: now.Add(-2 * time.Minute)},
		{Type: "Normal", Reason: "Scheduled", Message: "Successfully assigned default/web to node-1", Source: "default-scheduler",
			EventTime: now.Add(-6*time.Minute - 123*time.Microsecond)},
	}
	var out bytes.Buffer
	if err := kubectl.DescribeEvents(&out, evs, now); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"Events:",
		"  Type    Reason     Age              From               Message",
		"  ----    ------     ----             ----               -------",
		"  Normal  Scheduled  6m               default-scheduler  Successfully assigned default/web to node-1",
		"  Normal  Pulled     2m (x3 over 5m)  kubelet            spec.containers{web}: x",
		""}, "\n")
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	if evs[0].Reason != "Pulled" {
		t.Error("DescribeEvents sorted its argument")
	}
}
