package probe

// The container status fields the probe results decide: status.started
// and status.ready (pkg/kubelet/prober/prober_manager.go).

// ContainerStarted returns a container's status.started the way
// prober_manager.go isContainerStarted computes it: never while the
// container is not running; with a startup probe only once its result for
// the current container is Success; without one (startup is NoProbe, the
// Result of the zero Worker) as soon as it runs.
func ContainerStarted(running bool, startup Result) bool {
	if !running {
		return false
	}
	if startup != NoProbe {
		return startup == Success
	}
	return true
}

// ContainerReady returns a container's status.ready the way
// prober_manager.go UpdatePodStatus computes it for regular containers and
// sidecars: never before the container is started (started is
// ContainerStarted's answer for the same moment, so it is false whenever
// the container is not running); with a readiness probe only when its
// result is Success (a probe without a result yet means not ready, and the
// kubelet asks for an immediate run, see Worker.Trigger); without one
// (readiness is NoProbe), ready as soon as it is started.
func ContainerReady(started bool, readiness Result) bool {
	if !started {
		return false
	}
	if readiness != NoProbe {
		return readiness == Success
	}
	return true
}
