package kube

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/resource"
	corev1 "k8s.io/api/core/v1"
	apiresource "k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
)

// ApplyStatus returns a deep copy of latest, the newest object read from
// the apiserver, with podlife's status st written onto it. latest is not
// changed. The merge keeps what podlife does not model and never rebuilds
// the status:
//
//   - phase, reason, message, hostIP, podIP and podIPs, and startTime are
//     podlife's; qosClass and nominatedNodeName are written only when st
//     sets them, observedGeneration only when st's is larger (the kubelet
//     never lowers it, and the apiserver keeps the old one for a 0). Every
//     other field (resize, resourceClaimStatuses, resources, ...) stays as
//     latest has it.
//   - hostIPs follows hostIP and podIPs follows podIP, as the apiserver
//     requires the first entry to equal the singular field: latest's list
//     stays when its first entry already matches (a dual-stack second
//     address is kept), else it becomes the one address.
//   - conditions are merged by type, as the kubelet's status manager
//     merges them (pkg/kubelet/status/status_manager.go mergePodStatus,
//     with pkg/kubelet/types/pod_status.go PodConditionByKubelet): the
//     types the kubelet owns (PodScheduled, Initialized, ContainersReady,
//     Ready, PodReadyToStartContainers and AllContainersRestarting while
//     their gates are on) and the shared DisruptionTarget are taken from
//     st, in place when latest has them, appended otherwise; every other
//     condition (readiness gates', the resize conditions, anything a
//     controller wrote) stays as latest has it, whatever st carries for
//     it.
//   - container statuses are merged by name in each of the three lists:
//     st's entries, in st's order, each written onto latest's entry of that
//     name so that user, allocatedResourcesStatus, stopSignal and each
//     mount's volumeStatus (matched by mountPath) stay; latest's entries
//     that st does not name follow. A list st leaves empty stays as latest
//     has it. allocatedResources, resources and volumeMounts are st's (the
//     kubelet's, as pod.ContainerStatuses reports them); where they hold
//     what latest's do, latest's own values stay.
//   - times are cut to whole seconds; a time equal to latest's, at that
//     precision, is latest's own value, so an unchanged status compares
//     equal and StatusPatch finds nothing to send.
func ApplyStatus(latest *corev1.Pod, st *pod.Status, gates feature.Gates) *corev1.Pod {
	out := latest.DeepCopy()
	if out == nil {
		out = new(corev1.Pod)
	}
	if st == nil {
		return out
	}
	s := &out.Status
	s.ObservedGeneration = max(s.ObservedGeneration, st.ObservedGeneration)
	s.Phase = corev1.PodPhase(st.Phase)
	s.Reason, s.Message = st.Reason, st.Message
	if st.NominatedNodeName != "" {
		s.NominatedNodeName = st.NominatedNodeName
	}
	if st.QOSClass != "" {
		s.QOSClass = corev1.PodQOSClass(st.QOSClass)
	}
	s.HostIP = st.HostIP
	switch {
	case st.HostIP == "":
		s.HostIPs = nil
	case len(s.HostIPs) == 0 || s.HostIPs[0].IP != st.HostIP:
		s.HostIPs = []corev1.HostIP{{IP: st.HostIP}}
	}
	s.PodIP = st.PodIP
	s.PodIPs = podIPs(s.PodIPs, st)
	s.StartTime = metaTimePtr(s.StartTime, st.StartTime)
	s.Conditions = mergeConditions(s.Conditions, st.Conditions, gates)
	s.InitContainerStatuses = mergeStatuses(s.InitContainerStatuses, st.InitContainerStatuses)
	s.ContainerStatuses = mergeStatuses(s.ContainerStatuses, st.ContainerStatuses)
	s.EphemeralContainerStatuses = mergeStatuses(s.EphemeralContainerStatuses, st.EphemeralContainerStatuses)
	return out
}

// podIPs is st's podIPs, or the one address podIP when st lists none;
// old stays when it already says the same.
func podIPs(old []corev1.PodIP, st *pod.Status) []corev1.PodIP {
	want := st.PodIPs
	if len(want) == 0 {
		if st.PodIP == "" {
			return nil
		}
		if len(old) > 0 && old[0].IP == st.PodIP {
			return old
		}
		return []corev1.PodIP{{IP: st.PodIP}}
	}
	same := len(old) == len(want)
	for i := 0; same && i < len(want); i++ {
		same = old[i].IP == want[i].IP
	}
	if same {
		return old
	}
	out := make([]corev1.PodIP, len(want))
	for i, ip := range want {
		out[i] = corev1.PodIP{IP: ip.IP}
	}
	return out
}

// ownedByKubelet reports whether the kubelet writes conditions of type t
// (pkg/kubelet/types/pod_status.go PodConditionByKubelet and
// PodConditionSharedByKubelet), leaving out the resize conditions, which
// podlife does not derive.
func ownedByKubelet(t pod.ConditionType, gates feature.Gates) bool {
	switch t {
	case pod.PodScheduled, pod.Ready, pod.Initialized, pod.ContainersReady, pod.DisruptionTarget:
		return true
	case pod.PodReadyToStartContainers:
		return gates.Enabled(feature.PodReadyToStartContainersCondition)
	case pod.AllContainersRestarting:
		return gates.Enabled(feature.RestartAllContainersOnContainerExits)
	}
	return false
}

