package podlife_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

// The conformance test runs every vector file of testdata/conformance (a
// copy of ../shared/conformance), those of testdata/oracle-made (cases made
// for what the shared generators draw little, answered by the same oracle:
// see its README) and, when PODLIFE_CONFORMANCE_DIR names a directory,
// every *.json file there too. Format: testdata/conformance/README.md.
// PODLIFE_CONFORMANCE_GATES (Name=true,...) adds feature gates to the
// input of every case of that directory (see envGates).
//
// With PODLIFE_CONFORMANCE_OUT set, it also writes each file it ran to that
// directory with every case's expect replaced by podlife's complete answer.

// vectorCase is one case; fields the harness does not read are kept so
// that an output file is the input file with only expect changed.
type vectorCase struct {
	Name   string          `json:"name"`
	Pod    json.RawMessage `json:"pod"`
	Input  json.RawMessage `json:"input,omitempty"`
	Expect json.RawMessage `json:"expect"`
	Skip   json.RawMessage `json:"skip,omitempty"`
	// FeatureGates at case level is where restart-upstream.json keeps the
	// upstream test's gate overrides; input.featureGates elsewhere.
	FeatureGates map[string]bool `json:"featureGates,omitempty"`
	raw          map[string]json.RawMessage
	bundled      bool
	// made: from testdata/oracle-made, whose cases were not redrawn where
	// upstream's error order follows a map's: their errors are compared
	// as a set, details included.
	made bool
}

type vectorFile struct {
	path   string
	Family string       `json:"family"`
	Cases  []vectorCase `json:"-"`
	raw    map[string]json.RawMessage
}

// familyRunner answers one case: podlife's complete answer for the family,
// and a description of how it differs from the case's expect ("" when it
// agrees).
type familyRunner func(c *vectorCase) (answer any, diff string, err error)

// bundled reports whether the case comes from testdata/conformance rather
// than from $PODLIFE_CONFORMANCE_DIR. Set by the loader.
func (c *vectorCase) isBundled() bool { return c.bundled }

var families = map[string]familyRunner{
	"phase":      runPhase,
	"conditions": runConditions,
	"restart":    runRestart,
	"validation": runValidation,
}

// runtimeFacts lists the families whose runner feeds a case the runtime
// facts it carries under input.runtime: their cases' skip marks (which say
// those facts are missing from the v1 status) are not obeyed.
var runtimeFacts = map[string]bool{}

// familyOrder is the order of the summary lines; families found in files
// but not listed here are reported after them.
var familyOrder = []string{"phase", "conditions", "restart", "validation", "qos", "actions", "backoff", "apistatus", "kubectl", "duration", "available", "podorder"}

type tally struct {
	passed, failed, skipped int
	unimplemented           bool
}

