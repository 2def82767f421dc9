package podlife_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

// The backoff family (testdata/conformance/README.md): one container's
// exits, the kubelet's syncs and its housekeeping, replayed against
// restart.CrashLoopBackoff; one decision per sync.

func init() { families["backoff"] = runBackoff }

type backoffEvent struct {
	T    json.Number `json:"t"`
	Kind string      `json:"kind"`
}

type backoffInput struct {
	Container                 string          `json:"container"`
	Events                    []backoffEvent  `json:"events"`
	MaxContainerRestartPeriod *json.Number    `json:"maxContainerRestartPeriod"`
	FeatureGates              map[string]bool `json:"featureGates"`
}

// backoffDecision is one entry of expect.decisions; numbers stay decimal
// literals so that the answer repeats the case's own spelling of t.
type backoffDecision struct {
	T              json.Number  `json:"t"`
	InBackOff      bool         `json:"inBackOff"`
	Reason         string       `json:"reason,omitempty"`
	Message        string       `json:"message,omitempty"`
	BackOffSeconds json.Number  `json:"backOffSeconds"`
	Until          *json.Number `json:"until,omitempty"`
}

// backoffPod is the part of the pod that makes the back-off key: the
// container lists with each container's resources kept as raw JSON.
type backoffPod struct {
	Spec struct {
		InitContainers      []backoffContainer `json:"initContainers"`
		Containers          []backoffContainer `json:"containers"`
		EphemeralContainers []backoffContainer `json:"ephemeralContainers"`
	} `json:"spec"`
}

type backoffContainer struct {
	Name      string          `json:"name"`
	Image     string          `json:"image"`
	Resources json.RawMessage `json:"resources"`
}

// backoffEpoch is t = 0 of every case; any instant would do.
var backoffEpoch = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func runBackoff(c *vectorCase) (any, string, error) {
	var p pod.Pod
	var in backoffInput
	if err := decodeCase(c, &p, &in); err != nil {
		return nil, "", err
	}
	gates, err := gatesOf(withoutBackoffIrrelevantGates(c.FeatureGates), withoutBackoffIrrelevantGates(in.FeatureGates))
	if err != nil {
		return nil, "", err
	}
	limits, err := backoffLimits(gates, in.MaxContainerRestartPeriod)
	if err != nil {
		return nil, "", err
	}
	var bp backoffPod
	if err := json.Unmarshal(c.Pod, &bp); err != nil {
		return nil, "", fmt.Errorf("decoding pod: %w", err)
	}
	var ctr *backoffContainer
	for _, list := range [][]backoffContainer{bp.Spec.Containers, bp.Spec.InitContainers, bp.Spec.EphemeralContainers} {
		for i := range list {
			if list[i].Name == in.Container && ctr == nil {
				ctr = &list[i]
			}
		}
	}
	if ctr == nil {
		return nil, "", fmt.Errorf("input.container %q is not a container of the pod", in.Container)
	}
	var resources bytes.Buffer
	if len(ctr.Resources) > 0 {
		if err := json.Compact(&resources, ctr.Resources); err != nil {
			return nil, "", fmt.Errorf("spec container %q resources: %w", ctr.Name, err)
		}
	}
	names := restart.Key{
		PodName: p.Metadata.Name, PodNamespace: p.Metadata.Namespace, PodUID: p.Metadata.UID,
		Container: ctr.Name, Image: ctr.Image, Resources: resources.String(),
	}
	key := names.CrashLoop()

	got, err := replayBackoff(in.Events, limits, key, names)
	if err != nil {
		return nil, "", err
	}
	answer := map[string]any{"decisions": got}

	var want struct {
		Decisions []map[string]json.RawMessage `json:"decisions"`
	}
	if err := json.Unmarshal(c.Expect, &want); err != nil {
		return answer, "", fmt.Errorf("decoding expect: %w", err)
	}
	return answer, diffBackoff(want.Decisions, got), nil
}

