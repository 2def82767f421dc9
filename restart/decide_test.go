package restart

import (
	"testing"

	"github.com/podlife/podlife/feature"

	"pgregory.net/rapid"
)

func in(codes ...int32) *ExitCodes    { return &ExitCodes{Operator: In, Values: codes} }
func notIn(codes ...int32) *ExitCodes { return &ExitCodes{Operator: NotIn, Values: codes} }

// The restart rules as upstream's table checks them:
// pkg/kubelet/container/helpers_test.go TestShouldContainerBeRestarted
// (five containers × three pod policies, then the same with the pod
// being deleted). Exit codes are the table's: succeed 0, failed 1.
func TestShouldContainerBeRestarted_helpersTest(t *testing.T) {
	records := []struct {
		name   string
		newest Record
	}{
		{"no-history", Record{}},
		{"alive", Record{State: StateRunning}},
		{"succeed", Exited(0)},
		{"failed", Exited(1)},
		{"unknown", Record{State: StateUnknown}},
	}
	want := map[Policy][]bool{ // per record above
		Never:     {true, false, false, false, true},
		OnFailure: {true, false, false, true, true},
		Always:    {true, false, true, true, true},
	}
	for policy, expect := range want {
		for i, r := range records {
			s := Spec{PodPolicy: policy}
			if got := ShouldContainerBeRestarted(s, r.newest, false, feature.Gates{}); got != expect[i] {
				t.Errorf("%s / %s: got %v, want %v", r.name, policy, got, expect[i])
			}
			// Rule 1: once the pod is being deleted, nothing restarts.
			if ShouldContainerBeRestarted(s, r.newest, true, feature.Gates{}) {
				t.Errorf("deleted pod / %s / %s: restarted", r.name, policy)
			}
		}
	}
}

// Rule 4: created and unknown records restart whatever the policy, rule 3:
// running never does; also with ContainerRestartRules off and with a
// container policy of Never.
func TestShouldContainerBeRestarted_nonExitedStates(t *testing.T) {
	for _, g := range []feature.Gates{{}, feature.Gates{}.With(feature.ContainerRestartRules, false)} {
		for _, s := range []Spec{{PodPolicy: Never}, {PodPolicy: Always, ContainerPolicy: Never}} {
			for state, want := range map[RecordState]bool{
				StateNone: true, StateCreated: true, StateUnknown: true, StateRunning: false,
			} {
				if got := ShouldContainerBeRestarted(s, Record{State: state}, false, g); got != want {
					t.Errorf("%v / %+v / %+v: got %v, want %v", state, s, g, got, want)
				}
			}
		}
	}
}

