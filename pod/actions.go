package pod

import (
	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

// RuntimeView is what the kubelet knows of one pod from the container
// runtime and its own caches at the start of a sync: the input of
// ComputePodActions besides the pod. It embeds the RuntimeStatus that
// ContainerStatuses converts, so a state machine fills one value per sync
// and passes it (or &view.RuntimeStatus) to both. Nothing here is derived
// from the pod's status.
//
// Contract (the caller fills it; ComputePodActions only reads it, keeps no
// reference to it, and never changes it):
//
//   - Records (RuntimeStatus) are the runtime records of every container of
//     the pod — init, regular and ephemeral — the records of one container
//     newest first; the order of different containers does not matter. A
//     state machine that keeps a container.Record per container fills them
//     with Record.AppendRuntimeRecords, one container after another, with
//     the image each instance was created from (an image that differs from
//     the spec's is a changed definition). A container without a record was
//     never created, or all its records were garbage-collected. A record in
//     state unknown is an instance the runtime cannot account for.
//   - PodRestarting (RuntimeStatus) is the sync's restartAllContainers
//     argument: the pod restarts all its containers in place (KEP-5532);
//     compute it with ShouldAllContainersRestart before the sync.
//     FailedStarts is not read here.
//   - Sandboxes are the pod's sandboxes, newest first, as the runtime lists
//     them (the newest decides; see NeedsNewSandbox).
//   - EarlierSandbox names the containers whose records all belong to a
//     sandbox older than the newest one (the kubelet's
//     PodStatus.ActiveContainerStatuses leaves them out). Since v1.37 the
//     kubelet judges init containers, and whether the pod got past them, by
//     the records of the current sandbox only; everything else still reads
//     the newest record of any sandbox. Empty: every record belongs to the
//     newest sandbox. A machine that keeps its records across a sandbox
//     loss lists here the containers not created since.
//   - Probes are the kubelet's liveness and startup result caches for the
//     newest record of each container that has an entry; a container
//     missing here, or a probe.NoProbe field, has no entry (upstream's
//     "not found"). A startup probe that has succeeded is Success here.
type RuntimeView struct {
	RuntimeStatus
	Sandboxes      []Sandbox
	EarlierSandbox []string
	Probes         []ProbeResults
}

// ProbeResults is what the kubelet's probe result caches hold for the
// newest instance of the container named Name
// (pkg/kubelet/prober/results/results_manager.go). probe.NoProbe means no
// entry; Unknown, Success and Failure are the cached results. Readiness is
// not read by a sync.
type ProbeResults struct {
	Name     string
	Liveness probe.Result
	Startup  probe.Result
}

// KillReason is why the sync kills a container, as upstream records it
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go containerKillReason); it
// selects the probe-level grace period for probe kills and the message of
// the Killing event.
type KillReason string

// The kill reasons a sync gives.
const (
	// KillDefinitionChanged: the container's image (the only part of the
	// definition the kubelet's hash covers, besides the name) changed.
	// Upstream gives no reason for it, hence the empty value.
	KillDefinitionChanged KillReason = ""
	// KillLivenessProbe: the liveness result is Failure.
	KillLivenessProbe KillReason = KillReason(probe.KillLivenessProbe)
	// KillStartupProbe: the startup result is Failure.
	KillStartupProbe KillReason = KillReason(probe.KillStartupProbe)
	// KillUnknownState: the newest record is in state unknown; it is killed
	// before a new instance is started so that two never run at once.
	KillUnknownState KillReason = "Unknown"
)

// KillAction is one entry of a sync's containers to kill: the newest
// record of one container.
type KillAction struct {
	// Name is the container's name; Kind its kind (Init, Sidecar or
	// Regular); Index its index in its spec list.
	Name  string
	Kind  container.Kind
	Index int
	// ContainerID is the killed record's, as in RuntimeView.Records.
	ContainerID string
	// Reason is why it is killed.
	Reason KillReason
	// Restart is true when the same sync starts the container again after
	// a definition change or a probe failure of a regular container; it
	// adds ", will be restarted" to the message. (Init containers and
	// unknown-state kills are always started again and say nothing.)
	Restart bool
}

// Message returns the message of the kubelet's Killing event for the kill,
// upstream's text (e.g. "Container app failed liveness probe, will be
// restarted"). It allocates; AppendMessage does not when dst has room.
func (k *KillAction) Message() string { return string(k.AppendMessage(nil)) }

