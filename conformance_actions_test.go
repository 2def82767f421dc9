package podlife_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
)

// The actions family: what one kubelet sync does next
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions),
// answered by pod.ComputePodActions. Format: testdata/conformance/README.md
// and the files' notes. The runner reads input.runtime, so the cases the
// upstream file marks skip (they carry their runtime facts there) are run.

func init() {
	families["actions"] = runActions
	runtimeFacts["actions"] = true
}

type actionsInput struct {
	RestartAllContainers *bool           `json:"restartAllContainers"`
	FeatureGates         map[string]bool `json:"featureGates"`
	Runtime              struct {
		Sandbox         string                       `json:"sandbox"`
		SandboxAttempt  uint32                       `json:"sandboxAttempt"`
		ProbeResults    map[string]map[string]string `json:"probeResults"`
		UnknownState    []string                     `json:"unknownState"`
		PreviousSandbox []string                     `json:"previousSandbox"`
	} `json:"runtime"`
}

// resizeGates only change in-place resize decisions; podlife's spec has no
// resources, so no resize ever shows up and the answer is the same with
// them on or off.
var resizeGates = []string{"InPlacePodVerticalScaling", "InPlacePodVerticalScalingInitContainers", "InPlacePodLevelResourcesVerticalScaling"}

type resetOut struct {
	Name   string `json:"name"`
	Kill   bool   `json:"kill"`
	Record string `json:"record"`
}

type actionsOut struct {
	KillPod                    bool       `json:"killPod"`
	CreateSandbox              bool       `json:"createSandbox"`
	ContainersToStart          []string   `json:"containersToStart"`
	ContainersToKill           []string   `json:"containersToKill"`
	InitContainersToStart      []string   `json:"initContainersToStart"`
	NextInitContainerToStart   *string    `json:"nextInitContainerToStart"`
	EphemeralContainersToStart []string   `json:"ephemeralContainersToStart"`
	ContainersToReset          []resetOut `json:"containersToReset"`
	// Not in the vectors' expect: podlife's extra answer, for reference.
	SandboxAttempt uint32     `json:"sandboxAttempt"`
	Kills          []killInfo `json:"kills"`
}

// killInfo is one kill as the machine turns it into a Killing event.
type killInfo struct {
	Name        string `json:"name"`
	ContainerID string `json:"containerID"`
	Reason      string `json:"reason"`
	Message     string `json:"message"`
}

func runActions(c *vectorCase) (any, string, error) {
	var p pod.Pod
	var in actionsInput
	if err := decodeCase(c, &p, &in); err != nil {
		return nil, "", err
	}
	gm := map[string]bool{}
	for _, m := range []map[string]bool{c.FeatureGates, in.FeatureGates} {
		for k, v := range m {
			gm[k] = v
		}
	}
	for _, g := range resizeGates {
		delete(gm, g)
	}
	gates, err := gatesOf(gm)
	if err != nil {
		return nil, "", err
	}
	view, err := actionsView(&p, &in)
	if err != nil {
		return nil, "", err
	}
	var a pod.Actions
	pod.ComputePodActions(&p, &view, gates, &a)
	got := actionsAnswer(&p, &view, &a)

	var want map[string]json.RawMessage
	if err := json.Unmarshal(c.Expect, &want); err != nil {
		return nil, "", err
	}
	gotRaw, _ := json.Marshal(got)
	var have map[string]json.RawMessage
	_ = json.Unmarshal(gotRaw, &have)
	var diffs []string
	for k, w := range want {
		var wv, hv any
		_ = json.Unmarshal(w, &wv)
		h, ok := have[k]
		if !ok {
			diffs = append(diffs, "expect."+k+": not modelled")
			continue
		}
		_ = json.Unmarshal(h, &hv)
		if d := cmp.Diff(wv, hv); d != "" {
			diffs = append(diffs, fmt.Sprintf("%s (-upstream +podlife):\n%s", k, d))
		}
	}
	return got, strings.Join(diffs, "\n"), nil
}

