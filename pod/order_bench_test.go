package pod_test

import (
	"testing"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"

	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/restart"
)

func rankedPods(n int) ([]*pod.Pod, []int) {
	pods := make([]*pod.Pod, n)
	ranks := make([]int, n)
	for i := range pods {
		pods[i] = mk(string(rune('a'+i)), readySince(tp0.Add(-time.Duration(i*37%n)*time.Minute)),
			created(tp0.Add(-time.Duration(i*11%n)*time.Hour)), restarts(int32(i%3)), cost([]string{"0", "-1", "5"}[i%3]))
		ranks[i] = i % 4
	}
	return pods, ranks
}

// TestOrderNoAlloc pins that comparing pods in the deletion orders
// allocates nothing (upstream's comparisons build a map per call).
func TestOrderNoAlloc(t *testing.T) {
	pods, ranks := rankedPods(8)
	s := pod.ActivePodsWithRanks{Pods: pods, Rank: ranks, Now: tp0}
	if n := testing.AllocsPerRun(100, func() {
		for i := range pods {
			_ = s.Less(i, (i+1)%len(pods))
			_ = pod.ActivePodsLess(pods[i], pods[(i+1)%len(pods)])
		}
	}); n != 0 {
		t.Errorf("allocations: %v, want 0", n)
	}
}

func BenchmarkActivePodsWithRanks(b *testing.B) {
	base, baseRanks := rankedPods(12)
	pods, ranks := make([]*pod.Pod, len(base)), make([]int, len(base))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		copy(pods, base)
		copy(ranks, baseRanks)
		pod.ActivePodsWithRanks{Pods: pods, Rank: ranks, Now: tp0}.Sort()
	}
}

func BenchmarkNextRestart(b *testing.B) {
	p := crashLooping(4, time.Second, tp0, "back-off 1m20s restarting failed container=app pod=web_default(u1)")
	gates := feature.Gates{}
	opts := restart.CrashLoopLimits{}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := pod.NextRestart(p, "app", container.Regular, gates, opts); err != nil {
			b.Fatal(err)
		}
	}
}
