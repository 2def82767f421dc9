package pod

import (
	"slices"
	"strings"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/restart"
)

// The v1 container statuses the kubelet reports, built from its runtime
// view: pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses (with its
// inner convertContainerStatus), as generateAPIPodStatus calls it.

// Messages the kubelet writes verbatim into the states it makes up.
const (
	// msgUnknownWhileRunning: an unknown record whose previous API state
	// was running.
	msgUnknownWhileRunning = "The container could not be located when the pod was terminated"
	// msgVanishedWhileRunning: no record left of a container whose previous
	// API state was running.
	msgVanishedWhileRunning = "The container could not be located when the pod was deleted.  The container used to be Running"
	// msgRemovedForRestartAll: no record left because the pod restarts all
	// its containers in place.
	msgRemovedForRestartAll = "The container is removed because RestartAllContainers in place"
	// msgInitInferred: a vanished init container of a pod whose regular
	// containers exist.
	msgInitInferred = "Unable to get init container status from container runtime and pod has been initialized, treat it as exited normally"
)

// RuntimeStatus is the kubelet's runtime view of a pod: what it knows about
// the containers beyond the previous API status.
type RuntimeStatus struct {
	// Records are the runtime records of the pod's containers (init and
	// regular alike). The records of one container must be listed newest
	// first, as the kubelet's runtime lists them (sorted by creation time);
	// records of different containers may interleave in any order. Records
	// whose name is not a container of the converted list are ignored.
	Records []container.RuntimeRecord
	// FailedStarts is the kubelet's reason cache: the last failed start of
	// each container, at most one entry per name.
	FailedStarts []container.FailedStart
	// PodRestarting is true while the pod restarts all its containers in
	// place (gate RestartAllContainersOnContainerExits); compute it with
	// ShouldAllContainersRestart.
	PodRestarting bool
	// RecursiveReadOnlyMounts is true when the runtime handler the pod
	// runs under supports recursive read-only mounts (the CRI's runtime
	// handler features; kubelet_pods.go
	// runtimeClassSupportsRecursiveReadOnlyMounts). Then a read-only mount
	// asking for RecursiveReadOnly Enabled or IfPossible reports Enabled;
	// otherwise, as with a runtime that lists no handlers, every
	// read-only mount reports Disabled.
	RecursiveReadOnlyMounts bool
}

// StatusBuffer holds the container statuses ContainerStatuses returns and
// the states they point to, so that converting a pod again reuses the
// memory. For each list (init and regular) it alternates between two
// halves: the statuses returned for a list stay valid (and may be passed
// back as the pod's previous status) during the next call for the same
// list, and are overwritten by the call after it. The zero value is ready
// to use; a StatusBuffer must not be copied after first use nor used by two
// goroutines at once.
type StatusBuffer struct {
	turn [3]uint8 // by list: 0 regular, 1 init, 2 ephemeral
	// work is the conversion's own copy of each status, by list: read only
	// during a call, so one is enough (and a Scratch lends it).
	work [3][]apiStatus
	// held is what a call returned, by list, then half (nil until used).
	held [3][2]*heldStatuses
	// names are a large pod's lookups by name, reused by every call (nil
	// until a pod has more than byNameAbove containers in a list).
	names *statusNames
}

// statusNames finds by name, in one conversion of a large pod, what a small
// one's finds by a scan: a scan for each container made a conversion
// quadratic in the pod's size. The maps keep their room from call to
// call, so a warm buffer converts without allocating.
type statusNames struct {
	work     map[string]int32 // the work's status of each name
	previous map[string]int32 // the last previous status of each name
	newest   map[string]int32 // the first (newest) runtime record of each name
	failed   map[string]int32 // the first failed start of each name
	seen     []uint8          // the records of each work status met so far, up to 2
	// anyRegular caches anyRegularCreated for the conversion: 0 unknown,
	// 1 no, 2 yes.
	anyRegular uint8
}

// reset fills the indexes for a conversion of specs from previous and rt.
func (x *statusNames) reset(previous []container.Status, rt *RuntimeStatus) {
	if x.work == nil {
		x.work, x.previous, x.newest, x.failed = map[string]int32{}, map[string]int32{}, map[string]int32{}, map[string]int32{}
	}
	clear(x.work)
	clear(x.previous)
	clear(x.newest)
	clear(x.failed)
	for i := range previous {
		x.previous[previous[i].Name] = int32(i) // a later one replaces: the last
	}
	for i := len(rt.Records) - 1; i >= 0; i-- {
		x.newest[rt.Records[i].Name] = int32(i) // an earlier one replaces: the first
	}
	for i := len(rt.FailedStarts) - 1; i >= 0; i-- {
		x.failed[rt.FailedStarts[i].Name] = int32(i)
	}
	x.anyRegular = 0
}