// AppendMessage appends Message to dst and returns the extended slice.
func (k *KillAction) AppendMessage(dst []byte) []byte {
	init := k.Kind == container.Init || k.Kind == container.Sidecar
	if k.Reason == KillUnknownState {
		if init {
			dst = append(dst, "Init container"...)
		} else {
			dst = append(dst, "Container"...)
		}
		return append(dst, ` is in "unknown" state, try killing it before restart`...)
	}
	if init {
		dst = append(dst, "Init container "...)
	} else {
		dst = append(dst, "Container "...)
	}
	dst = append(dst, k.Name...)
	switch k.Reason {
	case KillLivenessProbe:
		dst = append(dst, " failed liveness probe"...)
	case KillStartupProbe:
		dst = append(dst, " failed startup probe"...)
	default:
		dst = append(dst, " definition changed"...)
	}
	if k.Restart && !init {
		dst = append(dst, ", will be restarted"...)
	}
	return dst
}

// ResetAction is one runtime record that a sync removes while the pod
// restarts all its containers in place (RestartAllContainers).
type ResetAction struct {
	// Name, Kind and Index name the container (Init, Sidecar or Regular).
	Name  string
	Kind  container.Kind
	Index int
	// Record is the index of the removed record in RuntimeView.Records;
	// ContainerID is its ID.
	Record      int
	ContainerID string
	// Kill is true when the record is not exited: it is killed first, with
	// grace period 0 and without its preStop hook.
	Kill bool
}

// Actions is what one kubelet sync decides to do with a pod
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go podActions), the answer
// of ComputePodActions. Lists hold spec indexes. A value is meant to be
// reused: ComputePodActions overwrites every field and keeps the lists'
// capacity.
type Actions struct {
	// KillPod: stop every container and the sandbox (a new sandbox is
	// needed, or nothing is left to run). CreateSandbox: create a new
	// sandbox, numbered SandboxAttempt.
	KillPod       bool
	CreateSandbox bool
	// SandboxAttempt is the attempt number of the sandbox to create, or of
	// the newest sandbox when none is created.
	SandboxAttempt uint32
	// ContainersToStart are spec.containers indexes, in upstream's order
	// (spec order).
	ContainersToStart []int
	// InitContainersToStart are spec.initContainers indexes, in spec order:
	// the init container to run next and any sidecar to (re)start.
	InitContainersToStart []int
	// NextInitContainerToStart is the first entry of InitContainersToStart
	// that is not a sidecar, or -1: the one init container the pod is
	// waiting on.
	NextInitContainerToStart int
	// EphemeralContainersToStart are spec.ephemeralContainers indexes of
	// ephemeral containers never created yet.
	EphemeralContainersToStart []int
	// ContainersToKill are the containers killed before the starts, in spec
	// order (init containers, then containers). Upstream keeps them in a
	// map.
	ContainersToKill []KillAction
	// ContainersToReset are the records removed for RestartAllContainers,
	// in upstream's order.
	ContainersToReset []ResetAction
}

func (a *Actions) reset() {
	a.KillPod, a.CreateSandbox, a.SandboxAttempt = false, false, 0
	a.ContainersToStart = a.ContainersToStart[:0]
	a.InitContainersToStart = a.InitContainersToStart[:0]
	a.NextInitContainerToStart = -1
	a.EphemeralContainersToStart = a.EphemeralContainersToStart[:0]
	a.ContainersToKill = a.ContainersToKill[:0]
	a.ContainersToReset = a.ContainersToReset[:0]
}

