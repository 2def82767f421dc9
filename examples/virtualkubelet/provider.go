// Package virtualkubelet is a virtual-kubelet provider whose pods live by
// podlife: a simulated node, registered with a real apiserver, on which a
// pod is pulled, started, probed, restarted, failed and terminated as the
// v1.37 kubelet would do it, each pod in a pod.Machine whose containers
// behave as sim scripts say.
//
// It is an example, in its own untagged module
// (github.com/virtual-kubelet/virtual-kubelet pulls in some 200 modules):
// copy it, do not import it.
//
// Unlike kube/kubelettest it runs in real time, as virtual-kubelet does: a
// goroutine steps the machines on a clock that runs Speed times faster than
// the wall clock, and tells virtual-kubelet of every status change. Two
// things it does that a provider's usual code does not:
//
//   - it re-reads the pod from the apiserver before each status it hands to
//     virtual-kubelet and merges podlife's status onto it (kube.ApplyStatus):
//     virtual-kubelet writes the provider's whole status with UpdateStatus,
//     which would otherwise drop the conditions other controllers wrote
//     (readiness gates', DisruptionTarget);
//   - once every container of a deleted pod has stopped it issues the final
//     delete itself (grace 0, the pod's UID as precondition), as the
//     kubelet's status manager does, rather than leaving the pod to the end
//     of its grace period.
package virtualkubelet

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"

	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/kube"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/sim"
	dto "github.com/prometheus/client_model/go"
	"github.com/virtual-kubelet/virtual-kubelet/errdefs"
	"github.com/virtual-kubelet/virtual-kubelet/node"
	"github.com/virtual-kubelet/virtual-kubelet/node/api"
	"github.com/virtual-kubelet/virtual-kubelet/node/nodeutil"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	statsv1alpha1 "k8s.io/kubelet/pkg/apis/stats/v1alpha1"
)

// Options configure a Provider.
type Options struct {
	// Containers say how the containers behave (sim.ContainerScript, by
	// pod and container).
	Containers []sim.ContainerScript
	// SandboxDelay is how long a pod's sandbox takes to create.
	SandboxDelay time.Duration
	// Gates are the feature gates of the machines and of the status
	// merge (zero: the v1.37 defaults).
	Gates feature.Gates
	// NodeIP is the node's IP (its InternalIP address): the kubelet
	// writes it as every pod's status.hostIP, and as the pod IP of a
	// hostNetwork pod (empty: 192.168.0.2, the IP a sim gives its first
	// node). Pass NodeAddress to nodeutil.NewNode so that the Node object
	// says the same.
	NodeIP string
	// Speed is how many virtual seconds pass in a wall-clock second
	// (zero: 1); Tick how often the machines are stepped (zero: 20 ms).
	Speed float64
	Tick  time.Duration
}

// Provider is the virtual-kubelet provider (nodeutil.Provider and
// node.PodNotifier) of one simulated node.
type Provider struct {
	client kubernetes.Interface
	node   string
	o      Options

	mu      sync.Mutex
	wall0   time.Time // the wall clock when the provider started
	virt0   time.Time // the virtual clock then
	pods    map[string]*simPod
	ordinal int
	notify  func(*corev1.Pod)
}

type simPod struct {
	last     *corev1.Pod // as virtual-kubelet gave it last
	d        *sim.PodDriver
	deleting bool
	dirty    bool // its status changed since virtual-kubelet was told
}

// New returns the provider of node, which writes through client. Pass it
// to nodeutil.NewNode with NewProviderFunc.
func New(client kubernetes.Interface, nodeName string, o Options) *Provider {
	if o.Speed <= 0 {
		o.Speed = 1
	}
	if o.Tick <= 0 {
		o.Tick = 20 * time.Millisecond
	}
	if o.NodeIP == "" {
		o.NodeIP = "192.168.0.2"
	}
	now := time.Now()
	return &Provider{client: client, node: nodeName, o: o, wall0: now, virt0: now.UTC().Truncate(time.Second), pods: map[string]*simPod{}}
}

