// Package kubelettest is a deterministic fake kubelet that makes pods live
// in controller tests. Against client-go's fake clientset,
// controller-runtime's fake client or envtest's real apiserver (none of
// which runs a kubelet) a pod stays Pending unless the test writes its
// status by hand; with a Kubelet the pods bound to its nodes start, become
// ready, crash and back off, fail their probes, run their hooks and
// terminate gracefully as the v1.37 kubelet would, on a virtual clock the
// test moves.
//
//	cs := fake.NewClientset()
//	kubelettest.ShimClientset(cs, clk)            // graceful deletion and binding
//	kl, err := kubelettest.New(kubelettest.ClientGo(cs), kubelettest.Options{Clock: clk, Schedule: true})
//	... the controller creates pods ...
//	err = kl.Advance(ctx, 30*time.Second)         // every step in time order, a status write after each
//	... assert on what the controller did, or on kl.Events() and kl.Writes() ...
//
// Each pod runs in a pod.Machine (podlife's model of the kubelet's
// lifecycle of one pod), whose container runtime is played by a
// sim.PodDriver from sim.ContainerScript entries: Options.Containers (by
// pod name or labels and container name; ParseScripts reads them from
// JSON) and a pod's own AnnotationScript annotation, so that a YAML fixture
// carries its behaviour. A container no entry picks starts at once, runs
// for ever and passes every probe.
//
// # What it does, as the kubelet does it
//
//  1. Sync lists the pods and admits those bound to its nodes, in the order
//     of creationTimestamp, namespace and name; with Options.Schedule it
//     binds unscheduled pods first, with Options.RegisterNodes it creates
//     Ready Node objects.
//  2. Statuses are written as the kubelet's status manager writes them:
//     podlife's status merged onto the object just read by kube.ApplyStatus
//     (conditions a controller wrote, readiness gates' included, stay),
//     nothing sent when nothing changed, else the strategic-merge patch of
//     kube.StatusPatch to the status subresource (or, with
//     Options.UpdateStatus, UpdateStatus retried on conflict). A pod that
//     vanished or was recreated under another UID drops its machine
//     without error.
//  3. A pod with a deletionTimestamp is being deleted: its machine gets
//     DeletionRequested with the pod's deletionGracePeriodSeconds at the
//     virtual now (the stored timestamp is the apiserver's wall clock),
//     runs the preStop hooks and kills the containers; once every
//     container has stopped the Kubelet issues the final delete, grace 0
//     with the pod's UID as precondition.
//  4. Advance(ctx, d) runs every due step of every machine in time order up
//     to now+d and writes the pod's status after each one, so that a
//     controller's informers see every transition; steps due at the same
//     time run pod by pod in admission order. AdvanceUntil stops when a
//     condition holds. The clock is the Kubelet's own, or a
//     k8s.io/utils/clock/testing.FakeClock shared with the controller.
//  5. Events() lists the events the kubelet recorded (Pulling, Started,
//     BackOff, Killing, Unhealthy, ...; Options.Recorder receives them
//     too), and Writes() every write it sent.
//
// # The fakes' missing apiserver
//
// Both fakes delete a pod at once whatever its grace period, ignore UID
// preconditions and do not bind. ShimClientset (reactors for the client-go
// fake) and ShimInterceptor (interceptor functions for the
// controller-runtime fake) give them the apiserver's graceful deletion,
// preconditions and binding. The controller-runtime fake keeps a
// terminating object only while a finalizer holds it, so its shim adds
// FinalizerGracefulDeletion for the grace period; a real apiserver needs
// no shim.
//
// # What it leaves out
//
// No goroutine of its own, no informer, no watch: the test decides when
// the kubelet looks (Sync, Advance). Volumes, images and resources are not
// simulated beyond what pod.Machine models; the node is always Ready; pods
// already Succeeded or Failed when first seen are not run again.
//
// This package lives in its own module,
// github.com/podlife/podlife/kube/kubelettest, so that neither the core nor
// the kube adapter requires client-go or controller-runtime.
package kubelettest
