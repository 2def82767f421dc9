package kubelettest_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/kube/kubelettest"
	"github.com/podlife/podlife/sim"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	testingclock "k8s.io/utils/clock/testing"
)

// README example: begin

// reconcileWeb is a tiny controller: it keeps two "web" pods and reports
// how many are Ready, as a ReplicaSet's status.readyReplicas would.
func reconcileWeb(ctx context.Context, cs kubernetes.Interface) (ready int, err error) {
	pods, err := cs.CoreV1().Pods("shop").List(ctx, metav1.ListOptions{LabelSelector: "app=web"})
	if err != nil {
		return 0, err
	}
	for i := len(pods.Items); i < 2; i++ {
		p := &corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{Name: "web-" + string(rune('a'+i)), Labels: map[string]string{"app": "web"}},
			Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "shop/web:1.4",
				ReadinessProbe: &corev1.Probe{InitialDelaySeconds: 10, PeriodSeconds: 10,
					ProbeHandler: corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstrPort(8080)}}}}}},
		}
		if _, err := cs.CoreV1().Pods("shop").Create(ctx, p, metav1.CreateOptions{}); err != nil {
			return 0, err
		}
	}
	for _, p := range pods.Items {
		for _, c := range p.Status.Conditions {
			if c.Type == corev1.PodReady && c.Status == corev1.ConditionTrue {
				ready++
			}
		}
	}
	return ready, nil
}

func TestWebBecomesReady(t *testing.T) {
	ctx := context.Background()
	clk := testingclock.NewFakeClock(time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC))
	cs := fake.NewClientset()
	kubelettest.ShimClientset(cs, clk) // graceful deletion and binding, as the apiserver does them
	kl, err := kubelettest.New(kubelettest.ClientGo(cs), kubelettest.Options{
		Clock: clk, Schedule: true, // binds the pods to "node-1"
		Containers: []sim.ContainerScript{{Container: "app", Pull: sim.Pull{Duration: 5 * time.Second}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reconcileWeb(ctx, cs); err != nil { // creates web-a and web-b
		t.Fatal(err)
	}
	if err := kl.Advance(ctx, 30*time.Second); err != nil { // pulled at 5 s, probed at 15 s: Ready
		t.Fatal(err)
	}
	ready, err := reconcileWeb(ctx, cs)
	if err != nil || ready != 2 {
		t.Fatalf("ready = %d, %v; want both pods Ready after 30 s", ready, err)
	}
}

// README example: end

// The README shows the example above as it is here, so that what it
// shows runs.
func TestREADMEShowsTheExample(t *testing.T) {
	src, err := os.ReadFile("readme_test.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "// README example: begin\n\n", "\n// README example: end"
	s := string(src)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatal("readme_test.go lost its README example markers")
	}
	if example := s[i+len(begin) : j]; !strings.Contains(string(readme), example) {
		t.Errorf("README.md does not show the example of readme_test.go as it is; copy it between the markers:\n%s", example)
	}
}