func TestConformance(t *testing.T) {
	files := loadVectorFiles(t)
	if len(files) == 0 {
		t.Fatal("no conformance vectors found in testdata/conformance")
	}
	outDir := os.Getenv("PODLIFE_CONFORMANCE_OUT")
	tallies := map[string]*tally{}
	for _, f := range files {
		tl := tallies[f.Family]
		if tl == nil {
			tl = &tally{}
			tallies[f.Family] = tl
		}
		run := families[f.Family]
		if run == nil {
			tl.unimplemented = true
			tl.skipped += len(f.Cases)
			continue
		}
		t.Run(f.Family, func(t *testing.T) {
			for i := range f.Cases {
				c := &f.Cases[i]
				t.Run(c.Name, func(t *testing.T) {
					if len(c.Skip) > 0 && string(c.Skip) != "null" && string(c.Skip) != "false" && !runtimeFacts[f.Family] {
						tl.skipped++
						t.Skipf("skipped by the vector file: %s", c.Skip)
					}
					answer, diff, err := run(c)
					var skip *skipCase
					switch {
					case errors.As(err, &skip):
						tl.skipped++
						t.Skip(skip.reason)
					case err != nil:
						tl.failed++
						t.Errorf("%s: %v", filepath.Base(f.path), err)
					case diff != "":
						tl.failed++
						t.Errorf("%s: podlife differs from upstream:\n%s", filepath.Base(f.path), diff)
					default:
						tl.passed++
					}
					if answer != nil {
						b, err := json.Marshal(answer)
						if err != nil {
							t.Fatalf("encoding the answer: %v", err)
						}
						c.raw["expect"] = b
					}
				})
			}
		})
		if outDir != "" {
			writeAnswers(t, outDir, f)
		}
	}
	names := append([]string(nil), familyOrder...)
	var extra []string
	for fam := range tallies {
		if !contains(familyOrder, fam) {
			extra = append(extra, fam)
		}
	}
	sort.Strings(extra)
	names = append(names, extra...)
	for _, fam := range names {
		tl := tallies[fam]
		if tl == nil {
			continue
		}
		line := fmt.Sprintf("conformance %s: %d passed, %d failed, %d skipped", fam, tl.passed, tl.failed, tl.skipped)
		if tl.unimplemented {
			line += " (family not implemented yet)"
		}
		fmt.Println(line)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func loadVectorFiles(t *testing.T) []*vectorFile {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "conformance", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	made, err := filepath.Glob(filepath.Join("testdata", "oracle-made", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, made...)
	if dir := os.Getenv("PODLIFE_CONFORMANCE_DIR"); dir != "" {
		more, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			t.Fatalf("PODLIFE_CONFORMANCE_DIR: %v", err)
		}
		if len(more) == 0 {
			t.Fatalf("PODLIFE_CONFORMANCE_DIR=%s holds no *.json file", dir)
		}
		paths = append(paths, more...)
	}
	extraGates, err := envGates()
	if err != nil {
		t.Fatal(err)
	}
	var files []*vectorFile
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f := &vectorFile{path: p}
		if err := json.Unmarshal(b, &f.raw); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if err := json.Unmarshal(f.raw["family"], &f.Family); err != nil {
			t.Fatalf("%s: family: %v", p, err)
		}
		var cases []map[string]json.RawMessage
		if err := json.Unmarshal(f.raw["cases"], &cases); err != nil {
			t.Fatalf("%s: cases: %v", p, err)
		}
		for _, raw := range cases {
			var c vectorCase
			b, _ := json.Marshal(raw)
			if err := json.Unmarshal(b, &c); err != nil {
				t.Fatalf("%s: case: %v", p, err)
			}
			c.raw = raw
			c.made = filepath.Dir(p) == filepath.Join("testdata", "oracle-made")
			c.bundled = c.made || filepath.Dir(p) == filepath.Join("testdata", "conformance")
			if !c.bundled && len(extraGates) > 0 {
				if err := c.addGates(extraGates); err != nil {
					t.Fatalf("%s: case %s: PODLIFE_CONFORMANCE_GATES: %v", p, c.Name, err)
				}
			}
			f.Cases = append(f.Cases, c)
		}
		files = append(files, f)
	}
	return files
}

// envGates reads PODLIFE_CONFORMANCE_GATES, feature gates in
// --feature-gates syntax (Name=true,Other=false): the gates the cases of
// PODLIFE_CONFORMANCE_DIR were answered with when the generator was given
// them (oracle gen -feature-gates) but the file does not say so per case.
func envGates() (map[string]bool, error) {
	v := os.Getenv("PODLIFE_CONFORMANCE_GATES")
	if v == "" {
		return nil, nil
	}
	gates := map[string]bool{}
	for _, kv := range strings.Split(v, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(kv), "=")
		on, err := strconv.ParseBool(val)
		if !ok || name == "" || err != nil {
			return nil, fmt.Errorf("PODLIFE_CONFORMANCE_GATES: %q is not Name=true or Name=false", kv)
		}
		gates[name] = on
	}
	return gates, nil
}

