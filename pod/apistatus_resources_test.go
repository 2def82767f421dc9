package pod_test

import (
	"testing"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/restart"
)

// Table tests for the resources and mounts of pod.ContainerStatuses, each
// named after the rule of pkg/kubelet/kubelet_pods.go
// convertToAPIContainerStatuses it checks.

func qty(s string) resource.Quantity { return resource.MustParse(s) }

func rro(m container.RecursiveReadOnly) *container.RecursiveReadOnly { return &m }

// resourcedPod is a pod whose one container requests 250m CPU and 64Mi,
// with a 128Mi limit, and mounts two volumes, one read-only.
func resourcedPod() *pod.Pod {
	p := asPod(restart.Always, nil, "app")
	c := &p.Spec.Containers[0]
	c.Resources = container.Resources{
		Requests: resource.List{{Name: resource.CPU, Quantity: qty("250m")}, {Name: resource.Memory, Quantity: qty("64Mi")}},
		Limits:   resource.List{{Name: resource.Memory, Quantity: qty("128Mi")}},
	}
	c.VolumeMounts = []container.VolumeMount{{Name: "data", MountPath: "/data"}, {Name: "cfg", MountPath: "/etc/cfg", ReadOnly: true}}
	return p
}

var resourcedMounts = []container.VolumeMountStatus{
	{Name: "data", MountPath: "/data"},
	{Name: "cfg", MountPath: "/etc/cfg", ReadOnly: true, RecursiveReadOnly: rro(container.RecursiveReadOnlyDisabled)},
}

// convertToAPIContainerStatuses (gate InPlacePodVerticalScaling, GA): a
// status made from a record reports the spec's requests as
// allocatedResources and its resources as resources ({} when it sets
// none); a container without a record reports neither.
func TestContainerStatusesResourcesOnlyFromARecord(t *testing.T) {
	p := resourcedPod()
	got := convert(p, pod.RuntimeStatus{}, false)
	if got[0].Resources != nil || got[0].AllocatedResources != nil {
		t.Errorf("no record: resources %v, allocatedResources %v, want neither", got[0].Resources, got[0].AllocatedResources)
	}
	rt := pod.RuntimeStatus{Records: []container.RuntimeRecord{exitedRec("app", 0, 1, "containerd://a", asT0)}}
	got = convert(p, rt, false)
	spec := p.Spec.Containers[0].Resources
	if got[0].Resources == nil || !sameList(got[0].Resources.Requests, spec.Requests) || !sameList(got[0].Resources.Limits, spec.Limits) {
		t.Errorf("exited record: resources %+v, want the spec's %+v", got[0].Resources, spec)
	}
	if !sameList(got[0].AllocatedResources, spec.Requests) {
		t.Errorf("exited record: allocatedResources %v, want the spec's requests %v", got[0].AllocatedResources, spec.Requests)
	}

	bare := asPod(restart.Always, nil, "app")
	got = convert(bare, rt, false)
	if got[0].Resources == nil || !got[0].Resources.IsZero() || got[0].AllocatedResources != nil {
		t.Errorf("no resources in the spec: resources %v, allocatedResources %v, want {} and none", got[0].Resources, got[0].AllocatedResources)
	}
}

func sameList(a, b resource.List) bool {
	if len(a) != len(b) || (a == nil) != (b == nil) {
		return false
	}
	for _, x := range a {
		r, ok := b.Lookup(x.Name)
		if q := x.Quantity; !ok || q.Cmp(r) != 0 || q.String() != r.String() {
			return false
		}
	}
	return true
}

