// Package restart decides, as the kubelet of Kubernetes v1.37 does, whether
// a container is (re)started, and how long crash-loop and image-pull
// back-offs hold it back.
//
// Usage:
//
//	spec := restart.Spec{PodPolicy: restart.OnFailure}
//	if restart.ShouldContainerBeRestarted(spec, restart.Exited(1), podDeleting, feature.Gates{}) {
//		d := backoff.TryStart(key, true, finishedAt, now) // backoff is a restart.Backoff kept per container
//		if !d.Allowed {
//			// waiting reason d.Reason, message backoff.WaitingMessage(key); try again at d.RetryAt
//		}
//	}
//
// Decisions are pure functions of small values (Spec, Record, Gates);
// Backoff is a plain value holding one back-off record. Nothing reads a
// clock, keeps global state or allocates on these paths, and zero values
// are the v1.37 defaults: feature.Gates{} has ContainerRestartRules and
// RestartAllContainersOnContainerExits on, Backoff{} is the 10 s → 300 s
// crash-loop back-off.
//
// What it models, and where upstream does it:
//
//   - ShouldContainerBeRestarted: pkg/kubelet/container/helpers.go
//     ShouldContainerBeRestarted over the newest runtime record (none,
//     running, exited, created, unknown) and the pod's deletion;
//   - ShouldRestartAfterExit: pkg/api/v1/pod/util.go ContainerShouldRestart
//     (container restartPolicy and restartPolicyRules, KEP-5307), or the
//     pod-policy-only rule with ContainerRestartRules off;
//   - ShouldRestartAfterProbeKill, IsContainerRestartable,
//     RestartsAllContainers (KEP-5532) and InitContainerFailed:
//     pkg/kubelet/kuberuntime computePodActions, pkg/api/v1/pod/util.go,
//     pkg/kubelet/container/helpers.go, pkg/kubelet/kuberuntime/helpers.go;
//   - Backoff: the kubelet's use of client-go's flowcontrol.Backoff in
//     pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff (crash loop)
//     and pkg/kubelet/images/image_manager.go pullImage (image pull), with
//     the constants and expiry rule of pkg/kubelet/kubelet.go.
//
// The package is a leaf: it imports only the standard library, so feature
// gates arrive as fields of Gates and CrashLoopOptions, and waiting reasons
// as its own Reason strings.
package restart
