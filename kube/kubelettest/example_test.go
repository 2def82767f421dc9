package kubelettest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/podlife/podlife/kube/kubelettest"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"
	testingclock "k8s.io/utils/clock/testing"
)

// A pod from a YAML fixture carries its behaviour in an annotation: its
// container exits with 1 after 3 s, every time. Thirty-five seconds later the
// kubelet has restarted it twice and it waits out a 20 s back-off; its status
// still shows the last exit, Error, as the kubelet's status shows the
// back-off only from its next sync of the pod (at the back-off's end). The
// events are what the kubelet recorded.
func Example() {
	ctx := context.Background()
	clk := testingclock.NewFakeClock(time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC))
	cs := fake.NewClientset(&corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "api-0", UID: "4c5d6e7f-0001",
			Annotations: map[string]string{kubelettest.AnnotationScript: `[{"container": "app", "runs": [{"for": "3s", "exitCode": 1}]}]`}},
		Spec: corev1.PodSpec{NodeName: "node-1", Containers: []corev1.Container{{Name: "app", Image: "shop/api:1.4"}}},
	})
	kubelettest.ShimClientset(cs, clk)
	kl, err := kubelettest.New(kubelettest.ClientGo(cs), kubelettest.Options{Clock: clk})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := kl.Advance(ctx, 35*time.Second); err != nil {
		fmt.Println(err)
		return
	}
	p, _ := cs.CoreV1().Pods("shop").Get(ctx, "api-0", metav1.GetOptions{})
	app := p.Status.ContainerStatuses[0]
	if t := app.State.Terminated; t != nil {
		fmt.Println(p.Status.Phase, t.Reason, "restarts:", app.RestartCount)
	}
	for _, ev := range kl.Events() {
		fmt.Printf("%4v %-7s %-8s %s\n", ev.At.Sub(clk.Now().Add(-35*time.Second)), ev.Type, ev.Reason, ev.Message)
	}
	// Output:
	// Running Error restarts: 2
	//   0s Normal  Pulling  Pulling image "shop/api:1.4"
	//   0s Normal  Pulled   Successfully pulled image "shop/api:1.4" in 0s (0s including waiting). Image size: 0 bytes.
	//   0s Normal  Created  Created container: app
	//   0s Normal  Started  Started container app
	//   3s Normal  Pulled   Container image "shop/api:1.4" already present on machine and can be accessed by the pod
	//   3s Normal  Created  Created container: app
	//   3s Normal  Started  Started container app
	//   6s Warning BackOff  Back-off restarting failed container app in pod api-0_shop(4c5d6e7f-0001)
	//  16s Normal  Pulled   Container image "shop/api:1.4" already present on machine and can be accessed by the pod
	//  16s Normal  Created  Created container: app
	//  16s Normal  Started  Started container app
	//  19s Warning BackOff  Back-off restarting failed container app in pod api-0_shop(4c5d6e7f-0001)
}

// A controller that reads a step's result from its termination message, as
// Tekton does: the script says what the step writes to its
// terminationMessagePath, and the status the fake kubelet writes carries it.
func Example_terminationMessage() {
	ctx := context.Background()
	cs := fake.NewClientset(&corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "ci", Name: "build-1", UID: "4c5d6e7f-0002",
			Annotations: map[string]string{kubelettest.AnnotationScript: `[{"container": "step",
				"runs": [{"for": "20s", "message": "[{\"key\":\"digest\",\"value\":\"sha256:9f86d0\"}]"}]}]`}},
		Spec: corev1.PodSpec{NodeName: "node-1", RestartPolicy: corev1.RestartPolicyNever,
			Containers: []corev1.Container{{Name: "step", Image: "ci/kaniko:1"}}},
	})
	kl, err := kubelettest.New(kubelettest.ClientGo(cs), kubelettest.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := kl.Advance(ctx, time.Minute); err != nil {
		fmt.Println(err)
		return
	}
	p, _ := cs.CoreV1().Pods("ci").Get(ctx, "build-1", metav1.GetOptions{})
	if t := p.Status.ContainerStatuses[0].State.Terminated; t != nil {
		fmt.Println(p.Status.Phase, t.Reason, t.Message)
	}
	// Output:
	// Succeeded Completed [{"key":"digest","value":"sha256:9f86d0"}]
}
