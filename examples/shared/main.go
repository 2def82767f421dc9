// Command shared is the lesson on what the containers of one pod share:
// one IP and one port space, localhost, the hostname, and volumes that
// live as long as the pod.
//
//	go run ./examples/shared
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

var theLesson = lesson.Lesson{
	Title: "What the containers of a pod share",
	Intro: `
The containers of a pod live in one sandbox: one network namespace, so one IP
address and one port space (two containers cannot both listen on port 80,
and they reach each other on localhost); one hostname, the pod's name (or
spec.hostname); and the pod's volumes. An emptyDir volume is created with the
pod and deleted with it: it survives any container's restart, because the pod
(its UID) is the same; a pod that is deleted and made again — even with the
same name, as a StatefulSet does — is a new pod with a new UID, a new IP and
a new, empty emptyDir.

Pod "web": nginx serves files that the "content" container writes into an
emptyDir they both mount; content crashes at 0:15 and is restarted. The pod
is deleted at 0:45 and, at 0:50, a new pod "web-v2" is made from the same
spec (a controller's part, played by the lesson: podlife has no controllers
yet).`,
	Options: sim.Options{SandboxDelay: time.Second, Script: sim.Script{
		Containers: []sim.ContainerScript{
			{Pod: "web", Container: "content", Runs: []sim.Run{{Attempt: 1, For: 15 * time.Second, ExitCode: 1}, {Forever: true}}},
		},
		Happenings: []sim.Happening{{At: 45 * time.Second, Kind: sim.Delete, Pod: "web"}},
	}},
	Pods: []lesson.Pod{
		{Pod: webPod("web")},
		{Pod: webPod("web-v2"), At: 50 * time.Second},
	},
	For: time.Minute,
	Explain: []lesson.Moment{
		{At: 10 * time.Second, Pod: "web", Question: "web before content's crash", Show: identity},
		{At: 30 * time.Second, Pod: "web", Question: "web after content's restart", Show: identity},
		{At: 55 * time.Second, Pod: "web-v2", Question: "the new pod made from the same spec", Show: identity},
	},
	Notice: `
- Before and after content's restart, web has the same UID and the same IP:
  the restart is of a container, inside the same sandbox, so the emptyDir
  "html" and what content wrote into it are still there.
- web-v2 has another UID and another IP: a new sandbox, a new emptyDir. Pods
  are never moved or revived; they are replaced.
- Both containers share the IP: nginx listens on 80 and content could
  reach it at localhost:80; neither could listen on a port the other holds.`,
	Next: "tour",
}

func webPod(name string) *pod.Pod {
	return lesson.MustPod(fmt.Sprintf(`{"metadata": {"name": %q, "namespace": "default"},
		"spec": {"volumes": [{"name": "html", "emptyDir": {}}],
		 "containers": [
		  {"name": "nginx", "image": "nginx:1.27", "ports": [{"containerPort": 80}],
		   "volumeMounts": [{"name": "html", "mountPath": "/usr/share/nginx/html"}]},
		  {"name": "content", "image": "debian:12",
		   "volumeMounts": [{"name": "html", "mountPath": "/html"}]}]}}`, name))
}

// identity writes what the pod's containers share, as its status shows it.
func identity(w io.Writer, p *pod.Pod) error {
	hostname := p.Spec.Hostname
	if hostname == "" {
		hostname = p.Metadata.Name
	}
	restarts := map[string]int32{}
	for _, c := range p.Status.ContainerStatuses {
		restarts[c.Name] = c.RestartCount
	}
	fmt.Fprintf(w, "  pod %s: uid %s, IP %s, hostname %s\n", p.Metadata.Name, p.Metadata.UID, p.Status.PodIP, hostname)
	for _, c := range p.Spec.Containers {
		fmt.Fprintf(w, "    container %-8s restarts %d, sees IP %s and hostname %s", c.Name, restarts[c.Name], p.Status.PodIP, hostname)
		for _, m := range c.VolumeMounts {
			fmt.Fprintf(w, "; emptyDir %q of pod %s at %s", m.Name, p.Metadata.UID, m.MountPath)
		}
		fmt.Fprintln(w)
	}
	return nil
}
