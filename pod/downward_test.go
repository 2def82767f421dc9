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
	if _, err := ResourceFieldRefValue(dwPod(), "nope", container.ResourceFieldRef{Resource: "limits.cpu"}, node); err == nil {
		t.Error("an unknown container must fail")
	}
	if _, err := ResourceFieldRefValue(dwPod(), "app", container.ResourceFieldRef{Resource: "limits.gpu"}, node); err == nil {
		t.Error("an unsupported resource must fail")
	}
}
