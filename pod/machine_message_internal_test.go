package pod

import (
	"testing"
	"time"

	"github.com/podlife/podlife/container"
)

// A message belongs to the instance that left it: an attempt number the
// runtime gives again (RestartAllContainers removes the newest instances,
// and the next is numbered as the removed one was) starts with none, and
// only the two newest instances' messages are kept.
func TestExitMessagesFollowTheInstance(t *testing.T) {
	m := &Machine{}
	l := &life{spec: &container.Container{Name: "app"}}
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	run := func(msg string) {
		t.Helper()
		for _, mv := range []container.Move{container.Create(at), container.Start(at), container.Exit(at, 1, 0, "")} {
			if err := m.move(l, mv); err != nil {
				t.Fatal(err)
			}
		}
		cur, _ := l.rec.Attempts()
		l.setMessage(cur, msg)
	}
	run("first")
	if l.msgs == nil || l.msgs.of(0) != "first" {
		t.Fatalf("attempt 0: %+v", l.msgs)
	}
	if err := m.move(l, container.RemoveNewest(at)); err != nil {
		t.Fatal(err)
	}
	if err := m.move(l, container.Create(at)); err != nil {
		t.Fatal(err)
	}
	if cur, _ := l.rec.Attempts(); cur != 0 || l.msgs.of(0) != "" {
		t.Fatalf("the new attempt %d kept the removed instance's message %q", cur, l.msgs.of(0))
	}
	// Exit the created instance with a message, then two more runs: the
	// oldest message goes.
	if err := m.move(l, container.Exit(at, 1, 0, "")); err != nil {
		t.Fatal(err)
	}
	l.setMessage(0, "zero")
	run("one")
	run("")
	run("three")
	if got := [4]string{l.msgs.of(0), l.msgs.of(1), l.msgs.of(2), l.msgs.of(3)}; got != [4]string{"", "one", "", "three"} {
		t.Fatalf("messages by attempt: %q", got)
	}
	// No message, no allocation.
	quiet := &life{spec: &container.Container{Name: "quiet"}}
	quiet.setMessage(0, "")
	if quiet.msgs != nil {
		t.Fatal("an empty message allocated")
	}
}

// A container's IDs are those of its attempts (container.ContainerID),
// whichever were built before.
func TestSetIDsFollowTheAttempts(t *testing.T) {
	l := &life{spec: &container.Container{Name: "app"}}
	for _, at := range [][2]int32{{0, 0}, {1, 0}, {2, 1}, {3, 2}, {0, 0}, {1, 0}, {5, 1}} {
		l.setIDs("uid", at[0], at[1])
		want := [2]string{container.ContainerID("uid", "app", at[0]), container.ContainerID("uid", "app", at[1])}
		if l.ids != want || l.idsFor != at {
			t.Fatalf("attempts %v: ids %q for %v, want %q", at, l.ids, l.idsFor, want)
		}
	}
}
