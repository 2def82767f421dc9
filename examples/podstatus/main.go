// Command podstatus reads a pod as `kubectl get pod -o json` writes it and
// prints what podlife says of it: the phase and conditions the kubelet
// (Kubernetes v1.37) would report, and what the apiserver's validation
// would reject if the pod were created as it is.
//
//	go run ./examples/podstatus                 # a built-in crash-looping pod
//	go run ./examples/podstatus pod.json        # your pod
//	kubectl get pod web -o json | go run ./examples/podstatus -
//
// A pod's JSON cannot tell everything the kubelet knows; this program
// assumes the node's view that fits the status: the pod is finished only
// when it is being deleted, its sandbox holds regular containers once one
// has run, and its sandbox is ready with the pod IP.
package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/podlife/podlife/feature"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
)

//go:embed default-pod.json
var defaultPod []byte

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "podstatus:", err)
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, out io.Writer) error {
	data, source, err := readPod(args, stdin)
	if err != nil {
		return err
	}
	var p pod.Pod
	if err := json.Unmarshal(data, &p); err != nil {
		return fmt.Errorf("%s is not a pod in JSON: %w", source, err)
	}
	var gates feature.Gates // Kubernetes v1.37 defaults
	// What only the node knows, inferred from what the status shows.
	facts, seen := pod.InferNodeFacts(&p)

	fmt.Fprintf(out, "pod %s/%s (from %s)\n\n", orDefault(p.Metadata.Namespace, "default"), p.Metadata.Name, source)
	fmt.Fprintln(out, "containers:")
	for _, c := range p.Spec.InitContainers {
		kind := "init"
		if c.IsSidecar() {
			kind = "sidecar"
		}
		fmt.Fprintf(out, "  %-8s %-14s %s\n", kind, c.Name, describe(container.Find(p.Status.InitContainerStatuses, c.Name)))
	}
	for _, c := range p.Spec.Containers {
		fmt.Fprintf(out, "  %-8s %-14s %s\n", "regular", c.Name, describe(container.Find(p.Status.ContainerStatuses, c.Name)))
	}

	if !seen {
		// No kubelet has the pod: its answers (phase, conditions) do not
		// apply yet; only the apiserver's validation does.
		fmt.Fprintln(out, "\nnot scheduled: spec.nodeName is empty, so no kubelet runs this pod yet")
		return validate(out, &p, gates)
	}
	derived := pod.Phase(&p, facts, gates)
	fmt.Fprintf(out, "\nphase: %s", derived)
	if p.Status.Phase != "" && p.Status.Phase != derived {
		fmt.Fprintf(out, " (the file says %s)", p.Status.Phase)
	}
	fmt.Fprintln(out)

	fmt.Fprintln(out, "\nconditions the kubelet reports:")
	for _, c := range pod.Conditions(&p, derived, facts, gates) {
		line := fmt.Sprintf("  %-26s %s", c.Type, c.Status)
		if c.Reason != "" {
			line = fmt.Sprintf("%-35s %s", line, c.Reason)
		}
		fmt.Fprint(out, line)
		if c.Message != "" {
			fmt.Fprintf(out, ": %s", c.Message)
		}
		fmt.Fprintln(out)
	}

	return validate(out, &p, gates)
}

func validate(out io.Writer, p *pod.Pod, gates feature.Gates) error {
	errs := pod.ValidateCreate(p, gates)
	if len(errs) == 0 {
		fmt.Fprintln(out, "\nvalidation: the apiserver would accept this pod")
		return nil
	}
	problems := "problems"
	if len(errs) == 1 {
		problems = "problem"
	}
	fmt.Fprintf(out, "\nvalidation: the apiserver would reject this pod (%d %s):\n", len(errs), problems)
	for _, e := range errs {
		fmt.Fprintf(out, "  %s\n", e)
	}
	return nil
}

func readPod(args []string, stdin io.Reader) ([]byte, string, error) {
	switch {
	case len(args) == 0:
		return defaultPod, "the built-in example", nil
	case len(args) > 1:
		return nil, "", fmt.Errorf("takes one pod JSON file (or - for standard input), got %d arguments", len(args))
	case args[0] == "-":
		b, err := io.ReadAll(stdin)
		return b, "standard input", err
	}
	b, err := os.ReadFile(args[0])
	return b, args[0], err
}

func describe(s *container.Status) string {
	if s == nil {
		return "no status"
	}
	var d string
	switch st := s.State; {
	case st.Running != nil:
		d = "running"
		if !st.Running.StartedAt.IsZero() {
			d += " since " + st.Running.StartedAt.Format(time.TimeOnly)
		}
	case st.Terminated != nil:
		d = fmt.Sprintf("terminated, exit %d", st.Terminated.ExitCode)
		if st.Terminated.Reason != "" {
			d += " (" + string(st.Terminated.Reason) + ")"
		}
	case st.Waiting != nil:
		d = "waiting"
		if st.Waiting.Reason != "" {
			d += ": " + string(st.Waiting.Reason)
		}
	default:
		d = "state unknown"
	}
	if t := s.LastState.Terminated; t != nil {
		d += fmt.Sprintf("; last exit %d", t.ExitCode)
	}
	if s.RestartCount > 0 {
		d += fmt.Sprintf("; %d restarts", s.RestartCount)
	}
	if s.Ready {
		d += "; ready"
	}
	return d
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
