package sim

import (
	"strconv"
	"strings"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/resource"
)

// Script is what the simulated nodes do with the kubelet's actions, and
// what happens to the pods from outside, written as typed Go values. The
// same Script, Options and seed give the same run, bit for bit.
type Script struct {
	// Containers say how containers behave. For each container of each
	// pod the first entry that matches it applies; put specific entries
	// before general ones. A container no entry matches is pulled,
	// created and started at once, runs forever, passes every probe,
	// runs its hooks in no time and exits at once on SIGTERM.
	Containers []ContainerScript
	// Happenings are the outside events (deletion, eviction, node loss),
	// at times measured from Options.Start. Pods are created with
	// Sim.AddPod.
	Happenings []Happening
	// Nodes are the cluster's nodes, in the order the scheduler breaks
	// ties by. Empty: every pod is bound to its spec.nodeName or to
	// Options.Node, a node without limits, and nothing is scheduled.
	Nodes []Node
	// Pods are created by New as AddPodScheduling would.
	Pods []ScriptPod
	// Controllers are the ReplicaSet-, Deployment-, StatefulSet-, Job- and
	// DaemonSet-style controllers that make pods from templates.
	Controllers []Controller
}

// ScriptPod is a pod of the script, created at At.
type ScriptPod struct {
	At         time.Duration
	Pod        *pod.Pod
	Scheduling Scheduling
}

// ContainerScript is the scripted behaviour of a container: by name, in
// the pods a name or labels pick.
type ContainerScript struct {
	// Pod picks the pod by "namespace/name" or by name; "" picks every
	// pod (with matching Labels).
	Pod string
	// Labels pick the pods whose metadata.labels hold every pair; nil
	// picks every pod.
	Labels map[string]string
	// Container is the container's name (an init, sidecar or regular
	// container); "" means every container of the picked pods. A name
	// that a picked pod lacks is a *ScriptError when the pod is added.
	Container string

	// Pull is how each pull of the container's image goes.
	Pull Pull
	// CreateDelay is the time the runtime takes to create the container
	// (CreateContainer to ContainerCreated); StartDelay the time to start
	// it (StartContainer to ContainerStarted).
	CreateDelay, StartDelay time.Duration
	// Runs say how each run attempt ends: the entry whose Attempt is the
	// attempt's number (1 for the first start), else the entry with
	// Attempt 0, else the container runs until it is killed.
	Runs []Run
	// Probes say how the container's probes answer: the first entry that
	// matches a probe run decides its outcome; no match is a Success.
	Probes []ProbeAnswer
	// PostStart and PreStop say how the lifecycle hooks go (a container
	// without the hook in its spec never runs it).
	PostStart, PreStop HookScript
	// StopDelay is how long the process takes to exit after SIGTERM
	// (exit code 143, signal 15). When it is longer than the grace the
	// kubelet gives, or IgnoreSIGTERM is set, the container is killed by
	// SIGKILL at the grace: exit code 137, signal 9.
	StopDelay     time.Duration
	IgnoreSIGTERM bool
	// Memory is the container's working-set memory as the kubelet's
	// eviction manager sees it (zero: none), for MemoryPressure.
	Memory resource.Quantity
}

// Pull is how the pulls of a container's image go.
type Pull struct {
	// Duration is how long each pull takes (success or failure).
	Duration time.Duration
	// FailAttempts lists the pull attempts (1 for the first) that fail;
	// FailAlways makes every one fail. Message is the runtime's error
	// (empty: a "not found" error naming the image).
	FailAttempts []int
	FailAlways   bool
	Message      string
	// Size is the image's size in bytes, as the runtime reports it (the
	// Pulled event says it; zero: 0 bytes).
	Size int64
}

// Run is how one run of a container ends.
type Run struct {
	// Attempt is the run's number (1 for the first start, 2 for the
	// first restart, ...); 0 means every attempt no other entry names.
	Attempt int
	// For is how long the process runs before it exits with ExitCode and
	// Reason (empty: Completed for 0, Error otherwise; OOMKilled, ...).
	For      time.Duration
	ExitCode int32
	Reason   container.TerminatedReason
	// Forever says the run never ends by itself (For, ExitCode and Reason
	// are ignored).
	Forever bool
	// Message and Log are what the run leaves when it ends, by itself or
	// stopped: the content of its terminationMessagePath and its log. The
	// kubelet reports them as the terminated state's message
	// (pod.Event.TerminationMessage and Log, container.TerminationMessage).
	Message string
	Log     string
}