// actionsView reads a case's pod status and input.runtime as the kubelet's
// runtime view, as the files' notes encode it.
func actionsView(p *pod.Pod, in *actionsInput) (pod.RuntimeView, error) {
	var v pod.RuntimeView
	rt := &in.Runtime
	mode := pod.NamespacePod
	if p.Spec.HostNetwork {
		mode = pod.NamespaceNode
	}
	sb := pod.Sandbox{Ready: true, IP: "10.0.0.1", Attempt: rt.SandboxAttempt, NetworkNamespaceMode: mode}
	switch rt.Sandbox {
	case "", "ready":
	case "readyWithoutIP":
		sb.IP = ""
	case "notReady":
		sb.Ready = false
	case "none":
		sb = pod.Sandbox{}
	default:
		return v, fmt.Errorf("input.runtime.sandbox %q", rt.Sandbox)
	}
	if rt.Sandbox != "none" {
		v.Sandboxes = []pod.Sandbox{sb}
	}
	specImage := map[string]string{}
	for _, list := range [][]container.Container{p.Spec.InitContainers, p.Spec.Containers, p.Spec.EphemeralContainers} {
		for _, c := range list {
			specImage[c.Name] = c.Image
		}
	}
	unknown := map[string]bool{}
	for _, n := range rt.UnknownState {
		unknown[n] = true
	}
	seen := map[string]bool{}
	add := func(name, which, image string, r container.RuntimeRecord) {
		r.Name, r.Image, r.ContainerID = name, image, "containerd://"+name+"-"+which
		v.Records = append(v.Records, r)
	}
	exited := func(t *container.Terminated) container.RuntimeRecord {
		return container.RuntimeRecord{State: container.RuntimeExited, ExitCode: t.ExitCode, Reason: t.Reason, Message: t.Message,
			StartedAt: t.StartedAt, FinishedAt: t.FinishedAt}
	}
	for _, list := range [][]container.Status{p.Status.InitContainerStatuses, p.Status.ContainerStatuses, p.Status.EphemeralContainerStatuses} {
		for i := range list {
			cs := &list[i]
			if _, ok := specImage[cs.Name]; !ok {
				return v, fmt.Errorf("status of container %q, which is not in the spec", cs.Name)
			}
			seen[cs.Name] = true
			image := cs.Image
			if image == "" {
				image = specImage[cs.Name]
			}
			var cur *container.RuntimeRecord
			last := cs.LastState.Terminated
			st := &cs.State
			switch {
			case st.Running != nil:
				cur = &container.RuntimeRecord{State: container.RuntimeRunning, StartedAt: st.Running.StartedAt}
			case st.Terminated != nil:
				r := exited(st.Terminated)
				cur = &r
			case st.Waiting != nil && st.Waiting.Reason == "":
				cur = &container.RuntimeRecord{State: container.RuntimeCreated}
			case st.Waiting != nil:
				if last != nil {
					r := exited(last)
					cur, last = &r, nil
				}
			default:
				cur = &container.RuntimeRecord{State: container.RuntimeUnknown}
			}
			if unknown[cs.Name] {
				if cur == nil {
					cur = &container.RuntimeRecord{}
				}
				cur.State = container.RuntimeUnknown
			}
			if cur != nil {
				cur.Attempt = cs.RestartCount
				add(cs.Name, "state", image, *cur)
				if cs.IsStarted() {
					v.Probes = append(v.Probes, pod.ProbeResults{Name: cs.Name, Startup: probe.Success})
				}
			}
			if last != nil {
				add(cs.Name, "lastState", image, exited(last))
			}
		}
	}
	for _, n := range rt.UnknownState {
		if _, ok := specImage[n]; !ok {
			return v, fmt.Errorf("input.runtime.unknownState: no container %q", n)
		}
		if !seen[n] {
			add(n, "state", specImage[n], container.RuntimeRecord{State: container.RuntimeUnknown})
		}
	}
	for name, probes := range rt.ProbeResults {
		if container.NewestRecord(v.Records, name) == nil {
			return v, fmt.Errorf("input.runtime.probeResults: container %q has no runtime record", name)
		}
		idx := -1
		for i := range v.Probes {
			if v.Probes[i].Name == name {
				idx = i
			}
		}
		if idx < 0 {
			v.Probes = append(v.Probes, pod.ProbeResults{Name: name})
			idx = len(v.Probes) - 1
		}
		for kind, res := range probes {
			r := probe.Result(res)
			if r != probe.Success && r != probe.Failure && r != probe.Unknown {
				return v, fmt.Errorf("input.runtime.probeResults.%s.%s: %q", name, kind, res)
			}
			switch kind {
			case "liveness":
				v.Probes[idx].Liveness = r
			case "startup":
				v.Probes[idx].Startup = r
			case "readiness":
			default:
				return v, fmt.Errorf("input.runtime.probeResults.%s: unknown probe %q", name, kind)
			}
		}
	}
	for _, n := range rt.PreviousSandbox {
		if _, ok := specImage[n]; !ok {
			return v, fmt.Errorf("input.runtime.previousSandbox: no container %q", n)
		}
	}
	v.EarlierSandbox = rt.PreviousSandbox
	if in.RestartAllContainers != nil {
		v.PodRestarting = *in.RestartAllContainers
	} else if c := p.Status.Condition(pod.AllContainersRestarting); c != nil && c.Status == pod.ConditionTrue {
		v.PodRestarting = true
	}
	return v, nil
}

// actionsAnswer writes podlife's answer in the vectors' expect shape.
func actionsAnswer(p *pod.Pod, v *pod.RuntimeView, a *pod.Actions) actionsOut {
	spec := &p.Spec
	o := actionsOut{KillPod: a.KillPod, CreateSandbox: a.CreateSandbox, SandboxAttempt: a.SandboxAttempt,
		ContainersToStart: []string{}, ContainersToKill: []string{}, InitContainersToStart: []string{},
		EphemeralContainersToStart: []string{}, ContainersToReset: []resetOut{}, Kills: []killInfo{}}
	for _, i := range a.ContainersToStart {
		o.ContainersToStart = append(o.ContainersToStart, spec.Containers[i].Name)
	}
	for _, i := range a.InitContainersToStart {
		o.InitContainersToStart = append(o.InitContainersToStart, spec.InitContainers[i].Name)
	}
	if a.NextInitContainerToStart >= 0 {
		n := spec.InitContainers[a.NextInitContainerToStart].Name
		o.NextInitContainerToStart = &n
	}
	for _, i := range a.EphemeralContainersToStart {
		o.EphemeralContainersToStart = append(o.EphemeralContainersToStart, spec.EphemeralContainers[i].Name)
	}
	for i := range a.ContainersToKill {
		k := &a.ContainersToKill[i]
		o.ContainersToKill = append(o.ContainersToKill, k.Name)
		o.Kills = append(o.Kills, killInfo{Name: k.Name, ContainerID: k.ContainerID, Reason: string(k.Reason), Message: k.Message()})
	}
	for _, r := range a.ContainersToReset {
		nth := 0
		for j := 0; j < r.Record; j++ {
			if v.Records[j].Name == r.Name {
				nth++
			}
		}
		which := "state"
		if nth > 0 {
			which = "lastState"
		}
		o.ContainersToReset = append(o.ContainersToReset, resetOut{Name: r.Name, Kill: r.Kill, Record: which})
	}
	return o
}