// convertContainerStatusResources: a running container that is still the
// instance of its previous status keeps that status's CPU and memory values
// in each list its spec sets (the runtime reported none of its own); a new
// instance, or one not running, reports the spec's.
func TestContainerStatusesRunningKeepsItsActuatedResources(t *testing.T) {
	oldRes := &container.Resources{
		Requests: resource.List{{Name: resource.CPU, Quantity: qty("500m")}, {Name: resource.Memory, Quantity: qty("64Mi")}},
		Limits:   resource.List{{Name: resource.CPU, Quantity: qty("1")}, {Name: resource.Memory, Quantity: qty("256Mi")}},
	}
	running := container.State{Running: &container.Running{StartedAt: asT0}}
	for _, tc := range []struct {
		name         string
		record       container.RuntimeRecord
		oldState     container.State
		oldID        string
		wantRequests resource.List
		wantLimits   resource.List
	}{
		{"same running instance: the previous values", runningRec("app", 0, "containerd://a", asT0), running, "containerd://a",
			resource.List{{Name: resource.CPU, Quantity: qty("500m")}, {Name: resource.Memory, Quantity: qty("64Mi")}},
			// cpu is kept though the spec's limits have none: the spec sets the list.
			resource.List{{Name: resource.CPU, Quantity: qty("1")}, {Name: resource.Memory, Quantity: qty("256Mi")}}},
		{"a new instance: the spec's", runningRec("app", 1, "containerd://b", asT1), running, "containerd://a",
			resource.List{{Name: resource.CPU, Quantity: qty("250m")}, {Name: resource.Memory, Quantity: qty("64Mi")}}, resource.List{{Name: resource.Memory, Quantity: qty("128Mi")}}},
		{"previous status not running: the spec's", runningRec("app", 0, "containerd://a", asT0), container.State{Waiting: &container.Waiting{}}, "containerd://a",
			resource.List{{Name: resource.CPU, Quantity: qty("250m")}, {Name: resource.Memory, Quantity: qty("64Mi")}}, resource.List{{Name: resource.Memory, Quantity: qty("128Mi")}}},
		{"exited: the spec's", exitedRec("app", 0, 1, "containerd://a", asT0), running, "containerd://a",
			resource.List{{Name: resource.CPU, Quantity: qty("250m")}, {Name: resource.Memory, Quantity: qty("64Mi")}}, resource.List{{Name: resource.Memory, Quantity: qty("128Mi")}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := resourcedPod()
			specRequests := p.Spec.Containers[0].Resources.Requests
			p.Status.ContainerStatuses = []container.Status{{Name: "app", State: tc.oldState, ContainerID: tc.oldID, Resources: oldRes}}
			got := convert(p, pod.RuntimeStatus{Records: []container.RuntimeRecord{tc.record}}, false)
			if !sameList(got[0].Resources.Requests, tc.wantRequests) || !sameList(got[0].Resources.Limits, tc.wantLimits) {
				t.Errorf("resources %v / %v, want requests %v, limits %v", got[0].Resources.Requests, got[0].Resources.Limits, tc.wantRequests, tc.wantLimits)
			}
			if !sameList(got[0].AllocatedResources, specRequests) {
				t.Errorf("allocatedResources %v, want the spec's requests %v", got[0].AllocatedResources, specRequests)
			}
			if !sameList(specRequests, resource.List{{Name: resource.CPU, Quantity: qty("250m")}, {Name: resource.Memory, Quantity: qty("64Mi")}}) {
				t.Errorf("the spec's requests were changed: %v", specRequests)
			}
		})
	}

	// A list the spec does not set stays unset, whatever the previous status had.
	p := asPod(restart.Always, nil, "app")
	p.Status.ContainerStatuses = []container.Status{{Name: "app", State: running, ContainerID: "containerd://a", Resources: oldRes}}
	got := convert(p, pod.RuntimeStatus{Records: []container.RuntimeRecord{runningRec("app", 0, "containerd://a", asT0)}}, false)
	if got[0].Resources == nil || !got[0].Resources.IsZero() {
		t.Errorf("no resources in the spec: %+v, want {}", got[0].Resources)
	}
}

// convertToAPIContainerStatuses (gate RecursiveReadOnlyMounts, GA): a
// container without a record reports its spec's mounts, a read-only one
// with the recursive read-only mode the runtime gives it; a status made
// from a record keeps the previous status's mounts (none without one: the
// runtime does not know the volumes' names).
func TestContainerStatusesVolumeMounts(t *testing.T) {
	p := resourcedPod()
	got := convert(p, pod.RuntimeStatus{}, false)
	checkMounts(t, "no record", got[0].VolumeMounts, resourcedMounts)

	rt := pod.RuntimeStatus{Records: []container.RuntimeRecord{runningRec("app", 0, "containerd://a", asT0)}}
	checkMounts(t, "a record, no previous status", convert(p, rt, false)[0].VolumeMounts, nil)

	p.Status.ContainerStatuses = got
	checkMounts(t, "a record, the previous status's", convert(p, rt, false)[0].VolumeMounts, resourcedMounts)

	// A previous status kept whole (it was terminated) keeps its mounts too.
	p.Status.ContainerStatuses = []container.Status{{Name: "app", State: container.State{Terminated: &container.Terminated{ExitCode: 1}},
		VolumeMounts: resourcedMounts[:1], Resources: &container.Resources{}}}
	kept := convert(p, pod.RuntimeStatus{}, false)[0]
	checkMounts(t, "terminated, kept whole", kept.VolumeMounts, resourcedMounts[:1])
	if kept.Resources == nil || !kept.Resources.IsZero() {
		t.Errorf("terminated, kept whole: resources %+v, want the previous {}", kept.Resources)
	}
}

