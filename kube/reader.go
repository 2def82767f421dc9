package kube

import (
	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/restart"
	corev1 "k8s.io/api/core/v1"
)

// A Reader converts pods one after another into memory it keeps from one
// conversion to the next, as csv.Reader does with ReuseRecord: once it has
// read a pod of a shape (as many containers, lists as long, the same
// optional fields), reading another of that shape, or of any shape it has
// read, allocates nothing (but for the rarest fields: the JSON of a volume
// source podlife keeps unparsed, a quantity not seen lately). It gives the
// pod ToPod gives, without the collector's work: it is for a controller
// that converts every pod it is handed and keeps none.
//
//	var r kube.Reader // one for each worker: a Reader is not safe for concurrent use
//	for _, obj := range pods {
//		p, err := r.Read(obj)
//		if err != nil { ... }
//		ph := pod.Phase(p, facts, gates) // use p here; the next Read overwrites it
//	}
//
// The pod Read returns, and every slice, map and value it points to, are
// the Reader's: the next Read on the same Reader overwrites them. Keep a
// pod past that with ToPod. In particular pod.NewMachine shares the spec of
// a pod the apiserver defaulted, so give it ToPod's pod, never Read's. (The
// strings are shared with the corev1.Pod read, as ToPod shares them.)
//
// The zero Reader is ready to use. It must not be copied after its first
// Read (the copy would hand out the same memory; go vet says so). It
// holds on to the memory of the largest pods it has read, and so to the
// strings of the objects that memory last held; drop the Reader to let
// them go.
type Reader struct {
	_     noCopy
	p     pod.Pod
	pools pools
}

// noCopy makes go vet's copylocks check report a copied Reader.
type noCopy struct{}

func (*noCopy) Lock()   {}
func (*noCopy) Unlock() {}

// Read returns the pod.Pod that in stands for, as ToPod does, in the
// Reader's memory (see Reader). A nil in gives a zero pod.
func (rd *Reader) Read(in *corev1.Pod) (*pod.Pod, error) {
	rd.p = pod.Pod{}
	if in == nil {
		return &rd.p, nil
	}
	rd.pools.conversion++
	r := reader{pools: &rd.pools, keep: true}
	r.read(&rd.p, in)
	if r.err != nil {
		return nil, r.err
	}
	return &rd.p, nil
}

// pool is where a Reader keeps the arrays of one type that a conversion
// asked for, to hand them out again, cleared, to the next conversion, in
// the order they are asked for: a pod of the same shape asks for the same
// lengths in the same order. An array too short for the new pod is
// replaced by a new one, kept in its place.
type pool[T any] struct {
	arrays     [][]T
	next       int    // the index in arrays of the next array to hand out
	conversion uint64 // the pools' conversion whose requests next counts
}

// mk returns n zero values of T: a new array for ToPod (reader.keep false),
// one of p's for a Reader. The result's capacity is n, so that an append
// to it never writes into memory the next list is cut from.
func mk[T any](r *reader, p *pool[T], n int) []T {
	if !r.keep {
		return make([]T, n)
	}
	if n == 0 {
		return []T{} // empty, not nil, as make's (a list without omitempty keeps it)
	}
	if c := r.pools.conversion; p.conversion != c {
		p.conversion, p.next = c, 0
	}
	if p.next == len(p.arrays) {
		p.arrays = append(p.arrays, nil)
	}
	a := p.arrays[p.next]
	if cap(a) < n {
		a = make([]T, n)
		p.arrays[p.next] = a
	} else {
		a = a[:n:n]
		clear(a)
	}
	p.next++
	return a
}

// pools holds a Reader's memory: a pool for each kind of list or value a
// conversion allocates. (Only the JSON of the volume sources podlife keeps
// unparsed, and the quantity memo's new entries, are allocated each time.)
type pools struct {
	conversion uint64 // counts the Reader's conversions

	labels, annotations map[string]string

	amounts         pool[resource.Amount]
	strs            pool[string]
	strVals         pool[string]
	words           pool[uint64]
	owners          pool[pod.OwnerReference]
	containers      pool[container.Container]
	ports           pool[container.Port]
	envs            pool[container.EnvVar]
	froms           pool[container.EnvFrom]
	mounts          pool[container.VolumeMount]
	policies        pool[restart.Policy]
	rules           pool[restart.Rule]
	exitCodes       pool[restart.ExitCodes]
	codes           pool[int32]
	lifecycles      pool[lifecycleBlock]
	objectRefs      pool[container.ObjectRef]
	keyRefs         pool[container.KeyRef]
	fileKeyRefs     pool[container.FileKeyRef]
	envSources      pool[container.EnvSource]
	fieldRefs       pool[container.FieldRef]
	resourceRefs    pool[resourceFieldRefBlock]
	res             pool[container.Resources]
	claims          pool[container.ResourceClaim]
	rro             pool[container.RecursiveReadOnly]
	propagations    pool[container.MountPropagation]
	probes          pool[probe.Probe]
	http            pool[probe.HTTPGetAction]
	headers         pool[probe.HTTPHeader]
	execs           pool[probe.ExecAction]
	tcps            pool[probe.TCPSocketAction]
	grpcs           pool[probe.GRPCAction]
	readinessGates  pool[pod.ReadinessGate]
	schedulingGates pool[pod.SchedulingGate]
	os              pool[pod.PodOS]
	podClaims       pool[pod.PodResourceClaim]

	volumes                pool[pod.Volume]
	hostPaths              pool[pod.HostPathSource]
	hostPathTypes          pool[pod.HostPathType]
	emptyDirs              pool[emptyDirBlock]
	secrets                pool[pod.SecretSource]
	configMaps             pool[pod.ConfigMapSource]
	pvcs                   pool[pod.PVCSource]
	downwardAPIs           pool[pod.DownwardAPISource]
	projecteds             pool[pod.ProjectedSource]
	projections            pool[pod.Projection]
	ephemerals             pool[pod.EphemeralSource]
	images                 pool[pod.ImageVolumeSource]
	secretProjections      pool[pod.SecretProjection]
	configMapProjections   pool[pod.ConfigMapProjection]
	downwardAPIProjections pool[pod.DownwardAPIProjection]
	tokens                 pool[pod.ServiceAccountTokenProjection]
	keys                   pool[pod.KeyToPath]
	downwardFiles          pool[pod.DownwardAPIFile]

	conditions    pool[pod.Condition]
	podIPs        pool[pod.PodIP]
	statuses      pool[container.Status]
	mountStatuses pool[container.VolumeMountStatus]
	waiting       pool[container.Waiting]
	running       pool[container.Running]
	term          pool[container.Terminated]
}

// noPools is ToPod's: a reader that keeps nothing (keep false) never
// reads or writes it.
var noPools pools

// The values allocated together: a lifecycle and its two hooks, a
// resource field reference and its divisor, an emptyDir source and its
// size limit.
type (
	lifecycleBlock struct {
		l container.Lifecycle
		h [2]container.Handler
	}
	resourceFieldRefBlock struct {
		f container.ResourceFieldRef
		d resource.Quantity
	}
	emptyDirBlock struct {
		e pod.EmptyDirSource
		q resource.Quantity
	}
)

func (r *reader) objectRef(name string, optional *bool) *container.ObjectRef {
	o := one(r, &r.pools.objectRefs)
	*o = container.ObjectRef{Name: name, Optional: word(r, optional)}
	return o
}

func (r *reader) keyRef(name, key string, optional *bool) *container.KeyRef {
	k := one(r, &r.pools.keyRefs)
	*k = container.KeyRef{Name: name, Key: key, Optional: word(r, optional)}
	return k
}
