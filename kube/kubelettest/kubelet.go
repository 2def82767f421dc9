package kubelettest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/podlife/podlife/kube"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/sim"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/tools/record"
	testingclock "k8s.io/utils/clock/testing"
)

// DefaultStart is the Kubelet's own virtual clock at the start when neither
// Options.Clock nor Options.Start is set.
func DefaultStart() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }

// Options configure a Kubelet. The zero value is one node, "node-1", whose
// containers start at once, run for ever and pass every probe.
type Options struct {
	// Nodes are the nodes this kubelet runs (empty: "node-1"). It admits
	// the pods whose spec.nodeName is one of them.
	Nodes []string
	// Clock is the virtual clock, shared with the controller under test
	// (nil: the Kubelet keeps its own, from Start). Advance moves it to
	// each step's time with SetTime; a test that steps it itself has the
	// due steps run by the next Sync.
	Clock *testingclock.FakeClock
	// Start is the own clock's start (zero: DefaultStart). Ignored with
	// Clock.
	Start time.Time
	// Containers say how containers behave, as sim.Script.Containers do
	// (by pod name or labels, and container name; the first entry that
	// picks a container applies). A pod's AnnotationScript entries come
	// first. ParseScripts reads them from JSON.
	Containers []sim.ContainerScript
	// SandboxDelay is how long creating a pod's sandbox takes.
	SandboxDelay time.Duration
	// Machine configures every pod's machine: the feature gates (also
	// those the status is written with), the crash-loop back-off, and
	// whether the runtime honours recursive read-only mounts. Its HostIP is
	// replaced by the IP of the pod's node (Nodes).
	Machine pod.MachineOptions
	// Schedule makes the Kubelet the scheduler too: it binds each pod
	// that has no spec.nodeName, no scheduling gates and no
	// deletionTimestamp to the node of Nodes with the fewest of its pods
	// (ties: the first in Nodes). The API must be a ClusterAPI.
	Schedule bool
	// RegisterNodes makes the first Sync create a Ready Node object for
	// each node (or set its status Ready). The API must be a ClusterAPI.
	RegisterNodes bool
	// UpdateStatus writes statuses with UpdateStatus, retrying on
	// conflict with a fresh read, instead of the kubelet's
	// strategic-merge patch: for a backend without patch.
	UpdateStatus bool
	// Recorder, when set, also receives every event the kubelet records
	// (record.NewFakeRecorder, or a broadcaster's recorder that writes
	// Event objects).
	Recorder record.EventRecorder
}

// Event is an event the kubelet recorded about a pod, as `kubectl describe
// pod` lists it.
type Event struct {
	At        time.Time
	Namespace string
	Name      string
	UID       types.UID
	// Type is Normal or Warning; Reason and Message as the kubelet writes
	// them (Pulling, Pulled, Created, Started, BackOff, Killing,
	// Unhealthy, ...).
	Type, Reason, Message string
	// FieldPath is the container the event is about, as the kubelet's
	// reference names it (spec.containers{app}); empty for the pod.
	FieldPath string
}

// Verb names a write the Kubelet made.
type Verb string

// The writes.
const (
	// PatchStatus: a strategic-merge patch of the pod's status.
	PatchStatus Verb = "patch status"
	// UpdateStatus: an update of the pod's status (Options.UpdateStatus).
	UpdateStatus Verb = "update status"
	// DeletePod: the final delete, with grace 0 and the pod's UID.
	DeletePod Verb = "delete"
	// BindPod: the trivial scheduler bound the pod to Write.Node.
	BindPod Verb = "bind"
	// RegisterNode: a Node object was created or its status set Ready.
	RegisterNode Verb = "register node"
)

// Write is one write the Kubelet sent to the apiserver, in order.
type Write struct {
	// At is the virtual clock when the write was sent (a step that ran
	// late, after the test stepped the shared clock, is written at the
	// later time; the status carries the step's own times).
	At        time.Time
	Verb      Verb
	Namespace string
	Name      string
	UID       types.UID
	// Node is the node of BindPod and RegisterNode.
	Node string
	// Patch is the body of PatchStatus.
	Patch []byte
	// Status is the status written by PatchStatus and UpdateStatus.
	Status corev1.PodStatus
}

