package sim_test

import (
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
	"github.com/podlife/podlife/sim"
)

// lifecycle builds n pods through a realistic life: created over the first
// minute, an image pull, an init container that runs 2 s, an app with a
// readiness probe every 10 s that crashes once after 30 s and runs again,
// deleted at 3 minutes with the default 30 s grace (it stops in 1 s).
func lifecycle(b *testing.B, n int, noTimeline bool) *sim.Sim {
	haps := make([]sim.Happening, n)
	for i := range haps {
		haps[i] = sim.Happening{At: 3*time.Minute + time.Duration(i)*time.Millisecond, Kind: sim.Delete, Pod: "web-" + strconv.Itoa(i)}
	}
	s, err := sim.New(sim.Options{SandboxDelay: time.Second, NoTimeline: noTimeline, MaxEvents: 1 << 30, Script: sim.Script{
		Containers: []sim.ContainerScript{
			{Container: "init", Pull: sim.Pull{Duration: 3 * time.Second}, Runs: []sim.Run{{For: 2 * time.Second}}},
			{Container: "app", Pull: sim.Pull{Duration: 5 * time.Second}, StartDelay: 200 * time.Millisecond,
				Runs: []sim.Run{{Attempt: 1, For: 30 * time.Second, ExitCode: 1}, {Forever: true}}, StopDelay: time.Second},
		},
		Happenings: haps,
	}})
	if err != nil {
		b.Fatal(err)
	}
	ready := &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/ready", Port: probe.PortNumber(8080)}, PeriodSeconds: 10}
	for i := range n {
		p := &pod.Pod{
			Metadata: pod.Meta{Name: "web-" + strconv.Itoa(i), Namespace: "default", Labels: map[string]string{"app": "web"}},
			Spec: pod.Spec{RestartPolicy: restart.Always,
				InitContainers: []container.Container{{Name: "init", Image: "init:1"}},
				Containers:     []container.Container{{Name: "app", Image: "app:1", ReadinessProbe: ready}}},
		}
		if err := s.AddPod(p, time.Duration(i)*time.Minute/time.Duration(n)); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkLifecycle runs 10,000 pods through lifecycle and reports the
// events delivered per second, the allocations per event and the heap
// held per pod at the peak (every pod alive, 2 minutes in).
func BenchmarkLifecycle(b *testing.B) {
	const n = 10_000
	for _, tc := range []struct {
		name       string
		noTimeline bool
	}{{"timeline", false}, {"no-timeline", true}} {
		b.Run(tc.name, func(b *testing.B) {
			var events, mallocs uint64
			var heap float64
			var elapsed time.Duration
			for range b.N {
				b.StopTimer()
				runtime.GC()
				var m0, m1, m2 runtime.MemStats
				runtime.ReadMemStats(&m0)
				s := lifecycle(b, n, tc.noTimeline)
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms) // setup's allocations are not the run's
				b.StartTimer()
				t0 := time.Now()
				if err := s.RunUntil(s.Start().Add(2 * time.Minute)); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(t0)
				b.StopTimer()
				runtime.ReadMemStats(&m1)
				runtime.GC()
				runtime.ReadMemStats(&m2)
				heap += float64(m2.HeapAlloc-m0.HeapAlloc) / n
				b.StartTimer()
				t0 = time.Now()
				if err := s.Run(); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(t0)
				b.StopTimer()
				var m3 runtime.MemStats
				runtime.ReadMemStats(&m3)
				mallocs += m3.Mallocs - ms.Mallocs - (m2.Mallocs - m1.Mallocs)
				events += uint64(s.Stats().Events)
				if st := s.Stats(); st.Removed != n {
					b.Fatalf("%d of %d pods removed", st.Removed, n)
				}
				runtime.KeepAlive(s)
				b.StartTimer()
			}
			b.ReportMetric(float64(events)/elapsed.Seconds(), "events/s")
			b.ReportMetric(float64(mallocs)/float64(events), "allocs/event")
			b.ReportMetric(heap/float64(b.N), "bytes/pod")
			b.ReportMetric(float64(events)/float64(b.N)/n, "events/pod")
		})
	}
}
