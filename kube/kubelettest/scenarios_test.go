package kubelettest_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/kube/kubelettest"
	"github.com/podlife/podlife/sim"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	testingclock "k8s.io/utils/clock/testing"
	"sigs.k8s.io/controller-runtime/pkg/client"
	crfake "sigs.k8s.io/controller-runtime/pkg/client/fake"
)

// start is the virtual clock's start in every scenario.
var start = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// backend is one kind of apiserver the scenarios run against.
type backend struct {
	name string
	// short prefixes the scenarios' namespaces and nodes, so that backends
	// can share one apiserver.
	short string
	// open returns a fresh view of the apiserver for one scenario: the
	// Kubelet's API and the controller's client for creating and deleting
	// pods.
	open func(t *testing.T, clk *testingclock.FakeClock) (kubelettest.ClusterAPI, controller)
	// update makes the Kubelet write with UpdateStatus, not a patch.
	update bool
}

// controller is what the scenarios' controllers do besides what the
// Kubelet's API offers: create and delete pods, and create namespaces.
type controller interface {
	createNamespace(ctx context.Context, ns string) error
	createPod(ctx context.Context, p *corev1.Pod) error
	deletePod(ctx context.Context, namespace, name string, grace *int64) error
}

type clientGoController struct{ cs kubernetes.Interface }

func (c clientGoController) createNamespace(ctx context.Context, ns string) error {
	_, err := c.cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{})
	return err
}

func (c clientGoController) createPod(ctx context.Context, p *corev1.Pod) error {
	_, err := c.cs.CoreV1().Pods(p.Namespace).Create(ctx, p, metav1.CreateOptions{})
	return err
}

func (c clientGoController) deletePod(ctx context.Context, namespace, name string, grace *int64) error {
	return c.cs.CoreV1().Pods(namespace).Delete(ctx, name, metav1.DeleteOptions{GracePeriodSeconds: grace})
}

type crController struct{ c client.Client }

func (c crController) createNamespace(ctx context.Context, ns string) error {
	return c.c.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}})
}

func (c crController) createPod(ctx context.Context, p *corev1.Pod) error { return c.c.Create(ctx, p) }

func (c crController) deletePod(ctx context.Context, namespace, name string, grace *int64) error {
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name}}
	return c.c.Delete(ctx, p, &client.DeleteOptions{GracePeriodSeconds: grace})
}

var fakeBackends = []backend{
	{"client-go fake", "cg", func(t *testing.T, clk *testingclock.FakeClock) (kubelettest.ClusterAPI, controller) {
		cs := fake.NewClientset()
		kubelettest.ShimClientset(cs, clk)
		return kubelettest.ClientGo(cs), clientGoController{cs}
	}, false},
	{"controller-runtime fake", "cr", func(t *testing.T, clk *testingclock.FakeClock) (kubelettest.ClusterAPI, controller) {
		c := crfake.NewClientBuilder().WithInterceptorFuncs(kubelettest.ShimInterceptor()).Build()
		return kubelettest.ControllerRuntime(c), crController{c}
	}, false},
	{"controller-runtime fake, UpdateStatus", "cru", func(t *testing.T, clk *testingclock.FakeClock) (kubelettest.ClusterAPI, controller) {
		c := crfake.NewClientBuilder().WithInterceptorFuncs(kubelettest.ShimInterceptor()).Build()
		return kubelettest.ControllerRuntime(c), crController{c}
	}, true},
}

// env is one scenario's world.
type env struct {
	t      *testing.T
	ctx    context.Context
	clk    *testingclock.FakeClock
	api    kubelettest.ClusterAPI
	ctl    controller
	ns     string
	node   string
	update bool
}

// kubelet returns a Kubelet on the scenario's node and clock.
func (e *env) kubelet(o kubelettest.Options) *kubelettest.Kubelet {
	e.t.Helper()
	o.Nodes, o.Clock, o.UpdateStatus = []string{e.node}, e.clk, e.update
	kl, err := kubelettest.New(e.api, o)
	if err != nil {
		e.t.Fatal(err)
	}
	return kl
}