// ProbeAnswer is how a container's probe answers for a while.
type ProbeAnswer struct {
	// Probe is the probe (Startup, Liveness, Readiness); "" means every
	// probe of the container.
	Probe probe.Kind
	// Attempt is the run attempt it applies to (1 for the first start);
	// 0 means every attempt.
	Attempt int
	// From and Until bound the time since the container started in which
	// it applies: [From, Until); Until 0 means for ever after From.
	From, Until time.Duration
	// Outcome is the answer: Success, Failure, Timeout or Error.
	Outcome probe.Outcome
	// Output is what the probe said: the handler's output for a Failure
	// or Timeout (an exec probe's command output, "HTTP probe failed with
	// statuscode: 500", ...), the error for an Error. The Unhealthy event
	// quotes it: "Liveness probe failed: <Output>".
	Output string
}

// HookScript is how a postStart or preStop hook goes: it returns after
// Duration, failing with Fail when that is not empty. A preStop hook that
// would take longer than the grace is cut at the grace.
type HookScript struct {
	Duration time.Duration
	Fail     string
}

// HappeningKind names an outside happening.
type HappeningKind uint8

// The outside happenings.
const (
	// Delete deletes the pod through the API with Happening.Grace (nil:
	// the pod's terminationGracePeriodSeconds): kubectl delete pod.
	Delete HappeningKind = iota + 1
	// Evict evicts the pod as the kubelet's eviction manager does, with
	// Happening.Message and Happening.Grace (nil: the pod's).
	Evict
	// NodeLost: Happening.Node stops reporting; the node lifecycle
	// controller sets its pods' Ready condition False and keeps their
	// phase.
	NodeLost
	// NodeBack: Happening.Node reports again.
	NodeBack
	// NodeDeleted: the Node object of Happening.Node is deleted; PodGC
	// force-deletes the pods bound to it.
	NodeDeleted
	// Drain: kubectl drain Happening.Node: cordon it, then evict its pods
	// through the Eviction API (DaemonSet-style and static pods are left).
	Drain
	// Uncordon: kubectl uncordon Happening.Node.
	Uncordon
	// MemoryPressure: the kubelet of Happening.Node sees memory pressure
	// and evicts Happening.Count pods (zero: one), one per eviction
	// monitoring period, in its ranking order.
	MemoryPressure
	// Scale: Happening.Controller's replicas (or a Job-style controller's
	// parallelism) become Happening.Replicas.
	Scale
	// TemplateChanged: Happening.Controller's pod template becomes
	// Happening.Template.
	TemplateChanged
	// RemoveSchedulingGates: Happening.Pod's spec.schedulingGates are
	// cleared; the scheduler may bind it.
	RemoveSchedulingGates
	// Debug adds Happening.Ephemeral to the pod as an ephemeral container
	// (kubectl debug, the ephemeralcontainers subresource): the kubelet
	// starts it once and never restarts it. A ContainerScript may name it.
	Debug
	// RemoveStaticPod removes the manifest of a static pod from its node:
	// the kubelet stops the pod (deleting a static pod's mirror pod
	// through the API does not).
	RemoveStaticPod
)

var happeningNames = [...]string{"", "Delete", "Evict", "NodeLost", "NodeBack", "NodeDeleted", "Drain", "Uncordon",
	"MemoryPressure", "Scale", "TemplateChanged", "RemoveSchedulingGates", "Debug", "RemoveStaticPod"}

// String returns the happening's name.
func (k HappeningKind) String() string {
	if k > 0 && int(k) < len(happeningNames) {
		return happeningNames[k]
	}
	return "HappeningKind(" + strconv.Itoa(int(k)) + ")"
}

// Happening is something done to the pods from outside at a given time.
// Happenings are queued by New, so one due at the very time a pod is
// created comes before the creation (the tie rule): delete a pod at least
// a nanosecond after it is created.
type Happening struct {
	// At is the time since Options.Start.
	At   time.Duration
	Kind HappeningKind
	// Pod is the pod of Delete, Evict, Debug and RemoveStaticPod, by
	// "namespace/name" or by name (the first pod added with that name).
	Pod string
	// Node is the node of NodeLost and NodeBack.
	Node string
	// Grace overrides the grace period of Delete and Evict, in seconds.
	Grace *int64
	// Message is the eviction message of Evict.
	Message string
	// Controller names the controller of Scale and TemplateChanged
	// ("namespace/name" or name).
	Controller string
	// Replicas is the new count of Scale.
	Replicas int32
	// Template is the new template of TemplateChanged.
	Template *Template
	// Count is how many pods MemoryPressure evicts (zero: one).
	Count int
	// Ephemeral is the container Debug adds.
	Ephemeral *container.Container
}

