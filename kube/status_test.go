package kube

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/resource"
	corev1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apiresource "k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
	"pgregory.net/rapid"
)

var apiCmp = cmp.Options{
	cmp.Comparer(func(a, b apiresource.Quantity) bool { return a.Cmp(b) == 0 }),
	cmp.Comparer(func(a, b metav1.Time) bool { return a.Equal(&b) }),
}

// withoutOwned returns a copy of p with every status field ApplyStatus
// writes from st cleared, so that what is left is what it must keep.
func withoutOwned(p *corev1.Pod, st *pod.Status, gates feature.Gates) *corev1.Pod {
	c := p.DeepCopy()
	s := &c.Status
	s.Phase, s.Reason, s.Message, s.HostIP, s.HostIPs, s.PodIP, s.PodIPs, s.StartTime = "", "", "", "", nil, "", nil, nil
	if st.QOSClass != "" {
		s.QOSClass = ""
	}
	if st.NominatedNodeName != "" {
		s.NominatedNodeName = ""
	}
	if st.ObservedGeneration != 0 {
		s.ObservedGeneration = 0 // the larger of the two is written
	}
	var kept []corev1.PodCondition
	for _, cond := range s.Conditions {
		if st.Condition(pod.ConditionType(cond.Type)) == nil || !ownedByKubelet(pod.ConditionType(cond.Type), gates) {
			kept = append(kept, cond)
		}
	}
	s.Conditions = kept
	for _, l := range []struct {
		list []corev1.ContainerStatus
		ours []container.Status
	}{{s.InitContainerStatuses, st.InitContainerStatuses}, {s.ContainerStatuses, st.ContainerStatuses}, {s.EphemeralContainerStatuses, st.EphemeralContainerStatuses}} {
		for i := range l.list {
			if container.Find(l.ours, l.list[i].Name) == nil {
				continue
			}
			cs := &l.list[i]
			cs.State, cs.LastTerminationState, cs.Ready, cs.RestartCount, cs.Started = corev1.ContainerState{}, corev1.ContainerState{}, false, 0, nil
			cs.Image, cs.ImageID, cs.ContainerID = "", "", ""
		}
	}
	// The merge lists podlife's containers first: compare as sets by name.
	for _, l := range []*[]corev1.ContainerStatus{&s.InitContainerStatuses, &s.ContainerStatuses, &s.EphemeralContainerStatuses} {
		sortByName(*l)
	}
	return c
}

func sortByName(l []corev1.ContainerStatus) {
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && l[j].Name < l[j-1].Name; j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
}

// checkRoundTrip: the status podlife derives from p, applied onto p,
// changes nothing podlife does not own; and applying the status read from
// a pod onto it is a fixed point, with no patch to send.
func checkRoundTrip(t tb, name string, p *corev1.Pod) {
	t.Helper()
	var gates feature.Gates
	pp, err := ToPod(p)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	facts, _ := pod.InferNodeFacts(pp)
	st := pod.KubeletStatus(pp, facts, gates, time.Date(2026, 5, 6, 7, 8, 9, 123, time.UTC))
	out := ApplyStatus(p, &st, gates)
	if d := cmp.Diff(withoutOwned(p, &st, gates), withoutOwned(out, &st, gates), apiCmp); d != "" {
		t.Fatalf("%s: ApplyStatus changed what podlife does not own (-before +after):\n%s", name, d)
	}
	back, err := ToPod(out)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	// Conditions are merged in place: compare them by type. Those st does
	// not carry (the resize conditions, which podlife does not derive)
	// stay on the pod and are not podlife's to compare.
	back.Status.Conditions = slices.DeleteFunc(back.Status.Conditions, func(c pod.Condition) bool { return st.Condition(c.Type) == nil })
	seen := map[pod.ConditionType]bool{}
	st.Conditions = slices.DeleteFunc(slices.Clone(st.Conditions), func(c pod.Condition) bool {
		dup := seen[c.Type]
		seen[c.Type] = true
		return dup && ownedByKubelet(c.Type, gates)
	})
	// podIPs follows podIP (ApplyStatus; the apiserver's
	// SetDefaults_PodStatus would fill it so too): a status with an address
	// and no list, which only a pod written by hand has, reads back with
	// the list.
	if st.PodIP != "" && len(st.PodIPs) == 0 {
		st.PodIPs = []pod.PodIP{{IP: st.PodIP}}
	}
	byType := cmpopts.SortSlices(func(a, b pod.Condition) bool { return a.Type < b.Type })
	if d := cmp.Diff(st, back.Status, podCmp, byType); d != "" {
		t.Fatalf("%s: the status written does not read back as podlife's (-podlife +read back):\n%s", name, d)
	}

	once := ApplyStatus(p, &pp.Status, gates)
	onceRead, _ := ToPod(once)
	twice := ApplyStatus(once, &onceRead.Status, gates)
	if !apiequality.Semantic.DeepEqual(once, twice) {
		t.Fatalf("%s: applying a pod's own status is not a fixed point:\n%s", name, cmp.Diff(once, twice, apiCmp))
	}
	patch, err := StatusPatch(once, twice)
	if err != nil || patch != nil {
		t.Fatalf("%s: unchanged status, patch %s, error %v", name, patch, err)
	}
}

