// Package lesson runs and prints podlife's lessons: each lesson under
// examples/ is a Lesson value (an explanation, pods, a sim.Script, a
// duration, moments to explain) and main calls Main with it. Every lesson's
// output goes through Run, so that the lessons print alike: the
// explanation, the `kubectl get pods -w` lines with their causes, the
// events, the explanations asked for, what to notice and the lesson to run
// next. Golden checks a lesson's output against its golden file.
//
// It is for this repository's examples only.
package lesson

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/podlife/podlife/explain"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/sim"
)

// Lesson is one topic, run on the simulator.
type Lesson struct {
	// Title heads the output.
	Title string
	// Intro is what the lesson is about, in a few short paragraphs.
	Intro string
	// Options configure the Sim (its Script above all).
	Options sim.Options
	// Pods are added to the Sim at their times.
	Pods []Pod
	// For is how long the lesson runs, from time 0.
	For time.Duration
	// Explain lists moments at which a pod's state is explained (package
	// explain), in time order.
	Explain []Moment
	// After, when set, writes what the lesson adds once the run is over
	// (a table of facts read from the Sim's pods).
	After func(w io.Writer, s *sim.Sim) error
	// Notice is what to notice in the timeline.
	Notice string
	// Next names the lesson to run next (its directory under examples/).
	Next string
}

// Pod is a pod of a lesson and the time it is created at.
type Pod struct {
	Pod *pod.Pod
	At  time.Duration
}

// Moment asks for the explanation of pod Pod at time At, under a
// question; with Show set, Show writes what the lesson wants of the pod
// then instead.
type Moment struct {
	At       time.Duration
	Pod      string
	Question string
	Show     func(w io.Writer, p *pod.Pod) error
}

// MustPod decodes a pod written as JSON, the API's own field names; it
// panics on a mistake, which a lesson's golden test catches at once.
func MustPod(manifest string) *pod.Pod {
	var p pod.Pod
	if err := json.Unmarshal([]byte(manifest), &p); err != nil {
		panic(fmt.Sprintf("lesson: a pod that does not decode: %v", err))
	}
	return &p
}

// Main runs l, writing to standard output; it exits 1 on an error and 2
// on a bad command line.
func Main(l *Lesson) { MainFunc(nil, func() (*Lesson, error) { return l, nil }) }

// MainFunc is Main for a program with flags of its own (the tour):
// register adds them to the command line's flag set (nil: none), and
// build makes the lesson once the flags are parsed. The lessons' own
// flags are added here, for every lesson alike.
func MainFunc(register func(fs *flag.FlagSet), build func() (*Lesson, error)) {
	fs := flag.NewFlagSet(os.Args[0], flag.ContinueOnError)
	svgFile := fs.String("svg", "", "also draw the timeline as an SVG picture into `FILE` (open it in a browser)")
	if register != nil {
		register(fs)
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		os.Exit(2)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		os.Exit(2)
	}
	l, err := build()
	if err == nil {
		var svg *os.File
		if *svgFile != "" {
			if svg, err = os.Create(*svgFile); err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n", fs.Name(), err)
				os.Exit(1)
			}
		}
		if svg != nil {
			err = RunSVG(os.Stdout, svg, l)
			if cerr := svg.Close(); err == nil {
				err = cerr
			}
			if err == nil {
				fmt.Fprintf(os.Stderr, "the timeline's picture is in %s\n", *svgFile)
			}
		} else {
			err = Run(os.Stdout, l)
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", fs.Name(), err)
		os.Exit(1)
	}
}

