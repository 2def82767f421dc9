package kubectl

import (
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

// podGen draws pods from small pools of the fields the orders read, so
// that ties and near-ties are frequent.
func podGen() *rapid.Generator[*pod.Pod] {
	times := []time.Time{{}, now, now.Add(-time.Second), now.Add(-time.Hour), now.Add(time.Second)}
	return rapid.Custom(func(t *rapid.T) *pod.Pod {
		p := &pod.Pod{}
		p.Spec.NodeName = rapid.SampledFrom([]string{"", "n1", "n2"}).Draw(t, "node")
		p.Status.Phase = rapid.SampledFrom([]phase.Phase{"", phase.Pending, phase.Running, phase.Unknown, phase.Succeeded}).Draw(t, "phase")
		p.Metadata.CreationTimestamp = rapid.SampledFrom(times).Draw(t, "created")
		p.Metadata.DeletionTimestamp = rapid.SampledFrom(times).Draw(t, "deleted")
		for range rapid.IntRange(0, 2).Draw(t, "conditions") {
			p.Status.Conditions = append(p.Status.Conditions, pod.Condition{
				Type:               pod.Ready,
				Status:             rapid.SampledFrom([]pod.ConditionStatus{pod.ConditionTrue, pod.ConditionFalse}).Draw(t, "ready"),
				LastTransitionTime: rapid.SampledFrom(times).Draw(t, "readySince"),
			})
		}
		if rapid.Bool().Draw(t, "sidecar") {
			p.Spec.InitContainers = []container.Container{{Name: "s", RestartPolicy: restart.Always.Ptr()}}
			p.Status.InitContainerStatuses = []container.Status{{Name: "s", RestartCount: rapid.Int32Range(0, 2).Draw(t, "sidecarRestarts")}}
		}
		p.Status.ContainerStatuses = []container.Status{{Name: "c", RestartCount: rapid.Int32Range(0, 2).Draw(t, "restarts")}}
		return p
	})
}

// TestOrdersAreStrictWeakOrders: kubectl's ActivePods and ByLogging
// (k8s.io/kubectl/pkg/util/podutils) and the controllers' ActivePods
// compare without log buckets, so each is a strict weak order and any
// stable sort gives the same answer as upstream's insertion sort.
func TestOrdersAreStrictWeakOrders(t *testing.T) {
	for name, less := range map[string]func(a, b *pod.Pod) bool{
		"kubectl ActivePods": ActivePodsLess, "ByLogging": ByLoggingLess, "controllers' ActivePods": pod.ActivePodsLess,
	} {
		t.Run(name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				a, b, c := podGen().Draw(t, "a"), podGen().Draw(t, "b"), podGen().Draw(t, "c")
				if less(a, a) {
					t.Fatal("not irreflexive")
				}
				if less(a, b) && less(b, a) {
					t.Fatal("not asymmetric")
				}
				if less(a, b) && less(b, c) && !less(a, c) {
					t.Fatal("not transitive")
				}
				incomparable := func(x, y *pod.Pod) bool { return !less(x, y) && !less(y, x) }
				if incomparable(a, b) && incomparable(b, c) && !incomparable(a, c) {
					t.Fatal("incomparability not transitive")
				}
			})
		})
	}
}
