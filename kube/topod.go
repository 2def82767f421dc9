package kube

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/restart"
	corev1 "k8s.io/api/core/v1"
	apiresource "k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// ToPod returns the pod.Pod that in stands for: every field podlife
// models, copied field by field, with times cut to whole seconds in UTC
// (the API's RFC 3339 form). The result shares strings with in, nothing
// else: its slices and maps are its own.
//
// It answers what the JSON round trip (json.Marshal of in, then
// json.Unmarshal into a pod.Pod) answers, at a fraction of the cost; the
// agreement tests hold the two together. The only error is a quantity
// podlife cannot hold (10^1000 or more), which the JSON path refuses too.
func ToPod(in *corev1.Pod) (*pod.Pod, error) {
	p := new(pod.Pod)
	if err := readPod(p, in); err != nil {
		return nil, err
	}
	return p, nil
}

// ReadPod is ToPod into dst, which it overwrites. A nil in leaves dst a
// zero pod.
func ReadPod(dst *pod.Pod, in *corev1.Pod) error {
	*dst = pod.Pod{}
	return readPod(dst, in)
}

// readPod is ReadPod into a zero dst: ToPod's new pod is zero already,
// and clearing it again (816 bytes, under the collector's write barrier
// while it marks) was a twentieth of a conversion's time.
func readPod(dst *pod.Pod, in *corev1.Pod) error {
	if in == nil {
		return nil
	}
	r := reader{pools: &noPools}
	r.read(dst, in)
	return r.err
}

// read converts in into the zero *dst.
func (r *reader) read(dst *pod.Pod, in *corev1.Pod) {
	r.sizeAmounts(in)
	dst.APIVersion, dst.Kind = in.APIVersion, in.Kind
	r.meta(&dst.Metadata, &in.ObjectMeta)
	r.spec(&dst.Spec, &in.Spec)
	r.status(&dst.Status, &in.Status)
}

// reader carries the first error of a conversion, so that the field
// mapping reads as a list of assignments, and the slabs the small values
// of one pod are cut from.
type reader struct {
	err error

	// pools is where a Reader keeps its memory (keep), or noPools for
	// ToPod, which keeps nothing and never touches it.
	pools *pools
	keep  bool

	words words
	strs  slab[string]

	probes  slab[probe.Probe]
	http    slab[probe.HTTPGetAction]
	envs    slab[container.EnvSource]
	fields  slab[container.FieldRef]
	running slab[container.Running]
	waiting slab[container.Waiting]
	term    slab[container.Terminated]
	res     slab[container.Resources]
	rro     slab[container.RecursiveReadOnly]

	// One array per kind of list for all the pod's containers, sized by
	// counting first (sizeLists), handed out by take.
	strBuf   []string
	portBuf  []container.Port
	envBuf   []container.EnvVar
	fromBuf  []container.EnvFrom
	mountBuf []container.VolumeMount
	// And for the container statuses' mounts (status sizes it).
	mountStBuf []container.VolumeMountStatus
	// And for every resource list of the pod, spec and status
	// (sizeAmounts).
	amountBuf []resource.Amount
}

// sizeAmounts makes the one array every resource list of in is cut from:
// a pod has a dozen lists of two or three quantities.
func (r *reader) sizeAmounts(in *corev1.Pod) {
	n := len(in.Spec.Overhead)
	req := func(rr *corev1.ResourceRequirements) {
		n += len(rr.Limits) + len(rr.Requests)
	}
	if in.Spec.Resources != nil {
		req(in.Spec.Resources)
	}
	for i := range in.Spec.InitContainers {
		req(&in.Spec.InitContainers[i].Resources)
	}
	for i := range in.Spec.Containers {
		req(&in.Spec.Containers[i].Resources)
	}
	for i := range in.Spec.EphemeralContainers {
		req(&in.Spec.EphemeralContainers[i].Resources)
	}
	for _, l := range [...][]corev1.ContainerStatus{in.Status.InitContainerStatuses, in.Status.ContainerStatuses, in.Status.EphemeralContainerStatuses} {
		for i := range l {
			n += len(l[i].AllocatedResources)
			if l[i].Resources != nil {
				req(l[i].Resources)
			}
		}
	}
	if n > 0 {
		r.amountBuf = mk(r, &r.pools.amounts, n)
	}
}

// take hands out the next n elements of *buf, capacity n, so that an
// append to one list never runs into the next; it allocates when *buf is
// short (it is not, after sizeLists).
func take[T any](buf *[]T, n int) []T {
	if len(*buf) < n {
		return make([]T, n)
	}
	out := (*buf)[:n:n]
	*buf = (*buf)[n:]
	return out
}

