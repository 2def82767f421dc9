// Command eviction is the lesson on node-pressure eviction and the QoS
// classes: the kubelet evicts pods to reclaim memory, BestEffort pods
// first, and an evicted pod is Failed with reason Evicted.
//
//	go run ./examples/eviction
package main

import (
	"fmt"
	"io"
	"time"

	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

// lessonPods are one pod of each QoS class.
var lessonPods = []lesson.Pod{
	{Pod: lesson.MustPod(`{"metadata": {"name": "cache", "namespace": "default"},
		"spec": {"containers": [{"name": "redis", "image": "redis:7"}]}}`)},
	{Pod: lesson.MustPod(`{"metadata": {"name": "api", "namespace": "default"},
		"spec": {"containers": [{"name": "api", "image": "ghcr.io/example/api:v4",
		 "resources": {"requests": {"cpu": "250m", "memory": "256Mi"}}}]}}`)},
	{Pod: lesson.MustPod(`{"metadata": {"name": "db", "namespace": "default"},
		"spec": {"containers": [{"name": "postgres", "image": "postgres:17",
		 "resources": {"requests": {"cpu": "1", "memory": "2Gi"}, "limits": {"cpu": "1", "memory": "2Gi"}}}]}}`)},
}

const memoryPressure = "The node was low on resource: memory. Threshold quantity: 100Mi, available: 92Mi. Container redis was using 1200Mi, request is 0, has larger consumption of memory."

var theLesson = lesson.Lesson{
	Title: "Eviction and QoS classes",
	Intro: `
When a node runs short of memory (or disk, or PIDs) the kubelet evicts pods to
reclaim it. It ranks them by whether their usage exceeds their requests, then
by priority, then by how far usage exceeds requests: in practice BestEffort
pods (no requests nor limits) go first, Burstable pods using more than they
asked for next, Guaranteed pods (requests equal to limits for every
container) last. The QoS class is computed once, when the pod is created
(status.qosClass).

An evicted pod is Failed with reason Evicted and gets a DisruptionTarget
condition; its containers are killed with the pod's grace period. The pod
object stays (kubectl get pods still lists it) until something deletes it; a
controller replaces it with a new pod.

Three pods, one per class. At 0:30 memory runs short and the kubelet evicts
"cache", the BestEffort one (podlife does not rank pods itself: the lesson
scripts the eviction the ranking would choose).`,
	Options: sim.Options{Script: sim.Script{Happenings: []sim.Happening{
		{At: 30 * time.Second, Kind: sim.Evict, Pod: "cache", Message: memoryPressure},
	}}},
	Pods: lessonPods,
	For:  time.Minute,
	Explain: []lesson.Moment{
		{At: 40 * time.Second, Pod: "cache", Question: "why is cache Failed, and why does kubectl say Error rather than Evicted?"},
	},
	After: qosTable,
	Notice: `
- cache's phase is Failed, with status.reason Evicted, and stays so: it is not
  restarted in place.
- kubectl's STATUS shows Error: the printer starts from status.reason
  (Evicted), but the killed container's terminated reason has the last word
  (see the STATUS steps above).
- The DisruptionTarget condition (reason TerminationByKubelet) tells
  controllers and Job pod-failure policies that the pod was disrupted, not
  broken.
- api and db keep running: the eviction is per pod.`,
	Next: "nodeloss",
}

// qosTable writes each pod's QoS class (as the apiserver computes it on
// create) and its phase and reason at the end.
func qosTable(w io.Writer, s *sim.Sim) error {
	fmt.Fprintf(w, "At %s:\n\n", sim.Clock(s.Start(), s.Now()))
	for _, lp := range lessonPods {
		p := s.Pod(lp.Pod.Metadata.Name)
		fmt.Fprintf(w, "  %-6s qosClass %-10s  phase %-7s  reason %q\n", p.Metadata.Name, pod.CreateQOS(lp.Pod), p.Status.Phase, p.Status.Reason)
	}
	return nil
}