// Sim returns the Sim of l at time 0: its options, its pods added. A
// lesson's own tests run it to check the rule the lesson shows.
func (l *Lesson) Sim() (*sim.Sim, error) {
	s, err := sim.New(l.Options)
	if err != nil {
		return nil, err
	}
	for _, p := range l.Pods {
		if err := s.AddPod(p.Pod, p.At); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Run runs l and writes it to w.
func Run(w io.Writer, l *Lesson) error { return RunSVG(w, nil, l) }

// RunSVG is Run that also draws the timeline (sim.WriteSVG) into svg,
// unless svg is nil.
func RunSVG(w, svg io.Writer, l *Lesson) error {
	s, err := l.Sim()
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n\n%s\n", l.Title, strings.Repeat("=", len([]rune(l.Title))), strings.TrimSpace(l.Intro))

	// The explanations are taken as the clock passes their moments.
	var whys []string
	for _, m := range l.Explain {
		if err := s.RunUntil(s.Start().Add(m.At)); err != nil {
			return err
		}
		why, err := explainAt(s, m)
		if err != nil {
			return err
		}
		whys = append(whys, why)
	}
	if err := s.RunUntil(s.Start().Add(l.For)); err != nil {
		return err
	}

	fmt.Fprintf(&b, "\nkubectl get pods -w (TIME since the first pod was created; CAUSE: what made the row change)\n\n")
	if err := s.WriteWatch(&b); err != nil {
		return err
	}
	fmt.Fprintf(&b, "\nkubectl describe pod, the events (at %s)\n\n", sim.Clock(s.Start(), s.Now()))
	if err := s.WriteEvents(&b); err != nil {
		return err
	}
	fmt.Fprintf(&b, "\nEach container's life (states, probe results counted toward their thresholds, restarts, hooks, signals)\n\n")
	if err := s.WriteContainers(&b); err != nil {
		return err
	}
	for _, why := range whys {
		b.WriteString("\n" + why)
	}
	if l.After != nil {
		b.WriteString("\n")
		if err := l.After(&b, s); err != nil {
			return err
		}
	}
	if l.Notice != "" {
		fmt.Fprintf(&b, "\nWhat to notice\n\n%s\n", strings.TrimSpace(l.Notice))
	}
	if l.Next != "" {
		fmt.Fprintf(&b, "\nNext: go run ./examples/%s\n", l.Next)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	if svg != nil {
		return s.WriteSVG(svg)
	}
	return nil
}

// explainAt explains pod m.Pod as the Sim reports it now.
func explainAt(s *sim.Sim, m Moment) (string, error) {
	p := s.Pod(m.Pod)
	if p == nil {
		return "", fmt.Errorf("explain at %v: no pod %q then", m.At, m.Pod)
	}
	var b strings.Builder
	if m.Show != nil {
		fmt.Fprintf(&b, "At %s: %s\n\n", sim.Clock(s.Start(), s.Now()), m.Question)
		err := m.Show(&b, p)
		return b.String(), err
	}
	facts, _ := pod.InferNodeFacts(p)
	fmt.Fprintf(&b, "Why? At %s: %s\n(podlife explain; the node facts are inferred from the pod's status)\n\n",
		sim.Clock(s.Start(), s.Now()), m.Question)
	if err := explain.Pod(p, facts, feature.Gates{}, s.Now()).WriteText(&b); err != nil {
		return "", err
	}
	return b.String(), nil
}

// WritePods writes every pod the run made, in creation order: its name,
// UID, node, first container's image, creation time and how it ended (its
// phase, and whether it is being deleted or gone). A lesson whose point is
// that a replacement is a new pod shows it with this table.
func WritePods(w io.Writer, s *sim.Sim) error {
	fmt.Fprintf(w, "Every pod of the run, at %s (a replacement is a new pod: a new UID):\n\n", sim.Clock(s.Start(), s.Now()))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  NAME\tUID\tNODE\tIMAGE\tCREATED\tEND\n")
	for _, p := range s.Pods() {
		end := string(p.Status.Phase)
		switch {
		case s.Removed(p.Metadata.UID):
			end += ", removed"
		case !p.Metadata.DeletionTimestamp.IsZero():
			end += ", Terminating"
		}
		image := ""
		if len(p.Spec.Containers) > 0 {
			image = p.Spec.Containers[0].Image
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", p.Metadata.Name, p.Metadata.UID, p.Spec.NodeName, image,
			sim.Clock(s.Start(), p.Metadata.CreationTimestamp), end)
	}
	return tw.Flush()
}
