package sim

import "strings"

// AddHappening queues h at h.At (since Options.Start) while the Sim runs:
// for embedders that feed a long run as it goes (a pod and its deletion at
// a time) rather than script it all up front. h is checked as a Script's
// happenings are, and must not be before Now; the error is a *ScriptError
// whose Field starts with "AddHappening". The slot of a happening carried
// out is reused, so a happening a pod keeps no memory once it is done.
func (s *Sim) AddHappening(h Happening) error {
	one := Script{Happenings: []Happening{h}}
	if err := one.validate(); err != nil {
		if se, ok := err.(*ScriptError); ok {
			se.Field = strings.Replace(se.Field, "Happenings[0]", "AddHappening", 1)
		}
		return err
	}
	at := s.start.Add(h.At).UnixNano()
	if at < s.now {
		return &ScriptError{Field: "AddHappening.At", Pod: h.Pod, Problem: h.Kind.String() + " at " + h.At.String() +
			" is before the clock's now, " + s.Now().Sub(s.start).String()}
	}
	s.pushAt(at, item{pod: -1, hap: s.haps.put(h), ctr: -1, what: itemHappen})
	return nil
}

// happeningField names happening i in an error: its place in the Script,
// or AddHappening.
func (s *Sim) happeningField(i int32) string {
	if int(i) < len(s.opts.Script.Happenings) {
		return field("Happenings", int(i), "")
	}
	return "AddHappening"
}

// freeHappening lets AddHappening reuse the slot of happening i, carried
// out, when AddHappening queued it (a Script's keep their index, which
// errors name).
func (s *Sim) freeHappening(i int32) {
	if int(i) >= len(s.opts.Script.Happenings) {
		s.haps.release(i)
	}
}

// forget drops removed pod i (Options.ForgetRemoved): its names no longer
// find it and its state is garbage. Queued answers for it are dropped when
// they come up (deliver skips a nil pod). With the option on, s.pods holds
// nil for every pod forgotten: code that walks s.pods must skip them.
func (s *Sim) forget(i int32) {
	sp := s.pods[i]
	if j, ok := s.byKey[sp.key]; ok && j == i {
		delete(s.byKey, sp.key)
	}
	if name := sp.m.Pod().Metadata.Name; name != "" {
		if j, ok := s.byKey[name]; ok && j == i {
			delete(s.byKey, name)
		}
	}
	s.pods[i] = nil
}
