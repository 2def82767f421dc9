package pod_test

import (
	"encoding/json"
	"fmt"

	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/pod"
)

// ExampleValidateCreate validates a pod as the apiserver would on create:
// defaults first (the probe's zero periodSeconds and the unset grace period
// are not errors), then every rule, errors in upstream's order.
func ExampleValidateCreate() {
	const manifest = `{
	  "metadata": {"generateName": "web_", "namespace": "default"},
	  "spec": {
	    "initContainers": [
	      {"name": "migrate", "image": "app:v1", "readinessProbe": {"exec": {"command": ["true"]}}}
	    ],
	    "containers": [
	      {"name": "app", "image": "app:v1",
	       "livenessProbe": {"httpGet": {"port": "web-server-https"}, "successThreshold": 2},
	       "lifecycle": {"preStop": {"sleep": {"seconds": 45}}}},
	      {"name": "app", "image": "sidecar:v1", "restartPolicy": "Never",
	       "restartPolicyRules": [{"action": "Restart", "exitCodes": {"operator": "In", "values": [42]}}]}
	    ]
	  }
	}`
	var p pod.Pod
	if err := json.Unmarshal([]byte(manifest), &p); err != nil {
		panic(err)
	}
	errs := pod.ValidateCreate(&p, feature.Gates{})
	for _, e := range errs {
		fmt.Println(e)
	}
	fmt.Println("valid:", errs.Err() == nil)
	// Output:
	// metadata.generateName: Invalid value: "web_": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
	// metadata.name: Invalid value: "web_xxxxx": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
	// spec.containers[0].lifecycle.preStop.sleep: Invalid value: 45: must be non-negative and less than terminationGracePeriodSeconds (30)
	// spec.containers[0].livenessProbe.httpGet.port: Invalid value: "web-server-https": must be no more than 15 characters
	// spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1
	// spec.containers[1].name: Duplicate value: "app"
	// spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always
	// valid: false
}