func mergeConditions(old []corev1.PodCondition, conds []pod.Condition, gates feature.Gates) []corev1.PodCondition {
	for i := range conds {
		c := &conds[i]
		if !ownedByKubelet(c.Type, gates) || slices.ContainsFunc(conds[:i], func(e pod.Condition) bool { return e.Type == c.Type }) {
			// Not podlife's, or a second one of a type: the first wins.
			continue
		}
		j := 0
		for j < len(old) && old[j].Type != corev1.PodConditionType(c.Type) {
			j++
		}
		var prev corev1.PodCondition
		if j < len(old) {
			prev = old[j]
		}
		nc := corev1.PodCondition{
			Type: corev1.PodConditionType(c.Type), Status: corev1.ConditionStatus(c.Status),
			ObservedGeneration: c.ObservedGeneration,
			LastProbeTime:      metaTime(prev.LastProbeTime, c.LastProbeTime),
			LastTransitionTime: metaTime(prev.LastTransitionTime, c.LastTransitionTime),
			Reason:             c.Reason, Message: c.Message,
		}
		if j < len(old) {
			old[j] = nc
			// The kubelet writes one condition of each type it owns and
			// drops the rest (mergePodStatus keeps none of the old ones).
			old = append(old[:j+1], slices.DeleteFunc(old[j+1:], func(o corev1.PodCondition) bool { return o.Type == nc.Type })...)
		} else {
			old = append(old, nc)
		}
	}
	return old
}

func mergeStatuses(old []corev1.ContainerStatus, statuses []container.Status) []corev1.ContainerStatus {
	if len(statuses) == 0 {
		return old
	}
	out := make([]corev1.ContainerStatus, 0, max(len(old), len(statuses)))
	used := make([]bool, len(old))
	for i := range statuses {
		n := &statuses[i]
		var cs corev1.ContainerStatus
		for j := range old {
			if !used[j] && old[j].Name == n.Name {
				cs, used[j] = old[j], true
				break
			}
		}
		cs.Name = n.Name
		cs.State = stateTo(cs.State, &n.State)
		cs.LastTerminationState = stateTo(cs.LastTerminationState, &n.LastState)
		cs.Ready = n.Ready
		cs.RestartCount = n.RestartCount
		if !sameBoolPtr(cs.Started, n.Started) {
			cs.Started = clonePtr(n.Started)
		}
		cs.Image, cs.ImageID, cs.ContainerID = n.Image, n.ImageID, n.ContainerID
		cs.AllocatedResources = resourceListTo(cs.AllocatedResources, n.AllocatedResources)
		cs.Resources = resourcesTo(cs.Resources, n.Resources)
		cs.VolumeMounts = mountsTo(cs.VolumeMounts, n.VolumeMounts)
		out = append(out, cs)
	}
	for j := range old {
		if !used[j] {
			out = append(out, old[j])
		}
	}
	return out
}

// resourceListTo is l as the API type: old itself when it holds the same
// quantities, written the same way (an empty list and none are the same on
// the wire), else a new list.
func resourceListTo(old corev1.ResourceList, l resource.List) corev1.ResourceList {
	if len(l) == 0 {
		if len(old) == 0 {
			return old
		}
		return nil
	}
	if len(old) == len(l) {
		same := true
		for _, a := range l {
			o, ok := old[corev1.ResourceName(a.Name)]
			if !ok || o.String() != a.Quantity.String() {
				same = false
				break
			}
		}
		if same {
			return old
		}
	}
	out := make(corev1.ResourceList, len(l))
	for _, a := range l {
		// podlife writes a quantity as the apiserver does, so the text
		// parses back to the same value; a quantity that did not (there
		// is none) would be left out rather than made up.
		if v, err := apiresource.ParseQuantity(a.Quantity.String()); err == nil {
			out[corev1.ResourceName(a.Name)] = v
		}
	}
	return out
}

// resourcesTo is r as the API type, old itself when it says the same.
func resourcesTo(old *corev1.ResourceRequirements, r *container.Resources) *corev1.ResourceRequirements {
	if r == nil {
		return nil
	}
	var prev corev1.ResourceRequirements
	if old != nil {
		prev = *old
	}
	out := corev1.ResourceRequirements{
		Limits:   resourceListTo(prev.Limits, r.Limits),
		Requests: resourceListTo(prev.Requests, r.Requests),
		Claims:   prev.Claims,
	}
	if !slices.EqualFunc(prev.Claims, r.Claims, func(a corev1.ResourceClaim, b container.ResourceClaim) bool {
		return a.Name == b.Name && a.Request == b.Request
	}) {
		out.Claims = nil
		if r.Claims != nil {
			out.Claims = make([]corev1.ResourceClaim, len(r.Claims))
			for i, c := range r.Claims {
				out.Claims[i] = corev1.ResourceClaim{Name: c.Name, Request: c.Request}
			}
		}
	}
	if old != nil && reflect.DeepEqual(*old, out) {
		return old
	}
	return &out
}

