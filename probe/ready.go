package probe

// The container status fields the probe results decide: status.started
// and status.ready (pkg/kubelet/prober/prober_manager.go).

// ContainerStarted returns a running container's status.started the way
// prober_manager.go isContainerStarted computes it: never while the
// container is not running; with a startup probe only once its result
// (for the current container) is Success; without one as soon as it runs.
func ContainerStarted(running, hasStartupProbe bool, startup Result) bool {
	if !running {
		return false
	}
	if hasStartupProbe {
		return startup == Success
	}
	return true
}

// ContainerReady returns a container's status.ready the way
// prober_manager.go UpdatePodStatus computes it for regular containers and
// sidecars: never before the container is started or while it is not
// running; with a readiness probe only when its result is Success (a probe
// without a result yet means not ready, and the kubelet asks for an
// immediate run, see Worker.Trigger); without one, ready as soon as it is
// started.
func ContainerReady(running, started, hasReadinessProbe bool, readiness Result) bool {
	if !running || !started {
		return false
	}
	if hasReadinessProbe {
		return readiness == Success
	}
	return true
}
