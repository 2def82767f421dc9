package sim

import (
	"testing"
	"time"
)

// A happening AddHappening queued gives its slot back once carried out; a
// Script's keeps its index (errors name it).
func TestHappeningSlotsAreReused(t *testing.T) {
	s, err := New(Options{Script: Script{Happenings: []Happening{{At: time.Second, Kind: NodeLost, Node: "node-1"}}}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		at := time.Duration(i+1) * time.Minute
		kind := NodeBack // the script lost the node; back and lost in turn
		if i%2 == 1 {
			kind = NodeLost
		}
		if err := s.AddHappening(Happening{At: at, Kind: kind, Node: "node-1"}); err != nil {
			t.Fatal(err)
		}
		if err := s.RunUntil(s.Start().Add(at)); err != nil {
			t.Fatal(err)
		}
	}
	if len(s.haps.vals) != 2 || len(s.haps.free) != 1 {
		t.Errorf("%d happening slots (%d free) after five streamed one at a time, want 2 (1 free)", len(s.haps.vals), len(s.haps.free))
	}
	if s.happeningField(0) != "Happenings[0]" || s.happeningField(1) != "AddHappening" {
		t.Errorf("fields %q, %q", s.happeningField(0), s.happeningField(1))
	}
}