// sizeLists makes the per-kind arrays for the lists of every container of
// in: one allocation per kind for the pod instead of one per container.
// It counts the probes, HTTP actions, env sources and field references
// too, so that their slabs are cut to size: a chunk of a fixed size was
// mostly unused (a pod has one or two of each), and the unused part was
// allocated and cleared all the same.
func (r *reader) sizeLists(in *corev1.PodSpec) {
	var strs, ports, envs, froms, mounts, probes, http, sources, fields int
	count := func(c *corev1.Container) {
		strs += len(c.Command) + len(c.Args)
		ports += len(c.Ports)
		envs += len(c.Env)
		froms += len(c.EnvFrom)
		mounts += len(c.VolumeMounts)
		for _, p := range [...]*corev1.Probe{c.StartupProbe, c.LivenessProbe, c.ReadinessProbe} {
			if p != nil {
				probes++
				if p.HTTPGet != nil {
					http++
				}
			}
		}
		if l := c.Lifecycle; l != nil {
			if l.PostStart != nil && l.PostStart.HTTPGet != nil {
				http++
			}
			if l.PreStop != nil && l.PreStop.HTTPGet != nil {
				http++
			}
		}
		for i := range c.Env {
			if f := c.Env[i].ValueFrom; f != nil {
				sources++
				if f.FieldRef != nil {
					fields++
				}
			}
		}
	}
	for i := range in.InitContainers {
		count(&in.InitContainers[i])
	}
	for i := range in.Containers {
		count(&in.Containers[i])
	}
	for i := range in.EphemeralContainers {
		// The same fields (EphemeralContainerCommon), so the same type
		// underneath.
		count((*corev1.Container)(&in.EphemeralContainers[i].EphemeralContainerCommon))
	}
	downward := func(items []corev1.DownwardAPIVolumeFile) {
		for i := range items {
			if items[i].FieldRef != nil {
				fields++
			}
		}
	}
	for i := range in.Volumes {
		v := &in.Volumes[i].VolumeSource
		if v.DownwardAPI != nil {
			downward(v.DownwardAPI.Items)
		}
		if v.Projected != nil {
			for j := range v.Projected.Sources {
				if d := v.Projected.Sources[j].DownwardAPI; d != nil {
					downward(d.Items)
				}
			}
		}
	}
	if strs > 0 {
		r.strBuf = mk(r, &r.pools.strs, strs)
	}
	if ports > 0 {
		r.portBuf = mk(r, &r.pools.ports, ports)
	}
	if envs > 0 {
		r.envBuf = mk(r, &r.pools.envs, envs)
	}
	if froms > 0 {
		r.fromBuf = mk(r, &r.pools.froms, froms)
	}
	if mounts > 0 {
		r.mountBuf = mk(r, &r.pools.mounts, mounts)
	}
	reserve(r, &r.probes, &r.pools.probes, probes)
	reserve(r, &r.http, &r.pools.http, http)
	reserve(r, &r.envs, &r.pools.envSources, sources)
	reserve(r, &r.fields, &r.pools.fieldRefs, fields)
}

// strings copies a list the API writes with omitempty: empty reads as
// absent.
func (r *reader) strings(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	out := take(&r.strBuf, len(in))
	copy(out, in)
	return out
}

// slab hands out pointers into arrays it allocates a few values at a
// time: a pod has dozens of optional fields, and one allocation for each
// was most of the way in's cost. The values of one pod share arrays, and
// so live as long as the pod.
type slab[T any] struct{ free []T }

// slabBytes is about how much a slab allocates at a time: eight small
// values, two or three large ones.
const slabBytes = 256

// next hands out the next zero value of s, taking a new array from p when
// s is used up.
func next[T any](r *reader, s *slab[T], p *pool[T]) *T {
	if len(s.free) == 0 {
		var zero T
		s.free = mk(r, p, min(8, max(2, slabBytes/int(unsafe.Sizeof(zero)))))
	}
	v := &s.free[0]
	s.free = s.free[1:]
	return v
}

// one is a single zero value of the pod's own: a new one for ToPod, one
// of p's for a Reader.
func one[T any](r *reader, p *pool[T]) *T {
	if !r.keep {
		return new(T)
	}
	return &mk(r, p, 1)[0]
}

// words hands out the pod's optional scalars (its *int64, *int32 and
// *bool fields, and sleep actions) from one array: a pod has a dozen of
// them, of three or four kinds, and a slab per kind was an allocation per
// kind. The array holds no pointers (the collector does not scan it), and
// each value takes a whole word, so every kind is aligned; a *T into it
// is a conversion of *uint64 to a no larger type of the same layout,
// which unsafe.Pointer allows.
type words struct{ free []uint64 }

const wordsChunk = 16

func (r *reader) nextWord() unsafe.Pointer {
	w := &r.words
	if len(w.free) == 0 {
		w.free = mk(r, &r.pools.words, wordsChunk)
	}
	p := unsafe.Pointer(&w.free[0])
	w.free = w.free[1:]
	return p
}

// scalar is what words holds: no pointers, at most a word.
type scalar interface{ ~int64 | ~int32 | ~bool }

// word copies *p into r's words; nil stays nil.
func word[T scalar](r *reader, p *T) *T {
	if p == nil {
		return nil
	}
	v := (*T)(r.nextWord())
	*v = *p
	return v
}

// reserve makes the next n values of s one array, for a caller that
// counted them first.
func reserve[T any](r *reader, s *slab[T], p *pool[T], n int) {
	if n > 0 {
		s.free = mk(r, p, n)
	}
}

// cut copies *v into one of s's values; nil stays nil.
func cut[T any](r *reader, s *slab[T], p *pool[T], v *T) *T {
	if v == nil {
		return nil
	}
	c := next(r, s, p)
	*c = *v
	return c
}

// apiTime is t as the API stores and serves it: whole seconds, UTC
// (k8s.io/apimachinery/pkg/apis/meta/v1 Time.MarshalJSON writes RFC 3339
// without fractions). The zero time stays zero.
func apiTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	// Truncate divides; a time the API decoded is whole already. (Both
	// Truncate and UTC drop the monotonic reading, so skipping the first
	// changes nothing.)
	if t.Nanosecond() != 0 {
		t = t.Truncate(time.Second)
	}
	return t.UTC()
}

func timeOf(t *metav1.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return apiTime(t.Time)
}

