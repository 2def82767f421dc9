package pod

import (
	"errors"
	"testing"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/resource"
)

func dwPod() *Pod {
	return &Pod{
		Metadata: Meta{Name: "web-0", Namespace: "shop", UID: "u-1",
			Labels:      map[string]string{"app": "web", "tier": "front"},
			Annotations: map[string]string{"example.com/owner": "team \"a\""}},
		Spec: Spec{NodeName: "worker-1", ServiceAccountName: "web",
			Containers: []container.Container{{Name: "app", Image: "i", Resources: container.Resources{
				Requests: vtList("cpu", "250m", "memory", "64Mi", "hugepages-2Mi", "4Mi"),
				Limits:   vtList("memory", "128Mi", "hugepages-2Mi", "4Mi"),
			}}}},
		Status: Status{PodIP: "10.0.0.9", PodIPs: []PodIP{{"10.0.0.9"}, {"fd00::9"}}},
	}
}

// pkg/kubelet/kubelet_pods.go podFieldSelectorRuntimeValue and
// pkg/fieldpath/fieldpath.go ExtractFieldPathAsString.
func TestFieldRefValue(t *testing.T) {
	node := DownwardNode{HostIPs: []string{"192.168.1.5", "fd00::5"}}
	for _, tt := range []struct{ path, want string }{
		{"metadata.name", "web-0"},
		{"metadata.namespace", "shop"},
		{"metadata.uid", "u-1"},
		{"metadata.labels['app']", "web"},
		{"metadata.labels['missing']", ""},
		{"metadata.labels", "app=\"web\"\ntier=\"front\""},
		{"metadata.annotations['example.com/owner']", "team \"a\""},
		{"metadata.annotations", "example.com/owner=\"team \\\"a\\\"\""},
		{"spec.nodeName", "worker-1"},
		{"spec.host", "worker-1"}, // the old v1 name
		{"spec.serviceAccountName", "web"},
		{"status.podIP", "10.0.0.9"},
		{"status.podIPs", "10.0.0.9,fd00::9"},
		{"status.hostIP", "192.168.1.5"},
		{"status.hostIPs", "192.168.1.5,fd00::5"},
	} {
		got, err := FieldRefValue(dwPod(), container.FieldRef{FieldPath: tt.path}, node)
		if err != nil || got != tt.want {
			t.Errorf("%s = %q, %v; want %q", tt.path, got, err, tt.want)
		}
	}
	var de *DownwardAPIError
	for _, bad := range []container.FieldRef{{FieldPath: "status.phase"}, {FieldPath: "metadata.foo"}, {APIVersion: "v2", FieldPath: "metadata.name"}, {FieldPath: "metadata.labels['a/b/c']"}} {
		if _, err := FieldRefValue(dwPod(), bad, node); !errors.As(err, &de) {
			t.Errorf("%+v: got %v, want a DownwardAPIError", bad, err)
		}
	}
	if _, err := FieldRefValue(dwPod(), container.FieldRef{FieldPath: "status.hostIP"}, DownwardNode{}); err == nil {
		t.Error("status.hostIP without node IPs must fail")
	}
}

