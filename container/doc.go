// Package container holds a container's spec, its state and its status as
// the Kubernetes API writes them.
//
//	c := container.Container{Name: "proxy", Image: "envoy", RestartPolicy: restart.Always}
//	c.IsSidecar() // true: an init container that restarts Always is a sidecar
//
//	s := container.Find(pod.Status.ContainerStatuses, "app")
//	if s != nil && s.State.Waiting != nil && s.LastState.Terminated != nil {
//		// dead and waiting to be restarted: the CrashLoopBackOff shape
//	}
//
// The JSON field names and the reason strings are the API's, so statuses
// from `kubectl get pod -o json` decode into these types as they are. A
// State has at most one of Waiting, Running and Terminated; all three unset
// is a state the API allows, and the kubelet reads it as unknown.
//
// Where a container sits in the pod spec decides its Kind: regular, init,
// sidecar (an init container with restartPolicy Always) or ephemeral.
// Sidecars start in init order and then run beside the regular containers;
// they are restarted whatever the pod's restart policy.
package container
