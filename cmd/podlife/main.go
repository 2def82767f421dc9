// Command podlife reads Kubernetes manifests — YAML or JSON, several
// documents in a file, Lists, Pods and workloads — and says what
// Kubernetes v1.37 does with their pods, using the podlife library.
//
//	go run ./cmd/podlife status pod.yaml          # from the repository root
//
// It is a module of its own (github.com/podlife/podlife/cmd/podlife), so
// that YAML (sigs.k8s.io/yaml) and the k8s.io/api workload types stay out
// of podlife's core module. Like kube/go.mod, its go.mod requires the core
// and kube modules at the zero pseudo-version, which the repository's
// go.work resolves to the checkout; `go install
// github.com/podlife/podlife/cmd/podlife@VERSION` needs tagged versions of
// them first.
//
// Commands:
//
//	podlife status FILE            phase, conditions, the kubectl get pods row and every
//	                               container's state, as the kubelet would report them
//	podlife validate FILE...       what the apiserver would reject on create, with field paths
//	podlife simulate [-for 10m] [-exit NAME=CODE@DURATION] [-script S.json] [-svg OUT.svg] FILE
//	                               the pod's life as the kubelet would run it, a workload's pods
//	                               as its controller makes them: kubectl get pods -w lines and
//	                               the events
//	podlife explain FILE           why the pod is in its state: the rule behind its phase, each
//	                               condition and its kubectl STATUS, with the upstream function
//
// FILE is a path, or - for standard input. Each object is read as its
// kind says: a Pod as it is; a Deployment, ReplicaSet, StatefulSet,
// DaemonSet, Job or CronJob as the first pod its controller would create
// from its template; a List item by item. Any other kind is an error that
// names it. An object without a namespace gets "default", as kubectl
// apply gives it. simulate runs a workload's controller instead (the
// sim package's: replicas, a Job's completions, parallelism,
// backoffLimit and pod failure policy), and says which of its fields
// the simulation leaves out; an Indexed Job is simulated as its first
// pod.
//
// status and explain look at the pod's status as the file holds it (from
// `kubectl get pod -o yaml`): what only the node knows is inferred from it
// (pod.InferNodeFacts) and said to be inferred. A pod without
// spec.nodeName has not been seen by a kubelet, and podlife says so
// rather than answer for one.
//
// Exit status: 0 when everything was read (and, for validate, every pod
// is valid); 1 when a file cannot be read, holds an object podlife does
// not read, a pod is invalid, or a simulation fails; 2 for a usage error
// (unknown command or flag, no FILE).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/podlife/podlife/cmd/podlife/manifest"
	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/explain"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/kubectl"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/sim"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailed  = 1
	exitUsage   = 2
	programName = "podlife"
)

const usage = `usage: podlife COMMAND [flags] FILE

  status   [-now T] FILE      phase, conditions, kubectl row, containers (as the kubelet reports them)
  validate FILE...            the apiserver's create validation, with field paths
  simulate [-for D] [-exit NAME=CODE@D] [-script S.json] [-svg OUT.svg] FILE
                              the pod's life on a virtual clock (a workload's pods, as its
                              controller makes them): kubectl get pods -w and events
  explain  [-now T] FILE      the rules behind the phase, each condition and the kubectl STATUS

FILE is YAML or JSON (several documents, Lists, Pods, Deployments, ReplicaSets,
StatefulSets, DaemonSets, Jobs, CronJobs); - reads standard input.
-now is the time ages are measured at (RFC 3339; default: now).
Exit status: 0 ok, 1 invalid or failed, 2 usage.
`

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, time.Now())) }

// env is what a command reads and writes.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	gates          feature.Gates
}

// usageError is a wrong command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// run is the whole program: args without the program name, the clock's
// reading for -now's default. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, clock time.Time) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "status":
		err = e.status(rest, clock)
	case "validate":
		err = e.validate(rest)
	case "simulate":
		err = e.simulate(rest)
	case "explain":
		err = e.explain(rest, clock)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		err = &usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usage)
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "%s: %v\n\n%s", programName, err, usage)
		return exitUsage
	case errors.Is(err, errReported):
		return exitFailed
	}
	fmt.Fprintf(stderr, "%s: %v\n", programName, err)
	return exitFailed
}

