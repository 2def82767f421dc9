package sim_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/restart"
	"github.com/podlife/podlife/sim"
)

// randomCluster draws a three-node cluster with one controller of each
// kind, containers that crash or finish at random, and random happenings
// to nodes and controllers.
func randomCluster(t *rapid.T) (sim.Options, time.Duration) {
	var nodes []sim.Node
	for _, n := range []string{"node-1", "node-2", "node-3"} {
		nodes = append(nodes, sim.Node{Name: n, Labels: map[string]string{"disk": rapid.SampledFrom([]string{"ssd", "hdd"}).Draw(t, n+"-disk")},
			Allocatable: resource.List{{Name: resource.CPU, Quantity: resource.MustParse(rapid.SampledFrom([]string{"1", "2", "4"}).Draw(t, n+"-cpu"))}}})
	}
	app := func(name, image string) container.Container {
		return container.Container{Name: name, Image: image, Resources: container.Resources{Requests: resource.MustParseList("cpu=300m")}}
	}
	tmpl := func(label string, rp restart.Policy, image string) sim.Template {
		return sim.Template{Labels: map[string]string{"app": label}, Spec: pod.Spec{RestartPolicy: rp, Containers: []container.Container{app("app", image)}}}
	}
	ds := tmpl("agent", restart.Always, "agent:1")
	if rapid.Bool().Draw(t, "ds-selector") {
		ds.Scheduling.NodeSelector = map[string]string{"disk": "ssd"}
	}
	ctls := []sim.Controller{
		{Kind: sim.Deployment, Name: "web", Replicas: rapid.Int32Range(0, 4).Draw(t, "web"), Template: tmpl("web", restart.Always, "web:1")},
		{Kind: sim.ReplicaSet, Name: "rs", Replicas: rapid.Int32Range(0, 3).Draw(t, "rs"), Template: tmpl("rs", restart.Always, "rs:1")},
		{Kind: sim.StatefulSet, Name: "db", Replicas: rapid.Int32Range(0, 3).Draw(t, "db"), Template: tmpl("db", restart.Always, "db:1")},
		{Kind: sim.Job, Name: "job", Completions: i32(rapid.Int32Range(1, 4).Draw(t, "completions")), Parallelism: i32(rapid.Int32Range(1, 3).Draw(t, "parallelism")),
			BackoffLimit: i32(rapid.Int32Range(0, 3).Draw(t, "backoff")), Template: tmpl("job", restart.Never, "job:1")},
		{Kind: sim.DaemonSet, Name: "agent", Template: ds},
	}
	var cs []sim.ContainerScript
	for _, label := range []string{"web", "rs", "db", "job", "agent"} {
		c := sim.ContainerScript{Labels: map[string]string{"app": label}, StopDelay: time.Duration(rapid.IntRange(0, 40).Draw(t, label+"-stop")) * time.Second}
		if rapid.Bool().Draw(t, label+"-ends") {
			c.Runs = []sim.Run{{For: time.Duration(rapid.IntRange(1, 300).Draw(t, label+"-for")) * time.Second, ExitCode: int32(rapid.IntRange(0, 2).Draw(t, label+"-code"))}}
		}
		cs = append(cs, c)
	}
	kinds := []sim.HappeningKind{sim.NodeLost, sim.NodeBack, sim.NodeDeleted, sim.Drain, sim.Uncordon, sim.MemoryPressure, sim.Scale, sim.TemplateChanged, sim.Delete}
	var haps []sim.Happening
	for i := range rapid.IntRange(0, 8).Draw(t, "happenings") {
		h := sim.Happening{At: time.Duration(rapid.IntRange(1, 1200).Draw(t, "at")) * time.Second, Kind: rapid.SampledFrom(kinds).Draw(t, "kind"),
			Node: rapid.SampledFrom([]string{"node-1", "node-2", "node-3"}).Draw(t, "node")}
		switch h.Kind {
		case sim.Scale:
			h.Controller = rapid.SampledFrom([]string{"web", "rs", "db", "job"}).Draw(t, "scaled")
			h.Replicas = rapid.Int32Range(0, 4).Draw(t, "replicas")
		case sim.TemplateChanged:
			h.Controller = rapid.SampledFrom([]string{"web", "rs", "db", "agent"}).Draw(t, "changed")
			nt := tmpl(map[string]string{"web": "web", "rs": "rs", "db": "db", "agent": "agent"}[h.Controller], restart.Always, h.Controller+":2")
			if h.Controller == "agent" {
				nt.Scheduling = ds.Scheduling
			}
			h.Template = &nt
		case sim.Delete:
			h.Pod = rapid.SampledFrom([]string{"db-0", "db-1", "db-2"}).Draw(t, "deleted")
		}
		_ = i
		haps = append(haps, h)
	}
	return sim.Options{Seed: rapid.Uint64().Draw(t, "seed"), SandboxDelay: time.Second, MaxEvents: 200_000,
		Script: sim.Script{Nodes: nodes, Controllers: ctls, Containers: cs, Happenings: haps}}, 40 * time.Minute
}

// runAll runs s to end, going on after happenings the script got wrong
// (a node lost twice, a pod deleted before it exists).
func runAll(t *rapid.T, s *sim.Sim, end time.Duration) {
	for range 50 {
		if err := s.RunUntil(s.Start().Add(end)); err == nil {
			return
		}
	}
}

// A pod is never moved or resurrected: once bound, its node never
// changes; every pod made has its own UID; two pods with the same name
// never exist at once (a StatefulSet-style replacement waits for the old
// one to be removed). And the same script and seed give the same changes.
func TestClusterProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		opts, end := randomCluster(t)
		s, err := sim.New(opts)
		if err != nil {
			t.Fatal(err)
		}
		nodeOf := map[string]string{}
		step := 0
		for s.Now().Sub(s.Start()) < end {
			ok, _ := s.Step()
			if !ok {
				break
			}
			step++
			if step%7 != 0 {
				continue
			}
			live := map[string]string{}
			for _, p := range s.Pods() {
				uid := p.Metadata.UID
				if n, ok := nodeOf[uid]; ok && n != "" && p.Spec.NodeName != n {
					t.Fatalf("pod %s (%s) moved from %s to %s", p.Metadata.Name, uid, n, p.Spec.NodeName)
				}
				nodeOf[uid] = p.Spec.NodeName
				if s.Removed(uid) {
					continue
				}
				key := p.Metadata.Namespace + "/" + p.Metadata.Name
				if other, ok := live[key]; ok {
					t.Fatalf("two pods named %s at once: %s and %s", key, other, uid)
				}
				live[key] = uid
			}
		}
		seen := map[string]bool{}
		for _, p := range s.Pods() {
			if seen[p.Metadata.UID] {
				t.Fatalf("UID %s given twice", p.Metadata.UID)
			}
			seen[p.Metadata.UID] = true
		}
		again, err := sim.New(opts)
		if err != nil {
			t.Fatal(err)
		}
		runAll(t, again, s.Now().Sub(s.Start()))
		first, err := sim.New(opts)
		if err != nil {
			t.Fatal(err)
		}
		runAll(t, first, s.Now().Sub(s.Start()))
		if diff := cmp.Diff(first.Changes(), again.Changes()); diff != "" {
			t.Fatalf("the same script and seed gave different changes:\n%s", diff)
		}
	})
}