// backoffIrrelevantGates are gates that the oracle's kubelet runtime
// manager consults for other reasons but that the crash-loop back-off does
// not read: doBackOff (pkg/kubelet/kuberuntime/kuberuntime_manager.go) and
// GetBackoffKey read no gate, newCrashLoopBackOff (pkg/kubelet/kubelet.go)
// only KubeletCrashLoopBackOffMax and ReduceDefaultCrashLoopBackOffDecay.
// A case may set them to any value without changing the answer (the
// oracle gives identical answers with the unlocked ones flipped), so they
// do not make a case skipped.
var backoffIrrelevantGates = map[string]bool{
	"InPlacePodVerticalScaling":                    true,
	"InPlacePodVerticalScalingInitContainers":      true,
	"InPlacePodLevelResourcesVerticalScaling":      true,
	"InPlacePodVerticalScalingMemoryBackedVolumes": true,
	"EventedPLEG": true,
}

func withoutBackoffIrrelevantGates(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m))
	for name, on := range m {
		if !backoffIrrelevantGates[name] {
			out[name] = on
		}
	}
	return out
}

// backoffLimits builds the kubelet's crash-loop limits. With
// KubeletCrashLoopBackOffMax off the kubelet's configuration validation
// forbids the field, and newCrashLoopBackOff (pkg/kubelet/kubelet.go) does
// not read it; the vectors are answered by newCrashLoopBackOff alone, so
// the field is left out then.
func backoffLimits(g feature.Gates, period *json.Number) (restart.CrashLoopLimits, error) {
	var cfg restart.KubeletConfig
	if period != nil && g.Enabled(feature.KubeletCrashLoopBackOffMax) {
		d, err := decimalDuration(*period)
		if err != nil {
			return restart.CrashLoopLimits{}, fmt.Errorf("input.maxContainerRestartPeriod: %w", err)
		}
		if d == 0 {
			// KubeletConfig's zero means "not set"; a field written as 0 is
			// set, and out of the range the kubelet's validation allows.
			return restart.CrashLoopLimits{}, &skipCase{reason: "the kubelet would not start: " +
				"crashLoopBackOff.maxContainerRestartPeriod 0s must be between 1s and 5m0s"}
		}
		cfg.MaxContainerRestartPeriod = d
	}
	limits, err := restart.NewCrashLoopLimits(g, cfg)
	if err != nil {
		return limits, &skipCase{reason: "the kubelet would not start: " + err.Error()}
	}
	return limits, nil
}

// replayBackoff plays the events: the container runs from t = 0; an exit
// records finishedAt; a sync asks TryStart and, when not refused, runs the
// container again; a gc is the kubelet's housekeeping.
func replayBackoff(events []backoffEvent, limits restart.CrashLoopLimits, key restart.BackoffKey, names restart.Key) ([]backoffDecision, error) {
	var b restart.CrashLoopBackoff
	running := true
	var finishedAt time.Time
	decisions := []backoffDecision{}
	prev := time.Duration(0)
	for i, ev := range events {
		t, err := decimalDuration(ev.T)
		if err != nil {
			return nil, fmt.Errorf("events[%d].t: %w", i, err)
		}
		if t < prev {
			return nil, fmt.Errorf("events[%d].t %s: events must be in time order", i, ev.T)
		}
		prev = t
		now := backoffEpoch.Add(t)
		switch ev.Kind {
		case "exit":
			if !running {
				return nil, fmt.Errorf("events[%d]: exit at %s while the container is not running", i, ev.T)
			}
			running, finishedAt = false, now
		case "sync":
			if running {
				return nil, fmt.Errorf("events[%d]: sync at %s while the container runs", i, ev.T)
			}
			d := b.TryStart(limits, key, finishedAt, now)
			out := backoffDecision{T: ev.T, InBackOff: d.InBackOff, BackOffSeconds: decimalSeconds(d.Delay)}
			if d.InBackOff {
				out.Reason = string(d.Reason())
				out.Message = d.Message(names)
				until := decimalSeconds(d.RetryAt.Sub(backoffEpoch))
				out.Until = &until
			} else {
				running = true
			}
			decisions = append(decisions, out)
		case "gc":
			b.GC(now)
		default:
			return nil, fmt.Errorf("events[%d].kind %q: want exit, sync or gc", i, ev.Kind)
		}
	}
	return decisions, nil
}

