package pod_test

import (
	"encoding/json"
	"reflect"
	"strconv"
	"testing"
	"time"
	"unsafe"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/internal/growth"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
)

// pkg/kubelet/status/generate.go: the generators test the concatenation of
// initContainerStatuses and containerStatuses for nil, and appending empty
// lists gives nil: "containerStatuses": [] is no statuses at all, exactly
// like an absent list (checked with the v1.37.1 oracle).
func TestEmptyStatusListsAreNoStatuses(t *testing.T) {
	for _, doc := range []string{
		`{"spec":{"containers":[{"name":"a"}]},"status":{"containerStatuses":[]}}`,
		`{"spec":{"initContainers":[{"name":"i"}],"containers":[{"name":"a"}]},"status":{"initContainerStatuses":[]}}`,
		`{"spec":{"initContainers":[{"name":"i"}],"containers":[{"name":"a"}]},"status":{"initContainerStatuses":[],"containerStatuses":[]}}`,
	} {
		var p pod.Pod
		if err := json.Unmarshal([]byte(doc), &p); err != nil {
			t.Fatal(err)
		}
		for _, c := range pod.Conditions(&p, phase.Pending, pod.NodeFacts{}, feature.Gates{}) {
			if c.Type == pod.ContainersReady && c.Reason != pod.ReasonUnknownContainerStatuses {
				t.Errorf("%s: ContainersReady reason %q message %q, want UnknownContainerStatuses", doc, c.Reason, c.Message)
			}
		}
	}
}

// answers is everything podlife says about a pod at a fixed time.
type answers struct {
	Phase      phase.Phase
	Conditions []pod.Condition
	Status     pod.Status
	Errors     []string
}

func answersFor(p *pod.Pod) answers {
	// Entry points whose answers are not compared must not panic either.
	_, _ = pod.InferNodeFacts(p)
	if len(p.Spec.Containers) > 0 {
		_, _ = pod.RestartAfterExit(p, p.Spec.Containers[0].Name, 1, feature.Gates{})
	}
	facts := pod.NodeFacts{PodHasInitialized: true, Sandboxes: []pod.Sandbox{{Ready: true, IP: "10.0.0.1"}}}
	var a answers
	a.Phase = pod.Phase(p, facts, feature.Gates{})
	a.Conditions = pod.Conditions(p, a.Phase, facts, feature.Gates{})
	a.Status = pod.KubeletStatus(p, facts, feature.Gates{}, t0)
	for _, e := range pod.ValidateCreate(p, feature.Gates{}) {
		a.Errors = append(a.Errors, e.Error())
	}
	return a
}

// roundTrip checks that decoding doc, encoding it and decoding again gives
// the same answers, and that a second encoding equals the first.
func roundTrip(t *testing.T, doc []byte) {
	t.Helper()
	var p pod.Pod
	if json.Unmarshal(doc, &p) != nil {
		return
	}
	b1, err := json.Marshal(p)
	if err != nil {
		t.Fatalf("encoding a decoded pod: %v", err)
	}
	var q pod.Pod
	if err := json.Unmarshal(b1, &q); err != nil {
		t.Fatalf("decoding podlife's own output: %v\n%s", err, b1)
	}
	b2, _ := json.Marshal(q)
	if string(b1) != string(b2) {
		t.Fatalf("encoding is not a fixed point:\n%s\n%s", b1, b2)
	}
	// Compare times as instants: a decoded time keeps its zone.
	opt := cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })
	if diff := cmp.Diff(answersFor(&p), answersFor(&q), opt, cmp.Transformer("empty", func(s pod.Status) string {
		b, _ := json.Marshal(s)
		return string(b)
	})); diff != "" {
		t.Fatalf("answers change across a JSON round trip of %s (-before +after):\n%s", doc, diff)
	}
}

