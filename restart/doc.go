// Package restart decides, as the kubelet of Kubernetes v1.37 does, whether
// a container is (re)started, and how long crash-loop and image-pull
// back-offs hold it back.
//
// Usage:
//
//	spec := restart.Spec{PodPolicy: restart.OnFailure}
//	limits, err := restart.NewCrashLoopLimits(gates, restart.KubeletConfig{}) // once per kubelet
//	names := restart.Key{PodName: ..., Container: "app", Image: ...}         // from the pod spec
//	key := names.CrashLoop()                                                   // hashed once per container
//	var backoff restart.CrashLoopBackoff                                       // kept per container
//	if restart.ShouldContainerBeRestarted(spec, restart.Exited(1), podDeleting, gates) {
//		d := backoff.TryStart(limits, key, finishedAt, now)
//		if d.InBackOff {
//			// waiting reason d.Reason(), message d.Message(names); try again at d.RetryAt
//		}
//	}
//
// Decisions are pure functions of small values (Spec, Record,
// feature.Gates). The back-offs are records, one type per kind:
// CrashLoopBackoff for a container, ImagePullBackoff for an image of a
// pod. Each is 32 bytes without pointers: it keeps its key as a hash
// (BackoffKey, upstream's GetBackoffKey computed once from a Key) and no
// names, so the messages are built only when asked, from the names the
// caller passes. The crash-loop windows come from the feature gates and
// the kubelet's configuration (KubeletConfig), turned once into
// CrashLoopLimits. Nothing reads a clock, keeps global state or allocates
// on these paths, and zero values are the v1.37 defaults: feature.Gates{}
// has ContainerRestartRules and RestartAllContainersOnContainerExits on,
// CrashLoopLimits{} is the 10 s → 300 s crash-loop back-off, and a zero
// record holds no entry.
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
//   - CrashLoopBackoff and ImagePullBackoff: the kubelet's use of
//     staging/src/k8s.io/client-go/util/flowcontrol/backoff.go in
//     pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff (crash loop,
//     keyed by pkg/kubelet/kuberuntime/helpers.go GetBackoffKey) and
//     pkg/kubelet/images/image_manager.go pullImage (image pull), with the
//     constants, newCrashLoopBackOff and the expiry rule of
//     pkg/kubelet/kubelet.go, and the housekeeping of HandlePodCleanups
//     (GC).
//
// What the caller keeps: one CrashLoopBackoff per container (a record
// holds the entry of one key; a changed image or resources starts it
// afresh), one ImagePullBackoff per image of a pod, the message of the
// last failed pull (the record keeps only its kind, PullError), and the
// duty to call GC as the kubelet's housekeeping does: every 2 s for crash
// loops, after each successful pull for image pulls.
//
// The package imports only the standard library and the leaf package
// feature: gates arrive as a feature.Gates value, and waiting reasons as
// its own Reason strings.
package restart
