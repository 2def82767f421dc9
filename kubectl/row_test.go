package kubectl

import (
	"encoding/json"
	"testing"

	"github.com/podlife/podlife/pod"
)

func decode(t *testing.T, js string) *pod.Pod {
	t.Helper()
	var p pod.Pod
	if err := json.Unmarshal([]byte(js), &p); err != nil {
		t.Fatalf("decoding %s: %v", js, err)
	}
	return &p
}

// TestPodRow checks the rules of pkg/printers/internalversion/printers.go
// printPod, one case per rule (the upstream tables are the conformance
// file kubectl-upstream.json).
func TestPodRow(t *testing.T) {
	for _, tc := range []struct {
		rule                   string
		pod                    string
		ready, status, restart string
	}{
		{"phase is the start", `{"spec":{"containers":[{}]},"status":{"phase":"Pending"}}`, "0/1", "Pending", "0"},
		{"status.reason replaces the phase", `{"spec":{"containers":[{}]},"status":{"phase":"Failed","reason":"Evicted"}}`, "0/1", "Evicted", "0"},
		{"SchedulingGated replaces the reason", `{"spec":{"containers":[{}]},"status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}}`, "0/1", "SchedulingGated", "0"},
		{"running ready counts", `{"spec":{"containers":[{},{}]},"status":{"phase":"Running","containerStatuses":[{"ready":true,"state":{"running":{}}},{"ready":false,"state":{"running":{}}}]}}`, "1/2", "Running", "0"},
		{"first container with a reason wins", `{"spec":{"containers":[{},{}]},"status":{"phase":"Running","containerStatuses":[{"state":{"waiting":{"reason":"CrashLoopBackOff"}}},{"state":{"waiting":{"reason":"ErrImagePull"}}}]}}`, "0/2", "CrashLoopBackOff", "0"},
		{"terminated without reason: Signal", `{"spec":{"containers":[{}]},"status":{"phase":"Failed","containerStatuses":[{"state":{"terminated":{"exitCode":137,"signal":9}}}]}}`, "0/1", "Signal:9", "0"},
		{"terminated without reason: ExitCode, even 0", `{"spec":{"containers":[{}]},"status":{"phase":"Succeeded","containerStatuses":[{"state":{"terminated":{"exitCode":0}}}]}}`, "0/1", "ExitCode:0", "0"},
		{"Completed with a ready runner and Ready=True: Running", `{"spec":{"containers":[{},{}]},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[{"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},{"ready":true,"state":{"running":{}}}]}}`, "1/2", "Running", "0"},
		{"Completed with a ready runner, not Ready: NotReady", `{"spec":{"containers":[{},{}]},"status":{"phase":"Running","containerStatuses":[{"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},{"ready":true,"state":{"running":{}}}]}}`, "1/2", "NotReady", "0"},
		{"Completed first, a later container failed: the error", `{"spec":{"containers":[{},{}]},"status":{"phase":"Failed","containerStatuses":[{"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},{"state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}}`, "0/2", "Error", "0"},
		{"Completed fix-up picks the error", `{"spec":{"containers":[{},{}]},"status":{"phase":"Failed","containerStatuses":[{"state":{"terminated":{"exitCode":1,"reason":"OOMKilled"}}},{"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}`, "0/2", "OOMKilled", "0"},
		{"init container running: Init:i/N", `{"spec":{"initContainers":[{"name":"a"},{"name":"b"}],"containers":[{}]},"status":{"phase":"Pending","initContainerStatuses":[{"name":"a","state":{"terminated":{"exitCode":0}}},{"name":"b","state":{"running":{}}}]}}`, "0/1", "Init:1/2", "0"},
		{"init waiting PodInitializing: Init:i/N", `{"spec":{"initContainers":[{"name":"a"}],"containers":[{}]},"status":{"phase":"Pending","initContainerStatuses":[{"name":"a","state":{"waiting":{"reason":"PodInitializing"}}}]}}`, "0/1", "Init:0/1", "0"},
		{"init crash loop", `{"spec":{"initContainers":[{"name":"a"}],"containers":[{}]},"status":{"phase":"Pending","initContainerStatuses":[{"name":"a","restartCount":3,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}`, "0/1", "Init:CrashLoopBackOff", "3"},
		{"init failed with a signal", `{"spec":{"initContainers":[{"name":"a"}],"containers":[{}]},"status":{"phase":"Pending","initContainerStatuses":[{"name":"a","state":{"terminated":{"exitCode":2,"signal":15}}}]}}`, "0/1", "Init:Signal:15", "0"},
		{"init failed: Init:ExitCode", `{"spec":{"initContainers":[{"name":"a"}],"containers":[{}]},"status":{"phase":"Pending","initContainerStatuses":[{"name":"a","state":{"terminated":{"exitCode":2}}}]}}`, "0/1", "Init:ExitCode:2", "0"},
		{"started sidecar counts and passes", `{"spec":{"initContainers":[{"name":"s","restartPolicy":"Always"}],"containers":[{}]},"status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"}],"initContainerStatuses":[{"name":"s","started":true,"ready":true,"restartCount":2,"state":{"running":{}}}],"containerStatuses":[{"ready":true,"restartCount":1,"state":{"running":{}}}]}}`, "2/2", "Running", "3"},
		{"regular init restarts dropped once initialized", `{"spec":{"initContainers":[{"name":"i"}],"containers":[{}]},"status":{"phase":"Running","initContainerStatuses":[{"name":"i","restartCount":5,"state":{"terminated":{"exitCode":0}}}],"containerStatuses":[{"ready":true,"restartCount":1,"state":{"running":{}}}]}}`, "1/1", "Running", "1"},
		{"Initialized=True: main containers counted past a failing sidecar", `{"spec":{"initContainers":[{"name":"s","restartPolicy":"Always"}],"containers":[{}]},"status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"}],"initContainerStatuses":[{"name":"s","started":false,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}],"containerStatuses":[{"ready":true,"state":{"running":{}}}]}}`, "1/2", "Init:CrashLoopBackOff", "0"},
		{"deleting: Terminating", `{"metadata":{"deletionTimestamp":"2025-01-01T00:00:30Z"},"spec":{"containers":[{}]},"status":{"phase":"Running"}}`, "0/1", "Terminating", "0"},
		{"deleting a terminal pod keeps its status", `{"metadata":{"deletionTimestamp":"2025-01-01T00:00:30Z"},"spec":{"containers":[{}]},"status":{"phase":"Succeeded"}}`, "0/1", "Succeeded", "0"},
		{"deleting with NodeLost: Unknown", `{"metadata":{"deletionTimestamp":"2025-01-01T00:00:30Z"},"spec":{"containers":[{}]},"status":{"phase":"Running","reason":"NodeLost"}}`, "0/1", "Unknown", "0"},
		{"NodeLost without deletion", `{"spec":{"containers":[{}]},"status":{"phase":"Running","reason":"NodeLost"}}`, "0/1", "NodeLost", "0"},
		{"restart age from lastState", `{"spec":{"containers":[{}]},"status":{"phase":"Running","containerStatuses":[{"restartCount":4,"lastState":{"terminated":{"finishedAt":"2024-12-31T23:59:18Z"}},"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}`, "0/1", "CrashLoopBackOff", "4 (42s ago)"},
		{"restarts without finishedAt print bare", `{"spec":{"containers":[{}]},"status":{"phase":"Running","containerStatuses":[{"restartCount":4,"lastState":{"terminated":{}},"state":{"running":{}}}]}}`, "0/1", "Running", "4"},
	} {
		row := PodRow(decode(t, tc.pod), now)
		if got := row.ReadyText(); got != tc.ready {
			t.Errorf("%s: READY = %q, want %q", tc.rule, got, tc.ready)
		}
		if got := string(row.Status); got != tc.status {
			t.Errorf("%s: STATUS = %q, want %q", tc.rule, got, tc.status)
		}
		if got := row.RestartsText(); got != tc.restart {
			t.Errorf("%s: RESTARTS = %q, want %q", tc.rule, got, tc.restart)
		}
	}
}