// Kubelet is a deterministic fake kubelet for controller tests: it reads
// the pods bound to its nodes from an apiserver (a fake client or envtest's
// real one), runs each in a pod.Machine whose runtime is played by the sim
// package's container scripts, and writes their statuses back as the
// kubelet does, on a virtual clock the test moves. It starts no goroutine;
// every method runs to completion in the caller's. It is not safe for
// concurrent use.
type Kubelet struct {
	api      API
	cluster  ClusterAPI
	o        Options
	now      time.Time
	pods     []*tracked // in admission order: the tie rule of Advance
	admitted int
	nodeIP   map[string]string
	nodesUp  bool
	events   []Event
	writes   []Write
}

// tracked is one admitted pod.
type tracked struct {
	namespace, name string
	uid             types.UID
	node            string
	d               *sim.PodDriver
	deleting        bool // the machine was told of the deletionTimestamp
	seen            int  // the driver's changes already turned into Events
	gone            bool
}

// New returns a Kubelet that talks to api with options o.
func New(api API, o Options) (*Kubelet, error) {
	if api == nil {
		return nil, errors.New("kubelettest: New needs an API (ClientGo or ControllerRuntime of a client)")
	}
	if len(o.Nodes) == 0 {
		o.Nodes = []string{"node-1"}
	}
	k := &Kubelet{api: api, o: o, nodeIP: map[string]string{}}
	for i, n := range o.Nodes {
		if n == "" {
			return nil, fmt.Errorf("kubelettest: Options.Nodes[%d] is empty: name every node", i)
		}
		if _, dup := k.nodeIP[n]; dup {
			return nil, fmt.Errorf("kubelettest: Options.Nodes names %q twice", n)
		}
		k.nodeIP[n] = "192.168.0." + strconv.Itoa(i%250+2)
	}
	if o.Schedule || o.RegisterNodes {
		c, ok := api.(ClusterAPI)
		if !ok {
			return nil, fmt.Errorf("kubelettest: Options.Schedule and RegisterNodes need a ClusterAPI (binding and nodes); %T is only an API", api)
		}
		k.cluster = c
	}
	if o.SandboxDelay < 0 {
		return nil, errors.New("kubelettest: Options.SandboxDelay is negative")
	}
	if _, err := sim.New(sim.Options{Script: sim.Script{Containers: o.Containers}}); err != nil {
		return nil, fmt.Errorf("kubelettest: Options.Containers: %w", err)
	}
	k.now = o.Start
	if k.now.IsZero() {
		k.now = DefaultStart()
	}
	return k, nil
}

// Now is the virtual clock.
func (k *Kubelet) Now() time.Time {
	if k.o.Clock != nil {
		return k.o.Clock.Now()
	}
	return k.now
}

func (k *Kubelet) setNow(t time.Time) {
	if k.o.Clock != nil {
		if t.After(k.o.Clock.Now()) {
			k.o.Clock.SetTime(t)
		}
		return
	}
	if t.After(k.now) {
		k.now = t
	}
}

// Events returns every event the kubelet recorded, in order. It is shared
// with the Kubelet: do not change it.
func (k *Kubelet) Events() []Event { return k.events }

// Writes returns every write sent to the apiserver, in order. It is shared
// with the Kubelet: do not change it.
func (k *Kubelet) Writes() []Write { return k.writes }

// Machine returns the machine of the admitted pod namespace/name, or nil:
// its Pod, Status and Runtime are what this kubelet holds about it.
func (k *Kubelet) Machine(namespace, name string) *pod.Machine {
	for _, tp := range k.pods {
		if !tp.gone && tp.namespace == namespace && tp.name == name {
			return tp.d.Machine()
		}
	}
	return nil
}