func (r *reader) meta(m *pod.Meta, in *metav1.ObjectMeta) {
	m.Name = in.Name
	m.GenerateName = in.GenerateName
	m.Namespace = in.Namespace
	m.UID = string(in.UID)
	m.Labels = r.stringMap(&r.pools.labels, in.Labels)
	m.Annotations = r.stringMap(&r.pools.annotations, in.Annotations)
	m.Generation = in.Generation
	m.CreationTimestamp = apiTime(in.CreationTimestamp.Time)
	m.DeletionTimestamp = timeOf(in.DeletionTimestamp)
	m.DeletionGracePeriodSeconds = word(r, in.DeletionGracePeriodSeconds)
	if len(in.OwnerReferences) > 0 {
		m.OwnerReferences = mk(r, &r.pools.owners, len(in.OwnerReferences))
		for i, o := range in.OwnerReferences {
			m.OwnerReferences[i] = pod.OwnerReference{
				APIVersion: o.APIVersion, Kind: o.Kind, Name: o.Name, UID: string(o.UID),
				Controller: word(r, o.Controller), BlockOwnerDeletion: word(r, o.BlockOwnerDeletion),
			}
		}
	}
}

func (r *reader) spec(s *pod.Spec, in *corev1.PodSpec) {
	r.sizeLists(in)
	// One backing array for the three container lists: one allocation
	// where there would be three.
	n := len(in.InitContainers) + len(in.Containers) + len(in.EphemeralContainers)
	var all []container.Container
	if n > 0 {
		all = mk(r, &r.pools.containers, n)
	}
	if len(in.InitContainers) > 0 {
		s.InitContainers = all[:len(in.InitContainers):len(in.InitContainers)]
		all = all[len(in.InitContainers):]
		for i := range in.InitContainers {
			r.container(&s.InitContainers[i], &in.InitContainers[i])
		}
	}
	// spec.containers has no omitempty: an empty list is kept as empty.
	if in.Containers != nil {
		s.Containers = []container.Container{}
		if len(in.Containers) > 0 {
			s.Containers = all[:len(in.Containers):len(in.Containers)]
		}
		all = all[len(in.Containers):]
		for i := range in.Containers {
			r.container(&s.Containers[i], &in.Containers[i])
		}
	}
	if len(in.EphemeralContainers) > 0 {
		s.EphemeralContainers = all[:len(in.EphemeralContainers):len(in.EphemeralContainers)]
		for i := range in.EphemeralContainers {
			// The same fields as a container (EphemeralContainerCommon);
			// targetContainerName is not modelled.
			r.container(&s.EphemeralContainers[i], (*corev1.Container)(&in.EphemeralContainers[i].EphemeralContainerCommon))
		}
	}
	s.RestartPolicy = restart.Policy(in.RestartPolicy)
	s.TerminationGracePeriodSeconds = word(r, in.TerminationGracePeriodSeconds)
	s.ActiveDeadlineSeconds = word(r, in.ActiveDeadlineSeconds)
	s.NodeName = in.NodeName
	s.HostNetwork = in.HostNetwork
	if len(in.ReadinessGates) > 0 {
		s.ReadinessGates = mk(r, &r.pools.readinessGates, len(in.ReadinessGates))
		for i, g := range in.ReadinessGates {
			s.ReadinessGates[i] = pod.ReadinessGate{ConditionType: pod.ConditionType(g.ConditionType)}
		}
	}
	if len(in.SchedulingGates) > 0 {
		s.SchedulingGates = mk(r, &r.pools.schedulingGates, len(in.SchedulingGates))
		for i, g := range in.SchedulingGates {
			s.SchedulingGates[i] = pod.SchedulingGate{Name: g.Name}
		}
	}
	if len(in.Volumes) > 0 {
		s.Volumes = mk(r, &r.pools.volumes, len(in.Volumes))
		for i := range in.Volumes {
			s.Volumes[i].Name = in.Volumes[i].Name
			r.volumeSource(&s.Volumes[i].VolumeSource, &in.Volumes[i].VolumeSource)
		}
	}
	s.ServiceAccountName = in.ServiceAccountName
	s.DeprecatedServiceAccount = in.DeprecatedServiceAccount
	s.Hostname = in.Hostname
	s.Subdomain = in.Subdomain
	s.HostnameOverride = cut(r, &r.strs, &r.pools.strVals, in.HostnameOverride)
	s.SetHostnameAsFQDN = word(r, in.SetHostnameAsFQDN)
	s.ShareProcessNamespace = word(r, in.ShareProcessNamespace)
	if in.OS != nil {
		s.OS = one(r, &r.pools.os)
		s.OS.Name = pod.OSName(in.OS.Name)
	}
	if in.Resources != nil {
		s.Resources = one(r, &r.pools.res)
		r.resources(s.Resources, in.Resources)
	}
	if len(in.ResourceClaims) > 0 {
		s.ResourceClaims = mk(r, &r.pools.podClaims, len(in.ResourceClaims))
		for i, c := range in.ResourceClaims {
			s.ResourceClaims[i] = pod.PodResourceClaim{Name: c.Name,
				ResourceClaimName: cut(r, &r.strs, &r.pools.strVals, c.ResourceClaimName), ResourceClaimTemplateName: cut(r, &r.strs, &r.pools.strVals, c.ResourceClaimTemplateName)}
		}
	}
	s.Overhead = r.list(in.Overhead)
}