// ComputePodActions writes into out what one sync of the kubelet does next
// with pod p given its runtime view v
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions and,
// for the init containers, kuberuntime_container.go
// computeInitContainerActions). It reads p's metadata and spec only (the
// status is the caller's business: see RuntimeView) and does not allocate
// once out's lists have grown to the pod's size. A nil p or v reads as an
// empty one; a nil out does nothing.
//
// In upstream's order:
//
//   - a new sandbox is needed (NeedsNewSandbox): KillPod and CreateSandbox;
//   - RestartAllContainers in progress (v.PodRestarting, and its gate on):
//     only the records to remove are listed (ContainersToReset: regular
//     containers' records that did not trigger it, then init containers',
//     then the records whose exit matched a RestartAllContainers rule,
//     regular then init);
//   - new sandbox: under pod restartPolicy Never with an earlier sandbox
//     and any record, nothing is created; otherwise everything starts over:
//     init container 0, or, without init containers, every regular
//     container except run-once (OnFailure) ones that succeeded — and when
//     nothing would start and a regular container has a record, the pod is
//     finished and no sandbox is created;
//   - ephemeral containers without a record are started (never restarted);
//   - init containers, last to first in the current sandbox: the one to run
//     next, sidecars to restart (exited, unknown, failed startup or
//     liveness probe, changed image), a failed init container retried or,
//     when its policy says no, the pod killed; nothing more is decided
//     until the pod is initialized;
//   - regular containers: a stopped one restarts when
//     restart.ShouldContainerBeRestarted says so (an unknown one is killed
//     first); a running one is killed when its image changed (and always
//     restarted), or its liveness or startup result is Failure (restarted
//     when restart.ShouldRestartAfterProbeKill allows);
//   - when no regular container keeps running and none starts, KillPod:
//     sidecars alone never keep a pod alive.
//
// In-place resize is not modelled (podlife's spec has no resources): a
// running container is never restarted for a resize.
func ComputePodActions(p *Pod, v *RuntimeView, gates feature.Gates, out *Actions) {
	if out == nil {
		return
	}
	out.reset()
	if p == nil {
		p = &Pod{}
	}
	if v == nil {
		v = &RuntimeView{}
	}
	spec := &p.Spec
	create, attempt := NeedsNewSandbox(v.Sandboxes, spec.HostNetwork)
	out.KillPod, out.CreateSandbox, out.SandboxAttempt = create, create, attempt

	if v.PodRestarting && gates.Enabled(feature.RestartAllContainersOnContainerExits) {
		appendResets(out, v, spec.Containers, container.Regular, false)
		appendResets(out, v, spec.InitContainers, container.Init, false)
		appendResets(out, v, spec.Containers, container.Regular, true)
		appendResets(out, v, spec.InitContainers, container.Init, true)
		return
	}

	look := lookupIn(v)
	if create {
		startOver(out, p, &look, attempt, gates)
		out.finish(spec)
		return
	}

	for i := range spec.EphemeralContainers {
		if look.newest(spec.EphemeralContainers[i].Name) == nil {
			out.EphemeralContainersToStart = append(out.EphemeralContainersToStart, i)
		}
	}

	if initialized := initActions(out, p, &look, gates); !initialized || out.KillPod {
		out.finish(spec)
		return
	}

	deleting := p.Metadata.IsDeleting()
	keep := 0
	for i := range spec.Containers {
		c := &spec.Containers[i]
		rs := c.RestartSpec(spec.RestartPolicy, container.Regular)
		rec := look.newest(c.Name)
		if rec == nil || rec.State != container.RuntimeRunning {
			if restart.ShouldContainerBeRestarted(rs, restartRecord(rec), deleting, gates) {
				out.ContainersToStart = append(out.ContainersToStart, i)
				if rec != nil && rec.RestartRecord().State == restart.StateUnknown {
					out.kill(c, container.Regular, i, rec, KillUnknownState, false)
				}
			}
			continue
		}
		again := restart.ShouldRestartAfterProbeKill(rs, gates)
		liveness, startup := look.probeResults(c.Name)
		var reason KillReason
		switch {
		case imageChanged(c, rec):
			reason, again = KillDefinitionChanged, true
		case liveness == probe.Failure:
			reason = KillLivenessProbe
		case startup == probe.Failure:
			reason = KillStartupProbe
		default:
			keep++
			continue
		}
		if again {
			out.ContainersToStart = append(out.ContainersToStart, i)
		}
		out.kill(c, container.Regular, i, rec, reason, again)
	}
	if keep == 0 && len(out.ContainersToStart) == 0 {
		out.KillPod = true
		out.InitContainersToStart = out.InitContainersToStart[:0]
	}
	out.finish(spec)
}

// startOver is the new-sandbox branch of computePodActions.
func startOver(out *Actions, p *Pod, look *viewLookup, attempt uint32, gates feature.Gates) {
	spec, v := &p.Spec, look.v
	if spec.RestartPolicy == restart.Never && attempt != 0 && len(v.Records) != 0 {
		out.CreateSandbox = false
		return
	}
	for i := range spec.Containers {
		c := &spec.Containers[i]
		runOnce := spec.RestartPolicy == restart.OnFailure
		if c.RestartPolicy != nil && gates.Enabled(feature.ContainerRestartRules) {
			runOnce = *c.RestartPolicy == restart.OnFailure
		}
		if runOnce {
			if r := look.newest(c.Name); r != nil && r.State == container.RuntimeExited && r.ExitCode == 0 {
				continue
			}
		}
		out.ContainersToStart = append(out.ContainersToStart, i)
	}
	if len(out.ContainersToStart) == 0 && anyRegularRecord(spec, look) {
		out.CreateSandbox = false
		return
	}
	if len(spec.InitContainers) != 0 {
		out.ContainersToStart = out.ContainersToStart[:0]
		out.InitContainersToStart = append(out.InitContainersToStart, 0)
	}
}

