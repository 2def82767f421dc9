package sim_test

import (
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/sim"
)

// Every node has an IP, which its kubelet writes as its pods'
// status.hostIP; a hostNetwork pod has it as its pod IP (kubelet_pods.go
// generateAPIPodStatus). The nodes are numbered in the order the Sim first
// names them.
func TestNodesGiveTheirIPs(t *testing.T) {
	hostNet := func(name string) *pod.Pod {
		p := webPod(name)
		p.Spec.HostNetwork = true
		return p
	}
	bound := func(p *pod.Pod, node string) *pod.Pod {
		p.Spec.NodeName = node
		return p
	}
	ips := func(t *testing.T, s *sim.Sim, key string) [2]string {
		t.Helper()
		p := s.Pod(key)
		if p == nil {
			t.Fatalf("no pod %s", key)
		}
		return [2]string{p.Status.HostIP, p.Status.PodIP}
	}

	t.Run("declared nodes, scheduled and bound pods", func(t *testing.T) {
		s, err := sim.New(sim.Options{Script: sim.Script{Nodes: []sim.Node{{Name: "a"}, {Name: "b"}}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []*pod.Pod{bound(webPod("on-b"), "b"), bound(hostNet("host-a"), "a"), hostNet("host-anywhere")} {
			if err := s.AddPod(p, 0); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.RunUntil(s.Start().Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if got := ips(t, s, "default/on-b"); got[0] != "192.168.0.3" || !strings.HasPrefix(got[1], "10.244.") {
			t.Errorf("a pod bound to b: hostIP, podIP %q, want 192.168.0.3 and one of 10.244.0.0/16", got)
		}
		if got, want := ips(t, s, "default/host-a"), [2]string{"192.168.0.2", "192.168.0.2"}; got != want {
			t.Errorf("a hostNetwork pod bound to a: hostIP, podIP %q, want %q", got, want)
		}
		p := s.Pod("default/host-anywhere")
		want := map[string]string{"a": "192.168.0.2", "b": "192.168.0.3"}[p.Spec.NodeName]
		if got := ips(t, s, "default/host-anywhere"); want == "" || got != [2]string{want, want} {
			t.Errorf("a scheduled hostNetwork pod on %q: hostIP, podIP %q, want %q for both", p.Spec.NodeName, got, want)
		}
	})

	t.Run("a pod bound to a node the script does not declare has no kubelet, so no hostIP", func(t *testing.T) {
		for _, o := range []pod.MachineOptions{{}, {HostIP: "172.18.0.5"}} {
			s, err := sim.New(sim.Options{Script: sim.Script{Nodes: []sim.Node{{Name: "a"}}}, Machine: o})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.AddPod(bound(hostNet("orphan"), "ghost"), 0); err != nil {
				t.Fatal(err)
			}
			if err := s.RunUntil(s.Start().Add(time.Second)); err != nil {
				t.Fatal(err)
			}
			if got := ips(t, s, "default/orphan"); got != [2]string{} {
				t.Errorf("MachineOptions.HostIP %q: hostIP, podIP %q, want none", o.HostIP, got)
			}
		}
	})

	t.Run("implicit nodes, named by pods added bound", func(t *testing.T) {
		s, err := sim.New(sim.Options{})
		if err != nil {
			t.Fatal(err)
		}
		// x is named first (added first) though its pod is created last:
		// the IPs follow the naming.
		if err := s.AddPod(bound(hostNet("late"), "x"), time.Minute); err != nil {
			t.Fatal(err)
		}
		if err := s.AddPod(webPod("default-node"), 0); err != nil {
			t.Fatal(err)
		}
		if err := s.RunUntil(s.Start().Add(2 * time.Minute)); err != nil {
			t.Fatal(err)
		}
		if got, want := ips(t, s, "default/late"), [2]string{"192.168.0.2", "192.168.0.2"}; got != want {
			t.Errorf("a hostNetwork pod bound to x: hostIP, podIP %q, want %q", got, want)
		}
		if got := ips(t, s, "default/default-node"); got[0] != "192.168.0.3" || !strings.HasPrefix(got[1], "10.244.") {
			t.Errorf("a pod on node-1: hostIP, podIP %q, want 192.168.0.3 and one of 10.244.0.0/16", got)
		}
	})

	t.Run("Options.Machine.HostIP is every node's", func(t *testing.T) {
		s, err := sim.New(sim.Options{Machine: pod.MachineOptions{HostIP: "172.18.0.5"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.AddPod(hostNet("h"), 0); err != nil {
			t.Fatal(err)
		}
		if err := s.RunUntil(s.Start().Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if got, want := ips(t, s, "default/h"), [2]string{"172.18.0.5", "172.18.0.5"}; got != want {
			t.Errorf("hostIP, podIP %q, want %q", got, want)
		}
	})
}