// heldStatuses are the statuses one conversion returned and the values
// they point to, each state kept once in the arena of its type: a status
// holds one or two states (state and lastState), not the three of each an
// apiStatus has room for, and a pod's statuses live as long as the pod.
type heldStatuses struct {
	list       []container.Status
	waiting    []container.Waiting
	running    []container.Running
	terminated []container.Terminated
	started    []bool
	// extra holds the resources and mounts of the statuses that have
	// them, nil until some status does: many pods have none, and a
	// pointer keeps heldStatuses in its size class.
	extra *heldExtras
	// The first few waiting, running and started values live here, in
	// the one allocation: most lists have one or two containers, and each
	// arena of its own would be an allocation more per pod. Terminated
	// values, the large ones, get an arena of their own, sized to need.
	waitingIn    [2]container.Waiting
	runningIn    [2]container.Running
	terminatedIn [1]container.Terminated
	startedIn    [8]bool
}

// heldExtras are the arenas of a heldStatuses' resources, mounts and the
// mounts' recursive read-only modes.
type heldExtras struct {
	resources []container.Resources
	mounts    []container.VolumeMountStatus
	rro       []container.RecursiveReadOnly
}

// listSlot is the index of a status list in a StatusBuffer: 0 regular, 1
// init, 2 ephemeral.
func listSlot(list container.Kind) int {
	switch {
	case isInitList(list):
		return 1
	case list == container.Ephemeral:
		return 2
	}
	return 0
}

// swapNext exchanges the memory the next conversion of list into b writes
// into, and the conversion's work, with spare's: a machine keeps the half
// its status lives in and lends the other (see Scratch).
func (b *StatusBuffer) swapNext(list container.Kind, spare *StatusBuffer) {
	li := listSlot(list)
	h := b.turn[li]
	b.held[li][h], spare.held[li][0] = spare.held[li][0], b.held[li][h]
	b.work[li], spare.work[li] = spare.work[li], b.work[li]
}

