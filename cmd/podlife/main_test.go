package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/internal/golden"
	"github.com/podlife/podlife/internal/svgcheck"
)

// clock is the time the tests run the command at (-now's default).
var clock = time.Date(2026, 3, 1, 10, 5, 0, 0, time.UTC)

// Every command on every input kind and every error, each pinned by a
// golden file under testdata/golden holding the exit status, standard
// output and standard error; `go test ./cmd/podlife -update` rewrites
// them after a deliberate change (read the diff).
func TestCommandsGolden(t *testing.T) {
	piJob, err := os.ReadFile("testdata/pi-job.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		args  []string
		stdin string
		exit  int
	}{
		// status, one per input kind.
		{"status-pod-crashloop", []string{"status", "testdata/crashloop-status.yaml"}, "", exitOK},
		{"status-pod-succeeded", []string{"status", "testdata/completed-job-pod.yaml"}, "", exitOK},
		{"status-pod-init-containers", []string{"status", "testdata/init-containers.yaml"}, "", exitOK},
		{"status-pod-json", []string{"status", "testdata/pod.json"}, "", exitOK},
		{"status-deployment", []string{"status", "testdata/nginx-deployment.yaml"}, "", exitOK},
		{"status-replicaset", []string{"status", "testdata/replicaset.yaml"}, "", exitOK},
		{"status-statefulset", []string{"status", "testdata/statefulset.yaml"}, "", exitOK},
		{"status-daemonset", []string{"status", "testdata/daemonset.yaml"}, "", exitOK},
		{"status-job", []string{"status", "testdata/pi-job.yaml"}, "", exitOK},
		{"validate-indexed-job", []string{"validate", "testdata/indexed-job.yaml"}, "", exitOK},
		{"status-cronjob", []string{"status", "-now", "2026-03-01T10:07:00Z", "testdata/cronjob.yaml"}, "", exitOK},
		{"status-list", []string{"status", "testdata/list.yaml"}, "", exitOK},
		{"status-multi-doc", []string{"status", "testdata/multi-doc.yaml"}, "", exitOK},
		{"status-stdin", []string{"status", "-"}, string(piJob), exitOK},

		// validate.
		{"validate-valid", []string{"validate", "testdata/nginx-deployment.yaml", "testdata/pi-job.yaml", "testdata/list.yaml", "testdata/statefulset.yaml"}, "", exitOK},
		{"validate-unchecked-fields", []string{"validate", "testdata/pod.json", "testdata/daemonset.yaml"}, "", exitOK},
		{"validate-invalid-pod", []string{"validate", "testdata/invalid-pod.yaml"}, "", exitFailed},
		{"validate-invalid-deployment", []string{"validate", "testdata/invalid-deployment.yaml"}, "", exitFailed},
		{"validate-a-bad-file-among-good", []string{"validate", "testdata/pi-job.yaml", "testdata/service.yaml"}, "", exitFailed},

		// simulate.
		{"simulate-job", []string{"simulate", "-for", "1m", "-exit", "pi=0@10s", "testdata/pi-job.yaml"}, "", exitOK},
		{"simulate-crashloop", []string{"simulate", "-for", "2m", "-exit", "nginx=1@5s", "testdata/nginx-deployment.yaml"}, "", exitOK},
		{"simulate-init-containers", []string{"simulate", "-for", "30s", "-exit", "init-myservice=0@3s", "-exit", "init-mydb=0@4s", "testdata/init-containers.yaml"}, "", exitOK},
		{"simulate-script", []string{"simulate", "-for", "3m", "-script", "testdata/nginx-script.json", "testdata/nginx-deployment.yaml"}, "", exitOK},
		{"error-bad-script", []string{"simulate", "-script", "testdata/bad-script.json", "testdata/nginx-deployment.yaml"}, "", exitFailed},
		{"simulate-job-retries", []string{"simulate", "-for", "2m", "-exit", "migrate=1@5s", "testdata/migrate-job.yaml"}, "", exitOK},
		{"simulate-indexed-job", []string{"simulate", "-for", "30s", "testdata/indexed-job.yaml"}, "", exitOK},
		{"simulate-daemonset", []string{"simulate", "-for", "30s", "testdata/daemonset.yaml"}, "", exitOK},
		{"simulate-statefulset", []string{"simulate", "-for", "1m", "testdata/statefulset.yaml"}, "", exitOK},
		{"simulate-multi-doc", []string{"simulate", "-for", "1m", "-exit", "debian-container=0@2s", "testdata/multi-doc.yaml"}, "", exitOK},

		// explain.
		{"explain-crashloop", []string{"explain", "testdata/crashloop-status.yaml"}, "", exitOK},
		{"explain-succeeded", []string{"explain", "testdata/completed-job-pod.yaml"}, "", exitOK},
		{"explain-not-bound", []string{"explain", "testdata/init-containers.yaml"}, "", exitOK},

		// errors.
		{"error-kind", []string{"status", "testdata/service.yaml"}, "", exitFailed},
		{"error-no-kind", []string{"explain", "testdata/no-kind.yaml"}, "", exitFailed},
		{"error-yaml", []string{"status", "testdata/broken.yaml"}, "", exitFailed},
		{"error-empty", []string{"status", "testdata/empty.yaml"}, "", exitFailed},
		{"error-json", []string{"status", "-"}, `{"kind": "Pod", "metadata": {"name": 3}}`, exitFailed},
		{"error-missing-file", []string{"validate", "testdata/no-such-file.yaml"}, "", exitFailed},
		{"error-duplicate-pod", []string{"simulate", "-"}, "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: nginx}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: nginx}]}\n", exitFailed},
		{"usage-no-command", nil, "", exitUsage},
		{"help", []string{"help"}, "", exitOK},
		{"help-flag", []string{"simulate", "-h"}, "", exitOK},
		{"usage-unknown-command", []string{"describe", "pod.yaml"}, "", exitUsage},
		{"usage-no-file", []string{"status"}, "", exitUsage},
		{"usage-two-files", []string{"explain", "a.yaml", "b.yaml"}, "", exitUsage},
		{"usage-bad-flag", []string{"simulate", "-colour", "testdata/pi-job.yaml"}, "", exitUsage},
		{"usage-bad-exit", []string{"simulate", "-exit", "pi=zero@10s", "testdata/pi-job.yaml"}, "", exitUsage},
		{"usage-bad-now", []string{"status", "-now", "yesterday", "testdata/pi-job.yaml"}, "", exitUsage},
		{"usage-bad-for", []string{"simulate", "-for", "-1m", "testdata/pi-job.yaml"}, "", exitUsage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			got := run(c.args, strings.NewReader(c.stdin), &stdout, &stderr, clock)
			if got != c.exit {
				t.Errorf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", got, c.exit, stdout.String(), stderr.String())
			}
			out := fmt.Sprintf("$ podlife %s\nexit status %d\n--- stdout\n%s--- stderr\n%s",
				strings.Join(c.args, " "), got, stdout.String(), stderr.String())
			golden.Check(t, filepath.Join("testdata", "golden", c.name+".golden"), out)
		})
	}
}

