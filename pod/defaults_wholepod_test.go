package pod

import (
	"encoding/json"
	"testing"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/resource"
)

// pkg/apis/core/v1/defaults.go SetDefaults_Pod (requests from limits,
// hostNetwork ports), SetDefaults_PodSpec (serviceAccount alias),
// SetDefaults_Volume, SetDefaults_ContainerPort,
// SetDefaults_ObjectFieldSelector, SetDefaults_ServiceAccountTokenProjection.
func TestDefaultedWholePod(t *testing.T) {
	in := Pod{Spec: Spec{
		HostNetwork:              true,
		DeprecatedServiceAccount: "legacy",
		Volumes: []Volume{
			{Name: "bare"},
			{Name: "info", VolumeSource: VolumeSource{DownwardAPI: &DownwardAPISource{Items: []DownwardAPIFile{{Path: "n", FieldRef: &container.FieldRef{FieldPath: "metadata.name"}}}}}},
			{Name: "token", VolumeSource: VolumeSource{Projected: &ProjectedSource{Sources: []Projection{{ServiceAccountToken: &ServiceAccountTokenProjection{Path: "t"}}}}}},
		},
		InitContainers: []container.Container{{Name: "init", Ports: []container.Port{{ContainerPort: 9000}}}},
		Containers: []container.Container{{Name: "app",
			Ports:     []container.Port{{ContainerPort: 80}, {ContainerPort: 53, Protocol: container.UDP, HostPort: 5353}},
			Env:       []container.EnvVar{{Name: "N", ValueFrom: &container.EnvSource{FieldRef: &container.FieldRef{FieldPath: "metadata.name"}}}},
			Resources: container.Resources{Limits: resource.List{"cpu": resource.MustParse("1"), "memory": resource.MustParse("1Gi")}, Requests: resource.List{"cpu": resource.MustParse("250m")}},
		}},
		EphemeralContainers: []container.Container{{Name: "debug", Ports: []container.Port{{ContainerPort: 1}},
			Resources: container.Resources{Limits: resource.List{"cpu": resource.MustParse("1")}}}},
	}}
	before, _ := json.Marshal(in)
	d := in.Defaulted()
	after, _ := json.Marshal(in)
	if string(before) != string(after) {
		t.Fatal("Defaulted changed its input")
	}
	s := &d.Spec
	if s.ServiceAccountName != "legacy" || s.DeprecatedServiceAccount != "legacy" {
		t.Errorf("service account: %q / %q", s.ServiceAccountName, s.DeprecatedServiceAccount)
	}
	if s.Volumes[0].EmptyDir == nil {
		t.Error("a volume without a source must become an emptyDir")
	}
	if f := s.Volumes[1].DownwardAPI.Items[0].FieldRef; f.APIVersion != "v1" {
		t.Errorf("downwardAPI fieldRef apiVersion %q", f.APIVersion)
	}
	if e := s.Volumes[2].Projected.Sources[0].ServiceAccountToken.ExpirationSeconds; e == nil || *e != 3600 {
		t.Errorf("token expirationSeconds %v", e)
	}
	c := &s.Containers[0]
	if c.Ports[0].Protocol != container.TCP || c.Ports[0].HostPort != 80 || c.Ports[1].Protocol != container.UDP || c.Ports[1].HostPort != 5353 {
		t.Errorf("ports: %+v", c.Ports)
	}
	if s.InitContainers[0].Ports[0].HostPort != 9000 {
		t.Errorf("init ports: %+v", s.InitContainers[0].Ports)
	}
	if ep := s.EphemeralContainers[0]; ep.Ports[0].Protocol != container.TCP || ep.Ports[0].HostPort != 0 || ep.Resources.Requests != nil {
		t.Errorf("ephemeral: protocol defaulted, no hostNetwork port, no requests: %+v", ep)
	}
	if c.Env[0].ValueFrom.FieldRef.APIVersion != "v1" {
		t.Errorf("env fieldRef apiVersion %q", c.Env[0].ValueFrom.FieldRef.APIVersion)
	}
	if cpu, mem := c.Resources.Requests["cpu"], c.Resources.Requests["memory"]; cpu.String() != "250m" || mem.String() != "1Gi" {
		t.Errorf("requests: %v", c.Resources.Requests)
	}
}
