package sim

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/kubectl"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
)

// ContainerChangeKind names what a ContainerChange records.
type ContainerChangeKind uint8

// The kinds of container change. The first seven are about one container;
// the last four about the pod (ContainerChange.Container is empty).
const (
	// StateChanged: the container's state in the pod's status changed:
	// waiting (with its reason), running, or terminated (exit code, signal,
	// reason).
	StateChanged ContainerChangeKind = iota + 1
	// ReadyChanged: the container's status.ready changed.
	ReadyChanged
	// ProbeCounted: the kubelet took a probe result: Count is its place in
	// the run of equal results that the threshold is measured against
	// (0 for OutcomeError, which the kubelet throws away).
	ProbeCounted
	// Restarted: status.restartCount went up; Backoff is the crash-loop
	// back-off the container waited (0: restarted at once).
	Restarted
	// HookStarted: the kubelet ran the postStart or preStop hook (Grace:
	// the most a preStop may take).
	HookStarted
	// HookEnded: the hook returned after Duration; Message is its failure.
	// Grace is the preStop's limit: a Duration that reaches it means the
	// kubelet stopped waiting for the hook.
	HookEnded
	// SignalSent: the kubelet stopped the container with SIGTERM (Grace
	// before SIGKILL; Reason why it is stopped), or the runtime killed it
	// with SIGKILL when the grace ran out (Signal 9).
	SignalSent
	// PhaseChanged: the pod's status.phase changed.
	PhaseChanged
	// PodReadyChanged: the pod's Ready condition changed (Ready, Reason).
	PodReadyChanged
	// PodDeleting: the pod got its deletionTimestamp (Grace: its
	// deletionGracePeriodSeconds).
	PodDeleting
	// PodGone: the pod's API object is gone.
	PodGone
)

var containerChangeNames = [...]string{"", "state", "ready", "probe", "restart", "hook-start", "hook-end", "signal", "phase", "pod-ready", "pod-deleting", "pod-gone"}

// String returns the kind's short name.
func (k ContainerChangeKind) String() string {
	if k > 0 && int(k) < len(containerChangeNames) {
		return containerChangeNames[k]
	}
	return "ContainerChangeKind(" + strconv.Itoa(int(k)) + ")"
}

// ContainerChange is one fact of one container's life (or of its pod's),
// as the pod's machine reported it: the state, ready flag and restart count
// of its status after a step, the events the machine took (probe results,
// hook ends, the runtime's SIGKILL) and the actions it asked for (hooks,
// SIGTERM). Which fields are set depends on Kind.
type ContainerChange struct {
	At time.Time
	// Pod is "namespace/name"; Container the container's name, empty for
	// the pod's own changes (PhaseChanged, PodReadyChanged, PodDeleting,
	// PodGone).
	Pod, Container string
	// Of is the container's kind (init, sidecar, regular, ephemeral).
	Of   container.Kind
	Kind ContainerChangeKind

	// State, with Reason (the waiting or terminated reason), ExitCode and
	// Signal, is the new state of StateChanged.
	State            container.StateKind
	Reason           string
	ExitCode, Signal int32
	// Ready is the new status.ready of ReadyChanged, or whether the pod's
	// Ready condition is True for PodReadyChanged.
	Ready bool
	// Probe, Outcome, Count and Threshold describe ProbeCounted: the
	// threshold is the probe's failureThreshold for a failure or timeout,
	// its successThreshold for a success.
	Probe            probe.Kind
	Outcome          probe.Outcome
	Count, Threshold int32
	// Restarts is the new restartCount of Restarted; Backoff the back-off
	// it waited.
	Restarts int32
	Backoff  time.Duration
	// Hook is the hook of HookStarted and HookEnded; Duration how long it
	// ran; Message its failure. Grace is the preStop's limit or SIGTERM's
	// grace. For a StateChanged to terminated, Message is the terminated
	// state's message (what the container left: pod.Event.TerminationMessage).
	Hook     pod.Hook
	Duration time.Duration
	Grace    time.Duration
	Message  string
	// Phase is the new phase of PhaseChanged.
	Phase phase.Phase
}

