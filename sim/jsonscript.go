package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/resource"
)

// LoadScript reads a script from JSON: a file (named name in errors)
// holding one object with these fields, each optional:
//
//	{
//	  "nodes": [{"name": "node-1", "labels": {...}, "allocatable": {"cpu": "2", "memory": "4Gi", "pods": "110"},
//	             "taints": [{"key": "...", "value": "...", "effect": "NoSchedule"}], "unschedulable": false}],
//	  "pods": [{"at": "0s", "pod": { a Pod in Kubernetes JSON }}],
//	  "controllers": [{"kind": "Deployment", "name": "web", "namespace": "default", "at": "0s", "replicas": 3,
//	                   "serviceName": "...", "volumeClaimTemplates": [{"metadata": {"name": "data"}, ...}],
//	                   "completions": 2, "parallelism": 1, "backoffLimit": 6,
//	                   "podFailurePolicy": {"rules": [{"action": "Ignore", "onExitCodes": {"containerName": "app",
//	                       "operator": "In", "values": [42]}, "onPodConditions": [{"type": "DisruptionTarget", "status": "True"}]}]},
//	                   "template": {"metadata": {"labels": {...}, "annotations": {...}}, "spec": { a PodSpec }}}],
//	  "containers": [{"pod": "web", "labels": {...}, "container": "app",
//	                  "pull": {"duration": "2s", "failAttempts": [1], "failAlways": false, "message": "...", "size": 187654321},
//	                  "createDelay": "0s", "startDelay": "500ms",
//	                  "runs": [{"attempt": 3, "for": "30s", "exitCode": 137, "reason": "OOMKilled", "forever": false,
//	                            "message": "...", "log": "..."}],
//	                  "probes": [{"probe": "Readiness", "attempt": 0, "from": "60s", "until": "90s", "outcome": "Failure",
//	                              "output": "HTTP probe failed with statuscode: 503"}],
//	                  "postStart": {"duration": "1s", "fail": "..."}, "preStop": {...},
//	                  "stopDelay": "3s", "ignoreSIGTERM": false, "memory": "600Mi"}],
//	  "happenings": [{"at": "90s", "kind": "NodeLost", "node": "node-2", "pod": "...", "grace": 30, "message": "...",
//	                  "controller": "web", "replicas": 5, "template": {...}, "count": 1}]
//	}
//
// Durations are Go duration strings ("90s", "1m30s", "500ms"). The
// script's own fields are read strictly: an unknown field, a value of the
// wrong type or an unknown name is an error that names the file, the
// path in it and what is allowed
// (`cluster.json: containers[2].runs[0].exitCode: want a whole number,
// got "one"`). Pods and templates are Kubernetes JSON, read as pod.Pod
// reads them (fields podlife does not model are ignored, as for
// `kubectl get pod -o json` output; an empty namespace reads as
// "default", as kubectl apply reads it), and their spec.nodeSelector,
// spec.tolerations, spec.priority and spec.preemptionPolicy become the
// Scheduling. The script is then checked as New checks it, with the
// default feature gates (pods validated, script entries against the
// pods), and those errors name the JSON path too. A controller's replicas left out is 1, as the API
// defaults it. Every error is a *LoadError.
func LoadScript(name string, r io.Reader) (Script, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Script{}, &LoadError{File: name, Problem: "reading: " + err.Error()}
	}
	if err := checkSyntax(name, data); err != nil {
		return Script{}, err
	}
	var f fileJSON
	d := &strictDecoder{file: name}
	if err := d.decode("", data, reflect.ValueOf(&f).Elem()); err != nil {
		return Script{}, err
	}
	sc, err := f.script(name)
	if err != nil {
		return Script{}, err
	}
	if err := sc.validate(); err != nil {
		return Script{}, toLoadError(name, err)
	}
	// Check the pods and the script against them as New does.
	if _, err := New(Options{Script: sc}); err != nil {
		return Script{}, toLoadError(name, err)
	}
	return sc, nil
}