func TestJSONRoundTripKeepsAnswers(t *testing.T) {
	for _, doc := range []string{
		`{"spec":{"containers":[{"name":"a"}]},"status":{"containerStatuses":[]}}`,
		`{"spec":{"containers":[{"name":"a"}]},"status":{"initContainerStatuses":[]}}`,
		`{"spec":{"containers":[{"name":"a"}]},"status":{}}`,
		`{"spec":{"containers":[{"name":"a"}]},"status":{"conditions":[]}}`,
		`{"spec":{"containers":[{"name":"a"}]},"status":{"podIPs":[]}}`,
		`{"spec":{"containers":[{"name":"a"}]},"status":{"startTime":"0001-01-01T00:00:00Z"}}`,
		`{"spec":{"containers":[{"name":"a","restartPolicy":""}]}}`,
		`{"spec":{"initContainers":[{"name":"i","restartPolicy":""}],"containers":[{"name":"a"}]}}`,
	} {
		roundTrip(t, []byte(doc))
	}
}

// Status.IsZero must know every field, or a status holding only a new
// field would be dropped when encoding.
func TestStatusIsZeroCoversEveryField(t *testing.T) {
	typ := reflect.TypeOf(pod.Status{})
	for i := 0; i < typ.NumField(); i++ {
		var s pod.Status
		f := reflect.ValueOf(&s).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("x")
		case reflect.Slice:
			f.Set(reflect.MakeSlice(f.Type(), 1, 1))
		case reflect.Struct, reflect.Ptr, reflect.Int32, reflect.Int64, reflect.Bool:
			if f.Type() == reflect.TypeOf(time.Time{}) {
				f.Set(reflect.ValueOf(t0))
				break
			}
			if f.Kind() == reflect.Ptr {
				f.Set(reflect.New(f.Type().Elem()))
				break
			}
			if f.Kind() == reflect.Int32 || f.Kind() == reflect.Int64 {
				f.SetInt(1)
				break
			}
			t.Fatalf("field %s of kind %s: teach this test to set it", typ.Field(i).Name, f.Kind())
		default:
			t.Fatalf("field %s of kind %s: teach this test to set it", typ.Field(i).Name, f.Kind())
		}
		if s.IsZero() {
			t.Errorf("Status{%s: set}.IsZero() = true", typ.Field(i).Name)
		}
	}
}

// A nil *Pod reads as an empty pod in every function that takes one.
func TestNilPodReadsAsEmpty(t *testing.T) {
	var empty pod.Pod
	g := feature.Gates{}
	if pod.Phase(nil, pod.NodeFacts{}, g) != pod.Phase(&empty, pod.NodeFacts{}, g) {
		t.Error("Phase(nil)")
	}
	if !cmp.Equal(pod.Conditions(nil, phase.Pending, pod.NodeFacts{}, g), pod.Conditions(&empty, phase.Pending, pod.NodeFacts{}, g)) {
		t.Error("Conditions(nil)")
	}
	if !cmp.Equal(pod.KubeletStatus(nil, pod.NodeFacts{}, g, t0), pod.KubeletStatus(&empty, pod.NodeFacts{}, g, t0)) {
		t.Error("KubeletStatus(nil)")
	}
	pod.UpdateKubeletStatus(nil, pod.NodeFacts{}, g, t0) // must not panic
	if len(pod.ValidateCreate(nil, g)) != len(pod.ValidateCreate(&empty, g)) {
		t.Error("ValidateCreate(nil)")
	}
	if v := pod.MakeViews(pod.Views{}, nil, pod.RegularFirst, g); len(v.Init)+len(v.Regular) != 0 || v.StatusesKnown {
		t.Error("MakeViews(nil)")
	}
}

