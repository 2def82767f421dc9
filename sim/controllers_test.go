package sim_test

import (
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/restart"
	"github.com/podlife/podlife/sim"
)

func i32(v int32) *int32 { return &v }

func tmpl(app, image string, rp restart.Policy, cs ...container.Container) sim.Template {
	if len(cs) == 0 {
		cs = []container.Container{{Name: "app", Image: image}}
	}
	return sim.Template{Labels: map[string]string{"app": app}, Spec: pod.Spec{RestartPolicy: rp, Containers: cs}}
}

func controllerPods(t *testing.T, s *sim.Sim, name string) []*pod.Pod {
	t.Helper()
	st, ok := s.Controller(name)
	if !ok {
		t.Fatalf("no controller %s", name)
	}
	var out []*pod.Pod
	for _, n := range st.Pods {
		out = append(out, s.Pod(n))
	}
	return out
}

// pkg/controller/replicaset manageReplicas and getPodsToDelete: pods get
// generateName names; a scale-down deletes in ActivePodsWithRanks order,
// unscheduled pods first.
func TestReplicaSetScaleDownInActivePodsOrder(t *testing.T) {
	app := container.Container{Name: "app", Image: "app:1", Resources: container.Resources{Requests: resource.MustParseList("cpu=600m")}}
	s, err := sim.New(sim.Options{Script: sim.Script{
		Nodes:       []sim.Node{node("node-1", "1", "", nil), node("node-2", "1", "", nil)},
		Controllers: []sim.Controller{{Kind: sim.ReplicaSet, Name: "rs", Replicas: 3, Template: tmpl("rs", "", restart.Always, app)}},
		Happenings:  []sim.Happening{{At: sec(60), Kind: sim.Scale, Controller: "rs", Replicas: 2}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	run(t, s, sec(59))
	var unscheduled string
	for _, p := range controllerPods(t, s, "rs") {
		name := p.Metadata.Name
		if !strings.HasPrefix(name, "rs-") || len(name) != len("rs-")+5 || strings.Trim(name[3:], "bcdfghjklmnpqrstvwxz2456789") != "" {
			t.Errorf("name %q, want rs- and five characters of the apiserver's alphabet", name)
		}
		if p.Metadata.GenerateName != "rs-" || len(p.Metadata.OwnerReferences) != 1 || p.Metadata.OwnerReferences[0].Kind != "ReplicaSet" {
			t.Errorf("%s: generateName %q ownerReferences %+v", name, p.Metadata.GenerateName, p.Metadata.OwnerReferences)
		}
		if p.Spec.NodeName == "" {
			unscheduled = name
		}
	}
	if unscheduled == "" {
		t.Fatal("no pod is unscheduled (two nodes fit one pod each)")
	}
	run(t, s, sec(61))
	if got := changeAt(s, s.Pod(unscheduled).Metadata.UID, "pod removed"); got != sec(60) {
		t.Errorf("the unscheduled pod %s removed at %v, want 1m0s (deleted first, and at once: no kubelet has it)", unscheduled, got)
	}
	if st, _ := s.Controller("rs"); st.Active != 2 || len(st.Pods) != 2 {
		t.Errorf("after the scale-down: %d active, pods %v; want 2", st.Active, st.Pods)
	}
}

// A pod is never resurrected: an evicted pod stays Failed and the
// ReplicaSet makes a new one, with a new name and UID.
func TestReplicaSetReplacesAFailedPod(t *testing.T) {
	s, err := sim.New(sim.Options{Script: sim.Script{
		Nodes:       []sim.Node{{Name: "node-1"}},
		Controllers: []sim.Controller{{Kind: sim.ReplicaSet, Name: "rs", Replicas: 1, Template: tmpl("rs", "app:1", restart.Always)}},
		Happenings:  []sim.Happening{{At: sec(60), Kind: sim.MemoryPressure, Node: "node-1"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	run(t, s, sec(59))
	first := controllerPods(t, s, "rs")[0]
	name, uid := first.Metadata.Name, first.Metadata.UID
	run(t, s, 3*time.Minute)
	if p := s.Pod(name); p.Status.Phase != "Failed" || p.Metadata.UID != uid {
		t.Errorf("the evicted pod: phase %s uid %s, want Failed %s (kept, never restarted)", p.Status.Phase, p.Metadata.UID, uid)
	}
	st, _ := s.Controller("rs")
	if st.Active != 1 || st.Ready != 1 {
		t.Fatalf("active %d ready %d, want 1 1", st.Active, st.Ready)
	}
	for _, p := range controllerPods(t, s, "rs") {
		if p.Status.Phase == "Running" && (p.Metadata.UID == uid || p.Metadata.Name == name) {
			t.Errorf("the running pod is the evicted one (%s %s)", p.Metadata.Name, p.Metadata.UID)
		}
	}
}

// pkg/controller/deployment rolling.go: a template change makes a new
// ReplicaSet's pods and removes the old ones; with 4 replicas, maxSurge 1
// and maxUnavailable 1 (25%), never more than 5 active pods and never
// fewer than 3 available once rolled out; running pods are never changed.
func TestDeploymentRollingUpdate(t *testing.T) {
	ready := &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/", Port: probe.PortNumber(80)}, PeriodSeconds: 5, InitialDelaySeconds: 5}
	v1 := tmpl("web", "", restart.Always, container.Container{Name: "app", Image: "web:1", ReadinessProbe: ready})
	v2 := tmpl("web", "", restart.Always, container.Container{Name: "app", Image: "web:2", ReadinessProbe: ready})
	s, err := sim.New(sim.Options{SandboxDelay: sec(1), Script: sim.Script{
		Nodes:       []sim.Node{{Name: "node-1"}, {Name: "node-2"}},
		Controllers: []sim.Controller{{Kind: sim.Deployment, Name: "web", Replicas: 4, Template: v1}},
		Containers:  []sim.ContainerScript{{Container: "app", StopDelay: sec(3)}},
		Happenings:  []sim.Happening{{At: sec(60), Kind: sim.TemplateChanged, Controller: "web", Template: &v2}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	images := map[string]string{} // uid → image
	for {
		ok, err := s.Step()
		if err != nil {
			t.Fatal(err)
		}
		if !ok || s.Now().Sub(s.Start()) > 5*time.Minute {
			break
		}
		st, _ := s.Controller("web")
		if st.Active > 5 {
			t.Fatalf("%v: %d active pods, want at most 5", s.Now().Sub(s.Start()), st.Active)
		}
		if s.Now().Sub(s.Start()) >= sec(30) && st.Ready < 3 {
			t.Fatalf("%v: %d ready pods, want at least 3", s.Now().Sub(s.Start()), st.Ready)
		}
		for _, n := range st.Pods {
			p := s.Pod(n)
			img := p.Spec.Containers[0].Image
			if was, ok := images[p.Metadata.UID]; ok && was != img {
				t.Fatalf("pod %s changed image %s → %s: a running pod is never patched", n, was, img)
			}
			images[p.Metadata.UID] = img
		}
	}
	st, _ := s.Controller("web")
	if st.Active != 4 || st.Ready != 4 {
		t.Fatalf("at the end: active %d ready %d, want 4 4", st.Active, st.Ready)
	}
	var hashes []string
	for _, p := range controllerPods(t, s, "web") {
		if p.Spec.Containers[0].Image != "web:2" {
			t.Errorf("%s runs %s, want web:2", p.Metadata.Name, p.Spec.Containers[0].Image)
		}
		hashes = append(hashes, p.Metadata.Labels["pod-template-hash"])
		if !strings.HasPrefix(p.Metadata.Name, "web-"+p.Metadata.Labels["pod-template-hash"]+"-") {
			t.Errorf("name %s, want web-<pod-template-hash>-<suffix>", p.Metadata.Name)
		}
	}
	if len(images) != 8 {
		t.Errorf("%d pods made, want 8 (4 old, 4 new)", len(images))
	}
	for _, h := range hashes[1:] {
		if h != hashes[0] {
			t.Errorf("pod-template-hash %v, want one hash", hashes)
		}
	}
}

// pkg/controller/statefulset OrderedReady: db-1 is made only once db-0 is
// Running and Ready; a deleted db-1 comes back with the same name and a
// new UID, only after the old one is gone.
func TestStatefulSetOrderedReadyAndReplacement(t *testing.T) {
	ready := &probe.Probe{TCPSocket: &probe.TCPSocketAction{Port: probe.PortNumber(5432)}, PeriodSeconds: 10, InitialDelaySeconds: 20}
	s, err := sim.New(sim.Options{Script: sim.Script{
		Nodes:       []sim.Node{{Name: "node-1"}},
		Controllers: []sim.Controller{{Kind: sim.StatefulSet, Name: "db", Replicas: 2, ServiceName: "db", Template: tmpl("db", "", restart.Always, container.Container{Name: "db", Image: "db:1", ReadinessProbe: ready})}},
		Containers:  []sim.ContainerScript{{Container: "db", StopDelay: sec(5)}},
		Happenings:  []sim.Happening{{At: sec(120), Kind: sim.Delete, Pod: "db-1"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	run(t, s, sec(119))
	db0, db1 := s.Pod("db-0"), s.Pod("db-1")
	if db0 == nil || db1 == nil {
		t.Fatal("db-0 and db-1 not both made")
	}
	if ready0 := pod.ReadyTime(db0); db1.Metadata.CreationTimestamp.Before(ready0) {
		t.Errorf("db-1 created at %v, before db-0 was Ready at %v", db1.Metadata.CreationTimestamp, ready0)
	}
	if db1.Spec.Hostname != "db-1" || db1.Spec.Subdomain != "db" || db1.Metadata.Labels["statefulset.kubernetes.io/pod-name"] != "db-1" {
		t.Errorf("db-1: hostname %q subdomain %q labels %v", db1.Spec.Hostname, db1.Spec.Subdomain, db1.Metadata.Labels)
	}
	oldUID := db1.Metadata.UID
	run(t, s, 4*time.Minute)
	removed := changeAt(s, oldUID, "pod removed")
	if removed != sec(125) {
		t.Errorf("old db-1 removed at %v, want 2m5s (5 s to stop)", removed)
	}
	db1 = s.Pod("db-1")
	if db1.Metadata.UID == oldUID {
		t.Fatal("db-1 has its old UID: a pod is never resurrected")
	}
	if made := changeAt(s, db1.Metadata.UID, "created"); made < removed {
		t.Errorf("new db-1 created at %v, before the old one was gone at %v", made, removed)
	}
	if db1.Status.Phase != "Running" || !pod.IsPodReady(db1) {
		t.Errorf("new db-1 phase %s ready %v, want Running and Ready", db1.Status.Phase, pod.IsPodReady(db1))
	}
}

// pkg/controller/job syncJob and pod_failure_policy.go.
func TestJob(t *testing.T) {
	never := restart.Never
	sidecarAlways := restart.Always
	for _, tc := range []struct {
		name string
		c    sim.Controller
		runs []sim.ContainerScript
		h    []sim.Happening
		// want: the Job's condition and reason, its counts, and the most
		// pods active at once.
		condition, reason   string
		succeeded, failed   int
		maxActive, maxTotal int
	}{
		{name: "completions 3, parallelism 2: at most 2 at once, then Complete",
			c:         sim.Controller{Completions: i32(3), Parallelism: i32(2)},
			runs:      []sim.ContainerScript{{Container: "work", Runs: []sim.Run{{For: sec(30)}}}},
			condition: "Complete", succeeded: 3, maxActive: 2, maxTotal: 3},
		{name: "backoffLimit 2: the third failure fails the Job",
			c:         sim.Controller{BackoffLimit: i32(2)},
			runs:      []sim.ContainerScript{{Container: "work", Runs: []sim.Run{{For: sec(5), ExitCode: 1}}}},
			condition: "Failed", reason: "BackoffLimitExceeded", failed: 3, maxActive: 1, maxTotal: 3},
		{name: "podFailurePolicy FailJob on exit code 42",
			c: sim.Controller{PodFailurePolicy: []sim.PodFailurePolicyRule{{Action: sim.FailJob,
				OnExitCodes: &sim.OnExitCodes{ContainerName: "work", Operator: "In", Values: []int32{42}}}}},
			runs:      []sim.ContainerScript{{Container: "work", Runs: []sim.Run{{For: sec(5), ExitCode: 42}}}},
			condition: "Failed", reason: "PodFailurePolicy", maxActive: 1, maxTotal: 1},
		{name: "podFailurePolicy NotIn: exit 3 is not in [42], counted",
			c: sim.Controller{BackoffLimit: i32(0), PodFailurePolicy: []sim.PodFailurePolicyRule{{Action: sim.Ignore,
				OnExitCodes: &sim.OnExitCodes{Operator: "In", Values: []int32{42}}}}},
			runs:      []sim.ContainerScript{{Container: "work", Runs: []sim.Run{{For: sec(5), ExitCode: 3}}}},
			condition: "Failed", reason: "BackoffLimitExceeded", failed: 1, maxActive: 1, maxTotal: 1},
		{name: "podFailurePolicy Ignore on DisruptionTarget: a drained pod is not counted",
			c: sim.Controller{BackoffLimit: i32(0), PodFailurePolicy: []sim.PodFailurePolicyRule{{Action: sim.Ignore,
				OnPodConditions: []sim.PodConditionPattern{{Type: pod.DisruptionTarget}}}}},
			runs:      []sim.ContainerScript{{Container: "work", Runs: []sim.Run{{For: sec(60)}}}},
			h:         []sim.Happening{{At: sec(10), Kind: sim.Drain, Node: "node-1"}},
			condition: "Complete", succeeded: 1, maxActive: 1, maxTotal: 2},
		{name: "a pod whose work ends while its sidecar runs succeeds",
			c: sim.Controller{Template: sim.Template{Labels: map[string]string{"app": "job"}, Spec: pod.Spec{RestartPolicy: never,
				InitContainers: []container.Container{{Name: "proxy", Image: "proxy:1", RestartPolicy: &sidecarAlways}},
				Containers:     []container.Container{{Name: "work", Image: "work:1"}}}}},
			runs:      []sim.ContainerScript{{Container: "work", Runs: []sim.Run{{For: sec(20)}}}},
			condition: "Complete", succeeded: 1, maxActive: 1, maxTotal: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			c.Kind, c.Name = sim.Job, "job"
			if len(c.Template.Spec.Containers) == 0 {
				c.Template = tmpl("job", "", never, container.Container{Name: "work", Image: "work:1"})
			}
			s, err := sim.New(sim.Options{Script: sim.Script{
				Nodes:       []sim.Node{{Name: "node-1"}, {Name: "node-2"}},
				Controllers: []sim.Controller{c},
				Containers:  tc.runs,
				Happenings:  tc.h,
			}})
			if err != nil {
				t.Fatal(err)
			}
			maxActive := 0
			for {
				ok, err := s.Step()
				if err != nil {
					t.Fatal(err)
				}
				if !ok || s.Now().Sub(s.Start()) > 30*time.Minute {
					break
				}
				st, _ := s.Controller("job")
				maxActive = max(maxActive, st.Active)
			}
			st, _ := s.Controller("job")
			if st.Condition != tc.condition || st.Reason != tc.reason || st.Succeeded != tc.succeeded || st.Failed != tc.failed {
				t.Errorf("condition %q %q, succeeded %d failed %d; want %q %q, %d %d", st.Condition, st.Reason, st.Succeeded, st.Failed, tc.condition, tc.reason, tc.succeeded, tc.failed)
			}
			if maxActive != tc.maxActive || s.Stats().Pods != tc.maxTotal {
				t.Errorf("at most %d active, %d pods made; want %d, %d", maxActive, s.Stats().Pods, tc.maxActive, tc.maxTotal)
			}
		})
	}
}

// job_controller.go: after each failure the next pod waits 10 s, then
// 20 s, then 40 s (DefaultJobPodFailureBackOff doubling).
func TestJobPodFailureBackoff(t *testing.T) {
	s, err := sim.New(sim.Options{Script: sim.Script{
		Nodes:       []sim.Node{{Name: "node-1"}},
		Controllers: []sim.Controller{{Kind: sim.Job, Name: "job", BackoffLimit: i32(3), Template: tmpl("job", "", restart.Never, container.Container{Name: "work", Image: "work:1"})}},
		Containers:  []sim.ContainerScript{{Container: "work", Runs: []sim.Run{{For: sec(5), ExitCode: 1}}}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	run(t, s, 10*time.Minute)
	var created []time.Duration
	for _, c := range s.Changes() {
		if c.Kind == sim.RowChanged && strings.HasPrefix(c.Cause, "created") {
			created = append(created, c.At.Sub(s.Start()))
		}
	}
	want := []time.Duration{0, sec(15), sec(40), sec(85)}
	if len(created) != len(want) {
		t.Fatalf("pods created at %v, want %v", created, want)
	}
	for i := range want {
		if created[i] != want[i] {
			t.Errorf("pods created at %v, want %v", created, want)
			break
		}
	}
}

// pkg/controller/daemon: one pod per node that fits; its pods tolerate
// the unreachable taint for ever, so a lost node keeps its pod; PodGC
// removes the pod of a deleted node and none is made again there.
func TestDaemonSet(t *testing.T) {
	s, err := sim.New(sim.Options{Script: sim.Script{
		Nodes: []sim.Node{{Name: "node-1", Labels: map[string]string{"agent": "yes"}}, {Name: "node-2", Labels: map[string]string{"agent": "yes"}},
			{Name: "node-3"}},
		Controllers: []sim.Controller{{Kind: sim.DaemonSet, Name: "agent", Template: func() sim.Template {
			t := tmpl("agent", "agent:1", restart.Always)
			t.Scheduling.NodeSelector = map[string]string{"agent": "yes"}
			return t
		}()}},
		Happenings: []sim.Happening{{At: sec(10), Kind: sim.NodeLost, Node: "node-1"}, {At: sec(20), Kind: sim.NodeLost, Node: "node-2"},
			{At: sec(30), Kind: sim.NodeDeleted, Node: "node-2"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	run(t, s, 15*time.Minute)
	pods := controllerPods(t, s, "agent")
	if len(pods) != 1 || pods[0].Spec.NodeName != "node-1" {
		for _, p := range pods {
			t.Logf("%s on %s", p.Metadata.Name, p.Spec.NodeName)
		}
		t.Fatalf("%d pods, want 1 on node-1 (node-2 deleted, node-3 not labelled)", len(pods))
	}
	if !pods[0].Metadata.DeletionTimestamp.IsZero() {
		t.Error("the pod of the lost node was deleted: DaemonSet pods tolerate the unreachable taint")
	}
	if s.Stats().Pods != 2 {
		t.Errorf("%d pods made, want 2", s.Stats().Pods)
	}
}

// Mistakes in nodes, controllers and their happenings are refused by New
// with the path in the Script and what is allowed.
func TestClusterScriptErrors(t *testing.T) {
	ok := tmpl("a", "a:1", restart.Always)
	job := tmpl("j", "j:1", restart.Never)
	sixty := int64(60)
	for _, tc := range []struct {
		name string
		sc   sim.Script
		want string
	}{
		{"a node twice", sim.Script{Nodes: []sim.Node{{Name: "a"}, {Name: "a"}}},
			`sim: script Nodes[1].Name: node "a" is listed twice (also Nodes[0])`},
		{"unknown controller kind", sim.Script{Controllers: []sim.Controller{{Kind: 9, Name: "x", Template: ok}}},
			`sim: script Controllers[0].Kind: unknown controller ControllerKind(9); allowed: "ReplicaSet", "Deployment", "StatefulSet", "Job", "DaemonSet"`},
		{"completions on a Deployment", sim.Script{Controllers: []sim.Controller{{Kind: sim.Deployment, Name: "x", Completions: i32(1), Template: ok}}},
			`sim: script Controllers[0].Completions: only a Job has Completions`},
		{"a Deployment with restartPolicy Never", sim.Script{Controllers: []sim.Controller{{Kind: sim.Deployment, Name: "x", Template: job}}},
			`sim: script Controllers[0].Template.Spec.RestartPolicy: a Deployment's pods need restartPolicy Always; allowed: "Always"`},
		{"tolerationSeconds without NoExecute", sim.Script{Controllers: []sim.Controller{{Kind: sim.ReplicaSet, Name: "x", Template: func() sim.Template {
			t := ok
			t.Scheduling.Tolerations = []sim.Toleration{{Key: "k", Operator: sim.TolerationExists, TolerationSeconds: &sixty}}
			return t
		}()}}}, `sim: script Controllers[0].Template.Scheduling.Tolerations[0].TolerationSeconds: tolerationSeconds needs effect NoExecute`},
		{"In with exit code 0", sim.Script{Controllers: []sim.Controller{{Kind: sim.Job, Name: "j", Template: job,
			PodFailurePolicy: []sim.PodFailurePolicyRule{{Action: sim.Ignore, OnExitCodes: &sim.OnExitCodes{Operator: "In", Values: []int32{0}}}}}}},
			`sim: script Controllers[0].PodFailurePolicy[0].OnExitCodes.Values: 0 cannot be used with operator In (exit code 0 never matches)`},
		{"a happening after MaxTime", sim.Script{Happenings: []sim.Happening{{At: 200 * 365 * 24 * time.Hour, Kind: sim.NodeLost, Node: "a"}}},
			`sim: script Happenings[0].At: time 1752000h0m0s is after MaxTime (100 years)`},
		{"a DaemonSet scaled", sim.Script{Controllers: []sim.Controller{{Kind: sim.DaemonSet, Name: "d", Template: ok}},
			Happenings: []sim.Happening{{Kind: sim.Scale, Controller: "d", Replicas: 2}}},
			`sim: script Happenings[0].Controller: a DaemonSet is not scaled: it runs a pod per node`},
		{"a Job's template changed", sim.Script{Controllers: []sim.Controller{{Kind: sim.Job, Name: "j", Template: job}},
			Happenings: []sim.Happening{{Kind: sim.TemplateChanged, Controller: "j", Template: &job}}},
			`sim: script Happenings[0].Controller: a Job's pod template cannot be changed`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sim.New(sim.Options{Script: tc.sc})
			if err == nil || err.Error() != tc.want {
				t.Errorf("got  %v\nwant %s", err, tc.want)
			}
		})
	}
	// A controller a happening names that does not exist is found out when
	// the happening is due, with the names allowed.
	s, err := sim.New(sim.Options{Script: sim.Script{Controllers: []sim.Controller{{Kind: sim.ReplicaSet, Name: "rs", Template: ok}},
		Happenings: []sim.Happening{{At: sec(1), Kind: sim.Scale, Controller: "nope", Replicas: 1}}}})
	if err != nil {
		t.Fatal(err)
	}
	want := `sim: script Happenings[0].Controller: Scale at 1s: no such controller has been created by then; allowed: "default/rs"`
	if err := s.RunUntil(s.Start().Add(sec(2))); err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// stateful_set_control.go: a scale-down deletes from the highest ordinal,
// one pod at a time; a template change replaces the pods from the highest
// ordinal down, each after the one before is Running and Ready again.
func TestStatefulSetScaleDownAndRollingUpdate(t *testing.T) {
	v2 := tmpl("db", "db:2", restart.Always)
	s, err := sim.New(sim.Options{Script: sim.Script{
		Nodes:       []sim.Node{{Name: "node-1"}},
		Controllers: []sim.Controller{{Kind: sim.StatefulSet, Name: "db", Replicas: 4, Template: tmpl("db", "db:1", restart.Always)}},
		Containers:  []sim.ContainerScript{{Container: "app", StopDelay: sec(10), Pull: sim.Pull{Duration: sec(2)}}},
		Happenings: []sim.Happening{{At: sec(60), Kind: sim.Scale, Controller: "db", Replicas: 2},
			{At: sec(120), Kind: sim.TemplateChanged, Controller: "db", Template: &v2}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	run(t, s, 5*time.Minute)
	var order []string
	for _, c := range s.Changes() {
		if c.Kind == sim.RowChanged && strings.HasPrefix(c.Cause, "deleted by StatefulSet") {
			order = append(order, c.Pod+"@"+c.At.Sub(s.Start()).String())
		}
	}
	want := []string{"default/db-3@1m0s", "default/db-2@1m10s", "default/db-1@2m0s", "default/db-0@2m12s"}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("deleted %v\nwant    %v", order, want)
	}
	for _, name := range []string{"db-0", "db-1"} {
		if p := s.Pod(name); p.Spec.Containers[0].Image != "db:2" || !pod.IsPodReady(p) {
			t.Errorf("%s: image %s ready %v, want db:2 and Ready", name, p.Spec.Containers[0].Image, pod.IsPodReady(p))
		}
	}
	if p := s.Pod("db-2"); !s.Removed(p.Metadata.UID) {
		t.Error("db-2 not removed after the scale-down")
	}
}

// daemon_controller.go rolling update (maxUnavailable 1): one node's pod
// at a time is replaced by a pod of the new template.
func TestDaemonSetRollingUpdate(t *testing.T) {
	v2 := tmpl("agent", "agent:2", restart.Always)
	s, err := sim.New(sim.Options{Script: sim.Script{
		Nodes:       []sim.Node{{Name: "node-1"}, {Name: "node-2"}},
		Controllers: []sim.Controller{{Kind: sim.DaemonSet, Name: "agent", Template: tmpl("agent", "agent:1", restart.Always)}},
		Containers:  []sim.ContainerScript{{Container: "app", StopDelay: sec(5)}},
		Happenings:  []sim.Happening{{At: sec(60), Kind: sim.TemplateChanged, Controller: "agent", Template: &v2}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	run(t, s, 5*time.Minute)
	var deleted []string
	for _, c := range s.Changes() {
		if c.Kind == sim.RowChanged && strings.HasPrefix(c.Cause, "deleted by DaemonSet") {
			deleted = append(deleted, c.At.Sub(s.Start()).String())
		}
	}
	if strings.Join(deleted, " ") != "1m0s 1m5s" {
		t.Errorf("old pods deleted at %v, want 1m0s and 1m5s (the second once the first node's new pod is Ready)", deleted)
	}
	pods := controllerPods(t, s, "agent")
	if len(pods) != 2 || pods[0].Spec.Containers[0].Image != "agent:2" || pods[1].Spec.Containers[0].Image != "agent:2" || pods[0].Spec.NodeName == pods[1].Spec.NodeName {
		t.Errorf("pods after the update: %d, want one agent:2 per node", len(pods))
	}
}

// stateful_set_utils.go updateStorage: each pod of a StatefulSet gets a
// persistentVolumeClaim volume per volumeClaimTemplate, claiming
// <claim>-<pod>, in place of a template volume of that name; a mount of
// the claim is then valid.
func TestStatefulSetVolumeClaims(t *testing.T) {
	sc, err := sim.LoadScript("db.json", strings.NewReader(`{"controllers": [{"kind": "StatefulSet", "name": "db", "replicas": 2,
		"volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteOnce"]}}],
		"template": {"metadata": {"labels": {"app": "db"}}, "spec": {"containers": [{"name": "db", "image": "db:1",
			"volumeMounts": [{"name": "data", "mountPath": "/var/lib/db"}]}],
			"volumes": [{"name": "data", "emptyDir": {}}, {"name": "conf", "emptyDir": {}}]}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := sc.Controllers[0].VolumeClaims; len(got) != 1 || got[0] != "data" {
		t.Fatalf("VolumeClaims %v", got)
	}
	s, err := sim.New(sim.Options{Script: sc})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RunUntil(s.Start().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"db-0", "db-1"} {
		p := s.Pod("default/" + name)
		if p == nil {
			t.Fatalf("no pod %s", name)
		}
		vs := p.Spec.Volumes
		if len(vs) != 2 || vs[0].Name != "data" || vs[0].PersistentVolumeClaim == nil || vs[0].PersistentVolumeClaim.ClaimName != "data-"+name || vs[1].Name != "conf" {
			t.Errorf("%s volumes %+v", name, vs)
		}
	}
	if _, err := sim.New(sim.Options{Script: sim.Script{Controllers: []sim.Controller{{Kind: sim.Deployment, Name: "x",
		VolumeClaims: []string{"data"}, Template: tmpl("a", "a:1", restart.Always)}}}}); err == nil ||
		!strings.Contains(err.Error(), "only a StatefulSet has volume claim templates") {
		t.Errorf("claims on a Deployment: %v", err)
	}
}