// LoadError says what is wrong in a JSON script: the file, the path in it
// (JSON names: "containers[2].runs[0].exitCode"; or a line and column for
// a syntax error), the problem and what is allowed.
type LoadError struct {
	File    string
	Path    string
	Problem string
	Allowed []string
}

// Error writes "file: path: problem; allowed: ...".
func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Path != "" {
		b.WriteString(": " + e.Path)
	}
	b.WriteString(": " + e.Problem)
	writeAllowed(&b, e.Allowed)
	return b.String()
}

// LoadContainerScripts reads a JSON array of container behaviours, each
// entry as LoadScript's "containers" entries (durations as Go duration
// strings, fields read strictly): for a pod annotation or a test fixture
// that scripts containers only. Errors are *LoadErrors naming name and
// the path, the entries counted as "containers[i]".
func LoadContainerScripts(name string, r io.Reader) ([]ContainerScript, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &LoadError{File: name, Problem: "reading: " + err.Error()}
	}
	if err := checkJSON(name, data, '[', "container scripts are one JSON array"); err != nil {
		return nil, err
	}
	var f fileJSON
	d := &strictDecoder{file: name}
	if err := d.decode("containers", data, reflect.ValueOf(&f.Containers).Elem()); err != nil {
		return nil, err
	}
	sc, err := f.script(name)
	if err != nil {
		return nil, err
	}
	if err := sc.validate(); err != nil {
		return nil, toLoadError(name, err)
	}
	return sc.Containers, nil
}

func checkSyntax(name string, data []byte) error {
	return checkJSON(name, data, '{', "a script is one JSON object")
}

// checkJSON checks that data is one JSON value opening with open
// ('{' or '['), what says what is wanted.
func checkJSON(name string, data []byte, open byte, what string) error {
	var raw json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	err := dec.Decode(&raw)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			return &LoadError{File: name, Path: lineCol(data, dec.InputOffset()), Problem: "invalid JSON: more after the first value (" + what + ")"}
		}
		if len(raw) == 0 || raw[0] != open {
			return &LoadError{File: name, Problem: what}
		}
		return nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &LoadError{File: name, Path: lineCol(data, se.Offset), Problem: "invalid JSON: " + se.Error()}
	}
	if err == io.EOF {
		return &LoadError{File: name, Problem: "empty file: " + what}
	}
	return &LoadError{File: name, Problem: "invalid JSON: " + err.Error()}
}

// lineCol writes offset as "line L, column C" (both from 1).
func lineCol(data []byte, off int64) string {
	off = min(max(off, 0), int64(len(data)))
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	// The offset counts the byte at fault: its column is the offset's.
	col := off - int64(bytes.LastIndexByte(data[:off], '\n')) - 1
	return "line " + strconv.Itoa(line) + ", column " + strconv.FormatInt(col, 10)
}

// The JSON forms of the script. Field names are the JSON names; the
// strict decoder below matches them exactly.
type fileJSON struct {
	Nodes       []nodeJSON       `json:"nodes"`
	Pods        []podJSON        `json:"pods"`
	Controllers []controllerJSON `json:"controllers"`
	Containers  []containerJSON  `json:"containers"`
	Happenings  []happeningJSON  `json:"happenings"`
}

type nodeJSON struct {
	Name          string            `json:"name"`
	Labels        map[string]string `json:"labels"`
	Allocatable   resource.List     `json:"allocatable"`
	Taints        []taintJSON       `json:"taints"`
	Unschedulable bool              `json:"unschedulable"`
}

type taintJSON struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	Effect string `json:"effect"`
}

type podJSON struct {
	At  duration   `json:"at"`
	Pod kubeObject `json:"pod"`
}

type controllerJSON struct {
	Kind             string                `json:"kind"`
	Name             string                `json:"name"`
	Namespace        string                `json:"namespace"`
	At               duration              `json:"at"`
	Replicas         *int32                `json:"replicas"`
	ServiceName      string                `json:"serviceName"`
	Completions      *int32                `json:"completions"`
	Parallelism      *int32                `json:"parallelism"`
	BackoffLimit     *int32                `json:"backoffLimit"`
	PodFailurePolicy *podFailurePolicyJSON `json:"podFailurePolicy"`
	Template         *kubeObject           `json:"template"`
	// VolumeClaimTemplates are a StatefulSet's, as Kubernetes JSON; only
	// their names are read.
	VolumeClaimTemplates []kubeObject `json:"volumeClaimTemplates"`
}

