package sim

import (
	"bufio"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/probe"
)

// SVGOptions choose what WriteSVGWith draws.
type SVGOptions struct {
	// Pods are the pods to draw, by "namespace/name" or name, in this
	// order; empty: every pod created, in the order they were added.
	Pods []string
	// Width is the picture's width in pixels (zero: 960; at least 400).
	Width int
}

// The picture's geometry, in pixels.
const (
	svgLabel  = 190 // the left column of names
	svgRight  = 24
	svgTop    = 64 // title and legend
	svgBand   = 14 // a pod band's height
	svgRow    = 36 // a container row's height
	svgBar    = 14 // the state bar within a row
	svgPodGap = 18
	svgAxis   = 34
)

// The picture's colours, one per state, phase and marker.
const (
	colWaiting    = "#f2c14e"
	colRunning    = "#4caf50"
	colTermOK     = "#9e9e9e"
	colTermFailed = "#e57373"
	colReady      = "#1b5e20"
	colProbeOK    = "#2e7d32"
	colProbeFail  = "#c62828"
	colProbeError = "#757575"
	colRestart    = "#1565c0"
	colHook       = "#7e57c2"
	colSIGTERM    = "#ef6c00"
	colSIGKILL    = "#212121"
	colPodReady   = "#66bb6a"
	colPodUnready = "#e0e0e0"
)

var phaseColours = map[phase.Phase]string{
	phase.Pending: "#ffe082", phase.Running: "#a5d6a7", phase.Succeeded: "#90caf9",
	phase.Failed: "#ef9a9a", phase.Unknown: "#e0e0e0",
}

// WriteSVG writes a picture of every pod's life so far as an SVG document
// (standard library only): one group per pod, with a band for its phase and
// one for its Ready condition, then one row per container (init, sidecar,
// regular, ephemeral, labelled) coloured by state — waiting, running,
// terminated (exit 0 or not) — with a stripe while the container is ready
// and markers for probe results, restarts, hooks and signals (each with a
// tooltip), above a time axis since Options.Start. Rows are <g
// class="row"> elements with data-pod, data-container and data-kind
// attributes. The same run gives the same bytes.
func (s *Sim) WriteSVG(w io.Writer) error { return s.WriteSVGWith(w, SVGOptions{}) }

// WriteSVGWith writes the picture of WriteSVG for the pods and width of o.
func (s *Sim) WriteSVGWith(w io.Writer, o SVGOptions) error {
	width := o.Width
	if width == 0 {
		width = 960
	}
	if width < 400 {
		return errors.New("sim: SVGOptions.Width " + strconv.Itoa(width) + " is below 400 pixels")
	}
	var picked []int
	if len(o.Pods) == 0 {
		for j, sp := range s.pods {
			if sp != nil && sp.created {
				picked = append(picked, j)
			}
		}
	}
	for _, key := range o.Pods {
		j, ok := s.byKey[key]
		if !ok || !s.pods[j].created {
			return errors.New("sim: SVGOptions.Pods: no pod " + strconv.Quote(key) + " has been created")
		}
		picked = append(picked, int(j))
	}
	perPod := s.changesByPod()

	// The picture ends when the last pod drawn is gone, or now.
	ends := make([]time.Time, len(picked))
	var end int64 = int64(time.Second)
	for n, j := range picked {
		ends[n] = s.Now()
		for _, k := range perPod[j] {
			if r := &s.ctrLog[k]; r.kind == PodGone {
				ends[n] = time.Unix(0, r.at).UTC()
			}
		}
		end = max(end, ends[n].UnixNano()-s.start.UnixNano())
	}
	end += end / 40 // room for the markers at the end
	p := &svgPainter{s: s, width: width, span: end}
	p.plot = float64(width - svgLabel - svgRight)

	height := svgTop + svgAxis
	for _, j := range picked {
		height += 2*svgBand + 26 + len(s.pods[j].ctrs)*svgRow + svgPodGap
	}

	b := &p.b
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="` + strconv.Itoa(width) + `" height="` + strconv.Itoa(height) +
		`" viewBox="0 0 ` + strconv.Itoa(width) + " " + strconv.Itoa(height) + `" font-family="sans-serif" font-size="11">` + "\n")
	b.WriteString(`<rect width="100%" height="100%" fill="#ffffff"/>` + "\n")
	p.legend()
	y := svgTop
	for n, j := range picked {
		y = p.pod(j, perPod[j], y, ends[n])
	}
	p.axis(svgTop-6, y)
	b.WriteString("</svg>\n")
	bw := bufio.NewWriter(w)
	bw.WriteString(b.String())
	return bw.Flush()
}