// podView is what the Sim remembers of a pod's status to see what a step
// changed; only kept when timelines are.
type podView struct {
	row      kubectl.Row // the last row recorded (recordRow)
	hasRow   bool
	deleting bool
	phase    phase.Phase
	ready    pod.ConditionStatus
	ctrs     []ctrView
}

// timeline returns the pod's view, made on first use.
func (sp *simPod) timeline() *podView {
	if sp.view == nil {
		sp.view = &podView{}
	}
	return sp.view
}

// ctrView is the last reported status of one container, the probe runs
// counted and the hooks running.
type ctrView struct {
	seen     bool
	state    container.StateKind
	reason   string
	exit     int32
	ready    bool
	restarts int32
	backoff  time.Duration // the last back-off the waiting message showed
	hookAt   [2]time.Time  // when the running postStart, preStop began
	stopBy   time.Duration // the most the running preStop may take
	runs     [3]probeRun   // startup, liveness, readiness
}

// probeRun is the run of equal results of one probe (worker.go doProbe
// lastResult and resultRun).
type probeRun struct {
	failure bool
	n       int32
}

func probeSlot(k probe.Kind) int {
	switch k {
	case probe.Startup:
		return 0
	case probe.Liveness:
		return 1
	}
	return 2
}

// kindOf returns the kind of the pod's container number i in the Sim's
// order (init, regular, ephemeral).
func kindOf(spec *pod.Spec, i int) container.Kind {
	switch n := len(spec.InitContainers); {
	case i < n:
		if spec.InitContainers[i].IsSidecar() {
			return container.Sidecar
		}
		return container.Init
	case i < n+len(spec.Containers):
		return container.Regular
	}
	return container.Ephemeral
}

func specOf(spec *pod.Spec, i int) *container.Container {
	if n := len(spec.InitContainers); i < n {
		return &spec.InitContainers[i]
	} else if i -= n; i < len(spec.Containers) {
		return &spec.Containers[i]
	} else if i -= len(spec.Containers); i < len(spec.EphemeralContainers) {
		return &spec.EphemeralContainers[i]
	}
	return nil
}

func statusOf(st *pod.Status, kind container.Kind, name string) *container.Status {
	switch kind {
	case container.Init, container.Sidecar:
		return container.Find(st.InitContainerStatuses, name)
	case container.Regular:
		return container.Find(st.ContainerStatuses, name)
	}
	return container.Find(st.EphemeralContainerStatuses, name)
}

