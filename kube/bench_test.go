package kube

import (
	"bytes"
	"encoding/json"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/pod"
	corev1 "k8s.io/api/core/v1"
)

// benchPod is a Deployment's pod as the apiserver serves it: a sidecar,
// two containers with probes, env, resources and mounts, the projected
// service-account volume, five conditions, three container statuses.
func benchPod(tb testing.TB) *corev1.Pod {
	tb.Helper()
	return readPodFile(tb, "testdata/pod.json")
}

func TestBenchPodAgrees(t *testing.T) {
	p := benchPod(t)
	agree(t, "testdata/pod.json", p)
	checkRoundTrip(t, "testdata/pod.json", p)
}

// The way in is a fixed, small number of allocations for a pod of a given
// shape: one per kind of list for the whole pod (every resource list of
// it shares one array), one per kind of small value (cut from slabs
// sized by counting first), and one for each pointer the model keeps
// on its own (a volume's projection, an env var's key reference). These
// pin the counts: a change that adds one must say why here.
func TestReadPodAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	for _, tc := range []struct {
		file string
		want float64
	}{
		{"testdata/pod.json", 41},
		{"../examples/podstatus/default-pod.json", 11},
	} {
		in := readPodFile(t, tc.file)
		var p pod.Pod
		allocs := testing.AllocsPerRun(100, func() {
			if err := ReadPod(&p, in); err != nil {
				t.Fatal(err)
			}
		})
		if allocs > tc.want {
			t.Errorf("ReadPod of %s: %v allocations, want at most %v", tc.file, allocs, tc.want)
		}
	}
}

// benchPods are the pods the way in is measured on: the Deployment's pod
// above, and the core's example pod (a sidecar and two containers, no
// resources, env or volumes), read by the JSON path in the README's quick
// start.
var benchPods = []struct{ name, file string }{
	{"deployment", "testdata/pod.json"},
	{"crashloop", "../examples/podstatus/default-pod.json"},
}

func readPodFile(tb testing.TB, file string) *corev1.Pod {
	tb.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	p := new(corev1.Pod)
	if err := json.Unmarshal(b, p); err != nil {
		tb.Fatal(err)
	}
	return p
}

// podSink keeps each converted pod reachable, as a caller does: with the
// result dropped, the compiler inlines ToPod and keeps its pod.Pod on the
// stack, which no caller gets (the JSON path's pod always escapes).
var podSink *pod.Pod

// benchHeaps are the heaps the ways in are measured in: the benchmark's
// own, a few megabytes, and a controller's, whose informer cache holds
// the pods it watches. The collector runs once the heap has grown by as
// much as is live (GOGC=100), so in a small heap it runs far more often
// for the same allocations, and each run costs a fixed part (waking its
// workers, returning memory) besides its marking: ToPod, whose time is
// mostly the memory it allocates, pays that more than the JSON path,
// whose time is mostly parsing.
var benchHeaps = []struct {
	name string
	pods int // deep copies of the pod held while the benchmark runs
}{
	{"heap=bench", 0},
	{"heap=informer", 5000},
}

// cacheSink holds a benchHeaps entry's pods while its benchmark runs.
var cacheSink []*corev1.Pod

// eachWayIn runs f for each pod of benchPods in each heap of benchHeaps.
func eachWayIn(b *testing.B, f func(b *testing.B, in *corev1.Pod)) {
	for _, bp := range benchPods {
		for _, h := range benchHeaps {
			b.Run(bp.name+"/"+h.name, func(b *testing.B) {
				in := readPodFile(b, bp.file)
				cacheSink = make([]*corev1.Pod, h.pods)
				for i := range cacheSink {
					cacheSink[i] = in.DeepCopy()
				}
				defer func() { cacheSink = nil }()
				runtime.GC()
				b.ReportAllocs()
				f(b, in)
			})
		}
	}
}

func BenchmarkToPod(b *testing.B) {
	eachWayIn(b, func(b *testing.B, in *corev1.Pod) {
		for b.Loop() {
			p, err := ToPod(in)
			if err != nil {
				b.Fatal(err)
			}
			podSink = p
		}
	})
}

// BenchmarkReader is ToPod's conversion into a Reader's memory, the
// same pod each time: after the first, it allocates nothing.
func BenchmarkReader(b *testing.B) {
	eachWayIn(b, func(b *testing.B, in *corev1.Pod) {
		var r Reader
		for b.Loop() {
			p, err := r.Read(in)
			if err != nil {
				b.Fatal(err)
			}
			podSink = p
		}
	})
}

// BenchmarkJSONRoundTripReused is the JSON path at its cheapest, to set
// beside Reader: the encoder writes into one buffer, and the decoder into
// one pod.Pod, whose lists and values json.Unmarshal fills again in place.
// (For other pods that pod would keep fields the next one does not set:
// json.Unmarshal leaves them as they were.)
func BenchmarkJSONRoundTripReused(b *testing.B) {
	eachWayIn(b, func(b *testing.B, in *corev1.Pod) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		var p pod.Pod
		for b.Loop() {
			buf.Reset()
			if err := enc.Encode(in); err != nil {
				b.Fatal(err)
			}
			if err := json.Unmarshal(buf.Bytes(), &p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkJSONRoundTrip is the way in ToPod replaces.
func BenchmarkJSONRoundTrip(b *testing.B) {
	eachWayIn(b, func(b *testing.B, in *corev1.Pod) {
		for b.Loop() {
			data, err := json.Marshal(in)
			if err != nil {
				b.Fatal(err)
			}
			var p pod.Pod
			if err := json.Unmarshal(data, &p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkApplyStatus(b *testing.B) {
	in := benchPod(b)
	p, _ := ToPod(in)
	facts, _ := pod.InferNodeFacts(p)
	st := pod.KubeletStatus(p, facts, feature.Gates{}, time.Date(2026, 11, 22, 9, 10, 0, 0, time.UTC))
	b.ReportAllocs()
	for b.Loop() {
		ApplyStatus(in, &st, feature.Gates{})
	}
}

func BenchmarkStatusPatch(b *testing.B) {
	in := benchPod(b)
	p, _ := ToPod(in)
	facts, _ := pod.InferNodeFacts(p)
	st := pod.KubeletStatus(p, facts, feature.Gates{}, time.Date(2026, 11, 22, 9, 10, 0, 0, time.UTC))
	out := ApplyStatus(in, &st, feature.Gates{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := StatusPatch(in, out); err != nil {
			b.Fatal(err)
		}
	}
}
