package sim_test

import (
	"strings"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/sim"
)

func run(t *testing.T, s *sim.Sim, until time.Duration) {
	t.Helper()
	if err := s.RunUntil(s.Start().Add(until)); err != nil {
		t.Fatal(err)
	}
}

// changeAt returns the time (since the start) of the first change of pod
// uid whose cause or event reason contains what, or -1.
func changeAt(s *sim.Sim, uid, what string) time.Duration {
	for _, c := range s.Changes() {
		if c.UID == uid && (strings.Contains(c.Cause, what) || c.Record.Reason == what) {
			return c.At.Sub(s.Start())
		}
	}
	return -1
}

func twoNodes(h ...sim.Happening) sim.Script {
	return sim.Script{Nodes: []sim.Node{{Name: "node-1"}, {Name: "node-2"}}, Happenings: h}
}

func pinned(name, nodeName string) *pod.Pod {
	p := webPod(name)
	p.Spec.NodeName = nodeName
	return p
}

// pkg/controller/tainteviction/taint_eviction.go with the
// DefaultTolerationSeconds admission plugin: a pod on a node gone
// NotReady is deleted once its toleration of the unreachable NoExecute
// taint runs out: 300 s by default, its own tolerationSeconds, never
// for a toleration without seconds, the least of the matching ones' seconds
// (getMinTolerationTime), at once for 0 or when the one toleration that
// kept the admission plugin from adding its default does not match... and
// not at all if the node is back first.
func TestTaintEviction(t *testing.T) {
	lost := sec(100)
	noticed := lost + sim.NodeMonitorGracePeriod
	sixty, hour, zero := int64(60), int64(3600), int64(0)
	for _, tc := range []struct {
		name string
		tols []sim.Toleration
		back time.Duration // 0: never
		want time.Duration // -1: not deleted
	}{
		{name: "default toleration 300s", want: noticed + sec(300)},
		{name: "own tolerationSeconds 60", tols: []sim.Toleration{{Key: sim.TaintNodeUnreachable, Operator: sim.TolerationExists, Effect: sim.NoExecute, TolerationSeconds: &sixty}}, want: noticed + sec(60)},
		{name: "toleration without seconds: never", tols: []sim.Toleration{{Key: sim.TaintNodeUnreachable, Operator: sim.TolerationExists, Effect: sim.NoExecute}}, want: -1},
		{name: "node back before the toleration ends: not deleted", back: noticed + sec(200), want: -1},
		{name: "the least of two matching: 60s", tols: []sim.Toleration{
			{Key: sim.TaintNodeUnreachable, Operator: sim.TolerationExists, Effect: sim.NoExecute, TolerationSeconds: &hour},
			{Operator: sim.TolerationExists, Effect: sim.NoExecute, TolerationSeconds: &sixty}}, want: noticed + sec(60)},
		{name: "one without seconds beside one of 60s: 60s", tols: []sim.Toleration{
			{Operator: sim.TolerationExists},
			{Key: sim.TaintNodeUnreachable, Operator: sim.TolerationExists, Effect: sim.NoExecute, TolerationSeconds: &sixty}}, want: noticed + sec(60)},
		{name: "tolerationSeconds 0: at once", tols: []sim.Toleration{
			{Key: sim.TaintNodeUnreachable, Operator: sim.TolerationExists, Effect: sim.NoExecute, TolerationSeconds: &hour},
			{Key: sim.TaintNodeUnreachable, Operator: sim.TolerationExists, Effect: sim.NoExecute, TolerationSeconds: &zero}}, want: noticed},
		{name: "only other taints tolerated: the default 300s", tols: []sim.Toleration{
			{Key: sim.TaintNodeNotReady, Operator: sim.TolerationExists, Effect: sim.NoExecute, TolerationSeconds: &sixty}}, want: noticed + sec(300)},
		{name: "a toleration of the key that does not match its value: no default, at once", tols: []sim.Toleration{
			{Key: sim.TaintNodeUnreachable, Operator: sim.TolerationEqual, Value: "x", Effect: sim.NoExecute, TolerationSeconds: &hour}}, want: noticed},
		{name: "the same with the effect left empty: no default, at once", tols: []sim.Toleration{
			{Key: sim.TaintNodeUnreachable, Operator: sim.TolerationEqual, Value: "x"}}, want: noticed},
		{name: "a wildcard NoExecute toleration without seconds: no default, never", tols: []sim.Toleration{
			{Operator: sim.TolerationExists, Effect: sim.NoExecute}}, want: -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := []sim.Happening{{At: lost, Kind: sim.NodeLost, Node: "node-1"}}
			if tc.back > 0 {
				h = append(h, sim.Happening{At: tc.back, Kind: sim.NodeBack, Node: "node-1"})
			}
			s, err := sim.New(sim.Options{Script: twoNodes(h...)})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.AddPodScheduling(pinned("p", "node-1"), 0, sim.Scheduling{Tolerations: tc.tols}); err != nil {
				t.Fatal(err)
			}
			run(t, s, 20*time.Minute)
			uid := s.Pod("p").Metadata.UID
			if got := changeAt(s, uid, "deleted by taint eviction"); got != tc.want {
				t.Errorf("deleted at %v, want %v", got, tc.want)
			}
			if tc.want < 0 {
				return
			}
			p := s.Pod("p")
			c := p.Status.Condition(pod.DisruptionTarget)
			if c == nil || c.Status != pod.ConditionTrue || c.Reason != "DeletionByTaintManager" || c.ObservedGeneration != 1 {
				t.Errorf("DisruptionTarget %+v, want True DeletionByTaintManager at the pod's generation, 1", c)
			}
			if got := changeAt(s, uid, "TaintManagerEviction"); got != tc.want {
				t.Errorf("TaintManagerEviction event at %v, want %v", got, tc.want)
			}
			// The kubelet is gone: the deletion cannot finish.
			if p.Metadata.DeletionTimestamp.IsZero() || p.Status.Phase != "Running" {
				t.Errorf("deletionTimestamp %v phase %s, want set and Running (Terminating while the node is gone)", p.Metadata.DeletionTimestamp, p.Status.Phase)
			}
			if got := changeAt(s, uid, "pod removed"); got >= 0 {
				t.Errorf("removed at %v while the node is gone", got)
			}
		})
	}
}