func TestApplyStatusRoundTripConformancePods(t *testing.T) {
	pods, names, _ := conformancePods(t)
	for i, p := range pods {
		checkRoundTrip(t, names[i], p)
	}
}

func TestApplyStatusRoundTripRandomPods(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		checkRoundTrip(t, "random pod", genPod().Draw(t, "pod"))
	})
}

func mustTime(s string) metav1.Time {
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return metav1.NewTime(tm)
}

// latestPod is a pod as a controller reads it: fields podlife does not
// model in every corner of the status.
func latestPod() *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "default", UID: "uid-1", ResourceVersion: "7"},
		Spec: corev1.PodSpec{
			Containers:     []corev1.Container{{Name: "app", Image: "nginx"}},
			ReadinessGates: []corev1.PodReadinessGate{{ConditionType: "example.com/lb"}},
		},
		Status: corev1.PodStatus{
			ObservedGeneration: 3,
			Phase:              corev1.PodPending,
			QOSClass:           corev1.PodQOSBestEffort,
			Resize:             corev1.PodResizeStatusInProgress,
			Conditions: []corev1.PodCondition{
				{Type: "example.com/lb", Status: corev1.ConditionTrue, LastTransitionTime: mustTime("2026-01-01T00:00:05Z")},
				{Type: corev1.PodReady, Status: corev1.ConditionFalse, Reason: "ContainersNotReady", LastTransitionTime: mustTime("2026-01-01T00:00:00Z")},
				{Type: corev1.PodResizePending, Status: corev1.ConditionTrue},
			},
			ContainerStatuses: []corev1.ContainerStatus{{
				Name: "app", Image: "nginx",
				State:              corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "ContainerCreating"}},
				AllocatedResources: corev1.ResourceList{corev1.ResourceCPU: apiresource.MustParse("250m")},
				Resources:          &corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceMemory: apiresource.MustParse("64Mi")}},
				VolumeMounts: []corev1.VolumeMountStatus{{Name: "data", MountPath: "/data",
					VolumeStatus: &corev1.VolumeStatus{Image: &corev1.ImageVolumeStatus{ImageRef: "registry/data@sha256:1"}}}},
				User:       &corev1.ContainerUser{Linux: &corev1.LinuxContainerUser{UID: 1000, GID: 1000}},
				StopSignal: ptr(corev1.SIGTERM),
			}},
		},
	}
}

