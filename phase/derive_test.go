package phase_test

import (
	"testing"

	"github.com/podlife/podlife/feature"

	"pgregory.net/rapid"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

// apiInput is a pod described by its API statuses, the way the tests below
// (and upstream's unit tests) write pods; derive runs it through
// pod.MakeViews and phase.Derive, the path every caller with an API pod
// takes.
type apiInput struct {
	RestartPolicy         restart.Policy
	InitContainers        []container.Container
	Containers            []container.Container
	ContainerStatuses     []container.Status
	InitContainerStatuses []container.Status
	Static                bool
	PodIsTerminal         bool
	PodHasInitialized     bool
	Gates                 feature.Gates
}

func derive(in *apiInput) phase.Phase {
	p := pod.Pod{
		Spec:   pod.Spec{RestartPolicy: in.RestartPolicy, InitContainers: in.InitContainers, Containers: in.Containers},
		Status: pod.Status{ContainerStatuses: in.ContainerStatuses, InitContainerStatuses: in.InitContainerStatuses},
	}
	if in.Static {
		p.Metadata.Annotations = map[string]string{pod.ConfigSourceAnnotation: "file"}
	}
	return pod.Phase(&p, pod.NodeFacts{PodIsTerminal: in.PodIsTerminal, PodHasInitialized: in.PodHasInitialized}, in.Gates)
}

func ptr[T any](v T) *T { return &v }

func running(name string) container.Status {
	return container.Status{Name: name, State: container.State{Running: &container.Running{}}, Started: ptr(true)}
}

func runningNotStarted(name string) container.Status {
	return container.Status{Name: name, State: container.State{Running: &container.Running{}}, Started: ptr(false)}
}

func exited(name string, code int32) container.Status {
	return container.Status{Name: name, State: container.State{Terminated: &container.Terminated{ExitCode: code}}}
}

func waiting(name string) container.Status {
	return container.Status{Name: name, State: container.State{Waiting: &container.Waiting{Reason: container.ContainerCreating}}}
}

func backingOff(name string, lastExit int32) container.Status {
	return container.Status{Name: name,
		State:     container.State{Waiting: &container.Waiting{Reason: container.CrashLoopBackOff}},
		LastState: container.State{Terminated: &container.Terminated{ExitCode: lastExit}}}
}

func regular(names ...string) []container.Container {
	out := make([]container.Container, len(names))
	for i, n := range names {
		out[i] = container.Container{Name: n, Image: "busybox"}
	}
	return out
}

func sidecar(name string) container.Container {
	return container.Container{Name: name, Image: "envoy", RestartPolicy: restart.Always.Ptr()}
}

// Each case is named after the rule of pkg/kubelet/kubelet_pods.go getPhase
// it checks.
func TestDeriveRules(t *testing.T) {
	rulesOff := feature.Gates{}.With(feature.ContainerRestartRules, false)
	tests := []struct {
		name string
		in   apiInput
		want phase.Phase
	}{
		{"an init container still running keeps the pod Pending",
			apiInput{RestartPolicy: restart.Always, InitContainers: regular("init"), Containers: regular("app"),
				InitContainerStatuses: []container.Status{running("init")}}, phase.Pending},
		{"an init container that exited 0 is done; a waiting app keeps Pending",
			apiInput{InitContainers: regular("init"), Containers: regular("app"),
				InitContainerStatuses: []container.Status{exited("init", 0)}, ContainerStatuses: []container.Status{waiting("app")}}, phase.Pending},
		{"a failed init container fails a Never pod",
			apiInput{RestartPolicy: restart.Never, InitContainers: regular("init"), Containers: regular("app"),
				InitContainerStatuses: []container.Status{exited("init", 1)}}, phase.Failed},
		{"a failed init container leaves an Always pod Pending (it is retried)",
			apiInput{RestartPolicy: restart.Always, InitContainers: regular("init"), Containers: regular("app"),
				InitContainerStatuses: []container.Status{exited("init", 1)}}, phase.Pending},
		{"a crash-looping init container (last exit 1) fails a Never pod",
			apiInput{RestartPolicy: restart.Never, InitContainers: regular("init"), Containers: regular("app"),
				InitContainerStatuses: []container.Status{backingOff("init", 1)}}, phase.Failed},
		{"without ContainerRestartRules, a failed init container fails only a Never pod",
			apiInput{RestartPolicy: restart.OnFailure, InitContainers: regular("init"), Containers: regular("app"),
				InitContainerStatuses: []container.Status{exited("init", 1)}, Gates: rulesOff}, phase.Pending},
		{"an init container's own Never policy fails an Always pod (ContainerRestartRules)",
			apiInput{RestartPolicy: restart.Always,
				InitContainers:        []container.Container{{Name: "init", RestartPolicy: restart.Never.Ptr()}},
				Containers:            regular("app"),
				InitContainerStatuses: []container.Status{exited("init", 1)}}, phase.Failed},
		{"a sidecar not yet started keeps the pod Pending before the sandbox has regular containers",
			apiInput{InitContainers: []container.Container{sidecar("proxy")}, Containers: regular("app"),
				InitContainerStatuses: []container.Status{runningNotStarted("proxy")},
				ContainerStatuses:     []container.Status{running("app")}}, phase.Pending},
		{"once the sandbox has regular containers an unstarted sidecar does not hold Pending",
			apiInput{InitContainers: []container.Container{sidecar("proxy")}, Containers: regular("app"),
				InitContainerStatuses: []container.Status{runningNotStarted("proxy")},
				ContainerStatuses:     []container.Status{running("app")}, PodHasInitialized: true}, phase.Running},
		{"running plus a plain waiting container is Pending",
			apiInput{Containers: regular("a", "b"),
				ContainerStatuses: []container.Status{running("a"), waiting("b")}}, phase.Pending},
		{"running plus a crash-looping container is Running",
			apiInput{Containers: regular("a", "b"),
				ContainerStatuses: []container.Status{running("a"), backingOff("b", 1)}}, phase.Running},
		{"a running container and one with no status is Pending",
			apiInput{Containers: regular("a", "b"),
				ContainerStatuses: []container.Status{running("a")}}, phase.Pending},
		{"no statuses at all is Pending",
			apiInput{Containers: regular("a")}, phase.Pending},
		{"a running sidecar keeps a pod whose apps succeeded Running (Never)",
			apiInput{RestartPolicy: restart.Never, InitContainers: []container.Container{sidecar("proxy")}, Containers: regular("app"),
				InitContainerStatuses: []container.Status{running("proxy")},
				ContainerStatuses:     []container.Status{exited("app", 0)}, PodHasInitialized: true}, phase.Running},
		{"a dead sidecar is ignored: apps succeeded under Never is Succeeded",
			apiInput{RestartPolicy: restart.Never, InitContainers: []container.Container{sidecar("proxy")}, Containers: regular("app"),
				InitContainerStatuses: []container.Status{exited("proxy", 137)},
				ContainerStatuses:     []container.Status{exited("app", 0)}}, phase.Succeeded},
		{"P7c Always with every container stopped is Running (it restarts)",
			apiInput{RestartPolicy: restart.Always, Containers: regular("a"),
				ContainerStatuses: []container.Status{exited("a", 0)}}, phase.Running},
		{"P7a the same pod once the kubelet calls it terminal is Succeeded",
			apiInput{RestartPolicy: restart.Always, Containers: regular("a"),
				ContainerStatuses: []container.Status{exited("a", 0)}, PodIsTerminal: true}, phase.Succeeded},
		{"P7a a terminal static pod is not forced terminal",
			apiInput{RestartPolicy: restart.Always, Containers: regular("a"),
				ContainerStatuses: []container.Status{exited("a", 0)}, PodIsTerminal: true, Static: true}, phase.Running},
		{"OnFailure with a failed container is Running",
			apiInput{RestartPolicy: restart.OnFailure, Containers: regular("a"),
				ContainerStatuses: []container.Status{exited("a", 2)}}, phase.Running},
		{"OnFailure with every container succeeded is Succeeded",
			apiInput{RestartPolicy: restart.OnFailure, Containers: regular("a", "b"),
				ContainerStatuses: []container.Status{exited("a", 0), exited("b", 0)}}, phase.Succeeded},
		{"Never with one failure is Failed",
			apiInput{RestartPolicy: restart.Never, Containers: regular("a", "b"),
				ContainerStatuses: []container.Status{exited("a", 0), exited("b", 1)}}, phase.Failed},
		{"a crash-looping container whose last exit was 0 is not counted as succeeded (Never: Failed)",
			apiInput{RestartPolicy: restart.Never, Containers: regular("a"),
				ContainerStatuses: []container.Status{backingOff("a", 0)}}, phase.Failed},
		{"P7b a container rule that restarts exit 42 keeps a Never pod Running",
			apiInput{RestartPolicy: restart.Never,
				Containers: []container.Container{{Name: "a", RestartPolicy: restart.Never.Ptr(),
					RestartPolicyRules: []restart.Rule{{Action: restart.ActionRestart,
						ExitCodes: &restart.ExitCodes{Operator: restart.In, Values: []int32{42}}}}}},
				ContainerStatuses: []container.Status{exited("a", 42)}}, phase.Running},
		{"P7c without ContainerRestartRules the same pod is Failed",
			apiInput{RestartPolicy: restart.Never, Gates: rulesOff,
				Containers: []container.Container{{Name: "a", RestartPolicy: restart.Never.Ptr(),
					RestartPolicyRules: []restart.Rule{{Action: restart.ActionRestart,
						ExitCodes: &restart.ExitCodes{Operator: restart.In, Values: []int32{42}}}}}},
				ContainerStatuses: []container.Status{exited("a", 42)}}, phase.Failed},
		{"Status lookup takes the first status with the name, containerStatuses first",
			apiInput{RestartPolicy: restart.Never, Containers: regular("a"),
				ContainerStatuses:     []container.Status{running("a")},
				InitContainerStatuses: []container.Status{exited("a", 1)}}, phase.Running},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := derive(&tt.in); got != tt.want {
				t.Errorf("Derive = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCanBecome(t *testing.T) {
	all := []phase.Phase{phase.Pending, phase.Running, phase.Succeeded, phase.Failed, phase.Unknown}
	for _, from := range all {
		for _, to := range all {
			want := !from.IsTerminal() || from == to
			if got := from.CanBecome(to); got != want {
				t.Errorf("%s.CanBecome(%s) = %v, want %v", from, to, got, want)
			}
		}
	}
	if !phase.Running.CanBecome(phase.Pending) {
		t.Error("Running must be able to revert to Pending (upstream: running can revert to pending)")
	}
}

// genInput draws a random pod view: up to 3 init containers (some of them
// sidecars), up to 3 regular containers, each with a random status or none.
func genInput(t *rapid.T) apiInput {
	policies := []restart.Policy{restart.Always, restart.OnFailure, restart.Never}
	in := apiInput{
		RestartPolicy:     rapid.SampledFrom(policies).Draw(t, "policy"),
		PodIsTerminal:     rapid.Bool().Draw(t, "terminal"),
		PodHasInitialized: rapid.Bool().Draw(t, "initialized"),
		Static:            rapid.Bool().Draw(t, "static"),
	}
	status := func(name string) (container.Status, bool) {
		switch rapid.IntRange(0, 5).Draw(t, name+"-state") {
		case 0:
			return container.Status{}, false
		case 1:
			return running(name), true
		case 2:
			return runningNotStarted(name), true
		case 3:
			return exited(name, rapid.SampledFrom([]int32{0, 1, 137}).Draw(t, name+"-exit")), true
		case 4:
			return waiting(name), true
		default:
			return backingOff(name, rapid.SampledFrom([]int32{0, 1}).Draw(t, name+"-last")), true
		}
	}
	for i, n := 0, rapid.IntRange(0, 3).Draw(t, "inits"); i < n; i++ {
		c := container.Container{Name: "init-" + string(rune('a'+i))}
		if rapid.Bool().Draw(t, c.Name+"-sidecar") {
			c.RestartPolicy = restart.Always.Ptr()
		}
		in.InitContainers = append(in.InitContainers, c)
		if s, ok := status(c.Name); ok {
			in.InitContainerStatuses = append(in.InitContainerStatuses, s)
		}
	}
	for i, n := 0, rapid.IntRange(1, 3).Draw(t, "apps"); i < n; i++ {
		c := container.Container{Name: "app-" + string(rune('a'+i))}
		in.Containers = append(in.Containers, c)
		if s, ok := status(c.Name); ok {
			in.ContainerStatuses = append(in.ContainerStatuses, s)
		}
	}
	return in
}

func TestDeriveProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInput(t)
		got := derive(&in)
		if !got.IsValid() || got == phase.Unknown {
			t.Fatalf("Derive returned %q; the kubelet only ever reports Pending, Running, Succeeded or Failed", got)
		}
		if again := derive(&in); again != got {
			t.Fatalf("Derive is not deterministic: %s then %s", got, again)
		}
	})
}

// Adding the missing status of a regular container as "waiting for its
// first start" never takes a Pending pod out of Pending.
func TestDeriveAddingWaitingStatusKeepsPending(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInput(t)
		if derive(&in) != phase.Pending {
			t.Skip("not Pending")
		}
		for _, c := range in.Containers {
			if container.Find(in.ContainerStatuses, c.Name) == nil {
				in.ContainerStatuses = append(in.ContainerStatuses, waiting(c.Name))
				break
			}
		}
		if got := derive(&in); got != phase.Pending {
			t.Fatalf("adding a waiting status turned Pending into %s", got)
		}
	})
}