// ContainerStatuses returns the v1 statuses the kubelet writes for the
// pod's regular containers (list container.Regular: spec.containers against
// status.containerStatuses), its init containers (list container.Init:
// spec.initContainers against status.initContainerStatuses) or its
// ephemeral containers (list container.Ephemeral, converted like regular
// ones), from its
// runtime view rt. p.Status is the kubelet's previous API status. Regular
// containers come sorted by name, init containers in spec order, as the
// kubelet writes them (pkg/kubelet/kubelet_pods.go
// convertToAPIContainerStatuses). In upstream's order:
//
//  1. Every container starts as waiting ContainerCreating, or
//     PodInitializing when the pod has init containers (for the init
//     containers too), with its spec's volume mounts. A previous status
//     that was terminated is kept whole; otherwise its restartCount and
//     lastState are carried.
//  2. A container without any runtime record whose previous status was
//     running gets lastState terminated ContainerStatusUnknown, exit code
//     137, and one more restart unless the pod is being deleted; while the
//     pod restarts all containers in place, any container without records
//     that was not waiting shows waiting RestartingAllContainers instead.
//  3. The newest record gives state, restartCount (its attempt, never
//     below the previous count; one above the previous count when it
//     runs and the previous state was terminated with a count at least
//     its attempt), image, imageID and containerID, the previous
//     status's volume mounts, the spec's requests as allocatedResources
//     and its resources (see container.Status); the second newest
//     record's state, whatever it is, becomes lastState; older records do
//     not count. Without a second record, lastState is the previous
//     state's termination when the container ID changed, else the
//     previous lastState's. created and unknown records give an empty
//     waiting state, except an unknown record whose previous status was
//     running, which gives terminated ContainerStatusUnknown
//     (RestartingAllContainers while the pod restarts all containers; exit
//     137, one more restart).
//  4. A container the kubelet would restart now
//     (restart.ShouldContainerBeRestarted: not while the pod is being
//     deleted, not while its newest record runs, only where the restart
//     policy allows; a sidecar is judged by its policy like any container,
//     as upstream's helper does) and that has a reason cache entry shows
//     waiting with that reason and message, its terminated state moved to
//     lastState. In the init list, a container whose newest record exited
//     0 is left alone, and one without records, not a sidecar, in a pod
//     whose regular containers exist is reported terminated Completed.
//
// ready is never set here (probes set it later; only a previous status
// kept whole carries it); started is only carried from the previous status
// for a running record. With the RestartAllContainersOnContainerExits gate
// off, step 3 neither carries the previous lastState nor adjusts
// restartCount by the previous count, and RestartingAllContainers is never
// written.
//
// The result lives in buf (see StatusBuffer) and is written without
// allocating once buf has grown to the pod's size; a nil buf allocates a
// fresh one. The result is empty, never nil, for a pod without containers
// in the list, and nil only for a nil pod. allocatedResources, resources
// and volumeMounts are reported as the kubelet reports them (see
// container.Status). A status's resources are, where the spec's say the
// same, the spec's own (the pointer to them, not a copy), and
// allocatedResources is the spec's requests: read them, never change
// them. Fields podlife does not model (user, which the runtime reports,
// and stopSignal, under an alpha gate) are not reported. Container names
// are unique in a valid pod; a duplicated name gets one status, as in
// upstream's map by name.
func ContainerStatuses(buf *StatusBuffer, p *Pod, rt *RuntimeStatus, list container.Kind, gates feature.Gates) []container.Status {
	init := isInitList(list)
	if buf == nil {
		buf = new(StatusBuffer)
	}
	if p == nil {
		return nil
	}
	if rt == nil {
		rt = &RuntimeStatus{}
	}
	li := listSlot(list)
	half := buf.turn[li]
	buf.turn[li] ^= 1
	c := converter{
		p:             p,
		rt:            rt,
		init:          init,
		restartAll:    gates.Enabled(feature.RestartAllContainersOnContainerExits),
		gates:         gates,
		defaultReason: container.ContainerCreating,
	}
	if len(p.Spec.InitContainers) > 0 {
		c.defaultReason = container.PodInitializing
	}
	c.specs, c.previous = p.Spec.Containers, p.Status.ContainerStatuses
	switch {
	case init:
		c.specs, c.previous = p.Spec.InitContainers, p.Status.InitContainerStatuses
	case list == container.Ephemeral:
		// Converted like regular containers, sorted by name
		// (kubelet_pods.go generateAPIPodStatus).
		c.specs, c.previous = p.Spec.EphemeralContainers, p.Status.EphemeralContainerStatuses
	}
	c.work = buf.work[li][:0]
	if max(len(c.specs), len(c.previous), len(rt.Records), len(rt.FailedStarts)) > byNameAbove {
		if buf.names == nil {
			buf.names = new(statusNames)
		}
		c.names = buf.names
		c.names.reset(c.previous, rt)
	}
	c.defaults()
	c.vanished()
	if c.names != nil {
		c.names.seen = append(c.names.seen[:0], make([]uint8, len(c.work))...)
	}
	c.fromRecords()
	c.failedStarts()
	buf.work[li] = c.work
	if !init {
		sortByName(c.work)
	}

	h := buf.held[li][half]
	if h == nil {
		h = new(heldStatuses)
		buf.held[li][half] = h
	}
	n := c.outLen()
	var need heldCount
	for k := range n {
		need.add(c.out(k))
	}
	h.reset(need)
	for k := range n {
		h.list = append(h.list, h.materialize(c.out(k), rt.RecursiveReadOnlyMounts))
	}
	if h.list == nil {
		h.list = []container.Status{} // like upstream: empty, not nil (no allocation)
	}
	return h.list
}

// outLen is how many statuses the conversion returns, and out(k) the kth.
// Init containers come in spec order, which is the work's own unless a
// name is listed twice: then each listing shares its name's one status, as
// the kubelet's map by name does (the apiserver rejects such pods).
// Regular and ephemeral ones come as sorted by name.
func (c *converter) outLen() int {
	if c.init && len(c.work) != len(c.specs) {
		return len(c.specs)
	}
	return len(c.work)
}

func (c *converter) out(k int) *apiStatus {
	if c.init && len(c.work) != len(c.specs) {
		return &c.work[c.index(c.specs[k].Name)] // defaults gave every name one
	}
	return &c.work[k]
}

// heldCount is how many statuses, and values of each kind, a conversion
// returns.
type heldCount struct {
	statuses, waiting, running, terminated, started int
	resources, mounts, rro                          int
}

func (n *heldCount) add(s *apiStatus) {
	n.statuses++
	if s.hasResources && s.resShared == nil {
		n.resources++
	}
	if s.mountsFromSpec {
		n.mounts += len(s.mountsSpec)
		for i := range s.mountsSpec {
			if s.mountsSpec[i].ReadOnly {
				n.rro++
			}
		}
	} else {
		n.mounts += len(s.mountsOld)
		for i := range s.mountsOld {
			if s.mountsOld[i].RecursiveReadOnly != nil {
				n.rro++
			}
		}
	}
	for _, a := range [2]*apiState{&s.state, &s.last} {
		if a.hasWaiting {
			n.waiting++
		}
		if a.hasRunning {
			n.running++
		}
		if a.hasTerminated {
			n.terminated++
		}
	}
	if s.hasStarted {
		n.started++
	}
}