type podFailurePolicyJSON struct {
	Rules []ruleJSON `json:"rules"`
}

type ruleJSON struct {
	Action          string                 `json:"action"`
	OnExitCodes     *exitCodesJSON         `json:"onExitCodes"`
	OnPodConditions []podConditionPatternJ `json:"onPodConditions"`
}

type exitCodesJSON struct {
	ContainerName string  `json:"containerName"`
	Operator      string  `json:"operator"`
	Values        []int32 `json:"values"`
}

type podConditionPatternJ struct {
	Type   string `json:"type"`
	Status string `json:"status"`
}

type containerJSON struct {
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
	Memory        resource.Quantity `json:"memory"`
}

type pullJSON struct {
	Duration     duration `json:"duration"`
	FailAttempts []int    `json:"failAttempts"`
	FailAlways   bool     `json:"failAlways"`
	Message      string   `json:"message"`
	Size         int64    `json:"size"`
}

type runJSON struct {
	Attempt  int      `json:"attempt"`
	For      duration `json:"for"`
	ExitCode int32    `json:"exitCode"`
	Reason   string   `json:"reason"`
	Forever  bool     `json:"forever"`
	Message  string   `json:"message"`
	Log      string   `json:"log"`
}

type probeJSON struct {
	Probe   string   `json:"probe"`
	Attempt int      `json:"attempt"`
	From    duration `json:"from"`
	Until   duration `json:"until"`
	Outcome string   `json:"outcome"`
	Output  string   `json:"output"`
}

type hookJSON struct {
	Duration duration `json:"duration"`
	Fail     string   `json:"fail"`
}

type happeningJSON struct {
	At         duration    `json:"at"`
	Kind       string      `json:"kind"`
	Pod        string      `json:"pod"`
	Node       string      `json:"node"`
	Grace      *int64      `json:"grace"`
	Message    string      `json:"message"`
	Controller string      `json:"controller"`
	Replicas   *int32      `json:"replicas"`
	Template   *kubeObject `json:"template"`
	Count      int         `json:"count"`
	// Ephemeral is the container of Debug, in Kubernetes JSON.
	Ephemeral *container.Container `json:"ephemeral"`
}

// duration is a Go duration string in JSON.
type duration time.Duration

// kubeObject is a pod or pod template in Kubernetes JSON, kept raw and
// read by pod.Pod's own decoding.
type kubeObject struct{ raw json.RawMessage }

// schedulingJSON is what a pod's JSON holds that pod.Pod does not model
// and the scheduler reads.
type schedulingJSON struct {
	Spec struct {
		NodeSelector map[string]string `json:"nodeSelector"`
		Tolerations  []struct {
			Key               string `json:"key"`
			Operator          string `json:"operator"`
			Value             string `json:"value"`
			Effect            string `json:"effect"`
			TolerationSeconds *int64 `json:"tolerationSeconds"`
		} `json:"tolerations"`
		Priority         *int32           `json:"priority"`
		PreemptionPolicy PreemptionPolicy `json:"preemptionPolicy"`
	} `json:"spec"`
}

// pod reads o as a pod (or a template: metadata and spec) and its
// scheduling fields.
func (o *kubeObject) pod(file, path string) (*pod.Pod, Scheduling, error) {
	var p pod.Pod
	if err := json.Unmarshal(o.raw, &p); err != nil {
		return nil, Scheduling{}, &LoadError{File: file, Path: path, Problem: "not a pod in Kubernetes JSON: " + strings.TrimPrefix(err.Error(), "json: ")}
	}
	var sj schedulingJSON
	if err := json.Unmarshal(o.raw, &sj); err != nil {
		return nil, Scheduling{}, &LoadError{File: file, Path: path + ".spec", Problem: "nodeSelector, tolerations, priority or preemptionPolicy: " + strings.TrimPrefix(err.Error(), "json: ")}
	}
	sch := Scheduling{NodeSelector: sj.Spec.NodeSelector, PreemptionPolicy: sj.Spec.PreemptionPolicy}
	if sj.Spec.Priority != nil {
		sch.Priority = *sj.Spec.Priority
	}
	for _, t := range sj.Spec.Tolerations {
		sch.Tolerations = append(sch.Tolerations, Toleration{Key: t.Key, Operator: TolerationOperator(t.Operator), Value: t.Value,
			Effect: TaintEffect(t.Effect), TolerationSeconds: t.TolerationSeconds})
	}
	return &p, sch, nil
}

