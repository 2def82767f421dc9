package kubelettest_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/kube/kubelettest"
	"github.com/podlife/podlife/sim"
	corev1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	apiresource "k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/tools/record"
	testingclock "k8s.io/utils/clock/testing"
	"sigs.k8s.io/controller-runtime/pkg/client"
	crfake "sigs.k8s.io/controller-runtime/pkg/client/fake"
)

func boundPod(name string, uid types.UID, node string) *corev1.Pod {
	p := appPod(name, func(p *corev1.Pod) { p.Namespace, p.UID, p.Spec.NodeName = "default", uid, node })
	return p
}

func newKubelet(t *testing.T, api kubelettest.API, o kubelettest.Options) *kubelettest.Kubelet {
	t.Helper()
	kl, err := kubelettest.New(api, o)
	if err != nil {
		t.Fatal(err)
	}
	return kl
}

// pkg/kubelet/pod_workers.go: a pod recreated under the same name is
// another pod (another UID); the old one's state is not carried over.
func TestRecreatedPodStartsAfresh(t *testing.T) {
	ctx := context.Background()
	cs := fake.NewClientset(boundPod("web", "uid-1", "node-1"))
	kl := newKubelet(t, kubelettest.ClientGo(cs), kubelettest.Options{
		Containers: []sim.ContainerScript{{Container: "app", Runs: []sim.Run{{For: time.Second, ExitCode: 1}}}}})
	if err := kl.Advance(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	old := kl.Machine("default", "web")
	if old == nil || old.Pod().Status.ContainerStatuses[0].RestartCount == 0 {
		t.Fatal("the first pod did not crash-loop")
	}
	// Someone force-deletes and recreates it between two kubelet looks.
	if err := cs.CoreV1().Pods("default").Delete(ctx, "web", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.CoreV1().Pods("default").Create(ctx, boundPod("web", "uid-2", "node-1"), metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := kl.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	m := kl.Machine("default", "web")
	if m == nil || m == old || m.Pod().Metadata.UID != "uid-2" {
		t.Fatalf("after the recreation the kubelet runs %v; want a new machine for uid-2", m)
	}
	p, _ := cs.CoreV1().Pods("default").Get(ctx, "web", metav1.GetOptions{})
	if p.Status.ContainerStatuses[0].RestartCount != 0 {
		t.Errorf("the recreated pod reports %d restarts; want none", p.Status.ContainerStatuses[0].RestartCount)
	}
}

// A pod deleted at once (no shim, or grace 0) just vanishes: the kubelet
// drops its machine without an error and writes nothing more for it.
func TestVanishedPodIsDropped(t *testing.T) {
	ctx := context.Background()
	cs := fake.NewClientset(boundPod("web", "uid-1", "node-1"))
	kl := newKubelet(t, kubelettest.ClientGo(cs), kubelettest.Options{})
	if err := kl.Advance(ctx, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := cs.CoreV1().Pods("default").Delete(ctx, "web", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	n := len(kl.Writes())
	if err := kl.Advance(ctx, time.Minute); err != nil {
		t.Fatal(err)
	}
	if kl.Machine("default", "web") != nil || len(kl.Writes()) != n {
		t.Errorf("machine %v, %d more writes; want the pod forgotten", kl.Machine("default", "web"), len(kl.Writes())-n)
	}
}

// The kubelet admits only the pods bound to its nodes, and does not run
// again a pod already Succeeded or Failed.
func TestAdmitsOnlyItsRunnablePods(t *testing.T) {
	ctx := context.Background()
	done := boundPod("done", "uid-3", "node-1")
	done.Status.Phase = corev1.PodSucceeded
	cs := fake.NewClientset(boundPod("mine", "uid-1", "node-1"), boundPod("theirs", "uid-2", "node-2"), done,
		appPod("unscheduled", func(p *corev1.Pod) { p.Namespace = "default" }))
	kl := newKubelet(t, kubelettest.ClientGo(cs), kubelettest.Options{})
	if err := kl.Advance(ctx, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"mine": true, "theirs": false, "done": false, "unscheduled": false} {
		if got := kl.Machine("default", name) != nil; got != want {
			t.Errorf("pod %s admitted: %v, want %v", name, got, want)
		}
	}
	for _, w := range kl.Writes() {
		if w.Name != "mine" {
			t.Errorf("wrote %s to pod %s, which is not this kubelet's", w.Verb, w.Name)
		}
	}
}

// The same pods and scripts give the same writes, byte for byte.
func TestDeterministic(t *testing.T) {
	run := func() []kubelettest.Write {
		ctx := context.Background()
		clk := testingclock.NewFakeClock(start)
		cs := fake.NewClientset()
		kubelettest.ShimClientset(cs, clk)
		for _, name := range []string{"c", "a", "b"} {
			p := appPod(name, func(p *corev1.Pod) {
				p.Namespace = "default"
				p.Spec.Containers[0].LivenessProbe = &corev1.Probe{PeriodSeconds: 5, FailureThreshold: 2,
					ProbeHandler: corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstrPort(80)}}}
			})
			if _, err := cs.CoreV1().Pods("default").Create(ctx, p, metav1.CreateOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		kl := newKubelet(t, kubelettest.ClientGo(cs), kubelettest.Options{Clock: clk, Schedule: true, Nodes: []string{"n1", "n2"},
			Containers: []sim.ContainerScript{{Pod: "b", Probes: []sim.ProbeAnswer{{Probe: "Liveness", From: 20 * time.Second, Outcome: "Failure"}}}}})
		if err := kl.Advance(ctx, 2*time.Minute); err != nil {
			t.Fatal(err)
		}
		if err := cs.CoreV1().Pods("default").Delete(ctx, "a", metav1.DeleteOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := kl.Advance(ctx, time.Minute); err != nil {
			t.Fatal(err)
		}
		return kl.Writes()
	}
	first, second := run(), run()
	if !reflect.DeepEqual(first, second) {
		t.Fatal("two runs of the same pods wrote differently")
	}
	var nodes []string
	for _, w := range first {
		if w.Verb == kubelettest.BindPod {
			nodes = append(nodes, w.Name+"→"+w.Node)
		}
	}
	if want := []string{"a→n1", "b→n2", "c→n1"}; !slices.Equal(nodes, want) {
		t.Errorf("bindings %v; want %v (creation order, then name; fewest pods, then the first node)", nodes, want)
	}
}

func TestAdvanceUntilNotDone(t *testing.T) {
	ctx := context.Background()
	cs := fake.NewClientset(boundPod("web", "uid-1", "node-1"))
	kl := newKubelet(t, kubelettest.ClientGo(cs), kubelettest.Options{})
	err := kl.AdvanceUntil(ctx, time.Minute, func(context.Context) (bool, error) { return false, nil })
	var nd *kubelettest.NotDoneError
	if !errors.As(err, &nd) || nd.Max != time.Minute || !kl.Now().Equal(kubelettest.DefaultStart().Add(time.Minute)) {
		t.Fatalf("AdvanceUntil = %v at %v; want a NotDoneError after 1m", err, kl.Now())
	}
	if err := kl.Advance(ctx, -time.Second); err == nil {
		t.Error("Advance took a negative duration")
	}
}

func TestEventsGoToTheRecorder(t *testing.T) {
	ctx := context.Background()
	rec := record.NewFakeRecorder(100)
	cs := fake.NewClientset(boundPod("web", "uid-1", "node-1"))
	kl := newKubelet(t, kubelettest.ClientGo(cs), kubelettest.Options{Recorder: rec})
	if err := kl.Advance(ctx, time.Second); err != nil {
		t.Fatal(err)
	}
	if len(rec.Events) != len(kl.Events()) || len(kl.Events()) == 0 {
		t.Fatalf("recorder got %d events, Events() has %d", len(rec.Events), len(kl.Events()))
	}
	if got := <-rec.Events; !strings.HasPrefix(got, "Normal Pulling ") {
		t.Errorf("first recorded event %q; want Normal Pulling", got)
	}
	// A container's events are on the container's reference.
	if e := kl.Events()[0]; e.FieldPath != "spec.containers{"+appPod("x").Spec.Containers[0].Name+"}" {
		t.Errorf("the pull's field path %q", e.FieldPath)
	}
}

func TestNewRefuses(t *testing.T) {
	cs := fake.NewClientset()
	for name, o := range map[string]kubelettest.Options{
		"a node named twice": {Nodes: []string{"a", "a"}},
		"an empty node name": {Nodes: []string{""}},
		"a negative delay":   {SandboxDelay: -time.Second},
		"a wrong script":     {Containers: []sim.ContainerScript{{Runs: []sim.Run{{Attempt: -1}}}}},
	} {
		if _, err := kubelettest.New(kubelettest.ClientGo(cs), o); err == nil {
			t.Errorf("New took %s", name)
		}
	}
	var onlyAPI struct{ kubelettest.API }
	onlyAPI.API = kubelettest.ClientGo(cs)
	if _, err := kubelettest.New(onlyAPI, kubelettest.Options{Schedule: true}); err == nil || !strings.Contains(err.Error(), "ClusterAPI") {
		t.Errorf("New with Schedule on a plain API: %v; want an error naming ClusterAPI", err)
	}
}

// pkg/registry/core/pod/strategy.go CheckGracefulDelete, as the shims give
// it to both fakes.
func TestShimsDeleteAsTheAPIServer(t *testing.T) {
	ctx := context.Background()
	clk := testingclock.NewFakeClock(start)
	type deleter func(name string, grace *int64, uid types.UID) error
	backends := map[string]func(objs ...*corev1.Pod) (kubelettest.API, deleter){
		"client-go": func(objs ...*corev1.Pod) (kubelettest.API, deleter) {
			cs := fake.NewClientset()
			for _, p := range objs {
				_, _ = cs.CoreV1().Pods(p.Namespace).Create(ctx, p, metav1.CreateOptions{})
			}
			kubelettest.ShimClientset(cs, clk)
			return kubelettest.ClientGo(cs), func(name string, grace *int64, uid types.UID) error {
				o := metav1.DeleteOptions{GracePeriodSeconds: grace}
				if uid != "" {
					o.Preconditions = metav1.NewUIDPreconditions(string(uid))
				}
				return cs.CoreV1().Pods("default").Delete(ctx, name, o)
			}
		},
		"controller-runtime": func(objs ...*corev1.Pod) (kubelettest.API, deleter) {
			b := crfake.NewClientBuilder().WithInterceptorFuncs(kubelettest.ShimInterceptor())
			for _, p := range objs {
				b = b.WithObjects(p)
			}
			c := b.Build()
			return kubelettest.ControllerRuntime(c), func(name string, grace *int64, uid types.UID) error {
				o := &client.DeleteOptions{GracePeriodSeconds: grace}
				if uid != "" {
					o.Preconditions = metav1.NewUIDPreconditions(string(uid))
				}
				return c.Delete(ctx, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name}}, o)
			}
		},
	}
	for name, open := range backends {
		t.Run(name, func(t *testing.T) {
			unscheduled := appPod("unscheduled", func(p *corev1.Pod) { p.Namespace, p.UID = "default", "uid-u" })
			api, del := open(boundPod("web", "uid-1", "node-1"), unscheduled)
			if err := del("web", nil, "uid-other"); !apierrors.IsConflict(err) {
				t.Fatalf("delete with another UID: %v; want a Conflict", err)
			}
			if err := del("web", nil, "uid-1"); err != nil {
				t.Fatal(err)
			}
			p, err := api.GetPod(ctx, "default", "web")
			if err != nil || p.DeletionTimestamp == nil || *p.DeletionGracePeriodSeconds != 30 {
				t.Fatalf("after a graceful delete: %v, %+v; want the pod kept with deletionTimestamp and grace 30", err, p)
			}
			if err := del("web", new(int64(40)), ""); err != nil {
				t.Fatal(err)
			}
			if p, _ = api.GetPod(ctx, "default", "web"); *p.DeletionGracePeriodSeconds != 30 {
				t.Errorf("a longer grace changed it to %d; only a shorter one may", *p.DeletionGracePeriodSeconds)
			}
			if err := del("web", new(int64(5)), ""); err != nil {
				t.Fatal(err)
			}
			if p, _ = api.GetPod(ctx, "default", "web"); *p.DeletionGracePeriodSeconds != 5 {
				t.Errorf("a shorter grace left it at %d", *p.DeletionGracePeriodSeconds)
			}
			if err := api.DeletePod(ctx, "default", "web", "uid-1"); err != nil {
				t.Fatal(err)
			}
			if _, err := api.GetPod(ctx, "default", "web"); !apierrors.IsNotFound(err) {
				t.Errorf("after the final delete: %v; want NotFound", err)
			}
			if err := del("unscheduled", nil, ""); err != nil {
				t.Fatal(err)
			}
			if _, err := api.GetPod(ctx, "default", "unscheduled"); !apierrors.IsNotFound(err) {
				t.Errorf("a pod bound to no node is removed at once; got %v", err)
			}
		})
	}
}

// pkg/registry/core/pod/storage/storage.go BindingREST: a bound pod cannot
// be bound again.
func TestShimsBind(t *testing.T) {
	ctx := context.Background()
	for name, api := range map[string]kubelettest.ClusterAPI{
		"client-go": func() kubelettest.ClusterAPI {
			cs := fake.NewClientset(appPod("web", func(p *corev1.Pod) { p.Namespace = "default" }))
			kubelettest.ShimClientset(cs, nil)
			return kubelettest.ClientGo(cs)
		}(),
		"controller-runtime": kubelettest.ControllerRuntime(crfake.NewClientBuilder().WithInterceptorFuncs(kubelettest.ShimInterceptor()).
			WithObjects(appPod("web", func(p *corev1.Pod) { p.Namespace = "default" })).Build()),
	} {
		t.Run(name, func(t *testing.T) {
			if err := api.BindPod(ctx, "default", "web", "", "node-1"); err != nil {
				t.Fatal(err)
			}
			if p, _ := api.GetPod(ctx, "default", "web"); p.Spec.NodeName != "node-1" {
				t.Fatalf("bound to %q; want node-1", p.Spec.NodeName)
			}
			if err := api.BindPod(ctx, "default", "web", "", "node-2"); !apierrors.IsConflict(err) {
				t.Errorf("binding a bound pod: %v; want a Conflict", err)
			}
		})
	}
}

func TestParseScripts(t *testing.T) {
	got, err := kubelettest.ParseScripts([]byte(`[{"container": "app", "pull": {"duration": "1.5s", "failAttempts": [1]},
		"runs": [{"attempt": 1, "for": "5s", "exitCode": 1}, {"forever": true}],
		"probes": [{"probe": "Readiness", "until": "10s", "outcome": "Failure"}],
		"preStop": {"duration": "3s"}, "ignoreSIGTERM": true, "labels": {"app": "web"}}]`))
	if err != nil {
		t.Fatal(err)
	}
	want := []sim.ContainerScript{{Container: "app", Labels: map[string]string{"app": "web"},
		Pull:          sim.Pull{Duration: 1500 * time.Millisecond, FailAttempts: []int{1}},
		Runs:          []sim.Run{{Attempt: 1, For: 5 * time.Second, ExitCode: 1}, {Forever: true}},
		Probes:        []sim.ProbeAnswer{{Probe: "Readiness", Until: 10 * time.Second, Outcome: "Failure"}},
		PreStop:       sim.HookScript{Duration: 3 * time.Second},
		IgnoreSIGTERM: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseScripts = %+v\nwant %+v", got, want)
	}
	for in, wantErr := range map[string]string{
		`[{"container": "app", "stopAfter": "1s"}]`:                          `containers[0].stopAfter: unknown field`,
		`[{"container": "app", "stopDelay": 5}]`:                             `containers[0].stopDelay: want a duration string`,
		`[{"container": "app", "stopDelay": "5 s"}]`:                         `got "5 s"`,
		`[{"container": "app", "probes": [{"probe": "Live"}]}]`:              `unknown probe "Live"`,
		`[{"container": "app", "probes": [{"outcome": "Failed"}]}]`:          `unknown outcome "Failed"`,
		`{"container": "app"}`:                                               `one JSON array`,
		`[{"container": "app", "probes": [{"probe": "", "outcome": "Ok"}]}]`: `unknown outcome "Ok"`,
	} {
		if _, err := kubelettest.ParseScripts([]byte(in)); err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Errorf("ParseScripts(%s) = %v; want an error with %q", in, err, wantErr)
		}
	}
}

// A malformed annotation is an error that names the pod and the
// annotation, not a pod silently run with no script.
func TestBadAnnotationIsAnError(t *testing.T) {
	p := boundPod("web", "uid-1", "node-1")
	p.Annotations = map[string]string{kubelettest.AnnotationScript: `[{"container": "app", "runs": [{"for": "soon"}]}]`}
	kl := newKubelet(t, kubelettest.ClientGo(fake.NewClientset(p)), kubelettest.Options{})
	err := kl.Sync(context.Background())
	if err == nil || !strings.Contains(err.Error(), "default/web") || !strings.Contains(err.Error(), kubelettest.AnnotationScript) {
		t.Fatalf("Sync = %v; want an error naming the pod and the annotation", err)
	}
}

// A test that steps the shared FakeClock itself has the due steps run by
// the next Sync, in time order, as Advance would have run them: the same
// statuses are written (only Write.At, the clock when each was sent,
// differs).
func TestSyncAfterTheClockWasStepped(t *testing.T) {
	ctx := context.Background()
	stepped := func(byClock bool) []kubelettest.Write {
		clk := testingclock.NewFakeClock(start)
		cs := fake.NewClientset(boundPod("web", "uid-1", "node-1"))
		kl := newKubelet(t, kubelettest.ClientGo(cs), kubelettest.Options{Clock: clk,
			Containers: []sim.ContainerScript{{Container: "app", Pull: sim.Pull{Duration: 3 * time.Second}, Runs: []sim.Run{{For: 4 * time.Second}}}}})
		if err := kl.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		var err error
		if byClock {
			clk.Step(30 * time.Second)
			err = kl.Sync(ctx)
		} else {
			err = kl.Advance(ctx, 30*time.Second)
		}
		if err != nil {
			t.Fatal(err)
		}
		if !clk.Now().Equal(start.Add(30 * time.Second)) {
			t.Fatalf("clock at %v; want 30 s on", clk.Now())
		}
		var out []kubelettest.Write
		for _, w := range kl.Writes() {
			w.At = time.Time{}
			out = append(out, w)
		}
		return out
	}
	byClock, byAdvance := stepped(true), stepped(false)
	if len(byClock) < 3 || !reflect.DeepEqual(byClock, byAdvance) {
		t.Fatalf("Step then Sync wrote %d statuses, Advance %d; want the same writes", len(byClock), len(byAdvance))
	}
}

// The kubelet writes its node's IP as status.hostIP (and hostIPs), and a
// hostNetwork pod, in the node's network namespace, has it as its pod IP
// (kubelet_pods.go generateAPIPodStatus).
func TestHostNetworkPodHasTheNodesIP(t *testing.T) {
	ctx := context.Background()
	host := boundPod("agent", "uid-1", "node-1")
	host.Spec.HostNetwork = true
	cs := fake.NewClientset(host, boundPod("web", "uid-2", "node-1"))
	kl := newKubelet(t, kubelettest.ClientGo(cs), kubelettest.Options{})
	if err := kl.Advance(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	agent, _ := cs.CoreV1().Pods("default").Get(ctx, "agent", metav1.GetOptions{})
	web, _ := cs.CoreV1().Pods("default").Get(ctx, "web", metav1.GetOptions{})
	node := agent.Status.HostIP
	if node == "" || web.Status.HostIP != node {
		t.Fatalf("hostIP %q and %q, want the node's IP in both", node, web.Status.HostIP)
	}
	if want := []corev1.HostIP{{IP: node}}; !reflect.DeepEqual(agent.Status.HostIPs, want) {
		t.Errorf("hostIPs %v, want %v", agent.Status.HostIPs, want)
	}
	if want := []corev1.PodIP{{IP: node}}; agent.Status.PodIP != node || !reflect.DeepEqual(agent.Status.PodIPs, want) {
		t.Errorf("the hostNetwork pod: podIP %q podIPs %v, want the node's %q", agent.Status.PodIP, agent.Status.PodIPs, node)
	}
	if web.Status.PodIP == "" || web.Status.PodIP == node {
		t.Errorf("the other pod: podIP %q, want its own", web.Status.PodIP)
	}
}

// kubelet_pods.go convertToAPIContainerStatuses: the kubelet reports what
// it allocated and applied to a running container (allocatedResources,
// resources) and its mounts, and the fake kubelet writes them as it does.
func TestRunningPodReportsResourcesAndMounts(t *testing.T) {
	ctx := context.Background()
	p := boundPod("web", "uid-1", "node-1")
	p.Spec.Volumes = []corev1.Volume{{Name: "data", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}}}
	c := &p.Spec.Containers[0]
	c.Resources = corev1.ResourceRequirements{
		Requests: corev1.ResourceList{corev1.ResourceCPU: apiresource.MustParse("100m"), corev1.ResourceMemory: apiresource.MustParse("64Mi")},
		Limits:   corev1.ResourceList{corev1.ResourceMemory: apiresource.MustParse("64Mi")},
	}
	c.VolumeMounts = []corev1.VolumeMount{{Name: "data", MountPath: "/data", ReadOnly: true}}
	cs := fake.NewClientset(p)
	kl := newKubelet(t, kubelettest.ClientGo(cs), kubelettest.Options{})
	if err := kl.Advance(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	got, _ := cs.CoreV1().Pods("default").Get(ctx, "web", metav1.GetOptions{})
	st := got.Status.ContainerStatuses[0]
	if st.State.Running == nil {
		t.Fatalf("want app running after 30 s, got %+v", st.State)
	}
	if !apiequality.Semantic.DeepEqual(st.AllocatedResources, c.Resources.Requests) {
		t.Errorf("allocatedResources %v, want the requests %v", st.AllocatedResources, c.Resources.Requests)
	}
	if st.Resources == nil || !apiequality.Semantic.DeepEqual(*st.Resources, c.Resources) {
		t.Errorf("resources %v, want the spec's %v", st.Resources, c.Resources)
	}
	disabled := corev1.RecursiveReadOnlyDisabled
	want := []corev1.VolumeMountStatus{{Name: "data", MountPath: "/data", ReadOnly: true, RecursiveReadOnly: &disabled}}
	if !apiequality.Semantic.DeepEqual(st.VolumeMounts, want) {
		t.Errorf("volumeMounts %+v, want %+v", st.VolumeMounts, want)
	}
}

// A controller that reads a step's result from its termination message
// (as Tekton and Argo do) sees what the script's run leaves, and a crash's
// log end under FallbackToLogsOnError.
func TestTerminationMessagesReachTheAPI(t *testing.T) {
	ctx := context.Background()
	step := boundPod("step", "uid-1", "node-1")
	step.Spec.RestartPolicy = corev1.RestartPolicyNever
	step.Annotations = map[string]string{kubelettest.AnnotationScript: `[{"container": "app", "runs": [{"for": "3s", "message": "[{\"key\":\"digest\",\"value\":\"sha256:1\"}]"}]}]`}
	crash := boundPod("crash", "uid-2", "node-1")
	crash.Spec.RestartPolicy = corev1.RestartPolicyNever
	crash.Spec.Containers[0].TerminationMessagePolicy = corev1.TerminationMessageFallbackToLogsOnError
	crash.Annotations = map[string]string{kubelettest.AnnotationScript: `[{"container": "app", "runs": [{"for": "3s", "exitCode": 1, "log": "panic: boom\n"}]}]`}
	cs := fake.NewClientset(step, crash)
	kl := newKubelet(t, kubelettest.ClientGo(cs), kubelettest.Options{})
	if err := kl.Advance(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"step": `[{"key":"digest","value":"sha256:1"}]`, "crash": "panic: boom\n"} {
		got, err := cs.CoreV1().Pods("default").Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		term := got.Status.ContainerStatuses[0].State.Terminated
		if term == nil || term.Message != want {
			t.Errorf("%s: terminated %+v, want the message %q", name, term, want)
		}
	}
}