// reset empties h with room for n: every arena is sized before the first
// value goes in, so that no append moves values a status already points
// to.
func (h *heldStatuses) reset(n heldCount) {
	h.list = room(h.list, nil, n.statuses, n.statuses)
	h.waiting = room(h.waiting, h.waitingIn[:], n.waiting, n.statuses)
	h.running = room(h.running, h.runningIn[:], n.running, n.statuses)
	h.terminated = room(h.terminated, h.terminatedIn[:], n.terminated, n.statuses)
	h.started = room(h.started, h.startedIn[:], n.started, n.statuses)
	if h.extra == nil {
		if n.resources+n.mounts+n.rro == 0 {
			return
		}
		h.extra = new(heldExtras)
	}
	x := h.extra
	x.resources = room(x.resources, nil, n.resources, n.resources)
	x.mounts = room(x.mounts, nil, n.mounts, n.mounts)
	x.rro = room(x.rro, nil, n.rro, n.rro)
}

// room is s emptied, with capacity for n: inline when n fits it, else s
// itself when it has the room, else a new slice of at least min (one value
// a status, the common most).
// The values past n, which no append overwrites, are cleared so as not
// to keep what they point to alive.
func room[T any](s, inline []T, n, min int) []T {
	if len(inline) > 0 && n <= len(inline) {
		clear(inline[n:])
		return inline[:0]
	}
	if cap(s) < n {
		return make([]T, 0, max(n, min))
	}
	clear(s[n:cap(s)])
	return s[:0]
}

// materialize is s as the API type, its states in h's arenas.
// supportsRRO is the conversion's RuntimeStatus.RecursiveReadOnlyMounts.
func (h *heldStatuses) materialize(s *apiStatus, supportsRRO bool) container.Status {
	out := container.Status{
		Name:         s.name,
		State:        h.state(&s.state),
		LastState:    h.state(&s.last),
		Ready:        s.ready,
		RestartCount: s.restartCount,
		Image:        s.image,
		ImageID:      s.imageID,
		ContainerID:  s.containerID,

		AllocatedResources: s.allocated,
	}
	if s.hasStarted {
		h.started = append(h.started, s.started)
		out.Started = &h.started[len(h.started)-1]
	}
	if s.hasResources && s.resShared != nil {
		out.Resources = s.resShared
	}
	if (!s.hasResources || s.resShared != nil) && len(s.mountsSpec) == 0 && len(s.mountsOld) == 0 {
		return out
	}
	x := h.extra // reset made it: the count had these
	if s.hasResources && s.resShared == nil {
		x.resources = append(x.resources, s.resources)
		out.Resources = &x.resources[len(x.resources)-1]
	}
	start := len(x.mounts)
	if s.mountsFromSpec {
		for i := range s.mountsSpec {
			m := &s.mountsSpec[i]
			ms := container.VolumeMountStatus{Name: m.Name, MountPath: m.MountPath, ReadOnly: m.ReadOnly}
			if m.ReadOnly {
				x.rro = append(x.rro, recursiveReadOnlyOf(m, supportsRRO))
				ms.RecursiveReadOnly = &x.rro[len(x.rro)-1]
			}
			x.mounts = append(x.mounts, ms)
		}
	} else {
		for i := range s.mountsOld {
			ms := s.mountsOld[i]
			if ms.RecursiveReadOnly != nil {
				x.rro = append(x.rro, *ms.RecursiveReadOnly)
				ms.RecursiveReadOnly = &x.rro[len(x.rro)-1]
			}
			x.mounts = append(x.mounts, ms)
		}
	}
	if len(x.mounts) > start {
		out.VolumeMounts = x.mounts[start:len(x.mounts):len(x.mounts)]
	}
	return out
}

// recursiveReadOnlyOf is the mode the kubelet reports for the read-only
// mount m (kubelet_pods.go resolveRecursiveReadOnly, as
// convertToAPIContainerStatuses uses it): Enabled only when m asks for it
// (Enabled or IfPossible), its propagation is None or unset, and the
// runtime supports it; Disabled otherwise (the kubelet logs the mounts it
// cannot honour and reports them Disabled).
func recursiveReadOnlyOf(m *container.VolumeMount, supported bool) container.RecursiveReadOnly {
	if m.RecursiveReadOnly == nil || !supported {
		return container.RecursiveReadOnlyDisabled
	}
	if m.MountPropagation != nil && *m.MountPropagation != container.MountPropagationNone {
		return container.RecursiveReadOnlyDisabled
	}
	switch *m.RecursiveReadOnly {
	case container.RecursiveReadOnlyIfPossible, container.RecursiveReadOnlyEnabled:
		return container.RecursiveReadOnlyEnabled
	}
	return container.RecursiveReadOnlyDisabled
}

