package manifest_test

import (
	"fmt"
	"time"

	"github.com/podlife/podlife/cmd/podlife/manifest"
)

// A Deployment reads as the pod its ReplicaSet would create: the
// template's spec, the owner, a generated name; what the file cannot hold
// is filled in and said so.
func ExampleReadBytes() {
	yaml := `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  replicas: 3
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`
	pods, err := manifest.ReadBytes([]byte(yaml), "nginx.yaml", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	p := pods[0]
	fmt.Println(p.Where())
	fmt.Println(p.Pod.Metadata.Namespace, p.Pod.Spec.Containers[0].Image, p.Pod.Metadata.Labels["app"])
	fmt.Println(len(p.Notes) > 0)

	_, err = manifest.ReadBytes([]byte("apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"), "svc.yaml", time.Time{})
	fmt.Println(err)
	// Output:
	// nginx.yaml document 1 (Deployment nginx)
	// default nginx:1.27 nginx
	// true
	// svc.yaml document 1: kind Service (apiVersion "v1") is not a pod or a workload; podlife reads Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, List
}
