package podlife_test

import (
	"testing"
	"time"

	"github.com/podlife/podlife"
)

func TestFeatureGatesCrashLoop(t *testing.T) {
	o := podlife.DefaultFeatureGates().CrashLoop(0)
	if o.ReduceDefaultCrashLoopBackOffDecay || o.DisableKubeletCrashLoopBackOffMax || o.MaxContainerRestartPeriod != 0 {
		t.Errorf("defaults: %+v", o)
	}
	g := podlife.DefaultFeatureGates().With(podlife.ReduceDefaultCrashLoopBackOffDecay, true).With(podlife.KubeletCrashLoopBackOffMax, false)
	o = g.CrashLoop(30 * time.Second)
	if !o.ReduceDefaultCrashLoopBackOffDecay || !o.DisableKubeletCrashLoopBackOffMax || o.MaxContainerRestartPeriod != 30*time.Second {
		t.Errorf("overridden: %+v", o)
	}
}
