package podlife_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/kubectl"
	"github.com/podlife/podlife/pod"
)

// The families of issue 8: the row of kubectl get pods, humanized
// durations, readiness and availability, and the pod orders. Format:
// testdata/conformance/README.md.
func init() {
	families["kubectl"] = runKubectl
	families["duration"] = runDuration
	families["available"] = runAvailable
	families["podorder"] = runPodOrder
}

// compareKeys compares, key by key, the keys want has with podlife's full
// answer got; a key podlife does not answer is a difference too.
func compareKeys(want map[string]json.RawMessage, got map[string]any) string {
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var diffs []string
	for _, k := range keys {
		g, ok := got[k]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("%s: podlife has no such answer", k))
			continue
		}
		gb, err := json.Marshal(g)
		if err != nil {
			diffs = append(diffs, fmt.Sprintf("%s: %v", k, err))
			continue
		}
		var w, h any
		if err := json.Unmarshal(want[k], &w); err != nil {
			diffs = append(diffs, fmt.Sprintf("%s: expect: %v", k, err))
			continue
		}
		_ = json.Unmarshal(gb, &h)
		if d := cmp.Diff(w, h); d != "" {
			diffs = append(diffs, fmt.Sprintf("%s: got %s, want %s", k, gb, want[k]))
		}
	}
	return strings.Join(diffs, "\n")
}

func expectKeys(c *vectorCase) (map[string]json.RawMessage, error) {
	var want map[string]json.RawMessage
	if err := json.Unmarshal(c.Expect, &want); err != nil {
		return nil, fmt.Errorf("decoding expect: %w", err)
	}
	if len(want) == 0 {
		return nil, fmt.Errorf("the case expects nothing")
	}
	return want, nil
}

// runKubectl checks the cells of pkg/printers/internalversion printPod.
func runKubectl(c *vectorCase) (any, string, error) {
	var p pod.Pod
	var in struct {
		Now *time.Time `json:"now"`
	}
	if err := decodeCase(c, &p, &in); err != nil {
		return nil, "", err
	}
	if in.Now == nil {
		return nil, "", fmt.Errorf("input.now is required (the printer's clock)")
	}
	row := kubectl.PodRow(&p, *in.Now)
	answer := map[string]any{
		"ready":          row.ReadyText(),
		"status":         string(row.Status),
		"restarts":       row.RestartsText(),
		"age":            row.AgeText(),
		"ip":             row.IPText(),
		"node":           row.NodeText(),
		"nominatedNode":  row.NominatedNodeText(),
		"readinessGates": row.ReadinessGatesText(),
	}
	want, err := expectKeys(c)
	if err != nil {
		return answer, "", err
	}
	return answer, compareKeys(want, answer), nil
}

// runDuration checks k8s.io/apimachinery/pkg/util/duration.
func runDuration(c *vectorCase) (any, string, error) {
	var in struct {
		Func        string       `json:"func"`
		Seconds     *json.Number `json:"seconds"`
		Nanoseconds *int64       `json:"nanoseconds"`
	}
	if err := json.Unmarshal(c.Input, &in); err != nil {
		return nil, "", fmt.Errorf("decoding input: %w", err)
	}
	var d time.Duration
	switch {
	case in.Nanoseconds != nil:
		d = time.Duration(*in.Nanoseconds)
	case in.Seconds != nil:
		// A decimal number of seconds, read exactly (no float64 rounding).
		s := string(*in.Seconds)
		if s == "" || strings.ContainsAny(s, "eE+") {
			return nil, "", fmt.Errorf("input.seconds %q: want a plain decimal number", s)
		}
		var err error
		if d, err = time.ParseDuration(s + "s"); err != nil {
			return nil, "", fmt.Errorf("input.seconds: %w", err)
		}
	default:
		return nil, "", fmt.Errorf("input has neither nanoseconds nor seconds")
	}
	var text string
	switch in.Func {
	case "HumanDuration":
		text = kubectl.HumanDuration(d)
	case "ShortHumanDuration":
		text = kubectl.ShortHumanDuration(d)
	default:
		return nil, "", fmt.Errorf("unknown input.func %q", in.Func)
	}
	answer := map[string]any{"text": text}
	want, err := expectKeys(c)
	if err != nil {
		return answer, "", err
	}
	return answer, compareKeys(want, answer), nil
}

// runAvailable checks IsPodReady and both IsPodAvailable rules.
func runAvailable(c *vectorCase) (any, string, error) {
	var p pod.Pod
	var in struct {
		MinReadySeconds int32      `json:"minReadySeconds"`
		Now             *time.Time `json:"now"`
	}
	if err := decodeCase(c, &p, &in); err != nil {
		return nil, "", err
	}
	if in.Now == nil {
		return nil, "", fmt.Errorf("input.now is required")
	}
	answer := map[string]any{
		"ready":               pod.IsPodReady(&p),
		"available":           kubectl.IsPodAvailable(&p, in.MinReadySeconds, *in.Now),
		"availableController": pod.IsPodAvailable(&p, in.MinReadySeconds, *in.Now),
	}
	want, err := expectKeys(c)
	if err != nil {
		return answer, "", err
	}
	return answer, compareKeys(want, answer), nil
}

// runPodOrder sorts input.pods with podlife's public sort functions and
// reports the order as indexes into input.pods.
func runPodOrder(c *vectorCase) (any, string, error) {
	var in struct {
		Pods  []pod.Pod  `json:"pods"`
		Order string     `json:"order"`
		Ranks []int      `json:"ranks"`
		Now   *time.Time `json:"now"`
	}
	if err := json.Unmarshal(c.Input, &in); err != nil {
		return nil, "", fmt.Errorf("decoding input: %w", err)
	}
	if in.Ranks != nil && len(in.Ranks) != len(in.Pods) {
		return nil, "", fmt.Errorf("input.ranks has %d entries for %d pods", len(in.Ranks), len(in.Pods))
	}
	pods := make([]*pod.Pod, len(in.Pods))
	index := make(map[*pod.Pod]int, len(in.Pods))
	for i := range in.Pods {
		pods[i] = &in.Pods[i]
		index[pods[i]] = i
	}
	switch in.Order {
	case "ActivePods":
		kubectl.SortActivePods(pods)
	case "ByLogging":
		kubectl.SortByLogging(pods)
	case "ActivePodsWithRanks":
		s := pod.ActivePodsWithRanks{Pods: pods, Rank: append([]int(nil), in.Ranks...)}
		if in.Now != nil {
			s.Now = *in.Now
		}
		s.Sort()
	default:
		return nil, "", fmt.Errorf("unknown input.order %q", in.Order)
	}
	order := make([]int, len(pods))
	for i, p := range pods {
		order[i] = index[p]
	}
	answer := map[string]any{"order": order}
	want, err := expectKeys(c)
	if err != nil {
		return answer, "", err
	}
	return answer, compareKeys(want, answer), nil
}