// NewProviderFunc is the nodeutil.NewProviderFunc of p; virtual-kubelet's
// default node provider marks the node Ready.
func (p *Provider) NewProviderFunc() nodeutil.NewProviderFunc {
	return func(nodeutil.ProviderConfig) (nodeutil.Provider, node.NodeProvider, error) { return p, nil, nil }
}

// NodeAddress is the nodeutil.NodeOpt that gives the registered Node the
// InternalIP address Options.NodeIP, as a kubelet reports the IP it
// writes into its pods' statuses.
func (p *Provider) NodeAddress() nodeutil.NodeOpt {
	return func(c *nodeutil.NodeConfig) error {
		c.NodeSpec.Status.Addresses = append(c.NodeSpec.Status.Addresses,
			corev1.NodeAddress{Type: corev1.NodeInternalIP, Address: p.o.NodeIP})
		return nil
	}
}

// now is the virtual clock.
func (p *Provider) now() time.Time {
	return p.virt0.Add(time.Duration(float64(time.Since(p.wall0)) * p.o.Speed))
}

func key(namespace, name string) string { return namespace + "/" + name }

// Run steps the machines every Tick until ctx ends, telling virtual-kubelet
// of each status that changed and deleting the pods that stopped.
func (p *Provider) Run(ctx context.Context) {
	t := time.NewTicker(p.o.Tick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			p.step(ctx)
		}
	}
}

func (p *Provider) step(ctx context.Context) {
	type done struct {
		k   string
		sp  *simPod
		del bool
	}
	var changed []done
	p.mu.Lock()
	now := p.now()
	for k, sp := range p.pods {
		for {
			at, ok := sp.d.Next()
			if !ok || at.After(now) {
				break
			}
			sp.d.Step()
			sp.dirty = true
		}
		if sp.dirty || sp.d.Removed() {
			sp.dirty = false
			changed = append(changed, done{k, sp, sp.d.Removed() && sp.deleting})
		}
	}
	notify := p.notify
	p.mu.Unlock()
	for _, c := range changed {
		updated, err := p.fresh(ctx, c.sp)
		if err != nil {
			continue // gone or recreated: nothing to report
		}
		if notify != nil {
			notify(updated)
		}
		if c.del {
			// The kubelet's final delete (status_manager.go syncPod): every
			// container has stopped.
			zero := int64(0)
			err := p.client.CoreV1().Pods(updated.Namespace).Delete(ctx, updated.Name,
				metav1.DeleteOptions{GracePeriodSeconds: &zero, Preconditions: metav1.NewUIDPreconditions(string(updated.UID))})
			if err == nil || apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
				p.mu.Lock()
				delete(p.pods, c.k)
				p.mu.Unlock()
			}
		}
	}
}

// fresh returns the pod as the apiserver has it now with podlife's status
// merged onto it.
func (p *Provider) fresh(ctx context.Context, sp *simPod) (*corev1.Pod, error) {
	p.mu.Lock()
	ns, name, uid := sp.last.Namespace, sp.last.Name, sp.last.UID
	p.mu.Unlock()
	latest, err := p.client.CoreV1().Pods(ns).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return nil, err
	}
	if latest.UID != uid {
		return nil, errdefs.NotFound("pod " + ns + "/" + name + " was recreated")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.merged(sp, latest), nil
}

// merged is podlife's status of sp written onto latest. p.mu is held.
func (p *Provider) merged(sp *simPod, latest *corev1.Pod) *corev1.Pod {
	st := *sp.d.Machine().Status()
	return kube.ApplyStatus(latest, &st, p.o.Gates)
}

