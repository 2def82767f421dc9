package sim

import (
	"slices"
	"strconv"

	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

// validateCluster checks the nodes, pods and controllers of the script.
func (sc *Script) validateCluster() error {
	seen := map[string]int{}
	for i, n := range sc.Nodes {
		f := field("Nodes", i, "")
		if n.Name == "" {
			return &ScriptError{Field: f + ".Name", Problem: "a node needs a name"}
		}
		if j, ok := seen[n.Name]; ok {
			return &ScriptError{Field: f + ".Name", Problem: "node " + strconv.Quote(n.Name) + " is listed twice (also Nodes[" + strconv.Itoa(j) + "])"}
		}
		seen[n.Name] = i
		for k, t := range n.Taints {
			if t.Key == "" {
				return &ScriptError{Field: f + ".Taints[" + strconv.Itoa(k) + "].Key", Problem: "a taint needs a key"}
			}
			if t.Effect != NoSchedule && t.Effect != PreferNoSchedule && t.Effect != NoExecute {
				return &ScriptError{Field: f + ".Taints[" + strconv.Itoa(k) + "].Effect", Problem: "unknown effect " + strconv.Quote(string(t.Effect)), Allowed: effectNames}
			}
		}
		for _, a := range n.Allocatable {
			if a.Quantity.Sign() < 0 {
				return &ScriptError{Field: f + ".Allocatable[" + string(a.Name) + "]", Problem: "negative quantity " + a.Quantity.String()}
			}
		}
	}
	for i, p := range sc.Pods {
		f := field("Pods", i, "")
		if p.Pod == nil {
			return &ScriptError{Field: f + ".Pod", Problem: "no pod"}
		}
		if p.At < 0 || p.At > MaxTime {
			return &ScriptError{Field: f + ".At", Pod: podKey(p.Pod), Problem: "time " + p.At.String() + " is outside 0 to MaxTime (100 years)"}
		}
		if err := validateScheduling(f+".Scheduling", &p.Scheduling); err != nil {
			return err
		}
	}
	names := map[string]int{}
	for i := range sc.Controllers {
		c := &sc.Controllers[i]
		f := field("Controllers", i, "")
		if err := validateController(f, c); err != nil {
			return err
		}
		ns := c.Namespace
		if ns == "" {
			ns = "default"
		}
		if j, ok := names[ns+"/"+c.Name]; ok {
			return &ScriptError{Field: f + ".Name", Problem: "controller " + strconv.Quote(ns+"/"+c.Name) + " is listed twice (also Controllers[" + strconv.Itoa(j) + "])"}
		}
		names[ns+"/"+c.Name] = i
	}
	for i, h := range sc.Happenings {
		if h.Kind != TemplateChanged && h.Kind != Scale {
			continue
		}
		f := field("Happenings", i, ".Template")
		var c *Controller
		for k := range sc.Controllers {
			x := &sc.Controllers[k]
			if x.Name == h.Controller || x.Namespace+"/"+x.Name == h.Controller || "default/"+x.Name == h.Controller && x.Namespace == "" {
				c = x
				break
			}
		}
		switch {
		case c == nil:
			continue // reported when the happening is carried out, with the names allowed
		case h.Kind == Scale && c.Kind == DaemonSet:
			return &ScriptError{Field: field("Happenings", i, ".Controller"), Problem: "a DaemonSet is not scaled: it runs a pod per node"}
		case h.Kind == Scale:
			continue
		case c.Kind == Job:
			// apis/batch/validation: a Job's template is immutable.
			return &ScriptError{Field: field("Happenings", i, ".Controller"), Problem: "a Job's pod template cannot be changed"}
		}
		t := *h.Template
		t.Spec.Volumes = withClaims(t.Spec.Volumes, c.VolumeClaims, c.Name+"-0")
		if err := validateTemplate(f, c.Kind, &t); err != nil {
			return err
		}
	}
	return nil
}

var effectNames = []string{string(NoSchedule), string(PreferNoSchedule), string(NoExecute)}

func validateScheduling(f string, sch *Scheduling) error {
	for k, t := range sch.Tolerations {
		tf := f + ".Tolerations[" + strconv.Itoa(k) + "]"
		switch {
		case t.Operator != "" && t.Operator != TolerationExists && t.Operator != TolerationEqual:
			return &ScriptError{Field: tf + ".Operator", Problem: "unknown operator " + strconv.Quote(string(t.Operator)), Allowed: []string{"Exists", "Equal"}}
		case t.Operator == TolerationExists && t.Value != "":
			return &ScriptError{Field: tf + ".Value", Problem: "a toleration with operator Exists takes no value"}
		case t.Key == "" && t.Operator != TolerationExists:
			return &ScriptError{Field: tf + ".Key", Problem: "an empty key needs operator Exists"}
		case t.Effect != "" && t.Effect != NoSchedule && t.Effect != PreferNoSchedule && t.Effect != NoExecute:
			return &ScriptError{Field: tf + ".Effect", Problem: "unknown effect " + strconv.Quote(string(t.Effect)), Allowed: effectNames}
		case t.TolerationSeconds != nil && t.Effect != NoExecute:
			return &ScriptError{Field: tf + ".TolerationSeconds", Problem: "tolerationSeconds needs effect NoExecute"}
		}
	}
	// ValidatePreemptionPolicy.
	if pp := sch.PreemptionPolicy; pp != "" && pp != PreemptLowerPriority && pp != PreemptNever {
		return &ScriptError{Field: f + ".PreemptionPolicy", Problem: "unknown preemption policy " + strconv.Quote(string(pp)), Allowed: []string{string(PreemptLowerPriority), string(PreemptNever)}}
	}
	return nil
}

func validateController(f string, c *Controller) error {
	switch {
	case c.Kind < ReplicaSet || c.Kind > DaemonSet:
		return &ScriptError{Field: f + ".Kind", Problem: "unknown controller " + c.Kind.String(), Allowed: controllerKindNames[1:]}
	case c.Name == "":
		return &ScriptError{Field: f + ".Name", Problem: "a controller needs a name"}
	case c.At < 0 || c.At > MaxTime:
		return &ScriptError{Field: f + ".At", Problem: "time " + c.At.String() + " is outside 0 to MaxTime (100 years)"}
	case c.Replicas < 0:
		return &ScriptError{Field: f + ".Replicas", Problem: "negative replicas"}
	}
	for _, x := range []struct {
		p    *int32
		name string
	}{{c.Completions, ".Completions"}, {c.Parallelism, ".Parallelism"}, {c.BackoffLimit, ".BackoffLimit"}} {
		if x.p != nil && c.Kind != Job {
			return &ScriptError{Field: f + x.name, Problem: "only a Job has " + x.name[1:]}
		}
		if x.p != nil && *x.p < 0 {
			return &ScriptError{Field: f + x.name, Problem: "negative " + x.name[1:]}
		}
	}
	if c.Kind != StatefulSet && len(c.VolumeClaims) > 0 {
		return &ScriptError{Field: f + ".VolumeClaims", Problem: "only a StatefulSet has volume claim templates"}
	}
	if c.Kind != Job && len(c.PodFailurePolicy) > 0 {
		return &ScriptError{Field: f + ".PodFailurePolicy", Problem: "only a Job has a pod failure policy"}
	}
	for k, r := range c.PodFailurePolicy {
		rf := f + ".PodFailurePolicy[" + strconv.Itoa(k) + "]"
		switch {
		case r.Action != FailJob && r.Action != Ignore && r.Action != Count:
			return &ScriptError{Field: rf + ".Action", Problem: "unknown action " + strconv.Quote(string(r.Action)), Allowed: []string{"FailJob", "Ignore", "Count"}}
		case (r.OnExitCodes == nil) == (len(r.OnPodConditions) == 0):
			return &ScriptError{Field: rf, Problem: "a rule needs exactly one of OnExitCodes and OnPodConditions"}
		case r.OnExitCodes != nil && r.OnExitCodes.Operator != "In" && r.OnExitCodes.Operator != "NotIn":
			return &ScriptError{Field: rf + ".OnExitCodes.Operator", Problem: "unknown operator " + strconv.Quote(r.OnExitCodes.Operator), Allowed: []string{"In", "NotIn"}}
		case r.OnExitCodes != nil && len(r.OnExitCodes.Values) == 0:
			return &ScriptError{Field: rf + ".OnExitCodes.Values", Problem: "no exit codes"}
		case r.OnExitCodes != nil && r.OnExitCodes.Operator == "In" && slices.Contains(r.OnExitCodes.Values, 0):
			return &ScriptError{Field: rf + ".OnExitCodes.Values", Problem: "0 cannot be used with operator In (exit code 0 never matches)"}
		}
	}
	t := c.Template
	t.Spec.Volumes = withClaims(t.Spec.Volumes, c.VolumeClaims, c.Name+"-0")
	return validateTemplate(f+".Template", c.Kind, &t)
}

// validateTemplate checks t as the apiserver checks a workload's template:
// the pod it makes must be valid, a Job's restartPolicy must be Never or
// OnFailure (Never with a pod failure policy is not checked here), the
// others' Always.
func validateTemplate(f string, k ControllerKind, t *Template) error {
	if len(t.Spec.Containers) == 0 {
		return &ScriptError{Field: f + ".Spec.Containers", Problem: "a pod template needs a container"}
	}
	rp := t.Spec.RestartPolicy
	if rp == "" {
		rp = restart.Always
	}
	if k == Job && rp == restart.Always {
		return &ScriptError{Field: f + ".Spec.RestartPolicy", Problem: "a Job's pods need restartPolicy Never or OnFailure", Allowed: []string{"Never", "OnFailure"}}
	}
	if k != Job && rp != restart.Always {
		return &ScriptError{Field: f + ".Spec.RestartPolicy", Problem: "a " + k.String() + "'s pods need restartPolicy Always", Allowed: []string{"Always"}}
	}
	p := &pod.Pod{Metadata: pod.Meta{Name: "template", Namespace: "default", Labels: t.Labels, Annotations: t.Annotations}, Spec: t.Spec}
	if errs := pod.ValidateCreate(p, feature.Gates{}); len(errs) > 0 {
		return &ScriptError{Field: f, Problem: "the pods it makes would be invalid: " + errs.Error()}
	}
	return validateScheduling(f+".Scheduling", &t.Scheduling)
}
