package podlife_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
)

// The apistatus family: the kubelet's v1 container statuses
// (pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses), answered by
// pod.ContainerStatuses. Format: testdata/conformance/README.md and the
// file's notes.

func init() { families["apistatus"] = runAPIStatus }

type apistatusInput struct {
	FeatureGates  map[string]bool                      `json:"featureGates"`
	Runtime       map[string][]container.RuntimeRecord `json:"runtime"`
	Reasons       map[string]container.FailedStart     `json:"reasons"`
	Init          bool                                 `json:"init"`
	PodRestarting *bool                                `json:"podRestarting"`
}

// wantStatus is one expected status in the vectors' fixed key set; the
// answer is written in the same shape.
type wantStatus struct {
	Name         string    `json:"name"`
	State        wantState `json:"state"`
	LastState    wantState `json:"lastState"`
	Ready        bool      `json:"ready"`
	RestartCount int32     `json:"restartCount"`
	Image        string    `json:"image"`
	ImageID      string    `json:"imageID"`
	ContainerID  string    `json:"containerID"`
	Started      *bool     `json:"started"`

	// The fields below are compared as canonical JSON (nil for null):
	// podlife reports no user (the runtime's records carry none) and no
	// stopSignal (gate ContainerStopSignals, alpha), so both must be null.
	AllocatedResources json.RawMessage `json:"allocatedResources"`
	Resources          json.RawMessage `json:"resources"`
	VolumeMounts       json.RawMessage `json:"volumeMounts"`
	User               json.RawMessage `json:"user"`
	StopSignal         json.RawMessage `json:"stopSignal"`
}

// canonicalJSON is raw with its keys sorted and no spaces, nil for null or
// absent, so that two encodings of one value compare equal.
func canonicalJSON(raw json.RawMessage) (json.RawMessage, error) {
	if len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// canonicalOf is v encoded as canonicalJSON, nil for a nil value.
func canonicalOf(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // podlife's own types always encode
	}
	c, err := canonicalJSON(b)
	if err != nil {
		panic(err)
	}
	return c
}

type wantState struct {
	Waiting    *wantWaiting    `json:"waiting"`
	Running    *wantRunning    `json:"running"`
	Terminated *wantTerminated `json:"terminated"`
}

