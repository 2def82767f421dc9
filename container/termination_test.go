package container_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/podlife/podlife/container"
)

// pkg/kubelet/kuberuntime/kuberuntime_container.go
// convertToKubeContainerStatus and getTerminationMessage.
func TestTerminationMessage(t *testing.T) {
	const (
		file     = container.TerminationMessageReadFile
		fallback = container.TerminationMessageFallbackToLogsOnError
	)
	var lines []string
	for i := 1; i <= 100; i++ {
		lines = append(lines, fmt.Sprintf("line %d\n", i))
	}
	hundred := strings.Join(lines, "")
	long := strings.Repeat("x", 5000)
	for _, tc := range []struct {
		name       string
		policy     container.TerminationMessagePolicy
		code       int32
		reason     container.TerminatedReason
		file, log  string
		want       string
		wantSuffix bool // want is the message's end (it is long)
	}{
		{name: "the file is the message", policy: file, code: 1, reason: container.Error, file: "bad config", log: "x\n", want: "bad config"},
		{name: "the file wins over the log", policy: fallback, code: 1, reason: container.Error, file: "bad config", log: "x\n", want: "bad config"},
		{name: "the file even on success", policy: fallback, code: 0, reason: container.Completed, file: "done", want: "done"},
		{name: "File: no fallback to the log", policy: file, code: 1, reason: container.Error, log: "panic\n", want: ""},
		{name: "an empty policy is File", policy: "", code: 1, reason: container.Error, log: "panic\n", want: ""},
		{name: "FallbackToLogsOnError: the log when the file is empty", policy: fallback, code: 2, reason: container.Error, log: "starting\npanic: boom\n", want: "starting\npanic: boom\n"},
		{name: "FallbackToLogsOnError: OOMKilled is a failure", policy: fallback, code: 137, reason: container.OOMKilled, log: "allocating\n", want: "allocating\n"},
		{name: "FallbackToLogsOnError: not on success", policy: fallback, code: 0, reason: container.Completed, log: "ok\n", want: ""},
		{name: "FallbackToLogsOnError: not when it could not run", policy: fallback, code: 128, reason: container.ContainerCannotRun, log: "x\n", want: ""},
		{name: "the file's last 4 KiB", policy: file, code: 0, file: "head" + long, want: long[len(long)-4096:]},
		{name: "the log's last 80 lines", policy: fallback, code: 1, log: hundred, want: strings.Join(lines[20:], "")},
		{name: "a last line without a newline counts", policy: fallback, code: 1, log: hundred + "tail", want: strings.Join(lines[21:], "") + "tail"},
		{name: "at most 2 KiB of the log", policy: fallback, code: 1, log: "a\n" + long + "\n", want: long[len(long)-2047:] + "\n"},
		{name: "empty lines count", policy: fallback, code: 1, log: "keep\n" + strings.Repeat("\n", 80), want: strings.Repeat("\n", 80)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := container.TerminationMessage(tc.policy, tc.code, tc.reason, tc.file, tc.log)
			if got != tc.want {
				t.Errorf("TerminationMessage = %q (%d bytes), want %q (%d bytes)", short(got), len(got), short(tc.want), len(tc.want))
			}
		})
	}
}

func short(s string) string {
	if len(s) > 60 {
		return s[:30] + "..." + s[len(s)-30:]
	}
	return s
}

// The message is the end of the file or of the log, within the bounds,
// for any input.
func FuzzTerminationMessage(f *testing.F) {
	f.Add("", "a\nb\n", int32(1), true)
	f.Add("msg", "", int32(0), false)
	f.Add("", strings.Repeat("line\n", 200), int32(2), true)
	f.Fuzz(func(t *testing.T, file, log string, code int32, fallback bool) {
		policy := container.TerminationMessageReadFile
		if fallback {
			policy = container.TerminationMessageFallbackToLogsOnError
		}
		got := container.TerminationMessage(policy, code, container.Error, file, log)
		switch {
		case file != "":
			if !strings.HasSuffix(file, got) || len(got) != min(len(file), container.MaxTerminationMessageBytes) {
				t.Fatalf("%q is not the file's end", got)
			}
		case !fallback || code == 0:
			if got != "" {
				t.Fatalf("%q without a fallback", got)
			}
		default:
			if !strings.HasSuffix(log, got) || len(got) > container.MaxTerminationLogBytes {
				t.Fatalf("%q is not the log's end", got)
			}
			if n := strings.Count(strings.TrimSuffix(got, "\n"), "\n"); n >= container.MaxTerminationLogLines {
				t.Fatalf("%d lines", n+1)
			}
			if len(got) < container.MaxTerminationLogBytes && len(got) < len(log) &&
				strings.Count(strings.TrimSuffix(log, "\n"), "\n") < container.MaxTerminationLogLines {
				t.Fatalf("%q: a log of fewer lines than the bound is cut", got)
			}
		}
	})
}