// Under Never and OnFailure, a pod whose regular containers all exited 0 and
// whose init containers all finished with no sidecar running is Succeeded.
func TestDeriveAllSucceededIsSucceeded(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInput(t)
		in.RestartPolicy = rapid.SampledFrom([]restart.Policy{restart.Never, restart.OnFailure}).Draw(t, "runOnce")
		in.ContainerStatuses = in.ContainerStatuses[:0]
		for _, c := range in.Containers {
			in.ContainerStatuses = append(in.ContainerStatuses, exited(c.Name, 0))
		}
		in.InitContainerStatuses = in.InitContainerStatuses[:0]
		for _, c := range in.InitContainers {
			code := int32(0)
			if c.IsSidecar() {
				code = 137 // a sidecar stopped by the kubelet
			}
			in.InitContainerStatuses = append(in.InitContainerStatuses, exited(c.Name, code))
		}
		if got := derive(&in); got != phase.Succeeded {
			t.Fatalf("Derive = %s, want Succeeded", got)
		}
	})
}

func TestDeriveAllocatesNothing(t *testing.T) {
	in := benchViews()
	if n := testing.AllocsPerRun(100, func() { _ = phase.Derive(&in) }); n != 0 {
		t.Fatalf("Derive allocates %v times per call, want 0", n)
	}
}

