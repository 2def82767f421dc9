package probe

// What the embedder reports of one probe run (Outcome) and what a published
// Failure asks it to do (KillReason).

// Outcome is what one run of a probe produced, as the embedder reports it to
// a Worker: the result of the handler after the kubelet's own mapping
// (pkg/kubelet/prober/prober.go probe). Its zero value means "not set" and
// is rejected by Worker.Observe.
type Outcome string

// The outcomes a probe run can have.
const (
	// OutcomeSuccess: the handler passed (exec exit 0, HTTP 200–399, TCP
	// connect, gRPC SERVING). Counts toward successThreshold.
	OutcomeSuccess Outcome = "Success"
	// OutcomeFailure: the handler failed (non-zero exit, HTTP ≥ 400,
	// refused connection, gRPC not SERVING, a handler "unknown"). Counts
	// toward failureThreshold.
	OutcomeFailure Outcome = "Failure"
	// OutcomeTimeout: the handler did not answer within timeoutSeconds. The
	// kubelet maps a timeout to a failure, so it counts exactly like
	// OutcomeFailure.
	OutcomeTimeout Outcome = "Timeout"
	// OutcomeError: the kubelet could not run the probe at all (for example
	// a named port the container does not declare), even after its retries.
	// pkg/kubelet/prober/worker.go doProbe throws such a result away: it
	// counts toward nothing and changes nothing.
	OutcomeError Outcome = "Error"
)

// KillReason says why the kubelet kills a running container because of a
// probe; the values are the reasons of the kubelet's kill events
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions). The
// zero value means "no kill".
type KillReason string

// The probe kill reasons.
const (
	// KillLivenessProbe: the liveness result became Failure; the kubelet
	// kills the container ("failed liveness probe, will be restarted") and
	// restarts it subject to the restart policy and back-off.
	KillLivenessProbe KillReason = "LivenessProbe"
	// KillStartupProbe: the startup result became Failure; same treatment.
	KillStartupProbe KillReason = "StartupProbe"
)
