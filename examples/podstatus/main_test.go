package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podlife/podlife/internal/golden"
)

// The report on the built-in pod is pinned by testdata/builtin.golden; run
// `go test ./examples/podstatus -update` after a deliberate change.
func TestBuiltInPodGolden(t *testing.T) {
	var out strings.Builder
	if err := run(nil, nil, &out); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "builtin.golden"), out.String())
}

func TestBuiltInPod(t *testing.T) {
	var out strings.Builder
	if err := run(nil, nil, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"phase: Running",
		"Ready                      False  ContainersNotReady: containers with unready status: [worker]",
		"spec.containers[0].livenessProbe.successThreshold",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestPodFromFileAndStdin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pod.json")
	doc := `{"metadata":{"name":"done","namespace":"jobs"},"spec":{"nodeName":"node-1","restartPolicy":"Never","containers":[{"name":"job","image":"busybox"}]},
	"status":{"containerStatuses":[{"name":"job","state":{"terminated":{"exitCode":0}}}]}}`
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := run([]string{path}, nil, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "phase: Succeeded") || !strings.Contains(out.String(), "would accept") {
		t.Errorf("unexpected report:\n%s", out.String())
	}
	out.Reset()
	if err := run([]string{"-"}, strings.NewReader(doc), &out); err != nil || !strings.Contains(out.String(), "standard input") {
		t.Errorf("stdin: %v\n%s", err, out.String())
	}
}

func TestBadInput(t *testing.T) {
	var out strings.Builder
	if err := run([]string{"a", "b"}, nil, &out); err == nil {
		t.Error("two arguments accepted")
	}
	if err := run([]string{"-"}, strings.NewReader("not json"), &out); err == nil || !strings.Contains(err.Error(), "not a pod") {
		t.Errorf("bad JSON: %v", err)
	}
	if err := run([]string{filepath.Join(t.TempDir(), "missing.json")}, nil, &out); err == nil {
		t.Error("missing file accepted")
	}
}

func TestUnscheduledPod(t *testing.T) {
	var out strings.Builder
	doc := `{"metadata":{"name":"new","namespace":"default"},"spec":{"containers":[{"name":"app","image":"busybox"}]}}`
	if err := run([]string{"-"}, strings.NewReader(doc), &out); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "PodScheduled") || !strings.Contains(out.String(), "not scheduled") {
		t.Errorf("a pod without nodeName must not get kubelet conditions:\n%s", out.String())
	}
}
