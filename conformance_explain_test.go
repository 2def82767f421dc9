package podlife_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/explain"
	"github.com/podlife/podlife/kubectl"
	"github.com/podlife/podlife/pod"
)

// An explanation is the derivation's own branch: on every conformance
// input of the phase, conditions and kubectl families, its conclusions
// are pod.Phase's, pod.Conditions' and kubectl.PodRow's answers, and
// each rule gives the value it concludes (a phase rule its phase, a
// condition rule its status, the last STATUS step the cell).
func TestExplainConcludesWhatTheDerivationsAnswer(t *testing.T) {
	checked := map[string]int{}
	for _, f := range loadVectorFiles(t) {
		for i := range f.Cases {
			c := &f.Cases[i]
			var err error
			switch f.Family {
			case "phase":
				err = explainPhaseCase(c)
			case "conditions":
				err = explainConditionsCase(c)
			case "kubectl":
				err = explainKubectlCase(c)
			default:
				continue
			}
			var skip *skipCase
			switch {
			case errors.As(err, &skip):
			case err != nil:
				t.Errorf("%s %s: %v", f.Family, c.Name, err)
			default:
				checked[f.Family]++
			}
		}
	}
	for _, fam := range []string{"phase", "conditions", "kubectl"} {
		if checked[fam] == 0 {
			t.Errorf("no %s case checked", fam)
		}
	}
}

type explainMismatch struct{ what, diff string }

func (e *explainMismatch) Error() string { return e.what + ": " + e.diff }

func explainPhaseCase(c *vectorCase) error {
	var p pod.Pod
	var in commonInput
	if err := decodeCase(c, &p, &in); err != nil {
		return err
	}
	gates, err := in.gates()
	if err != nil {
		return err
	}
	facts := pod.NodeFacts{PodIsTerminal: in.PodIsTerminal, PodHasInitialized: in.PodHasInitialized}
	e := explain.Pod(&p, facts, gates, time.Time{})
	want := pod.Phase(&p, facts, gates)
	switch {
	case e.Phase.Phase != want:
		return &explainMismatch{"phase", string(e.Phase.Phase) + " != " + string(want)}
	case e.Phase.Rule.Result() != want:
		return &explainMismatch{"phase rule", e.Phase.Rule.Text() + " does not give " + string(want)}
	case e.Phase.About.IsSet() && e.Phase.Container == "":
		return &explainMismatch{"phase rule", "points at a container with no name"}
	}
	return nil
}

func explainConditionsCase(c *vectorCase) error {
	var p pod.Pod
	var in conditionsInput
	if err := decodeCase(c, &p, &in); err != nil {
		return err
	}
	gates, err := in.gates()
	if err != nil {
		return err
	}
	if in.StatusesNil != nil && *in.StatusesNil {
		p.Status.InitContainerStatuses, p.Status.ContainerStatuses = nil, nil
	}
	facts := pod.NodeFacts{PodIsTerminal: in.PodIsTerminal, PodHasInitialized: in.PodHasInitialized}
	if in.Sandboxes != nil {
		facts.Sandboxes = *in.Sandboxes
	}
	want := pod.Conditions(&p, in.Phase, facts, gates)
	got := pod.ExplainConditions(&p, in.Phase, facts, gates)
	conds := make([]pod.Condition, len(got))
	for i, w := range got {
		conds[i] = w.Condition
		if w.Rule.Status() != w.Condition.Status {
			return &explainMismatch{string(w.Condition.Type), "rule " + w.Rule.Text() + " gives " + string(w.Rule.Status())}
		}
		if w.Rule.Source() == "" {
			return &explainMismatch{string(w.Condition.Type), "rule without a source"}
		}
	}
	if d := cmp.Diff(want, conds); d != "" {
		return &explainMismatch{"conditions", d}
	}
	return nil
}

func explainKubectlCase(c *vectorCase) error {
	var p pod.Pod
	var in struct {
		Now *time.Time `json:"now"`
	}
	if err := decodeCase(c, &p, &in); err != nil {
		return err
	}
	if in.Now == nil {
		return &skipCase{reason: "no input.now"}
	}
	row, steps := kubectl.ExplainStatus(&p, *in.Now)
	want := kubectl.PodRow(&p, *in.Now)
	if d := cmp.Diff(want, row); d != "" {
		return &explainMismatch{"row", d}
	}
	if len(steps) == 0 || steps[len(steps)-1].Status != row.Status {
		b, _ := json.Marshal(steps)
		return &explainMismatch{"STATUS", "the last step is not the cell " + string(row.Status) + ": " + string(b)}
	}
	return nil
}
