package sim

import "time"

// Happen queues h while the Sim runs, as New queues the script's
// happenings: for an embedder that learns of deletions, evictions or node
// loss as they come (a virtual kubelet told that the API deleted a pod).
// h.At is the time since Options.Start and may not be before Now; it is
// queued after everything already queued for that instant. What h names
// is checked when it is carried out (a Step or RunUntil then returns the
// *ScriptError), as for the script's happenings.
func (s *Sim) Happen(h Happening) error {
	if h.Kind < Delete || int(h.Kind) >= len(happeningNames) {
		return &ScriptError{Field: "Happen.Kind", Problem: "unknown happening " + h.Kind.String(), Allowed: happeningNames[1:]}
	}
	at := s.start.Add(h.At).UnixNano()
	if at < s.now {
		return &ScriptError{Field: "Happen.At", Pod: h.Pod, Problem: h.Kind.String() + " at " + h.At.String() +
			" is before the virtual clock (" + time.Duration(s.now-s.start.UnixNano()).String() + " since Start)"}
	}
	s.haps = append(s.haps, h)
	s.pushAt(at, item{pod: -1, hap: int32(len(s.haps) - 1), ctr: -1, what: itemHappen})
	return nil
}

// Since is the virtual time elapsed since Options.Start: the At to give
// Happen or AddPod for "now".
func (s *Sim) Since() time.Duration { return time.Duration(s.now - s.start.UnixNano()) }