type wantWaiting struct {
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

type wantRunning struct {
	StartedAt *string `json:"startedAt"`
}

type wantTerminated struct {
	ExitCode    int32   `json:"exitCode"`
	Signal      int32   `json:"signal"`
	Reason      string  `json:"reason"`
	Message     string  `json:"message"`
	StartedAt   *string `json:"startedAt"`
	FinishedAt  *string `json:"finishedAt"`
	ContainerID string  `json:"containerID"`
}

// apiTime writes a time as metav1.Time does: RFC 3339 in UTC, null when zero.
func apiTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

func toWantState(s container.State) wantState {
	var w wantState
	if s.Waiting != nil {
		w.Waiting = &wantWaiting{Reason: string(s.Waiting.Reason), Message: s.Waiting.Message}
	}
	if s.Running != nil {
		w.Running = &wantRunning{StartedAt: apiTime(s.Running.StartedAt)}
	}
	if t := s.Terminated; t != nil {
		w.Terminated = &wantTerminated{ExitCode: t.ExitCode, Signal: t.Signal, Reason: string(t.Reason), Message: t.Message,
			StartedAt: apiTime(t.StartedAt), FinishedAt: apiTime(t.FinishedAt), ContainerID: t.ContainerID}
	}
	return w
}

func toWantStatus(s *container.Status) wantStatus {
	return wantStatus{
		Name: s.Name, State: toWantState(s.State), LastState: toWantState(s.LastState),
		Ready: s.Ready, RestartCount: s.RestartCount, Image: s.Image, ImageID: s.ImageID,
		ContainerID: s.ContainerID, Started: s.Started,

		AllocatedResources: canonicalOf(s.AllocatedResources),
		Resources:          canonicalOf(s.Resources),
		VolumeMounts:       canonicalOf(s.VolumeMounts),
	}
}

// apistatusRecords flattens input.runtime into the kubelet's runtime view,
// the way the oracle builds it (oracle upstream_apistatus.go
// apistatusPodStatus): containers by name, each one's records newest first;
// a record without containerID gets "containerd://<name>-<attempt>", one
// without image the spec's image.
func apistatusRecords(p *pod.Pod, runtime map[string][]container.RuntimeRecord) ([]container.RuntimeRecord, error) {
	names := make([]string, 0, len(runtime))
	for n := range runtime {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []container.RuntimeRecord
	for _, n := range names {
		for i, r := range runtime[n] {
			switch r.State {
			case container.RuntimeCreated, container.RuntimeRunning, container.RuntimeExited, container.RuntimeUnknown:
			default:
				return nil, fmt.Errorf("input.runtime[%q][%d].state: %q", n, i, r.State)
			}
			r.Name = n
			if r.ContainerID == "" {
				r.ContainerID = "containerd://" + n + "-" + strconv.Itoa(int(r.Attempt))
			}
			if r.Image == "" {
				r.Image = specImage(p, n)
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// specImage is the image of the container named name, looked up in
// spec.containers first, then spec.initContainers
// (pkg/kubelet/container/helpers.go GetContainerSpec).
func specImage(p *pod.Pod, name string) string {
	for _, list := range [][]container.Container{p.Spec.Containers, p.Spec.InitContainers, p.Spec.EphemeralContainers} {
		for i := range list {
			if list[i].Name == name {
				return list[i].Image
			}
		}
	}
	return ""
}

func runAPIStatus(c *vectorCase) (any, string, error) {
	var p pod.Pod
	var in apistatusInput
	if err := decodeCase(c, &p, &in); err != nil {
		return nil, "", err
	}
	gates, err := gatesOf(in.FeatureGates)
	if err != nil {
		return nil, "", err
	}
	records, err := apistatusRecords(&p, in.Runtime)
	if err != nil {
		return nil, "", err
	}
	rt := pod.RuntimeStatus{Records: records}
	reasonNames := make([]string, 0, len(in.Reasons))
	for n := range in.Reasons {
		reasonNames = append(reasonNames, n)
	}
	sort.Strings(reasonNames)
	for _, n := range reasonNames {
		fs := in.Reasons[n]
		fs.Name = n
		rt.FailedStarts = append(rt.FailedStarts, fs)
	}
	if in.PodRestarting != nil {
		rt.PodRestarting = *in.PodRestarting
	} else {
		rt.PodRestarting = pod.ShouldAllContainersRestart(&p, records, gates)
	}
	got := pod.ContainerStatuses(nil, &p, &rt, listKind(in.Init), gates)
	gotList := make([]wantStatus, len(got))
	for i := range got {
		gotList[i] = toWantStatus(&got[i])
	}
	answer := map[string]any{"containerStatuses": gotList}

	var want struct {
		ContainerStatuses []json.RawMessage `json:"containerStatuses"`
	}
	if err := json.Unmarshal(c.Expect, &want); err != nil {
		return answer, "", fmt.Errorf("expect: %w", err)
	}
	wantList := make([]wantStatus, len(want.ContainerStatuses))
	for i, raw := range want.ContainerStatuses {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields() // a key upstream added that this harness does not know
		if err := dec.Decode(&wantList[i]); err != nil {
			return answer, "", fmt.Errorf("expect.containerStatuses[%d]: %w", i, err)
		}
		w := &wantList[i]
		for _, f := range []*json.RawMessage{&w.AllocatedResources, &w.Resources, &w.VolumeMounts, &w.User, &w.StopSignal} {
			if *f, err = canonicalJSON(*f); err != nil {
				return answer, "", fmt.Errorf("expect.containerStatuses[%d]: %w", i, err)
			}
		}
	}
	if d := cmp.Diff(wantList, gotList); d != "" {
		return answer, "containerStatuses (-upstream +podlife):\n" + d, nil
	}
	return answer, "", nil
}
