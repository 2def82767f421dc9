package sim

import (
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
)

// ctrRec is how the Sim keeps a ContainerChange: 72 bytes rather than
// 216, as a pod's life makes some thirty of them. The pod and container
// are indexes, the probe, outcome and phase small numbers, and fields no
// kind sets together share a place.
type ctrRec struct {
	at int64 // Unix nanoseconds
	// d1 is Backoff or Duration (HookEnded); d2 is Grace.
	d1, d2 time.Duration
	// text is Message for HookEnded, Reason otherwise.
	text string
	exit int32
	sig  int32
	// count is Restarts for Restarted, Count otherwise.
	count, threshold int32
	pod              int32
	ctr              int16 // -1 for the pod's own changes
	kind             ContainerChangeKind
	state            container.StateKind
	of               container.Kind
	probe, outcome   uint8 // in recProbes, recOutcomes
	phase            uint8 // in recPhases
	hook             pod.Hook
	ready            bool
}

var (
	recProbes   = [...]probe.Kind{"", probe.Startup, probe.Liveness, probe.Readiness}
	recOutcomes = [...]probe.Outcome{"", probe.OutcomeSuccess, probe.OutcomeFailure, probe.OutcomeTimeout, probe.OutcomeError}
	recPhases   = [...]phase.Phase{"", phase.Pending, phase.Running, phase.Succeeded, phase.Failed, phase.Unknown}
)

// index returns v's place in list, 0 (the empty value) when it is not in it.
func index[T comparable](list []T, v T) uint8 {
	for i, x := range list {
		if x == v {
			return uint8(i)
		}
	}
	return 0
}

// pack returns c as kept, for container ci (-1: the pod) of pod idx.
func pack(idx int32, ci int, c *ContainerChange) ctrRec {
	r := ctrRec{at: c.At.UnixNano(), d1: c.Backoff, d2: c.Grace, text: c.Reason, exit: c.ExitCode, sig: c.Signal,
		count: c.Count, threshold: c.Threshold, pod: idx, ctr: int16(ci), kind: c.Kind, state: c.State, of: c.Of,
		probe: index(recProbes[:], c.Probe), outcome: index(recOutcomes[:], c.Outcome), phase: index(recPhases[:], c.Phase),
		hook: c.Hook, ready: c.Ready}
	switch c.Kind {
	case HookEnded:
		r.d1, r.text = c.Duration, c.Message
	case Restarted:
		r.count = c.Restarts
	}
	return r
}

// change returns record k of s.ctrLog as a ContainerChange; its pod must
// not be forgotten.
func (s *Sim) change(k int32) ContainerChange {
	r := &s.ctrLog[k]
	sp := s.pods[r.pod]
	c := ContainerChange{At: time.Unix(0, r.at).UTC(), Pod: sp.key, Of: r.of, Kind: r.kind, State: r.state,
		Reason: r.text, ExitCode: r.exit, Signal: r.sig, Ready: r.ready, Probe: recProbes[r.probe], Outcome: recOutcomes[r.outcome],
		Count: r.count, Threshold: r.threshold, Backoff: r.d1, Hook: r.hook, Grace: r.d2, Phase: recPhases[r.phase]}
	if r.ctr >= 0 {
		c.Container = sp.ctrs[r.ctr].name
	}
	switch r.kind {
	case StateChanged:
		c.Message = s.ctrMsgs[k]
	case HookEnded:
		c.Duration, c.Backoff, c.Message, c.Reason = r.d1, 0, r.text, ""
	case Restarted:
		c.Restarts, c.Count = r.count, 0
	}
	return c
}

// ContainerChanges returns every container change recorded so far, in
// time order, in a new slice (nothing when Options.NoTimeline is set; the
// changes of pods forgotten by Options.ForgetRemoved are left out).
func (s *Sim) ContainerChanges() []ContainerChange {
	out := make([]ContainerChange, 0, len(s.ctrLog))
	for k := range s.ctrLog {
		if s.pods[s.ctrLog[k].pod] != nil {
			out = append(out, s.change(int32(k)))
		}
	}
	return out
}