// TestApplyStatusMerges names the rules of the merge, one check each.
func TestApplyStatusMerges(t *testing.T) {
	latest := latestPod()
	before := latest.DeepCopy()
	started := time.Date(2026, 1, 1, 0, 1, 0, 700_000_000, time.UTC)
	st := pod.Status{
		Phase:  phase.Running,
		HostIP: "192.168.0.1", PodIP: "10.0.0.7",
		StartTime: started,
		Conditions: []pod.Condition{
			{Type: pod.Ready, Status: pod.ConditionTrue, LastTransitionTime: started},
			{Type: pod.ContainersReady, Status: pod.ConditionTrue, LastTransitionTime: started},
			// An old copy of the controller's condition: it must not win.
			{Type: "example.com/lb", Status: pod.ConditionFalse},
		},
		// The kubelet's allocatedResources, resources and mounts, as latest
		// has them: latest's own values stay, the mount's volumeStatus
		// (not modelled) with them.
		ContainerStatuses: []container.Status{{Name: "app", Image: "nginx", Ready: true, Started: ptr(true),
			State:              container.State{Running: &container.Running{StartedAt: started}},
			AllocatedResources: resource.MustParseList("cpu=250m"),
			Resources:          &container.Resources{Limits: resource.MustParseList("memory=64Mi")},
			VolumeMounts:       []container.VolumeMountStatus{{Name: "data", MountPath: "/data"}},
		}},
	}
	out := ApplyStatus(latest, &st, feature.Gates{})
	if d := cmp.Diff(before, latest, apiCmp); d != "" {
		t.Fatalf("ApplyStatus changed its input:\n%s", d)
	}
	s := out.Status
	at := metav1.NewTime(started.Truncate(time.Second))
	wantConds := []corev1.PodCondition{
		// pkg/kubelet/status/status_manager.go mergePodStatus: conditions
		// the kubelet does not own stay, readiness gates' among them.
		{Type: "example.com/lb", Status: corev1.ConditionTrue, LastTransitionTime: mustTime("2026-01-01T00:00:05Z")},
		{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: at},
		// PodResizePending is the kubelet's, but podlife does not derive it.
		{Type: corev1.PodResizePending, Status: corev1.ConditionTrue},
		{Type: corev1.ContainersReady, Status: corev1.ConditionTrue, LastTransitionTime: at},
	}
	if d := cmp.Diff(wantConds, s.Conditions, apiCmp); d != "" {
		t.Errorf("conditions (-want +got):\n%s", d)
	}
	if s.ObservedGeneration != 3 || s.Resize != corev1.PodResizeStatusInProgress || s.QOSClass != corev1.PodQOSBestEffort {
		t.Errorf("pod-level fields podlife does not model were not kept: %+v", s)
	}
	if len(s.HostIPs) != 1 || s.HostIPs[0].IP != "192.168.0.1" || len(s.PodIPs) != 1 || s.PodIPs[0].IP != "10.0.0.7" {
		t.Errorf("hostIPs %v, podIPs %v: the first entry must equal hostIP and podIP", s.HostIPs, s.PodIPs)
	}
	if s.StartTime == nil || !s.StartTime.Time.Equal(started.Truncate(time.Second)) {
		t.Errorf("startTime %v, want whole seconds", s.StartTime)
	}
	cs := s.ContainerStatuses[0]
	want := before.Status.ContainerStatuses[0]
	want.State = corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: at}}
	want.Ready, want.Started = true, ptr(true)
	if d := cmp.Diff(want, cs, apiCmp); d != "" {
		t.Errorf("container status: fields podlife does not model must stay (-want +got):\n%s", d)
	}

	// Resources and mounts that differ are podlife's (the kubelet's); a
	// mount at the same path keeps its volumeStatus.
	changed := st
	changed.ContainerStatuses = []container.Status{st.ContainerStatuses[0]}
	c0 := &changed.ContainerStatuses[0]
	c0.AllocatedResources = nil
	c0.Resources = &container.Resources{Requests: resource.MustParseList("cpu=500m")}
	c0.VolumeMounts = []container.VolumeMountStatus{{Name: "data", MountPath: "/data", ReadOnly: true, RecursiveReadOnly: ptr(container.RecursiveReadOnlyDisabled)}}
	cs = ApplyStatus(latest, &changed, feature.Gates{}).Status.ContainerStatuses[0]
	wantRes := &corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceCPU: apiresource.MustParse("500m")}}
	wantMounts := []corev1.VolumeMountStatus{{Name: "data", MountPath: "/data", ReadOnly: true, RecursiveReadOnly: ptr(corev1.RecursiveReadOnlyDisabled),
		VolumeStatus: want.VolumeMounts[0].VolumeStatus}}
	if cs.AllocatedResources != nil || !apiequality.Semantic.DeepEqual(cs.Resources, wantRes) || !apiequality.Semantic.DeepEqual(cs.VolumeMounts, wantMounts) {
		t.Errorf("changed resources and mounts: allocatedResources %v, resources %v, mounts %+v; want none, %v, %+v",
			cs.AllocatedResources, cs.Resources, cs.VolumeMounts, wantRes, wantMounts)
	}

	patch, err := StatusPatch(latest, out)
	if err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{`"metadata":{"uid":"uid-1"}`, `"phase":"Running"`, `"hostIPs":[{"ip":"192.168.0.1"}]`, `"$setElementOrder/conditions"`} {
		if !strings.Contains(string(patch), frag) {
			t.Errorf("patch lacks %s:\n%s", frag, patch)
		}
	}
	if strings.Contains(string(patch), `"example.com/lb","status"`) {
		t.Errorf("patch touches the controller's condition, which did not change:\n%s", patch)
	}
	// The patch, applied by the apiserver's rules to what it stores, gives
	// the merged pod (containerStatuses has no merge key: the list is sent
	// whole, fields podlife does not model included, as the kubelet's is).
	stored, _ := json.Marshal(latest)
	patched, err := strategicpatch.StrategicMergePatch(stored, patch, corev1.Pod{})
	if err != nil {
		t.Fatal(err)
	}
	var got corev1.Pod
	if err := json.Unmarshal(patched, &got); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(out, &got, apiCmp); d != "" {
		t.Errorf("the patch applied to the stored pod is not the merged pod (-merged +patched):\n%s", d)
	}
	if again, err := StatusPatch(out, ApplyStatus(out, &st, feature.Gates{})); err != nil || again != nil {
		t.Errorf("applying the same status again: patch %s, error %v; want nothing", again, err)
	}
}

