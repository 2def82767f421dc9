package pod_test

import (
	"fmt"
	"time"

	"github.com/podlife/podlife/pod"
)

// Scaling a ReplicaSet down from four pods to one: the controller deletes
// the first three of this order. The pod marked cheap to delete goes first
// among the ready ones, then the one doubled up on node-a; of the two
// left, the one ready for a shorter time.
func ExampleActivePodsWithRanks() {
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	ready := func(name, node string, since time.Duration) *pod.Pod {
		return &pod.Pod{
			Metadata: pod.Meta{Name: name, UID: name},
			Spec:     pod.Spec{NodeName: node},
			Status: pod.Status{Phase: "Running", Conditions: []pod.Condition{
				{Type: pod.Ready, Status: pod.ConditionTrue, LastTransitionTime: now.Add(-since)}}},
		}
	}
	cheap := ready("cheap", "node-c", 30*24*time.Hour)
	cheap.Metadata.Annotations = map[string]string{pod.PodDeletionCostAnnotation: "-100"}
	s := pod.ActivePodsWithRanks{
		Pods: []*pod.Pod{
			ready("veteran", "node-b", 30*24*time.Hour),
			ready("doubled", "node-a", 30*24*time.Hour),
			ready("newcomer", "node-d", 10*time.Minute),
			cheap,
		},
		// how many of the ReplicaSet's active pods share each pod's node
		Rank: []int{1, 2, 1, 1},
		Now:  now,
	}
	s.Sort()
	for _, p := range s.Pods {
		fmt.Println(p.Metadata.Name)
	}
	// Output:
	// cheap
	// doubled
	// newcomer
	// veteran
}
