package kube

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/kubectl"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/resource"
	corev1 "k8s.io/api/core/v1"
	apiresource "k8s.io/apimachinery/pkg/api/resource"
	"pgregory.net/rapid"
)

// tb is what the checks need of a *testing.T or a *rapid.T.
type tb interface {
	Helper()
	Fatalf(format string, args ...any)
}

// viaJSON is the way in this package replaces: the corev1.Pod encoded by
// encoding/json and decoded into a pod.Pod.
func viaJSON(t tb, in *corev1.Pod) *pod.Pod {
	t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	p := new(pod.Pod)
	if err := json.Unmarshal(b, p); err != nil {
		t.Fatalf("json.Unmarshal into pod.Pod: %v\n%s", err, b)
	}
	return p
}

// podCmp compares pods exactly (nil and empty told apart), quantities by
// their canonical text and value.
var podCmp = cmp.Options{
	cmp.Comparer(func(a, b resource.Quantity) bool { return a.String() == b.String() && a.Cmp(b) == 0 }),
	cmp.Comparer(func(a, b probe.Port) bool { return a == b }),
}

// conformancePods reads the pods of every conformance vector file, as
// corev1.Pods: cases[].pod, and input.pods for podorder.
func conformancePods(t *testing.T) (pods []*corev1.Pod, names []string, skipped int) {
	files, err := filepath.Glob("../testdata/conformance/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no conformance files: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Cases []struct {
				Name  string          `json:"name"`
				Pod   json.RawMessage `json:"pod"`
				Input struct {
					Pods []json.RawMessage `json:"pods"`
				} `json:"input"`
			} `json:"cases"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			// Some inputs are not objects; only pods matter here.
			var loose struct {
				Cases []struct {
					Name string          `json:"name"`
					Pod  json.RawMessage `json:"pod"`
				} `json:"cases"`
			}
			if err := json.Unmarshal(b, &loose); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for _, c := range loose.Cases {
				doc.Cases = append(doc.Cases, struct {
					Name  string          `json:"name"`
					Pod   json.RawMessage `json:"pod"`
					Input struct {
						Pods []json.RawMessage `json:"pods"`
					} `json:"input"`
				}{Name: c.Name, Pod: c.Pod})
			}
		}
		for _, c := range doc.Cases {
			raws := c.Input.Pods
			if len(c.Pod) > 0 && string(c.Pod) != "null" {
				raws = append([]json.RawMessage{c.Pod}, raws...)
			}
			for _, r := range raws {
				var p corev1.Pod
				if err := json.Unmarshal(r, &p); err != nil {
					// A vector of a malformed pod (a port of 80.5, ...):
					// the API types cannot hold it, so there is nothing
					// to map.
					skipped++
					continue
				}
				pods = append(pods, &p)
				names = append(names, filepath.Base(f)+"/"+c.Name)
			}
		}
	}
	return pods, names, skipped
}

// agree checks that the direct mapping and the JSON path give the same
// pod.Pod and the same derivations.
func agree(t tb, name string, in *corev1.Pod) {
	t.Helper()
	before := in.DeepCopy()
	got, err := ToPod(in)
	if err != nil {
		t.Fatalf("%s: ToPod: %v", name, err)
	}
	// Not a field changed, not even a quantity's cached text: the input
	// may be an informer's shared object.
	if !reflect.DeepEqual(before, in) {
		t.Fatalf("%s: ToPod changed its input", name)
	}
	want := viaJSON(t, in)
	if d := cmp.Diff(want, got, podCmp); d != "" {
		t.Fatalf("%s: ToPod differs from the JSON path (-json +direct):\n%s", name, d)
	}
	var gates feature.Gates
	facts, _ := pod.InferNodeFacts(want)
	gfacts, _ := pod.InferNodeFacts(got)
	ph, gph := pod.Phase(want, facts, gates), pod.Phase(got, gfacts, gates)
	if ph != gph {
		t.Fatalf("%s: phase %s via JSON, %s direct", name, ph, gph)
	}
	if d := cmp.Diff(pod.Conditions(want, ph, facts, gates), pod.Conditions(got, gph, gfacts, gates)); d != "" {
		t.Fatalf("%s: conditions differ (-json +direct):\n%s", name, d)
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if d := cmp.Diff(kubectl.PodRow(want, now), kubectl.PodRow(got, now)); d != "" {
		t.Fatalf("%s: kubectl row differs (-json +direct):\n%s", name, d)
	}
	if d := cmp.Diff(pod.ValidateCreate(want, gates).Error(), pod.ValidateCreate(got, gates).Error()); d != "" {
		t.Fatalf("%s: validation differs (-json +direct):\n%s", name, d)
	}
}

func TestToPodAgreesWithJSONOnConformancePods(t *testing.T) {
	pods, names, skipped := conformancePods(t)
	for i, p := range pods {
		agree(t, names[i], p)
	}
	t.Logf("%d conformance pods agree (%d not decodable as corev1.Pod, skipped)", len(pods), skipped)
	if len(pods) < 5000 {
		t.Errorf("only %d conformance pods read; expected over 5000", len(pods))
	}
}

func TestToPodAgreesWithJSONOnRandomPods(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		agree(t, "random pod", genPod().Draw(t, "pod"))
	})
}

// Informers hand the same object to every reader: ToPod must be safe to
// call on it from many goroutines, and so must Readers, one each (the race
// detector checks).
func TestConcurrentReaders(t *testing.T) {
	in := benchPod(t)
	for name, way := range map[string]func() func(*corev1.Pod) (*pod.Pod, error){
		"ToPod":         func() func(*corev1.Pod) (*pod.Pod, error) { return ToPod },
		"a Reader each": func() func(*corev1.Pod) (*pod.Pod, error) { return new(Reader).Read },
	} {
		t.Run(name, func(t *testing.T) {
			var wg sync.WaitGroup
			for range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					read := way()
					for range 50 {
						if _, err := read(in); err != nil {
							t.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
		})
	}
}

// A quantity podlife cannot hold (10^1000 and more) is an error both ways.
func TestToPodRefusesWhatTheJSONPathRefuses(t *testing.T) {
	in := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app",
		Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{"example.com/huge": apiresource.MustParse("1e1000")}}}}}}
	if _, err := ToPod(in); err == nil {
		t.Error("ToPod: no error for 1e1000")
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, new(pod.Pod)); err == nil {
		t.Error("the JSON path took 1e1000; ToPod must then take it too")
	}
}