// MaxTime is the latest time a script may name (a happening, a pod's or a
// controller's creation): 100 years, so that the clock's nanoseconds
// never overflow.
const MaxTime = 100 * 365 * 24 * time.Hour

// ScriptError says what is wrong in a script, where, and what is allowed.
// Field is the path in the Script ("Containers[2].Runs[0].For"), Pod and
// Container the pod ("namespace/name") and container concerned, if any.
type ScriptError struct {
	Field     string
	Pod       string
	Container string
	Problem   string
	// Allowed lists the values that would be accepted, when they are few.
	Allowed []string
}

// Error writes the path, the pod and container, the problem and what is
// allowed, on one line.
func (e *ScriptError) Error() string {
	var b strings.Builder
	b.WriteString("sim: script")
	if e.Field != "" {
		b.WriteString(" " + e.Field)
	}
	if e.Pod != "" {
		b.WriteString(": pod " + strconv.Quote(e.Pod))
	}
	if e.Container != "" {
		b.WriteString(", container " + strconv.Quote(e.Container))
	}
	b.WriteString(": " + e.Problem)
	writeAllowed(&b, e.Allowed)
	return b.String()
}

// writeAllowed ends an error's text with the values that would be
// accepted, quoted, when there are any.
func writeAllowed(b *strings.Builder, allowed []string) {
	if len(allowed) == 0 {
		return
	}
	b.WriteString("; allowed: ")
	for i, a := range allowed {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(a))
	}
}

func field(prefix string, i int, rest string) string {
	return prefix + "[" + strconv.Itoa(i) + "]" + rest
}

var outcomes = []string{string(probe.OutcomeSuccess), string(probe.OutcomeFailure), string(probe.OutcomeTimeout), string(probe.OutcomeError)}
var probeKindNames = []string{"", string(probe.Startup), string(probe.Liveness), string(probe.Readiness)}

