package pod_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

// decodeActions turns fuzz bytes into a pod and a runtime view. Names come
// from a small pool, so duplicate names, records of no container, probe
// results of containers without records and odd states all occur.
func decodeActions(data []byte) (*pod.Pod, *pod.RuntimeView, feature.Gates) {
	next := func() byte {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return b
	}
	names := []string{"a", "b", "c", "d", "e"}
	policies := []restart.Policy{"", restart.Always, restart.OnFailure, restart.Never, "Bogus"}
	states := []container.RuntimeState{container.RuntimeCreated, container.RuntimeRunning, container.RuntimeExited,
		container.RuntimeUnknown, "", "weird"}
	results := []probe.Result{probe.NoProbe, probe.Unknown, probe.Success, probe.Failure, "Odd"}
	p := &pod.Pod{Metadata: pod.Meta{Name: "f", UID: "u"}}
	flags := next()
	p.Spec.RestartPolicy = policies[int(next())%len(policies)]
	p.Spec.HostNetwork = flags&1 != 0
	if flags&2 != 0 {
		p.Metadata.DeletionTimestamp = time.Unix(1, 0)
	}
	var g feature.Gates
	if flags&4 != 0 {
		g = g.With(feature.RestartAllContainersOnContainerExits, false)
	}
	if flags&8 != 0 {
		g = g.With(feature.ContainerRestartRules, false).With(feature.RestartAllContainersOnContainerExits, false)
	}
	v := &pod.RuntimeView{}
	v.PodRestarting = flags&16 != 0
	mk := func() container.Container {
		b := next()
		c := container.Container{Name: names[int(b)%len(names)], Image: "img"}
		if pol := policies[int(b>>3)%len(policies)]; pol != "" {
			c.RestartPolicy = pol.Ptr()
		}
		if b&0x40 != 0 {
			c.StartupProbe = &probe.Probe{}
			c.LivenessProbe = &probe.Probe{}
		}
		if b&0x80 != 0 {
			act := restart.ActionRestartAllContainers
			if b&1 != 0 {
				act = restart.ActionRestart
			}
			c.RestartPolicyRules = []restart.Rule{{Action: act, ExitCodes: &restart.ExitCodes{Operator: restart.In, Values: []int32{int32(b & 3)}}}}
		}
		return c
	}
	for n := int(next() % 4); n > 0; n-- {
		p.Spec.InitContainers = append(p.Spec.InitContainers, mk())
	}
	for n := int(next() % 4); n > 0; n-- {
		p.Spec.Containers = append(p.Spec.Containers, mk())
	}
	for n := int(next() % 3); n > 0; n-- {
		p.Spec.EphemeralContainers = append(p.Spec.EphemeralContainers, mk())
	}
	for n := int(next() % 4); n > 0; n-- {
		b := next()
		v.Sandboxes = append(v.Sandboxes, pod.Sandbox{Ready: b&1 != 0, IP: map[bool]string{true: "10.0.0.1"}[b&2 != 0],
			Attempt: uint32(b >> 4), NetworkNamespaceMode: []pod.NamespaceMode{"", pod.NamespacePod, pod.NamespaceNode}[int(b>>2)%3]})
	}
	for n := int(next() % 8); n > 0; n-- {
		b, e := next(), next()
		img := "img"
		if e&0x80 != 0 {
			img = "other"
		}
		r := container.RuntimeRecord{Name: names[int(b)%len(names)], Image: img, State: states[int(b>>3)%len(states)], ExitCode: int32(e & 3)}
		if e&4 != 0 {
			r.Reason = container.OOMKilled
		}
		v.Records = append(v.Records, r)
	}
	for n := int(next() % 3); n > 0; n-- {
		b := next()
		v.Probes = append(v.Probes, pod.ProbeResults{Name: names[int(b)%len(names)],
			Liveness: results[int(b>>3)%len(results)], Startup: results[int(b>>5)%len(results)]})
	}
	if b := next(); b&1 != 0 {
		v.EarlierSandbox = []string{names[int(b>>1)%len(names)]}
	}
	return p, v, g
}

