package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/podlife/podlife/sim"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/client-go/kubernetes"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// assets finds the kube-apiserver and etcd binaries envtest runs: the
// KUBEBUILDER_ASSETS directory, else the one .ci/envtest-assets builds.
// Outside CI, without them, the test is skipped and says how to build
// them; in CI their absence is a failure.
func assets(t *testing.T) string {
	t.Helper()
	dirs := []string{os.Getenv("KUBEBUILDER_ASSETS"), filepath.Join("..", "..", ".cache", "envtest", "bin")}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(d, "kube-apiserver")); err == nil {
			abs, _ := filepath.Abs(d)
			return abs
		}
	}
	msg := "no envtest binaries (kube-apiserver, etcd): build them with .ci/envtest-assets, or set KUBEBUILDER_ASSETS"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// A node registered with a real kube-apiserver: a pod bound to it becomes
// Ready, a failing one becomes Failed, a readiness-gate-style condition
// another writer added survives the provider's writes, and a deleted pod
// is gone as soon as its containers have stopped, long before its grace
// period.
func TestVirtualKubeletNodeOnARealAPIServer(t *testing.T) {
	env := &envtest.Environment{BinaryAssetsDirectory: assets(t)}
	cfg, err := env.Start()
	if err != nil {
		t.Fatalf("envtest: %v", err)
	}
	t.Cleanup(func() { _ = env.Stop() })
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)

	const ns, nodeName = "vk", "podlife"
	mustCreate := func(err error) {
		t.Helper()
		if err != nil && !apierrors.IsAlreadyExists(err) {
			t.Fatal(err)
		}
	}
	_, err = client.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{})
	mustCreate(err)
	// No controller manager runs: the ServiceAccount admission plugin
	// needs the namespace's default service account to exist.
	_, err = client.CoreV1().ServiceAccounts(ns).Create(ctx, &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: "default"}}, metav1.CreateOptions{})
	mustCreate(err)

	script := sim.Script{Containers: []sim.ContainerScript{
		{Pod: ns + "/fails", Container: "main", Runs: []sim.Run{{For: 3 * time.Second, ExitCode: 1}}},
	}}
	n, p, err := NewNode(nodeName, Config{Client: client, Script: script, Speed: 10})
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = n.Run(ctx) }()
	if err := n.WaitReady(ctx, time.Minute); err != nil {
		t.Fatalf("node not ready: %v", err)
	}
	go p.Run(ctx, 50*time.Millisecond)

	no := false
	grace := int64(600)
	newPod := func(name string, policy corev1.RestartPolicy, c corev1.Container) *corev1.Pod {
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns},
			Spec: corev1.PodSpec{NodeName: nodeName, RestartPolicy: policy, AutomountServiceAccountToken: &no,
				TerminationGracePeriodSeconds: &grace, Containers: []corev1.Container{c}}}
	}
	web := newPod("web", corev1.RestartPolicyAlways, corev1.Container{Name: "app", Image: "nginx:1.27",
		ReadinessProbe: &corev1.Probe{PeriodSeconds: 5, ProbeHandler: corev1.ProbeHandler{
			HTTPGet: &corev1.HTTPGetAction{Path: "/", Port: intstr.FromInt32(80)}}}})
	fails := newPod("fails", corev1.RestartPolicyNever, corev1.Container{Name: "main", Image: "busybox:1.36"})
	for _, pod := range []*corev1.Pod{web, fails} {
		_, err := client.CoreV1().Pods(ns).Create(ctx, pod, metav1.CreateOptions{})
		mustCreate(err)
	}

	waitFor := func(what string, ok func(*corev1.Pod, error) bool) *corev1.Pod {
		t.Helper()
		deadline := time.Now().Add(45 * time.Second)
		for {
			got, err := client.CoreV1().Pods(ns).Get(ctx, what, metav1.GetOptions{})
			if ok(got, err) {
				return got
			}
			if time.Now().After(deadline) {
				t.Fatalf("pod %s: timed out; last read %v %+v; provider errors %v", what, err, got.Status, p.Errors())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	ready := func(pod *corev1.Pod) bool {
		for _, c := range pod.Status.Conditions {
			if c.Type == corev1.PodReady {
				return c.Status == corev1.ConditionTrue
			}
		}
		return false
	}

	got := waitFor("web", func(p *corev1.Pod, err error) bool { return err == nil && ready(p) })
	if got.Status.Phase != corev1.PodRunning || len(got.Status.ContainerStatuses) != 1 || got.Status.ContainerStatuses[0].State.Running == nil {
		t.Fatalf("a Ready pod that is not Running with its container running: %+v", got.Status)
	}
	if got.Status.PodIP == "" || got.Status.QOSClass != corev1.PodQOSBestEffort {
		t.Errorf("podIP %q and qosClass %q: want an IP and BestEffort", got.Status.PodIP, got.Status.QOSClass)
	}

	got = waitFor("fails", func(p *corev1.Pod, err error) bool { return err == nil && p.Status.Phase == corev1.PodFailed })
	if term := got.Status.ContainerStatuses[0].State.Terminated; term == nil || term.ExitCode != 1 || term.Reason != "Error" {
		t.Fatalf("a Failed pod's container: %+v, want terminated with exit code 1, reason Error", got.Status.ContainerStatuses[0].State)
	}

	// Another writer's condition (a readiness gate's, say) is kept by the
	// provider's later writes: it re-reads the pod before each one.
	cur, _ := client.CoreV1().Pods(ns).Get(ctx, "web", metav1.GetOptions{})
	cur.Status.Conditions = append(cur.Status.Conditions, corev1.PodCondition{Type: "example.com/gate", Status: corev1.ConditionTrue})
	if _, err := client.CoreV1().Pods(ns).UpdateStatus(ctx, cur, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}

	// Deleted with a 600 s grace, the pod is gone as soon as its container
	// stopped (it exits at once on SIGTERM): the provider deletes the API
	// object then.
	if err := client.CoreV1().Pods(ns).Delete(ctx, "web", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	sawTerminating := false
	waitFor("web", func(p *corev1.Pod, err error) bool {
		if err == nil && p.DeletionTimestamp != nil {
			has := false
			for _, c := range p.Status.Conditions {
				has = has || c.Type == "example.com/gate"
			}
			if !has {
				t.Errorf("the provider's write dropped another writer's condition: %+v", p.Status.Conditions)
			}
			sawTerminating = true
		}
		return apierrors.IsNotFound(err)
	})
	if !sawTerminating {
		t.Log("the pod was gone before a read saw it terminating")
	}
	if errs := p.Errors(); len(errs) > 0 {
		t.Errorf("provider errors: %v", errs)
	}
}
