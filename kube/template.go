package kube

import (
	"fmt"
	"maps"

	corev1 "k8s.io/api/core/v1"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// PodFromTemplate returns the pod a controller creates from tmpl for its
// object owner of kind gvk (apps/v1 ReplicaSet, batch/v1 Job, apps/v1
// StatefulSet, ...), as pkg/controller/controller_utils.go
// GetPodFromTemplate makes it:
//
//   - labels, annotations and finalizers are copies of the template's
//     (labels and annotations never nil);
//   - generateName is the owner's name and a dash, or the name alone when
//     the dash would make it an invalid name prefix (getPodsPrefix, with
//     the apiserver's pod-name rule);
//   - the one owner reference is the controller reference
//     (metav1.NewControllerRef: controller and blockOwnerDeletion true);
//   - the spec is a deep copy of the template's;
//   - the namespace is the owner's: GetPodFromTemplate leaves it empty,
//     but the controller creates the pod in its own namespace
//     (RealPodControl.CreatePods), and the apiserver stores it there.
//
// That is the whole pod a ReplicaSet creates. A StatefulSet then names the
// pod after its ordinal and a Job adds its completion-index labels and
// annotations; those identities are the caller's. tmpl and owner are not
// changed.
func PodFromTemplate(tmpl *corev1.PodTemplateSpec, owner metav1.Object, gvk schema.GroupVersionKind) (*corev1.Pod, error) {
	if tmpl == nil || owner == nil {
		return nil, fmt.Errorf("kube: PodFromTemplate needs a template and an owner")
	}
	p := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			Labels:       cloneMap(tmpl.Labels),
			Annotations:  cloneMap(tmpl.Annotations),
			Namespace:    owner.GetNamespace(),
			GenerateName: podsPrefix(owner.GetName()),
			Finalizers:   append(make([]string, 0, len(tmpl.Finalizers)), tmpl.Finalizers...),
		},
	}
	p.OwnerReferences = []metav1.OwnerReference{*metav1.NewControllerRef(owner, gvk)}
	tmpl.Spec.DeepCopyInto(&p.Spec)
	return p, nil
}

// podsPrefix: the owner's name with a dash when that is still a valid
// name prefix (pkg/controller/controller_utils.go getPodsPrefix).
func podsPrefix(name string) string {
	prefix := name + "-"
	if len(apivalidation.NameIsDNSSubdomain(prefix, true)) != 0 {
		return name
	}
	return prefix
}

func cloneMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	maps.Copy(out, m)
	return out
}