// addGates sets gates in the case's input.featureGates, under any the case
// sets itself.
func (c *vectorCase) addGates(gates map[string]bool) error {
	in := map[string]json.RawMessage{}
	if len(c.Input) > 0 {
		if err := json.Unmarshal(c.Input, &in); err != nil {
			return err
		}
	}
	merged := map[string]bool{}
	if raw, ok := in["featureGates"]; ok {
		if err := json.Unmarshal(raw, &merged); err != nil {
			return err
		}
	}
	for n, on := range gates {
		if _, set := merged[n]; !set {
			merged[n] = on
		}
	}
	b, err := json.Marshal(merged)
	if err != nil {
		return err
	}
	in["featureGates"] = b
	if c.Input, err = json.Marshal(in); err != nil {
		return err
	}
	c.raw["input"] = c.Input
	return nil
}

func writeAnswers(t *testing.T, dir string, f *vectorFile) {
	t.Helper()
	cases := make([]map[string]json.RawMessage, len(f.Cases))
	for i := range f.Cases {
		cases[i] = f.Cases[i].raw
	}
	b, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	f.raw["cases"] = b
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	if err := enc.Encode(f.raw); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.Base(f.path)), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// commonInput holds the input keys shared by several families.
type commonInput struct {
	PodIsTerminal     bool            `json:"podIsTerminal"`
	PodHasInitialized bool            `json:"podHasInitialized"`
	FeatureGates      map[string]bool `json:"featureGates"`
}

func (in *commonInput) gates() (feature.Gates, error) {
	return gatesOf(in.FeatureGates)
}

// skipCase is a runner's answer for a case podlife cannot run faithfully:
// it is counted as skipped, with the reason, never run at other settings.
type skipCase struct{ reason string }

func (s *skipCase) Error() string { return s.reason }

// unmodelledDefaults are upstream gates that vectors set although they
// change no answer podlife gives, with their v1.37 defaults
// (pkg/features/kube_features.go). At that default they are ignored.
var unmodelledDefaults = map[string]bool{
	"NodeDeclaredFeatures": true,
}

// gatesOf reads the featureGates of a case (name -> value) on top of the
// v1.37 defaults. A gate podlife does not model makes the case skipped:
// running it at the defaults would test something else than upstream did.
func gatesOf(maps ...map[string]bool) (feature.Gates, error) {
	var g feature.Gates
	for _, m := range maps {
		names := make([]string, 0, len(m))
		for n := range m {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			gate, ok := feature.Lookup(n)
			if !ok {
				if on, known := unmodelledDefaults[n]; known && on == m[n] {
					continue // set to its v1.37 default: changes nothing
				}
				return g, &skipCase{reason: "feature gate " + n + " is not modelled by podlife"}
			}
			g = g.With(gate, m[n])
		}
	}
	return g, nil
}

func decodeCase(c *vectorCase, p *pod.Pod, in any) error {
	if err := json.Unmarshal(c.Pod, p); err != nil {
		return fmt.Errorf("decoding pod: %w", err)
	}
	if len(c.Input) > 0 && in != nil {
		if err := json.Unmarshal(c.Input, in); err != nil {
			return fmt.Errorf("decoding input: %w", err)
		}
	}
	return nil
}

func runPhase(c *vectorCase) (any, string, error) {
	var p pod.Pod
	var in commonInput
	if err := decodeCase(c, &p, &in); err != nil {
		return nil, "", err
	}
	gates, err := in.gates()
	if err != nil {
		return nil, "", err
	}
	var want struct {
		Phase phase.Phase `json:"phase"`
	}
	if err := json.Unmarshal(c.Expect, &want); err != nil {
		return nil, "", err
	}
	got := pod.Phase(&p, pod.NodeFacts{PodIsTerminal: in.PodIsTerminal, PodHasInitialized: in.PodHasInitialized}, gates)
	answer := map[string]any{"phase": got}
	if got != want.Phase {
		return answer, fmt.Sprintf("phase: got %s, want %s", got, want.Phase), nil
	}
	return answer, "", nil
}

type conditionsInput struct {
	commonInput
	Phase          phase.Phase    `json:"phase"`
	Sandboxes      *[]pod.Sandbox `json:"sandboxes"`
	Generator      pod.ConditionType
	StatusesNil    *bool       `json:"statusesNil"`
	PreviousStatus *pod.Status `json:"previousStatus"`
}

