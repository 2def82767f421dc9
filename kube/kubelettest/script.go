package kubelettest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/sim"
)

// AnnotationScript is the pod annotation that carries the behaviour of the
// pod's containers, so that a YAML fixture says how its pod lives: a JSON
// array in the form ParseScripts reads. Its entries apply to the annotated
// pod only (their pod and labels fields are ignored) and come before
// Options.Containers.
const AnnotationScript = "kubelettest.podlife.dev/script"

// ParseScripts reads container scripts from JSON: an array of objects
// whose fields are sim.ContainerScript's, in lower camel case, with
// durations as Go duration strings ("1.5s", "2m"):
//
//	[{"container": "app",
//	  "pull": {"duration": "2s", "failAttempts": [1], "failAlways": false, "message": ""},
//	  "createDelay": "0s", "startDelay": "1s",
//	  "runs": [{"attempt": 1, "for": "5s", "exitCode": 1, "reason": "Error"}, {"forever": true}],
//	  "probes": [{"probe": "Readiness", "attempt": 0, "from": "0s", "until": "10s", "outcome": "Failure"}],
//	  "postStart": {"duration": "1s", "fail": ""}, "preStop": {"duration": "5s"},
//	  "stopDelay": "3s", "ignoreSIGTERM": false,
//	  "pod": "ns/name", "labels": {"app": "web"}}]
//
// Unknown fields are an error that names them, so that a misspelt field
// does not silently script nothing; so are an unknown probe kind or
// outcome and a malformed duration.
func ParseScripts(data []byte) ([]sim.ContainerScript, error) {
	var in []scriptJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return nil, fmt.Errorf("kubelettest: container scripts: %w", err)
	}
	out := make([]sim.ContainerScript, len(in))
	for i := range in {
		if err := in[i].into(&out[i]); err != nil {
			return nil, fmt.Errorf("kubelettest: container scripts [%d] (container %q): %w", i, in[i].Container, err)
		}
	}
	return out, nil
}

type scriptJSON struct {
	Pod           string            `json:"pod"`
	Labels        map[string]string `json:"labels"`
	Container     string            `json:"container"`
	Pull          pullJSON          `json:"pull"`
	CreateDelay   duration          `json:"createDelay"`
	StartDelay    duration          `json:"startDelay"`
	Runs          []runJSON         `json:"runs"`
	Probes        []probeJSON       `json:"probes"`
	PostStart     hookJSON          `json:"postStart"`
	PreStop       hookJSON          `json:"preStop"`
	StopDelay     duration          `json:"stopDelay"`
	IgnoreSIGTERM bool              `json:"ignoreSIGTERM"`
}

type pullJSON struct {
	Duration     duration `json:"duration"`
	FailAttempts []int    `json:"failAttempts"`
	FailAlways   bool     `json:"failAlways"`
	Message      string   `json:"message"`
}

type runJSON struct {
	Attempt  int                        `json:"attempt"`
	For      duration                   `json:"for"`
	ExitCode int32                      `json:"exitCode"`
	Reason   container.TerminatedReason `json:"reason"`
	Forever  bool                       `json:"forever"`
}

type probeJSON struct {
	Probe   probe.Kind    `json:"probe"`
	Attempt int           `json:"attempt"`
	From    duration      `json:"from"`
	Until   duration      `json:"until"`
	Outcome probe.Outcome `json:"outcome"`
}

type hookJSON struct {
	Duration duration `json:"duration"`
	Fail     string   `json:"fail"`
}

// duration is a time.Duration written as a Go duration string.
type duration time.Duration

func (d *duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a duration is a string such as \"1.5s\", not %s", b)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration %q: %w", s, err)
	}
	*d = duration(v)
	return nil
}

func (in *scriptJSON) into(c *sim.ContainerScript) error {
	*c = sim.ContainerScript{
		Pod: in.Pod, Labels: in.Labels, Container: in.Container,
		Pull: sim.Pull{Duration: time.Duration(in.Pull.Duration), FailAttempts: in.Pull.FailAttempts,
			FailAlways: in.Pull.FailAlways, Message: in.Pull.Message},
		CreateDelay: time.Duration(in.CreateDelay), StartDelay: time.Duration(in.StartDelay),
		PostStart:     sim.HookScript{Duration: time.Duration(in.PostStart.Duration), Fail: in.PostStart.Fail},
		PreStop:       sim.HookScript{Duration: time.Duration(in.PreStop.Duration), Fail: in.PreStop.Fail},
		StopDelay:     time.Duration(in.StopDelay),
		IgnoreSIGTERM: in.IgnoreSIGTERM,
	}
	for _, r := range in.Runs {
		c.Runs = append(c.Runs, sim.Run{Attempt: r.Attempt, For: time.Duration(r.For), ExitCode: r.ExitCode, Reason: r.Reason, Forever: r.Forever})
	}
	for j, p := range in.Probes {
		switch p.Probe {
		case "", probe.Startup, probe.Liveness, probe.Readiness:
		default:
			return fmt.Errorf("probes[%d]: unknown probe %q (Startup, Liveness, Readiness, or none for every probe)", j, p.Probe)
		}
		switch p.Outcome {
		case probe.OutcomeSuccess, probe.OutcomeFailure, probe.OutcomeTimeout, probe.OutcomeError:
		default:
			return fmt.Errorf("probes[%d]: unknown outcome %q (Success, Failure, Timeout, Error)", j, p.Outcome)
		}
		c.Probes = append(c.Probes, sim.ProbeAnswer{Probe: p.Probe, Attempt: p.Attempt, From: time.Duration(p.From),
			Until: time.Duration(p.Until), Outcome: p.Outcome})
	}
	return nil
}