func (r *reader) container(c *container.Container, in *corev1.Container) {
	c.Name = in.Name
	c.Image = in.Image
	c.ImagePullPolicy = container.PullPolicy(in.ImagePullPolicy)
	c.TerminationMessagePath = in.TerminationMessagePath
	c.TerminationMessagePolicy = container.TerminationMessagePolicy(in.TerminationMessagePolicy)
	c.Command = r.strings(in.Command)
	c.Args = r.strings(in.Args)
	if in.RestartPolicy != nil {
		c.RestartPolicy = one(r, &r.pools.policies)
		*c.RestartPolicy = restart.Policy(*in.RestartPolicy)
	}
	if len(in.RestartPolicyRules) > 0 {
		c.RestartPolicyRules = mk(r, &r.pools.rules, len(in.RestartPolicyRules))
		for i, rule := range in.RestartPolicyRules {
			c.RestartPolicyRules[i].Action = restart.Action(rule.Action)
			if e := rule.ExitCodes; e != nil {
				x := one(r, &r.pools.exitCodes)
				x.Operator = restart.Operator(e.Operator)
				if len(e.Values) > 0 {
					x.Values = mk(r, &r.pools.codes, len(e.Values))
					copy(x.Values, e.Values)
				}
				c.RestartPolicyRules[i].ExitCodes = x
			}
		}
	}
	c.StartupProbe = r.probe(in.StartupProbe)
	c.LivenessProbe = r.probe(in.LivenessProbe)
	c.ReadinessProbe = r.probe(in.ReadinessProbe)
	if l := in.Lifecycle; l != nil {
		// lifecycle.stopSignal is not modelled.
		// The lifecycle and its two hooks in one allocation.
		b := one(r, &r.pools.lifecycles)
		b.l = container.Lifecycle{PostStart: r.handler(&b.h[0], l.PostStart), PreStop: r.handler(&b.h[1], l.PreStop)}
		c.Lifecycle = &b.l
	}
	if len(in.Ports) > 0 {
		c.Ports = take(&r.portBuf, len(in.Ports))
		for i, p := range in.Ports {
			c.Ports[i] = container.Port{Name: p.Name, HostPort: p.HostPort, ContainerPort: p.ContainerPort,
				Protocol: container.Protocol(p.Protocol), HostIP: p.HostIP}
		}
	}
	if len(in.EnvFrom) > 0 {
		c.EnvFrom = take(&r.fromBuf, len(in.EnvFrom))
		for i, e := range in.EnvFrom {
			c.EnvFrom[i].Prefix = e.Prefix
			if e.ConfigMapRef != nil {
				c.EnvFrom[i].ConfigMapRef = r.objectRef(e.ConfigMapRef.Name, e.ConfigMapRef.Optional)
			}
			if e.SecretRef != nil {
				c.EnvFrom[i].SecretRef = r.objectRef(e.SecretRef.Name, e.SecretRef.Optional)
			}
		}
	}
	if len(in.Env) > 0 {
		c.Env = take(&r.envBuf, len(in.Env))
		for i := range in.Env {
			r.envVar(&c.Env[i], &in.Env[i])
		}
	}
	r.resources(&c.Resources, &in.Resources)
	if len(in.VolumeMounts) > 0 {
		c.VolumeMounts = take(&r.mountBuf, len(in.VolumeMounts))
		for i, m := range in.VolumeMounts {
			c.VolumeMounts[i] = container.VolumeMount{Name: m.Name, ReadOnly: m.ReadOnly, MountPath: m.MountPath,
				SubPath: m.SubPath, SubPathExpr: m.SubPathExpr}
			if m.RecursiveReadOnly != nil {
				v := one(r, &r.pools.rro)
				*v = container.RecursiveReadOnly(*m.RecursiveReadOnly)
				c.VolumeMounts[i].RecursiveReadOnly = v
			}
			if m.MountPropagation != nil {
				v := one(r, &r.pools.propagations)
				*v = container.MountPropagation(*m.MountPropagation)
				c.VolumeMounts[i].MountPropagation = v
			}
		}
	}
}

func (r *reader) envVar(e *container.EnvVar, in *corev1.EnvVar) {
	e.Name, e.Value = in.Name, in.Value
	f := in.ValueFrom
	if f == nil {
		return
	}
	e.ValueFrom = next(r, &r.envs, &r.pools.envSources)
	*e.ValueFrom = container.EnvSource{FieldRef: r.fieldRef(f.FieldRef), ResourceFieldRef: r.resourceFieldRef(f.ResourceFieldRef)}
	if k := f.ConfigMapKeyRef; k != nil {
		e.ValueFrom.ConfigMapKeyRef = r.keyRef(k.Name, k.Key, k.Optional)
	}
	if k := f.SecretKeyRef; k != nil {
		e.ValueFrom.SecretKeyRef = r.keyRef(k.Name, k.Key, k.Optional)
	}
	if k := f.FileKeyRef; k != nil {
		f := one(r, &r.pools.fileKeyRefs)
		*f = container.FileKeyRef{VolumeName: k.VolumeName, Path: k.Path, Key: k.Key, Optional: word(r, k.Optional)}
		e.ValueFrom.FileKeyRef = f
	}
}

func (r *reader) fieldRef(in *corev1.ObjectFieldSelector) *container.FieldRef {
	if in == nil {
		return nil
	}
	f := next(r, &r.fields, &r.pools.fieldRefs)
	*f = container.FieldRef{APIVersion: in.APIVersion, FieldPath: in.FieldPath}
	return f
}

func (r *reader) resourceFieldRef(in *corev1.ResourceFieldSelector) *container.ResourceFieldRef {
	if in == nil {
		return nil
	}
	// divisor is a value in the API, so it is always written (as "0" when
	// unset): the pointer is never nil, and the quantity is allocated
	// with the reference.
	b := one(r, &r.pools.resourceRefs)
	b.d = r.quantity(&in.Divisor)
	b.f = container.ResourceFieldRef{ContainerName: in.ContainerName, Resource: in.Resource, Divisor: &b.d}
	return &b.f
}

func (r *reader) resources(dst *container.Resources, in *corev1.ResourceRequirements) {
	dst.Limits = r.list(in.Limits)
	dst.Requests = r.list(in.Requests)
	if len(in.Claims) > 0 {
		dst.Claims = mk(r, &r.pools.claims, len(in.Claims))
		for i, c := range in.Claims {
			dst.Claims[i] = container.ResourceClaim{Name: c.Name, Request: c.Request}
		}
	}
}

func (r *reader) list(in corev1.ResourceList) resource.List {
	if len(in) == 0 {
		return nil
	}
	out := resource.List(take(&r.amountBuf, len(in)))
	i := 0
	for n, q := range in {
		out[i] = resource.Amount{Name: resource.Name(n), Quantity: r.quantity(&q)}
		i++
	}
	return out.Sort() // the API's map comes in any order
}

