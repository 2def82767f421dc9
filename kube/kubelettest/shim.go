package kubelettest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
	"k8s.io/utils/clock"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"
)

// The fakes delete a pod at once, whatever its grace period, and do not
// bind: the shims give them the apiserver's behaviour that a kubelet test
// needs.
//
// Graceful deletion, as the apiserver's pod strategy decides it
// (pkg/registry/core/pod/strategy.go CheckGracefulDelete, with
// staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go BeforeDelete):
// the grace is the delete's gracePeriodSeconds, else the pod's
// terminationGracePeriodSeconds (30 s when unset); a pod bound to no node,
// or in phase Succeeded or Failed, is removed at once. A graceful delete
// sets deletionTimestamp (now plus the grace) and deletionGracePeriodSeconds
// and keeps the pod; a second one may only shorten the grace. A delete
// with grace 0 removes the pod, unless finalizers hold it. A UID
// precondition that does not match is a Conflict.
//
// Binding (pkg/registry/core/pod/storage/storage.go BindingREST): sets
// spec.nodeName of a pod bound to no node; a bound pod is a Conflict.

// ShimClientset gives the client-go fake clientset graceful deletion of
// pods, UID preconditions on their delete, and the binding subresource, as
// reactors ahead of its own. clk stamps deletionTimestamp (nil: the wall
// clock); pass the FakeClock the Kubelet and the controller share.
func ShimClientset(cs *fake.Clientset, clk clock.PassiveClock) {
	if clk == nil {
		clk = clock.RealClock{}
	}
	tracker := cs.Tracker()
	gvr := corev1.SchemeGroupVersion.WithResource("pods")
	cs.PrependReactor("delete", "pods", func(a k8stesting.Action) (bool, runtime.Object, error) {
		da, ok := a.(k8stesting.DeleteAction)
		if !ok || da.GetSubresource() != "" {
			return false, nil, nil
		}
		obj, err := tracker.Get(gvr, da.GetNamespace(), da.GetName())
		if err != nil {
			return true, nil, err
		}
		p := obj.(*corev1.Pod).DeepCopy()
		opts := da.GetDeleteOptions()
		if err := checkUID(p, opts.Preconditions); err != nil {
			return true, nil, err
		}
		grace := gracePeriod(p, opts.GracePeriodSeconds)
		if grace == 0 && len(p.Finalizers) == 0 {
			return true, nil, tracker.Delete(gvr, p.Namespace, p.Name)
		}
		if !markDeleted(p, grace, clk.Now()) {
			return true, p, nil
		}
		return true, p, tracker.Update(gvr, p, p.Namespace)
	})
	cs.PrependReactor("create", "pods", func(a k8stesting.Action) (bool, runtime.Object, error) {
		ca, ok := a.(k8stesting.CreateAction)
		if !ok || ca.GetSubresource() != "binding" {
			return false, nil, nil
		}
		b, ok := ca.GetObject().(*corev1.Binding)
		if !ok {
			return true, nil, apierrors.NewBadRequest(fmt.Sprintf("binding: got %T, want a *v1.Binding", ca.GetObject()))
		}
		obj, err := tracker.Get(gvr, ca.GetNamespace(), b.Name)
		if err != nil {
			return true, nil, err
		}
		p := obj.(*corev1.Pod).DeepCopy()
		if err := bind(p, b); err != nil {
			return true, nil, err
		}
		return true, b, tracker.Update(gvr, p, p.Namespace)
	})
}

// FinalizerGracefulDeletion is the finalizer ShimInterceptor puts on a pod
// being deleted gracefully: the controller-runtime fake keeps an object
// with a deletionTimestamp only while a finalizer holds it. The final
// delete (grace 0) removes it, and the fake then removes the pod.
const FinalizerGracefulDeletion = "kubelettest.podlife.dev/graceful-deletion"

