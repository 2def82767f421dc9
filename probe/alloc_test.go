package probe_test

import (
	"testing"
	"time"
	"unsafe"

	"github.com/podlife/podlife/probe"
)

// The sizes are a contract, like net/netip's: a simulator embeds one
// Worker per probe of every container of every pod (a million pods × a few
// containers × up to 3 probes is tens of millions of Workers), so each
// byte is megabytes. A change that grows them must be deliberate.
func TestSizes(t *testing.T) {
	for _, tc := range []struct {
		name      string
		got, want uintptr
	}{
		{"Worker", unsafe.Sizeof(probe.Worker{}), 80},
		{"Port", unsafe.Sizeof(probe.Port{}), 24},
		{"Change", unsafe.Sizeof(probe.Change{}), 56},
	} {
		if tc.got != tc.want {
			t.Errorf("unsafe.Sizeof(probe.%s{}) = %d, want %d", tc.name, tc.got, tc.want)
		}
	}
}

// Every accepted input and every query of a Worker allocates nothing: a
// machine steps millions of them.
func TestWorkerAllocatesNothing(t *testing.T) {
	spec := execProbe(1, 0, 1, 1)
	grace := int64(5)
	spec.TerminationGracePeriodSeconds = &grace
	for _, tc := range []struct {
		name string
		kind probe.Kind
		run  func(w *probe.Worker, now time.Time)
	}{
		{"NewContainerAndObserve", probe.Liveness, func(w *probe.Worker, now time.Time) {
			mustOK(w.NewContainer(now, probe.Container{StartedAt: now, Started: true}))
			mustOK(w.Observe(now, probe.OutcomeFailure)) // publishes, kills, goes on hold
		}},
		{"SetStartedNotRunning", probe.Readiness, func(w *probe.Worker, now time.Time) {
			mustOK(w.NewContainer(now, probe.Container{StartedAt: now}))
			mustOK(w.SetStarted(now))
			mustOK(w.NotRunning(now, probe.MayRestart))
		}},
		{"TriggerAndQueries", probe.Readiness, func(w *probe.Worker, now time.Time) {
			mustOK(w.NewContainer(now, probe.Container{StartedAt: now, Started: true}))
			if err := w.Trigger(now); err != nil {
				panic(err)
			}
			_ = w.Skip(now)
			_ = w.Due(now)
			_, _ = w.NextDue(now)
			_, _ = w.Streak()
			_ = w.Result()
			_ = w.Kind()
			_ = w.OnHold()
			_ = probe.ContainerReady(probe.ContainerStarted(true, probe.NoProbe), w.Result())
		}},
		{"PodDeleting", probe.Startup, func(w *probe.Worker, now time.Time) {
			mustOK(w.NewContainer(now, probe.Container{StartedAt: now}))
			mustOK(w.PodDeleting(now))
		}},
		{"PodTerminal", probe.Readiness, func(w *probe.Worker, now time.Time) {
			mustOK(w.PodTerminal(now))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := spec
			if tc.kind == probe.Readiness {
				s.TerminationGracePeriodSeconds = nil
			}
			fresh := newWorker(t, tc.kind, s, base)
			i := 0
			allocs := testing.AllocsPerRun(200, func() {
				// scratch is a package variable, so that handing its
				// address to tc.run does not move it to the heap.
				scratch = fresh
				tc.run(&scratch, base.Add(time.Duration(i)*time.Second))
				i++
			})
			if allocs != 0 {
				t.Fatalf("%v allocations per run", allocs)
			}
		})
	}
}

func TestNewWorkerAllocatesNothing(t *testing.T) {
	spec := probe.Probe{TCPSocket: &probe.TCPSocketAction{Port: probe.PortName("http")}}
	allocs := testing.AllocsPerRun(200, func() {
		if _, err := probe.NewWorker(probe.Readiness, spec, base); err != nil {
			panic(err)
		}
	})
	if allocs != 0 {
		t.Fatalf("NewWorker of a valid spec: %v allocations", allocs)
	}
}

var scratch probe.Worker

func mustOK(_ probe.Change, err error) {
	if err != nil {
		panic(err)
	}
}