// FuzzComputePodActions: no panic on any pod and runtime view; every index
// is in range; the derived next init container is the first non-sidecar
// entry; a reused Actions gives the same answer as a fresh one.
func FuzzComputePodActions(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 1, 2, 1, 0, 1, 3, 1, 2, 0x13, 0, 0x0b, 1, 1, 0x1a})
	f.Add([]byte{16, 3, 3, 0x81, 0x82, 3, 0xc0, 0xc1, 0xc2, 1, 7, 1, 2, 9, 0x84, 0x13, 0x80, 2, 0x61, 0x63, 3})
	f.Add([]byte{8, 2, 2, 0x40, 0x48, 1, 1, 0, 1, 3, 0x10, 0x85, 0x09, 1, 0x11, 1, 0x61, 1})
	var reused pod.Actions
	f.Fuzz(func(t *testing.T, data []byte) {
		p, v, g := decodeActions(data)
		var fresh pod.Actions
		pod.ComputePodActions(p, v, g, &fresh)
		pod.ComputePodActions(p, v, g, &reused)
		if !sameActions(&fresh, &reused) {
			t.Fatalf("reused Actions differ:\nfresh  %+v\nreused %+v", fresh, reused)
		}
		a := &fresh
		in := func(idx []int, n int, what string) {
			for _, i := range idx {
				if i < 0 || i >= n {
					t.Fatalf("%s index %d out of range (%d)", what, i, n)
				}
			}
		}
		in(a.ContainersToStart, len(p.Spec.Containers), "container")
		in(a.InitContainersToStart, len(p.Spec.InitContainers), "init container")
		in(a.EphemeralContainersToStart, len(p.Spec.EphemeralContainers), "ephemeral container")
		want := -1
		for _, i := range a.InitContainersToStart {
			if !p.Spec.InitContainers[i].IsSidecar() {
				want = i
				break
			}
		}
		if a.NextInitContainerToStart != want {
			t.Fatalf("NextInitContainerToStart = %d, want %d", a.NextInitContainerToStart, want)
		}
		for _, k := range a.ContainersToKill {
			list := p.Spec.Containers
			if k.Kind == container.Init || k.Kind == container.Sidecar {
				list = p.Spec.InitContainers
			}
			if k.Index < 0 || k.Index >= len(list) || list[k.Index].Name != k.Name || k.Message() == "" {
				t.Fatalf("bad kill %+v", k)
			}
		}
		for _, r := range a.ContainersToReset {
			if r.Record < 0 || r.Record >= len(v.Records) || v.Records[r.Record].Name != r.Name {
				t.Fatalf("bad reset %+v", r)
			}
		}
		if len(a.ContainersToReset) > 0 && (len(a.ContainersToStart)+len(a.InitContainersToStart)+len(a.ContainersToKill) > 0) {
			t.Fatalf("RestartAllContainers decides nothing but the resets: %+v", a)
		}
		if a.CreateSandbox && !a.KillPod {
			t.Fatalf("a new sandbox without killing the pod: %+v", a)
		}
	})
}

// sameActions compares two answers, an empty list equal to a nil one.
func sameActions(x, y *pod.Actions) bool {
	norm := func(a pod.Actions) pod.Actions {
		if len(a.ContainersToStart) == 0 {
			a.ContainersToStart = nil
		}
		if len(a.InitContainersToStart) == 0 {
			a.InitContainersToStart = nil
		}
		if len(a.EphemeralContainersToStart) == 0 {
			a.EphemeralContainersToStart = nil
		}
		if len(a.ContainersToKill) == 0 {
			a.ContainersToKill = nil
		}
		if len(a.ContainersToReset) == 0 {
			a.ContainersToReset = nil
		}
		return a
	}
	return reflect.DeepEqual(norm(*x), norm(*y))
}