// resolveRecursiveReadOnly: a read-only mount reports Enabled only when it
// asks for it (Enabled or IfPossible), propagates nothing, and the
// runtime handler supports it; Disabled otherwise. A writable mount reports
// no mode.
func TestContainerStatusesRecursiveReadOnly(t *testing.T) {
	hostToContainer := container.MountPropagationHostToContainer
	none := container.MountPropagationNone
	for _, tc := range []struct {
		name      string
		mount     container.VolumeMount
		supported bool
		want      *container.RecursiveReadOnly
	}{
		{"writable: no mode", container.VolumeMount{ReadOnly: false}, true, nil},
		{"read-only, no mode asked: Disabled", container.VolumeMount{ReadOnly: true}, true, rro(container.RecursiveReadOnlyDisabled)},
		{"Disabled asked: Disabled", container.VolumeMount{ReadOnly: true, RecursiveReadOnly: rro(container.RecursiveReadOnlyDisabled)}, true, rro(container.RecursiveReadOnlyDisabled)},
		{"IfPossible, supported: Enabled", container.VolumeMount{ReadOnly: true, RecursiveReadOnly: rro(container.RecursiveReadOnlyIfPossible)}, true, rro(container.RecursiveReadOnlyEnabled)},
		{"IfPossible, not supported: Disabled", container.VolumeMount{ReadOnly: true, RecursiveReadOnly: rro(container.RecursiveReadOnlyIfPossible)}, false, rro(container.RecursiveReadOnlyDisabled)},
		{"Enabled, supported: Enabled", container.VolumeMount{ReadOnly: true, RecursiveReadOnly: rro(container.RecursiveReadOnlyEnabled)}, true, rro(container.RecursiveReadOnlyEnabled)},
		{"Enabled, not supported: Disabled", container.VolumeMount{ReadOnly: true, RecursiveReadOnly: rro(container.RecursiveReadOnlyEnabled)}, false, rro(container.RecursiveReadOnlyDisabled)},
		{"Enabled, propagation None: Enabled", container.VolumeMount{ReadOnly: true, RecursiveReadOnly: rro(container.RecursiveReadOnlyEnabled), MountPropagation: &none}, true, rro(container.RecursiveReadOnlyEnabled)},
		{"Enabled with propagation: Disabled", container.VolumeMount{ReadOnly: true, RecursiveReadOnly: rro(container.RecursiveReadOnlyEnabled), MountPropagation: &hostToContainer}, true, rro(container.RecursiveReadOnlyDisabled)},
		{"an unknown mode: Disabled", container.VolumeMount{ReadOnly: true, RecursiveReadOnly: rro("Sometimes")}, true, rro(container.RecursiveReadOnlyDisabled)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := asPod(restart.Always, nil, "app")
			tc.mount.Name, tc.mount.MountPath = "v", "/v"
			p.Spec.Containers[0].VolumeMounts = []container.VolumeMount{tc.mount}
			got := convert(p, pod.RuntimeStatus{RecursiveReadOnlyMounts: tc.supported}, false)[0].VolumeMounts
			checkMounts(t, tc.name, got, []container.VolumeMountStatus{{Name: "v", MountPath: "/v", ReadOnly: tc.mount.ReadOnly, RecursiveReadOnly: tc.want}})
		})
	}
}

func checkMounts(t *testing.T, what string, got, want []container.VolumeMountStatus) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: mounts %+v, want %+v", what, got, want)
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Name != w.Name || g.MountPath != w.MountPath || g.ReadOnly != w.ReadOnly || (g.RecursiveReadOnly == nil) != (w.RecursiveReadOnly == nil) ||
			(g.RecursiveReadOnly != nil && *g.RecursiveReadOnly != *w.RecursiveReadOnly) {
			t.Errorf("%s: mount %d is %+v (mode %v), want %+v (mode %v)", what, i, g, deref(g.RecursiveReadOnly), w, deref(w.RecursiveReadOnly))
		}
	}
}

func deref(m *container.RecursiveReadOnly) any {
	if m == nil {
		return nil
	}
	return *m
}