// benchViews is benchInput as a state machine would fill it.
func benchViews() phase.Input {
	return phase.Input{
		RestartPolicy: restart.Always,
		Init: []container.View{
			{Kind: container.Init, State: container.StateTerminated},
			{Kind: container.Sidecar, State: container.StateRunning, Flags: container.Started | container.Ready},
		},
		Regular: []container.View{
			{State: container.StateRunning, Flags: container.Started | container.Ready},
			{State: container.StateWaiting, ExitCode: 1, Flags: container.LastTerminated | container.WillRestart},
			{State: container.StateRunning, Flags: container.Started | container.Ready},
		},
		PodHasInitialized: true,
	}
}

func TestDeriveViewsAgreeWithAPIStatuses(t *testing.T) {
	api, views := benchInput(), benchViews()
	if got, want := phase.Derive(&views), derive(&api); got != want || got != phase.Running {
		t.Fatalf("views say %s, API statuses %s; want Running", got, want)
	}
}

func benchInput() apiInput {
	return apiInput{
		RestartPolicy:  restart.Always,
		InitContainers: []container.Container{{Name: "init-db"}, sidecar("istio-proxy")},
		Containers:     regular("app", "metrics", "log-shipper"),
		InitContainerStatuses: []container.Status{
			exited("init-db", 0), running("istio-proxy")},
		ContainerStatuses: []container.Status{
			running("app"), backingOff("metrics", 1), running("log-shipper")},
		PodHasInitialized: true,
	}
}

func BenchmarkDerive(b *testing.B) {
	in := benchViews()
	b.ReportAllocs()
	for b.Loop() {
		_ = phase.Derive(&in)
	}
}

// Derive never panics on any views and answers one of the four phases the
// kubelet reports.
func FuzzDerive(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5}, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, flags uint8) {
		in := phase.Input{
			RestartPolicy:     []restart.Policy{"", restart.Always, restart.OnFailure, restart.Never}[flags&3],
			Static:            flags&4 != 0,
			PodIsTerminal:     flags&8 != 0,
			PodHasInitialized: flags&16 != 0,
			Gates:             feature.Gates{}.With(feature.ContainerRestartRules, flags&32 == 0),
		}
		for i, b := range data {
			v := container.View{Kind: container.Kind(b % 4), State: container.StateKind(b >> 2 % 6),
				Flags: container.ViewFlags(b >> 4), ExitCode: int32(i % 3)}
			if b&0x80 != 0 {
				in.Init = append(in.Init, v)
			} else {
				in.Regular = append(in.Regular, v)
			}
		}
		switch got := phase.Derive(&in); got {
		case phase.Pending, phase.Running, phase.Succeeded, phase.Failed:
		default:
			t.Fatalf("Derive = %q", got)
		}
	})
}
