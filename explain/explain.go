// Package explain answers "why is this pod in this state?": the chain of
// rules behind a pod's phase, each of its conditions and its
// `kubectl get pods` STATUS, each with the upstream function it restates.
//
//	e := explain.Pod(p, facts, gates, now) // facts: pod.InferNodeFacts, or a machine's
//	e.WriteText(os.Stdout)
//
// The rules are not restated here. The phase comes from pod.ExplainPhase
// (phase.Decide: the branch of getPhase that pod.Phase takes), the
// conditions from pod.ExplainConditions (the kubelet's generators report
// the branch they took), STATUS from kubectl.ExplainStatus (the printer's
// steps, recorded as PodRow takes them). Their wording lives beside the code
// that applies them: phase/explain.go, pod/explain.go, kubectl/explain.go.
// An explanation's conclusions are therefore always pod.Phase's,
// pod.Conditions' and kubectl.PodRow's answers.
//
// For a pod.Machine at its present moment: Pod(m.Pod(), m.NodeFacts(),
// gates, m.Now()).
package explain

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/kubectl"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
)

// Explanation is why a pod is in its state, as values.
type Explanation struct {
	// Pod is "namespace/name".
	Pod string
	// Context are lines the caller adds under the pod's name (where the
	// pod came from, what was inferred); Pod leaves it empty.
	Context []string
	// Bound says the pod has a spec.nodeName: only then does a kubelet
	// report on it (and Conditions holds what it reports).
	Bound bool
	// Phase is the phase the kubelet derives and the rule that gave it.
	Phase pod.PhaseWhy
	// StoredPhase is status.phase as the pod carries it; when it is
	// terminal and differs from Phase, the kubelet keeps it
	// (pod.TerminalPhaseKept).
	StoredPhase phase.Phase
	// Conditions are the conditions the kubelet generates in Phase, each
	// with its rule; nil for a pod that is not bound.
	Conditions []pod.ConditionWhy
	// Stored are the pod's stored conditions of the kubelet's own types
	// whose status differs from what it generates now: written since by
	// another component (the node lifecycle controller sets Ready False on
	// the pods of an unreachable node), or by a kubelet that saw more.
	Stored []pod.Condition
	// Carried are the pod's conditions the kubelet does not generate and
	// keeps as they are (DisruptionTarget, readiness gates' conditions).
	Carried []pod.Condition
	// Row is the `kubectl get pods` row of the pod as stored, and
	// StatusSteps the printer's steps that set its STATUS, in order.
	Row         kubectl.Row
	StatusSteps []kubectl.StatusStep
}

// Pod explains p at now, with facts for what only its node knows and the
// feature gates in force. The phase and conditions are the kubelet's
// derivation from p's spec and container statuses; the row is printed
// from p's status as it is stored. A nil p reads as an empty pod.
func Pod(p *pod.Pod, facts pod.NodeFacts, gates feature.Gates, now time.Time) *Explanation {
	if p == nil {
		p = &pod.Pod{}
	}
	e := &Explanation{
		Pod:         p.Metadata.Namespace + "/" + p.Metadata.Name,
		Bound:       p.Spec.NodeName != "",
		Phase:       pod.ExplainPhase(p, facts, gates),
		StoredPhase: p.Status.Phase,
	}
	if e.Bound {
		e.Conditions = pod.ExplainConditions(p, e.Phase.Phase, facts, gates)
		for _, c := range e.Conditions {
			if old := p.Status.Condition(c.Condition.Type); old != nil && old.Status != c.Condition.Status {
				e.Stored = append(e.Stored, *old)
			}
		}
	}
	e.Carried = pod.CarriedConditions(p, gates)
	e.Row, e.StatusSteps = kubectl.ExplainStatus(p, now)
	return e
}

// PhaseKept reports whether the stored phase is terminal and differs
// from the derived one: the kubelet keeps the stored one.
func (e *Explanation) PhaseKept() bool {
	return e.StoredPhase.IsTerminal() && e.StoredPhase != e.Phase.Phase
}

