package sim_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/restart"
	"github.com/podlife/podlife/sim"
)

// BenchmarkClusterNodeLoss: 50 nodes, a Deployment-style set of 2,000
// pods with a readiness probe, a DaemonSet-style set, and five nodes lost
// for ten minutes (taint eviction, replacements, the kubelets back), with
// the timelines kept: the cost of the control plane on top of the pods'.
func BenchmarkClusterNodeLoss(b *testing.B) {
	var nodes []sim.Node
	for i := range 50 {
		nodes = append(nodes, sim.Node{Name: fmt.Sprintf("node-%02d", i),
			Allocatable: resource.MustParseList("cpu=16,memory=64Gi,pods=110")})
	}
	var haps []sim.Happening
	for i := range 5 {
		n := fmt.Sprintf("node-%02d", i*7)
		haps = append(haps, sim.Happening{At: 2 * time.Minute, Kind: sim.NodeLost, Node: n}, sim.Happening{At: 12 * time.Minute, Kind: sim.NodeBack, Node: n})
	}
	ready := &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/", Port: probe.PortNumber(80)}, PeriodSeconds: 10}
	web := sim.Template{Labels: map[string]string{"app": "web"}, Spec: pod.Spec{Containers: []container.Container{{Name: "app", Image: "web:1", ReadinessProbe: ready,
		Resources: container.Resources{Requests: resource.MustParseList("cpu=100m,memory=128Mi")}}}}}
	agent := sim.Template{Labels: map[string]string{"app": "agent"}, Spec: pod.Spec{RestartPolicy: restart.Always, Containers: []container.Container{{Name: "agent", Image: "agent:1"}}}}
	opts := sim.Options{SandboxDelay: time.Second, Script: sim.Script{Nodes: nodes, Happenings: haps,
		Controllers: []sim.Controller{{Kind: sim.Deployment, Name: "web", Replicas: 2000, Template: web}, {Kind: sim.DaemonSet, Name: "agent", Template: agent}},
		Containers:  []sim.ContainerScript{{Container: "app", Pull: sim.Pull{Duration: 3 * time.Second}, StopDelay: 2 * time.Second}}}}
	var events, mallocs uint64
	var elapsed time.Duration
	for range b.N {
		s, err := sim.New(opts)
		if err != nil {
			b.Fatal(err)
		}
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		t0 := time.Now()
		if err := s.RunUntil(s.Start().Add(20 * time.Minute)); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(t0)
		runtime.ReadMemStats(&m1)
		mallocs += m1.Mallocs - m0.Mallocs
		events += uint64(s.Stats().Events)
		if st, _ := s.Controller("web"); st.Ready != 2000 {
			b.Fatalf("%d web pods ready at the end, want 2000", st.Ready)
		}
	}
	b.ReportMetric(float64(events)/elapsed.Seconds(), "events/s")
	b.ReportMetric(float64(mallocs)/float64(events), "allocs/event")
	b.ReportMetric(float64(events)/float64(b.N), "events/run")
}
