package pod_test

import (
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
)

// startPod is a pod of two containers of the same image and a third of
// another, IfNotPresent all (tagged images).
func startPod() *pod.Pod {
	return &pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default", UID: "u1"},
		Spec: pod.Spec{Containers: []container.Container{
			{Name: "a", Image: "shop:1"}, {Name: "b", Image: "shop:1"}, {Name: "c", Image: "proxy:1"}}}}
}

// pkg/kubelet/kuberuntime/kuberuntime_manager.go SyncPod and
// kuberuntime_container.go startContainer: a sync starts its containers one
// after the other, each pulled, created and started before the next; and
// pkg/kubelet/images/image_manager.go EnsureImageExists: an image on the
// node is not pulled again ("already present"), whichever container pulled
// it.
func TestMachineStartsContainersOneAfterTheOther(t *testing.T) {
	m, err := pod.NewMachine(startPod(), pod.MachineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	log := startLog(t, m, pod.Event{Kind: pod.Scheduled, At: m0, Node: "node-1"})
	want := []string{ // the kubelet's starts
		"CreateSandbox ",
		`Pulling: Pulling image "shop:1"`,
		"PullImage a",
		`Pulled: Successfully pulled image "shop:1" in 0s (0s including waiting). Image size: 1000 bytes.`,
		"CreateContainer a", "StartContainer a",
		`Pulled: Container image "shop:1" already present on machine and can be accessed by the pod`,
		"CreateContainer b", "StartContainer b",
		`Pulling: Pulling image "proxy:1"`,
		"PullImage c",
		`Pulled: Successfully pulled image "proxy:1" in 0s (0s including waiting). Image size: 1000 bytes.`,
		"CreateContainer c", "StartContainer c",
	}
	sameLog(t, log, want)
	if ph := m.Status().Phase; ph != "Running" {
		t.Errorf("phase %s, want Running", ph)
	}
}

// pkg/kubelet/images/image_manager.go EnsureImageExists: an image another
// pod brought to the node is found there (ImagePresent) and not pulled,
// unless the container's imagePullPolicy is Always; the event is refused
// before the pod is bound (no node, no images) and without an image.
func TestMachineImagePresentOnTheNode(t *testing.T) {
	p := startPod()
	p.Spec.Containers[2].ImagePullPolicy = container.PullAlways
	p.Spec.Containers[2].Image = "shop:1"
	m, err := pod.NewMachine(p, pod.MachineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Step(pod.Event{Kind: pod.ImagePresent, At: m0, Image: "shop:1"}); err == nil {
		t.Error("ImagePresent before Scheduled was taken")
	}
	log := startLog(t, m, pod.Event{Kind: pod.Scheduled, At: m0, Node: "node-1"}, pod.Event{Kind: pod.ImagePresent, At: m0, Image: "shop:1"})
	if _, err := m.Step(pod.Event{Kind: pod.ImagePresent, At: m0}); err == nil {
		t.Error("ImagePresent without an image was taken")
	}
	want := []string{ // the kubelet's starts
		"CreateSandbox ",
		`Pulled: Container image "shop:1" already present on machine and can be accessed by the pod`,
		"CreateContainer a", "StartContainer a",
		`Pulled: Container image "shop:1" already present on machine and can be accessed by the pod`,
		"CreateContainer b", "StartContainer b",
		`Pulling: Pulling image "shop:1"`,
		"PullImage c",
		`Pulled: Successfully pulled image "shop:1" in 0s (0s including waiting). Image size: 1000 bytes.`,
		"CreateContainer c", "StartContainer c",
	}
	sameLog(t, log, want)
}

// startLog steps m through events, then answers every sandbox, pull,
// create and start the machine asks for at m0, and returns what the
// kubelet recorded of the images (Pulling, Pulled) and asked for, in
// order.
func startLog(t *testing.T, m *pod.Machine, events ...pod.Event) []string {
	t.Helper()
	var log []string
	step := func(ev pod.Event) []pod.Action {
		t.Helper()
		out, err := m.Step(ev)
		if err != nil {
			t.Fatalf("%s %s: %v", ev.Kind, ev.Container, err)
		}
		for _, r := range out.Records { // what the kubelet recorded, then what it asks
			if r.Reason == "Pulled" || r.Reason == "Pulling" {
				log = append(log, r.Reason+": "+r.Message)
			}
		}
		for _, a := range out.Actions {
			log = append(log, a.Kind.String()+" "+a.Container)
		}
		return append([]pod.Action(nil), out.Actions...)
	}
	var pending []pod.Action
	for _, ev := range events {
		pending = append(pending, step(ev)...)
	}
	for len(pending) > 0 {
		a := pending[0]
		pending = pending[1:]
		var ev pod.Event
		switch a.Kind {
		case pod.CreateSandbox:
			ev = pod.Event{Kind: pod.SandboxReady, At: m0, IP: "10.0.0.1"}
		case pod.PullImage:
			ev = pod.Event{Kind: pod.ImagePulled, At: m0, Container: a.Container, ImageSize: 1000}
		case pod.CreateContainer:
			ev = pod.Event{Kind: pod.ContainerCreated, At: m0, Container: a.Container}
		case pod.StartContainer:
			ev = pod.Event{Kind: pod.ContainerStarted, At: m0, Container: a.Container}
		default:
			continue
		}
		pending = append(pending, step(ev)...)
	}
	return log
}

func sameLog(t *testing.T, got, want []string) {
	t.Helper()
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("the kubelet's starts:\n%s\nwant:\n%s", g, w)
	}
}

// pkg/kubelet/images/image_manager.go pullImage: the Pulled event gives
// the runtime's pull time and, after it, the time since the pull was asked
// for, which counts the wait in the node's serial puller.
func TestMachinePulledSaysTheWait(t *testing.T) {
	m, err := pod.NewMachine(&pod.Pod{Metadata: pod.Meta{Name: "web", Namespace: "default"},
		Spec: pod.Spec{Containers: []container.Container{{Name: "a", Image: "shop:1"}}}}, pod.MachineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []pod.Event{{Kind: pod.Scheduled, At: m0, Node: "node-1"}, {Kind: pod.SandboxReady, At: m0, IP: "10.0.0.1"}} {
		if _, err := m.Step(ev); err != nil {
			t.Fatal(err)
		}
	}
	out, err := m.Step(pod.Event{Kind: pod.ImagePulled, At: m0.Add(5500 * time.Millisecond), Container: "a", PullWait: 3500 * time.Millisecond, ImageSize: 42})
	if err != nil {
		t.Fatal(err)
	}
	want := `Successfully pulled image "shop:1" in 2s (5.5s including waiting). Image size: 42 bytes.`
	if len(out.Records) == 0 || out.Records[0].Message != want {
		t.Errorf("records %v, want first %q", out.Records, want)
	}
}
