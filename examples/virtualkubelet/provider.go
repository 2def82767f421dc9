package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"time"

	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/kube"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/sim"
	"github.com/virtual-kubelet/virtual-kubelet/errdefs"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
)

// Provider is a virtual-kubelet provider (node.PodLifecycleHandler and
// node.PodNotifier) whose pods live by podlife: each pod the API binds to
// the node runs in a sim.Sim — one pod.Machine per pod, the kubelet's
// lifecycle of v1.37 — with its containers' behaviour from a sim.Script.
//
// Time: the Sim's virtual clock runs Speed times as fast as the wall
// clock, from the moment the Provider is made. Tick (called by Run) moves
// it on and writes what changed.
//
// How it writes (the differences from virtual-kubelet's usual providers):
//
//   - before a status is handed to virtual-kubelet it re-reads the pod
//     from the API and applies podlife's status onto that copy
//     (kube.ApplyStatus), so conditions others wrote (readiness gates,
//     DisruptionTarget) are kept, and a status is handed over only when it
//     changed;
//   - once every container of a deleted pod has stopped, it deletes the
//     API object itself (grace 0, UID precondition), as the kubelet does,
//     instead of waiting for virtual-kubelet's delete after the whole
//     grace period.
//
// Limits, said here rather than hidden: the pod spec is read once, at
// creation (podlife pods do not change spec); a new pod may take the name
// of one this node ran only once the old one is gone.
type Provider struct {
	client kubernetes.Interface
	gates  feature.Gates
	speed  float64
	wall   func() time.Time // the wall clock; time.Now unless a test sets it
	began  time.Time        // wall time at the virtual time 0

	mu     sync.Mutex
	s      *sim.Sim
	pods   map[string]*known // by "namespace/name"
	notify func(*corev1.Pod)
	errs   []error
}

// known is what the Provider keeps of one pod.
type known struct {
	uid     types.UID
	api     *corev1.Pod // the API object as last handed to virtual-kubelet
	status  []byte      // podlife's status last handed over, for "unchanged"
	removed bool
}

// Config configures a Provider.
type Config struct {
	// Client reads pods (before each status write) and deletes them.
	Client kubernetes.Interface
	// Script is how the containers behave (nil: every container starts at
	// once, passes its probes and runs until it is stopped).
	Script sim.Script
	// Speed is how many virtual seconds pass per wall second (0: 1).
	Speed float64
	// Gates are the kubelet's feature gates (zero: v1.37's defaults).
	Gates feature.Gates
}

// NewProvider returns a Provider whose virtual clock starts now.
func NewProvider(cfg Config) (*Provider, error) {
	if cfg.Client == nil {
		return nil, errors.New("virtualkubelet: Config.Client is nil: the provider reads and deletes pods through it")
	}
	if cfg.Speed < 0 {
		return nil, fmt.Errorf("virtualkubelet: Config.Speed %v is negative", cfg.Speed)
	}
	if cfg.Speed == 0 {
		cfg.Speed = 1
	}
	now := time.Now()
	s, err := sim.New(sim.Options{Start: now.UTC().Truncate(time.Second), Script: cfg.Script,
		Machine: pod.MachineOptions{Gates: cfg.Gates}})
	if err != nil {
		return nil, err
	}
	return &Provider{client: cfg.Client, gates: cfg.Gates, speed: cfg.Speed, wall: time.Now, began: now,
		s: s, pods: map[string]*known{}}, nil
}

func key(namespace, name string) string { return namespace + "/" + name }

// virtualNow is the virtual time (since the Sim's start) that the wall
// clock has reached; never before the Sim's own clock.
func (p *Provider) virtualNow() time.Duration {
	d := time.Duration(float64(p.wall().Sub(p.began)) * p.speed)
	return max(d, p.s.Since())
}

// CreatePod starts running pod: it is created in the Sim at the virtual
// now and its machine gets Scheduled to this node.
func (p *Provider) CreatePod(ctx context.Context, in *corev1.Pod) error {
	pp, err := kube.ToPod(in)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	k := key(in.Namespace, in.Name)
	if kp, ok := p.pods[k]; ok && !kp.removed {
		if kp.uid == in.UID {
			return nil // told twice
		}
		return fmt.Errorf("virtualkubelet: pod %s was on this node before with UID %s; a new pod of that name (UID %s) can come only once the old one is gone", k, kp.uid, in.UID)
	}
	if err := p.s.AddPod(pp, p.virtualNow()); err != nil {
		return err
	}
	p.pods[k] = &known{uid: in.UID, api: in.DeepCopy()}
	return nil
}

// UpdatePod is a no-op: a running pod's spec does not change in podlife
// (the apiserver allows only a few fields to change, none podlife models
// beyond the image, which virtual-kubelet does not pass on either).
func (p *Provider) UpdatePod(ctx context.Context, in *corev1.Pod) error { return nil }

// DeletePod tells the pod's machine the API deleted it, with the grace
// period the API stored; its containers are stopped as the kubelet stops
// them (preStop, SIGTERM, SIGKILL at the grace), and once every container
// has stopped the Provider deletes the API object.
func (p *Provider) DeletePod(ctx context.Context, in *corev1.Pod) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	k := key(in.Namespace, in.Name)
	kp, ok := p.pods[k]
	if !ok || kp.uid != in.UID {
		return errdefs.NotFoundf("pod %s (UID %s) is not on this node", k, in.UID)
	}
	if kp.removed {
		return nil
	}
	if mp := p.s.Pod(k); mp != nil && !mp.Metadata.DeletionTimestamp.IsZero() {
		return nil // deleted already: DeletePod may be called more than once
	}
	return p.s.AddHappening(sim.Happening{At: p.virtualNow(), Kind: sim.Delete, Pod: k, Grace: in.DeletionGracePeriodSeconds})
}