func (o *kubeObject) template(file, path string) (Template, error) {
	p, sch, err := o.pod(file, path)
	if err != nil {
		return Template{}, err
	}
	return Template{Labels: p.Metadata.Labels, Annotations: p.Metadata.Annotations, Spec: p.Spec, Scheduling: sch}, nil
}

var (
	controllerKinds = controllerKindNames[1:]
	happeningKinds  = happeningNames[1:]
	probeKindsJSON  = []string{string(probe.Startup), string(probe.Liveness), string(probe.Readiness)}
)

func enumIndex(list []string, s string) int {
	return slices.Index(list, s)
}

// script turns the decoded file into a Script.
func (f *fileJSON) script(file string) (Script, error) {
	var sc Script
	bad := func(path, problem string, allowed []string) error {
		return &LoadError{File: file, Path: path, Problem: problem, Allowed: allowed}
	}
	for i, n := range f.Nodes {
		node := Node{Name: n.Name, Labels: n.Labels, Allocatable: n.Allocatable, Unschedulable: n.Unschedulable}
		for _, t := range n.Taints {
			node.Taints = append(node.Taints, Taint{Key: t.Key, Value: t.Value, Effect: TaintEffect(t.Effect)})
		}
		_ = i
		sc.Nodes = append(sc.Nodes, node)
	}
	for i := range f.Pods {
		path := field("pods", i, ".pod")
		if f.Pods[i].Pod.raw == nil {
			return sc, bad(path, "missing: the pod in Kubernetes JSON", nil)
		}
		p, sch, err := f.Pods[i].Pod.pod(file, path)
		if err != nil {
			return sc, err
		}
		if p.Metadata.Namespace == "" {
			p.Metadata.Namespace = "default" // as kubectl apply does
		}
		sc.Pods = append(sc.Pods, ScriptPod{At: time.Duration(f.Pods[i].At), Pod: p, Scheduling: sch})
	}
	for i := range f.Controllers {
		c := &f.Controllers[i]
		path := field("controllers", i, "")
		k := enumIndex(controllerKinds, c.Kind)
		if k < 0 {
			return sc, bad(path+".kind", "unknown controller "+strconv.Quote(c.Kind), controllerKinds)
		}
		if c.Template == nil {
			return sc, bad(path+".template", "missing: the pod template (metadata and spec)", nil)
		}
		t, err := c.Template.template(file, path+".template")
		if err != nil {
			return sc, err
		}
		ctl := Controller{Kind: ControllerKind(k + 1), Name: c.Name, Namespace: c.Namespace, At: time.Duration(c.At), ServiceName: c.ServiceName,
			Completions: c.Completions, Parallelism: c.Parallelism, BackoffLimit: c.BackoffLimit, Template: t}
		for j, vt := range c.VolumeClaimTemplates {
			var meta struct {
				Metadata struct {
					Name string `json:"name"`
				} `json:"metadata"`
			}
			if err := json.Unmarshal(vt.raw, &meta); err != nil || meta.Metadata.Name == "" {
				return sc, bad(path+field(".volumeClaimTemplates", j, ".metadata.name"), "a claim template needs a name", nil)
			}
			ctl.VolumeClaims = append(ctl.VolumeClaims, meta.Metadata.Name)
		}
		if c.Replicas != nil {
			ctl.Replicas = *c.Replicas
		} else if ctl.Kind != Job && ctl.Kind != DaemonSet {
			ctl.Replicas = 1 // the API's default
		}
		if c.PodFailurePolicy != nil {
			for _, r := range c.PodFailurePolicy.Rules {
				rule := PodFailurePolicyRule{Action: PodFailurePolicyAction(r.Action)}
				if e := r.OnExitCodes; e != nil {
					rule.OnExitCodes = &OnExitCodes{ContainerName: e.ContainerName, Operator: e.Operator, Values: e.Values}
				}
				for _, pc := range r.OnPodConditions {
					rule.OnPodConditions = append(rule.OnPodConditions, PodConditionPattern{Type: pod.ConditionType(pc.Type), Status: pod.ConditionStatus(pc.Status)})
				}
				ctl.PodFailurePolicy = append(ctl.PodFailurePolicy, rule)
			}
		}
		sc.Controllers = append(sc.Controllers, ctl)
	}
	for i := range f.Containers {
		c := &f.Containers[i]
		path := field("containers", i, "")
		cs := ContainerScript{Pod: c.Pod, Labels: c.Labels, Container: c.Container,
			Pull:        Pull{Duration: time.Duration(c.Pull.Duration), FailAttempts: c.Pull.FailAttempts, FailAlways: c.Pull.FailAlways, Message: c.Pull.Message, Size: c.Pull.Size},
			CreateDelay: time.Duration(c.CreateDelay), StartDelay: time.Duration(c.StartDelay),
			PostStart: HookScript{Duration: time.Duration(c.PostStart.Duration), Fail: c.PostStart.Fail},
			PreStop:   HookScript{Duration: time.Duration(c.PreStop.Duration), Fail: c.PreStop.Fail},
			StopDelay: time.Duration(c.StopDelay), IgnoreSIGTERM: c.IgnoreSIGTERM, Memory: c.Memory}
		for j, r := range c.Runs {
			reason := container.TerminatedReason(r.Reason)
			if r.Reason != "" && enumIndex(terminatedReasons, r.Reason) < 0 {
				return sc, bad(path+field(".runs", j, ".reason"), "unknown reason "+strconv.Quote(r.Reason), terminatedReasons)
			}
			cs.Runs = append(cs.Runs, Run{Attempt: r.Attempt, For: time.Duration(r.For), ExitCode: r.ExitCode, Reason: reason, Forever: r.Forever,
				Message: r.Message, Log: r.Log})
		}
		for j, p := range c.Probes {
			if p.Probe != "" && enumIndex(probeKindsJSON, p.Probe) < 0 {
				return sc, bad(path+field(".probes", j, ".probe"), "unknown probe "+strconv.Quote(p.Probe)+" (empty: every probe)", probeKindsJSON)
			}
			if enumIndex(outcomes, p.Outcome) < 0 {
				return sc, bad(path+field(".probes", j, ".outcome"), "unknown outcome "+strconv.Quote(p.Outcome), outcomes)
			}
			cs.Probes = append(cs.Probes, ProbeAnswer{Probe: probe.Kind(p.Probe), Attempt: p.Attempt, From: time.Duration(p.From), Until: time.Duration(p.Until), Outcome: probe.Outcome(p.Outcome), Output: p.Output})
		}
		sc.Containers = append(sc.Containers, cs)
	}
	for i := range f.Happenings {
		h := &f.Happenings[i]
		path := field("happenings", i, "")
		k := enumIndex(happeningKinds, h.Kind)
		if k < 0 {
			return sc, bad(path+".kind", "unknown happening "+strconv.Quote(h.Kind), happeningKinds)
		}
		hp := Happening{At: time.Duration(h.At), Kind: HappeningKind(k + 1), Pod: h.Pod, Node: h.Node, Grace: h.Grace, Message: h.Message,
			Controller: h.Controller, Count: h.Count, Ephemeral: h.Ephemeral}
		if h.Replicas != nil {
			hp.Replicas = *h.Replicas
		} else if hp.Kind == Scale {
			return sc, bad(path+".replicas", "Scale needs the new replicas", nil)
		}
		if h.Template != nil {
			t, err := h.Template.template(file, path+".template")
			if err != nil {
				return sc, err
			}
			hp.Template = &t
		}
		sc.Happenings = append(sc.Happenings, hp)
	}
	return sc, nil
}