// WriteText writes the explanation for a reader: the phase and its rule
// with what getPhase counted, each condition with its rule, then the
// STATUS cell and the printer's steps, each rule followed by the upstream
// function it restates.
func (e *Explanation) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "pod %s\n", e.Pod)
	for _, line := range e.Context {
		fmt.Fprintf(&b, "  %s\n", line)
	}
	if !e.Bound {
		fmt.Fprintf(&b, "  note: %s.\n", pod.NotBound)
	}
	d := &e.Phase
	fmt.Fprintf(&b, "\nphase %s\n", d.Phase)
	about := ""
	if d.Container != "" {
		kind := "container"
		if d.About.Init {
			kind = "init container"
		}
		about = fmt.Sprintf(" (%s %q)", kind, d.Container)
	}
	fmt.Fprintf(&b, "  because %s%s.\n", d.Rule.Text(), about)
	fmt.Fprintf(&b, "  counted: %s.\n", counts(&d.Decision))
	fmt.Fprintf(&b, "  rule: %s\n", phase.Source)
	if e.PhaseKept() {
		fmt.Fprintf(&b, "  but status.phase is %s, and %s.\n  rule: %s\n", e.StoredPhase, pod.TerminalPhaseKept, pod.TerminalPhaseSource)
	}
	if len(e.Conditions)+len(e.Carried) > 0 {
		fmt.Fprintf(&b, "\nconditions\n")
	}
	for _, c := range e.Conditions {
		fmt.Fprintf(&b, "  %s %s", c.Condition.Type, c.Condition.Status)
		if c.Condition.Reason != "" {
			fmt.Fprintf(&b, " (%s)", c.Condition.Reason)
		}
		if c.Condition.Message != "" {
			fmt.Fprintf(&b, " %q", c.Condition.Message)
		}
		fmt.Fprintf(&b, "\n    because %s.\n    rule: %s\n", c.Rule.Text(), c.Rule.Source())
		for _, old := range e.Stored {
			if old.Type == c.Condition.Type {
				fmt.Fprintf(&b, "    but status.conditions says %s %s: %s.\n", old.Type, old.Status, storedElsewhere(old.Type))
			}
		}
	}
	for _, c := range e.Carried {
		fmt.Fprintf(&b, "  %s %s", c.Type, c.Status)
		if c.Reason != "" {
			fmt.Fprintf(&b, " (%s)", c.Reason)
		}
		if c.Message != "" {
			fmt.Fprintf(&b, " %q", c.Message)
		}
		fmt.Fprintf(&b, "\n    because it is not the kubelet's to generate: written by whoever set it, and kept.\n    rule: %s\n", pod.CarriedSource)
	}
	fmt.Fprintf(&b, "\nkubectl get pods: READY %s  STATUS %s  RESTARTS %s\n", e.Row.ReadyText(), e.Row.Status, e.Row.RestartsText())
	for i, s := range e.StatusSteps {
		on := ""
		if s.Container != "" {
			on = fmt.Sprintf(" (container %q)", s.Container)
		}
		fmt.Fprintf(&b, "  %d. %s%s: %s.\n", i+1, orEmpty(s.Status), on, s.Rule.Text())
	}
	fmt.Fprintf(&b, "  rule: %s\n", kubectl.StatusSource)
	_, err := io.WriteString(w, b.String())
	return err
}

// storedElsewhere says who writes a kubelet-owned condition besides the
// kubelet.
func storedElsewhere(t pod.ConditionType) string {
	if t == pod.Ready {
		return "written since by another component — the node lifecycle controller sets Ready False on the pods of a node that stopped reporting (pkg/controller/util/node/controller_utils.go MarkPodsNotReady) — and the kubelet writes its own again when it next reports"
	}
	return "not what the kubelet generates from the status now; it writes its own when it next reports"
}

func orEmpty(s kubectl.Status) string {
	if s == "" {
		return `""`
	}
	return string(s)
}

// counts says what getPhase counted, leaving out the zeros, the
// breakdown of a count in parentheses.
func counts(d *phase.Decision) string {
	count := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	var parts []string
	add := func(n int, one, many string, of ...string) {
		if n == 0 {
			return
		}
		part := count(n, one, many)
		if len(of) > 0 {
			part += " (" + strings.Join(of, ", ") + ")"
		}
		parts = append(parts, part)
	}
	some := func(n int, what string) []string {
		if n == 0 {
			return nil
		}
		return []string{fmt.Sprintf("%d %s", n, what)}
	}
	add(d.Running, "running", "running")
	add(d.Waiting, "waiting for its first start", "waiting for their first start")
	add(d.Stopped, "stopped", "stopped", append(append(some(d.BackingOff, "waiting after a termination"),
		some(d.Succeeded, "exited 0")...), some(d.WillRestart, "to be restarted")...)...)
	add(d.PendingInit, "init container not completed", "init containers not completed")
	add(d.PendingSidecars, "sidecar not started", "sidecars not started")
	add(d.FailedInit, "init container failed", "init containers failed", some(d.FailedInitFinal, "not to be restarted")...)
	add(d.Unknown, "without a state", "without a state")
	if len(parts) == 0 {
		return "no container in any state"
	}
	return strings.Join(parts, ", ")
}