// diffBackoff compares the keys each expected decision has.
func diffBackoff(want []map[string]json.RawMessage, got []backoffDecision) string {
	var diffs []string
	if len(want) != len(got) {
		diffs = append(diffs, fmt.Sprintf("%d decisions, want %d", len(got), len(want)))
	}
	for i := range min(len(want), len(got)) {
		g := got[i]
		have := map[string]any{"t": g.T, "inBackOff": g.InBackOff, "backOffSeconds": g.BackOffSeconds}
		if g.InBackOff {
			have["reason"], have["message"], have["until"] = g.Reason, g.Message, *g.Until
		}
		keys := make([]string, 0, len(want[i]))
		for k := range want[i] {
			keys = append(keys, k)
		}
		// A fixed order keeps the report deterministic.
		for _, k := range []string{"t", "inBackOff", "reason", "message", "backOffSeconds", "until"} {
			raw, ok := want[i][k]
			if !ok {
				continue
			}
			h, present := have[k]
			if !present {
				diffs = append(diffs, fmt.Sprintf("decision %d (t=%s): %s absent, want %s", i, g.T, k, raw))
				continue
			}
			if !sameJSONValue(raw, h) {
				hb, _ := json.Marshal(h)
				diffs = append(diffs, fmt.Sprintf("decision %d (t=%s): %s = %s, want %s", i, g.T, k, hb, raw))
			}
		}
		for _, k := range keys {
			switch k {
			case "t", "inBackOff", "reason", "message", "backOffSeconds", "until":
			default:
				diffs = append(diffs, fmt.Sprintf("decision %d: unknown key %q in expect", i, k))
			}
		}
	}
	return strings.Join(diffs, "\n")
}

// sameJSONValue compares an expected JSON value with an answer's: numbers
// as exact decimals, everything else by value.
func sameJSONValue(raw json.RawMessage, have any) bool {
	if n, ok := have.(json.Number); ok {
		var w json.Number
		if err := json.Unmarshal(raw, &w); err != nil {
			return false
		}
		a, okA := new(big.Rat).SetString(string(w))
		b, okB := new(big.Rat).SetString(string(n))
		return okA && okB && a.Cmp(b) == 0
	}
	hb, err := json.Marshal(have)
	if err != nil {
		return false
	}
	var a, b any
	if json.Unmarshal(raw, &a) != nil || json.Unmarshal(hb, &b) != nil {
		return false
	}
	return fmt.Sprint(a) == fmt.Sprint(b)
}

// decimalDuration reads a decimal number of seconds exactly, to the
// nanosecond.
func decimalDuration(n json.Number) (time.Duration, error) {
	r, ok := new(big.Rat).SetString(string(n))
	if !ok {
		return 0, fmt.Errorf("%q is not a number of seconds", n)
	}
	r.Mul(r, big.NewRat(int64(time.Second), 1))
	if !r.IsInt() {
		return 0, fmt.Errorf("%s s is not a whole number of nanoseconds", n)
	}
	ns := r.Num()
	if !ns.IsInt64() {
		return 0, fmt.Errorf("%s s does not fit a time.Duration", n)
	}
	return time.Duration(ns.Int64()), nil
}

// decimalSeconds writes d as a decimal number of seconds, exactly and
// without trailing zeros.
func decimalSeconds(d time.Duration) json.Number {
	neg := d < 0
	u := uint64(d)
	if neg {
		u = -u
	}
	s := strconv.FormatUint(u/uint64(time.Second), 10)
	if frac := u % uint64(time.Second); frac != 0 {
		f := strings.TrimRight(fmt.Sprintf("%09d", frac), "0")
		s += "." + f
	}
	if neg {
		s = "-" + s
	}
	return json.Number(s)
}