// Rules 7-10: pkg/api/v1/pod/util_test.go TestContainerHasRestartablePolicy,
// the ContainerShouldRestart table.
func TestShouldRestartAfterExit_utilTest(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Spec
		code int32
		want bool
	}{
		{"Rule: 'In' operator matches with 'Restart' action",
			Spec{ContainerPolicy: Never, Rules: []Rule{{Action: ActionRestart, ExitCodes: in(42, 50, 60)}}}, 42, true},
		{"Rule: 'NotIn' operator matches with 'Restart' action",
			Spec{ContainerPolicy: Never, Rules: []Rule{{Action: ActionRestart, ExitCodes: notIn(0, 1, 2)}}}, 99, true},
		{"Rule: 'In' operator matches with 'RestartAllContainers' action",
			Spec{ContainerPolicy: Never, Rules: []Rule{{Action: ActionRestartAllContainers, ExitCodes: in(42, 50, 60)}}}, 42, true},
		{"Rule: 'In' operator does not match, should fall back to container policy",
			Spec{ContainerPolicy: Never, Rules: []Rule{{Action: ActionRestart, ExitCodes: in(10, 20)}}}, 30, false},
		{"Rule: 'NotIn' operator does not match, should fall back to container policy",
			Spec{ContainerPolicy: Never, Rules: []Rule{{Action: ActionRestart, ExitCodes: notIn(10, 20)}}}, 10, false},
		{"Container Policy: 'Always'", Spec{PodPolicy: Never, ContainerPolicy: Always}, 0, true},
		{"Container Policy: 'OnFailure' with exit code 0", Spec{PodPolicy: Never, ContainerPolicy: OnFailure}, 0, false},
		{"Container Policy: 'OnFailure' with non-zero exit code", Spec{PodPolicy: Never, ContainerPolicy: OnFailure}, 1, true},
		{"Container Policy: 'Never' should return false", Spec{PodPolicy: Always, ContainerPolicy: Never}, 1, false},
		{"Pod Policy: Fallback to pod 'Always'", Spec{PodPolicy: Always}, 0, true},
		{"Pod Policy: Fallback to pod 'OnFailure' with non-zero exit code", Spec{PodPolicy: OnFailure}, 1, true},
		{"Pod Policy: Fallback to pod 'Never'", Spec{PodPolicy: Never}, 1, false},
		{"Pod Policy: Fallback with no policies specified should return true", Spec{}, 0, true},
	} {
		if got := ShouldRestartAfterExit(tc.s, tc.code, feature.Gates{}); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
		// Rule 5: the newest record being exited leads here.
		if got := ShouldContainerBeRestarted(tc.s, Exited(tc.code), false, feature.Gates{}); got != tc.want {
			t.Errorf("%s (via ShouldContainerBeRestarted): got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Rule 7 corners of pkg/api/v1/pod/util.go ContainerShouldRestart and
// FindMatchingContainerRestartRule.
func TestShouldRestartAfterExit_ruleCorners(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Spec
		code int32
		want bool
	}{
		{"rules are ignored without a container policy",
			Spec{PodPolicy: Never, Rules: []Rule{{Action: ActionRestart, ExitCodes: in(1)}}}, 1, false},
		{"a rule without exitCodes never matches",
			Spec{PodPolicy: Always, ContainerPolicy: Never, Rules: []Rule{{Action: ActionRestart}}}, 1, false},
		{"a rule with an unknown operator never matches",
			Spec{ContainerPolicy: Never, Rules: []Rule{{Action: ActionRestart, ExitCodes: &ExitCodes{Operator: "Exists", Values: []int32{1}}}}}, 1, false},
		{"the first matching rule wins, even with an unknown action",
			Spec{ContainerPolicy: Never, Rules: []Rule{{Action: "Pause", ExitCodes: in(1)}, {Action: ActionRestart, ExitCodes: in(1)}}}, 1, false},
		{"a later rule matches when earlier ones do not",
			Spec{ContainerPolicy: Never, Rules: []Rule{{Action: ActionRestart, ExitCodes: in(2)}, {Action: ActionRestart, ExitCodes: in(1)}}}, 1, true},
		{"In with no values never matches", Spec{ContainerPolicy: Never, Rules: []Rule{{Action: ActionRestart, ExitCodes: in()}}}, 0, false},
		{"NotIn with no values always matches", Spec{ContainerPolicy: Never, Rules: []Rule{{Action: ActionRestart, ExitCodes: notIn()}}}, 0, true},
		{"an unknown container policy falls back to the pod policy", Spec{PodPolicy: Never, ContainerPolicy: "Sometimes"}, 1, false},
		{"an unknown pod policy means Always", Spec{PodPolicy: "Sometimes"}, 0, true},
		{"container OnFailure overrides pod Always", Spec{PodPolicy: Always, ContainerPolicy: OnFailure}, 0, false},
		{"pod OnFailure, negative exit code is a failure", Spec{PodPolicy: OnFailure}, -1, true},
	} {
		if got := ShouldRestartAfterExit(tc.s, tc.code, feature.Gates{}); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Rule 8: with RestartAllContainersOnContainerExits off, a matching
// RestartAllContainers rule no longer restarts; evaluation falls through
// to the container policy.
func TestShouldRestartAfterExit_restartAllGateOff(t *testing.T) {
	s := Spec{PodPolicy: Always, ContainerPolicy: Never, Rules: []Rule{{Action: ActionRestartAllContainers, ExitCodes: in(42)}}}
	if !ShouldRestartAfterExit(s, 42, feature.Gates{}) {
		t.Error("gate on: want restart")
	}
	if ShouldRestartAfterExit(s, 42, feature.Gates{}.With(feature.RestartAllContainersOnContainerExits, false)) {
		t.Error("gate off: want the container policy Never to decide")
	}
	s.ContainerPolicy = OnFailure
	if !ShouldRestartAfterExit(s, 42, feature.Gates{}.With(feature.RestartAllContainersOnContainerExits, false)) {
		t.Error("gate off, container OnFailure, exit 42: want restart")
	}
}

// Rule 5 with ContainerRestartRules off: pkg/kubelet/container/helpers.go
// ShouldContainerBeRestarted before KEP-5307 reads only the pod policy.
func TestShouldRestartAfterExit_containerRestartRulesOff(t *testing.T) {
	off := feature.Gates{}.With(feature.ContainerRestartRules, false)
	rules := []Rule{{Action: ActionRestart, ExitCodes: in(0, 1)}}
	for _, tc := range []struct {
		pod  Policy
		code int32
		want bool
	}{
		{Never, 0, false}, {Never, 1, false},
		{OnFailure, 0, false}, {OnFailure, 1, true},
		{Always, 0, true}, {Always, 1, true},
		{"", 0, true}, {"", 1, true},
	} {
		// The container's policy and rules must not matter.
		for _, cp := range []Policy{"", Always, OnFailure, Never} {
			s := Spec{PodPolicy: tc.pod, ContainerPolicy: cp, Rules: rules}
			if got := ShouldRestartAfterExit(s, tc.code, off); got != tc.want {
				t.Errorf("pod %q, container %q, exit %d: got %v, want %v", tc.pod, cp, tc.code, got, tc.want)
			}
		}
	}
}

// pkg/kubelet/container/helpers.go ShouldContainerBeRestarted does not
// single out sidecars: with ContainerRestartRules on, their own policy
// Always restarts them after any exit; with it off, the pod's policy
// decides (checked against v1.37.1: a sidecar that exited in a Never pod is
// not restarted by this helper; the sync's own sidecar rule is elsewhere).
func TestShouldContainerBeRestarted_sidecar(t *testing.T) {
	rulesOff := feature.Gates{}.With(feature.ContainerRestartRules, false)
	for _, g := range []feature.Gates{{}, rulesOff, feature.Gates{}.With(feature.RestartAllContainersOnContainerExits, false)} {
		for _, pp := range []Policy{Never, OnFailure, Always} {
			s := Spec{PodPolicy: pp, ContainerPolicy: Always, Init: true}
			for _, code := range []int32{0, 1, 137} {
				want := true
				if g == rulesOff {
					want = pp == Always || pp == OnFailure && code != 0
				}
				if got := ShouldContainerBeRestarted(s, Exited(code), false, g); got != want {
					t.Errorf("sidecar, pod %s, exit %d, %v: restarted %v, want %v", pp, code, g, got, want)
				}
			}
			if ShouldContainerBeRestarted(s, Exited(1), true, g) {
				t.Errorf("sidecar of a deleted pod restarted")
			}
		}
	}
	// A regular container with policy Always is no sidecar; with the gate
	// off its policy is dropped.
	if ShouldContainerBeRestarted(Spec{PodPolicy: Never, ContainerPolicy: Always}, Exited(0), false, feature.Gates{}.With(feature.ContainerRestartRules, false)) {
		t.Error("regular container, gate off, pod Never: restarted")
	}
	if !(Spec{Init: true, ContainerPolicy: Always}).IsSidecar() || (Spec{ContainerPolicy: Always}).IsSidecar() || (Spec{Init: true}).IsSidecar() {
		t.Error("IsSidecar wrong")
	}
}

// Rule 12: pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions
// restarts after a liveness/startup kill from the policies only.
func TestShouldRestartAfterProbeKill_computePodActions(t *testing.T) {
	restartOnExit1 := []Rule{{Action: ActionRestart, ExitCodes: in(1)}}
	for _, tc := range []struct {
		name string
		s    Spec
		g    feature.Gates
		want bool
	}{
		{"pod Always", Spec{PodPolicy: Always}, feature.Gates{}, true},
		{"pod OnFailure", Spec{PodPolicy: OnFailure}, feature.Gates{}, true},
		{"pod Never", Spec{PodPolicy: Never}, feature.Gates{}, false},
		{"pod unset", Spec{}, feature.Gates{}, true},
		{"container Never overrides pod Always", Spec{PodPolicy: Always, ContainerPolicy: Never}, feature.Gates{}, false},
		{"container OnFailure overrides pod Never", Spec{PodPolicy: Never, ContainerPolicy: OnFailure}, feature.Gates{}, true},
		{"rules are not consulted", Spec{PodPolicy: Never, ContainerPolicy: Never, Rules: restartOnExit1}, feature.Gates{}, false},
		{"gate off: pod policy only", Spec{PodPolicy: Always, ContainerPolicy: Never}, feature.Gates{}.With(feature.ContainerRestartRules, false), true},
		{"gate off: pod Never", Spec{PodPolicy: Never, ContainerPolicy: Always}, feature.Gates{}.With(feature.ContainerRestartRules, false), false},
	} {
		if got := ShouldRestartAfterProbeKill(tc.s, tc.g); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Rule 11: pkg/api/v1/pod/util.go IsContainerRestartable.
func TestIsContainerRestartable_util(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Spec
		want bool
	}{
		{"pod Never", Spec{PodPolicy: Never}, false},
		{"pod OnFailure", Spec{PodPolicy: OnFailure}, true},
		{"pod unset", Spec{}, true},
		{"container Never, pod Always", Spec{PodPolicy: Always, ContainerPolicy: Never}, false},
		{"container OnFailure, pod Never", Spec{PodPolicy: Never, ContainerPolicy: OnFailure}, true},
		{"container Never with a Restart rule", Spec{PodPolicy: Never, ContainerPolicy: Never,
			Rules: []Rule{{Action: ActionRestart, ExitCodes: in(3)}}}, true},
		{"a Restart rule without exitCodes still counts", Spec{ContainerPolicy: Never, Rules: []Rule{{Action: ActionRestart}}}, true},
		{"a RestartAllContainers rule does not count", Spec{PodPolicy: Always, ContainerPolicy: Never,
			Rules: []Rule{{Action: ActionRestartAllContainers, ExitCodes: in(3)}}}, false},
		{"rules without a container policy are ignored", Spec{PodPolicy: Never, Rules: []Rule{{Action: ActionRestart}}}, false},
	} {
		if got := IsContainerRestartable(tc.s); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Rule 13: pkg/kubelet/container/helpers.go ShouldAllContainersRestart —
// a container's exit triggers an in-place restart of the whole pod.
func TestRestartsAllContainers_helpers(t *testing.T) {
	s := Spec{ContainerPolicy: Never, Rules: []Rule{
		{Action: ActionRestart, ExitCodes: in(1)},
		{Action: ActionRestartAllContainers, ExitCodes: in(1, 88)},
	}}
	for _, tc := range []struct {
		name string
		s    Spec
		code int32
		g    feature.Gates
		want bool
	}{
		{"matching RestartAllContainers rule", s, 88, feature.Gates{}, true},
		{"an earlier Restart rule wins", s, 1, feature.Gates{}, false},
		{"no rule matches", s, 2, feature.Gates{}, false},
		{"RestartAllContainersOnContainerExits off", s, 88, feature.Gates{}.With(feature.RestartAllContainersOnContainerExits, false), false},
		{"ContainerRestartRules off", s, 88, feature.Gates{}.With(feature.ContainerRestartRules, false), false},
		{"rules without a container policy", Spec{Rules: s.Rules}, 88, feature.Gates{}, false},
	} {
		if got := RestartsAllContainers(tc.s, tc.code, tc.g); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Rule 23: pkg/kubelet/kuberuntime/helpers_test.go TestIsInitContainerFailed.
func TestInitContainerFailed_helpersTest(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    Record
		want bool
	}{
		{"exited with a non-zero exit code", Exited(1), true},
		{"unknown state", Record{State: StateUnknown}, true},
		{"OOMKilled with exit code 0", Record{State: StateExited, OOMKilled: true}, true},
		{"exited 0", Exited(0), false},
		{"running", Record{State: StateRunning}, false},
		{"created", Record{State: StateCreated}, false},
		{"no record", Record{}, false},
	} {
		if got := InitContainerFailed(tc.r); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestRecordStateString(t *testing.T) {
	for s, want := range map[RecordState]string{
		StateNone: "none", StateRunning: "running", StateExited: "exited",
		StateCreated: "created", StateUnknown: "unknown", 200: "RecordState(?)",
	} {
		if got := s.String(); got != want {
			t.Errorf("%d: %q, want %q", s, got, want)
		}
	}
}

// Out-of-range inputs neither panic nor escape the documented reading: an
// unknown state value is read as exited.
func TestShouldContainerBeRestarted_oddInputs(t *testing.T) {
	if ShouldContainerBeRestarted(Spec{PodPolicy: Never}, Record{State: 99, ExitCode: 1}, false, feature.Gates{}) {
		t.Error("unknown state under Never: restarted")
	}
	if !ShouldContainerBeRestarted(Spec{PodPolicy: OnFailure}, Record{State: 99, ExitCode: 1}, false, feature.Gates{}) {
		t.Error("unknown state, exit 1 under OnFailure: not restarted")
	}
	if ShouldRestartAfterExit(Spec{ContainerPolicy: Never, Rules: []Rule{{}}}, 0, feature.Gates{}) {
		t.Error("empty rule matched")
	}
}

// --- properties ---

var (
	policies  = []Policy{"", Always, OnFailure, Never, "Bogus"}
	actions   = []Action{ActionRestart, ActionRestartAllContainers, "Bogus"}
	operators = []Operator{In, NotIn, "Bogus"}
)

func genExitCode() *rapid.Generator[int32] {
	return rapid.OneOf(rapid.Int32Range(-2, 5), rapid.SampledFrom([]int32{126, 127, 137, 143, 255}), rapid.Int32())
}

func genRule() *rapid.Generator[Rule] {
	return rapid.Custom(func(t *rapid.T) Rule {
		r := Rule{Action: rapid.SampledFrom(actions).Draw(t, "action")}
		if rapid.IntRange(0, 9).Draw(t, "hasExitCodes") > 0 {
			r.ExitCodes = &ExitCodes{
				Operator: rapid.SampledFrom(operators).Draw(t, "operator"),
				Values:   rapid.SliceOfN(genExitCode(), 0, 4).Draw(t, "values"),
			}
		}
		return r
	})
}

func genSpec() *rapid.Generator[Spec] {
	return rapid.Custom(func(t *rapid.T) Spec {
		return Spec{
			PodPolicy:       rapid.SampledFrom(policies).Draw(t, "podPolicy"),
			ContainerPolicy: rapid.SampledFrom(policies).Draw(t, "containerPolicy"),
			Rules:           rapid.SliceOfN(genRule(), 0, 3).Draw(t, "rules"),
			Init:            rapid.Bool().Draw(t, "init"),
		}
	})
}

func genRecord() *rapid.Generator[Record] {
	return rapid.Custom(func(t *rapid.T) Record {
		return Record{
			State:     RecordState(rapid.IntRange(0, 6).Draw(t, "state")),
			ExitCode:  genExitCode().Draw(t, "exitCode"),
			OOMKilled: rapid.Bool().Draw(t, "oom"),
		}
	})
}

func genGates() *rapid.Generator[feature.Gates] {
	return rapid.Custom(func(t *rapid.T) feature.Gates {
		return feature.Gates{}.With(feature.ContainerRestartRules, !rapid.Bool().Draw(t, "noRules")).With(feature.RestartAllContainersOnContainerExits, !rapid.Bool().Draw(t, "noRestartAll"))
	})
}

func TestProperty_decisions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s, r, g := genSpec().Draw(t, "spec"), genRecord().Draw(t, "record"), genGates().Draw(t, "gates")
		deleting := rapid.Bool().Draw(t, "deleting")
		got := ShouldContainerBeRestarted(s, r, deleting, g)
		// Same inputs, same answer.
		if again := ShouldContainerBeRestarted(s, r, deleting, g); again != got {
			t.Fatalf("not deterministic: %v then %v", got, again)
		}
		if deleting && got {
			t.Fatal("a container of a deleted pod restarts")
		}
		if r.State == StateRunning && got {
			t.Fatal("a running container restarts")
		}
		if !deleting && (r.State == StateNone || r.State == StateCreated || r.State == StateUnknown) && !got {
			t.Fatal("a container without an exited record does not start")
		}
		// Always without rules or container policy: every exit restarts.
		if !ShouldRestartAfterExit(Spec{PodPolicy: Always, Init: s.Init}, r.ExitCode, g) {
			t.Fatal("pod Always without container policy: no restart")
		}
		// Never without a container policy: no exit restarts.
		if ShouldRestartAfterExit(Spec{PodPolicy: Never, Rules: s.Rules}, r.ExitCode, g) {
			t.Fatal("pod Never without container policy: restart")
		}
		// Gate off: the container's own policy and rules are irrelevant.
		off := feature.Gates{}.With(feature.ContainerRestartRules, false)
		if ShouldRestartAfterExit(s, r.ExitCode, off) != ShouldRestartAfterExit(Spec{PodPolicy: s.PodPolicy}, r.ExitCode, off) {
			t.Fatal("gate off: container fields changed the answer")
		}
		// An exit that triggers RestartAllContainers always restarts.
		if RestartsAllContainers(s, r.ExitCode, g) && !ShouldRestartAfterExit(s, r.ExitCode, g) {
			t.Fatal("RestartAllContainers trigger without restart")
		}
		// Something that restarts after some exit is restartable, unless
		// only a RestartAllContainers rule (which IsContainerRestartable
		// ignores) or an unknown container policy made it so.
		if ShouldRestartAfterExit(s, r.ExitCode, feature.Gates{}.With(feature.RestartAllContainersOnContainerExits, false)) && s.ContainerPolicy.IsValid() && !IsContainerRestartable(s) {
			t.Fatal("restarts after an exit but is not restartable")
		}
	})
}

// --- allocations and benchmarks ---

var benchSpec = Spec{
	PodPolicy:       Always,
	ContainerPolicy: Never,
	Rules: []Rule{
		{Action: ActionRestart, ExitCodes: in(1, 2, 3)},
		{Action: ActionRestartAllContainers, ExitCodes: notIn(0, 1, 2, 3)},
	},
}

func TestDecisionsAllocateNothing(t *testing.T) {
	var sink bool
	for name, f := range map[string]func(){
		"ShouldContainerBeRestarted":  func() { sink = ShouldContainerBeRestarted(benchSpec, Exited(42), false, feature.Gates{}) },
		"ShouldRestartAfterExit":      func() { sink = ShouldRestartAfterExit(benchSpec, 2, feature.Gates{}) },
		"ShouldRestartAfterProbeKill": func() { sink = ShouldRestartAfterProbeKill(benchSpec, feature.Gates{}) },
		"IsContainerRestartable":      func() { sink = IsContainerRestartable(benchSpec) },
		"RestartsAllContainers":       func() { sink = RestartsAllContainers(benchSpec, 9, feature.Gates{}) },
		"InitContainerFailed":         func() { sink = InitContainerFailed(Exited(1)) },
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s allocates %v times, want 0", name, n)
		}
	}
	_ = sink
}

func BenchmarkShouldContainerBeRestarted(b *testing.B) {
	b.ReportAllocs()
	r := Exited(42)
	for b.Loop() {
		if !ShouldContainerBeRestarted(benchSpec, r, false, feature.Gates{}) {
			b.Fatal("want restart")
		}
	}
}