// errReported: the failure has been written out already.
var errReported = errors.New("reported")

// flags parses a command's flags and returns its file arguments, at
// least min of them and at most max (0: no limit).
func (e *env) flags(fs *flag.FlagSet, args []string, min, max int) ([]string, error) {
	// The flag package's own report is left out: run writes the error
	// and the usage once.
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, &usageError{err.Error()}
	}
	files := fs.Args()
	switch {
	case len(files) < min:
		return nil, &usageError{fs.Name() + ": no FILE given"}
	case max > 0 && len(files) > max:
		return nil, &usageError{fmt.Sprintf("%s: one FILE only, got %d", fs.Name(), len(files))}
	}
	return files, nil
}

// nowFlag is -now: an RFC 3339 time.
type nowFlag struct{ t time.Time }

func (n *nowFlag) String() string { return n.t.Format(time.RFC3339) }
func (n *nowFlag) Set(s string) error {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Errorf("want an RFC 3339 time such as 2026-01-01T10:00:00Z")
	}
	n.t = t
	return nil
}

// read reads the pods of file ("-": standard input). at is the time a
// CronJob's job is made for.
func (e *env) read(file string, at time.Time) ([]manifest.Pod, error) {
	if file == "-" {
		return manifest.Read(e.stdin, "-", at)
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return manifest.Read(f, file, at)
}

// header writes where a pod comes from and what was filled in.
func header(w io.Writer, mp *manifest.Pod) {
	p := mp.Pod
	fmt.Fprintf(w, "pod %s/%s  from %s\n", p.Metadata.Namespace, p.Metadata.Name, mp.Where())
	notes(w, mp)
}

// notes writes what was filled in that the file does not hold.
func notes(w io.Writer, mp *manifest.Pod) {
	for _, n := range mp.Notes {
		fmt.Fprintf(w, "  filled in: %s\n", n)
	}
}

// factsLine says what pod.InferNodeFacts inferred.
func factsLine(f pod.NodeFacts) string {
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	sandbox := "none"
	if len(f.Sandboxes) > 0 {
		s := f.Sandboxes[0]
		sandbox = "not ready"
		if s.Ready {
			sandbox = "ready"
		}
		if s.IP != "" {
			sandbox += ", IP " + s.IP
		}
	}
	return fmt.Sprintf("  node facts, inferred from the status (pod.InferNodeFacts), not read from a node:\n"+
		"    the kubelet has finished the pod: %s; a regular container has run in this sandbox: %s; sandbox: %s\n",
		yes(f.PodIsTerminal), yes(f.PodHasInitialized), sandbox)
}

func (e *env) status(args []string, clock time.Time) error {
	return e.eachPod("status", args, clock, func(mp *manifest.Pod, now time.Time) error {
		e.statusOf(mp, now)
		return nil
	})
}

// eachPod is a command that takes -now and one FILE and does each for every
// pod the file holds, a blank line between two. A file read in part (an
// object podlife cannot read after some it can) still has its pods done,
// then the reading error returned.
func (e *env) eachPod(name string, args []string, clock time.Time, each func(mp *manifest.Pod, now time.Time) error) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	now := nowFlag{clock.UTC().Truncate(time.Second)}
	fs.Var(&now, "now", "the time ages are measured at (RFC 3339)")
	files, err := e.flags(fs, args, 1, 1)
	if err != nil {
		return err
	}
	pods, err := e.read(files[0], now.t)
	for i := range pods {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		if werr := each(&pods[i], now.t); werr != nil {
			return werr
		}
	}
	return err
}