// terminatedReasons are the reasons a scripted run may end with.
var terminatedReasons = []string{string(container.Completed), string(container.Error), string(container.OOMKilled),
	string(container.ContainerCannotRun), string(container.StartError), string(container.DeadlineExceeded), string(container.ContainerStatusUnknown)}

// toLoadError turns a *ScriptError of the script made from the file into
// a *LoadError with the JSON path.
func toLoadError(file string, err error) error {
	var se *ScriptError
	if !errors.As(err, &se) {
		return &LoadError{File: file, Problem: err.Error()}
	}
	var who []string
	if se.Pod != "" {
		who = append(who, "pod "+strconv.Quote(se.Pod))
	}
	if se.Container != "" {
		who = append(who, "container "+strconv.Quote(se.Container))
	}
	msg := se.Problem
	if len(who) > 0 {
		msg = strings.Join(who, ", ") + ": " + msg
	}
	return &LoadError{File: file, Path: jsonPath(se.Field), Problem: msg, Allowed: se.Allowed}
}

// jsonPath turns a Script field path ("Containers[2].Runs[0].For") into
// the file's JSON path ("containers[2].runs[0].for").
func jsonPath(goPath string) string {
	if strings.HasPrefix(goPath, "Options.") || goPath == "AddPod.at" {
		return ""
	}
	r := strings.NewReplacer(
		".Scheduling.", ".spec.", // the scheduling fields are the pod's spec fields
		".Template.Spec.", ".template.spec.",
		".PodFailurePolicy[", ".podFailurePolicy.rules[",
		".Pod.", ".pod.",
	)
	p := r.Replace(goPath)
	if strings.HasPrefix(p, "Pods[") {
		p = strings.Replace(p, "].spec.", "].pod.spec.", 1)
	}
	// Allocatable[cpu] is a key of an object.
	if i := strings.Index(p, ".Allocatable["); i >= 0 {
		p = p[:i] + ".allocatable." + strings.TrimSuffix(p[i+len(".Allocatable["):], "]")
	}
	parts := strings.Split(p, ".")
	for i, s := range parts {
		if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
			parts[i] = strings.ToLower(s[:1]) + s[1:]
		}
	}
	return strings.Join(parts, ".")
}