// quantity reads q through its canonical form, the string the API (and
// the JSON path) writes.
func (r *reader) quantity(q *apiresource.Quantity) resource.Quantity {
	memo := int64Backed(q)
	if memo {
		if v, ok := quantities.get(q); ok {
			return v
		}
	}
	// Format a copy: Quantity.String caches its result in the quantity,
	// and q may be in an informer's shared object.
	c := *q
	s := c.String()
	v, err := resource.Parse(s)
	if err != nil {
		if r.err == nil {
			r.err = fmt.Errorf("kube: quantity %q: %w", s, err)
		}
		return v
	}
	if memo {
		quantities.put(q, v)
	}
	return v
}

// quantities remembers what the quantities seen so far read as: a
// cluster's pods use few distinct quantities ("250m", "1Gi", ...), and
// formatting and parsing them was most of the cost of the way in. The key
// is the API value itself, which is comparable: for a quantity held as an
// int64 (the usual case) its fields, the cached text included, decide its
// canonical form, so equal keys read the same. Quantities held as
// arbitrary-precision decimals are not remembered (their key would be a
// pointer to a value that can change). A resource.Quantity never changes
// (its methods return new values), so one value can be handed to every
// pod. It changes no answer, only the time taken.
var quantities quantityMemo

// quantityMemo is a direct-mapped cache read and written without a lock:
// a quantity has one slot, chosen by its int64 value and scale, which
// holds the last quantity read there. A pod reads a dozen quantities, and
// a map (hashing the key's two strings) took a fifth of a conversion's
// time, a read lock as much again. Two quantities that share a slot and
// alternate are read afresh each time; a cluster's few dozen rarely do.
type quantityMemo struct {
	slots [memoSlots]atomic.Pointer[memoEntry]
}

const (
	memoBits  = 10
	memoSlots = 1 << memoBits
)

// memoEntry is published once and never written after.
type memoEntry struct {
	key apiresource.Quantity
	v   resource.Quantity
}

func (q *quantityMemo) get(k *apiresource.Quantity) (resource.Quantity, bool) {
	e := q.slots[memoSlot(k)].Load()
	if e == nil || e.key != *k {
		return resource.Quantity{}, false
	}
	return e.v, true
}

func (q *quantityMemo) put(k *apiresource.Quantity, v resource.Quantity) {
	q.slots[memoSlot(k)].Store(&memoEntry{key: *k, v: v})
}

// memoSlot is k's slot: a multiplicative hash of its int64 value and
// scale, and of its format and cached text's lengths, which tell apart
// quantities of one value written differently ("1Gi" and "1073741824").
func memoSlot(k *apiresource.Quantity) uint {
	value, scale := int64Amount(k)
	h := uint64(value)*0x9e3779b97f4a7c15 ^ (uint64(uint32(scale))<<32|uint64(len(k.Format))<<8|uint64(len(quantityText(k))))*0xc2b2ae3d27d4eb4f
	return uint(h >> (64 - memoBits))
}

// The offsets in an apiresource.Quantity of the unexported fields the memo
// reads, found once by reflection: its arbitrary-precision form (d.Dec, a
// pointer), its int64 form (i.value, i.scale) and its cached text (s).
// If a later apimachinery moved any, quantityOffsets.ok is false and
// nothing is remembered.
var quantityOffsets = func() (o struct {
	dec, value, scale, text uintptr
	ok                      bool
}) {
	t := reflect.TypeFor[apiresource.Quantity]()
	d, ok1 := t.FieldByName("d")
	i, ok2 := t.FieldByName("i")
	s, ok3 := t.FieldByName("s")
	if !ok1 || !ok2 || !ok3 || s.Type.Kind() != reflect.String ||
		d.Type.Kind() != reflect.Struct || d.Type.NumField() != 1 || d.Type.Field(0).Type.Kind() != reflect.Pointer ||
		i.Type.Kind() != reflect.Struct || i.Type.NumField() != 2 ||
		i.Type.Field(0).Type.Kind() != reflect.Int64 || i.Type.Field(1).Type.Kind() != reflect.Int32 {
		return o
	}
	o.dec = d.Offset + d.Type.Field(0).Offset
	o.value, o.scale = i.Offset+i.Type.Field(0).Offset, i.Offset+i.Type.Field(1).Offset
	o.text, o.ok = s.Offset, true
	return o
}()

// int64Amount reads q's int64 form (meaningful when int64Backed).
func int64Amount(q *apiresource.Quantity) (int64, int32) {
	p := unsafe.Pointer(q)
	return *(*int64)(unsafe.Add(p, quantityOffsets.value)), *(*int32)(unsafe.Add(p, quantityOffsets.scale))
}

// quantityText reads the text q has cached, "" if none.
func quantityText(q *apiresource.Quantity) string {
	return *(*string)(unsafe.Add(unsafe.Pointer(q), quantityOffsets.text))
}

// int64Backed reports whether q holds its value as an int64 (no decimal
// pointer), reading the unexported field without changing anything. It is
// read at the offset reflection found, not through reflect.Value: a pod
// reads a dozen quantities, and the reflection was a fifth of their cost.
func int64Backed(q *apiresource.Quantity) bool {
	if !quantityOffsets.ok {
		return false
	}
	return *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(q), quantityOffsets.dec)) == nil
}