// pkg/controller/nodelifecycle: no heartbeat for the grace → the pods'
// Ready False (phase kept) and a NodeNotReady event; when the node is
// back, the kubelet finishes the deletions it could not carry out.
func TestNodeLostThenBack(t *testing.T) {
	s, err := sim.New(sim.Options{Script: twoNodes(
		sim.Happening{At: sec(10), Kind: sim.NodeLost, Node: "node-1"},
		sim.Happening{At: sec(500), Kind: sim.NodeBack, Node: "node-1"})})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*pod.Pod{pinned("lost", "node-1"), pinned("fine", "node-2")} {
		if err := s.AddPod(p, 0); err != nil {
			t.Fatal(err)
		}
	}
	run(t, s, sec(59))
	if c := s.Pod("lost").Status.Condition(pod.Ready); c == nil || c.Status != pod.ConditionTrue {
		t.Fatalf("49 s after the loss: Ready %+v, want True", c)
	}
	run(t, s, sec(60))
	if c := s.Pod("lost").Status.Condition(pod.Ready); c == nil || c.Status != pod.ConditionFalse {
		t.Errorf("50 s after the loss: Ready %+v, want False", c)
	}
	if ph := s.Pod("lost").Status.Phase; ph != "Running" {
		t.Errorf("phase %s, want Running (kept)", ph)
	}
	if c := s.Pod("fine").Status.Condition(pod.Ready); c == nil || c.Status != pod.ConditionTrue {
		t.Errorf("pod on the other node: Ready %+v, want True", c)
	}
	uid := s.Pod("lost").Metadata.UID
	if got := changeAt(s, uid, "NodeNotReady"); got != sec(60) {
		t.Errorf("NodeNotReady at %v, want 1m0s", got)
	}
	run(t, s, sec(499))
	if s.Pod("lost").Metadata.DeletionTimestamp.IsZero() {
		t.Fatal("not deleted by the taint eviction at 6m")
	}
	run(t, s, sec(510))
	if got := changeAt(s, uid, "pod removed"); got != sec(500) {
		t.Errorf("removed at %v, want 8m20s (the node back, the kubelet kills and removes it)", got)
	}
}