// CreatePod admits pod: its machine starts at the virtual now.
func (p *Provider) CreatePod(ctx context.Context, in *corev1.Pod) error {
	pp, err := kube.ToPod(in)
	if err != nil {
		return err
	}
	if in.Spec.NodeName != p.node {
		return errdefs.InvalidInput("pod " + key(in.Namespace, in.Name) + " is bound to " + in.Spec.NodeName + ", not to " + p.node)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	k := key(in.Namespace, in.Name)
	if sp, ok := p.pods[k]; ok && sp.last.UID == in.UID {
		return nil
	}
	p.ordinal++
	d, err := sim.NewPodDriver(pp, p.now(), sim.DriverOptions{Containers: p.o.Containers, SandboxDelay: p.o.SandboxDelay,
		Machine: pod.MachineOptions{Gates: p.o.Gates, HostIP: p.o.NodeIP}, Ordinal: p.ordinal, NoTimeline: true})
	if err != nil {
		return errdefs.AsInvalidInput(err)
	}
	p.pods[k] = &simPod{last: in.DeepCopy(), d: d, dirty: true}
	return nil
}

// UpdatePod takes the newer object; podlife's machine keeps the spec it
// admitted (the kubelet's spec changes are in-place resizes, not modelled
// here).
func (p *Provider) UpdatePod(ctx context.Context, in *corev1.Pod) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if sp, ok := p.pods[key(in.Namespace, in.Name)]; ok && sp.last.UID == in.UID {
		sp.last = in.DeepCopy()
	}
	return nil
}

// DeletePod tells the pod's machine it is being deleted, with its grace,
// at the virtual now: the preStop hooks run and the containers are killed;
// the final delete follows once all have stopped.
func (p *Provider) DeletePod(ctx context.Context, in *corev1.Pod) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	sp, ok := p.pods[key(in.Namespace, in.Name)]
	if !ok || sp.last.UID != in.UID {
		return errdefs.NotFound("pod " + key(in.Namespace, in.Name) + " is not on this node")
	}
	if sp.deleting {
		return nil
	}
	sp.deleting, sp.dirty = true, true
	err := sp.d.Deliver(pod.Event{Kind: pod.DeletionRequested, At: p.now(), GracePeriod: in.DeletionGracePeriodSeconds})
	var refused *pod.StepError
	if errors.As(err, &refused) {
		return nil // removed already: the next step deletes it
	}
	return err
}

// GetPod returns the pod with podlife's status merged onto the object
// virtual-kubelet gave last.
func (p *Provider) GetPod(ctx context.Context, namespace, name string) (*corev1.Pod, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	sp, ok := p.pods[key(namespace, name)]
	if !ok {
		return nil, errdefs.NotFound("pod " + key(namespace, name) + " is not on this node")
	}
	return p.merged(sp, sp.last), nil
}

// GetPodStatus returns the status GetPod has.
func (p *Provider) GetPodStatus(ctx context.Context, namespace, name string) (*corev1.PodStatus, error) {
	got, err := p.GetPod(ctx, namespace, name)
	if err != nil {
		return nil, err
	}
	return &got.Status, nil
}

// GetPods returns every pod on the node.
func (p *Provider) GetPods(ctx context.Context) ([]*corev1.Pod, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]*corev1.Pod, 0, len(p.pods))
	for _, sp := range p.pods {
		out = append(out, p.merged(sp, sp.last))
	}
	return out, nil
}

// NotifyPods registers virtual-kubelet's callback for status changes.
func (p *Provider) NotifyPods(ctx context.Context, cb func(*corev1.Pod)) {
	p.mu.Lock()
	p.notify = cb
	p.mu.Unlock()
}

var errNotSimulated = errdefs.InvalidInput("podlife's simulated node runs no processes: no logs, exec, attach, stats or port-forward")

// GetContainerLogs is not simulated.
func (p *Provider) GetContainerLogs(context.Context, string, string, string, api.ContainerLogOpts) (io.ReadCloser, error) {
	return nil, errNotSimulated
}

// RunInContainer is not simulated.
func (p *Provider) RunInContainer(context.Context, string, string, string, []string, api.AttachIO) error {
	return errNotSimulated
}

// AttachToContainer is not simulated.
func (p *Provider) AttachToContainer(context.Context, string, string, string, api.AttachIO) error {
	return errNotSimulated
}

// GetStatsSummary is not simulated.
func (p *Provider) GetStatsSummary(context.Context) (*statsv1alpha1.Summary, error) {
	return nil, errNotSimulated
}

// GetMetricsResource is not simulated.
func (p *Provider) GetMetricsResource(context.Context) ([]*dto.MetricFamily, error) {
	return nil, errNotSimulated
}

// PortForward is not simulated.
func (p *Provider) PortForward(context.Context, string, string, int32, io.ReadWriteCloser) error {
	return errNotSimulated
}