func (r *reader) probe(in *corev1.Probe) *probe.Probe {
	if in == nil {
		return nil
	}
	p := next(r, &r.probes, &r.pools.probes)
	*p = probe.Probe{
		Exec:                          r.exec(in.Exec),
		HTTPGet:                       r.httpGet(in.HTTPGet),
		TCPSocket:                     r.tcp(in.TCPSocket),
		GRPC:                          r.grpc(in.GRPC),
		InitialDelaySeconds:           in.InitialDelaySeconds,
		TimeoutSeconds:                in.TimeoutSeconds,
		PeriodSeconds:                 in.PeriodSeconds,
		SuccessThreshold:              in.SuccessThreshold,
		FailureThreshold:              in.FailureThreshold,
		TerminationGracePeriodSeconds: word(r, in.TerminationGracePeriodSeconds),
	}
	return p
}

// handler reads in into h, which it returns; nil for an absent hook.
func (r *reader) handler(h *container.Handler, in *corev1.LifecycleHandler) *container.Handler {
	if in == nil {
		return nil
	}
	*h = container.Handler{Exec: r.exec(in.Exec), HTTPGet: r.httpGet(in.HTTPGet), TCPSocket: r.tcp(in.TCPSocket)}
	if in.Sleep != nil {
		// A SleepAction is one int64: a word.
		h.Sleep = (*container.SleepAction)(r.nextWord())
		h.Sleep.Seconds = in.Sleep.Seconds
	}
	return h
}

func (r *reader) exec(in *corev1.ExecAction) *probe.ExecAction {
	if in == nil {
		return nil
	}
	e := one(r, &r.pools.execs)
	if len(in.Command) > 0 {
		e.Command = mk(r, &r.pools.strs, len(in.Command))
		copy(e.Command, in.Command)
	}
	return e
}

// portOf reads an IntOrString as the JSON path does: a number stays a
// number, a string (even "80") is a name.
func portOf(in intstr.IntOrString) probe.Port {
	if in.Type == intstr.String {
		return probe.PortName(in.StrVal)
	}
	return probe.PortNumber(in.IntVal)
}

func (r *reader) httpGet(in *corev1.HTTPGetAction) *probe.HTTPGetAction {
	if in == nil {
		return nil
	}
	// httpGet.protocol is not modelled.
	h := next(r, &r.http, &r.pools.http)
	*h = probe.HTTPGetAction{Path: in.Path, Port: portOf(in.Port), Host: in.Host, Scheme: probe.URIScheme(in.Scheme)}
	if len(in.HTTPHeaders) > 0 {
		h.HTTPHeaders = mk(r, &r.pools.headers, len(in.HTTPHeaders))
		for i, hd := range in.HTTPHeaders {
			h.HTTPHeaders[i] = probe.HTTPHeader{Name: hd.Name, Value: hd.Value}
		}
	}
	return h
}

func (r *reader) tcp(in *corev1.TCPSocketAction) *probe.TCPSocketAction {
	if in == nil {
		return nil
	}
	t := one(r, &r.pools.tcps)
	*t = probe.TCPSocketAction{Port: portOf(in.Port), Host: in.Host}
	return t
}

func (r *reader) grpc(in *corev1.GRPCAction) *probe.GRPCAction {
	if in == nil {
		return nil
	}
	// grpc.mode is not modelled.
	g := one(r, &r.pools.grpcs)
	*g = probe.GRPCAction{Port: in.Port, Service: cut(r, &r.strs, &r.pools.strVals, in.Service)}
	return g
}

func (r *reader) volumeSource(s *pod.VolumeSource, in *corev1.VolumeSource) {
	if v := in.HostPath; v != nil {
		s.HostPath = one(r, &r.pools.hostPaths)
		s.HostPath.Path = v.Path
		if v.Type != nil {
			t := one(r, &r.pools.hostPathTypes)
			*t = pod.HostPathType(*v.Type)
			s.HostPath.Type = t
		}
	}
	if v := in.EmptyDir; v != nil {
		// The source and its size limit in one allocation.
		b := one(r, &r.pools.emptyDirs)
		b.e = pod.EmptyDirSource{Medium: pod.StorageMedium(v.Medium), Mode: word(r, v.Mode)}
		if v.SizeLimit != nil {
			b.q = r.quantity(v.SizeLimit)
			b.e.SizeLimit = &b.q
		}
		s.EmptyDir = &b.e
	}
	if v := in.Secret; v != nil {
		s.Secret = one(r, &r.pools.secrets)
		*s.Secret = pod.SecretSource{SecretName: v.SecretName, Items: r.keys(v.Items), DefaultMode: word(r, v.DefaultMode),
			DefaultUser: word(r, v.DefaultUser), Optional: word(r, v.Optional)}
	}
	if v := in.ConfigMap; v != nil {
		s.ConfigMap = one(r, &r.pools.configMaps)
		*s.ConfigMap = pod.ConfigMapSource{Name: v.Name, Items: r.keys(v.Items), DefaultMode: word(r, v.DefaultMode),
			DefaultUser: word(r, v.DefaultUser), Optional: word(r, v.Optional)}
	}
	if v := in.PersistentVolumeClaim; v != nil {
		s.PersistentVolumeClaim = one(r, &r.pools.pvcs)
		*s.PersistentVolumeClaim = pod.PVCSource{ClaimName: v.ClaimName, ReadOnly: v.ReadOnly}
	}
	if v := in.DownwardAPI; v != nil {
		s.DownwardAPI = one(r, &r.pools.downwardAPIs)
		*s.DownwardAPI = pod.DownwardAPISource{Items: r.downwardFiles(v.Items), DefaultMode: word(r, v.DefaultMode),
			DefaultUser: word(r, v.DefaultUser)}
	}
	if v := in.Projected; v != nil {
		s.Projected = one(r, &r.pools.projecteds)
		*s.Projected = pod.ProjectedSource{DefaultMode: word(r, v.DefaultMode), DefaultUser: word(r, v.DefaultUser)}
		// sources has no omitempty: an empty list stays empty, nil stays nil.
		if v.Sources != nil {
			s.Projected.Sources = mk(r, &r.pools.projections, len(v.Sources))
			for i := range v.Sources {
				r.projection(&s.Projected.Sources[i], &v.Sources[i])
			}
		}
	}
	if v := in.Ephemeral; v != nil {
		s.Ephemeral = one(r, &r.pools.ephemerals)
		s.Ephemeral.VolumeClaimTemplate = raw(r, v.VolumeClaimTemplate)
	}
	if v := in.Image; v != nil {
		s.Image = one(r, &r.pools.images)
		*s.Image = pod.ImageVolumeSource{Reference: v.Reference, PullPolicy: string(v.PullPolicy)}
	}
	// The sources podlife counts only by kind are kept as the JSON the API
	// writes for them (pod.VolumeSource): rare, and small.
	s.GCEPersistentDisk = rawSource(r, in.GCEPersistentDisk)
	s.AWSElasticBlockStore = rawSource(r, in.AWSElasticBlockStore)
	s.GitRepo = rawSource(r, in.GitRepo)
	s.NFS = rawSource(r, in.NFS)
	s.ISCSI = rawSource(r, in.ISCSI)
	s.Glusterfs = rawSource(r, in.Glusterfs)
	s.RBD = rawSource(r, in.RBD)
	s.FlexVolume = rawSource(r, in.FlexVolume)
	s.Cinder = rawSource(r, in.Cinder)
	s.CephFS = rawSource(r, in.CephFS)
	s.Flocker = rawSource(r, in.Flocker)
	s.FC = rawSource(r, in.FC)
	s.AzureFile = rawSource(r, in.AzureFile)
	s.VsphereVolume = rawSource(r, in.VsphereVolume)
	s.Quobyte = rawSource(r, in.Quobyte)
	s.AzureDisk = rawSource(r, in.AzureDisk)
	s.PhotonPersistentDisk = rawSource(r, in.PhotonPersistentDisk)
	s.PortworxVolume = rawSource(r, in.PortworxVolume)
	s.ScaleIO = rawSource(r, in.ScaleIO)
	s.StorageOS = rawSource(r, in.StorageOS)
	s.CSI = rawSource(r, in.CSI)
}

