package main

import (
	"strings"
	"testing"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/examples/internal/lesson"
)

func TestLessonGolden(t *testing.T) { lesson.Golden(t, &theLesson) }

// pkg/kubelet/kuberuntime/kuberuntime_container.go getTerminationMessage
// and readLastStringFromContainerLogs: the file, else (FallbackToLogsOnError,
// a failure) the log's last 80 lines within 2 KiB.
func TestMessagesAreTheKubelets(t *testing.T) {
	s, err := theLesson.Sim()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RunUntil(s.Start().Add(theLesson.For)); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(chatter, "\n")
	want := map[string]string{
		"build":        `{"digest":"sha256:9f86d081884c7d65"}`,
		"migrate":      panicLog,
		"migrate-file": "",
		"retry":        strings.Join(lines[20:100], ""),
	}
	for name, w := range want {
		p := s.Pod("ci/" + name)
		if p == nil {
			t.Fatalf("%s is gone", name)
		}
		if got, _ := message(p); got != w {
			t.Errorf("%s: message %q, want %q", name, got, w)
		}
	}
	if got, _ := message(s.Pod("ci/retry")); len(got) > container.MaxTerminationLogBytes {
		t.Errorf("retry's message is %d bytes, over 2 KiB", len(got))
	}
}
