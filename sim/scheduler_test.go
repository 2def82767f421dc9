package sim_test

import (
	"errors"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/sim"
)

func node(name string, cpu, mem string, labels map[string]string) sim.Node {
	n := sim.Node{Name: name, Labels: labels, Allocatable: resource.List{}}
	if cpu != "" {
		n.Allocatable = n.Allocatable.With(resource.CPU, resource.MustParse(cpu))
	}
	if mem != "" {
		n.Allocatable = n.Allocatable.With(resource.Memory, resource.MustParse(mem))
	}
	return n
}

// asking returns a pod whose one container requests cpu.
func asking(name, cpu string) *pod.Pod {
	c := container.Container{Name: "app", Image: "app:1"}
	if cpu != "" {
		c.Resources.Requests = resource.List{{Name: resource.CPU, Quantity: resource.MustParse(cpu)}}
	}
	return webPod(name, c)
}

func scheduledCond(p *pod.Pod) (pod.ConditionStatus, string, string) {
	c := p.Status.Condition(pod.PodScheduled)
	if c == nil {
		return "", "", ""
	}
	return c.Status, c.Reason, c.Message
}

// The scheduler's filters, each named after its plugin
// (pkg/scheduler/framework/plugins), and its choice among the feasible
// nodes.
func TestSchedulerFilters(t *testing.T) {
	tolerateAll := sim.Scheduling{Tolerations: []sim.Toleration{{Operator: sim.TolerationExists}}}
	for _, tc := range []struct {
		name  string
		nodes []sim.Node
		pod   *pod.Pod
		sch   sim.Scheduling
		// want is the node, or "" and the Unschedulable message.
		want, message string
	}{
		{name: "NodeResourcesFit: the pod goes where its cpu request fits",
			nodes: []sim.Node{node("small", "500m", "", nil), node("big", "4", "", nil)},
			pod:   asking("p", "1"), want: "big"},
		{name: "NodeResourcesFit: Insufficient cpu everywhere keeps it Pending",
			nodes: []sim.Node{node("a", "500m", "", nil), node("b", "500m", "", nil)},
			pod:   asking("p", "1"), message: "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."},
		{name: "NodeResourcesFit: spec.overhead counts with the requests (PodRequests)",
			nodes: []sim.Node{node("a", "1", "", nil)},
			pod: func() *pod.Pod {
				p := asking("p", "900m")
				p.Spec.Overhead = resource.MustParseList("cpu=250m")
				return p
			}(), message: "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."},
		{name: "NodeResourcesFit: Too many pods",
			nodes: []sim.Node{{Name: "a", Allocatable: resource.MustParseList("pods=0")}},
			pod:   asking("p", ""), message: "0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."},
		{name: "NodeAffinity: nodeSelector picks the labelled node",
			nodes: []sim.Node{node("a", "", "", map[string]string{"disk": "hdd"}), node("b", "", "", map[string]string{"disk": "ssd"})},
			pod:   asking("p", ""), sch: sim.Scheduling{NodeSelector: map[string]string{"disk": "ssd"}}, want: "b"},
		{name: "NodeAffinity and NodeResourcesFit: reasons counted and sorted",
			nodes: []sim.Node{node("a", "4", "", map[string]string{"disk": "hdd"}), node("b", "500m", "", map[string]string{"disk": "ssd"})},
			pod:   asking("p", "1"), sch: sim.Scheduling{NodeSelector: map[string]string{"disk": "ssd"}},
			message: "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling."},
		{name: "NodeUnschedulable: a cordoned node is skipped",
			nodes: []sim.Node{{Name: "a", Unschedulable: true}, {Name: "b"}},
			pod:   asking("p", ""), want: "b"},
		{name: "NodeUnschedulable: unless the pod tolerates the unschedulable taint",
			nodes: []sim.Node{{Name: "a", Unschedulable: true}, {Name: "b", Unschedulable: true}},
			pod:   asking("p", ""), sch: tolerateAll, want: "a"},
		{name: "TaintToleration: an untolerated NoSchedule taint",
			nodes: []sim.Node{{Name: "a", Taints: []sim.Taint{{Key: "gpu", Value: "yes", Effect: sim.NoSchedule}}}},
			pod:   asking("p", ""), message: "0/1 nodes are available: 1 node(s) had untolerated taint {gpu: yes}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."},
		{name: "TaintToleration: PreferNoSchedule does not filter",
			nodes: []sim.Node{{Name: "a", Taints: []sim.Taint{{Key: "gpu", Effect: sim.PreferNoSchedule}}}},
			pod:   asking("p", ""), want: "a"},
		{name: "TaintToleration: a tolerated taint",
			nodes: []sim.Node{{Name: "a", Taints: []sim.Taint{{Key: "gpu", Value: "yes", Effect: sim.NoSchedule}}}},
			pod:   asking("p", ""), sch: sim.Scheduling{Tolerations: []sim.Toleration{{Key: "gpu", Value: "yes"}}}, want: "a"},
		{name: "LeastAllocated: the emptier node wins",
			nodes: []sim.Node{node("a", "1", "1Gi", nil), node("b", "4", "1Gi", nil)},
			pod:   asking("p", "100m"), want: "b"},
		{name: "equal scores: the first node of Script.Nodes",
			nodes: []sim.Node{node("a", "1", "1Gi", nil), node("b", "1", "1Gi", nil)},
			pod:   asking("p", "100m"), want: "a"},
		{name: "spec.nodeName is honoured without the scheduler",
			nodes: []sim.Node{{Name: "a", Unschedulable: true}, {Name: "b"}},
			pod: func() *pod.Pod {
				p := asking("p", "")
				p.Spec.NodeName = "a"
				return p
			}(), want: "a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := sim.New(sim.Options{Script: sim.Script{Nodes: tc.nodes}})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.AddPodScheduling(tc.pod, 0, tc.sch); err != nil {
				t.Fatal(err)
			}
			if err := s.RunUntil(s.Start().Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			p := s.Pod("p")
			if p.Spec.NodeName != tc.want {
				t.Fatalf("bound to %q, want %q", p.Spec.NodeName, tc.want)
			}
			st, reason, msg := scheduledCond(p)
			if tc.want != "" {
				if st != pod.ConditionTrue {
					t.Errorf("PodScheduled %s, want True", st)
				}
				return
			}
			if p.Status.Phase != "Pending" || st != pod.ConditionFalse || reason != "Unschedulable" || msg != tc.message {
				t.Errorf("phase %s, PodScheduled %s %s %q\nwant Pending, False Unschedulable %q", p.Status.Phase, st, reason, msg, tc.message)
			}
			var failed int
			for _, c := range s.Changes() {
				if c.Kind == sim.EventRecorded && c.Record.Reason == "FailedScheduling" && c.From == "default-scheduler" && c.Record.Message == tc.message {
					failed++
				}
			}
			if failed != 1 {
				t.Errorf("%d FailedScheduling events with the message, want 1", failed)
			}
		})
	}
}

