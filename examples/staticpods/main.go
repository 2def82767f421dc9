// Command staticpods is the lesson on static pods: pods a kubelet runs
// from manifest files on its node, which the API shows as mirror pods.
//
//	go run ./examples/staticpods
package main

import (
	"time"

	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

var theLesson = lesson.Lesson{
	Title: "Static pods and their mirror pods",
	Intro: `
A static pod is one a kubelet reads from a manifest file on its node
(/etc/kubernetes/manifests for the control plane of a kubeadm cluster), not
from the API. The kubelet runs it and publishes a mirror pod so that kubectl
can see it: same name with the node's name appended, annotation
kubernetes.io/config.mirror, and kubernetes.io/config.source "file". Deleting
the mirror pod through the API does not stop the static pod (the kubelet
makes the mirror again); removing the manifest from the node does.

The kubelet's phase rule has one exception for them: a static pod being
stopped is not given a terminal phase just because the kubelet is done with
it; its restart policy still speaks (pkg/kubelet/kubelet_pods.go getPhase).

Pod "etcd-node-1" is a static pod. Its container crashes once at 0:20 and is
restarted; at 1:00 the manifest is removed from the node.`,
	Options: sim.Options{Script: sim.Script{
		Containers: []sim.ContainerScript{{Container: "etcd", Runs: []sim.Run{{Attempt: 1, For: 20 * time.Second, ExitCode: 2}, {Forever: true}}}},
		Happenings: []sim.Happening{{At: time.Minute, Kind: sim.RemoveStaticPod, Pod: "kube-system/etcd-node-1"}},
	}},
	Pods: []lesson.Pod{{Pod: lesson.MustPod(`{"metadata": {"name": "etcd-node-1", "namespace": "kube-system",
		"annotations": {"kubernetes.io/config.source": "file", "kubernetes.io/config.mirror": "5e2f0c4b9a7d",
		 "kubernetes.io/config.hash": "5e2f0c4b9a7d"}},
		"spec": {"nodeName": "node-1", "priorityClassName": "system-node-critical",
		 "containers": [{"name": "etcd", "image": "registry.k8s.io/etcd:3.5.21-0"}]}}`)}},
	For: 2 * time.Minute,
	Explain: []lesson.Moment{
		{At: 30 * time.Second, Pod: "etcd-node-1", Question: "what does the kubelet make of the static pod's crash?"},
	},
	Notice: `
- The static pod lives like any pod of its restart policy: the crash at 0:20
  is restarted at once (Always, the default).
- Removing the manifest at 1:00 is what stops it: its container is killed
  and the pod removed, as a deletion would do for an API pod.`,
	Next: "shared",
}