// pkg/controller/podgc/gc_controller.go gcOrphaned: the pods bound to a
// deleted node are marked Failed with DisruptionTarget DeletionByPodGC and
// force-deleted after the quarantine; a pod bound to a node that never
// existed too. Both observe the pod's generation
// (markFailedAndDeletePodWithCondition).
func TestPodGCOrphaned(t *testing.T) {
	s := mustSim(t, sim.Options{Script: twoNodes(
		sim.Happening{At: sec(10), Kind: sim.NodeLost, Node: "node-1"},
		sim.Happening{At: sec(30), Kind: sim.NodeDeleted, Node: "node-1"})},
		pinned("on-deleted", "node-1"), pinned("nowhere", "node-9"))
	run(t, s, 5*time.Minute)
	for _, tc := range []struct {
		pod  string
		want time.Duration
	}{{"on-deleted", sec(30) + sim.PodGCQuarantine}, {"nowhere", sim.PodGCQuarantine}} {
		p := s.Pod(tc.pod)
		if got := changeAt(s, p.Metadata.UID, "force-deleted by PodGC"); got != tc.want {
			t.Errorf("%s: force-deleted at %v, want %v", tc.pod, got, tc.want)
		}
		c := p.Status.Condition(pod.DisruptionTarget)
		if p.Status.Phase != "Failed" || c == nil || c.Reason != "DeletionByPodGC" {
			t.Errorf("%s: phase %s DisruptionTarget %+v, want Failed DeletionByPodGC", tc.pod, p.Status.Phase, c)
		}
		// The pod was created at generation 1 (PrepareForCreate), which
		// PodGC's status and condition observed.
		if p.Metadata.Generation != 1 || p.Status.ObservedGeneration != 1 || c == nil || c.ObservedGeneration != 1 {
			t.Errorf("%s: generation %d, status observed %d, DisruptionTarget %+v; want 1, 1, 1", tc.pod, p.Metadata.Generation, p.Status.ObservedGeneration, c)
		}
	}
	if st := s.Stats(); st.Removed != 2 {
		t.Errorf("%d pods removed, want 2", st.Removed)
	}
}