// actuatedResources are the resources the kubelet reports for a status made
// from record r of the container spec (kubelet_pods.go
// convertContainerStatusResources). podlife's runtime reports no applied
// resources of its own, so they are the spec's; a running container that
// is still the instance of its previous status keeps that status's CPU and
// memory values, in each list the spec sets. The lists are the spec's own
// maps unless a kept value differs; same reports that they all are.
func actuatedResources(spec *container.Container, r *container.RuntimeRecord, old *container.Status) (res container.Resources, same bool) {
	res = spec.Resources
	if r.State != container.RuntimeRunning || old == nil || old.State.Running == nil ||
		old.ContainerID != r.ContainerID || old.Resources == nil || old.Resources == &spec.Resources {
		return res, true
	}
	var limitsSame, requestsSame bool
	res.Limits, limitsSame = keepCPUAndMemory(res.Limits, old.Resources.Limits)
	res.Requests, requestsSame = keepCPUAndMemory(res.Requests, old.Resources.Requests)
	return res, limitsSame && requestsSame
}

// keepCPUAndMemory is list with the CPU and memory values of old where old
// has them; list itself, and same, when that changes nothing (or list is
// nil: the kubelet only overwrites a list the spec sets).
func keepCPUAndMemory(list, old resource.List) (_ resource.List, same bool) {
	if list == nil || old == nil {
		return list, true
	}
	out, same := list, true
	for _, n := range [2]resource.Name{resource.CPU, resource.Memory} {
		v, ok := old.Lookup(n)
		if !ok {
			continue
		}
		if cur, ok := list.Lookup(n); ok && sameQuantity(cur, v) {
			continue
		}
		if same {
			out, same = list.Clone(), false // a copy: list is the spec's
		}
		out = out.Set(n, v)
	}
	return out, same
}

// sameQuantity reports whether a and b are the same value written the same
// way, so that either stands for the other in a status.
func sameQuantity(a, b resource.Quantity) bool {
	return a == b || (a.Cmp(b) == 0 && a.String() == b.String())
}

// state is a as the API type, its values in h's arenas.
func (h *heldStatuses) state(a *apiState) container.State {
	var st container.State
	if a.hasWaiting {
		h.waiting = append(h.waiting, a.waiting)
		st.Waiting = &h.waiting[len(h.waiting)-1]
	}
	if a.hasRunning {
		h.running = append(h.running, a.running)
		st.Running = &h.running[len(h.running)-1]
	}
	if a.hasTerminated {
		h.terminated = append(h.terminated, a.terminated)
		st.Terminated = &h.terminated[len(h.terminated)-1]
	}
	return st
}

// ShouldAllContainersRestart reports whether the pod is restarting all its
// containers in place (pkg/kubelet/container/helpers.go
// ShouldAllContainersRestart, which the kubelet calls only with the
// RestartAllContainersOnContainerExits gate on): its previous status has
// the condition AllContainersRestarting True, or an init or regular
// container whose newest record exited has, in that record or in its
// previous API state, an exit code that matches a RestartAllContainers
// rule of the container. (A container without an exited record is not
// looked at, whatever its previous API state.)
func ShouldAllContainersRestart(p *Pod, records []container.RuntimeRecord, gates feature.Gates) bool {
	if p == nil || !gates.Enabled(feature.RestartAllContainersOnContainerExits) {
		return false
	}
	if c := p.Status.Condition(AllContainersRestarting); c != nil && c.Status == ConditionTrue {
		return true
	}
	rg := gates
	check := func(list []container.Container, init bool) bool {
		for i := range list {
			c := &list[i]
			if len(c.RestartPolicyRules) == 0 {
				continue // no rule, so none that restarts all: no lookup by name
			}
			spec := c.RestartSpec(p.Spec.RestartPolicy, listKind(init))
			// Only a container whose newest record exited is looked at at
			// all: without such a record even its previous API state is
			// skipped.
			r := container.NewestRecord(records, c.Name)
			if r == nil || r.State != container.RuntimeExited {
				continue
			}
			if restart.RestartsAllContainers(spec, r.ExitCode, rg) {
				return true
			}
			// Upstream looks the previous status up by name in a map filled
			// with the init statuses first, then the regular ones.
			s := lastByName(p.Status.ContainerStatuses, c.Name)
			if s == nil {
				s = lastByName(p.Status.InitContainerStatuses, c.Name)
			}
			if s != nil && s.State.Terminated != nil && restart.RestartsAllContainers(spec, s.State.Terminated.ExitCode, rg) {
				return true
			}
		}
		return false
	}
	return check(p.Spec.InitContainers, true) || check(p.Spec.Containers, false)
}