// Sync does what a kubelet does when it looks at the apiserver, at the
// virtual now: it registers its nodes (once, with RegisterNodes), lists
// the pods, binds unscheduled ones (with Schedule), admits the pods bound
// to its nodes that it does not run yet (a pod already Succeeded or Failed
// is not run again), drops the machine of a pod that vanished or was
// recreated under another UID, tells the machine of a pod with a
// deletionTimestamp that it is being deleted (with its
// deletionGracePeriodSeconds, at the virtual now: the stored timestamp is
// the apiserver's clock), runs every step due by now (a test may have
// stepped the shared clock), and writes each pod's status that changed.
// Pods are taken in the order of their creationTimestamp, then namespace
// and name (a list's own order is not stable).
func (k *Kubelet) Sync(ctx context.Context) error {
	return k.advanceTo(ctx, k.Now(), nil)
}

// Advance runs every due step of every pod's machine in time order up to
// now+d, writing the pod's status after each step (so that informers see
// every transition), and Syncs before each step and at the end, so that
// pods created or deleted meanwhile are taken up. Steps due at the same
// time run pod by pod in admission order, and within a pod in the order
// they were queued. The clock ends at now+d.
func (k *Kubelet) Advance(ctx context.Context, d time.Duration) error {
	if d < 0 {
		return fmt.Errorf("kubelettest: Advance(%v): time does not go back", d)
	}
	return k.advanceTo(ctx, k.Now().Add(d), nil)
}

// NotDoneError is AdvanceUntil's answer when max passed before done said
// so.
type NotDoneError struct {
	Max time.Duration
	At  time.Time
}

// Error says how long was advanced and where the virtual clock stopped.
func (e *NotDoneError) Error() string {
	return "kubelettest: AdvanceUntil: not done after " + e.Max.String() + " (virtual time " + e.At.Format(time.RFC3339) + ")"
}

// AdvanceUntil advances as Advance does, at most max, and stops at the
// first step after which done reports true (done is asked before the first
// step too). When max passes first it returns a *NotDoneError; an error
// from done is returned as it is.
func (k *Kubelet) AdvanceUntil(ctx context.Context, max time.Duration, done func(context.Context) (bool, error)) error {
	if done == nil {
		return errors.New("kubelettest: AdvanceUntil needs a done function")
	}
	if max < 0 {
		return fmt.Errorf("kubelettest: AdvanceUntil(%v): time does not go back", max)
	}
	return k.advanceTo(ctx, k.Now().Add(max), done)
}

var errDone = errors.New("done")

func (k *Kubelet) advanceTo(ctx context.Context, end time.Time, done func(context.Context) (bool, error)) error {
	start := k.Now()
	check := func() error {
		if done == nil {
			return nil
		}
		ok, err := done(ctx)
		if err != nil {
			return err
		}
		if ok {
			return errDone
		}
		return nil
	}
	run := func() error {
		for {
			if err := k.observe(ctx); err != nil {
				return err
			}
			if err := check(); err != nil {
				return err
			}
			tp, at := k.next()
			if tp == nil || at.After(end) {
				break
			}
			k.setNow(at)
			tp.d.Step()
			if err := k.settle(ctx, tp, nil); err != nil {
				return err
			}
		}
		k.setNow(end)
		if err := k.observe(ctx); err != nil {
			return err
		}
		return check()
	}
	err := run()
	k.compact()
	switch {
	case errors.Is(err, errDone):
		return nil
	case err != nil:
		return err
	case done != nil:
		return &NotDoneError{Max: end.Sub(start), At: k.Now()}
	}
	return nil
}

// next returns the pod whose step is due first (ties: admission order).
func (k *Kubelet) next() (*tracked, time.Time) {
	var best *tracked
	var at time.Time
	for _, tp := range k.pods {
		if tp.gone {
			continue
		}
		if t, ok := tp.d.Next(); ok && (best == nil || t.Before(at)) {
			best, at = tp, t
		}
	}
	return best, at
}

func (k *Kubelet) compact() {
	k.pods = slices.DeleteFunc(k.pods, func(tp *tracked) bool { return tp.gone })
}

func (k *Kubelet) find(namespace, name string) *tracked {
	for _, tp := range k.pods {
		if !tp.gone && tp.namespace == namespace && tp.name == name {
			return tp
		}
	}
	return nil
}