// TestPodRowWide checks the -o wide cells of printPod.
func TestPodRowWide(t *testing.T) {
	p := decode(t, `{"metadata":{"creationTimestamp":"2024-12-31T23:43:00Z"},
		"spec":{"nodeName":"n1","readinessGates":[{"conditionType":"g1"},{"conditionType":"g2"},{"conditionType":"g1"}],"containers":[{}]},
		"status":{"podIP":"10.0.0.1","podIPs":[{"ip":"10.0.0.1"},{"ip":"fd00::1"}],"nominatedNodeName":"n2",
		"conditions":[{"type":"g1","status":"True"},{"type":"g2","status":"False"},{"type":"g2","status":"True"}]}}`)
	row := PodRow(p, now)
	for name, c := range map[string][2]string{
		"AGE":             {row.AgeText(), "17m"},
		"IP":              {row.IPText(), "10.0.0.1"},
		"NODE":            {row.NodeText(), "n1"},
		"NOMINATED NODE":  {row.NominatedNodeText(), "n2"},
		"READINESS GATES": {row.ReadinessGatesText(), "2/3"},
	} {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
	empty := PodRow(decode(t, `{"status":{"podIP":"10.0.0.1"}}`), now)
	for name, got := range map[string]string{
		"AGE": empty.AgeText(), "IP": empty.IPText(), "NODE": empty.NodeText(),
		"NOMINATED NODE": empty.NominatedNodeText(), "READINESS GATES": empty.ReadinessGatesText(),
	} {
		want := None
		if name == "AGE" {
			want = UnknownTime
		}
		if got != want {
			t.Errorf("empty pod %s = %q, want %q", name, got, want)
		}
	}
}

func TestPodRowNil(t *testing.T) {
	row := PodRow(nil, now)
	if row.ReadyText() != "0/0" || row.Status != "" || row.RestartsText() != "0" || row.AgeText() != UnknownTime {
		t.Errorf("nil pod row = %+v", row)
	}
}
