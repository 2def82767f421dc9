package kubelettest

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// API is what a kubelet needs from the apiserver: read its pods, write
// their status, and remove a pod once it has stopped. ClientGo and
// ControllerRuntime implement it for the two clients controller tests use
// (the fakes, envtest's, or a real cluster's); anything else can too.
type API interface {
	// ListPods returns every pod of every namespace.
	ListPods(ctx context.Context) ([]corev1.Pod, error)
	// GetPod returns the newest pod namespace/name (a NotFound error
	// when there is none).
	GetPod(ctx context.Context, namespace, name string) (*corev1.Pod, error)
	// PatchPodStatus sends patch, a strategic-merge patch, to the pod's
	// status subresource.
	PatchPodStatus(ctx context.Context, namespace, name string, patch []byte) error
	// UpdatePodStatus writes p's status with p's resourceVersion (a
	// Conflict error when the pod changed since it was read).
	UpdatePodStatus(ctx context.Context, p *corev1.Pod) error
	// DeletePod removes the pod with grace period 0, only if its UID is
	// uid: the kubelet's final delete of a pod whose containers have all
	// stopped (pkg/kubelet/status/status_manager.go syncPod).
	DeletePod(ctx context.Context, namespace, name string, uid types.UID) error
}

// ClusterAPI is what the optional parts of a Kubelet need: the trivial
// scheduler binds pods, and node registration creates Ready nodes. ClientGo
// and ControllerRuntime implement it.
type ClusterAPI interface {
	API
	// BindPod binds the pod to node through the binding subresource, as the
	// scheduler does.
	BindPod(ctx context.Context, namespace, name string, uid types.UID, node string) error
	// RegisterNode creates node, or updates its status when it exists.
	RegisterNode(ctx context.Context, node *corev1.Node) error
}

// ClientGo returns the API of a client-go clientset: the fake one
// (k8s.io/client-go/kubernetes/fake, with ShimClientset for graceful
// deletion and binding) or a real one.
func ClientGo(cs kubernetes.Interface) ClusterAPI { return clientGo{cs} }

type clientGo struct{ cs kubernetes.Interface }

func (c clientGo) ListPods(ctx context.Context) ([]corev1.Pod, error) {
	l, err := c.cs.CoreV1().Pods(metav1.NamespaceAll).List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	return l.Items, nil
}

func (c clientGo) GetPod(ctx context.Context, namespace, name string) (*corev1.Pod, error) {
	return c.cs.CoreV1().Pods(namespace).Get(ctx, name, metav1.GetOptions{})
}

func (c clientGo) PatchPodStatus(ctx context.Context, namespace, name string, patch []byte) error {
	_, err := c.cs.CoreV1().Pods(namespace).Patch(ctx, name, types.StrategicMergePatchType, patch, metav1.PatchOptions{}, "status")
	return err
}

func (c clientGo) UpdatePodStatus(ctx context.Context, p *corev1.Pod) error {
	_, err := c.cs.CoreV1().Pods(p.Namespace).UpdateStatus(ctx, p, metav1.UpdateOptions{})
	return err
}

func (c clientGo) DeletePod(ctx context.Context, namespace, name string, uid types.UID) error {
	return c.cs.CoreV1().Pods(namespace).Delete(ctx, name, finalDelete(uid))
}

func (c clientGo) BindPod(ctx context.Context, namespace, name string, uid types.UID, node string) error {
	return c.cs.CoreV1().Pods(namespace).Bind(ctx, binding(namespace, name, uid, node), metav1.CreateOptions{})
}

func (c clientGo) RegisterNode(ctx context.Context, node *corev1.Node) error {
	nodes := c.cs.CoreV1().Nodes()
	existing, err := nodes.Get(ctx, node.Name, metav1.GetOptions{})
	if err != nil {
		if !isNotFound(err) {
			return err
		}
		created, err := nodes.Create(ctx, node, metav1.CreateOptions{})
		if err != nil {
			return err
		}
		existing = created
	}
	// The apiserver ignores a status sent with a create: write it through
	// the status subresource.
	existing.Status = node.Status
	_, err = nodes.UpdateStatus(ctx, existing, metav1.UpdateOptions{})
	return err
}

// ControllerRuntime returns the API of a controller-runtime client: the
// fake one (sigs.k8s.io/controller-runtime/pkg/client/fake, with
// ShimInterceptor for graceful deletion and binding), envtest's, or a real
// one.
func ControllerRuntime(c client.Client) ClusterAPI { return controllerRuntime{c} }

type controllerRuntime struct{ c client.Client }

func (c controllerRuntime) ListPods(ctx context.Context) ([]corev1.Pod, error) {
	var l corev1.PodList
	if err := c.c.List(ctx, &l); err != nil {
		return nil, err
	}
	return l.Items, nil
}

func (c controllerRuntime) GetPod(ctx context.Context, namespace, name string) (*corev1.Pod, error) {
	var p corev1.Pod
	if err := c.c.Get(ctx, client.ObjectKey{Namespace: namespace, Name: name}, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

func (c controllerRuntime) PatchPodStatus(ctx context.Context, namespace, name string, patch []byte) error {
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name}}
	return c.c.Status().Patch(ctx, p, client.RawPatch(types.StrategicMergePatchType, patch))
}

func (c controllerRuntime) UpdatePodStatus(ctx context.Context, p *corev1.Pod) error {
	return c.c.Status().Update(ctx, p)
}

func (c controllerRuntime) DeletePod(ctx context.Context, namespace, name string, uid types.UID) error {
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name}}
	o := finalDelete(uid)
	return c.c.Delete(ctx, p, &client.DeleteOptions{GracePeriodSeconds: o.GracePeriodSeconds, Preconditions: o.Preconditions})
}

func (c controllerRuntime) BindPod(ctx context.Context, namespace, name string, uid types.UID, node string) error {
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name, UID: uid}}
	return c.c.SubResource("binding").Create(ctx, p, binding(namespace, name, uid, node))
}

func (c controllerRuntime) RegisterNode(ctx context.Context, node *corev1.Node) error {
	var existing corev1.Node
	if err := c.c.Get(ctx, client.ObjectKey{Name: node.Name}, &existing); err != nil {
		if !isNotFound(err) {
			return err
		}
		existing = *node.DeepCopy()
		if err := c.c.Create(ctx, &existing); err != nil {
			return err
		}
	}
	existing.Status = node.Status
	return c.c.Status().Update(ctx, &existing)
}

// finalDelete is the kubelet's delete: grace 0, for this UID only.
func finalDelete(uid types.UID) metav1.DeleteOptions {
	zero := int64(0)
	return metav1.DeleteOptions{GracePeriodSeconds: &zero, Preconditions: metav1.NewUIDPreconditions(string(uid))}
}

func binding(namespace, name string, uid types.UID, node string) *corev1.Binding {
	return &corev1.Binding{
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name, UID: uid},
		Target:     corev1.ObjectReference{Kind: "Node", Name: node},
	}
}
