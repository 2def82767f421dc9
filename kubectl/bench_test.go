package kubectl

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/podlife/podlife/pod"
)

const healthyPod = `{"metadata":{"name":"web-7c5ddbdf54-2xvzp","namespace":"shop","creationTimestamp":"2024-12-26T23:00:00Z"},
 "spec":{"nodeName":"worker-1","initContainers":[{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"web"},{"name":"log"}],
  "readinessGates":[{"conditionType":"example.com/lb"}]},
 "status":{"phase":"Running","podIPs":[{"ip":"10.244.1.7"}],
  "conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"},{"type":"example.com/lb","status":"True"}],
  "initContainerStatuses":[{"name":"proxy","ready":true,"started":true,"restartCount":1,"state":{"running":{}},
   "lastState":{"terminated":{"exitCode":137,"finishedAt":"2024-12-31T22:00:00Z"}}}],
  "containerStatuses":[{"name":"web","ready":true,"started":true,"state":{"running":{}}},
   {"name":"log","ready":true,"started":true,"restartCount":2,"state":{"running":{}}}]}}`

const crashLoopPod = `{"metadata":{"name":"api","creationTimestamp":"2024-12-31T23:43:00Z"},
 "spec":{"initContainers":[{"name":"a"},{"name":"b"}],"containers":[{"name":"api"}]},
 "status":{"phase":"Pending","initContainerStatuses":[{"name":"a","state":{"terminated":{"exitCode":0}}},
  {"name":"b","restartCount":4,"state":{"terminated":{"exitCode":3}},"lastState":{"terminated":{"finishedAt":"2024-12-31T23:59:18Z"}}}]}}`

func mustPod(tb testing.TB, js string) *pod.Pod {
	tb.Helper()
	var p pod.Pod
	if err := json.Unmarshal([]byte(js), &p); err != nil {
		tb.Fatal(err)
	}
	return &p
}

// TestRowNoAlloc pins that computing the row of a healthy pod and writing
// it, -o wide, into a reused buffer allocates nothing.
func TestRowNoAlloc(t *testing.T) {
	p := mustPod(t, healthyPod)
	buf := make([]byte, 0, 256)
	opts := Options{Wide: true, AllNamespaces: true}
	allocs := testing.AllocsPerRun(200, func() {
		row := PodRow(p, now)
		buf = row.AppendLine(buf[:0], opts)
	})
	if allocs != 0 {
		t.Errorf("row of a healthy pod: %v allocations, want 0", allocs)
	}
	want := "shop\tweb-7c5ddbdf54-2xvzp\t3/3\tRunning\t3 (120m ago)\t5d1h\t10.244.1.7\tworker-1\t<none>\t1/1\n"
	if string(buf) != want {
		t.Errorf("line = %q, want %q", buf, want)
	}
}

func BenchmarkPodRow(b *testing.B) {
	for _, bc := range []struct{ name, js string }{{"healthy", healthyPod}, {"init-error", crashLoopPod}} {
		p := mustPod(b, bc.js)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			buf := make([]byte, 0, 256)
			for i := 0; i < b.N; i++ {
				row := PodRow(p, now)
				buf = row.AppendLine(buf[:0], Options{Wide: true})
			}
		})
	}
}

func BenchmarkTableWriter(b *testing.B) {
	p := mustPod(b, healthyPod)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		tw := NewTableWriter(io.Discard, Options{Wide: true})
		for j := 0; j < 10; j++ {
			row := PodRow(p, now)
			_ = tw.Write(&row)
		}
		_ = tw.Flush()
	}
}

func BenchmarkHumanDuration(b *testing.B) {
	b.ReportAllocs()
	buf := make([]byte, 0, 32)
	for i := 0; i < b.N; i++ {
		buf = AppendHumanDuration(buf[:0], time.Duration(i)*time.Second)
	}
}

func BenchmarkSortActivePods(b *testing.B) {
	base := make([]*pod.Pod, 12)
	for i := range base {
		p := mustPod(b, healthyPod)
		p.Metadata.CreationTimestamp = now.Add(-time.Duration(i*7%12) * time.Hour)
		base[i] = p
	}
	pods := make([]*pod.Pod, len(base))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		copy(pods, base)
		SortActivePods(pods)
	}
}

// BenchmarkPodRowVectors computes the rows of every pod of the bundled
// kubectl vectors round-robin, at each case's clock: the same work as the
// oracle's `bench kubectl` on that file (upstream's GenerateTable), for
// comparison on one machine.
func BenchmarkPodRowVectors(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "conformance", "kubectl-generated.json"))
	if err != nil {
		b.Skip(err)
	}
	var file struct {
		Cases []struct {
			Pod   pod.Pod `json:"pod"`
			Input struct {
				Now time.Time `json:"now"`
			} `json:"input"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := &file.Cases[i%len(file.Cases)]
		row := PodRow(&c.Pod, c.Input.Now)
		buf = row.AppendLine(buf[:0], Options{Wide: true})
	}
}