type svgPainter struct {
	s     *Sim
	b     strings.Builder
	width int
	span  int64 // nanoseconds drawn
	plot  float64
}

func (p *svgPainter) x(t time.Time) float64 {
	d := t.UnixNano() - p.s.start.UnixNano()
	return float64(svgLabel) + float64(d)/float64(p.span)*p.plot
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// esc escapes s for text and attribute values.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (p *svgPainter) rect(x, y, w, h float64, fill, title, extra string) {
	p.b.WriteString(`<rect x="` + num(x) + `" y="` + num(y) + `" width="` + num(max(w, 0)) + `" height="` + num(h) + `" fill="` + fill + `"` + extra)
	if title == "" {
		p.b.WriteString("/>\n")
		return
	}
	p.b.WriteString("><title>" + esc(title) + "</title></rect>\n")
}

func (p *svgPainter) text(x, y float64, s, extra string) {
	p.b.WriteString(`<text x="` + num(x) + `" y="` + num(y) + `"` + extra + ">" + esc(s) + "</text>\n")
}

// legend draws the title and the key to colours and markers.
func (p *svgPainter) legend() {
	p.text(8, 18, "A pod's life: podlife sim, times since the start", ` font-size="13" font-weight="bold"`)
	x, y := 8.0, 38.0
	item := func(draw func(x, y float64), label string) {
		draw(x, y)
		p.text(x+16, y+4, label, "")
		x += 16 + float64(len(label))*6.2 + 14
		if x > float64(p.width)-120 {
			x, y = 8, y+16
		}
	}
	box := func(c string) func(x, y float64) {
		return func(x, y float64) { p.rect(x, y-5, 12, 10, c, "", "") }
	}
	item(box(colWaiting), "waiting")
	item(box(colRunning), "running")
	item(box(colTermOK), "terminated, exit 0")
	item(box(colTermFailed), "terminated, exit ≠ 0")
	item(func(x, y float64) { p.rect(x, y+2, 12, 3, colReady, "", "") }, "container ready")
	item(func(x, y float64) {
		p.probeMark(probe.Liveness, x+2, y, colProbeOK, false, "")
		p.probeMark(probe.Liveness, x+10, y, colProbeFail, true, "")
	}, "  liveness")
	item(func(x, y float64) {
		p.probeMark(probe.Readiness, x+2, y, colProbeOK, false, "")
		p.probeMark(probe.Readiness, x+10, y, colProbeFail, true, "")
	}, "  readiness")
	item(func(x, y float64) {
		p.probeMark(probe.Startup, x+2, y, colProbeOK, false, "")
		p.probeMark(probe.Startup, x+10, y, colProbeFail, true, "")
	}, "  startup probe: success, failure")
	item(func(x, y float64) { p.restartMark(x+6, y-7, "") }, "restart")
	item(func(x, y float64) { p.rect(x, y-2, 12, 4, colHook, "", "") }, "hook")
	item(func(x, y float64) { p.triangle(x+6, y-4, colSIGTERM, "") }, "SIGTERM")
	item(func(x, y float64) { p.triangle(x+6, y-4, colSIGKILL, "") }, "SIGKILL")
}

// probeMark draws a probe result centred on (x, y): a circle for
// liveness, a square for readiness, a diamond for startup; hollow for a
// success, filled otherwise.
func (p *svgPainter) probeMark(k probe.Kind, x, y float64, colour string, filled bool, title string) {
	fill := "#ffffff"
	if filled {
		fill = colour
	}
	paint := `" fill="` + fill + `" stroke="` + colour + `" stroke-width="1.2"`
	tag := "circle"
	switch k {
	case probe.Readiness:
		tag = "rect"
		p.b.WriteString(`<rect class="probe" x="` + num(x-2.5) + `" y="` + num(y-2.5) + `" width="5" height="5` + paint)
	case probe.Startup:
		tag = "path"
		p.b.WriteString(`<path class="probe" d="M` + num(x) + " " + num(y-3.2) + " L" + num(x+3.2) + " " + num(y) + " L" + num(x) + " " + num(y+3.2) +
			" L" + num(x-3.2) + " " + num(y) + ` Z` + paint)
	default:
		p.b.WriteString(`<circle class="probe" cx="` + num(x) + `" cy="` + num(y) + `" r="2.8` + paint)
	}
	if title == "" {
		p.b.WriteString("/>\n")
		return
	}
	p.b.WriteString("><title>" + esc(title) + "</title></" + tag + ">\n")
}

