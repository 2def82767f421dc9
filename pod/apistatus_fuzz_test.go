package pod_test

import (
	"testing"
	"time"

	"github.com/podlife/podlife/feature"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

// decodeAPIStatus turns fuzz bytes into a pod, its runtime view and a
// list choice. Names come from a pool of four, so duplicates, records of
// the other list and records of no container all occur; previous states
// may set several of waiting, running and terminated at once.
func decodeAPIStatus(data []byte) (*pod.Pod, *pod.RuntimeStatus, bool, feature.Gates) {
	next := func() byte {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return b
	}
	names := []string{"a", "b", "c", "d"}
	policies := []restart.Policy{"", restart.Always, restart.OnFailure, restart.Never, "Bogus"}
	p := &pod.Pod{Metadata: pod.Meta{Name: "f", UID: "u"}}
	flags := next()
	p.Spec.RestartPolicy = policies[int(next())%len(policies)]
	if flags&1 != 0 {
		p.Metadata.DeletionTimestamp = time.Unix(1, 0)
	}
	if flags&2 != 0 {
		p.Status.Conditions = []pod.Condition{{Type: pod.AllContainersRestarting, Status: pod.ConditionTrue}}
	}
	init := flags&4 != 0
	gates := feature.Gates{}
	if flags&8 != 0 {
		gates = gates.With(feature.RestartAllContainersOnContainerExits, false)
	}
	spec := func() container.Container {
		b := next()
		c := container.Container{Name: names[int(b)%len(names)], Image: "img"}
		if pol := policies[int(b>>2)%len(policies)]; pol != "" {
			c.RestartPolicy = pol.Ptr()
		}
		if b&0x80 != 0 {
			c.RestartPolicyRules = []restart.Rule{{Action: restart.ActionRestartAllContainers,
				ExitCodes: &restart.ExitCodes{Operator: restart.In, Values: []int32{int32(b & 3)}}}}
		}
		return c
	}
	for n := int(next() % 4); n > 0; n-- {
		p.Spec.InitContainers = append(p.Spec.InitContainers, spec())
	}
	for n := int(next() % 4); n > 0; n-- {
		p.Spec.Containers = append(p.Spec.Containers, spec())
	}
	state := func() container.State {
		b := next()
		var s container.State
		if b&1 != 0 {
			s.Waiting = &container.Waiting{Reason: container.CrashLoopBackOff}
		}
		if b&2 != 0 {
			s.Running = &container.Running{StartedAt: time.Unix(int64(b), 0)}
		}
		if b&4 != 0 {
			s.Terminated = &container.Terminated{ExitCode: int32(b >> 4), ContainerID: "x"}
		}
		return s
	}
	for n := int(next() % 6); n > 0; n-- {
		b := next()
		s := container.Status{Name: names[int(b)%len(names)], State: state(), LastState: state(),
			RestartCount: int32(b >> 3), ContainerID: []string{"", "x", "y"}[int(b>>2)%3]}
		if b&0x80 != 0 {
			s.Started = ptrBool(b&0x40 != 0)
		}
		if b&0x20 != 0 {
			p.Status.InitContainerStatuses = append(p.Status.InitContainerStatuses, s)
		} else {
			p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, s)
		}
	}
	rt := &pod.RuntimeStatus{}
	states := []container.RuntimeState{container.RuntimeCreated, container.RuntimeRunning, container.RuntimeExited, container.RuntimeUnknown, "", "bogus"}
	for n := int(next() % 8); n > 0; n-- {
		b, c := next(), next()
		rt.Records = append(rt.Records, container.RuntimeRecord{
			Name: names[int(b)%len(names)], State: states[int(b>>2)%len(states)], ExitCode: int32(c & 3),
			Attempt: int32(c >> 2), ContainerID: []string{"x", "y", "z"}[int(c)%3], Reason: container.OOMKilled,
		})
	}
	for n := int(next() % 3); n > 0; n-- {
		rt.FailedStarts = append(rt.FailedStarts, container.FailedStart{Name: names[int(next())%len(names)], Reason: container.ErrImagePull})
	}
	rt.PodRestarting = pod.ShouldAllContainersRestart(p, rt.Records, gates)
	return p, rt, init, gates
}

// FuzzContainerStatuses: no input panics, ready is only ever carried from a
// kept terminated status, and a warm, reused buffer answers exactly like a
// fresh one.
func FuzzContainerStatuses(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 1, 2, 0x81, 0x02, 3, 0x05, 0x07, 0x03, 3, 0x10, 0x06, 0x01, 5, 4, 9, 8, 7, 6, 2, 1})
	f.Add([]byte{7, 3, 3, 1, 2, 3, 3, 4, 5, 6, 5, 0x21, 7, 7, 0xe3, 1, 0, 6, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 2, 1, 3})
	f.Add([]byte{12, 0, 1, 0x80, 2, 0x83, 2, 1, 6, 6, 2, 0x86, 4, 4, 9, 3, 2, 11, 2})
	var buf pod.StatusBuffer
	f.Fuzz(func(t *testing.T, data []byte) {
		p, rt, init, gates := decodeAPIStatus(data)
		fresh := pod.ContainerStatuses(nil, p, rt, listKind(init), gates)
		for i := 0; i < 3; i++ {
			warm := pod.ContainerStatuses(&buf, p, rt, listKind(init), gates)
			if d := cmp.Diff(fresh, warm); d != "" {
				t.Fatalf("warm buffer differs from a fresh one (-fresh +warm):\n%s", d)
			}
		}
		for _, s := range fresh {
			if s.Ready && !wasReadyTerminated(p, init, s.Name) {
				t.Errorf("%s: ready set without a previous ready terminated status kept whole", s.Name)
			}
		}
	})
}

func wasReadyTerminated(p *pod.Pod, init bool, name string) bool {
	list := p.Status.ContainerStatuses
	if init {
		list = p.Status.InitContainerStatuses
	}
	for _, s := range list {
		if s.Name == name && s.Ready && s.State.Terminated != nil {
			return true
		}
	}
	return false
}