// statusOf writes one pod's status: the kubelet's, when the pod is bound.
func (e *env) statusOf(mp *manifest.Pod, now time.Time) {
	w := e.stdout
	header(w, mp)
	p := *mp.Pod
	facts, bound := pod.InferNodeFacts(&p)
	if !bound {
		fmt.Fprintf(w, "  not bound to a node (no spec.nodeName): no kubelet has seen it.\n")
		asCreated(w, &p, now)
	} else {
		fmt.Fprint(w, factsLine(facts))
		stored := p.Status.Phase
		p.Status = pod.KubeletStatus(&p, facts, e.gates, now)
		note := ""
		switch {
		case stored == "":
		case stored != p.Status.Phase:
			note = fmt.Sprintf(" (the file says %s)", stored)
		default:
			note = " (as the file says)"
		}
		fmt.Fprintf(w, "phase %s%s, as the kubelet derives it\n", p.Status.Phase, note)
		fmt.Fprintf(w, "conditions, as the kubelet generates them:\n")
		for _, c := range p.Status.Conditions {
			line := fmt.Sprintf("  %-26s %-6s %s", c.Type, c.Status, c.Reason)
			fmt.Fprint(w, strings.TrimRight(line, " "))
			if c.Message != "" {
				fmt.Fprintf(w, " %q", c.Message)
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintf(w, "kubectl get pods at %s:\n", now.Format(time.RFC3339))
	row := kubectl.PodRow(&p, now)
	var table strings.Builder
	tw := kubectl.NewTableWriter(&table, kubectl.Options{})
	_ = tw.Write(&row)
	_ = tw.Flush()
	fmt.Fprint(w, indented(table.String()))
	writeContainers(w, &p)
}

// asCreated gives a pod without a status the one the apiserver stores
// when it creates it (pkg/registry/core/pod/strategy.go PrepareForCreate):
// phase Pending, the QoS class, PodScheduled False while scheduling gates
// remain; and a creationTimestamp of now when it has none. It says so on
// w.
func asCreated(w io.Writer, p *pod.Pod, now time.Time) {
	if p.Status.Phase != "" {
		return
	}
	p.Status = pod.Status{Phase: "Pending", QOSClass: pod.CreateQOS(p)}
	if p.Metadata.CreationTimestamp.IsZero() {
		p.Metadata.CreationTimestamp = now
	}
	if len(p.Spec.SchedulingGates) > 0 {
		p.Status.Conditions = []pod.Condition{{Type: pod.PodScheduled, Status: pod.ConditionFalse,
			Reason: kubectl.SchedulingGatedReason, Message: "Scheduling is blocked due to non-empty scheduling gates"}}
	}
	fmt.Fprintf(w, "  as the apiserver stores it when created at %s (PrepareForCreate): phase Pending, qosClass %s.\n",
		p.Metadata.CreationTimestamp.Format(time.RFC3339), p.Status.QOSClass)
}

// indented is text with each line indented by two spaces.
func indented(text string) string {
	text = strings.TrimSuffix(text, "\n")
	return "  " + strings.ReplaceAll(text, "\n", "\n  ") + "\n"
}

// writeContainers writes every container's state from the pod's status.
func writeContainers(w io.Writer, p *pod.Pod) {
	fmt.Fprintln(w, "containers:")
	write := func(kind, name string, st *container.Status) {
		if st == nil {
			fmt.Fprintf(w, "  %-9s %-20s no status yet\n", kind, name)
			return
		}
		state := "no state"
		switch {
		case st.State.Running != nil:
			state = "running since " + st.State.Running.StartedAt.Format(time.RFC3339)
		case st.State.Waiting != nil:
			state = "waiting: " + string(st.State.Waiting.Reason)
		case st.State.Terminated != nil:
			t := st.State.Terminated
			state = fmt.Sprintf("terminated: %s, exit code %d", t.Reason, t.ExitCode)
			if t.Message != "" {
				state += fmt.Sprintf(", message %q", t.Message)
			}
		}
		ready := "not ready"
		if st.Ready {
			ready = "ready"
		}
		fmt.Fprintf(w, "  %-9s %-20s %s; %s; restarts %d", kind, name, state, ready, st.RestartCount)
		if lt := st.LastState.Terminated; lt != nil {
			fmt.Fprintf(w, "; last exit %d (%s)", lt.ExitCode, lt.Reason)
			if lt.Message != "" {
				fmt.Fprintf(w, ", message %q", lt.Message)
			}
		}
		fmt.Fprintln(w)
	}
	for _, c := range p.Spec.InitContainers {
		kind := "init"
		if c.IsSidecar() {
			kind = "sidecar"
		}
		write(kind, c.Name, container.Find(p.Status.InitContainerStatuses, c.Name))
	}
	for _, c := range p.Spec.Containers {
		write("container", c.Name, container.Find(p.Status.ContainerStatuses, c.Name))
	}
	for _, c := range p.Spec.EphemeralContainers {
		write("ephemeral", c.Name, container.Find(p.Status.EphemeralContainerStatuses, c.Name))
	}
}

func (e *env) validate(args []string) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	files, err := e.flags(fs, args, 1, 0)
	if err != nil {
		return err
	}
	failed := false
	for _, file := range files {
		pods, err := e.read(file, simStart)
		for i := range pods {
			if !e.validateOne(&pods[i]) {
				failed = true
			}
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", programName, err)
			failed = true
		}
	}
	if failed {
		return errReported
	}
	return nil
}

// validateOne writes the apiserver's verdict on one pod and reports
// whether it is valid.
func (e *env) validateOne(mp *manifest.Pod) bool {
	w := e.stdout
	p := mp.Pod
	errs := pod.ValidateCreate(p, e.gates)
	verdict := "valid"
	if len(errs) > 0 {
		verdict = fmt.Sprintf("invalid: %d problem", len(errs))
		if len(errs) > 1 {
			verdict += "s"
		}
	}
	fmt.Fprintf(w, "%s: pod %s/%s %s\n", mp.Where(), p.Metadata.Namespace, p.Metadata.Name, verdict)
	for _, n := range mp.Notes {
		fmt.Fprintf(w, "  filled in: %s\n", n)
	}
	for _, fe := range errs {
		mapped := *fe
		mapped.Field = objectPath(mp, fe.Field)
		fmt.Fprintf(w, "  %s\n", mapped.Error())
	}
	var notChecked []string
	unmodelled, err := pod.UnmodelledFields(mp.JSON)
	if err == nil {
		notChecked = append(notChecked, unmodelled...)
	}
	notChecked = append(notChecked, pod.Unchecked(p, e.gates)...)
	if len(notChecked) > 0 {
		for i := range notChecked {
			notChecked[i] = objectPath(mp, notChecked[i])
		}
		fmt.Fprintf(w, "  not checked by podlife: %s\n", strings.Join(notChecked, ", "))
	}
	return len(errs) == 0
}

// objectPath turns a pod's field path into the object's: a workload's
// pod spec, labels and annotations come from its template; the fields its
// controller fills (the name, namespace, owner, finalizers) are named as
// the pod's.
func objectPath(mp *manifest.Pod, path string) string {
	if mp.FieldPrefix == "" {
		return path
	}
	for _, own := range []string{"metadata.name", "metadata.generateName", "metadata.namespace", "metadata.ownerReferences", "metadata.finalizers"} {
		if path == own || strings.HasPrefix(path, own+".") || strings.HasPrefix(path, own+"[") {
			return "pod " + path
		}
	}
	if strings.HasPrefix(path, "spec.") || strings.HasPrefix(path, "metadata.") {
		return mp.FieldPrefix + path
	}
	return path
}

// simStart is the simulation's time 0, and the time a CronJob's job is
// made for in validate and simulate.
var simStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Simulation defaults: how long the runtime takes, so that the timeline
// shows each step.
const (
	simSandboxDelay = time.Second
	simPullDuration = 2 * time.Second
)

func (e *env) simulate(args []string) error {
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	span := fs.Duration("for", 10*time.Minute, "how long to simulate")
	var exits exitFlag
	fs.Var(&exits, "exit", "NAME=CODE@DURATION: container NAME exits with CODE after running DURATION, every run (repeatable)")
	svgFile := fs.String("svg", "", "also draw the timeline as an SVG picture into FILE")
	scriptFile := fs.String("script", "", "a sim JSON script: nodes, more pods, controllers, containers' behaviour, happenings (see go doc github.com/podlife/podlife/sim LoadScript)")
	files, err := e.flags(fs, args, 1, 1)
	if err != nil {
		return err
	}
	if *span <= 0 {
		return &usageError{"simulate: -for must be positive"}
	}
	pods, err := e.read(files[0], simStart)
	if err != nil {
		return err
	}
	script := sim.Script{}
	if *scriptFile != "" {
		f, err := os.Open(*scriptFile)
		if err != nil {
			return err
		}
		script, err = sim.LoadScript(*scriptFile, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	// A workload's controller makes its pods: its first pod stands for
	// them here.
	var controllers []json.RawMessage
	for i := range pods {
		if wl := pods[i].Workload; wl != nil {
			controllers = append(controllers, wl.Controller)
		}
	}
	if len(controllers) > 0 {
		doc, err := json.Marshal(map[string]any{"controllers": controllers})
		if err != nil {
			return err
		}
		more, err := sim.LoadScript(files[0]+" (its workloads as the simulation's controllers)", bytes.NewReader(doc))
		if err != nil {
			return err
		}
		script.Controllers = append(script.Controllers, more.Controllers...)
	}
	for _, x := range exits {
		// Each -exit applies to the pods that have the container: a
		// workload's by its labels, which its controller's pods carry.
		found := false
		for i := range pods {
			p := pods[i].Pod
			if !hasContainer(p, x.container) {
				continue
			}
			found = true
			cs := sim.ContainerScript{Pod: p.Metadata.Namespace + "/" + p.Metadata.Name, Container: x.container,
				Pull: sim.Pull{Duration: simPullDuration}, Runs: []sim.Run{{For: x.after, ExitCode: x.code}}}
			if wl := pods[i].Workload; wl != nil {
				cs.Pod, cs.Labels = "", wl.Labels
			}
			script.Containers = append(script.Containers, cs)
		}
		if !found {
			return &usageError{fmt.Sprintf("simulate: -exit %s: no pod of %s has a container %q", x.container, files[0], x.container)}
		}
	}
	script.Containers = append(script.Containers, sim.ContainerScript{Pull: sim.Pull{Duration: simPullDuration}})
	// A DaemonSet runs a pod on each node: without scripted nodes, one.
	addedNode := false
	if len(script.Nodes) == 0 && slices.ContainsFunc(script.Controllers, func(c sim.Controller) bool { return c.Kind == sim.DaemonSet }) {
		script.Nodes, addedNode = []sim.Node{{Name: "node-1"}}, true
	}
	s, err := sim.New(sim.Options{Start: simStart, SandboxDelay: simSandboxDelay, Script: script})
	if err != nil {
		return err
	}
	w := e.stdout
	for i := range pods {
		if wl := pods[i].Workload; wl != nil {
			fmt.Fprintf(w, "%s %s/%s  from %s: the pods its controller makes (%s)\n", wl.Kind, wl.Namespace, wl.Name, pods[i].Where(), wl.Keeps)
			for _, n := range wl.Notes {
				fmt.Fprintf(w, "  %s\n", n)
			}
			continue
		}
		header(w, &pods[i])
		if pods[i].OnePod != "" {
			fmt.Fprintf(w, "  simulated as this one pod: the workload is %s\n", pods[i].OnePod)
		}
		if err := s.AddPod(pods[i].Pod, 0); err != nil {
			return fmt.Errorf("%s: %w", pods[i].Where(), err)
		}
	}
	if *scriptFile != "" {
		fmt.Fprintf(w, "\nthe script %s says how its containers behave and what happens; ", *scriptFile)
	} else {
		fmt.Fprintf(w, "\n")
	}
	fmt.Fprintf(w, "every image pull takes %v, a sandbox %v; ", simPullDuration, simSandboxDelay)
	for _, x := range exits {
		fmt.Fprintf(w, "%s exits with %d after %v of each run; ", x.container, x.code, x.after)
	}
	fmt.Fprintf(w, "every other container runs until it is stopped\nand passes its probes; ")
	switch {
	case addedNode:
		fmt.Fprintf(w, "one node, node-1, without limits, for the DaemonSet: the pods without spec.nodeName\nare bound to it by sim's simple scheduler\n\n")
	case len(script.Nodes) == 0:
		fmt.Fprintf(w, "a pod without spec.nodeName is bound to node-1 at once (no nodes scripted: no scheduler)\n\n")
	default:
		fmt.Fprintf(w, "pods without spec.nodeName are bound by sim's simple scheduler to the %d scripted nodes\n\n", len(script.Nodes))
	}
	if err := s.RunUntil(s.Start().Add(*span)); err != nil {
		return err
	}
	if err := s.WriteWatch(w); err != nil {
		return err
	}
	writeWorkloads(w, s, pods)
	fmt.Fprintln(w, "\nEvents:")
	if err := s.WriteEvents(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nEach container's life (states, probe results counted toward their thresholds, restarts, hooks, signals):")
	if err := s.WriteContainers(w); err != nil {
		return err
	}
	if *svgFile == "" {
		return nil
	}
	f, err := os.Create(*svgFile)
	if err != nil {
		return err
	}
	if err := s.WriteSVG(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(w, "the timeline's picture is in %s\n", *svgFile)
	return nil
}

// writeWorkloads says where each workload's controller stands at the
// end of the simulation: a Job's condition and counts, the others' pods.
func writeWorkloads(w io.Writer, s *sim.Sim, pods []manifest.Pod) {
	first := true
	for i := range pods {
		wl := pods[i].Workload
		if wl == nil {
			continue
		}
		st, ok := s.Controller(wl.Namespace + "/" + wl.Name)
		if !ok {
			continue
		}
		if first {
			fmt.Fprintln(w)
			first = false
		}
		fmt.Fprintf(w, "%s %s/%s at the end: ", wl.Kind, wl.Namespace, wl.Name)
		switch {
		case wl.Kind == "Job" && st.Condition != "":
			fmt.Fprint(w, st.Condition)
			if st.Reason != "" {
				fmt.Fprintf(w, " (%s)", st.Reason)
			}
		case wl.Kind == "Job":
			fmt.Fprintf(w, "running")
		default:
			n := strconv.Itoa(len(st.Pods)) + " pods"
			if len(st.Pods) == 1 {
				n = "1 pod"
			}
			fmt.Fprintf(w, "%s, %d active, %d ready", n, st.Active, st.Ready)
		}
		if wl.Kind == "Job" {
			fmt.Fprintf(w, "; %d active, %d succeeded, %d failed", st.Active, st.Succeeded, st.Failed)
		}
		fmt.Fprintln(w)
	}
}

func (e *env) explain(args []string, clock time.Time) error {
	return e.eachPod("explain", args, clock, func(mp *manifest.Pod, now time.Time) error {
		p := *mp.Pod
		var context strings.Builder
		fmt.Fprintf(&context, "from %s\n", mp.Where())
		notes(&context, mp)
		facts, bound := pod.InferNodeFacts(&p)
		if bound {
			fmt.Fprint(&context, factsLine(facts))
		} else {
			asCreated(&context, &p, now)
		}
		ex := explain.Pod(&p, facts, e.gates, now)
		for _, line := range strings.Split(strings.TrimRight(context.String(), "\n"), "\n") {
			ex.Context = append(ex.Context, strings.TrimPrefix(line, "  "))
		}
		return ex.WriteText(e.stdout)
	})
}

func hasContainer(p *pod.Pod, name string) bool {
	for _, list := range [][]container.Container{p.Spec.InitContainers, p.Spec.Containers} {
		for i := range list {
			if list[i].Name == name {
				return true
			}
		}
	}
	return false
}

// exitFlag is -exit NAME=CODE@DURATION, repeated.
type exitFlag []scriptedExit

type scriptedExit struct {
	container string
	code      int32
	after     time.Duration
}

func (f *exitFlag) String() string { return fmt.Sprint(len(*f)) }

func (f *exitFlag) Set(v string) error {
	name, rest, ok := strings.Cut(v, "=")
	codeText, afterText, ok2 := strings.Cut(rest, "@")
	if !ok || !ok2 || name == "" {
		return fmt.Errorf("want NAME=CODE@DURATION, such as pi=0@10s")
	}
	code, err := strconv.ParseInt(codeText, 10, 32)
	if err != nil || code < 0 || code > 255 {
		return fmt.Errorf("exit code %q: want 0 to 255", codeText)
	}
	after, err := time.ParseDuration(afterText)
	if err != nil || after <= 0 {
		return fmt.Errorf("duration %q: want a positive Go duration such as 10s", afterText)
	}
	*f = append(*f, scriptedExit{container: name, code: int32(code), after: after})
	return nil
}
