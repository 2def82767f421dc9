package podlife_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/podlife/podlife/pod"
)

// The qos family: the class the apiserver stores on create (qosClass) and
// the class of the pod exactly as written (qosClassUndefaulted).
func init() { families["qos"] = runQoS }

func runQoS(c *vectorCase) (any, string, error) {
	var p pod.Pod
	var in commonInput
	if err := decodeCase(c, &p, &in); err != nil {
		return nil, "", err
	}
	if _, err := in.gates(); err != nil {
		return nil, "", err
	}
	var want struct {
		QOSClass            *pod.QOSClass `json:"qosClass"`
		QOSClassUndefaulted *pod.QOSClass `json:"qosClassUndefaulted"`
	}
	if err := json.Unmarshal(c.Expect, &want); err != nil {
		return nil, "", err
	}
	created := pod.CreateQOS(&p)
	// The kubelet's view of a pod without status.qosClass.
	asWritten := p
	asWritten.Status.QOSClass = ""
	undefaulted := pod.QOS(&asWritten)
	answer := map[string]any{"qosClass": created, "qosClassUndefaulted": undefaulted}
	var diffs []string
	if want.QOSClass != nil && *want.QOSClass != created {
		diffs = append(diffs, fmt.Sprintf("qosClass: got %s, want %s", created, *want.QOSClass))
	}
	if want.QOSClassUndefaulted != nil && *want.QOSClassUndefaulted != undefaulted {
		diffs = append(diffs, fmt.Sprintf("qosClassUndefaulted: got %s, want %s", undefaulted, *want.QOSClassUndefaulted))
	}
	return answer, strings.Join(diffs, "\n"), nil
}
