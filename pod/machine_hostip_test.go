package pod_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/field"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

// The kubelet writes its node's IP into every status it generates once the
// pod is bound, and a hostNetwork pod, which shares the node's network
// namespace, takes that IP as its own (kubelet_pods.go
// generateAPIPodStatus).
func TestMachineWritesTheNodesIP(t *testing.T) {
	at := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	web := func(hostNetwork bool) *pod.Pod {
		return &pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default", UID: "u1"}, Spec: pod.Spec{
			RestartPolicy: restart.Always, HostNetwork: hostNetwork,
			Containers: []container.Container{{Name: "app", Image: "app:1"}}}}
	}
	ips := func(m *pod.Machine) string {
		st := m.Status()
		var list []string
		for _, ip := range st.PodIPs {
			list = append(list, ip.IP)
		}
		return "hostIP=" + st.HostIP + " podIP=" + st.PodIP + " podIPs=" + strings.Join(list, ",")
	}
	step := func(t *testing.T, m *pod.Machine, ev pod.Event) {
		t.Helper()
		if _, err := m.Step(ev); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name        string
		hostNetwork bool
		option, ev  string // MachineOptions.HostIP, the Scheduled event's IP
		sandbox     string // the SandboxReady event's IP
		pending     string // before scheduling
		bound       string // once bound
		running     string // with the sandbox up
	}{
		{name: "the Scheduled event names the node's IP", ev: "192.168.0.2", sandbox: "10.244.0.7",
			pending: "hostIP= podIP= podIPs=", bound: "hostIP=192.168.0.2 podIP= podIPs=", running: "hostIP=192.168.0.2 podIP=10.244.0.7 podIPs=10.244.0.7"},
		{name: "the kubelet's own IP, from the options", option: "192.168.0.3", sandbox: "10.244.0.7",
			pending: "hostIP= podIP= podIPs=", bound: "hostIP=192.168.0.3 podIP= podIPs=", running: "hostIP=192.168.0.3 podIP=10.244.0.7 podIPs=10.244.0.7"},
		{name: "the event's IP replaces the option's", option: "192.168.0.3", ev: "fd00::2", sandbox: "fd00:10:244::7",
			pending: "hostIP= podIP= podIPs=", bound: "hostIP=fd00::2 podIP= podIPs=", running: "hostIP=fd00::2 podIP=fd00:10:244::7 podIPs=fd00:10:244::7"},
		{name: "hostNetwork: the pod IP is the node's from the first status", hostNetwork: true, ev: "192.168.0.2",
			pending: "hostIP= podIP= podIPs=", bound: "hostIP=192.168.0.2 podIP=192.168.0.2 podIPs=192.168.0.2", running: "hostIP=192.168.0.2 podIP=192.168.0.2 podIPs=192.168.0.2"},
		{name: "no IP known: none written", sandbox: "10.244.0.7",
			pending: "hostIP= podIP= podIPs=", bound: "hostIP= podIP= podIPs=", running: "hostIP= podIP=10.244.0.7 podIPs=10.244.0.7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := pod.NewMachine(web(tc.hostNetwork), pod.MachineOptions{HostIP: tc.option})
			if err != nil {
				t.Fatal(err)
			}
			if got := ips(m); got != tc.pending {
				t.Errorf("pending: %s, want %s", got, tc.pending)
			}
			step(t, m, pod.Event{Kind: pod.Scheduled, At: at, Node: "node-1", IP: tc.ev})
			if got := ips(m); got != tc.bound {
				t.Errorf("bound: %s, want %s", got, tc.bound)
			}
			step(t, m, pod.Event{Kind: pod.SandboxReady, At: at.Add(time.Second), IP: tc.sandbox})
			if got := ips(m); got != tc.running {
				t.Errorf("with the sandbox: %s, want %s", got, tc.running)
			}
		})
	}

	// A pod created bound (a static pod, or one whose spec.nodeName was set)
	// has the kubelet's IP in its first status.
	p := web(true)
	p.Spec.NodeName = "node-1"
	m, err := pod.NewMachine(p, pod.MachineOptions{HostIP: "192.168.0.9"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ips(m), "hostIP=192.168.0.9 podIP=192.168.0.9 podIPs=192.168.0.9"; got != want {
		t.Errorf("created bound: %s, want %s", got, want)
	}
}

// The apiserver's status validation refuses an IP with leading zeros, a
// zone or an IPv4 address mapped into IPv6 (IsValidIPForLegacyField,
// strict): a machine refuses them where they come in, naming the fix,
// instead of writing a status no apiserver stores. A form other than the
// canonical one is taken, as the apiserver takes it.
func TestMachineRefusesIPsTheAPIServerRefuses(t *testing.T) {
	at := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	web := &pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default", UID: "u1"}, Spec: pod.Spec{
		RestartPolicy: restart.Always, Containers: []container.Container{{Name: "app", Image: "app:1"}}}}
	bad := map[string]string{
		"192.168.0":      "is not an IP address",
		"010.0.0.1":      "no leading 0s",
		"fe80::1%eth0":   "no zone",
		"::ffff:1.2.3.4": "write 1.2.3.4",
		"node-1":         "is not an IP address",
	}
	for ip, want := range bad {
		_, err := pod.NewMachine(web, pod.MachineOptions{HostIP: ip})
		var errs field.ErrorList
		if !errors.As(err, &errs) || !errs.Has("MachineOptions.HostIP", field.ErrorTypeInvalid) || !strings.Contains(err.Error(), want) {
			t.Errorf("MachineOptions.HostIP %q: %v, want an Invalid error on MachineOptions.HostIP saying %q", ip, err, want)
		}

		m, err := pod.NewMachine(web, pod.MachineOptions{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = m.Step(pod.Event{Kind: pod.Scheduled, At: at, Node: "node-1", IP: ip})
		var se *pod.StepError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), "the node's IP") || !strings.Contains(err.Error(), want) {
			t.Errorf("Scheduled with IP %q: %v, want a StepError saying %q", ip, err, want)
		}
		if m.Pod().Spec.NodeName != "" {
			t.Errorf("a refused Scheduled bound the pod to %q", m.Pod().Spec.NodeName)
		}
		if _, err := m.Step(pod.Event{Kind: pod.Scheduled, At: at, Node: "node-1"}); err != nil {
			t.Fatal(err)
		}
		_, err = m.Step(pod.Event{Kind: pod.SandboxReady, At: at, IP: ip})
		if !errors.As(err, &se) || !strings.Contains(err.Error(), "the pod IP") || !strings.Contains(err.Error(), want) {
			t.Errorf("SandboxReady with IP %q: %v, want a StepError saying %q", ip, err, want)
		}
		if ip := m.Status().PodIP; ip != "" {
			t.Errorf("a refused SandboxReady set the pod IP %q", ip)
		}
	}
	for _, ip := range []string{"FD00::7", "fd00:0:0:0:0:0:0:7", "10.0.0.1", "::1"} {
		if _, err := pod.NewMachine(web, pod.MachineOptions{HostIP: ip}); err != nil {
			t.Errorf("MachineOptions.HostIP %q: %v, want it taken as the apiserver takes it", ip, err)
		}
	}
}
