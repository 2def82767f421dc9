package probe_test

import (
	"errors"
	"testing"

	"github.com/podlife/podlife/probe"
)

// A nil *Worker answers every query and input exactly as the zero Worker,
// and nothing panics on a nil pointer.
func TestNilIsTheZeroWorker(t *testing.T) {
	var nilW *probe.Worker
	var zero probe.Worker
	same := func(name string, a, b any) {
		t.Helper()
		if a != b {
			t.Errorf("%s: nil %v, zero %v", name, a, b)
		}
	}
	same("Kind", nilW.Kind(), zero.Kind())
	same("Result", nilW.Result(), zero.Result())
	same("Stopped", nilW.Stopped(), zero.Stopped())
	same("OnHold", nilW.OnHold(), zero.OnHold())
	same("Period", nilW.Period(), zero.Period())
	same("Skip", nilW.Skip(base), zero.Skip(base))
	same("Due", nilW.Due(base), zero.Due(base))
	r1, n1 := nilW.Streak()
	r2, n2 := zero.Streak()
	same("Streak", [2]any{r1, n1}, [2]any{r2, n2})
	d1, ok1 := nilW.NextDue(base)
	d2, ok2 := zero.NextDue(base)
	same("NextDue", [2]any{d1, ok1}, [2]any{d2, ok2})
	type call func(*probe.Worker) (probe.Change, error)
	for name, c := range map[string]call{
		"Observe":    func(w *probe.Worker) (probe.Change, error) { return w.Observe(base, probe.OutcomeSuccess) },
		"BadOutcome": func(w *probe.Worker) (probe.Change, error) { return w.Observe(base, "x") },
		"NewContainer": func(w *probe.Worker) (probe.Change, error) {
			return w.NewContainer(base, probe.Container{StartedAt: base})
		},
		"SetStarted":  func(w *probe.Worker) (probe.Change, error) { return w.SetStarted(base) },
		"NotRunning":  func(w *probe.Worker) (probe.Change, error) { return w.NotRunning(base, probe.NoRestart) },
		"BadRestart":  func(w *probe.Worker) (probe.Change, error) { return w.NotRunning(base, 0) },
		"PodDeleting": func(w *probe.Worker) (probe.Change, error) { return w.PodDeleting(base) },
		"PodTerminal": func(w *probe.Worker) (probe.Change, error) { return w.PodTerminal(base) },
		"Trigger":     func(w *probe.Worker) (probe.Change, error) { return probe.Change{}, w.Trigger(base) },
	} {
		ch1, err1 := c(nilW)
		ch2, err2 := c(&zero)
		same(name, ch1, ch2)
		same(name+" error", errString(err1), errString(err2))
	}
	if zero != (probe.Worker{}) {
		t.Fatal("an input changed the zero Worker")
	}
	for _, err := range []error{(*probe.SpecError)(nil), (*probe.TimeError)(nil), (*probe.SkipError)(nil),
		(*probe.InputError)(nil), (*probe.PortError)(nil)} {
		if err.Error() == "" {
			t.Errorf("%T prints nothing", err)
		}
	}
	if errors.Unwrap((*probe.PortError)(nil)) != nil || (*probe.SpecError)(nil).Unwrap() != nil {
		t.Error("a nil error unwraps to something")
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