// mountsTo is ms as the API type, each mount keeping the volumeStatus
// (which podlife does not model) of old's mount at the same path, the
// list's merge key; old itself when nothing differs.
func mountsTo(old []corev1.VolumeMountStatus, ms []container.VolumeMountStatus) []corev1.VolumeMountStatus {
	if len(ms) == 0 {
		if len(old) == 0 {
			return old // none and an empty list are the same on the wire
		}
		return nil
	}
	if slices.EqualFunc(old, ms, func(a corev1.VolumeMountStatus, b container.VolumeMountStatus) bool {
		return a.Name == b.Name && a.MountPath == b.MountPath && a.ReadOnly == b.ReadOnly &&
			(a.RecursiveReadOnly == nil) == (b.RecursiveReadOnly == nil) &&
			(a.RecursiveReadOnly == nil || string(*a.RecursiveReadOnly) == string(*b.RecursiveReadOnly))
	}) {
		return old
	}
	out := make([]corev1.VolumeMountStatus, len(ms))
	for i, m := range ms {
		out[i] = corev1.VolumeMountStatus{Name: m.Name, MountPath: m.MountPath, ReadOnly: m.ReadOnly}
		if m.RecursiveReadOnly != nil {
			v := corev1.RecursiveReadOnlyMode(*m.RecursiveReadOnly)
			out[i].RecursiveReadOnly = &v
		}
		for j := range old {
			if old[j].MountPath == m.MountPath {
				out[i].VolumeStatus = old[j].VolumeStatus
				break
			}
		}
	}
	return out
}

func sameBoolPtr(a, b *bool) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

func stateTo(old corev1.ContainerState, s *container.State) corev1.ContainerState {
	var out corev1.ContainerState
	if w := s.Waiting; w != nil {
		out.Waiting = &corev1.ContainerStateWaiting{Reason: string(w.Reason), Message: w.Message}
	}
	if r := s.Running; r != nil {
		var prev metav1.Time
		if old.Running != nil {
			prev = old.Running.StartedAt
		}
		out.Running = &corev1.ContainerStateRunning{StartedAt: metaTime(prev, r.StartedAt)}
	}
	if t := s.Terminated; t != nil {
		var prev corev1.ContainerStateTerminated
		if old.Terminated != nil {
			prev = *old.Terminated
		}
		out.Terminated = &corev1.ContainerStateTerminated{ExitCode: t.ExitCode, Signal: t.Signal,
			Reason: string(t.Reason), Message: t.Message,
			StartedAt:   metaTime(prev.StartedAt, t.StartedAt),
			FinishedAt:  metaTime(prev.FinishedAt, t.FinishedAt),
			ContainerID: t.ContainerID}
	}
	return out
}

// metaTime is t in the API's precision, or old when old is the same
// instant at that precision.
func metaTime(old metav1.Time, t time.Time) metav1.Time {
	t = apiTime(t)
	if t.IsZero() {
		return metav1.Time{}
	}
	if old.Time.Equal(t) {
		return old
	}
	return metav1.NewTime(t)
}

func metaTimePtr(old *metav1.Time, t time.Time) *metav1.Time {
	t = apiTime(t)
	if t.IsZero() {
		return nil
	}
	if old != nil && old.Time.Equal(t) {
		return old
	}
	v := metav1.NewTime(t)
	return &v
}

// StatusPatch returns the body of the kubelet's status write: the two-way
// strategic-merge patch from original's status to updated's, with
// original's UID as metadata.uid so that the apiserver refuses it for
// another pod of the same name (pkg/util/pod/pod.go PatchPodStatus and
// preparePatchBytesForPodStatus). Send it with
// types.StrategicMergePatchType to the pod's "status" subresource. When
// the statuses do not differ it returns nil: there is nothing to send.
func StatusPatch(original, updated *corev1.Pod) ([]byte, error) {
	if original == nil || updated == nil {
		return nil, fmt.Errorf("kube: StatusPatch needs both pods")
	}
	oldData, err := json.Marshal(corev1.Pod{Status: original.Status})
	if err != nil {
		return nil, fmt.Errorf("kube: encoding the original status of %s/%s: %w", original.Namespace, original.Name, err)
	}
	// The UID is only in the new object, so that it is always in the
	// patch, as a precondition.
	newData, err := json.Marshal(corev1.Pod{ObjectMeta: metav1.ObjectMeta{UID: original.UID}, Status: updated.Status})
	if err != nil {
		return nil, fmt.Errorf("kube: encoding the new status of %s/%s: %w", original.Namespace, original.Name, err)
	}
	patch, err := strategicpatch.CreateTwoWayMergePatch(oldData, newData, corev1.Pod{})
	if err != nil {
		return nil, fmt.Errorf("kube: status patch of %s/%s: %w", original.Namespace, original.Name, err)
	}
	uidOnly, _ := json.Marshal(map[string]map[string]string{"metadata": {"uid": string(original.UID)}})
	if bytes.Equal(patch, uidOnly) || string(patch) == "{}" {
		return nil, nil
	}
	return patch, nil
}