// recordContainers records what pod idx's step with ev changed for its
// containers and for the pod: the event's own facts first, then the
// status, then the actions asked for.
func (s *Sim) recordContainers(idx int32, sp *simPod, ev *pod.Event, out *pod.Output) {
	v := sp.timeline()
	p := sp.m.Pod()
	spec := &p.Spec
	for len(v.ctrs) < len(sp.ctrs) {
		v.ctrs = append(v.ctrs, ctrView{})
	}
	at := ev.At
	add := func(ci int, c ContainerChange) {
		c.At = at
		if ci >= 0 {
			c.Of = kindOf(spec, ci)
		}
		if c.Kind == StateChanged && c.Message != "" {
			if s.ctrMsgs == nil {
				s.ctrMsgs = map[int32]string{}
			}
			s.ctrMsgs[int32(len(s.ctrLog))] = c.Message
		}
		s.ctrLog = append(s.ctrLog, pack(idx, ci, &c))
	}

	// The event the machine took.
	if ci := int(sp.ctrIndex(ev.Container)); ev.Container != "" && ci >= 0 {
		cv := &v.ctrs[ci]
		switch ev.Kind {
		case pod.ProbeResult:
			s.countProbe(ci, sp, cv, ev, out, add)
		case pod.HookFinished:
			h := 0
			if ev.Hook == pod.PreStop {
				h = 1
			}
			c := ContainerChange{Kind: HookEnded, Hook: ev.Hook, Message: ev.Message}
			if !cv.hookAt[h].IsZero() {
				c.Duration = at.Sub(cv.hookAt[h])
			}
			if h == 1 {
				c.Grace = cv.stopBy
			}
			cv.hookAt[h] = time.Time{}
			add(ci, c)
		case pod.ContainerExited:
			if ev.Signal == 9 {
				add(ci, ContainerChange{Kind: SignalSent, Signal: 9})
			}
		}
	}

	// The status after the step.
	for ci := range sp.ctrs {
		cv := &v.ctrs[ci]
		kind := kindOf(spec, ci)
		st := statusOf(&p.Status, kind, sp.ctrs[ci].name)
		if st == nil {
			continue
		}
		state, reason, exit, sig := container.StateKindOf(&st.State), "", int32(0), int32(0)
		var backoff time.Duration
		var message string
		switch {
		case st.State.Waiting != nil:
			reason = string(st.State.Waiting.Reason)
			if st.State.Waiting.Reason == container.CrashLoopBackOff {
				backoff = backoffOf(st.State.Waiting.Message)
			}
		case st.State.Terminated != nil:
			t := st.State.Terminated
			reason, exit, sig, message = string(t.Reason), t.ExitCode, t.Signal, t.Message
		}
		if ev.Kind == pod.ContainerExited && ev.Container == sp.ctrs[ci].name && state != container.StateTerminated &&
			st.LastState.Terminated != nil {
			// The sync that took the exit already moved on (to a
			// back-off, or a new instance): the exit is lastState.
			t := st.LastState.Terminated
			add(ci, ContainerChange{Kind: StateChanged, State: container.StateTerminated, Reason: string(t.Reason), ExitCode: t.ExitCode, Signal: t.Signal,
				Message: t.Message})
			cv.state, cv.reason, cv.exit = container.StateTerminated, string(t.Reason), t.ExitCode
		}
		if cv.seen && st.RestartCount > cv.restarts {
			add(ci, ContainerChange{Kind: Restarted, Restarts: st.RestartCount, Backoff: cv.backoff})
			cv.backoff = 0
		}
		if !cv.seen || state != cv.state || reason != cv.reason || exit != cv.exit {
			c := ContainerChange{Kind: StateChanged, State: state, Reason: reason, ExitCode: exit, Signal: sig, Message: message}
			if backoff > 0 {
				c.Backoff = backoff
			}
			add(ci, c)
		}
		if backoff > 0 {
			cv.backoff = backoff
		}
		if cv.seen && st.Ready != cv.ready {
			add(ci, ContainerChange{Kind: ReadyChanged, Ready: st.Ready})
		}
		cv.seen, cv.state, cv.reason, cv.exit, cv.ready, cv.restarts = true, state, reason, exit, st.Ready, st.RestartCount
	}

	// The actions the machine asked for.
	for k := range out.Actions {
		a := &out.Actions[k]
		ci := int(sp.ctrIndex(a.Container))
		if ci < 0 {
			continue
		}
		switch a.Kind {
		case pod.RunHook:
			h := 0
			if a.Hook == pod.PreStop {
				h = 1
			}
			v.ctrs[ci].hookAt[h] = at
			c := ContainerChange{Kind: HookStarted, Hook: a.Hook}
			if a.Hook == pod.PreStop {
				c.Grace, v.ctrs[ci].stopBy = a.Grace, a.Grace
			}
			add(ci, c)
		case pod.KillContainer:
			add(ci, ContainerChange{Kind: SignalSent, Signal: 15, Grace: a.Grace, Reason: a.Reason})
		}
	}

	// The pod.
	if ph := p.Status.Phase; ph != v.phase {
		v.phase = ph
		add(-1, ContainerChange{Kind: PhaseChanged, Phase: ph})
	}
	if c := p.Status.Condition(pod.Ready); c != nil && c.Status != v.ready {
		v.ready = c.Status
		add(-1, ContainerChange{Kind: PodReadyChanged, Ready: c.Status == pod.ConditionTrue, Reason: c.Reason})
	}
	if md := &p.Metadata; !v.deleting && md.IsDeleting() {
		v.deleting = true
		c := ContainerChange{Kind: PodDeleting}
		if md.DeletionGracePeriodSeconds != nil {
			c.Grace = time.Duration(*md.DeletionGracePeriodSeconds) * time.Second
		}
		add(-1, c)
	}
	if sp.removed {
		add(-1, ContainerChange{Kind: PodGone})
	}
}