// anyRegularRecord reports whether a regular container's newest record is
// created, running or exited (kuberuntime_container.go
// HasAnyRegularContainerCreated: unknown ones do not count).
func anyRegularRecord(spec *Spec, look *viewLookup) bool {
	for i := range spec.Containers {
		if r := look.newest(spec.Containers[i].Name); r != nil {
			switch r.State {
			case container.RuntimeCreated, container.RuntimeRunning, container.RuntimeExited:
				return true
			}
		}
	}
	return false
}

// initActions is computeInitContainerActions: it appends the init
// containers to start and the sidecars to kill, sets KillPod when a failed
// init container may not be retried, and reports whether the pod is
// initialized.
func initActions(out *Actions, p *Pod, look *viewLookup, gates feature.Gates) bool {
	spec := &p.Spec
	inits := spec.InitContainers
	if len(inits) == 0 {
		return true
	}
	// A regular container with any record in the current sandbox means the
	// init containers are done, even if their records were collected.
	initialized := false
	for i := range spec.Containers {
		if look.active(spec.Containers[i].Name) != nil {
			initialized = true
			break
		}
	}
	// progressed: this init container or a later one has a record in the
	// current sandbox (or the pod is initialized).
	progressed := initialized
	firstKill := len(out.ContainersToKill)
	deleting := p.Metadata.IsDeleting()
	for i := len(inits) - 1; i >= 0; i-- {
		c := &inits[i]
		sidecar := c.IsSidecar()
		kind := c.KindIn(container.Init)
		rec := look.active(c.Name)
		if rec == nil {
			if progressed && sidecar {
				out.InitContainersToStart = append(out.InitContainersToStart, i)
			}
			continue
		}
		if progressed && !sidecar {
			continue
		}
		rs := c.RestartSpec(spec.RestartPolicy, kind)
		switch rec.State {
		case container.RuntimeCreated:
			out.InitContainersToStart = append(out.InitContainersToStart, i)
		case container.RuntimeRunning:
			if !sidecar {
				break // the init container running now
			}
			liveness, startup := look.probeResults(c.Name)
			if c.StartupProbe != nil && startup != probe.Success {
				if startup == probe.Failure {
					out.kill(c, kind, i, rec, KillStartupProbe, true)
					out.InitContainersToStart = append(out.InitContainersToStart, i)
				}
				break // not started yet: the next init container waits
			}
			if i == len(inits)-1 {
				initialized = true
			} else if !progressed {
				out.InitContainersToStart = append(out.InitContainersToStart, i+1)
			}
			if imageChanged(c, rec) {
				out.kill(c, kind, i, rec, KillDefinitionChanged, true)
				out.InitContainersToStart = append(out.InitContainersToStart, i)
				break
			}
			if c.LivenessProbe != nil && liveness == probe.Failure {
				out.kill(c, kind, i, rec, KillLivenessProbe, true)
				out.InitContainersToStart = append(out.InitContainersToStart, i)
			}
		case container.RuntimeExited:
			if sidecar {
				out.InitContainersToStart = append(out.InitContainersToStart, i)
				break
			}
			rr := rec.RestartRecord()
			if restart.InitContainerFailed(rr) {
				again := spec.RestartPolicy != restart.Never
				if gates.Enabled(feature.ContainerRestartRules) {
					again = restart.ShouldContainerBeRestarted(rs, rr, deleting, gates)
				}
				if !again {
					out.KillPod = true
					out.InitContainersToStart = out.InitContainersToStart[:0]
					reverseKills(out.ContainersToKill[firstKill:])
					return false
				}
				out.InitContainersToStart = append(out.InitContainersToStart, i)
				break
			}
			if i == len(inits)-1 {
				initialized = true
			} else {
				out.InitContainersToStart = append(out.InitContainersToStart, i+1)
			}
		default: // unknown
			if !sidecar && !restart.ShouldRestartAfterProbeKill(rs, gates) {
				out.KillPod = true
				out.InitContainersToStart = out.InitContainersToStart[:0]
				reverseKills(out.ContainersToKill[firstKill:])
				return false
			}
			out.kill(c, kind, i, rec, KillUnknownState, true)
			out.InitContainersToStart = append(out.InitContainersToStart, i)
		}
		progressed = true
	}
	if !progressed {
		out.InitContainersToStart = append(out.InitContainersToStart, 0)
	}
	// Scanned last to first; the lists are in spec order.
	l := out.InitContainersToStart
	for i, j := 0, len(l)-1; i < j; i, j = i+1, j-1 {
		l[i], l[j] = l[j], l[i]
	}
	reverseKills(out.ContainersToKill[firstKill:])
	return initialized
}