// lastByName returns the last status named name: the one a map filled from
// the list in order keeps.
func lastByName(list []container.Status, name string) *container.Status {
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].Name == name {
			return &list[i]
		}
	}
	return nil
}

// converter carries one conversion.
type converter struct {
	p             *Pod
	rt            *RuntimeStatus
	specs         []container.Container
	previous      []container.Status
	work          []apiStatus
	gates         feature.Gates
	defaultReason container.WaitingReason
	init          bool
	restartAll    bool
	// names is set for a large pod: its finds by name go through maps.
	names *statusNames
}

// index is the place in the work of the status named name, or -1.
func (c *converter) index(name string) int {
	if c.names != nil {
		if j, ok := c.names.work[name]; ok {
			return int(j)
		}
		return -1
	}
	for j := range c.work {
		if c.work[j].name == name {
			return j
		}
	}
	return -1
}

// previousOf is the last previous status named name, or nil.
func (c *converter) previousOf(name string) *container.Status {
	if c.names != nil {
		if j, ok := c.names.previous[name]; ok {
			return &c.previous[j]
		}
		return nil
	}
	return lastByName(c.previous, name)
}

// newestOf is the newest runtime record named name, or nil.
func (c *converter) newestOf(name string) *container.RuntimeRecord {
	if c.names != nil {
		if j, ok := c.names.newest[name]; ok {
			return &c.rt.Records[j]
		}
		return nil
	}
	return container.NewestRecord(c.rt.Records, name)
}

// failedStartOf is the reason cache's entry for name, or nil.
func (c *converter) failedStartOf(name string) *container.FailedStart {
	if c.names != nil {
		if j, ok := c.names.failed[name]; ok {
			return &c.rt.FailedStarts[j]
		}
		return nil
	}
	return container.FindFailedStart(c.rt.FailedStarts, name)
}

// defaults is step 1: one status per container name.
func (c *converter) defaults() {
	for i := range c.specs {
		spec := &c.specs[i]
		var s apiStatus
		if old := c.previousOf(spec.Name); old != nil && old.State.Terminated != nil {
			s.fromAPI(old)
			if old.Resources == &spec.Resources {
				s.resShared = old.Resources
			}
		} else {
			s = apiStatus{name: spec.Name, image: spec.Image, mountsSpec: spec.VolumeMounts, mountsFromSpec: true}
			s.state.setWaiting(container.Waiting{Reason: c.defaultReason})
			if old != nil {
				s.restartCount = old.RestartCount
				s.last.fromAPI(&old.LastState)
			}
		}
		// A later container of the same name replaces the earlier one;
		// the resources stay the first one's, the one the kubelet's
		// lookup by name finds.
		if j := c.index(spec.Name); j >= 0 {
			s.spec = c.work[j].spec
			c.work[j] = s
		} else {
			s.spec = spec
			if c.names != nil {
				c.names.work[spec.Name] = int32(len(c.work))
			}
			c.work = append(c.work, s)
		}
	}
}

// vanished is step 2: containers without any runtime record.
func (c *converter) vanished() {
	for i := range c.specs {
		name := c.specs[i].Name
		if c.newestOf(name) != nil {
			continue
		}
		old := c.previousOf(name)
		if old == nil {
			continue
		}
		s := &c.work[c.index(name)]
		if c.restartAll && c.rt.PodRestarting && old.State.Waiting == nil {
			s.state.setWaiting(container.Waiting{Reason: container.WaitingRestartingAll, Message: msgRemovedForRestartAll})
			s.state.hasTerminated = false
			s.last.setTerminatedOnly(container.Terminated{Reason: container.TerminatedRestartingAll, Message: msgRemovedForRestartAll, ExitCode: 137})
			s.restartCount = old.RestartCount + 1
			continue
		}
		if old.State.Terminated != nil || old.State.Running == nil {
			continue
		}
		if !s.state.hasWaiting || s.state.waiting.Reason != c.defaultReason || s.last.hasTerminated {
			continue
		}
		s.last.setTerminatedOnly(container.Terminated{Reason: container.ContainerStatusUnknown, Message: msgVanishedWhileRunning, ExitCode: 137})
		if !c.p.Metadata.IsDeleting() {
			s.restartCount++
		}
	}
}