// strictDecoder decodes JSON into the script's JSON forms: every object
// key must be a field (exact name), every value of the field's type;
// errors carry the path.
type strictDecoder struct {
	file  string
	depth int
}

var (
	durationType   = reflect.TypeFor[duration]()
	kubeObjectType = reflect.TypeFor[kubeObject]()
	quantityType   = reflect.TypeFor[resource.Quantity]()
	listType       = reflect.TypeFor[resource.List]()
)

func (d *strictDecoder) fail(path, problem string, allowed []string) error {
	return &LoadError{File: d.file, Path: path, Problem: problem, Allowed: allowed}
}

func (d *strictDecoder) decode(path string, raw []byte, v reflect.Value) error {
	raw = bytes.TrimSpace(raw)
	if string(raw) == "null" {
		return nil // leaves the zero value, as encoding/json does
	}
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > 64 {
		return d.fail(path, "nested too deeply", nil)
	}
	t := v.Type()
	switch t {
	case durationType:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return d.fail(path, "want a duration string like \"90s\" or \"1m30s\", got "+show(raw), nil)
		}
		x, err := time.ParseDuration(s)
		if err != nil {
			return d.fail(path, "want a duration like \"90s\", \"1m30s\" or \"500ms\", got "+strconv.Quote(s), nil)
		}
		v.SetInt(int64(x))
		return nil
	case kubeObjectType:
		if raw[0] != '{' {
			return d.fail(path, "want an object in Kubernetes JSON, got "+show(raw), nil)
		}
		v.Set(reflect.ValueOf(kubeObject{raw: append(json.RawMessage(nil), raw...)}))
		return nil
	case quantityType:
		var q resource.Quantity
		if err := json.Unmarshal(raw, &q); err != nil {
			return d.fail(path, "want a quantity like \"500m\", \"2\" or \"1Gi\", got "+show(raw), nil)
		}
		v.Set(reflect.ValueOf(q))
		return nil
	case listType:
		if raw[0] != '{' {
			return d.fail(path, "want an object of quantities like {\"cpu\": \"2\", \"memory\": \"4Gi\"}, got "+show(raw), nil)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return d.fail(path, "want an object of quantities: "+err.Error(), nil)
		}
		l := make(resource.List, 0, len(m))
		for _, k := range sortedKeys(m) {
			var q resource.Quantity
			if err := json.Unmarshal(m[k], &q); err != nil {
				return d.fail(path+"."+k, "want a quantity like \"500m\", \"2\" or \"1Gi\", got "+show(m[k]), nil)
			}
			l = append(l, resource.Amount{Name: resource.Name(k), Quantity: q})
		}
		v.Set(reflect.ValueOf(l))
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		e := reflect.New(t.Elem())
		if err := d.decode(path, raw, e.Elem()); err != nil {
			return err
		}
		v.Set(e)
		return nil
	case reflect.Struct:
		return d.object(path, raw, v)
	case reflect.Slice:
		if raw[0] != '[' {
			return d.fail(path, "want a list, got "+show(raw), nil)
		}
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return d.fail(path, "want a list: "+err.Error(), nil)
		}
		s := reflect.MakeSlice(t, len(items), len(items))
		for i, it := range items {
			if err := d.decode(path+"["+strconv.Itoa(i)+"]", it, s.Index(i)); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.Map:
		if raw[0] != '{' {
			return d.fail(path, "want an object of strings, got "+show(raw), nil)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return d.fail(path, "want an object of strings: "+err.Error(), nil)
		}
		out := reflect.MakeMapWithSize(t, len(m))
		for _, k := range sortedKeys(m) {
			var s string
			if err := json.Unmarshal(m[k], &s); err != nil {
				return d.fail(path+"."+k, "want a string, got "+show(m[k]), nil)
			}
			out.SetMapIndex(reflect.ValueOf(k), reflect.ValueOf(s))
		}
		v.Set(out)
		return nil
	case reflect.String:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return d.fail(path, "want a string, got "+show(raw), nil)
		}
		v.SetString(s)
		return nil
	case reflect.Bool:
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return d.fail(path, "want true or false, got "+show(raw), nil)
		}
		v.SetBool(b)
		return nil
	case reflect.Int, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(string(raw), 10, t.Bits())
		if err != nil {
			return d.fail(path, "want a whole number ("+strconv.Itoa(t.Bits())+"-bit), got "+show(raw), nil)
		}
		v.SetInt(n)
		return nil
	}
	return d.fail(path, "cannot be read (type "+t.String()+")", nil)
}