// triangle draws a downward triangle whose tip is at (x, y+8).
func (p *svgPainter) triangle(x, y float64, colour, title string) {
	p.b.WriteString(`<path d="M` + num(x-4) + " " + num(y) + " L" + num(x+4) + " " + num(y) + " L" + num(x) + " " + num(y+8) + ` Z" fill="` + colour + `"`)
	if title == "" {
		p.b.WriteString("/>\n")
		return
	}
	p.b.WriteString("><title>" + esc(title) + "</title></path>\n")
}

// restartMark draws a vertical line from y down a bar's height with a
// small head.
func (p *svgPainter) restartMark(x, y float64, title string) {
	p.b.WriteString(`<g class="restart"><line x1="` + num(x) + `" y1="` + num(y) + `" x2="` + num(x) + `" y2="` + num(y+svgBar) +
		`" stroke="` + colRestart + `" stroke-width="2"/><circle cx="` + num(x) + `" cy="` + num(y) + `" r="2.5" fill="` + colRestart + `"/>`)
	if title != "" {
		p.b.WriteString("<title>" + esc(title) + "</title>")
	}
	p.b.WriteString("</g>\n")
}

// pod draws pod j's group, whose changes are picked, from y to the time
// end and returns the y below it.
func (p *svgPainter) pod(j int, picked []int32, y int, end time.Time) int {
	s := p.s
	sp := s.pods[j]
	spec := &sp.m.Pod().Spec
	p.b.WriteString(`<g class="pod" data-pod="` + esc(sp.key) + `">` + "\n")
	p.text(8, float64(y+12), "pod "+sp.key, ` font-weight="bold"`)
	y += 20

	// The bands: the phase, then the Ready condition.
	type span struct {
		from   time.Time
		label  string
		colour string
	}
	band := func(name string, spans []span) {
		p.b.WriteString(`<g class="band" data-band="` + name + `">` + "\n")
		p.text(20, float64(y+11), name, ` fill="#424242"`)
		for i, sn := range spans {
			to := end
			if i+1 < len(spans) {
				to = spans[i+1].from
			}
			x0, x1 := p.x(sn.from), p.x(to)
			p.rect(x0, float64(y+1), x1-x0, svgBand-2, sn.colour, name+" "+sn.label+" from "+Clock(s.start, sn.from)+" to "+Clock(s.start, to), "")
			if x1-x0 > float64(len(sn.label))*6+8 {
				p.text(x0+4, float64(y+11), sn.label, ` font-size="10" fill="#212121"`)
			}
		}
		p.b.WriteString("</g>\n")
		y += svgBand + 2
	}
	var phases, ready []span
	for _, k := range picked {
		if s.ctrLog[k].ctr >= 0 {
			continue
		}
		c := s.change(k)
		switch c.Kind {
		case PhaseChanged:
			col, ok := phaseColours[c.Phase]
			if !ok {
				col = "#e0e0e0"
			}
			phases = append(phases, span{c.At, string(c.Phase), col})
		case PodReadyChanged:
			sn := span{c.At, "False", colPodUnready}
			if c.Ready {
				sn.label, sn.colour = "True", colPodReady
			}
			ready = append(ready, sn)
		}
	}
	bandsTop := y
	band("phase", phases)
	band("Ready", ready)
	y += 6

	for ci := range sp.ctrs {
		name := sp.ctrs[ci].name
		kind := kindName(kindOf(spec, ci))
		p.b.WriteString(`<g class="row" data-pod="` + esc(sp.key) + `" data-container="` + esc(name) + `" data-kind="` + kind + `">` + "\n")
		p.text(20, float64(y+27), name+" ("+kind+")", "")
		barY := float64(y + 16)
		p.containerRow(picked, ci, barY, end)
		p.b.WriteString("</g>\n")
		y += svgRow
	}
	for _, k := range picked {
		if c := s.change(k); c.Kind == PodDeleting {
			x := p.x(c.At)
			p.b.WriteString(`<g class="deleted"><line x1="` + num(x) + `" y1="` + strconv.Itoa(bandsTop) + `" x2="` + num(x) + `" y2="` + strconv.Itoa(y) +
				`" stroke="#212121" stroke-width="1" stroke-dasharray="3 3"/><title>` + esc(Clock(s.start, c.At)+" "+c.Text()) + "</title></g>\n")
			p.text(x-4, float64(bandsTop+11), "deleted", ` text-anchor="end" font-size="10" fill="#212121"`)
		}
	}
	p.b.WriteString("</g>\n")
	return y + svgPodGap
}