func (r *reader) projection(p *pod.Projection, in *corev1.VolumeProjection) {
	if v := in.Secret; v != nil {
		p.Secret = one(r, &r.pools.secretProjections)
		*p.Secret = pod.SecretProjection{Name: v.Name, Items: r.keys(v.Items), Optional: word(r, v.Optional)}
	}
	if v := in.ConfigMap; v != nil {
		p.ConfigMap = one(r, &r.pools.configMapProjections)
		*p.ConfigMap = pod.ConfigMapProjection{Name: v.Name, Items: r.keys(v.Items), Optional: word(r, v.Optional)}
	}
	if v := in.DownwardAPI; v != nil {
		p.DownwardAPI = one(r, &r.pools.downwardAPIProjections)
		p.DownwardAPI.Items = r.downwardFiles(v.Items)
	}
	if v := in.ServiceAccountToken; v != nil {
		p.ServiceAccountToken = one(r, &r.pools.tokens)
		*p.ServiceAccountToken = pod.ServiceAccountTokenProjection{Audience: v.Audience,
			ExpirationSeconds: word(r, v.ExpirationSeconds), Path: v.Path, User: word(r, v.User)}
	}
	p.ClusterTrustBundle = raw(r, in.ClusterTrustBundle)
	p.PodCertificate = raw(r, in.PodCertificate)
}

// raw is the JSON of a source podlife keeps unparsed, exactly as the JSON
// path would hold it; nil for an absent source.
func raw[T any](r *reader, v *T) json.RawMessage {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil && r.err == nil {
		r.err = fmt.Errorf("kube: %w", err)
	}
	return b
}

// rawSource is raw for a volume source, which pod.VolumeSource holds
// behind a pointer.
func rawSource[T any](r *reader, v *T) *json.RawMessage {
	if v == nil {
		return nil
	}
	b := raw(r, v)
	return &b
}

func (r *reader) keys(in []corev1.KeyToPath) []pod.KeyToPath {
	if len(in) == 0 {
		return nil
	}
	out := mk(r, &r.pools.keys, len(in))
	for i, k := range in {
		out[i] = pod.KeyToPath{Key: k.Key, Path: k.Path, Mode: word(r, k.Mode), User: word(r, k.User)}
	}
	return out
}

func (r *reader) downwardFiles(in []corev1.DownwardAPIVolumeFile) []pod.DownwardAPIFile {
	if len(in) == 0 {
		return nil
	}
	out := mk(r, &r.pools.downwardFiles, len(in))
	for i := range in {
		f := &in[i]
		out[i] = pod.DownwardAPIFile{Path: f.Path, FieldRef: r.fieldRef(f.FieldRef),
			ResourceFieldRef: r.resourceFieldRef(f.ResourceFieldRef), Mode: word(r, f.Mode), User: word(r, f.User)}
	}
	return out
}