// observe is the kubelet's look at the apiserver (see Sync), without
// running the machines.
func (k *Kubelet) observe(ctx context.Context) error {
	if k.o.RegisterNodes && !k.nodesUp {
		for _, n := range k.o.Nodes {
			if err := k.cluster.RegisterNode(ctx, k.node(n)); err != nil {
				return fmt.Errorf("kubelettest: registering node %q: %w", n, err)
			}
			k.writes = append(k.writes, Write{At: k.Now(), Verb: RegisterNode, Node: n})
		}
		k.nodesUp = true
	}
	list, err := k.api.ListPods(ctx)
	if err != nil {
		return fmt.Errorf("kubelettest: listing pods: %w", err)
	}
	slices.SortFunc(list, func(a, b corev1.Pod) int {
		if c := a.CreationTimestamp.Compare(b.CreationTimestamp.Time); c != 0 {
			return c
		}
		if c := strings.Compare(a.Namespace, b.Namespace); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	present := make(map[*tracked]bool, len(k.pods))
	for i := range list {
		p := &list[i]
		tp := k.find(p.Namespace, p.Name)
		if tp != nil && tp.uid != p.UID {
			tp.gone = true // recreated: the old pod's machine goes with it
			tp = nil
		}
		if tp == nil {
			if k.o.Schedule && p.Spec.NodeName == "" && len(p.Spec.SchedulingGates) == 0 && p.DeletionTimestamp == nil {
				if err := k.bind(ctx, p); err != nil {
					return err
				}
			}
			if _, ours := k.nodeIP[p.Spec.NodeName]; !ours || p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
				continue
			}
			if tp, err = k.admit(p); err != nil {
				return err
			}
		}
		present[tp] = true
		if p.DeletionTimestamp != nil && !tp.deleting {
			tp.deleting = true
			// A refusal means the machine is past caring (the pod is
			// removed already): nothing changed.
			_ = tp.d.Deliver(pod.Event{Kind: pod.DeletionRequested, At: k.Now(), GracePeriod: p.DeletionGracePeriodSeconds})
		}
		if err := k.settle(ctx, tp, p); err != nil {
			return err
		}
	}
	for _, tp := range k.pods {
		if !present[tp] {
			tp.gone = true // deleted by someone else: nothing to write
		}
	}
	return nil
}

// admit starts the machine of p, bound to one of the nodes.
func (k *Kubelet) admit(in *corev1.Pod) (*tracked, error) {
	p, err := kube.ToPod(in)
	if err != nil {
		return nil, fmt.Errorf("kubelettest: pod %s/%s: %w", in.Namespace, in.Name, err)
	}
	scripts := k.o.Containers
	if s, ok := in.Annotations[AnnotationScript]; ok {
		own, err := ParseScripts([]byte(s))
		if err != nil {
			return nil, fmt.Errorf("kubelettest: pod %s/%s: annotation %s: %w", in.Namespace, in.Name, AnnotationScript, err)
		}
		for i := range own {
			own[i].Pod, own[i].Labels = "", nil // the annotated pod's own
		}
		scripts = append(own, k.o.Containers...)
	}
	k.admitted++
	mo := k.o.Machine
	mo.HostIP = k.nodeIP[in.Spec.NodeName] // the node's InternalIP: status.hostIP, a hostNetwork pod's IP
	d, err := sim.NewPodDriver(p, k.Now(), sim.DriverOptions{Containers: scripts, SandboxDelay: k.o.SandboxDelay,
		Machine: mo, Ordinal: k.admitted})
	if err != nil {
		return nil, fmt.Errorf("kubelettest: admitting pod %s/%s: %w", in.Namespace, in.Name, err)
	}
	tp := &tracked{namespace: in.Namespace, name: in.Name, uid: in.UID, node: in.Spec.NodeName, d: d}
	k.pods = append(k.pods, tp)
	return tp, nil
}

// settle records the pod's new events, writes its status when it changed
// (onto latest, or onto a fresh read when latest is nil), and issues the
// final delete once a deleted pod's containers have all stopped.
func (k *Kubelet) settle(ctx context.Context, tp *tracked, latest *corev1.Pod) error {
	changes := tp.d.Changes()
	for _, c := range changes[tp.seen:] {
		if c.Kind != sim.EventRecorded {
			continue
		}
		ev := Event{At: c.Record.At, Namespace: tp.namespace, Name: tp.name, UID: tp.uid,
			Type: c.Record.Type, Reason: c.Record.Reason, Message: c.Record.Message, FieldPath: c.Record.FieldPath()}
		k.events = append(k.events, ev)
		if k.o.Recorder != nil {
			// The kubelet records a container's events on the container's
			// reference (pkg/kubelet/container/ref.go GenerateContainerRef).
			ref := &corev1.ObjectReference{Kind: "Pod", APIVersion: "v1", Namespace: tp.namespace, Name: tp.name, UID: tp.uid,
				FieldPath: ev.FieldPath}
			k.o.Recorder.Event(ref, ev.Type, ev.Reason, ev.Message)
		}
	}
	tp.seen = len(changes)
	if err := k.writeStatus(ctx, tp, latest); err != nil || tp.gone {
		return err
	}
	if !tp.d.Removed() {
		return nil
	}
	tp.gone = true
	if !tp.deleting {
		return nil // removed from the node without an API delete (eviction keeps the object)
	}
	err := k.api.DeletePod(ctx, tp.namespace, tp.name, tp.uid)
	switch {
	case err == nil:
		k.writes = append(k.writes, Write{At: k.Now(), Verb: DeletePod, Namespace: tp.namespace, Name: tp.name, UID: tp.uid})
	case apierrors.IsNotFound(err), apierrors.IsConflict(err):
		// Gone already, or recreated under another UID: not this
		// kubelet's pod any more.
	default:
		return fmt.Errorf("kubelettest: deleting pod %s/%s: %w", tp.namespace, tp.name, err)
	}
	return nil
}

// writeStatus writes the machine's status onto latest as the kubelet's
// status manager does: merged by the adapter, skipped when unchanged, as a
// strategic-merge patch (or an update retried on conflict). A pod that
// vanished or was recreated drops its machine without error.
func (k *Kubelet) writeStatus(ctx context.Context, tp *tracked, latest *corev1.Pod) error {
	for attempt := 0; ; attempt++ {
		if latest == nil {
			p, err := k.api.GetPod(ctx, tp.namespace, tp.name)
			if apierrors.IsNotFound(err) {
				tp.gone = true
				return nil
			}
			if err != nil {
				return fmt.Errorf("kubelettest: reading pod %s/%s: %w", tp.namespace, tp.name, err)
			}
			latest = p
		}
		if latest.UID != tp.uid {
			tp.gone = true
			return nil
		}
		st, err := k.status(tp, latest)
		if err != nil {
			return err
		}
		updated := kube.ApplyStatus(latest, &st, k.o.Machine.Gates)
		patch, err := kube.StatusPatch(latest, updated)
		if err != nil {
			return fmt.Errorf("kubelettest: status patch of pod %s/%s: %w", tp.namespace, tp.name, err)
		}
		if patch == nil {
			return nil
		}
		verb := PatchStatus
		if k.o.UpdateStatus {
			verb, patch = UpdateStatus, nil
			err = k.api.UpdatePodStatus(ctx, updated)
		} else {
			err = k.api.PatchPodStatus(ctx, tp.namespace, tp.name, patch)
		}
		switch {
		case err == nil:
			k.writes = append(k.writes, Write{At: k.Now(), Verb: verb, Namespace: tp.namespace, Name: tp.name, UID: tp.uid,
				Patch: patch, Status: updated.Status})
			return nil
		case apierrors.IsNotFound(err):
			tp.gone = true
			return nil
		case apierrors.IsConflict(err) && attempt < 5:
			latest = nil // read again and merge onto the newer object
		default:
			return fmt.Errorf("kubelettest: writing the status of pod %s/%s: %w", tp.namespace, tp.name, err)
		}
	}
}

// bind is the trivial scheduler: p goes to the node with the fewest
// admitted pods (ties: the first in Options.Nodes).
func (k *Kubelet) bind(ctx context.Context, p *corev1.Pod) error {
	node, fewest := "", -1
	for _, n := range k.o.Nodes {
		count := 0
		for _, tp := range k.pods {
			if !tp.gone && tp.node == n {
				count++
			}
		}
		if fewest < 0 || count < fewest {
			node, fewest = n, count
		}
	}
	err := k.cluster.BindPod(ctx, p.Namespace, p.Name, p.UID, node)
	switch {
	case err == nil:
	case apierrors.IsConflict(err), apierrors.IsNotFound(err):
		return nil // bound by someone else, or gone: the next list tells
	default:
		return fmt.Errorf("kubelettest: binding pod %s/%s to %s: %w", p.Namespace, p.Name, node, err)
	}
	k.writes = append(k.writes, Write{At: k.Now(), Verb: BindPod, Namespace: p.Namespace, Name: p.Name, UID: p.UID, Node: node})
	p.Spec.NodeName = node
	return nil
}

// node is the Ready Node object of node name.
func (k *Kubelet) node(name string) *corev1.Node {
	now := metav1.NewTime(k.Now().Truncate(time.Second))
	capacity := corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse("8"),
		corev1.ResourceMemory: resource.MustParse("32Gi"),
		corev1.ResourcePods:   resource.MustParse("110"),
	}
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{
			corev1.LabelHostname: name, corev1.LabelOSStable: "linux", corev1.LabelArchStable: "amd64"}},
		Status: corev1.NodeStatus{
			Capacity: capacity, Allocatable: capacity,
			Conditions: []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "KubeletReady",
				Message: "kubelet is posting ready status", LastHeartbeatTime: now, LastTransitionTime: now}},
			Addresses: []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: k.nodeIP[name]}, {Type: corev1.NodeHostName, Address: name}},
			NodeInfo:  corev1.NodeSystemInfo{KubeletVersion: "v1.37.2", OperatingSystem: "linux", Architecture: "amd64", ContainerRuntimeVersion: "podlife://sim"},
		},
	}
}