// object decodes a JSON object into struct v, rejecting unknown keys and
// a key given twice.
func (d *strictDecoder) object(path string, raw []byte, v reflect.Value) error {
	if raw[0] != '{' {
		return d.fail(path, "want an object, got "+show(raw), nil)
	}
	t := v.Type()
	names := make([]string, 0, t.NumField())
	fields := make([]int, 0, t.NumField())
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("json"); tag != "" {
			names = append(names, tag)
			fields = append(fields, i)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return d.fail(path, "want an object: "+err.Error(), nil)
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return d.fail(path, "invalid object: "+err.Error(), nil)
		}
		key, _ := tok.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return d.fail(path, "invalid object: "+err.Error(), nil)
		}
		sub := key
		if path != "" {
			sub = path + "." + key
		}
		i := slices.Index(names, key)
		if i < 0 {
			where := path
			if where == "" {
				where = "the script"
			}
			return d.fail(sub, "unknown field in "+where, names)
		}
		if seen[key] {
			return d.fail(sub, "given twice", nil)
		}
		seen[key] = true
		if err := d.decode(sub, val, v.Field(fields[i])); err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// show quotes a JSON value for an error, cut to 40 bytes.
func show(raw []byte) string {
	s := string(bytes.TrimSpace(raw))
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	if len(s) > 0 && s[0] == '"' {
		return s
	}
	return strconv.Quote(s)
}