// countProbe records a probe result the machine took, with its place in
// the run of equal results. The machine does not publish its workers'
// counts, so the Sim keeps the run as the kubelet's worker does
// (pkg/kubelet/prober/worker.go doProbe): an error is thrown away, a
// timeout is a failure, a result unlike the last starts a new run at 1, and
// a liveness failure that reaches the threshold — or any startup result
// that does — puts the worker on hold with the run back at 0. Which results
// counted is the machine's report: a failure counted when the machine
// recorded it (Unhealthy), a success when the machine took the event.
func (s *Sim) countProbe(ci int, sp *simPod, cv *ctrView, ev *pod.Event, out *pod.Output, add func(int, ContainerChange)) {
	c := ContainerChange{Kind: ProbeCounted, Probe: ev.Probe, Outcome: ev.Outcome}
	failure := ev.Outcome == probe.OutcomeFailure || ev.Outcome == probe.OutcomeTimeout
	counted := ev.Outcome == probe.OutcomeSuccess
	if failure {
		for _, r := range out.Records {
			if r.Reason == "Unhealthy" {
				counted = true
			}
		}
	}
	spec := specOf(&sp.m.Pod().Spec, ci)
	var pr *probe.Probe
	if spec != nil {
		switch ev.Probe {
		case probe.Startup:
			pr = spec.StartupProbe
		case probe.Liveness:
			pr = spec.LivenessProbe
		case probe.Readiness:
			pr = spec.ReadinessProbe
		}
	}
	if counted && pr != nil {
		run := &cv.runs[probeSlot(ev.Probe)]
		if run.n > 0 && run.failure == failure {
			run.n++
		} else {
			run.failure, run.n = failure, 1
		}
		c.Count, c.Threshold = run.n, orDefault(pr.SuccessThreshold, probe.DefaultSuccessThreshold)
		if failure {
			c.Threshold = orDefault(pr.FailureThreshold, probe.DefaultFailureThreshold)
		}
		if run.n >= c.Threshold && (ev.Probe == probe.Startup || ev.Probe == probe.Liveness && failure) {
			run.n = 0
		}
	}
	add(ci, c)
}

func orDefault(v, d int32) int32 {
	if v <= 0 {
		return d
	}
	return v
}

// backoffOf reads the delay of a CrashLoopBackOff waiting message
// ("back-off 20s restarting failed container=..."), 0 if there is none.
func backoffOf(msg string) time.Duration {
	rest, ok := strings.CutPrefix(msg, "back-off ")
	if !ok {
		return 0
	}
	if i := strings.IndexByte(rest, ' '); i >= 0 {
		rest = rest[:i]
	}
	d, err := time.ParseDuration(rest)
	if err != nil {
		return 0
	}
	return d
}

// kindName is how the views name a container's kind.
func kindName(k container.Kind) string {
	switch k {
	case container.Init:
		return "init"
	case container.Sidecar:
		return "sidecar"
	case container.Ephemeral:
		return "ephemeral"
	}
	return "regular"
}

