package pod

import (
	"testing"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/restart"
)

// EffectiveRequests is k8s.io/component-helpers/resource PodRequests with
// the scheduler's options, on the pod as stored: containers aggregated,
// pod-level requests (defaulted) in their place, then the overhead added.
func TestEffectiveRequests(t *testing.T) {
	always := restart.Always
	ctr := func(name string, kv ...string) container.Container {
		return container.Container{Name: name, Image: "app", Resources: container.Resources{Requests: vtList(kv...)}}
	}
	sidecar := func(name string, kv ...string) container.Container {
		c := ctr(name, kv...)
		c.RestartPolicy = &always
		return c
	}
	for _, tc := range []struct {
		name string
		spec Spec
		want map[string]string
	}{
		{name: "AggregateContainerRequests: regular containers summed",
			spec: Spec{Containers: []container.Container{ctr("a", "cpu", "100m"), ctr("b", "cpu", "250m", "memory", "1Gi")}},
			want: map[string]string{"cpu": "350m", "memory": "1Gi"}},
		{name: "AggregateContainerRequests: an init container's peak when larger",
			spec: Spec{InitContainers: []container.Container{ctr("init", "cpu", "2")}, Containers: []container.Container{ctr("a", "cpu", "100m")}},
			want: map[string]string{"cpu": "2"}},
		{name: "AggregateContainerRequests: sidecars count with the containers and with later init containers",
			spec: Spec{InitContainers: []container.Container{sidecar("proxy", "cpu", "500m"), ctr("init", "cpu", "1")}, Containers: []container.Container{ctr("a", "cpu", "100m")}},
			want: map[string]string{"cpu": "1500m"}},
		{name: "PodRequests: overhead added to each resource it names",
			spec: Spec{Containers: []container.Container{ctr("a", "cpu", "1", "memory", "10Mi")}, Overhead: vtList("cpu", "250m", "memory", "120Mi")},
			want: map[string]string{"cpu": "1250m", "memory": "130Mi"}},
		{name: "PodRequests: overhead alone, with no container requests",
			spec: Spec{Containers: []container.Container{ctr("a")}, Overhead: vtList("cpu", "5", "memory", "5")},
			want: map[string]string{"cpu": "5", "memory": "5"}},
		{name: "PodRequests: overhead added after pod-level requests replace the containers'",
			spec: Spec{Containers: []container.Container{ctr("a", "cpu", "100m", "memory", "64Mi")},
				Resources: &container.Resources{Requests: vtList("cpu", "1")}, Overhead: vtList("cpu", "100m", "memory", "16Mi")},
			want: map[string]string{"cpu": "1100m", "memory": "80Mi"}},
		{name: "DefaultPodLevelResources: the stored pod-level requests, from the pod-level limits",
			spec: Spec{Containers: []container.Container{ctr("a")}, Resources: &container.Resources{Limits: vtList("memory", "1Gi")}},
			want: map[string]string{"memory": "1Gi"}},
		{name: "DefaultPodLevelResources: the stored pod-level requests, from the containers' first",
			spec: Spec{Containers: []container.Container{ctr("a", "memory", "256Mi")}, Resources: &container.Resources{Limits: vtList("memory", "1Gi")}},
			want: map[string]string{"memory": "256Mi"}},
		{name: "SetDefaults_ResourceList: overhead rounded up to a thousandth first",
			spec: Spec{Containers: []container.Container{ctr("a", "cpu", "1")}, Overhead: vtList("cpu", "0.0001")},
			want: map[string]string{"cpu": "1001m"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Pod{Spec: tc.spec}
			got := EffectiveRequests(&p)
			if len(got) != len(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			for n, w := range tc.want {
				if q, ok := got.Lookup(resource.Name(n)); !ok || !q.Equal(vtQ(w)) {
					t.Errorf("%s: got %v, want %s", n, got.Get(resource.Name(n)), w)
				}
			}
		})
	}
}

// NonZeroRequests is the scheduler's PodInfo.CalculateResource Non0CPU and
// Non0Mem. The answers are the real v1.37.1 code's (framework.NewPodInfo
// of the defaulted pod, DefaultPodLevelResources applied).
func TestNonZeroRequests(t *testing.T) {
	always := restart.Always
	ctr := func(name string, kv ...string) container.Container {
		c := container.Container{Name: name, Image: "app"}
		if len(kv) > 0 {
			c.Resources.Requests = vtList(kv...)
		}
		return c
	}
	limited := func(name string, kv ...string) container.Container {
		return container.Container{Name: name, Image: "app", Resources: container.Resources{Limits: vtList(kv...)}}
	}
	sidecar := ctr("proxy")
	sidecar.RestartPolicy = &always
	const mi = 1 << 20
	for _, tc := range []struct {
		name     string
		spec     Spec
		milliCPU int64
		memory   int64
	}{
		{name: "NonMissingContainerRequests: 100m and 200Mi for each container that lacks them",
			spec: Spec{Containers: []container.Container{ctr("a"), ctr("b"), ctr("c")}}, milliCPU: 300, memory: 600 * mi},
		{name: "NonMissingContainerRequests: a container's own request stays",
			spec: Spec{Containers: []container.Container{ctr("a", "cpu", "250m")}}, milliCPU: 250, memory: 200 * mi},
		{name: "NonMissingContainerRequests: a request of 0 is not missing",
			spec: Spec{Containers: []container.Container{ctr("a", "cpu", "0")}}, milliCPU: 0, memory: 200 * mi},
		{name: "NonMissingContainerRequests: a request defaulted from the limit is not missing",
			spec: Spec{Containers: []container.Container{limited("a", "cpu", "2"), ctr("b")}}, milliCPU: 2100, memory: 400 * mi},
		{name: "AggregateContainerRequests: an init container's defaults count in its peak",
			spec: Spec{InitContainers: []container.Container{ctr("init")}, Containers: []container.Container{ctr("a")}}, milliCPU: 100, memory: 200 * mi},
		{name: "AggregateContainerRequests: a sidecar's defaults count with the containers",
			spec: Spec{InitContainers: []container.Container{sidecar, ctr("init")}, Containers: []container.Container{ctr("a")}}, milliCPU: 200, memory: 400 * mi},
		{name: "PodRequests: overhead added to the defaults",
			spec: Spec{Containers: []container.Container{ctr("a")}, Overhead: vtList("cpu", "250m", "memory", "64Mi")}, milliCPU: 350, memory: 264 * mi},
		{name: "getNonMissingContainerRequests: pod-level requests, defaults only for what they lack",
			spec: Spec{Containers: []container.Container{ctr("a"), ctr("b")}, Resources: &container.Resources{Requests: vtList("cpu", "1")}}, milliCPU: 1000, memory: 400 * mi},
		{name: "getNonMissingContainerRequests: pod-level requests from pod-level limits",
			spec: Spec{Containers: []container.Container{ctr("a")}, Resources: &container.Resources{Limits: vtList("memory", "1Gi")}}, milliCPU: 100, memory: 1024 * mi},
		{name: "getNonMissingContainerRequests: with pod-level requests the overhead's memory is not missing",
			spec: Spec{Containers: []container.Container{ctr("a"), ctr("b")}, Resources: &container.Resources{Requests: vtList("cpu", "1")}, Overhead: vtList("memory", "64Mi")}, milliCPU: 1000, memory: 64 * mi},
		{name: "no containers, nothing to default", spec: Spec{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Pod{Spec: tc.spec}
			got := NonZeroRequests(&p)
			cpu, mem := got.Get(resource.CPU), got.Get(resource.Memory)
			if cpu.MilliValue() != tc.milliCPU || mem.Value() != tc.memory {
				t.Errorf("cpu %dm memory %d, want %dm %d", cpu.MilliValue(), mem.Value(), tc.milliCPU, tc.memory)
			}
		})
	}
}
