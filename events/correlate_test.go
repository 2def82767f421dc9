package events_test

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/podlife/podlife/events"
)

// correlatedCase is one case of testdata/correlated.json: records about
// one pod and what client-go's EventCorrelator (v0.37.1) wrote of them,
// and what kubectl's DescribeEvents printed at now (see
// testdata/README.md).
type correlatedCase struct {
	Name     string         `json:"name"`
	Now      time.Time      `json:"now"`
	Records  []recorded     `json:"records"`
	Events   []events.Event `json:"events"`
	Describe string         `json:"describe"`
}

type recorded struct {
	At        time.Time `json:"at"`
	Source    string    `json:"source"`
	FieldPath string    `json:"fieldPath"`
	Type      string    `json:"type"`
	Reason    string    `json:"reason"`
	Message   string    `json:"message"`
}

func loadCorrelated(t *testing.T) []correlatedCase {
	t.Helper()
	b, err := os.ReadFile("testdata/correlated.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []correlatedCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// replay records c's events in a fresh Log.
func replay(c *correlatedCase) *events.Log {
	var l events.Log
	for _, r := range c.Records {
		l.Record(events.Recorded{At: r.At, Source: r.Source, FieldPath: r.FieldPath, Type: r.Type, Reason: r.Reason, Message: r.Message})
	}
	return &l
}

// k8s.io/client-go/tools/record events_cache.go EventCorrelator, on the
// random sequences of testdata/correlated.json: the same events, counts
// and times as the real correlator wrote through a fake apiserver.
func TestRecordAgreesWithClientGo(t *testing.T) {
	cases := loadCorrelated(t)
	if len(cases) < 100 {
		t.Fatalf("%d cases", len(cases))
	}
	for i := range cases {
		c := &cases[i]
		got := replay(c).Events()
		if d := cmp.Diff(c.Events, got); d != "" {
			t.Errorf("%s: events differ (-client-go +podlife):\n%s", c.Name, d)
		}
	}
}
