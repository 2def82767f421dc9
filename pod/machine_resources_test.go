package pod_test

import (
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/restart"
)

// The machine's statuses report what the kubelet reports of resources and
// mounts (kubelet_pods.go convertToAPIContainerStatuses): the spec's mounts
// while a container is being created, kept once it runs; the defaulted
// spec's requests as allocatedResources and its resources as resources
// once the runtime has the container.
func TestMachineReportsResourcesAndMounts(t *testing.T) {
	ifPossible := container.RecursiveReadOnlyIfPossible
	web := func() *pod.Pod {
		return &pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default", UID: "u1"}, Spec: pod.Spec{
			RestartPolicy: restart.Always,
			Volumes:       []pod.Volume{{Name: "data", VolumeSource: pod.VolumeSource{EmptyDir: &pod.EmptyDirSource{}}}},
			Containers: []container.Container{{Name: "app", Image: "app:1",
				// The apiserver defaults the memory request to the limit.
				Resources: container.Resources{
					Requests: resource.List{{Name: resource.CPU, Quantity: qty("100m")}},
					Limits:   resource.List{{Name: resource.Memory, Quantity: qty("128Mi")}},
				},
				VolumeMounts: []container.VolumeMount{{Name: "data", MountPath: "/data", ReadOnly: true, RecursiveReadOnly: &ifPossible}},
			}}}}
	}
	for _, tc := range []struct {
		name string
		rro  bool
		mode container.RecursiveReadOnly
	}{
		{"a runtime without recursive read-only mounts: Disabled", false, container.RecursiveReadOnlyDisabled},
		{"a runtime with them (MachineOptions.RecursiveReadOnlyMounts): Enabled", true, container.RecursiveReadOnlyEnabled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDriverWith(t, web(), script{}, pod.MachineOptions{RecursiveReadOnlyMounts: tc.rro})
			mounts := []container.VolumeMountStatus{{Name: "data", MountPath: "/data", ReadOnly: true, RecursiveReadOnly: rro(tc.mode)}}
			// Bound, the sandbox not yet made: the container is being created.
			ev, _ := d.pop()
			out, err := d.m.Step(ev)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range out.Actions {
				d.answer(a, ev.At)
			}
			cs := d.m.Status().ContainerStatuses[0]
			if cs.State.Running != nil {
				t.Fatalf("want the container still being created a second in, got %+v", cs.State)
			}
			checkMounts(t, "being created", cs.VolumeMounts, mounts)
			if cs.Resources != nil || cs.AllocatedResources != nil {
				t.Errorf("being created: resources %v, allocatedResources %v, want neither before the runtime has the container", cs.Resources, cs.AllocatedResources)
			}

			d.runUntil(m0.Add(time.Minute))
			cs = d.m.Status().ContainerStatuses[0]
			if cs.State.Running == nil {
				t.Fatalf("want the container running a minute in, got %+v\n%s", *cs.State.Waiting, d.log.String())
			}
			checkMounts(t, "running", cs.VolumeMounts, mounts)
			requests := resource.List{{Name: resource.CPU, Quantity: qty("100m")}, {Name: resource.Memory, Quantity: qty("128Mi")}}
			if !sameList(cs.AllocatedResources, requests) {
				t.Errorf("running: allocatedResources %v, want the defaulted requests %v", cs.AllocatedResources, requests)
			}
			if cs.Resources == nil || !sameList(cs.Resources.Requests, requests) || !sameList(cs.Resources.Limits, resource.List{{Name: resource.Memory, Quantity: qty("128Mi")}}) {
				t.Errorf("running: resources %+v, want the defaulted spec's", cs.Resources)
			}
		})
	}
}