// containerRow draws container ci's state bar, ready stripe and markers
// with the bar's top at barY.
func (p *svgPainter) containerRow(picked []int32, ci int, barY float64, end time.Time) {
	s := p.s
	var states, readies []ContainerChange
	for _, k := range picked {
		if int(s.ctrLog[k].ctr) != ci {
			continue
		}
		c := s.change(k)
		switch c.Kind {
		case StateChanged:
			states = append(states, c)
		case ReadyChanged:
			readies = append(readies, c)
		}
	}
	upto := func(list []ContainerChange, i int) time.Time {
		if i+1 < len(list) {
			return list[i+1].At
		}
		return end
	}
	for i, c := range states {
		to := upto(states, i)
		if !to.After(c.At) {
			continue
		}
		col := colWaiting
		switch c.State {
		case container.StateRunning:
			col = colRunning
		case container.StateTerminated:
			col = colTermOK
			if c.ExitCode != 0 {
				col = colTermFailed
			}
		}
		x0, x1 := p.x(c.At), p.x(to)
		p.rect(x0, barY, x1-x0, svgBar, col, c.Text()+" from "+Clock(s.start, c.At)+" to "+Clock(s.start, to), ` class="state"`)
	}
	for i, c := range readies {
		if !c.Ready {
			continue
		}
		x0, x1 := p.x(c.At), p.x(upto(readies, i))
		p.rect(x0, barY+svgBar+1, x1-x0, 3, colReady, "ready from "+Clock(s.start, c.At), "")
	}
	// Markers, over the bars.
	var hookFrom [3]time.Time // by pod.Hook
	for _, k := range picked {
		if int(s.ctrLog[k].ctr) != ci {
			continue
		}
		c := s.change(k)
		x := p.x(c.At)
		title := Clock(s.start, c.At) + " " + c.Text()
		switch c.Kind {
		case ProbeCounted:
			// Two lanes, as probes of both kinds often run at once:
			// liveness and startup above readiness.
			y := barY - 10
			if c.Probe == probe.Readiness {
				y = barY - 4
			}
			col, filled := colProbeFail, true
			switch {
			case c.Outcome == probe.OutcomeSuccess:
				col, filled = colProbeOK, false
			case c.Count == 0:
				col = colProbeError
			}
			p.probeMark(c.Probe, x, y, col, filled, title)
		case Restarted:
			p.restartMark(x, barY, title)
		case HookStarted:
			hookFrom[c.Hook%3] = c.At
		case HookEnded:
			from := c.At.Add(-c.Duration)
			if !hookFrom[c.Hook%3].IsZero() {
				from = hookFrom[c.Hook%3]
			}
			x0 := p.x(from)
			extra := ""
			if c.Message != "" {
				extra = ` stroke="` + colProbeFail + `" stroke-width="1.5"`
			}
			p.rect(x0, barY+svgBar/2-2, max(x-x0, 2), 4, colHook, Clock(s.start, from)+" "+c.Text(), extra)
		case SignalSent:
			col := colSIGTERM
			if c.Signal == 9 {
				col = colSIGKILL
			}
			p.triangle(x, barY-9, col, title)
		}
	}
}

// axis draws the time axis below the groups and grid lines from top.
func (p *svgPainter) axis(top, bottom int) {
	step := tickStep(time.Duration(p.span))
	y := float64(bottom)
	p.b.WriteString(`<g class="axis">` + "\n")
	p.b.WriteString(`<line x1="` + num(svgLabel) + `" y1="` + num(y) + `" x2="` + num(float64(svgLabel)+p.plot) + `" y2="` + num(y) + `" stroke="#424242"/>` + "\n")
	for t := time.Duration(0); t <= time.Duration(p.span); t += step {
		x := p.x(p.s.start.Add(t))
		p.b.WriteString(`<line x1="` + num(x) + `" y1="` + strconv.Itoa(top) + `" x2="` + num(x) + `" y2="` + num(y) + `" stroke="#000000" stroke-opacity="0.08"/>` + "\n")
		p.b.WriteString(`<line x1="` + num(x) + `" y1="` + num(y) + `" x2="` + num(x) + `" y2="` + num(y+5) + `" stroke="#424242"/>` + "\n")
		p.text(x, y+17, shortDuration(t), ` text-anchor="middle" fill="#424242"`)
	}
	p.b.WriteString("</g>\n")
}

// tickSteps are the axis steps, from which the first that gives at most
// ten intervals is taken.
var tickSteps = []time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour,
}

func tickStep(span time.Duration) time.Duration {
	for _, st := range tickSteps {
		if span/st <= 10 {
			return st
		}
	}
	return (span/10 + 24*time.Hour - 1) / (24 * time.Hour) * (24 * time.Hour)
}