// ShimInterceptor returns the interceptor functions that give the
// controller-runtime fake client graceful deletion of pods, UID
// preconditions on their delete, and the binding subresource:
//
//	c := fake.NewClientBuilder().WithInterceptorFuncs(kubelettest.ShimInterceptor()).Build()
//
// The fake sets deletionTimestamp itself, from the wall clock, and keeps
// the pod only while a finalizer holds it: a graceful delete adds
// FinalizerGracefulDeletion and sets deletionGracePeriodSeconds, and the
// kubelet's final delete removes that finalizer.
func ShimInterceptor() interceptor.Funcs {
	return interceptor.Funcs{
		Delete: func(ctx context.Context, c client.WithWatch, obj client.Object, opts ...client.DeleteOption) error {
			if _, ok := obj.(*corev1.Pod); !ok {
				return c.Delete(ctx, obj, opts...)
			}
			var o client.DeleteOptions
			o.ApplyOptions(opts)
			var p corev1.Pod
			if err := c.Get(ctx, client.ObjectKeyFromObject(obj), &p); err != nil {
				return err
			}
			if err := checkUID(&p, o.Preconditions); err != nil {
				return err
			}
			grace := gracePeriod(&p, o.GracePeriodSeconds)
			held := slices.Contains(p.Finalizers, FinalizerGracefulDeletion)
			switch {
			case grace == 0 && held:
				p.Finalizers = slices.DeleteFunc(p.Finalizers, func(f string) bool { return f == FinalizerGracefulDeletion })
				return c.Update(ctx, &p)
			case grace == 0:
				return c.Delete(ctx, obj, opts...)
			case p.DeletionTimestamp != nil:
				if p.DeletionGracePeriodSeconds != nil && grace >= *p.DeletionGracePeriodSeconds {
					return nil
				}
				p.DeletionGracePeriodSeconds = &grace
				return c.Update(ctx, &p)
			}
			p.Finalizers = append(p.Finalizers, FinalizerGracefulDeletion)
			p.DeletionGracePeriodSeconds = &grace
			if err := c.Update(ctx, &p); err != nil {
				return err
			}
			return c.Delete(ctx, &p)
		},
		SubResourceCreate: func(ctx context.Context, c client.Client, sub string, obj, subObj client.Object, opts ...client.SubResourceCreateOption) error {
			b, ok := subObj.(*corev1.Binding)
			if _, isPod := obj.(*corev1.Pod); !isPod || sub != "binding" || !ok {
				return c.SubResource(sub).Create(ctx, obj, subObj, opts...)
			}
			var p corev1.Pod
			if err := c.Get(ctx, client.ObjectKeyFromObject(obj), &p); err != nil {
				return err
			}
			if err := bind(&p, b); err != nil {
				return err
			}
			return c.Update(ctx, &p)
		},
	}
}

// gracePeriod is the grace the apiserver gives a delete of p asking for
// asked (nil: the pod's own).
func gracePeriod(p *corev1.Pod, asked *int64) int64 {
	grace := int64(corev1.DefaultTerminationGracePeriodSeconds)
	if p.Spec.TerminationGracePeriodSeconds != nil {
		grace = *p.Spec.TerminationGracePeriodSeconds
	}
	if asked != nil {
		grace = *asked
	}
	if p.Spec.NodeName == "" || p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
		grace = 0
	}
	return max(grace, 0)
}

// markDeleted sets p's deletionTimestamp and grace for a delete with grace
// at now, and reports whether p changed: a pod being deleted already only
// takes a shorter grace.
func markDeleted(p *corev1.Pod, grace int64, now time.Time) bool {
	if p.DeletionTimestamp != nil && p.DeletionGracePeriodSeconds != nil && grace >= *p.DeletionGracePeriodSeconds {
		return false
	}
	at := metav1.NewTime(now.Add(time.Duration(grace) * time.Second).Truncate(time.Second))
	p.DeletionTimestamp, p.DeletionGracePeriodSeconds = &at, &grace
	return true
}

func checkUID(p *corev1.Pod, pre *metav1.Preconditions) error {
	if pre == nil || pre.UID == nil || *pre.UID == p.UID {
		return nil
	}
	return apierrors.NewConflict(corev1.Resource("pods"), p.Name,
		fmt.Errorf("the UID in the precondition (%s) does not match the UID in record (%s): the object might have been deleted and then recreated", *pre.UID, p.UID))
}

func bind(p *corev1.Pod, b *corev1.Binding) error {
	if b.UID != "" && b.UID != p.UID {
		return checkUID(p, &metav1.Preconditions{UID: &b.UID})
	}
	if p.Spec.NodeName != "" {
		return apierrors.NewConflict(corev1.Resource("pods/binding"), p.Name,
			fmt.Errorf("pod %s is already assigned to node %q", p.Name, p.Spec.NodeName))
	}
	if p.DeletionTimestamp != nil {
		return apierrors.NewConflict(corev1.Resource("pods/binding"), p.Name, errors.New("pod is being deleted, cannot be assigned to a host"))
	}
	if b.Target.Kind != "" && b.Target.Kind != "Node" || b.Target.Name == "" {
		return apierrors.NewBadRequest("binding: the target must be a node")
	}
	p.Spec.NodeName = b.Target.Name
	return nil
}

func isNotFound(err error) bool { return apierrors.IsNotFound(err) }