// quoteShort is msg quoted on one line, its first 60 bytes (cut at a
// character) and "..." when it is longer.
func quoteShort(msg string) string {
	const most = 60
	if len(msg) <= most {
		return strconv.Quote(msg)
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return strconv.Quote(msg[:cut]) + "..."
}

// Text returns the change as WriteContainers prints it (without the time).
func (c *ContainerChange) Text() string {
	switch c.Kind {
	case StateChanged:
		switch c.State {
		case container.StateWaiting:
			if c.Reason == "" {
				return "waiting (no reason: created, not started yet)"
			}
			t := "waiting (" + c.Reason
			if c.Backoff > 0 {
				t += ", back-off " + shortDuration(c.Backoff)
			}
			return t + ")"
		case container.StateRunning:
			return "running"
		case container.StateTerminated:
			t := "terminated, exit code " + strconv.Itoa(int(c.ExitCode))
			if c.Signal != 0 {
				t += ", signal " + strconv.Itoa(int(c.Signal))
			}
			if c.Reason != "" {
				t += " (" + c.Reason + ")"
			}
			if c.Message != "" {
				t += ", message " + quoteShort(c.Message)
			}
			return t
		}
		return "no state"
	case ReadyChanged:
		if c.Ready {
			return "ready"
		}
		return "not ready"
	case ProbeCounted:
		t := strings.ToLower(string(c.Probe)) + " " + strings.ToLower(string(c.Outcome))
		if c.Count == 0 {
			if c.Outcome == probe.OutcomeError {
				return t + " (thrown away, counts toward nothing)"
			}
			return t + " (not counted)"
		}
		if c.Count > c.Threshold {
			// Past the threshold the run goes on counting but changes
			// nothing: "7/1" would read as more than enough.
			return t + ", still " + strconv.Itoa(int(c.Threshold)) + "/" + strconv.Itoa(int(c.Threshold))
		}
		return t + " " + strconv.Itoa(int(c.Count)) + "/" + strconv.Itoa(int(c.Threshold))
	case Restarted:
		t := "restart " + strconv.Itoa(int(c.Restarts))
		if c.Backoff > 0 {
			return t + " (after a back-off of " + shortDuration(c.Backoff) + ")"
		}
		return t + " (at once, no back-off)"
	case HookStarted:
		t := c.Hook.String() + " hook started"
		if c.Grace > 0 {
			t += " (at most " + shortDuration(c.Grace) + ")"
		}
		return t
	case HookEnded:
		t := c.Hook.String() + " hook "
		if c.Message != "" {
			t += "failed after " + shortDuration(c.Duration) + ": " + c.Message
		} else if c.Grace > 0 && c.Duration >= c.Grace {
			t += "cut at the grace, after " + shortDuration(c.Duration)
		} else {
			t += "returned after " + shortDuration(c.Duration)
		}
		return t
	case SignalSent:
		if c.Signal == 9 {
			return "SIGKILL (the grace ran out)"
		}
		t := "SIGTERM, SIGKILL after " + shortDuration(c.Grace)
		if c.Reason != "" {
			t += " (" + c.Reason + ")"
		}
		return t
	case PhaseChanged:
		return "phase " + string(c.Phase)
	case PodReadyChanged:
		t := "Ready False"
		if c.Ready {
			t = "Ready True"
		}
		if c.Reason != "" {
			t += " (" + c.Reason + ")"
		}
		return t
	case PodDeleting:
		return "deleted through the API, grace " + shortDuration(c.Grace)
	case PodGone:
		return "removed"
	}
	return c.Kind.String()
}

// shortDuration writes d as 0s, 30s, 1m, 1m30s, 2h5m, with milliseconds
// when d is not on a whole second.
func shortDuration(d time.Duration) string {
	if d%time.Second != 0 {
		return d.String()
	}
	if d == 0 {
		return "0s"
	}
	var b []byte
	if d < 0 {
		b, d = append(b, '-'), -d
	}
	h, m, sec := int64(d/time.Hour), int64(d/time.Minute)%60, int64(d/time.Second)%60
	if h > 0 {
		b = append(strconv.AppendInt(b, h, 10), 'h')
	}
	if m > 0 {
		b = append(strconv.AppendInt(b, m, 10), 'm')
	}
	if sec > 0 {
		b = append(strconv.AppendInt(b, sec, 10), 's')
	}
	return string(b)
}

// WriteContainers writes, for each pod in the order they were added, the
// pod's phase and Ready condition over time, then each container (init,
// sidecar, regular and ephemeral, in spec order) with its life in time
// order: state changes (the waiting reason, running, the exit code and
// reason), readiness, probe results with their count toward the threshold
// ("liveness failure 2/3", "readiness success 1/1"), restarts with the
// back-off waited, hooks with their duration and failure, and the signals
// sent. Times are since Options.Start (Clock). A run of equal results of
// one probe past its threshold, which changes nothing more, is folded into
// one line ("readiness success, still 1/1 (12 alike, the last at 1:16)").
func (s *Sim) WriteContainers(w io.Writer) error {
	bw := bufio.NewWriter(w)
	perPod := s.changesByPod()
	for j, sp := range s.pods {
		if sp == nil || !sp.created {
			continue
		}
		bw.WriteString("Pod " + sp.key + "\n")
		tw := tabwriter.NewWriter(bw, 0, 4, 3, ' ', 0)
		for _, k := range perPod[j] {
			if s.ctrLog[k].ctr < 0 {
				c := s.change(k)
				tw.Write([]byte("  " + Clock(s.start, c.At) + "\t" + c.Text() + "\n"))
			}
		}
		for ci := range sp.ctrs {
			name := sp.ctrs[ci].name
			tw.Write([]byte("  " + kindName(kindOf(&sp.m.Pod().Spec, ci)) + " container " + name + ":\n"))
			for _, l := range s.containerLines(perPod[j], ci) {
				tw.Write([]byte("    " + l + "\n"))
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

// containerLines returns the lines of container ci among the changes
// picked (indexes in s.ctrLog), in time order. A run of equal results of
// one probe past its threshold changes nothing more: it is folded into one
// line, at the first of them, that says how many and until when; any other
// change of the container ends the fold.
func (s *Sim) containerLines(picked []int32, ci int) []string {
	var lines []string
	type fold struct {
		line       int // index in lines
		first, end ContainerChange
		n          int
	}
	var folds [3]fold
	text := func(f *fold) string {
		if f.n == 1 {
			return Clock(s.start, f.first.At) + "\t" + f.first.Text()
		}
		return Clock(s.start, f.first.At) + "\t" + f.first.Text() + " (" + strconv.Itoa(f.n) + " alike, the last at " + Clock(s.start, f.end.At) + ")"
	}
	for _, k := range picked {
		if int(s.ctrLog[k].ctr) != ci {
			continue
		}
		c := s.change(k)
		if c.Kind == ProbeCounted && c.Count > c.Threshold {
			f := &folds[probeSlot(c.Probe)]
			if f.n > 0 && f.end.Outcome == c.Outcome && c.Count == f.end.Count+1 {
				f.end, f.n = c, f.n+1
				lines[f.line] = text(f)
				continue
			}
			*f = fold{line: len(lines), first: c, end: c, n: 1}
		} else if c.Kind == ProbeCounted {
			folds[probeSlot(c.Probe)] = fold{}
		} else {
			// A new state may make the same result count again (a new
			// instance starts from the probe's initial result).
			folds = [3]fold{}
		}
		lines = append(lines, Clock(s.start, c.At)+"\t"+c.Text())
	}
	return lines
}

// changesByPod returns the indexes in s.ctrLog of each pod's changes, in
// one pass (none for a pod forgotten).
func (s *Sim) changesByPod() [][]int32 {
	perPod := make([][]int32, len(s.pods))
	for k := range s.ctrLog {
		if j := s.ctrLog[k].pod; s.pods[j] != nil {
			perPod[j] = append(perPod[j], int32(k))
		}
	}
	return perPod
}