func runConditions(c *vectorCase) (any, string, error) {
	var p pod.Pod
	var in conditionsInput
	if err := decodeCase(c, &p, &in); err != nil {
		return nil, "", err
	}
	var raw map[string]json.RawMessage
	_ = json.Unmarshal(c.Input, &raw)
	if g, ok := raw["generator"]; ok {
		_ = json.Unmarshal(g, &in.Generator)
	}
	gates, err := in.gates()
	if err != nil {
		return nil, "", err
	}
	if in.StatusesNil != nil && *in.StatusesNil {
		p.Status.InitContainerStatuses, p.Status.ContainerStatuses = nil, nil
	}
	facts := pod.NodeFacts{PodIsTerminal: in.PodIsTerminal, PodHasInitialized: in.PodHasInitialized}
	if in.Sandboxes != nil {
		facts.Sandboxes = *in.Sandboxes
	}
	if in.PreviousStatus != nil {
		return nil, "", fmt.Errorf("input.previousStatus is not supported by this harness")
	}
	all := pod.Conditions(&p, in.Phase, facts, gates)
	// The answer lists what the vectors list: the kubelet's generated
	// conditions in its order, PodReadyToStartContainers only when the
	// case gives sandboxes, and just the generator's condition for cases
	// transcribed from upstream's per-generator tests.
	var got []pod.Condition
	for _, cond := range all {
		switch {
		case cond.Type == pod.PodScheduled:
		case cond.Type == pod.PodReadyToStartContainers && in.Sandboxes == nil:
		case in.Generator != "" && cond.Type != in.Generator:
		default:
			got = append(got, cond)
		}
	}
	answer := map[string]any{"conditions": got}
	var want struct {
		Conditions []map[string]string `json:"conditions"`
	}
	if err := json.Unmarshal(c.Expect, &want); err != nil {
		return nil, "", err
	}
	var diffs []string
	for _, w := range want.Conditions {
		var g *pod.Condition
		for i := range got {
			if string(got[i].Type) == w["type"] {
				g = &got[i]
				break
			}
		}
		if g == nil {
			diffs = append(diffs, fmt.Sprintf("condition %s: missing", w["type"]))
			continue
		}
		have := map[string]string{"type": string(g.Type), "status": string(g.Status), "reason": g.Reason, "message": g.Message}
		sub := map[string]string{}
		for k := range w {
			sub[k] = have[k]
		}
		if d := cmp.Diff(w, sub); d != "" {
			diffs = append(diffs, fmt.Sprintf("condition %s (-want +got):\n%s", w["type"], d))
		}
	}
	return answer, strings.Join(diffs, "\n"), nil
}

func runRestart(c *vectorCase) (any, string, error) {
	var p pod.Pod
	var in struct {
		commonInput
		Container string `json:"container"`
		Init      bool   `json:"init"`
		// The oracle's override of the runtime's newest record of the
		// container (none, created, running, exited, unknown) and of its
		// exit code: runtime facts the v1 status cannot say.
		RuntimeState string `json:"runtimeState"`
		ExitCode     *int32 `json:"exitCode"`
	}
	if err := decodeCase(c, &p, &in); err != nil {
		return nil, "", err
	}
	gates, err := gatesOf(c.FeatureGates, in.FeatureGates)
	if err != nil {
		return nil, "", err
	}
	var want struct {
		Restart *bool `json:"restart"`
	}
	if err := json.Unmarshal(c.Expect, &want); err != nil {
		return nil, "", err
	}
	var got bool
	if in.RuntimeState == "" && in.ExitCode == nil {
		got, err = pod.ShouldRestartContainer(&p, in.Container, listKind(in.Init), gates)
	} else {
		got, err = restartWithRecord(&p, in.Container, in.Init, in.RuntimeState, in.ExitCode, gates)
	}
	if err != nil {
		return nil, "", err
	}
	answer := map[string]any{"restart": got}
	if want.Restart == nil {
		return answer, "", fmt.Errorf("the case has no expect.restart")
	}
	if got != *want.Restart {
		return answer, fmt.Sprintf("restart: got %v, want %v", got, *want.Restart), nil
	}
	return answer, "", nil
}

