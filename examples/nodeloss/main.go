// Command nodeloss is the lesson on losing a node: the kubelet goes
// silent, the control plane marks its pods not Ready, evicts them after
// their toleration, and the controllers replace them with new pods — new
// UIDs, never the old pod moved. A Deployment's pod is replaced at once; a
// StatefulSet's web-0 only once the old web-0 is gone, which needs the
// node back (or a force delete).
//
//	go run ./examples/nodeloss
package main

import (
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

func spec(name, image string) pod.Spec {
	return pod.Spec{Containers: []container.Container{{Name: name, Image: image}}}
}

var theLesson = lesson.Lesson{
	Title: "Node loss, and controllers that replace pods",
	Intro: `
A pod is bound to one node for its whole life: it is never moved. When a node
stops reporting, nothing happens to its pods at first. After 50 s without a
heartbeat (the node lifecycle controller's grace) the node is marked not
ready and tainted node.kubernetes.io/unreachable:NoExecute, and its pods get
Ready False; their phase stays what the kubelet last reported (Running).

Every pod tolerates that taint for 300 s (the DefaultTolerationSeconds
admission plugin adds the toleration). Then the taint-eviction controller
deletes it: a DisruptionTarget condition, then a graceful deletion. The pod
is Terminating, and stays so while its node is gone: only a kubelet can say
that its containers stopped.

Controllers do not wait for that. A ReplicaSet (a Deployment's) counts a
terminating pod as gone and creates a replacement at once: a new pod, a new
name, a new UID, on a node that works. A StatefulSet promises at most one
web-0: it creates the new web-0 (same name, new UID) only once the old one
is removed from the API.

Two nodes; node-b is cordoned until 0:10, so both pods land on node-a; node-a
is lost at 0:30 and comes back at 8:00.`,
	Options: sim.Options{Script: sim.Script{
		Nodes: []sim.Node{{Name: "node-a"}, {Name: "node-b", Unschedulable: true}},
		Controllers: []sim.Controller{
			{Kind: sim.Deployment, Name: "api", Replicas: 1, Template: sim.Template{Labels: map[string]string{"app": "api"}, Spec: spec("api", "ghcr.io/example/api:v4")}},
			{Kind: sim.StatefulSet, Name: "web", ServiceName: "web", Replicas: 1, Template: sim.Template{Labels: map[string]string{"app": "web"}, Spec: spec("nginx", "nginx:1.27")}},
		},
		Happenings: []sim.Happening{
			{At: 10 * time.Second, Kind: sim.Uncordon, Node: "node-b"},
			{At: 30 * time.Second, Kind: sim.NodeLost, Node: "node-a"},
			{At: 8 * time.Minute, Kind: sim.NodeBack, Node: "node-a"},
		},
	}},
	For: 9 * time.Minute,
	Explain: []lesson.Moment{
		{At: 2 * time.Minute, Pod: "web-0", Question: "node-a has been silent for 90 s: why is web-0 still Running, and not Ready?"},
	},
	After: lesson.WritePods,
	Notice: `
- From 0:30 to 1:20 nothing changes: the control plane waits 50 s for a
  heartbeat before it believes the node is gone.
- At 1:20 both pods get the condition Ready False, phase still Running:
  nobody can know whether their containers still run. kubectl get pods still
  prints READY 1/1: that column counts the containers' ready flags, which
  only a kubelet writes; the node lifecycle controller flips the pod's Ready
  condition alone (and keeps its reason). Endpoints follow the condition, so
  traffic stops.
- At 6:20 (300 s later) both are evicted and Terminating. The Deployment's
  ReplicaSet creates a new api pod at once, with another name and UID, on
  node-b. The StatefulSet does not: a second web-0 could run beside the first.
- At 8:00 node-a is back: its kubelet kills the terminating pods and removes
  them; only then does the StatefulSet create web-0 again: the same name, a
  new UID, a new pod. No pod was ever moved.`,
	Next: "templatechange",
}

// replacements lists every pod the run made: where it ran and how it