func reverseKills(l []KillAction) {
	for i, j := 0, len(l)-1; i < j; i, j = i+1, j-1 {
		l[i], l[j] = l[j], l[i]
	}
}

// appendResets is getContainersToReset for one spec list: every record of
// every container, in spec order and records' order, either the sources
// (exited with a code that matches a RestartAllContainers rule) or the
// others. Upstream matches the rules here without asking for a
// container-level policy or the ContainerRestartRules gate.
func appendResets(out *Actions, v *RuntimeView, list []container.Container, k container.Kind, sources bool) {
	for i := range list {
		c := &list[i]
		kind := c.KindIn(k)
		for j := range v.Records {
			r := &v.Records[j]
			if r.Name != c.Name {
				continue
			}
			exited := r.RestartRecord().State == restart.StateExited
			source := false
			if exited {
				if m := restart.FirstMatch(c.RestartPolicyRules, r.ExitCode); m >= 0 {
					source = c.RestartPolicyRules[m].Action == restart.ActionRestartAllContainers
				}
			}
			if source != sources {
				continue
			}
			out.ContainersToReset = append(out.ContainersToReset, ResetAction{
				Name: c.Name, Kind: kind, Index: i, Record: j, ContainerID: r.ContainerID, Kill: !exited,
			})
		}
	}
}

func (a *Actions) kill(c *container.Container, k container.Kind, index int, rec *container.RuntimeRecord, reason KillReason, again bool) {
	a.ContainersToKill = append(a.ContainersToKill, KillAction{
		Name: c.Name, Kind: k, Index: index, ContainerID: rec.ContainerID, Reason: reason, Restart: again,
	})
}

// finish derives NextInitContainerToStart.
func (a *Actions) finish(spec *Spec) {
	for _, i := range a.InitContainersToStart {
		if i >= 0 && i < len(spec.InitContainers) && !spec.InitContainers[i].IsSidecar() {
			a.NextInitContainerToStart = i
			return
		}
	}
}

// viewLookup finds what a view holds by container name, the first entry
// of each (nameIndex: a scan in a small view, a map in a large one, made
// once per ComputePodActions; a scan for each container made it quadratic
// in the pod's size).
type viewLookup struct {
	v       *RuntimeView
	records nameIndex[container.RuntimeRecord]
	probes  nameIndex[ProbeResults]
	earlier nameIndex[string]
}

func lookupIn(v *RuntimeView) viewLookup {
	return viewLookup{v: v,
		records: newNameIndex(v.Records, func(r *container.RuntimeRecord) string { return r.Name }),
		probes:  newNameIndex(v.Probes, func(r *ProbeResults) string { return r.Name }),
		earlier: newNameIndex(v.EarlierSandbox, func(n *string) string { return *n }),
	}
}

// newest is the newest record of the container named name, or nil
// (container.NewestRecord).
func (l *viewLookup) newest(name string) *container.RuntimeRecord {
	if i, ok := l.records.index(name); ok {
		return &l.v.Records[i]
	}
	return nil
}

// active is the newest record of the container named name in the
// current sandbox (PodStatus.FindActiveContainerStatusByName), or nil.
func (l *viewLookup) active(name string) *container.RuntimeRecord {
	if l.earlier.any(name) {
		return nil
	}
	return l.newest(name)
}

// probeResults returns the cached liveness and startup results of the
// container named name (probe.NoProbe: no entry).
func (l *viewLookup) probeResults(name string) (liveness, startup probe.Result) {
	if i, ok := l.probes.index(name); ok {
		return l.v.Probes[i].Liveness, l.v.Probes[i].Startup
	}
	return probe.NoProbe, probe.NoProbe
}

// imageChanged is containerChanged: the kubelet's container hash covers the
// name and the image only, so a running record whose image differs from
// the spec's has a changed definition. A record without an image is read
// as created from the spec's.
func imageChanged(c *container.Container, rec *container.RuntimeRecord) bool {
	return rec.Image != "" && rec.Image != c.Image
}

// restartRecord is rec as restart decisions read it (no record: the zero
// restart.Record).
func restartRecord(rec *container.RuntimeRecord) restart.Record {
	if rec == nil {
		return restart.Record{}
	}
	return rec.RestartRecord()
}