// A dual-stack hostIPs list whose first entry is hostIP stays; the
// DisruptionTarget condition is shared: podlife's, when it has one,
// replaces latest's, else latest's stays.
func TestApplyStatusKeepsDualStackAndSharedCondition(t *testing.T) {
	latest := latestPod()
	latest.Status.HostIP = "192.168.0.1"
	latest.Status.HostIPs = []corev1.HostIP{{IP: "192.168.0.1"}, {IP: "fd00::1"}}
	latest.Status.Conditions = append(latest.Status.Conditions, corev1.PodCondition{Type: corev1.DisruptionTarget, Status: corev1.ConditionTrue, Reason: "PreemptionByScheduler"})
	out := ApplyStatus(latest, &pod.Status{Phase: phase.Running, HostIP: "192.168.0.1"}, feature.Gates{})
	if len(out.Status.HostIPs) != 2 {
		t.Errorf("hostIPs %v: the second address was lost", out.Status.HostIPs)
	}
	if c := findCond(out.Status.Conditions, corev1.DisruptionTarget); c == nil || c.Reason != "PreemptionByScheduler" {
		t.Errorf("DisruptionTarget %+v: latest's must stay when podlife has none", c)
	}
	out = ApplyStatus(latest, &pod.Status{Phase: phase.Failed, Conditions: []pod.Condition{{Type: pod.DisruptionTarget, Status: pod.ConditionTrue, Reason: pod.ReasonTerminationByKubelet}}}, feature.Gates{})
	if c := findCond(out.Status.Conditions, corev1.DisruptionTarget); c == nil || c.Reason != pod.ReasonTerminationByKubelet {
		t.Errorf("DisruptionTarget %+v: podlife's must replace latest's", c)
	}
	if out.Status.HostIPs != nil {
		t.Errorf("hostIPs %v without a hostIP", out.Status.HostIPs)
	}
}

func findCond(l []corev1.PodCondition, t corev1.PodConditionType) *corev1.PodCondition {
	for i := range l {
		if l[i].Type == t {
			return &l[i]
		}
	}
	return nil
}
