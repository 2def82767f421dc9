package kube

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func replicaSet(name string) *appsv1.ReplicaSet {
	return &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", UID: "rs-uid"},
		Spec: appsv1.ReplicaSetSpec{Template: corev1.PodTemplateSpec{
			ObjectMeta: metav1.ObjectMeta{
				Labels:      map[string]string{"app": "web"},
				Annotations: map[string]string{"note": "x"},
				Finalizers:  []string{"example.com/keep"},
			},
			Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "nginx", Command: []string{"nginx"}}}},
		}},
	}
}

// pkg/controller/controller_utils.go GetPodFromTemplate, as a ReplicaSet
// calls it.
func TestPodFromTemplateAsReplicaSet(t *testing.T) {
	rs := replicaSet("web-5d4f")
	before := rs.DeepCopy()
	p, err := PodFromTemplate(&rs.Spec.Template, rs, appsv1.SchemeGroupVersion.WithKind("ReplicaSet"))
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	want := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			GenerateName: "web-5d4f-",
			Namespace:    "default",
			Labels:       map[string]string{"app": "web"},
			Annotations:  map[string]string{"note": "x"},
			Finalizers:   []string{"example.com/keep"},
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "web-5d4f", UID: "rs-uid",
				Controller: &yes, BlockOwnerDeletion: &yes}},
		},
		Spec: rs.Spec.Template.Spec,
	}
	if d := cmp.Diff(want, p); d != "" {
		t.Errorf("pod from template (-want +got):\n%s", d)
	}
	// Nothing is shared with the template.
	p.Labels["app"] = "changed"
	p.Annotations["note"] = "changed"
	p.Finalizers[0] = "changed"
	p.Spec.Containers[0].Command[0] = "changed"
	if d := cmp.Diff(before, rs); d != "" {
		t.Errorf("changing the pod changed the template:\n%s", d)
	}
	// The pod maps into podlife like any other.
	pp, err := ToPod(p)
	if err != nil || pp.Metadata.GenerateName != "web-5d4f-" || len(pp.Metadata.OwnerReferences) != 1 {
		t.Errorf("ToPod of a templated pod: %+v, %v", pp.Metadata, err)
	}
}

// getPodsPrefix: the dash is left out when the prefix would not be a
// valid pod-name prefix. The apiserver checks a prefix with its trailing
// dash masked (k8s.io/apimachinery/pkg/api/validation maskTrailingDash
// drops two bytes and adds one), so a 253-byte name keeps its dash and
// only a longer one, or one with characters a name may not have, loses it.
func TestPodFromTemplateLongOwnerName(t *testing.T) {
	long := strings.Repeat("a", 254)
	rs := replicaSet(long)
	rs.Spec.Template.Labels, rs.Spec.Template.Annotations, rs.Spec.Template.Finalizers = nil, nil, nil
	p, err := PodFromTemplate(&rs.Spec.Template, rs, appsv1.SchemeGroupVersion.WithKind("ReplicaSet"))
	if err != nil {
		t.Fatal(err)
	}
	if p.GenerateName != long {
		t.Errorf("generateName %q, want the name without a dash", p.GenerateName)
	}
	if p.Labels == nil || p.Annotations == nil || p.Finalizers == nil {
		t.Errorf("labels %v, annotations %v, finalizers %v: upstream makes them empty, not nil", p.Labels, p.Annotations, p.Finalizers)
	}
	for name, want := range map[string]string{
		strings.Repeat("a", 253): strings.Repeat("a", 253) + "-",
		"Web":                    "Web",
		"web.v2":                 "web.v2-",
	} {
		if got := podsPrefix(name); got != want {
			t.Errorf("podsPrefix(%q) = %q, want %q", name, got, want)
		}
	}
}