// restartWithRecord is the restart decision with the runtime's newest
// record given in part by the case: the record read from the container's
// v1 status (pod.RuntimeRecord), its state replaced by state and its exit
// code by exitCode when they are set, as the oracle builds the kubelet's
// runtime view. A container with no record keeps none unless state gives
// it one.
func restartWithRecord(p *pod.Pod, name string, init bool, state string, exitCode *int32, gates feature.Gates) (bool, error) {
	specs, statuses, k := p.Spec.Containers, p.Status.ContainerStatuses, container.Regular
	if init {
		specs, statuses, k = p.Spec.InitContainers, p.Status.InitContainerStatuses, container.Init
	}
	i := slices.IndexFunc(specs, func(c container.Container) bool { return c.Name == name })
	if i < 0 {
		return false, fmt.Errorf("no container %q (init %v)", name, init)
	}
	rec := pod.RuntimeRecord(container.Find(statuses, name))
	if state != "" {
		// The kubelet's names of the states, as the oracle reads them.
		s := restart.StateNone
		for s <= restart.StateUnknown && s.String() != state {
			s++
		}
		if s > restart.StateUnknown {
			return false, fmt.Errorf("input.runtimeState %q: want none, created, running, exited or unknown", state)
		}
		rec.State = s
	}
	if exitCode != nil {
		rec.ExitCode = *exitCode
	}
	return restart.ShouldContainerBeRestarted(specs[i].RestartSpec(p.Spec.RestartPolicy, k), rec, p.Metadata.IsDeleting(), gates), nil
}

type validationError struct {
	Field  string `json:"field"`
	Type   string `json:"type"`
	Detail string `json:"detail"`
}

// runValidation compares the set of (field, type) pairs, as the README
// asks. For the bundled vectors it also holds podlife to upstream's order
// and detail strings, which are reference data for other files.
func runValidation(c *vectorCase) (any, string, error) {
	var p pod.Pod
	var in struct {
		FeatureGates map[string]bool `json:"featureGates"`
	}
	if err := decodeCase(c, &p, &in); err != nil {
		return nil, "", err
	}
	gates, err := gatesOf(c.FeatureGates, in.FeatureGates)
	if err != nil {
		return nil, "", err
	}
	var want struct {
		Valid  bool              `json:"valid"`
		Errors []validationError `json:"errors"`
	}
	if err := json.Unmarshal(c.Expect, &want); err != nil {
		return nil, "", err
	}
	errs := pod.ValidateCreate(&p, gates)
	got := make([]validationError, len(errs))
	for i, e := range errs {
		got[i] = validationError{Field: e.Field, Type: string(e.Type), Detail: e.Detail}
	}
	answer := map[string]any{"valid": len(got) == 0, "errors": got}

	pairs := func(list []validationError) []string {
		out := make([]string, len(list))
		for i, e := range list {
			out[i] = e.Field + " " + e.Type
		}
		sort.Strings(out)
		return slices.Compact(out)
	}
	var diffs []string
	if want.Valid != (len(got) == 0) {
		diffs = append(diffs, fmt.Sprintf("valid: got %v, want %v", len(got) == 0, want.Valid))
	}
	triples := func(list []validationError) []string {
		out := make([]string, len(list))
		for i, e := range list {
			out[i] = e.Field + " " + e.Type + " " + e.Detail
		}
		sort.Strings(out)
		return out
	}
	if d := cmp.Diff(pairs(want.Errors), pairs(got)); d != "" {
		diffs = append(diffs, "(field, type) pairs (-upstream +podlife):\n"+d)
	} else if c.made {
		if d := cmp.Diff(triples(want.Errors), triples(got)); d != "" {
			diffs = append(diffs, "detail strings (-upstream +podlife):\n"+d)
		}
	} else if c.isBundled() {
		if d := cmp.Diff(want.Errors, got); d != "" {
			diffs = append(diffs, "order or detail strings (-upstream +podlife):\n"+d)
		}
	}
	return answer, strings.Join(diffs, "\n"), nil
}

// listKind names the spec list a case's "init" input selects.
func listKind(init bool) container.Kind {
	if init {
		return container.Init
	}
	return container.Regular
}
