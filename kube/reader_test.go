package kube

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/podlife/podlife/pod"
	corev1 "k8s.io/api/core/v1"
	apiresource "k8s.io/apimachinery/pkg/api/resource"
	"pgregory.net/rapid"
)

// readerSame checks that r reads in as ToPod does, with nil and empty
// told apart, and leaves in as it was.
func readerSame(t tb, r *Reader, name string, in *corev1.Pod) {
	t.Helper()
	before := in.DeepCopy()
	got, err := r.Read(in)
	if err != nil {
		t.Fatalf("%s: Read: %v", name, err)
	}
	if !reflect.DeepEqual(before, in) {
		t.Fatalf("%s: Read changed its input", name)
	}
	want, err := ToPod(in)
	if err != nil {
		t.Fatalf("%s: ToPod: %v", name, err)
	}
	if d := cmp.Diff(want, got, podCmp); d != "" {
		t.Fatalf("%s: Read differs from ToPod (-ToPod +Read):\n%s", name, d)
	}
}

// A Reader hands out again the memory of the pod before: whatever that
// pod was, the next must come out as ToPod gives it, nothing of the one
// before left in it. The conformance pods, of every shape, go through one
// Reader in three orders, the full pod between every hundred.
func TestReaderGivesToPodsPodOnConformancePods(t *testing.T) {
	pods, names, _ := conformancePods(t)
	_, full := fullPod(t)
	idx := make([]int, len(pods))
	for i := range idx {
		idx[i] = i
	}
	reversed := slices.Clone(idx)
	slices.Reverse(reversed)
	shuffled := slices.Clone(idx)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	var r Reader
	for _, order := range [][]int{idx, reversed, shuffled} {
		for n, i := range order {
			if n%100 == 0 {
				readerSame(t, &r, "the full pod", full)
			}
			readerSame(t, &r, names[i], pods[i])
		}
	}
}

func TestReaderGivesToPodsPodOnRandomPods(t *testing.T) {
	var r Reader // across the checks, as a controller's is across pods
	rapid.Check(t, func(t *rapid.T) {
		for i := range rapid.IntRange(1, 4).Draw(t, "pods") {
			readerSame(t, &r, "random pod "+string(rune('a'+i)), genPod().Draw(t, "pod"))
		}
	})
}

// Once a Reader has read pods of the shapes it is given, it reads them
// again without allocating, however they alternate.
func TestReaderAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	var in []*corev1.Pod
	for _, bp := range benchPods {
		in = append(in, readPodFile(t, bp.file))
	}
	in = append(in, &corev1.Pod{}) // and an empty one between them
	var r Reader
	read := func() {
		for _, p := range in {
			if _, err := r.Read(p); err != nil {
				t.Fatal(err)
			}
		}
	}
	read()
	if n := testing.AllocsPerRun(100, read); n != 0 {
		t.Errorf("a warm Reader allocates %v times for %d pods, want 0", n, len(in))
	}
}

func TestReaderNilAndErrors(t *testing.T) {
	var r Reader
	_, full := fullPod(t)
	readerSame(t, &r, "the full pod", full)
	p, err := r.Read(nil)
	if err != nil || !reflect.DeepEqual(p, &pod.Pod{}) {
		t.Fatalf("Read(nil) = %+v, %v; want a zero pod", p, err)
	}
	huge := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app",
		Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{"example.com/huge": apiresource.MustParse("1e1000")}}}}}}
	if p, err := r.Read(huge); err == nil || p != nil {
		t.Errorf("Read of 1e1000 = %v, %v; want nil and an error, as ToPod", p, err)
	}
	// After an error the Reader reads on.
	readerSame(t, &r, "the Deployment pod", benchPod(t))
}
