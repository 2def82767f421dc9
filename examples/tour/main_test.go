package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/internal/golden"
)

// The tour with no arguments is pinned by its golden file, like every
// lesson.
func TestTourGolden(t *testing.T) { lesson.Golden(t, &theTour) }

// -f runs the user's pods: each input kind the command reads.
func TestYourPodGolden(t *testing.T) {
	for _, c := range []struct{ name, file, stdin string }{
		{"deployment", "../../cmd/podlife/testdata/nginx-deployment.yaml", ""},
		{"job", "../../cmd/podlife/testdata/pi-job.yaml", ""},
		{"stdin-json", "-", `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "hello"},
			"spec": {"containers": [{"name": "hello", "image": "busybox:1.36"}]}}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			l, err := yourPod(c.file, strings.NewReader(c.stdin), time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			if err := lesson.Run(&out, l); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "yourpod-"+c.name+".golden"), out.String())
		})
	}
}

// A file podlife cannot read is an error that names the kind.
func TestYourPodRefusesOtherKinds(t *testing.T) {
	_, err := yourPod("../../cmd/podlife/testdata/service.yaml", nil, time.Minute)
	if err == nil || !strings.Contains(err.Error(), "kind Service") {
		t.Fatalf("got %v, want an error naming kind Service", err)
	}
}

// FuzzYourPod: any file given to -f is read and run, or refused with an
// error; the tour never panics on it.
func FuzzYourPod(f *testing.F) {
	f.Add([]byte(`{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{"name": "c", "image": "busybox"}]}}`))
	f.Add([]byte("apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec: {template: {spec: {restartPolicy: Never, containers: [{name: pi, image: perl}]}}}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := yourPod("-", strings.NewReader(string(b)), 10*time.Second)
		if err != nil {
			return
		}
		var out strings.Builder
		_ = lesson.Run(&out, l) // an invalid pod is an error from the Sim
	})
}

// -script gives the pods' behaviour and the cluster: here two nodes and a
// crash of the nginx container after 20 s.
func TestYourPodWithScript(t *testing.T) {
	l, err := yourPod("../../cmd/podlife/testdata/nginx-deployment.yaml", nil, 2*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if l, err = withScript(l, "../../cmd/podlife/testdata/nginx-script.json"); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := lesson.Run(&out, l); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "yourpod-script.golden"), out.String())
	if _, err := withScript(l, "../../cmd/podlife/testdata/bad-script.json"); err == nil || !strings.Contains(err.Error(), "containers[0].runs[0].for") {
		t.Fatalf("a bad script: %v, want the error naming the path in the file", err)
	}
}