func (r *reader) status(s *pod.Status, in *corev1.PodStatus) {
	s.ObservedGeneration = in.ObservedGeneration
	s.Phase = phase.Phase(in.Phase)
	if len(in.Conditions) > 0 {
		s.Conditions = mk(r, &r.pools.conditions, len(in.Conditions))
		for i := range in.Conditions {
			c := &in.Conditions[i]
			s.Conditions[i] = pod.Condition{Type: pod.ConditionType(c.Type), Status: pod.ConditionStatus(c.Status),
				ObservedGeneration: c.ObservedGeneration, LastProbeTime: apiTime(c.LastProbeTime.Time),
				LastTransitionTime: apiTime(c.LastTransitionTime.Time), Reason: c.Reason, Message: c.Message}
		}
	}
	s.Reason = in.Reason
	s.Message = in.Message
	s.NominatedNodeName = in.NominatedNodeName
	s.HostIP = in.HostIP
	s.PodIP = in.PodIP
	if len(in.PodIPs) > 0 {
		s.PodIPs = mk(r, &r.pools.podIPs, len(in.PodIPs))
		for i, ip := range in.PodIPs {
			s.PodIPs[i] = pod.PodIP{IP: ip.IP}
		}
	}
	s.StartTime = timeOf(in.StartTime)
	s.QOSClass = pod.QOSClass(in.QOSClass)
	// One backing array for the three status lists.
	n := len(in.InitContainerStatuses) + len(in.ContainerStatuses) + len(in.EphemeralContainerStatuses)
	if n == 0 {
		return
	}
	all := mk(r, &r.pools.statuses, n)
	// Cut the states' slabs to size, as sizeLists does for the spec.
	var waiting, running, term, res, mounts, rro int
	for _, l := range [...][]corev1.ContainerStatus{in.InitContainerStatuses, in.ContainerStatuses, in.EphemeralContainerStatuses} {
		for i := range l {
			if l[i].Resources != nil {
				res++
			}
			mounts += len(l[i].VolumeMounts)
			for j := range l[i].VolumeMounts {
				if l[i].VolumeMounts[j].RecursiveReadOnly != nil {
					rro++
				}
			}
			for _, st := range [...]*corev1.ContainerState{&l[i].State, &l[i].LastTerminationState} {
				if st.Waiting != nil {
					waiting++
				}
				if st.Running != nil {
					running++
				}
				if st.Terminated != nil {
					term++
				}
			}
		}
	}
	reserve(r, &r.waiting, &r.pools.waiting, waiting)
	reserve(r, &r.running, &r.pools.running, running)
	reserve(r, &r.term, &r.pools.term, term)
	reserve(r, &r.res, &r.pools.res, res)
	reserve(r, &r.rro, &r.pools.rro, rro)
	if mounts > 0 {
		r.mountStBuf = mk(r, &r.pools.mountStatuses, mounts)
	}
	s.InitContainerStatuses, all = r.statusesInto(all, in.InitContainerStatuses)
	s.ContainerStatuses, all = r.statusesInto(all, in.ContainerStatuses)
	s.EphemeralContainerStatuses, _ = r.statusesInto(all, in.EphemeralContainerStatuses)
}

func (r *reader) statusesInto(all []container.Status, in []corev1.ContainerStatus) (out, rest []container.Status) {
	if len(in) == 0 {
		return nil, all
	}
	out, rest = all[:len(in):len(in)], all[len(in):]
	for i := range in {
		c := &in[i]
		// user, allocatedResourcesStatus, stopSignal and a mount's
		// volumeStatus are not modelled; the way out (ApplyStatus) keeps
		// them.
		// Field by field into the zero array: a whole struct assigned
		// there is copied under the collector's bulk write barrier, a
		// tenth of a conversion's time on a pod with a few statuses.
		o := &out[i]
		o.Name = c.Name
		r.stateInto(&o.State, &c.State)
		r.stateInto(&o.LastState, &c.LastTerminationState)
		o.Ready, o.RestartCount = c.Ready, c.RestartCount
		o.Started = word(r, c.Started)
		o.Image, o.ImageID, o.ContainerID = c.Image, c.ImageID, c.ContainerID
		o.AllocatedResources = r.list(c.AllocatedResources)
		if c.Resources != nil {
			o.Resources = next(r, &r.res, &r.pools.res)
			r.resources(o.Resources, c.Resources)
		}
		if len(c.VolumeMounts) > 0 {
			ms := take(&r.mountStBuf, len(c.VolumeMounts))
			for j, m := range c.VolumeMounts {
				ms[j] = container.VolumeMountStatus{Name: m.Name, MountPath: m.MountPath, ReadOnly: m.ReadOnly}
				if m.RecursiveReadOnly != nil {
					v := next(r, &r.rro, &r.pools.rro)
					*v = container.RecursiveReadOnly(*m.RecursiveReadOnly)
					ms[j].RecursiveReadOnly = v
				}
			}
			o.VolumeMounts = ms
		}
	}
	return out, rest
}

// stateInto writes in into the zero *s, field by field (see
// statusesInto); the slabs' values are zero too.
func (r *reader) stateInto(s *container.State, in *corev1.ContainerState) {
	if w := in.Waiting; w != nil {
		v := next(r, &r.waiting, &r.pools.waiting)
		v.Reason, v.Message = container.WaitingReason(w.Reason), w.Message
		s.Waiting = v
	}
	if run := in.Running; run != nil {
		v := next(r, &r.running, &r.pools.running)
		v.StartedAt = apiTime(run.StartedAt.Time)
		s.Running = v
	}
	if t := in.Terminated; t != nil {
		v := next(r, &r.term, &r.pools.term)
		v.ExitCode, v.Signal = t.ExitCode, t.Signal
		v.Reason, v.Message = container.TerminatedReason(t.Reason), t.Message
		v.StartedAt, v.FinishedAt = apiTime(t.StartedAt.Time), apiTime(t.FinishedAt.Time)
		v.ContainerID = t.ContainerID
		s.Terminated = v
	}
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// stringMap copies a map the API writes with omitempty: empty reads as
// absent. For ToPod, maps.Clone copies the map's groups as they are,
// without hashing each key again; a Reader empties the map it kept and
// fills it.
func (r *reader) stringMap(keep *map[string]string, in map[string]string) map[string]string {
	if len(in) == 0 {
		return nil
	}
	if !r.keep {
		return maps.Clone(in)
	}
	if *keep == nil {
		*keep = make(map[string]string, len(in))
	} else {
		clear(*keep)
	}
	maps.Copy(*keep, in)
	return *keep
}
