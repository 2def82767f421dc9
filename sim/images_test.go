package sim_test

import (
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/sim"
)

// pkg/kubelet/images/image_manager.go EnsureImageExists: a node pulls an
// image once; a pod bound later, or one whose container starts only after
// another pod's pull ended, finds it "already present on machine"; a
// container whose imagePullPolicy is Always pulls every time; another
// node pulls for itself.
func TestNodeKeepsThePulledImages(t *testing.T) {
	s, err := sim.New(sim.Options{Script: sim.Script{
		Nodes: []sim.Node{{Name: "node-1"}, {Name: "node-2"}},
		Containers: []sim.ContainerScript{
			{Container: "app", Pull: sim.Pull{Duration: 5 * time.Second}},
			{Pod: "waits", Container: "setup", Pull: sim.Pull{Duration: time.Second}, Runs: []sim.Run{{For: 10 * time.Second}}},
		}}})
	if err != nil {
		t.Fatal(err)
	}
	on := func(p *pod.Pod, node string) *pod.Pod { p.Spec.NodeName = node; return p }
	app := container.Container{Name: "app", Image: "app:1"}
	always := app
	always.ImagePullPolicy = container.PullAlways
	waits := webPod("waits", app)
	waits.Spec.InitContainers = []container.Container{{Name: "setup", Image: "setup:1"}}
	for _, a := range []struct {
		p  *pod.Pod
		at time.Duration
	}{
		{on(webPod("first", app), "node-1"), 0},
		{on(waits, "node-1"), 0},                              // its app starts at ~11 s, after first's pull
		{on(webPod("later", app), "node-1"), time.Minute},     // bound after the pull
		{on(webPod("always", always), "node-1"), time.Minute}, // pulls anyway
		{on(webPod("elsewhere", app), "node-2"), time.Minute}, // another node
	} {
		if err := s.AddPod(a.p, a.at); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RunUntil(s.Start().Add(3 * time.Minute)); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, c := range s.Changes() {
		if c.Kind == sim.EventRecorded && (c.Record.Reason == "Pulling" || c.Record.Reason == "Pulled") &&
			strings.Contains(c.Record.Message, "app:1") {
			msg := "pulled"
			if strings.Contains(c.Record.Message, "already present") {
				msg = "present"
			}
			if c.Record.Reason == "Pulling" {
				msg = "pulling"
			}
			got[c.Pod] = append(got[c.Pod], msg)
		}
	}
	want := map[string]string{
		"default/first": "pulling pulled", "default/waits": "present", "default/later": "present",
		"default/always": "pulling pulled", "default/elsewhere": "pulling pulled",
	}
	for p, w := range want {
		if g := strings.Join(got[p], " "); g != w {
			t.Errorf("%s: the app:1 events %q, want %q", p, g, w)
		}
	}
}

// pkg/kubelet/images/puller.go serialImagePuller: a node pulls one image
// at a time (serializeImagePulls, true by default), in the order asked; a
// pull waits for the earlier ones and its Pulled event says both times;
// a pull of an image an earlier pull brought takes no time of its own.
// With ParallelImagePulls the pulls run side by side, and a pull of an
// image being pulled ends with that pull.
func TestNodePullsOneImageAtATime(t *testing.T) {
	for _, tc := range []struct {
		parallel bool
		want     string // db's Pulled, then web2's
	}{
		{false, `Successfully pulled image "db:1" in 3s (5s including waiting). Image size: 0 bytes.` + "\n" +
			`Successfully pulled image "web:1" in 0s (5s including waiting). Image size: 0 bytes.`},
		{true, `Successfully pulled image "db:1" in 3s (3s including waiting). Image size: 0 bytes.` + "\n" +
			`Successfully pulled image "web:1" in 2s (2s including waiting). Image size: 0 bytes.`},
	} {
		s, err := sim.New(sim.Options{ParallelImagePulls: tc.parallel, Script: sim.Script{
			Nodes: []sim.Node{{Name: "node-1"}},
			Containers: []sim.ContainerScript{
				{Pod: "web", Pull: sim.Pull{Duration: 2 * time.Second}},
				{Pod: "db", Pull: sim.Pull{Duration: 3 * time.Second}},
				{Pod: "web2", Pull: sim.Pull{Duration: 2 * time.Second}},
			}}})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.AddPod(webPod("web", container.Container{Name: "app", Image: "web:1"}), 0); err != nil {
			t.Fatal(err)
		}
		if err := s.AddPod(webPod("db", container.Container{Name: "app", Image: "db:1"}), 0); err != nil {
			t.Fatal(err)
		}
		if err := s.AddPod(webPod("web2", container.Container{Name: "app", Image: "web:1"}), 0); err != nil {
			t.Fatal(err)
		}
		if err := s.RunUntil(s.Start().Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		var got [2]string
		for _, c := range s.Changes() {
			if c.Kind == sim.EventRecorded && c.Record.Reason == "Pulled" {
				switch c.Pod {
				case "default/db":
					got[0] = c.Record.Message
				case "default/web2":
					got[1] = c.Record.Message
				}
			}
		}
		if g := got[0] + "\n" + got[1]; g != tc.want {
			t.Errorf("parallel %v: the Pulled events of db and web2\n%s\nwant\n%s", tc.parallel, g, tc.want)
		}
	}
}