// fromRecords is step 3: the newest two records of each container.
func (c *converter) fromRecords() {
	recs := c.rt.Records
	for i := range recs {
		r := &recs[i]
		j := c.index(r.Name)
		if j < 0 {
			continue
		}
		// Count the earlier records of this name: only the newest two count.
		seen := 0
		if c.names != nil {
			seen = int(c.names.seen[j])
			c.names.seen[j] = uint8(min(seen+1, 2))
		} else {
			for k := 0; k < i && seen < 2; k++ {
				if recs[k].Name == r.Name {
					seen++
				}
			}
		}
		if seen >= 2 {
			continue
		}
		var s apiStatus
		c.convert(&s, r, c.previousOf(r.Name))
		if seen == 0 {
			// The newest record's status reports what was allocated and
			// applied (gate InPlacePodVerticalScaling, GA).
			spec := c.work[j].spec
			s.spec = spec
			res, same := actuatedResources(spec, r, c.previousOf(r.Name))
			s.hasResources = true
			if same {
				s.resShared = &spec.Resources // the spec's own: no copy to keep
			} else {
				s.resources = res
			}
			s.allocated = spec.Resources.Requests
			c.work[j] = s
		} else {
			c.work[j].last = s.state
		}
	}
}

// convert turns one record into a status (convertContainerStatus).
func (c *converter) convert(s *apiStatus, r *container.RuntimeRecord, old *container.Status) {
	*s = apiStatus{
		name:         r.Name,
		restartCount: r.Attempt,
		image:        r.Image,
		imageID:      r.ImageRef,
		containerID:  r.ContainerID,
	}
	if old != nil {
		// The mounts are the previous status's: the runtime does not know
		// the volumes' names.
		s.mountsOld = old.VolumeMounts
	}
	if old != nil && c.restartAll {
		s.restartCount = max(s.restartCount, old.RestartCount)
		// The kubelet removes the old instances when it restarts all
		// containers, so their termination is carried from the API.
		switch {
		case old.ContainerID != s.containerID && old.State.Terminated != nil:
			s.last.setTerminatedOnly(*old.State.Terminated)
		case old.LastState.Terminated != nil:
			s.last.setTerminatedOnly(*old.LastState.Terminated)
		}
	}
	switch {
	case r.State == container.RuntimeRunning:
		s.state.setRunning(container.Running{StartedAt: r.StartedAt})
		if c.restartAll && old != nil && old.State.Terminated != nil && old.RestartCount >= r.Attempt {
			s.restartCount = old.RestartCount + 1
		}
		// Gate ChangeContainerStatusOnKubeletRestart (off): started is
		// carried for a running instance.
		if old != nil && old.Started != nil {
			s.hasStarted, s.started = true, *old.Started
		}
	case r.State == container.RuntimeCreated:
		s.state.setWaiting(container.Waiting{})
	case r.State == container.RuntimeExited:
		s.state.setTerminatedOnly(container.Terminated{
			ExitCode:    r.ExitCode,
			Reason:      r.Reason,
			Message:     r.Message,
			StartedAt:   r.StartedAt,
			FinishedAt:  r.FinishedAt,
			ContainerID: r.ContainerID,
		})
	case old != nil && old.State.Running != nil:
		// Unknown now, running before: it ran and is gone, which is not
		// the same as never having run.
		reason := container.ContainerStatusUnknown
		if c.restartAll && c.rt.PodRestarting {
			reason = container.TerminatedRestartingAll
		}
		s.state.setTerminatedOnly(container.Terminated{Reason: reason, Message: msgUnknownWhileRunning, ExitCode: 137})
		s.restartCount = old.RestartCount + 1
	default:
		s.state.setWaiting(container.Waiting{})
	}
}

// failedStarts is step 4: the reason cache, where the kubelet would
// restart the container now.
func (c *converter) failedStarts() {
	deleting := c.p.Metadata.IsDeleting()
	rg := c.gates
	for i := range c.specs {
		spec := &c.specs[i]
		newest := c.newestOf(spec.Name)
		s := &c.work[c.index(spec.Name)]
		if c.init {
			if newest != nil && newest.State == container.RuntimeExited && newest.ExitCode == 0 {
				continue
			}
			// A vanished init container of a pod whose regular containers
			// exist must have completed; a sidecar is simply restarted.
			if newest == nil && !spec.IsSidecar() && s.state.hasWaiting && c.anyRegularCreated() {
				s.state = apiState{}
				s.state.setTerminatedOnly(container.Terminated{Reason: container.Completed, Message: msgInitInferred})
				continue
			}
		}
		var rec restart.Record
		if newest != nil {
			rec = newest.RestartRecord()
		}
		// The conversion asks upstream's helper (container/helpers.go
		// ShouldContainerBeRestarted) directly, which, unlike the kubelet's
		// sync, does not single out sidecars.
		rs := spec.RestartSpec(c.p.Spec.RestartPolicy, container.Regular)
		if !restart.ShouldContainerBeRestarted(rs, rec, deleting, rg) {
			continue
		}
		fs := c.failedStartOf(spec.Name)
		if fs == nil {
			continue
		}
		if s.state.hasTerminated {
			s.last = s.state
		}
		s.state = apiState{}
		s.state.setWaiting(container.Waiting{Reason: fs.Reason, Message: fs.Message})
	}
}

