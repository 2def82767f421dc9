package podlife

import (
	"time"

	"github.com/podlife/podlife/restart"
)

// CrashLoop returns the kubelet's crash-loop back-off configuration for
// these gates (KubeletCrashLoopBackOffMax, ReduceDefaultCrashLoopBackOffDecay)
// and the kubelet configuration field
// crashLoopBackOff.maxContainerRestartPeriod (0: not set, which the kubelet
// defaults to 300 s).
func (g FeatureGates) CrashLoop(maxContainerRestartPeriod time.Duration) restart.CrashLoopOptions {
	return restart.CrashLoopOptions{
		MaxContainerRestartPeriod:          maxContainerRestartPeriod,
		ReduceDefaultCrashLoopBackOffDecay: g.Enabled(ReduceDefaultCrashLoopBackOffDecay),
		DisableKubeletCrashLoopBackOffMax:  !g.Enabled(KubeletCrashLoopBackOffMax),
	}
}