func (e *env) get(name string) *corev1.Pod {
	e.t.Helper()
	p, err := e.api.GetPod(e.ctx, e.ns, name)
	if err != nil {
		e.t.Fatalf("get pod %s: %v", name, err)
	}
	return p
}

func (e *env) create(p *corev1.Pod) {
	e.t.Helper()
	p.Namespace = e.ns
	if err := e.ctl.createPod(e.ctx, p); err != nil {
		e.t.Fatalf("create pod %s: %v", p.Name, err)
	}
}

func (e *env) advance(kl *kubelettest.Kubelet, d time.Duration) {
	e.t.Helper()
	if err := kl.Advance(e.ctx, d); err != nil {
		e.t.Fatalf("Advance(%v): %v", d, err)
	}
}

// scenario is one controller test, run on every backend.
type scenario struct {
	name string
	run  func(e *env)
}

func condition(p *corev1.Pod, t corev1.PodConditionType) corev1.ConditionStatus {
	for _, c := range p.Status.Conditions {
		if c.Type == t {
			return c.Status
		}
	}
	return ""
}

func reasons(kl *kubelettest.Kubelet, name string) []string {
	var out []string
	for _, ev := range kl.Events() {
		if ev.Name == name {
			out = append(out, ev.Reason)
		}
	}
	return out
}

func appPod(name string, mutate ...func(*corev1.Pod)) *corev1.Pod {
	p := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"app": name}},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "registry.example/app:1.0",
			ImagePullPolicy: corev1.PullIfNotPresent, TerminationMessagePolicy: corev1.TerminationMessageReadFile,
			TerminationMessagePath: corev1.TerminationMessagePathDefault}}},
	}
	for _, m := range mutate {
		m(p)
	}
	return p
}