// anyRegularCreated: some regular container's newest record is created,
// running or exited (pkg/kubelet/kuberuntime/kuberuntime_container.go
// HasAnyRegularContainerCreated).
func (c *converter) anyRegularCreated() bool {
	if c.names != nil && c.names.anyRegular != 0 {
		return c.names.anyRegular == 2
	}
	found := false
	for i := range c.p.Spec.Containers {
		if r := c.newestOf(c.p.Spec.Containers[i].Name); r != nil {
			switch r.State {
			case container.RuntimeCreated, container.RuntimeRunning, container.RuntimeExited:
				found = true
			}
		}
		if found {
			break
		}
	}
	if c.names != nil {
		c.names.anyRegular = 1
		if found {
			c.names.anyRegular = 2
		}
	}
	return found
}

// apiState is a container.State held by value: the three states with a
// flag each (the API allows, and a previous status may carry, several).
type apiState struct {
	waiting       container.Waiting
	running       container.Running
	terminated    container.Terminated
	hasWaiting    bool
	hasRunning    bool
	hasTerminated bool
}

// setWaiting sets waiting, leaving the other two as they are (upstream
// assigns one field of the state at a time).
func (a *apiState) setWaiting(w container.Waiting) { a.waiting, a.hasWaiting = w, true }

func (a *apiState) setRunning(r container.Running) { a.running, a.hasRunning = r, true }

func (a *apiState) setTerminatedOnly(t container.Terminated) { a.terminated, a.hasTerminated = t, true }

func (a *apiState) fromAPI(s *container.State) {
	*a = apiState{}
	if s.Waiting != nil {
		a.setWaiting(*s.Waiting)
	}
	if s.Running != nil {
		a.setRunning(*s.Running)
	}
	if s.Terminated != nil {
		a.setTerminatedOnly(*s.Terminated)
	}
}

// apiStatus is a container.Status held by value, so that a conversion
// copies states instead of sharing them with the previous status.
type apiStatus struct {
	name         string
	image        string
	imageID      string
	containerID  string
	state        apiState
	last         apiState
	restartCount int32
	ready        bool
	hasStarted   bool
	started      bool

	// spec is the container the status is of (the first of its name);
	// resources (with hasResources) and allocated are what a status made
	// from a record reports; the mounts come from the spec
	// (mountsFromSpec) or the previous status, and are copied into the
	// result.
	spec *container.Container
	// resShared, when set, is the status's resources where they need no
	// copy: the spec's own; else resources are copied into the result.
	resShared      *container.Resources
	resources      container.Resources
	allocated      resource.List
	mountsSpec     []container.VolumeMount
	mountsOld      []container.VolumeMountStatus
	hasResources   bool
	mountsFromSpec bool
}

func (s *apiStatus) fromAPI(old *container.Status) {
	*s = apiStatus{
		name:         old.Name,
		image:        old.Image,
		imageID:      old.ImageID,
		containerID:  old.ContainerID,
		restartCount: old.RestartCount,
		ready:        old.Ready,
		allocated:    old.AllocatedResources,
		mountsOld:    old.VolumeMounts,
	}
	if old.Resources != nil {
		s.resources, s.hasResources = *old.Resources, true
	}
	s.state.fromAPI(&old.State)
	s.last.fromAPI(&old.LastState)
	if old.Started != nil {
		s.hasStarted, s.started = true, *old.Started
	}
}

// sortByName sorts statuses by name (pkg/kubelet/types/types.go
// SortedContainerStatuses); names are distinct. An insertion sort: the
// lists are short and it allocates nothing.
func sortByName(list []apiStatus) {
	if len(list) > smallPod {
		// Stable, as the insertion sort below: the same order, in n log n.
		slices.SortStableFunc(list, func(a, b apiStatus) int { return strings.Compare(a.name, b.name) })
		return
	}
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j].name < list[j-1].name; j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

// listKind is the kind of the spec list searched: Init for
// spec.initContainers, Regular for spec.containers.
func listKind(init bool) container.Kind {
	if init {
		return container.Init
	}
	return container.Regular
}

// isInitList reports whether list, the kind naming a spec list, is
// spec.initContainers (Init or Sidecar); any other kind names
// spec.containers.
func isInitList(list container.Kind) bool { return list == container.Init || list == container.Sidecar }