// kubectl drain: cordon, then evict through the Eviction API
// (DisruptionTarget EvictionByEvictionAPI, the pod's grace); DaemonSet
// pods stay; nothing new is scheduled on the node.
func TestDrain(t *testing.T) {
	s, err := sim.New(sim.Options{Script: sim.Script{
		Nodes: []sim.Node{{Name: "node-1"}},
		Controllers: []sim.Controller{{Kind: sim.DaemonSet, Name: "agent",
			Template: sim.Template{Labels: map[string]string{"app": "agent"}, Spec: pod.Spec{Containers: []container.Container{{Name: "agent", Image: "agent:1"}}}}}},
		Happenings: []sim.Happening{{At: sec(60), Kind: sim.Drain, Node: "node-1"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddPod(webPod("app"), 0); err != nil {
		t.Fatal(err)
	}
	if err := s.AddPod(webPod("late"), sec(90)); err != nil {
		t.Fatal(err)
	}
	run(t, s, sec(120))
	p := s.Pod("app")
	c := p.Status.Condition(pod.DisruptionTarget)
	if c == nil || c.Reason != "EvictionByEvictionAPI" || c.Message != "Eviction API: evicting" {
		t.Errorf("DisruptionTarget %+v, want EvictionByEvictionAPI", c)
	}
	if got := changeAt(s, p.Metadata.UID, "pod removed"); got != sec(60) {
		t.Errorf("app removed at %v, want 1m0s (it exits at once on SIGTERM)", got)
	}
	ds, _ := s.Controller("agent")
	if ds.Active != 1 {
		t.Errorf("DaemonSet pods active %d, want 1 (drain leaves them)", ds.Active)
	}
	if st, reason, msg := scheduledCond(s.Pod("late")); st != pod.ConditionFalse || reason != "Unschedulable" || msg != "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling." {
		t.Errorf("late pod: PodScheduled %s %s %q, want False Unschedulable on the cordoned node", st, reason, msg)
	}
}

// usage scripts the memory pod's container app uses.
func usage(pod, m string) sim.ContainerScript {
	return sim.ContainerScript{Pod: pod, Container: "app", Memory: resource.MustParse(m)}
}

// pkg/kubelet/eviction/helpers.go rankMemoryPressure: pods using more
// memory than they request first, then the lower priority, then the
// larger usage above requests; one pod per eviction round of 10 s, with
// the Evicted status and the message naming the containers over their
// requests.
func TestMemoryPressureEvictionOrder(t *testing.T) {
	mem := func(name, req string) *pod.Pod {
		c := container.Container{Name: "app", Image: "app:1"}
		if req != "" {
			c.Resources.Requests = resource.List{{Name: resource.Memory, Quantity: resource.MustParse(req)}}
		}
		p := webPod(name, c)
		p.Spec.NodeName = "node-1"
		return p
	}
	s, err := sim.New(sim.Options{Script: sim.Script{
		Nodes: []sim.Node{{Name: "node-1"}},
		Containers: []sim.ContainerScript{
			usage("under", "100Mi"), usage("besteffort", "30Mi"), usage("over-small", "300Mi"), usage("over-big", "900Mi"), usage("over-high-priority", "2Gi"),
		},
		Happenings: []sim.Happening{{At: sec(60), Kind: sim.MemoryPressure, Node: "node-1", Count: 4}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	add := func(p *pod.Pod, prio int32) {
		if err := s.AddPodScheduling(p, 0, sim.Scheduling{Priority: prio}); err != nil {
			t.Fatal(err)
		}
	}
	add(mem("under", "200Mi"), 0)
	add(mem("besteffort", ""), 0)
	add(mem("over-small", "256Mi"), 0)
	add(mem("over-big", "256Mi"), 0)
	add(mem("over-high-priority", "256Mi"), 1000)
	run(t, s, 5*time.Minute)
	want := []struct {
		pod string
		at  time.Duration
	}{{"over-big", sec(60)}, {"over-small", sec(70)}, {"besteffort", sec(80)}, {"over-high-priority", sec(90)}}
	for _, w := range want {
		p := s.Pod(w.pod)
		if got := changeAt(s, p.Metadata.UID, "Evicted"); got != w.at {
			t.Errorf("%s evicted at %v, want %v", w.pod, got, w.at)
		}
		if p.Status.Phase != "Failed" || p.Status.Reason != "Evicted" {
			t.Errorf("%s: phase %s reason %s, want Failed Evicted", w.pod, p.Status.Phase, p.Status.Reason)
		}
	}
	if got := changeAt(s, s.Pod("under").Metadata.UID, "Evicted"); got >= 0 {
		t.Errorf("under its request, evicted at %v; want not evicted (only 4 asked for)", got)
	}
	if msg, want := s.Pod("over-big").Status.Message, "The node was low on resource: memory. Container app was using 900Mi, request is 256Mi, has larger consumption of memory. "; msg != want {
		t.Errorf("message %q\nwant    %q", msg, want)
	}
}

// The eviction manager ranks by the memory request as
// GetResourceRequestQuantity reads it: spec.overhead's memory is added to
// a request that is not zero, never to a zero one. A pod with no request
// is over it at any usage, however large its overhead.
func TestMemoryPressureEvictionOverhead(t *testing.T) {
	withOverhead := func(name, req string) *pod.Pod {
		c := container.Container{Name: "app", Image: "app:1"}
		if req != "" {
			c.Resources.Requests = resource.List{{Name: resource.Memory, Quantity: resource.MustParse(req)}}
		}
		p := webPod(name, c)
		p.Spec.NodeName = "node-1"
		p.Spec.Overhead = resource.MustParseList("memory=512Mi")
		return p
	}
	s := mustSim(t, sim.Options{Script: sim.Script{
		Nodes:      []sim.Node{{Name: "node-1"}},
		Containers: []sim.ContainerScript{usage("requested", "600Mi"), usage("unrequested", "100Mi")},
		Happenings: []sim.Happening{{At: sec(60), Kind: sim.MemoryPressure, Node: "node-1", Count: 1}},
	}}, withOverhead("requested", "256Mi"), withOverhead("unrequested", ""))
	run(t, s, 5*time.Minute)
	// requested: 600Mi used, under 256Mi + 512Mi; unrequested: over 0.
	if got := changeAt(s, s.Pod("unrequested").Metadata.UID, "Evicted"); got != sec(60) {
		t.Errorf("unrequested evicted at %v, want 60s", got)
	}
	if got := changeAt(s, s.Pod("requested").Metadata.UID, "Evicted"); got >= 0 {
		t.Errorf("requested evicted at %v; its usage is under its request plus overhead", got)
	}
}

// evictionMessage prints a container's usage as the kubelet's stats give
// it, bytes in binary SI (a script's "1G" is 1000000000 bytes, which no
// binary suffix divides), and names a pod with pod-level resources and a
// memory request first, its usage beside that request, larger or not.
func TestMemoryPressureEvictionMessage(t *testing.T) {
	for _, tc := range []struct {
		name, usage string
		podLevel    *container.Resources
		want        string
	}{
		{name: "usage in binary SI", usage: "1G",
			want: "The node was low on resource: memory. Container app was using 1000000000, request is 256Mi, has larger consumption of memory. "},
		{name: "pod-level resources: the pod first, whatever its usage", usage: "300Mi",
			podLevel: &container.Resources{Requests: resource.MustParseList("memory=1Gi")},
			want:     "The node was low on resource: memory. Pod web was using 300Mi, request is 1Gi, has larger consumption of memory. Container app was using 300Mi, request is 256Mi, has larger consumption of memory. "},
		{name: "pod-level resources without a memory request: the containers' is the pod's (DefaultPodLevelResources)", usage: "300Mi",
			podLevel: &container.Resources{Requests: resource.MustParseList("cpu=1")},
			want:     "The node was low on resource: memory. Pod web was using 300Mi, request is 256Mi, has larger consumption of memory. Container app was using 300Mi, request is 256Mi, has larger consumption of memory. "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := webPod("web", container.Container{Name: "app", Image: "app:1",
				Resources: container.Resources{Requests: resource.MustParseList("memory=256Mi")}})
			p.Spec.NodeName = "node-1"
			p.Spec.Resources = tc.podLevel
			s, err := sim.New(sim.Options{Script: sim.Script{
				Nodes:      []sim.Node{{Name: "node-1"}},
				Containers: []sim.ContainerScript{usage("web", tc.usage)},
				Happenings: []sim.Happening{{At: sec(60), Kind: sim.MemoryPressure, Node: "node-1", Count: 1}},
			}})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.AddPod(p, 0); err != nil {
				t.Fatal(err)
			}
			run(t, s, 2*time.Minute)
			if got := s.Pod("web").Status.Message; got != tc.want {
				t.Errorf("message %q\nwant    %q", got, tc.want)
			}
		})
	}
}