var scenarios = []scenario{
	{"a Deployment-style pod is scheduled and becomes Ready", func(e *env) {
		// pkg/kubelet/prober/worker.go: a readiness probe's first run is
		// after initialDelaySeconds; Ready follows the first success
		// (pkg/kubelet/status/generate.go GeneratePodReadyCondition).
		kl := e.kubelet(kubelettest.Options{Schedule: true, RegisterNodes: true, SandboxDelay: time.Second,
			Containers: []sim.ContainerScript{{Container: "app", Pull: sim.Pull{Duration: 2 * time.Second}, StartDelay: time.Second}}})
		e.create(appPod("web", func(p *corev1.Pod) {
			p.Spec.Containers[0].ReadinessProbe = &corev1.Probe{InitialDelaySeconds: 5, PeriodSeconds: 10,
				ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/healthz", Port: intstrPort(8080)}}}
		}))
		e.advance(kl, 0)
		p := e.get("web")
		if p.Spec.NodeName != e.node || p.Status.Phase != corev1.PodPending || condition(p, corev1.PodScheduled) != corev1.ConditionTrue {
			e.t.Fatalf("after the first sync: node %q phase %q PodScheduled %q; want %q Pending True", p.Spec.NodeName, p.Status.Phase, condition(p, corev1.PodScheduled), e.node)
		}
		e.advance(kl, 5*time.Second) // sandbox 1 s, pull 2 s, start 1 s: running at 4 s
		p = e.get("web")
		if p.Status.Phase != corev1.PodRunning || condition(p, corev1.PodReady) != corev1.ConditionFalse {
			e.t.Fatalf("at 5 s: phase %q Ready %q; want Running, not Ready before the probe's initial delay", p.Status.Phase, condition(p, corev1.PodReady))
		}
		e.advance(kl, 25*time.Second)
		p = e.get("web")
		if p.Status.Phase != corev1.PodRunning || condition(p, corev1.PodReady) != corev1.ConditionTrue || !p.Status.ContainerStatuses[0].Ready {
			e.t.Fatalf("at 30 s: phase %q Ready %q; want Running and Ready", p.Status.Phase, condition(p, corev1.PodReady))
		}
		if p.Status.PodIP == "" || p.Status.HostIP == "" || p.Status.StartTime == nil {
			e.t.Errorf("podIP %q hostIP %q startTime %v: want all set", p.Status.PodIP, p.Status.HostIP, p.Status.StartTime)
		}
		want := []string{"Pulling", "Pulled", "Created", "Started"}
		if got := reasons(kl, "web"); !slices.Equal(got, want) {
			e.t.Errorf("events %v, want %v", got, want)
		}
		var verbs []kubelettest.Verb
		for _, w := range kl.Writes() {
			verbs = append(verbs, w.Verb)
		}
		if verbs[0] != kubelettest.RegisterNode || verbs[1] != kubelettest.BindPod {
			e.t.Errorf("writes begin with %v; want the node registered, then the pod bound", verbs)
		}
	}},
	{"a Job pod fails and the controller counts the failure", func(e *env) {
		// pkg/kubelet/kubelet_pods.go getPhase: with restartPolicy Never a
		// container that exited non-zero makes the pod Failed.
		kl := e.kubelet(kubelettest.Options{})
		e.create(appPod("job-0", func(p *corev1.Pod) {
			p.Spec.NodeName = e.node
			p.Spec.RestartPolicy = corev1.RestartPolicyNever
			p.Labels = map[string]string{"job-name": "batch"}
			p.Annotations = map[string]string{kubelettest.AnnotationScript: `[{"container": "app", "runs": [{"for": "8s", "exitCode": 3}]}]`}
		}))
		failed := func() int { // the Job controller's count of failed pods
			pods, err := e.api.ListPods(e.ctx)
			if err != nil {
				e.t.Fatal(err)
			}
			n := 0
			for _, p := range pods {
				if p.Namespace == e.ns && p.Labels["job-name"] == "batch" && p.Status.Phase == corev1.PodFailed {
					n++
				}
			}
			return n
		}
		e.advance(kl, 7*time.Second)
		if n := failed(); n != 0 {
			e.t.Fatalf("at 7 s the controller counts %d failed pods; the container still runs", n)
		}
		err := kl.AdvanceUntil(e.ctx, time.Minute, func(context.Context) (bool, error) { return failed() == 1, nil })
		if err != nil {
			e.t.Fatal(err)
		}
		if got := kl.Now().Sub(start); got != 8*time.Second {
			e.t.Errorf("failed after %v; want 8s, when the container exited", got)
		}
		p := e.get("job-0")
		term := p.Status.ContainerStatuses[0].State.Terminated
		if term == nil || term.ExitCode != 3 || term.Reason != "Error" || condition(p, corev1.PodReady) != corev1.ConditionFalse {
			e.t.Fatalf("status %+v; want app terminated with exit code 3 (Error) and the pod not Ready", p.Status.ContainerStatuses[0].State)
		}
		e.advance(kl, 5*time.Minute)
		if n := failed(); n != 1 || e.get("job-0").Status.ContainerStatuses[0].RestartCount != 0 {
			e.t.Fatalf("after 5 more minutes: %d failed; want the one, never restarted", n)
		}
	}},
	{"a crash loop restarts at once, then backs off 10s, 20s, 40s, 80s", func(e *env) {
		// pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff: the
		// first exit has no back-off entry yet, so the container restarts
		// at once; then the back-off starts at 10 s and doubles.
		kl := e.kubelet(kubelettest.Options{Containers: []sim.ContainerScript{{Container: "app", Runs: []sim.Run{{For: 2 * time.Second, ExitCode: 1}}}}})
		e.create(appPod("crash", func(p *corev1.Pod) { p.Spec.NodeName = e.node }))
		// Runs 0-2 s, 2-4 s, 14-16 s, 36-38 s, 78-80 s; the next start is
		// due at 80 s + 80 s = 160 s.
		e.advance(kl, 2*time.Minute)
		p := e.get("crash")
		cs := p.Status.ContainerStatuses[0]
		// The status a sync makes reads the reason cache the sync before
		// left (kubelet.go SyncPod): at 2 min the last status is the one
		// the exit at 80 s made, the container terminated; the back-off
		// that sync decided shows from the next sync, syncFrequency (1 min)
		// later at most (pod_workers.go completeWork).
		if t := cs.State.Terminated; cs.RestartCount != 4 || t == nil || t.ExitCode != 1 || !t.FinishedAt.Time.Equal(start.Add(80*time.Second)) {
			e.t.Fatalf("at 2m: restartCount %d, state %+v; want 4 restarts, terminated with exit code 1 at 80 s", cs.RestartCount, cs.State)
		}
		var backOffs []time.Duration
		for _, ev := range kl.Events() {
			if ev.Reason == "BackOff" {
				backOffs = append(backOffs, ev.At.Sub(start))
			}
		}
		if want := []time.Duration{4 * time.Second, 16 * time.Second, 38 * time.Second, 80 * time.Second}; !slices.Equal(backOffs, want) {
			e.t.Errorf("BackOff events at %v; want %v", backOffs, want)
		}
		e.advance(kl, 39*time.Second) // 159 s: the sync at 140 s showed the back-off
		cs = e.get("crash").Status.ContainerStatuses[0]
		if cs.RestartCount != 4 || cs.State.Waiting == nil || cs.State.Waiting.Reason != "CrashLoopBackOff" {
			e.t.Fatalf("at 159 s: restartCount %d, state %+v; want 4 restarts, waiting in CrashLoopBackOff", cs.RestartCount, cs.State)
		}
		if lt := cs.LastTerminationState.Terminated; lt == nil || lt.ExitCode != 1 || !lt.FinishedAt.Time.Equal(start.Add(80*time.Second)) {
			e.t.Fatalf("last termination %+v; want exit code 1 at 80 s", cs.LastTerminationState)
		}
		if !strings.Contains(cs.State.Waiting.Message, "back-off 1m20s") {
			e.t.Errorf("waiting message %q; want the 80 s back-off", cs.State.Waiting.Message)
		}
		if n := len(kl.Events()); kl.Events()[n-1].Reason != "BackOff" || kl.Events()[n-1].At.Sub(start) != 140*time.Second {
			e.t.Errorf("the last event %+v; want the BackOff of the sync at 140 s", kl.Events()[n-1])
		}
		e.advance(kl, time.Second)
		if cs := e.get("crash").Status.ContainerStatuses[0]; cs.RestartCount != 5 || cs.State.Running == nil {
			e.t.Fatalf("at 160 s: restartCount %d, state %+v; want the fifth restart running", cs.RestartCount, cs.State)
		}
	}},
	{"graceful deletion runs preStop, then the kubelet deletes the pod", func(e *env) {
		// pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer:
		// preStop first, then SIGTERM, within the grace; once every
		// container stopped, status_manager.go deletes with grace 0.
		kl := e.kubelet(kubelettest.Options{Containers: []sim.ContainerScript{{Container: "app",
			PreStop: sim.HookScript{Duration: 5 * time.Second}, StopDelay: 2 * time.Second}}})
		e.create(appPod("db", func(p *corev1.Pod) {
			p.Spec.NodeName = e.node
			p.Spec.TerminationGracePeriodSeconds = new(int64(20))
			p.Spec.Containers[0].Lifecycle = &corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{Exec: &corev1.ExecAction{Command: []string{"/bin/drain"}}}}
		}))
		e.advance(kl, 10*time.Second)
		if err := e.ctl.deletePod(e.ctx, e.ns, "db", nil); err != nil {
			e.t.Fatal(err)
		}
		e.advance(kl, 6*time.Second) // preStop ends at 5 s, SIGTERM, exit at 7 s
		p := e.get("db")
		if p.DeletionTimestamp == nil || p.Status.ContainerStatuses[0].State.Running == nil {
			e.t.Fatalf("6 s into the deletion: deletionTimestamp %v, state %+v; want the pod terminating, app still running", p.DeletionTimestamp, p.Status.ContainerStatuses[0].State)
		}
		deletedAt := start.Add(17 * time.Second)
		e.advance(kl, 2*time.Second)
		if _, err := e.api.GetPod(e.ctx, e.ns, "db"); !apierrors.IsNotFound(err) {
			e.t.Fatalf("8 s into the deletion the pod is still there (%v); want it deleted once app exited", err)
		}
		w := kl.Writes()
		last, final := w[len(w)-2], w[len(w)-1]
		if final.Verb != kubelettest.DeletePod || final.UID != p.UID || !final.At.Equal(deletedAt) {
			e.t.Fatalf("last write %+v; want the final delete of uid %s at %v", final, p.UID, deletedAt)
		}
		term := last.Status.ContainerStatuses[0].State.Terminated
		if term == nil || term.ExitCode != 143 {
			e.t.Fatalf("last status written %+v; want app terminated by SIGTERM (143)", last.Status.ContainerStatuses[0].State)
		}
		if got := reasons(kl, "db"); !slices.Contains(got, "Killing") {
			e.t.Errorf("events %v; want Killing", got)
		}
	}},
	{"a readiness-gate condition written between two kubelet steps survives", func(e *env) {
		// pkg/kubelet/status/status_manager.go mergePodStatus keeps the
		// conditions the kubelet does not own; generate.go makes Ready
		// wait for every readiness gate's condition.
		const gate = "example.com/load-balancer-ready"
		kl := e.kubelet(kubelettest.Options{})
		e.create(appPod("gated", func(p *corev1.Pod) {
			p.Spec.NodeName = e.node
			p.Spec.ReadinessGates = []corev1.PodReadinessGate{{ConditionType: gate}}
		}))
		e.advance(kl, 5*time.Second)
		p := e.get("gated")
		if condition(p, corev1.ContainersReady) != corev1.ConditionTrue || condition(p, corev1.PodReady) != corev1.ConditionFalse {
			e.t.Fatalf("before the gate: ContainersReady %q Ready %q; want True, False", condition(p, corev1.ContainersReady), condition(p, corev1.PodReady))
		}
		// The load-balancer controller's write, between two kubelet steps.
		patch := fmt.Sprintf(`{"status":{"conditions":[{"type":%q,"status":"True","lastTransitionTime":%q}]}}`, gate, e.clk.Now().Format(time.RFC3339))
		if err := e.api.PatchPodStatus(e.ctx, e.ns, "gated", []byte(patch)); err != nil {
			e.t.Fatal(err)
		}
		e.advance(kl, 5*time.Second)
		p = e.get("gated")
		if condition(p, gate) != corev1.ConditionTrue || condition(p, corev1.PodReady) != corev1.ConditionTrue {
			e.t.Fatalf("after the gate's write and a kubelet step: gate %q Ready %q; want both True", condition(p, gate), condition(p, corev1.PodReady))
		}
		e.advance(kl, time.Minute)
		if p = e.get("gated"); condition(p, gate) != corev1.ConditionTrue {
			e.t.Fatalf("a minute on, the gate's condition is %q; want it kept", condition(p, gate))
		}
	}},
}

// runScenarios runs every scenario against b, each in its own namespace and
// on its own node.
func runScenarios(t *testing.T, b backend) {
	for i, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			clk := testingclock.NewFakeClock(start)
			api, ctl := b.open(t, clk)
			e := &env{t: t, ctx: context.Background(), clk: clk, api: api, ctl: ctl,
				ns: fmt.Sprintf("%s-scenario-%d", b.short, i+1), node: fmt.Sprintf("%s-node-%d", b.short, i+1), update: b.update}
			if err := ctl.createNamespace(e.ctx, e.ns); err != nil && !apierrors.IsAlreadyExists(err) {
				t.Fatal(err)
			}
			s.run(e)
		})
	}
}

func TestScenariosClientGoFake(t *testing.T)          { runScenarios(t, fakeBackends[0]) }
func TestScenariosControllerRuntimeFake(t *testing.T) { runScenarios(t, fakeBackends[1]) }

// The same on a fake whose status writes are updates with retries.
func TestScenariosUpdateStatus(t *testing.T) { runScenarios(t, fakeBackends[2]) }
