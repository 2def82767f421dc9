package virtualkubelet_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/podlife/podlife/examples/virtualkubelet"
	"github.com/podlife/podlife/internal/envtestbin"
	"github.com/podlife/podlife/sim"
	"github.com/virtual-kubelet/virtual-kubelet/node/nodeutil"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/client-go/kubernetes"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// waitFor polls cond every 50 ms for at most d of wall-clock time.
func waitFor(t *testing.T, d time.Duration, what string, cond func() (bool, error)) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		ok, err := cond()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not after %v", what, d)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func condition(p *corev1.Pod, t corev1.PodConditionType) corev1.ConditionStatus {
	for _, c := range p.Status.Conditions {
		if c.Type == t {
			return c.Status
		}
	}
	return ""
}

// A simulated node registered with a real apiserver: it becomes Ready, a
// pod on it runs and its containers become ready (and a readiness-gate
// condition a controller wrote survives the kubelet's next write), a failing pod becomes Failed, and a deleted pod is removed once
// its preStop hook and SIGTERM are through.
func TestVirtualKubeletOnEnvtest(t *testing.T) {
	env := &envtest.Environment{BinaryAssetsDirectory: envtestbin.Dir(t, filepath.Join("..", ".."))}
	cfg, err := env.Start()
	if err != nil {
		t.Fatalf("envtest: %v", err)
	}
	defer func() {
		if err := env.Stop(); err != nil {
			t.Errorf("envtest: stopping: %v", err)
		}
	}()
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	const nodeName = "podlife-sim"
	prov := virtualkubelet.New(cs, nodeName, virtualkubelet.Options{
		Speed:  10, // ten virtual seconds a second
		NodeIP: "10.1.2.3",
		Containers: []sim.ContainerScript{
			// web's readiness probe fails from 30 s after the start on, so
			// the kubelet has a new status to write after the gate's.
			{Pod: "web", Container: "app", Pull: sim.Pull{Duration: 2 * time.Second},
				Probes: []sim.ProbeAnswer{{Probe: "Readiness", From: 30 * time.Second, Outcome: "Failure"}}},
			{Pod: "job", Container: "app", Runs: []sim.Run{{For: 3 * time.Second, ExitCode: 2}}},
			{Pod: "db", Container: "app", PreStop: sim.HookScript{Duration: 5 * time.Second}, StopDelay: time.Second},
		},
	})
	n, err := nodeutil.NewNode(nodeName, prov.NewProviderFunc(), nodeutil.WithClient(cs), prov.NodeAddress())
	if err != nil {
		t.Fatal(err)
	}
	go prov.Run(ctx)
	go func() { _ = n.Run(ctx) }()
	if err := n.WaitReady(ctx, 30*time.Second); err != nil {
		t.Fatalf("the virtual node did not become ready: %v", err)
	}
	// virtual-kubelet's node controller writes the Ready status
	// asynchronously after WaitReady.
	waitFor(t, 20*time.Second, "node Ready", func() (bool, error) {
		node, err := cs.CoreV1().Nodes().Get(ctx, nodeName, metav1.GetOptions{})
		if err != nil {
			return false, err
		}
		for _, c := range node.Status.Conditions {
			if c.Type == corev1.NodeReady && c.Status == corev1.ConditionTrue {
				return true, nil
			}
		}
		return false, nil
	})

	pods := cs.CoreV1().Pods("default")
	mk := func(name string, mutate func(*corev1.Pod)) {
		p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name},
			Spec: corev1.PodSpec{NodeName: nodeName, Containers: []corev1.Container{{Name: "app", Image: "registry.example/" + name + ":1"}}}}
		mutate(p)
		if _, err := pods.Create(ctx, p, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	const gate = "example.com/load-balancer-ready"
	mk("web", func(p *corev1.Pod) {
		p.Spec.ReadinessGates = []corev1.PodReadinessGate{{ConditionType: gate}}
		p.Spec.Containers[0].ReadinessProbe = &corev1.Probe{InitialDelaySeconds: 5, PeriodSeconds: 5,
			ProbeHandler: corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromInt32(80)}}}
	})
	mk("job", func(p *corev1.Pod) { p.Spec.RestartPolicy = corev1.RestartPolicyNever })

	get := func(name string) *corev1.Pod {
		p, err := pods.Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	waitFor(t, 20*time.Second, "web's containers ready", func() (bool, error) {
		return condition(get("web"), corev1.ContainersReady) == corev1.ConditionTrue, nil
	})
	if got := condition(get("web"), corev1.PodReady); got != corev1.ConditionFalse {
		t.Fatalf("web Ready %q before its readiness gate; want False", got)
	}
	// A load-balancer controller sets the gate's condition.
	web := get("web")
	web.Status.Conditions = append(web.Status.Conditions, corev1.PodCondition{Type: gate, Status: corev1.ConditionTrue, LastTransitionTime: metav1.Now()})
	if _, err := pods.UpdateStatus(ctx, web, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	// The readiness probe fails from 30 virtual seconds on (3 s of wall
	// time): the status written then is merged onto a fresh read, so the
	// gate's condition stays.
	waitFor(t, 20*time.Second, "web's containers not ready", func() (bool, error) {
		return condition(get("web"), corev1.ContainersReady) == corev1.ConditionFalse, nil
	})
	if got := condition(get("web"), gate); got != corev1.ConditionTrue {
		t.Fatalf("the gate's condition is %q after the kubelet's next write; want it kept", got)
	}
	if p := get("web"); p.Status.Phase != corev1.PodRunning || p.Status.PodIP == "" {
		t.Errorf("web phase %q podIP %q; want Running with an IP", p.Status.Phase, p.Status.PodIP)
	}
	// The kubelet writes its node's IP into every status (the apiserver
	// requires hostIPs to agree with hostIP).
	if p := get("web"); p.Status.HostIP != "10.1.2.3" || len(p.Status.HostIPs) != 1 || p.Status.HostIPs[0].IP != "10.1.2.3" {
		t.Errorf("web hostIP %q hostIPs %v; want the node's IP, 10.1.2.3, in both", p.Status.HostIP, p.Status.HostIPs)
	}
	if node, err := cs.CoreV1().Nodes().Get(ctx, nodeName, metav1.GetOptions{}); err != nil {
		t.Fatal(err)
	} else if a := node.Status.Addresses; len(a) == 0 || a[0].Type != corev1.NodeInternalIP || a[0].Address != "10.1.2.3" {
		t.Errorf("the node's addresses are %v; want its InternalIP 10.1.2.3", a)
	}

	waitFor(t, 20*time.Second, "job Failed", func() (bool, error) { return get("job").Status.Phase == corev1.PodFailed, nil })
	if term := get("job").Status.ContainerStatuses[0].State.Terminated; term == nil || term.ExitCode != 2 {
		t.Errorf("job's container %+v; want terminated with exit code 2", get("job").Status.ContainerStatuses[0].State)
	}

	mk("db", func(p *corev1.Pod) {
		p.Spec.TerminationGracePeriodSeconds = new(int64(600))
		p.Spec.Containers[0].Lifecycle = &corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{Exec: &corev1.ExecAction{Command: []string{"/bin/drain"}}}}
	})
	waitFor(t, 20*time.Second, "db running", func() (bool, error) { return get("db").Status.Phase == corev1.PodRunning, nil })
	deleted := time.Now()
	if err := pods.Delete(ctx, "db", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	// preStop 5 s and SIGTERM 1 s are 0.6 s of wall time; the grace is 600
	// virtual seconds (a minute of wall time), which the provider does not
	// wait out.
	waitFor(t, 20*time.Second, "db deleted", func() (bool, error) {
		_, err := pods.Get(ctx, "db", metav1.GetOptions{})
		return apierrors.IsNotFound(err), nil
	})
	if took := time.Since(deleted); took < 500*time.Millisecond {
		t.Errorf("db was removed %v after the delete; want the preStop hook and SIGTERM (6 virtual s, 0.6 s) first", took)
	}
}
