package pod_test

import (
	"encoding/json"
	"fmt"

	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/pod"
)

// ExampleCreateQOS computes a pod's QoS class. The pod as written is
// Burstable (a container with limits but no requests), but the apiserver
// defaults the requests to the limits, so it stores Guaranteed.
func ExampleCreateQOS() {
	const manifest = `{
	  "metadata": {"name": "db", "namespace": "default"},
	  "spec": {
	    "initContainers": [
	      {"name": "init", "image": "busybox", "resources": {"limits": {"cpu": "100m", "memory": "64Mi"}}}
	    ],
	    "containers": [
	      {"name": "db", "image": "postgres:17",
	       "resources": {"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "1000m", "memory": "1Gi"}}}
	    ]
	  }
	}`
	var p pod.Pod
	if err := json.Unmarshal([]byte(manifest), &p); err != nil {
		panic(err)
	}
	fmt.Println("as written:", pod.ComputeQOS(&p))
	fmt.Println("stored:", pod.CreateQOS(&p))
	req := pod.EffectiveRequests(&p)
	fmt.Println("scheduled as:", req.Get("cpu").String(), "cpu,", req.Get("memory").String(), "memory")
	// Output:
	// as written: Burstable
	// stored: Guaranteed
	// scheduled as: 1 cpu, 1Gi memory
}

// ExampleEffectiveRequests reads what a pod on a sandboxed runtime asks the
// scheduler for: its containers' requests plus the overhead its
// RuntimeClass set. Its scores count a container without requests as 100m
// and 200Mi (NonZeroRequests).
func ExampleEffectiveRequests() {
	const manifest = `{
	  "metadata": {"name": "web", "namespace": "default"},
	  "spec": {
	    "runtimeClassName": "kata",
	    "overhead": {"cpu": "250m", "memory": "160Mi"},
	    "containers": [
	      {"name": "app", "image": "nginx:1.27", "resources": {"requests": {"cpu": "500m", "memory": "256Mi"}}},
	      {"name": "log-shipper", "image": "fluent-bit:3"}
	    ]
	  }
	}`
	var p pod.Pod
	if err := json.Unmarshal([]byte(manifest), &p); err != nil {
		panic(err)
	}
	req, nz := pod.EffectiveRequests(&p), pod.NonZeroRequests(&p)
	fmt.Println("fits a node by:", req.Get("cpu").String(), "cpu,", req.Get("memory").String(), "memory")
	fmt.Println("scored by:", nz.Get("cpu").String(), "cpu,", nz.Get("memory").String(), "memory")
	// Output:
	// fits a node by: 750m cpu, 416Mi memory
	// scored by: 850m cpu, 616Mi memory
}

// ExampleValidateCreate_volumeMount shows the errors of a mount of a volume
// that does not exist and of a volume with a bad name: the mount of the
// broken volume is reported as not found too, as the apiserver does.
func ExampleValidateCreate_volumeMount() {
	const manifest = `{
	  "metadata": {"name": "web", "namespace": "default"},
	  "spec": {
	    "volumes": [{"name": "Config", "configMap": {"name": "web-config"}}],
	    "containers": [
	      {"name": "web", "image": "nginx",
	       "volumeMounts": [
	         {"name": "Config", "mountPath": "/etc/nginx/conf.d"},
	         {"name": "cache", "mountPath": "/var/cache/nginx", "subPath": "../tmp"}
	       ]}
	    ]
	  }
	}`
	var p pod.Pod
	if err := json.Unmarshal([]byte(manifest), &p); err != nil {
		panic(err)
	}
	for _, e := range pod.ValidateCreate(&p, feature.Gates{}) {
		fmt.Println(e)
	}
	// Output:
	// spec.volumes[0].name: Invalid value: "Config": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
	// spec.containers[0].volumeMounts[0].name: Not found: "Config"
	// spec.containers[0].volumeMounts[1].name: Not found: "cache"
	// spec.containers[0].volumeMounts.subPath: Invalid value: "../tmp": must not contain '..'
}
