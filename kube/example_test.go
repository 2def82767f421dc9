package kube_test

import (
	"fmt"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/kube"
	"github.com/podlife/podlife/kubectl"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// crashLooping is a pod as a lister or
// clientset.CoreV1().Pods("shop").Get(ctx, "api-0", metav1.GetOptions{})
// returns it: container app has exited with 1 four times and waits in
// CrashLoopBackOff.
func crashLooping() *corev1.Pod {
	at := func(s string) metav1.Time {
		t, _ := time.Parse(time.RFC3339, s)
		return metav1.NewTime(t)
	}
	start := at("2026-11-22T09:00:01Z")
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "api-0", Namespace: "shop", UID: "4c5d6e7f-0001", CreationTimestamp: at("2026-11-22T09:00:00Z")},
		Spec: corev1.PodSpec{
			NodeName:   "node-7",
			Containers: []corev1.Container{{Name: "app", Image: "shop/api:1.4"}},
		},
		Status: corev1.PodStatus{
			Phase: corev1.PodRunning, HostIP: "192.168.10.7", PodIP: "10.244.7.21", StartTime: &start,
			QOSClass: corev1.PodQOSBestEffort,
			Conditions: []corev1.PodCondition{
				{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, LastTransitionTime: at("2026-11-22T09:00:00Z")},
				{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: at("2026-11-22T09:00:03Z")},
			},
			ContainerStatuses: []corev1.ContainerStatus{{
				Name: "app", Image: "shop/api:1.4", RestartCount: 4, Started: new(bool),
				State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff"}},
				LastTerminationState: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
					ExitCode: 1, Reason: "Error", StartedAt: at("2026-11-22T09:05:10Z"), FinishedAt: at("2026-11-22T09:05:18Z")}},
			}},
		},
	}
}

// A controller's loop over one pod: read it into podlife, ask what the
// kubelet would say, and write podlife's status back as the kubelet does.
func Example() {
	latest := crashLooping()
	p, err := kube.ToPod(latest)
	if err != nil {
		panic(err)
	}
	var gates feature.Gates // the v1.37 defaults
	facts, _ := pod.InferNodeFacts(p)

	ph := pod.Phase(p, facts, gates)
	ready := pod.ConditionUnknown
	for _, c := range pod.Conditions(p, ph, facts, gates) {
		if c.Type == pod.Ready {
			ready = c.Status
		}
	}
	fmt.Println("phase:", ph, "ready:", ready)

	after, _ := pod.RestartAfterExit(p, "app", 1, gates)
	next, _ := pod.NextRestart(p, "app", container.Regular, gates, restart.CrashLoopLimits{})
	fmt.Println("app after exit 1:", after, "next start:", next.NextStart.Format(time.RFC3339), "after", next.Delay)

	// Write the kubelet's status back: merged onto the newest object, and
	// sent as clientset.CoreV1().Pods(ns).Patch(ctx, name,
	// types.StrategicMergePatchType, patch, metav1.PatchOptions{}, "status").
	st := pod.KubeletStatus(p, facts, gates, time.Date(2026, 11, 22, 9, 6, 0, 0, time.UTC))
	updated := kube.ApplyStatus(latest, &st, gates)
	patch, err := kube.StatusPatch(latest, updated)
	if err != nil {
		panic(err)
	}
	// New conditions carry "lastProbeTime":null, as the kubelet's patches
	// do: metav1.Time encodes its zero value as null.
	fmt.Printf("patch: %s\n", patch)
	// Output:
	// phase: Running ready: False
	// app after exit 1: restarted next start: 2026-11-22T09:06:38Z after 1m20s
	// patch: {"metadata":{"uid":"4c5d6e7f-0001"},"status":{"$setElementOrder/conditions":[{"type":"PodScheduled"},{"type":"Ready"},{"type":"PodReadyToStartContainers"},{"type":"Initialized"},{"type":"ContainersReady"}],"conditions":[{"lastTransitionTime":"2026-11-22T09:06:00Z","message":"containers with unready status: [app]","reason":"ContainersNotReady","status":"False","type":"Ready"},{"lastProbeTime":null,"lastTransitionTime":"2026-11-22T09:06:00Z","status":"True","type":"PodReadyToStartContainers"},{"lastProbeTime":null,"lastTransitionTime":"2026-11-22T09:06:00Z","status":"True","type":"Initialized"},{"lastProbeTime":null,"lastTransitionTime":"2026-11-22T09:06:00Z","message":"containers with unready status: [app]","reason":"ContainersNotReady","status":"False","type":"ContainersReady"}],"hostIPs":[{"ip":"192.168.10.7"}],"podIPs":[{"ip":"10.244.7.21"}]}}
}

// Writing back a status that did not change sends nothing.
func ExampleStatusPatch() {
	latest := crashLooping()
	p, _ := kube.ToPod(latest)
	once := kube.ApplyStatus(latest, &p.Status, feature.Gates{})
	again := kube.ApplyStatus(once, &p.Status, feature.Gates{})
	patch, err := kube.StatusPatch(once, again)
	fmt.Println(patch == nil, err)
	// Output: true <nil>
}

// The pod a ReplicaSet creates from its template.
func ExamplePodFromTemplate() {
	rs := &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{Name: "api-5f9b8d7c6", Namespace: "shop", UID: "rs-1"},
		Spec: appsv1.ReplicaSetSpec{Template: corev1.PodTemplateSpec{
			ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "api"}},
			Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "shop/api:1.4"}}},
		}},
	}
	p, err := kube.PodFromTemplate(&rs.Spec.Template, rs, appsv1.SchemeGroupVersion.WithKind("ReplicaSet"))
	if err != nil {
		panic(err)
	}
	ref := p.OwnerReferences[0]
	fmt.Println(p.GenerateName, p.Labels, ref.Kind, ref.Name, *ref.Controller)

	pp, _ := kube.ToPod(p)
	fmt.Println("valid:", pod.ValidateCreate(pp, feature.Gates{}).Err() == nil)
	// Output:
	// api-5f9b8d7c6- map[app:api] ReplicaSet api-5f9b8d7c6 true
	// valid: true
}

// A controller that looks at every pod it is handed and keeps none reads
// them with one Reader: the second pod of a shape, and every one after,
// is converted without allocating. Each pod is used before the next Read,
// which overwrites it.
func ExampleReader() {
	var gates feature.Gates
	now := time.Date(2026, 11, 22, 9, 6, 0, 0, time.UTC)
	var r kube.Reader // one for each worker
	for _, obj := range []*corev1.Pod{crashLooping(), crashLooping()} {
		p, err := r.Read(obj)
		if err != nil {
			panic(err)
		}
		facts, _ := pod.InferNodeFacts(p)
		row := kubectl.PodRow(p, now)
		fmt.Println(p.Metadata.Name, pod.Phase(p, facts, gates), row.Status, row.RestartsText())
	}
	// Output:
	// api-0 Running CrashLoopBackOff 4 (42s ago)
	// api-0 Running CrashLoopBackOff 4 (42s ago)
}