// pkg/api/v1/resource/helpers.go ExtractContainerResourceValue and
// pkg/kubelet/kubelet_resources.go defaultPodLimitsForDownwardAPI: values
// are divided by the divisor and rounded up; a missing limit is the node's
// allocatable, capped by a pod-level limit.
func TestResourceFieldRefValue(t *testing.T) {
	node := DownwardNode{Allocatable: vtList("cpu", "4", "memory", "8Gi", "ephemeral-storage", "100Gi")}
	div := func(s string) *resource.Quantity { q := resource.MustParse(s); return &q }
	for _, tt := range []struct {
		ref  container.ResourceFieldRef
		pod  func(*Pod)
		want string
	}{
		{ref: container.ResourceFieldRef{Resource: "requests.cpu"}, want: "1"}, // 250m rounded up
		{ref: container.ResourceFieldRef{Resource: "requests.cpu", Divisor: div("1m")}, want: "250"},
		{ref: container.ResourceFieldRef{Resource: "limits.cpu"}, want: "4"}, // node allocatable
		{ref: container.ResourceFieldRef{Resource: "limits.memory", Divisor: div("1Mi")}, want: "128"},
		{ref: container.ResourceFieldRef{Resource: "requests.memory", Divisor: div("1M")}, want: "68"},
		{ref: container.ResourceFieldRef{Resource: "limits.ephemeral-storage", Divisor: div("1Gi")}, want: "100"},
		{ref: container.ResourceFieldRef{Resource: "requests.hugepages-2Mi", Divisor: div("1Mi")}, want: "4"},
		{ref: container.ResourceFieldRef{Resource: "requests.ephemeral-storage"}, want: "0"},
		{ref: container.ResourceFieldRef{Resource: "limits.cpu", Divisor: div("1m")},
			pod:  func(p *Pod) { p.Spec.Resources = &container.Resources{Limits: vtList("cpu", "1500m")} },
			want: "1500"},
		// The pod as stored: SetDefaults_Pod gives a missing request its
		// limit (2 cpu over a divisor of 1Mi is 1, rounded up).
		{ref: container.ResourceFieldRef{Resource: "requests.cpu", Divisor: div("1Mi")},
			pod:  func(p *Pod) { p.Spec.Containers[0].Resources = container.Resources{Limits: vtList("cpu", "2")} },
			want: "1"},
		{ref: container.ResourceFieldRef{Resource: "requests.memory", Divisor: div("1Mi")},
			pod:  func(p *Pod) { p.Spec.Containers[0].Resources = container.Resources{Limits: vtList("memory", "1Gi")} },
			want: "1024"},
		// defaultPodLimitsForDownwardAPI fills the limits of the variable's
		// own container and of the regular ones, not of an init container
		// that containerName names.
		{ref: container.ResourceFieldRef{Resource: "limits.cpu", ContainerName: "init"},
			pod:  func(p *Pod) { p.Spec.InitContainers = []container.Container{{Name: "init", Image: "i"}} },
			want: "0"},
	} {
		p := dwPod()
		if tt.pod != nil {
			tt.pod(p)
		}
		got, err := ResourceFieldRefValue(p, "app", tt.ref, node)
		if err != nil || got != tt.want {
			t.Errorf("%+v = %q, %v; want %q", tt.ref, got, err, tt.want)
		}
	}
	withInit := dwPod()
	withInit.Spec.InitContainers = []container.Container{{Name: "init", Image: "i"}}
	if got, err := ResourceFieldRefValue(withInit, "init", container.ResourceFieldRef{Resource: "limits.cpu"}, node); err != nil || got != "4" {
		t.Errorf("an init container's own variable: %q, %v; want the node's 4", got, err)
	}
	if _, err := ResourceFieldRefValue(dwPod(), "nope", container.ResourceFieldRef{Resource: "limits.cpu"}, node); err == nil {
		t.Error("an unknown container must fail")
	}
	if _, err := ResourceFieldRefValue(dwPod(), "app", container.ResourceFieldRef{Resource: "limits.gpu"}, node); err == nil {
		t.Error("an unsupported resource must fail")
	}
}

// pkg/volume/downwardapi CollectData
// (ExtractResourceValueByContainerNameAndNodeAllocatable): a file's value
// is the named container's, init containers' limits filled from the node
// too, and pod-level limits not read.
func TestResourceFieldRefFileValue(t *testing.T) {
	node := DownwardNode{Allocatable: vtList("cpu", "4", "memory", "8Gi")}
	p := dwPod()
	p.Spec.InitContainers = []container.Container{{Name: "init", Image: "i"}}
	p.Spec.Resources = &container.Resources{Limits: vtList("cpu", "1500m")}
	for _, tt := range []struct {
		ref  container.ResourceFieldRef
		want string
	}{
		{container.ResourceFieldRef{Resource: "limits.cpu", ContainerName: "app"}, "4"}, // not the pod-level 1500m
		{container.ResourceFieldRef{Resource: "limits.cpu", ContainerName: "init"}, "4"},
		{container.ResourceFieldRef{Resource: "limits.memory", ContainerName: "app"}, "134217728"},
	} {
		got, err := ResourceFieldRefFileValue(p, tt.ref, node)
		if err != nil || got != tt.want {
			t.Errorf("%+v = %q, %v; want %q", tt.ref, got, err, tt.want)
		}
	}
	if env, _ := ResourceFieldRefValue(p, "app", container.ResourceFieldRef{Resource: "limits.cpu", Divisor: nil}, node); env != "2" {
		t.Errorf("the env's path reads the pod-level limit: %q, want 2 (1500m rounded up)", env)
	}
	if _, err := ResourceFieldRefFileValue(p, container.ResourceFieldRef{Resource: "limits.cpu"}, node); err == nil {
		t.Error("a file names its container")
	}
}