// The reader turns each workload into the pod its controller makes: the
// template's spec, the owner as controller, and each controller's own
// identity.
func TestWorkloadPods(t *testing.T) {
	cases := []struct {
		file, name, owner string
		labels            map[string]string
		hostname          string
	}{
		{"testdata/statefulset.yaml", "web-0", "StatefulSet", map[string]string{
			"statefulset.kubernetes.io/pod-name": "web-0", "apps.kubernetes.io/pod-index": "0", "app": "nginx"}, "web-0"},
		{"testdata/pi-job.yaml", "", "Job", map[string]string{"batch.kubernetes.io/job-name": "pi", "job-name": "pi"}, ""},
		{"testdata/indexed-job.yaml", "", "Job", map[string]string{"batch.kubernetes.io/job-completion-index": "0"}, "indexed-job-0"},
		{"testdata/nginx-deployment.yaml", "", "ReplicaSet", map[string]string{"app": "nginx"}, ""},
		{"testdata/cronjob.yaml", "", "Job", nil, ""},
		{"testdata/daemonset.yaml", "", "DaemonSet", map[string]string{"name": "fluentd-elasticsearch"}, ""},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			e := &env{}
			pods, err := e.read(c.file, clock)
			if err != nil || len(pods) != 1 {
				t.Fatalf("read: %d pods, %v", len(pods), err)
			}
			p := pods[0].Pod
			if c.name != "" && p.Metadata.Name != c.name {
				t.Errorf("name %q, want %q", p.Metadata.Name, c.name)
			}
			if refs := p.Metadata.OwnerReferences; len(refs) != 1 || refs[0].Kind != c.owner || refs[0].Controller == nil || !*refs[0].Controller || refs[0].UID == "" {
				t.Errorf("owner references %+v, want one controller %s with a uid", refs, c.owner)
			}
			for k, v := range c.labels {
				if p.Metadata.Labels[k] != v {
					t.Errorf("label %s=%q, want %q", k, p.Metadata.Labels[k], v)
				}
			}
			if p.Spec.Hostname != c.hostname {
				t.Errorf("hostname %q, want %q", p.Spec.Hostname, c.hostname)
			}
			if len(p.Spec.Containers) == 0 {
				t.Error("the template's containers are lost")
			}
		})
	}
}

// simulate -svg writes the picture of the same run: well-formed SVG with
// one row per container; a file that cannot be made is an error.
func TestSimulateSVG(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pi.svg")
	var stdout, stderr strings.Builder
	if got := run([]string{"simulate", "-for", "1m", "-exit", "pi=0@10s", "-svg", out, "testdata/pi-job.yaml"}, strings.NewReader(""), &stdout, &stderr, clock); got != exitOK {
		t.Fatalf("exit %d: %s", got, stderr.String())
	}
	if !strings.Contains(stdout.String(), "the timeline's picture is in "+out) {
		t.Errorf("stdout does not say where the picture is:\n%s", stdout.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows := len(svgcheck.Read(t, b).Rows)
	if rows != 1 {
		t.Errorf("%d container rows, want 1 (the Job's pi container)", rows)
	}
	stdout.Reset()
	stderr.Reset()
	if got := run([]string{"simulate", "-svg", filepath.Join(t.TempDir(), "no", "such", "dir.svg"), "testdata/pi-job.yaml"}, strings.NewReader(""), &stdout, &stderr, clock); got != exitFailed {
		t.Errorf("an SVG file that cannot be made: exit %d, want %d", got, exitFailed)
	}
}