// status is the status the kubelet reports for tp, given latest: the
// machine's (with the node's IP, MachineOptions.HostIP), with the Ready condition generated
// against the readiness gates' conditions latest carries. The machine
// holds only the kubelet's own conditions; the kubelet reads the others
// from the pod it got from the apiserver (pkg/kubelet/status/generate.go
// GeneratePodReadyCondition, called by kubelet_pods.go
// generateAPIPodStatus with the pod's current conditions).
func (k *Kubelet) status(tp *tracked, latest *corev1.Pod) (pod.Status, error) {
	m := tp.d.Machine()
	st := *m.Status()
	spec := &m.Pod().Spec
	cr, ready := st.Condition(pod.ContainersReady), st.Condition(pod.Ready)
	// Only a pod whose containers are all ready has its Ready decided by
	// the gates; a Ready the node lifecycle controller set stays.
	if len(spec.ReadinessGates) == 0 || cr == nil || cr.Status != pod.ConditionTrue || (ready != nil && ready.Reason == "NodeLost") {
		return st, nil
	}
	api, err := kube.ToPod(latest)
	if err != nil {
		return st, fmt.Errorf("kubelettest: pod %s/%s: %w", tp.namespace, tp.name, err)
	}
	conds := make([]pod.Condition, 0, len(st.Conditions)+len(spec.ReadinessGates))
	for _, c := range st.Conditions {
		if c.Type == pod.Ready {
			if prev := api.Status.Condition(pod.Ready); prev != nil {
				c = *prev // the transition time is counted from what was written
			}
		}
		conds = append(conds, c)
	}
	for _, g := range spec.ReadinessGates {
		if c := api.Status.Condition(g.ConditionType); c != nil && st.Condition(g.ConditionType) == nil {
			conds = append(conds, *c)
		}
	}
	cp := *m.Pod()
	cp.Status = st
	cp.Status.Conditions = conds
	pod.UpdateKubeletStatus(&cp, m.NodeFacts(), k.o.Machine.Gates, k.Now())
	return cp.Status, nil
}