// The views of a healthy pod match what its API statuses say, in spec
// order.
func TestMakeViews(t *testing.T) {
	p := webPod()
	p.Status.ContainerStatuses[1] = container.Status{Name: "metrics",
		State:     container.State{Waiting: &container.Waiting{Reason: container.CrashLoopBackOff}},
		LastState: container.State{Terminated: &container.Terminated{ExitCode: 2}}}
	v := pod.MakeViews(pod.Views{}, &p, pod.RegularFirst, feature.Gates{})
	want := pod.Views{
		Init: []container.View{
			{Kind: container.Init, State: container.StateTerminated, Flags: container.Ready | container.WillRestart},
			{Kind: container.Sidecar, State: container.StateRunning, Flags: container.Started | container.Ready},
		},
		Regular: []container.View{
			{State: container.StateRunning, Flags: container.Started | container.Ready},
			{State: container.StateWaiting, ExitCode: 2, Flags: container.LastTerminated | container.WillRestart},
		},
		StatusesKnown:     true,
		AnyRegularStarted: true,
	}
	if diff := cmp.Diff(want, v); diff != "" {
		t.Fatalf("views (-want +got):\n%s", diff)
	}
}

// The per-container view is what a simulator keeps for every container of
// a million pods: it stays 8 bytes.
func TestViewSize(t *testing.T) {
	if got := unsafe.Sizeof(container.View{}); got != 8 {
		t.Fatalf("unsafe.Sizeof(container.View{}) = %d, want 8", got)
	}
}

func TestAppendConditionsAllocatesNothing(t *testing.T) {
	p := webPod()
	buf := make([]pod.Condition, 0, 8)
	n := testing.AllocsPerRun(100, func() {
		buf = pod.AppendConditions(buf[:0], &p, phase.Running, healthy, feature.Gates{})
	})
	if n != 0 {
		t.Fatalf("AppendConditions of a healthy pod into a reused buffer: %v allocs, want 0", n)
	}
	if len(buf) != 5 {
		t.Fatalf("got %d conditions", len(buf))
	}
}

func TestUpdateKubeletStatusAllocatesNothing(t *testing.T) {
	p := webPod()
	pod.UpdateKubeletStatus(&p, healthy, feature.Gates{}, t0)
	want := pod.KubeletStatus(&p, healthy, feature.Gates{}, t0.Add(time.Second))
	n := testing.AllocsPerRun(100, func() {
		pod.UpdateKubeletStatus(&p, healthy, feature.Gates{}, t0.Add(time.Second))
	})
	if n != 0 {
		t.Fatalf("UpdateKubeletStatus in the steady state: %v allocs, want 0", n)
	}
	if diff := cmp.Diff(want, p.Status); diff != "" {
		t.Fatalf("in place and copying updates differ (-copy +in place):\n%s", diff)
	}
}

// bigPod has n regular containers, all running and ready.
func bigPod(n int) *pod.Pod {
	p := &pod.Pod{}
	for i := range n {
		name := "c" + strconv.Itoa(i)
		p.Spec.Containers = append(p.Spec.Containers, container.Container{Name: name, Image: "x"})
		p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, container.Status{Name: name, Ready: true,
			Started: boolPtr(true), State: container.State{Running: &container.Running{}}})
	}
	return p
}

// Time grows linearly with the number of containers: 32 times the
// containers may take at most 128 times as long (caches and the garbage
// collector cost something; quadratic lookups by name would take 1024
// times). The figures themselves are in BenchmarkBigPod.
func TestTimeGrowsLinearly(t *testing.T) {
	growth.Linear(t, 250, 8000, 128, func(n int) func() {
		p := bigPod(n)
		return func() {
			pod.UpdateKubeletStatus(p, healthy, feature.Gates{}, t0)
			_ = pod.ValidateCreate(p, feature.Gates{})
		}
	})
}

func BenchmarkBigPod(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		p := bigPod(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				pod.UpdateKubeletStatus(p, healthy, feature.Gates{}, t0)
			}
		})
	}
}

func BenchmarkAppendConditions(b *testing.B) {
	p := webPod()
	buf := make([]pod.Condition, 0, 8)
	b.ReportAllocs()
	for b.Loop() {
		buf = pod.AppendConditions(buf[:0], &p, phase.Running, healthy, feature.Gates{})
	}
}

func BenchmarkUpdateKubeletStatus(b *testing.B) {
	p := webPod()
	b.ReportAllocs()
	for b.Loop() {
		pod.UpdateKubeletStatus(&p, healthy, feature.Gates{}, t0)
	}
}
