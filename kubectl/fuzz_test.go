package kubectl

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/podlife/podlife/pod"
)

// FuzzPodRow feeds arbitrary pod JSON and clocks to PodRow and every cell
// writer: none may panic, and READY must keep its "<n>/<m>" shape.
func FuzzPodRow(f *testing.F) {
	for _, s := range []string{healthyPod, crashLoopPod, `{}`, `{"status":{"initContainerStatuses":[{"state":{"terminated":{}}}]}}`,
		`{"metadata":{"deletionTimestamp":"2025-01-01T00:00:00Z"},"status":{"reason":"NodeLost"}}`} {
		f.Add([]byte(s), int64(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, offset int64) {
		var p pod.Pod
		if json.Unmarshal(data, &p) != nil {
			return
		}
		row := PodRow(&p, now.Add(time.Duration(offset)))
		line := row.AppendLine(nil, Options{Wide: true, AllNamespaces: true})
		if len(line) == 0 || line[len(line)-1] != '\n' {
			t.Fatalf("line %q", line)
		}
		for c := ColNamespace; c <= ColReadinessGates+1; c++ {
			_ = row.Cell(c)
		}
	})
}