// validate checks what can be checked without the pods.
func (s *Script) validate() error {
	for i := range s.Containers {
		c := &s.Containers[i]
		f := func(rest string) string { return field("Containers", i, rest) }
		neg := func(d time.Duration, name string) error {
			if d < 0 {
				return &ScriptError{Field: f(name), Container: c.Container, Problem: "negative duration " + d.String()}
			}
			return nil
		}
		for _, x := range []struct {
			d    time.Duration
			name string
		}{{c.Pull.Duration, ".Pull.Duration"}, {c.CreateDelay, ".CreateDelay"}, {c.StartDelay, ".StartDelay"},
			{c.PostStart.Duration, ".PostStart.Duration"}, {c.PreStop.Duration, ".PreStop.Duration"}, {c.StopDelay, ".StopDelay"}} {
			if err := neg(x.d, x.name); err != nil {
				return err
			}
		}
		for j, a := range c.Pull.FailAttempts {
			if a < 1 {
				return &ScriptError{Field: f(".Pull.FailAttempts[" + strconv.Itoa(j) + "]"), Container: c.Container,
					Problem: "attempt " + strconv.Itoa(a) + " is not a pull attempt (the first is 1)"}
			}
		}
		for j, r := range c.Runs {
			rf := f(".Runs[" + strconv.Itoa(j) + "]")
			if r.Attempt < 0 {
				return &ScriptError{Field: rf + ".Attempt", Container: c.Container, Problem: "negative attempt (1 is the first start, 0 every other attempt)"}
			}
			if err := neg(r.For, ".Runs["+strconv.Itoa(j)+"].For"); err != nil {
				return err
			}
			for k := range j {
				if c.Runs[k].Attempt == r.Attempt {
					return &ScriptError{Field: rf + ".Attempt", Container: c.Container, Problem: "attempt " + strconv.Itoa(r.Attempt) + " is scripted twice (also Runs[" + strconv.Itoa(k) + "])"}
				}
			}
		}
		for j, p := range c.Probes {
			pf := f(".Probes[" + strconv.Itoa(j) + "]")
			if !contains(probeKindNames, string(p.Probe)) {
				return &ScriptError{Field: pf + ".Probe", Container: c.Container, Problem: "unknown probe " + strconv.Quote(string(p.Probe)), Allowed: probeKindNames}
			}
			if !contains(outcomes, string(p.Outcome)) {
				return &ScriptError{Field: pf + ".Outcome", Container: c.Container, Problem: "unknown outcome " + strconv.Quote(string(p.Outcome)), Allowed: outcomes}
			}
			if p.Attempt < 0 || p.From < 0 || p.Until < 0 || (p.Until != 0 && p.Until <= p.From) {
				return &ScriptError{Field: pf, Container: c.Container, Problem: "needs Attempt >= 0 and 0 <= From < Until (Until 0: for ever)"}
			}
		}
	}
	for i, h := range s.Happenings {
		f := field("Happenings", i, "")
		switch {
		case h.At < 0:
			return &ScriptError{Field: f + ".At", Problem: "negative time " + h.At.String()}
		case h.At > MaxTime:
			return &ScriptError{Field: f + ".At", Problem: "time " + h.At.String() + " is after MaxTime (100 years)"}
		case h.Kind < Delete || h.Kind > RemoveStaticPod:
			return &ScriptError{Field: f + ".Kind", Problem: "unknown happening " + h.Kind.String(), Allowed: happeningNames[1:]}
		case (h.Kind == Delete || h.Kind == Evict || h.Kind == RemoveSchedulingGates || h.Kind == Debug || h.Kind == RemoveStaticPod) && h.Pod == "":
			return &ScriptError{Field: f + ".Pod", Problem: h.Kind.String() + " names no pod"}
		case h.Kind == Debug && h.Ephemeral == nil:
			return &ScriptError{Field: f + ".Ephemeral", Problem: "Debug names no ephemeral container"}
		case h.Kind >= NodeLost && h.Kind <= MemoryPressure && h.Node == "":
			return &ScriptError{Field: f + ".Node", Problem: h.Kind.String() + " names no node"}
		case (h.Kind == Scale || h.Kind == TemplateChanged) && h.Controller == "":
			return &ScriptError{Field: f + ".Controller", Problem: h.Kind.String() + " names no controller"}
		case h.Kind == Scale && h.Replicas < 0:
			return &ScriptError{Field: f + ".Replicas", Problem: "negative replicas"}
		case h.Kind == TemplateChanged && h.Template == nil:
			return &ScriptError{Field: f + ".Template", Problem: "TemplateChanged gives no template"}
		case h.Count < 0:
			return &ScriptError{Field: f + ".Count", Problem: "negative count"}
		case h.Grace != nil && *h.Grace < 0:
			return &ScriptError{Field: f + ".Grace", Problem: "negative grace period"}
		}
	}
	return s.validateCluster()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// picks reports whether c applies to pod p.
func (c *ContainerScript) picks(p *pod.Pod) bool {
	if c.Pod != "" && c.Pod != p.Metadata.Name && c.Pod != p.Metadata.Namespace+"/"+p.Metadata.Name {
		return false
	}
	for k, v := range c.Labels {
		if got, ok := p.Metadata.Labels[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// run returns how run attempt ends.
func (c *ContainerScript) run(attempt int) (Run, bool) {
	r := c.runOf(attempt)
	if r == nil {
		return Run{}, false
	}
	return *r, !r.Forever
}

// runOf is the entry of Runs for run attempt, or nil.
func (c *ContainerScript) runOf(attempt int) *Run {
	if c == nil {
		return nil
	}
	var dflt *Run
	for i := range c.Runs {
		r := &c.Runs[i]
		if r.Attempt == attempt {
			return r
		}
		if r.Attempt == 0 {
			dflt = r
		}
	}
	return dflt
}

// answer returns the outcome of probe k at since into run attempt.
func (c *ContainerScript) answer(k probe.Kind, attempt int, since time.Duration) (probe.Outcome, string) {
	if c == nil {
		return probe.OutcomeSuccess, ""
	}
	for _, a := range c.Probes {
		if (a.Probe == "" || a.Probe == k) && (a.Attempt == 0 || a.Attempt == attempt) &&
			since >= a.From && (a.Until == 0 || since < a.Until) {
			return a.Outcome, a.Output
		}
	}
	return probe.OutcomeSuccess, ""
}

// pullFails reports whether pull attempt n (1 first) fails.
func (c *ContainerScript) pullFails(n int) bool {
	if c == nil {
		return false
	}
	if c.Pull.FailAlways {
		return true
	}
	for _, a := range c.Pull.FailAttempts {
		if a == n {
			return true
		}
	}
	return false
}
