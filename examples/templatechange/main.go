// Command templatechange is the lesson on changing a workload's pod
// template: a Deployment never patches its running pods; it makes a new
// ReplicaSet whose pods carry the new template, and removes the old pods as
// the new ones become Ready (a rolling update).
//
//	go run ./examples/templatechange
package main

import (
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/examples/internal/lesson"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/sim"
)

func main() { lesson.Main(&theLesson) }

// template is the Deployment's pod template with image.
func template(image string) sim.Template {
	return sim.Template{Labels: map[string]string{"app": "web"}, Spec: pod.Spec{Containers: []container.Container{{
		Name: "web", Image: image,
		ReadinessProbe: &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/healthz", Port: probe.PortNumber(8080)}, PeriodSeconds: 5},
	}}}}
}

var v2 = template("ghcr.io/example/web:v2")

var theLesson = lesson.Lesson{
	Title: "A template change makes new pods",
	Intro: `
A pod's spec is (almost all) immutable: a controller cannot change the image
of a running pod. When a Deployment's template changes, the Deployment
controller makes a new ReplicaSet for the new template (its name ends with a
hash of the template, also the pods' pod-template-hash label) and moves the
replicas over, a few at a time: with the default strategy at most 25% more
pods than replicas (maxSurge) and at most 25% fewer Ready (maxUnavailable),
rounded so that for 3 replicas one new pod may be added and none of the old
ones may go before a new one is Ready.

Each new pod is a new object — a new name, a new UID, a new IP — started from
scratch: pulled, created, probed. Each old pod is deleted (gracefully) once a
new one is available. Nothing is patched or moved. Only the image stays on
the node: a node pulls web:v2 once, and a later new pod there finds it
"already present on machine".

A Deployment "web" of 3 replicas of web:v1 with a readiness probe on two
nodes; at 1:00 its template changes to web:v2. A node takes 5 s to pull an
image it does not have.`,
	Options: sim.Options{Script: sim.Script{
		Nodes: []sim.Node{{Name: "node-1"}, {Name: "node-2"}},
		Controllers: []sim.Controller{
			{Kind: sim.Deployment, Name: "web", Replicas: 3, Template: template("ghcr.io/example/web:v1")},
		},
		Containers: []sim.ContainerScript{{Container: "web", Pull: sim.Pull{Duration: 5 * time.Second}}},
		Happenings: []sim.Happening{{At: time.Minute, Kind: sim.TemplateChanged, Controller: "web", Template: &v2}},
	}},
	For:   3 * time.Minute,
	After: lesson.WritePods,
	Notice: `
- At 1:00 no running pod changes: a new pod of the new ReplicaSet appears
  beside the three old ones (maxSurge).
- An old pod is deleted only once a new one is Ready (maxUnavailable 0 for 3
  replicas): the number of Ready pods never drops below 3.
- The new pods have new names (the new ReplicaSet's hash) and new UIDs; the
  old pods end as they do on any deletion, SIGTERM and gone.`,
	Next: "debug",
}