// handleSchedulingFailure leaves the pod in the queue: once a pod that
// held the node's resources is gone, the pending pod is bound.
func TestUnschedulablePodBoundWhenRoomIsFreed(t *testing.T) {
	s, err := sim.New(sim.Options{Script: sim.Script{
		Nodes:      []sim.Node{node("a", "1", "", nil)},
		Happenings: []sim.Happening{{At: sec(30), Kind: sim.Delete, Pod: "first"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*pod.Pod{asking("first", "800m"), asking("second", "800m")} {
		if err := s.AddPod(p, 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RunUntil(s.Start().Add(sec(29))); err != nil {
		t.Fatal(err)
	}
	if st, reason, _ := scheduledCond(s.Pod("second")); st != pod.ConditionFalse || reason != "Unschedulable" {
		t.Fatalf("second before the deletion: PodScheduled %s %s, want False Unschedulable", st, reason)
	}
	if err := s.RunUntil(s.Start().Add(sec(40))); err != nil {
		t.Fatal(err)
	}
	p := s.Pod("second")
	if st, _, _ := scheduledCond(p); p.Spec.NodeName != "a" || st != pod.ConditionTrue || p.Status.Phase != "Running" {
		t.Errorf("second after the deletion: node %q, PodScheduled %s, phase %s; want a, True, Running", p.Spec.NodeName, st, p.Status.Phase)
	}
}

// pkg/scheduler: a pod with scheduling gates is not scheduled
// (SchedulingGated) until the gates are removed; then it is bound.
func TestSchedulingGatesRemoved(t *testing.T) {
	gated := asking("gated", "")
	gated.Spec.SchedulingGates = []pod.SchedulingGate{{Name: "example.com/wait"}}
	s, err := sim.New(sim.Options{Script: sim.Script{
		Nodes:      []sim.Node{{Name: "a"}},
		Pods:       []sim.ScriptPod{{Pod: gated}},
		Happenings: []sim.Happening{{At: sec(60), Kind: sim.RemoveSchedulingGates, Pod: "gated"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RunUntil(s.Start().Add(sec(59))); err != nil {
		t.Fatal(err)
	}
	if st, reason, _ := scheduledCond(s.Pod("gated")); st != pod.ConditionFalse || reason != "SchedulingGated" {
		t.Fatalf("before: PodScheduled %s %s, want False SchedulingGated", st, reason)
	}
	if err := s.RunUntil(s.Start().Add(sec(61))); err != nil {
		t.Fatal(err)
	}
	if p := s.Pod("gated"); p.Spec.NodeName != "a" || p.Status.Phase != "Running" {
		t.Errorf("after: node %q phase %s, want a Running", p.Spec.NodeName, p.Status.Phase)
	}
}

// LeastAllocated counts each container's missing requests as 100m and
// 200Mi (pod.NonZeroRequests): a node holding a three-container pod that
// requests nothing is fuller than one holding a one-container pod, so the
// next pod goes to the second (counting the pod's total as one container's
// would tie them, and the tie go to the first node).
func TestLeastAllocatedCountsEachContainersDefaults(t *testing.T) {
	app := func(name string) container.Container { return container.Container{Name: name, Image: "app:1"} }
	onNode := func(p *pod.Pod, n string) *pod.Pod { p.Spec.NodeName = n; return p }
	s, err := sim.New(sim.Options{Script: sim.Script{Nodes: []sim.Node{node("a", "1", "1Gi", nil), node("b", "1", "1Gi", nil)}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*pod.Pod{
		onNode(webPod("three", app("x"), app("y"), app("z")), "a"),
		onNode(webPod("one", app("x")), "b"),
	} {
		if err := s.AddPod(p, 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddPod(webPod("next"), sec(10)); err != nil {
		t.Fatal(err)
	}
	run(t, s, time.Minute)
	if got := s.Pod("next").Spec.NodeName; got != "b" {
		t.Errorf("next bound to %q, want b", got)
	}
}

// The DefaultPreemption PostFilter's part of the message
// (framework/preemption Evaluate, SelectVictimsOnNode), for a pod asking
// 800m of a 1-cpu node where "low" (priority -5, 100m) and "peer"
// (priority 0, 400m) run: a pod may not preempt under preemptionPolicy
// Never; with no pod of lower priority there are no victims; pods of lower
// priority that are not enough leave the node short of what removing them
// all still leaves; where they would be enough the scheduler would evict
// them, which the simulator does not, and the message keeps the filters'
// part alone.
func TestPreemptionMessage(t *testing.T) {
	for _, tc := range []struct {
		name    string
		sch     sim.Scheduling
		message string
	}{
		{name: "PodEligibleToPreemptOthers: preemptionPolicy Never",
			sch:     sim.Scheduling{Priority: 1000, PreemptionPolicy: sim.PreemptNever},
			message: "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never."},
		{name: "SelectVictimsOnNode: no pod of lower priority", sch: sim.Scheduling{Priority: -5},
			message: "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."},
		{name: "SelectVictimsOnNode: the lower-priority pods removed, still short", sch: sim.Scheduling{Priority: 0},
			message: "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu."},
		{name: "preemption would make room: not modelled, the filters' part alone", sch: sim.Scheduling{Priority: 1000},
			message: "0/1 nodes are available: 1 Insufficient cpu."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := sim.New(sim.Options{Script: sim.Script{Nodes: []sim.Node{node("a", "1", "", nil)}}})
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range []struct {
				name, cpu string
				prio      int32
			}{{"low", "100m", -5}, {"peer", "400m", 0}} {
				p := asking(b.name, b.cpu)
				p.Spec.NodeName = "a"
				if err := s.AddPodScheduling(p, 0, sim.Scheduling{Priority: b.prio}); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.AddPodScheduling(asking("p", "800m"), sec(10), tc.sch); err != nil {
				t.Fatal(err)
			}
			run(t, s, time.Minute)
			if _, _, msg := scheduledCond(s.Pod("p")); msg != tc.message {
				t.Errorf("message %q\nwant    %q", msg, tc.message)
			}
		})
	}
}

// AddPodScheduling checks the Scheduling as New checks a script's.
func TestAddPodSchedulingChecksScheduling(t *testing.T) {
	s, err := sim.New(sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, sch := range []sim.Scheduling{
		{PreemptionPolicy: "Sometimes"},
		{Tolerations: []sim.Toleration{{Key: "k", Operator: "Like"}}},
	} {
		err := s.AddPodScheduling(asking("p", ""), 0, sch)
		var se *sim.ScriptError
		if !errors.As(err, &se) || se.Pod != "default/p" {
			t.Errorf("%+v: got %v, want a *ScriptError naming the pod", sch, err)
		}
	}
	if len(s.Pods()) != 0 {
		t.Error("a pod was added")
	}
}

// TaintToleration on a node gone unreachable: the node lifecycle
// controller's NoSchedule taint keeps pods away unless they tolerate it,
// and its NoExecute one is tolerated by the toleration the
// DefaultTolerationSeconds admission plugin gave every pod that has none
// of its own for that key (admission.go Admit): a pod tolerating the
// NoSchedule taint alone is bound there.
func TestSchedulingOnAnUnreachableNode(t *testing.T) {
	for _, tc := range []struct {
		name string
		tols []sim.Toleration
		want string // the node, or the Unschedulable message
	}{
		{name: "no toleration: Pending", want: "0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."},
		{name: "the NoSchedule taint tolerated: bound", tols: []sim.Toleration{{Key: sim.TaintNodeUnreachable, Operator: sim.TolerationExists, Effect: sim.NoSchedule}}, want: "node-1"},
		{name: "both tolerated by the pod itself: bound", tols: []sim.Toleration{{Key: sim.TaintNodeUnreachable, Operator: sim.TolerationExists}}, want: "node-1"},
		{name: "the NoExecute key named with another value: no default, Pending", tols: []sim.Toleration{
			{Key: sim.TaintNodeUnreachable, Operator: sim.TolerationExists, Effect: sim.NoSchedule},
			{Key: sim.TaintNodeUnreachable, Operator: sim.TolerationEqual, Value: "x", Effect: sim.NoExecute}},
			want: "0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := sim.New(sim.Options{Script: sim.Script{Nodes: []sim.Node{{Name: "node-1"}},
				Happenings: []sim.Happening{{At: sec(10), Kind: sim.NodeLost, Node: "node-1"}}}})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.AddPodScheduling(asking("p", ""), sec(120), sim.Scheduling{Tolerations: tc.tols}); err != nil {
				t.Fatal(err)
			}
			run(t, s, sec(180))
			p := s.Pod("p")
			if _, _, msg := scheduledCond(p); p.Spec.NodeName != tc.want && msg != tc.want {
				t.Errorf("bound to %q, PodScheduled message %q; want %q", p.Spec.NodeName, msg, tc.want)
			}
		})
	}
}
