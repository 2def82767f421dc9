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

// scaleRate is how many pods arrive each virtual second in
// BenchmarkMillionPods: with a life of about two minutes, some 125,000
// pods are alive at once once the run is under way, close to the largest
// cluster Kubernetes supports (150,000 pods).
const scaleRate = 1000

// scaleLife is each pod's life: bound to a node when it is created, a 1 s
// sandbox, an init container (2 s pull, runs 2 s), the app (3 s pull,
// started in 0.5 s, a readiness probe every 10 s) that crashes after 30 s
// and is restarted at once, then runs until the pod is deleted, 2 minutes
// after its creation, with the default 30 s grace (it stops in 1 s).
const scaleLife = 2 * time.Minute

func scaleSim(b *testing.B) (*sim.Sim, *pod.Pod) {
	s, err := sim.New(sim.Options{SandboxDelay: time.Second, NoTimeline: true, ForgetRemoved: true, MaxEvents: 1 << 30,
		Script: sim.Script{Containers: []sim.ContainerScript{
			{Container: "init", Pull: sim.Pull{Duration: 2 * time.Second}, Runs: []sim.Run{{For: 2 * time.Second}}},
			{Container: "app", Pull: sim.Pull{Duration: 3 * time.Second}, StartDelay: 500 * time.Millisecond,
				Runs: []sim.Run{{Attempt: 1, For: 30 * time.Second, ExitCode: 1}, {Forever: true}}, StopDelay: time.Second},
		}}})
	if err != nil {
		b.Fatal(err)
	}
	// One defaulted template, as a controller's pods share one: the
	// machines share its spec.
	tmpl := (&pod.Pod{
		Metadata: pod.Meta{Namespace: "default", Labels: map[string]string{"app": "web"}},
		Spec: pod.Spec{RestartPolicy: restart.Always,
			InitContainers: []container.Container{{Name: "init", Image: "init:1"}},
			Containers: []container.Container{{Name: "app", Image: "app:1",
				ReadinessProbe: &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: "/ready", Port: probe.PortNumber(8080)}, PeriodSeconds: 10}}}},
	}).Defaulted()
	return s, &tmpl
}

// BenchmarkMillionPods streams n pods through scaleLife at scaleRate: each
// virtual second the pods arriving in it are added with their deletion
// (AddPod, AddHappening), then the Sim runs to the second's end. The whole
// run is timed, pod creation (the apiserver's validation and defaulting in
// pod.NewMachine) included. It reports the wall time of a run and the
// events delivered per second, and the same per second of the process's
// CPU time (every thread, the collector's too: on a shared machine the
// wall clock also counts the others' work),
// allocations per event, and the heap per live pod: the heap in use after
// a garbage collection, over the pods alive then, sampled (off the clock)
// once a virtual minute and taken where it is largest. Run the million
// with
//
//	go test -run '^$' -bench 'MillionPods/pods=1000000' -benchtime 1x ./sim
func BenchmarkMillionPods(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run("pods="+strconv.Itoa(n), func(b *testing.B) {
			if testing.Short() && n > 10_000 {
				b.Skip("-short: CI's smoke run of the benchmarks streams 10,000 pods only")
			}
			var events, mallocs uint64
			var elapsed, cpu time.Duration
			var perPod float64
			for range b.N {
				b.StopTimer()
				runtime.GC()
				var m0 runtime.MemStats
				runtime.ReadMemStats(&m0)
				s, tmpl := scaleSim(b)
				var sampling uint64 // mallocs of the sampling itself
				added := 0
				b.StartTimer()
				t0, c0 := time.Now(), cpuTime()
				for sec := 0; s.Queued() > 0 || added < n; sec++ {
					for ; added < n && added < (sec+1)*scaleRate; added++ {
						p := *tmpl
						p.Metadata.Name = "web-" + strconv.Itoa(added)
						at := time.Duration(added) * time.Second / scaleRate
						if err := s.AddPod(&p, at); err != nil {
							b.Fatal(err)
						}
						if err := s.AddHappening(sim.Happening{At: at + scaleLife, Kind: sim.Delete, Pod: "default/" + p.Metadata.Name}); err != nil {
							b.Fatal(err)
						}
					}
					if err := s.RunUntil(s.Start().Add(time.Duration(sec+1) * time.Second)); err != nil {
						b.Fatal(err)
					}
					if sec%60 == 59 {
						elapsed, cpu = elapsed+time.Since(t0), cpu+cpuTime()-c0
						b.StopTimer()
						var m1, m2 runtime.MemStats
						runtime.ReadMemStats(&m1)
						runtime.GC()
						runtime.ReadMemStats(&m2)
						sampling += m2.Mallocs - m1.Mallocs
						st := s.Stats()
						if live := st.Pods - st.Removed; live > 0 {
							perPod = max(perPod, float64(m2.HeapInuse-m0.HeapInuse)/float64(live))
						}
						b.StartTimer()
						t0, c0 = time.Now(), cpuTime()
					}
				}
				elapsed, cpu = elapsed+time.Since(t0), cpu+cpuTime()-c0
				b.StopTimer()
				var m3 runtime.MemStats
				runtime.ReadMemStats(&m3)
				st := s.Stats()
				if st.Removed != n {
					b.Fatalf("%d of %d pods removed", st.Removed, n)
				}
				events += uint64(st.Events)
				mallocs += m3.Mallocs - m0.Mallocs - sampling
				runtime.KeepAlive(s)
				b.StartTimer()
			}
			b.ReportMetric(elapsed.Seconds()/float64(b.N), "s/run")
			b.ReportMetric(float64(events)/elapsed.Seconds(), "events/s")
			if cpu > 0 {
				b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/run")
				b.ReportMetric(float64(events)/cpu.Seconds(), "events/cpu-s")
			}
			b.ReportMetric(float64(mallocs)/float64(events), "allocs/event")
			b.ReportMetric(perPod, "heap-bytes/live-pod")
			b.ReportMetric(float64(events)/float64(b.N)/float64(n), "events/pod")
		})
	}
}