// GetPod returns the pod as last handed to virtual-kubelet.
func (p *Provider) GetPod(ctx context.Context, namespace, name string) (*corev1.Pod, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	kp, ok := p.pods[key(namespace, name)]
	if !ok || kp.removed {
		return nil, errdefs.NotFoundf("pod %s is not on this node", key(namespace, name))
	}
	return kp.api.DeepCopy(), nil
}

// GetPodStatus returns the status last handed to virtual-kubelet.
func (p *Provider) GetPodStatus(ctx context.Context, namespace, name string) (*corev1.PodStatus, error) {
	pod, err := p.GetPod(ctx, namespace, name)
	if err != nil {
		return nil, err
	}
	return &pod.Status, nil
}

// GetPods returns every pod on the node, by namespace and name.
func (p *Provider) GetPods(ctx context.Context) ([]*corev1.Pod, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]*corev1.Pod, 0, len(p.pods))
	for _, kp := range p.pods {
		if !kp.removed {
			out = append(out, kp.api.DeepCopy())
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return key(out[i].Namespace, out[i].Name) < key(out[j].Namespace, out[j].Name)
	})
	return out, nil
}

// NotifyPods registers virtual-kubelet's callback for status changes.
func (p *Provider) NotifyPods(ctx context.Context, f func(*corev1.Pod)) {
	p.mu.Lock()
	p.notify = f
	p.mu.Unlock()
}

// Run calls Tick every period until ctx is done: the virtual clock moving
// on with the wall clock. Errors of a tick are kept (Errors) and the next
// tick tries again.
func (p *Provider) Run(ctx context.Context, period time.Duration) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := p.Tick(ctx); err != nil {
				p.mu.Lock()
				p.errs = append(p.errs, err)
				p.mu.Unlock()
			}
		}
	}
}

// Errors returns the errors ticks met so far.
func (p *Provider) Errors() []error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]error(nil), p.errs...)
}

// change is one write a tick owes the API, decided under the lock and
// carried out outside it.
type change struct {
	key    string
	uid    types.UID
	status *pod.Status // nil: the pod is gone, delete the API object
}

// Tick moves the virtual clock to the wall clock's virtual time, runs
// every event due by then, and writes what changed: a pod whose status
// changed is re-read from the API, given podlife's status
// (kube.ApplyStatus) and handed to virtual-kubelet; a deleted pod whose
// containers have all stopped is deleted from the API (grace 0, UID
// precondition).
func (p *Provider) Tick(ctx context.Context) error {
	p.mu.Lock()
	err := p.s.RunUntil(p.s.Start().Add(p.virtualNow()))
	var todo []change
	keys := make([]string, 0, len(p.pods))
	for k := range p.pods {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		kp := p.pods[k]
		if kp.removed {
			continue
		}
		mp := p.s.Pod(k)
		if mp == nil {
			continue // created at a virtual time not reached yet
		}
		if p.gone(k) {
			kp.removed = true
			todo = append(todo, change{key: k, uid: kp.uid})
			continue
		}
		b, jerr := json.Marshal(&mp.Status)
		if jerr != nil {
			p.mu.Unlock()
			return jerr
		}
		if string(b) == string(kp.status) {
			continue
		}
		kp.status = b
		// The Sim's status is valid until its next step: the write, outside
		// the lock, gets a copy.
		var st pod.Status
		if err := json.Unmarshal(b, &st); err != nil {
			p.mu.Unlock()
			return err
		}
		todo = append(todo, change{key: k, uid: kp.uid, status: &st})
	}
	notify := p.notify
	p.mu.Unlock()

	for _, c := range todo {
		if werr := p.write(ctx, c, notify); werr != nil {
			err = errors.Join(err, werr)
		}
	}
	return err
}

// gone reports whether the Sim removed pod k (its PodRemoved change).
func (p *Provider) gone(k string) bool {
	ch := p.s.Changes()
	for i := len(ch) - 1; i >= 0; i-- {
		if ch[i].Pod == k && ch[i].Kind == sim.PodRemoved {
			return true
		}
	}
	return false
}

func (p *Provider) write(ctx context.Context, c change, notify func(*corev1.Pod)) error {
	ns, name := splitKey(c.key)
	pods := p.client.CoreV1().Pods(ns)
	if c.status == nil {
		uid := c.uid
		err := pods.Delete(ctx, name, metav1.DeleteOptions{GracePeriodSeconds: new(int64),
			Preconditions: &metav1.Preconditions{UID: &uid}})
		if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
			return nil // gone already, or a new pod of the same name
		}
		return err
	}
	latest, err := pods.Get(ctx, name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if latest.UID != c.uid {
		return nil // recreated: not this pod any more
	}
	updated := kube.ApplyStatus(latest, c.status, p.gates)
	p.mu.Lock()
	if kp := p.pods[c.key]; kp != nil && !kp.removed {
		kp.api = updated.DeepCopy()
	}
	p.mu.Unlock()
	if notify != nil && !reflect.DeepEqual(latest.Status, updated.Status) {
		notify(updated)
	}
	return nil
}

func splitKey(k string) (namespace, name string) {
	for i := 0; i < len(k); i++ {
		if k[i] == '/' {
			return k[:i], k[i+1:]
		}
	}
	return "", k
}
