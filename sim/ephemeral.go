package sim

import (
	"strings"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
)

// ephemeral is an ephemeral container waiting to be added, and how it
// behaves.
type ephemeral struct {
	spec container.Container
	how  ContainerScript
}

// AddEphemeralContainer adds ephemeral container c to pod key ("namespace/
// name" or name) at time at since Options.Start, as `kubectl debug` does
// through the pod's ephemeralcontainers subresource; the kubelet starts it
// once and never restarts it. how says how it behaves (its Pod, Labels and
// Container fields are ignored): the Script's entries were matched when
// the pod was added, before the container existed. The pod must have been
// added and at must not be before Now (a *ScriptError). When the time
// comes, a pod not created yet, or a container the machine refuses (a name
// taken, probes or lifecycle set, a terminating pod), makes Step return a
// *ScriptError and nothing is added; a pod gone by then takes nothing.
func (s *Sim) AddEphemeralContainer(key string, c container.Container, at time.Duration, how ContainerScript) error {
	i, ok := s.byKey[key]
	if !ok {
		return &ScriptError{Field: "AddEphemeralContainer.key", Pod: key, Container: c.Name, Problem: "no such pod has been added"}
	}
	one := Script{Containers: []ContainerScript{how}}
	if err := one.validate(); err != nil {
		if se, ok := err.(*ScriptError); ok {
			se.Field = strings.Replace(se.Field, "Containers[0]", "AddEphemeralContainer.how", 1)
		}
		return err
	}
	t := s.start.Add(at).UnixNano()
	if at < 0 || t < s.now {
		return &ScriptError{Field: "AddEphemeralContainer.at", Pod: key, Container: c.Name, Problem: "time " + at.String() + " is before the clock's now, " + s.Now().Sub(s.start).String()}
	}
	how.Pod, how.Labels, how.Container = "", nil, ""
	s.ephs = append(s.ephs, &ephemeral{spec: c, how: how})
	s.pushAt(t, item{pod: i, hap: int32(len(s.ephs) - 1), ctr: -1, kind: pod.EphemeralContainerAdded})
	return nil
}

// addEphemeral delivers the EphemeralContainerAdded of it: the Sim's
// runtime learns the container first, so that the machine's actions for
// it (pull, create, start) find it.
func (s *Sim) addEphemeral(it *item) error {
	sp, e := s.pods[it.pod], s.ephs[it.hap]
	s.ephs[it.hap] = nil
	problem := func(p string) error {
		return &ScriptError{Field: "AddEphemeralContainer", Pod: sp.key, Container: e.spec.Name, Problem: p}
	}
	if !sp.created {
		return problem("the pod is not created yet")
	}
	s.stats.Events++
	if err := s.stepEphemeral(it.pod, ctrState{name: e.spec.Name, script: &e.how}, e.spec, "ephemeral container "+e.spec.Name+" added"); err != nil {
		return problem("refused: " + err.Error())
	}
	return nil
}

// stepEphemeral adds ephemeral container c to pod i, the Sim's runtime
// first (st: how it behaves) so that the machine's actions for it find it,
// then the machine; a container the machine refuses is taken back out.
// Both AddEphemeralContainer and the Debug happening come here.
func (s *Sim) stepEphemeral(i int32, st ctrState, c container.Container, cause string) error {
	sp := s.pods[i]
	sp.ctrs = append(sp.ctrs, st)
	if err := s.stepPod(i, pod.Event{Kind: pod.EphemeralContainerAdded, At: s.Now(), Ephemeral: c}, cause); err != nil {
		sp.ctrs = sp.ctrs[:len(sp.ctrs)-1]
		return err
	}
	return nil
}
