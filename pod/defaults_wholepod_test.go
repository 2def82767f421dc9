package pod

import (
	"encoding/json"
	"testing"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/probe"
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
			Resources: container.Resources{Limits: resource.MustParseList("cpu=1,memory=1Gi"), Requests: resource.MustParseList("cpu=250m")},
		}},
		EphemeralContainers: []container.Container{{Name: "debug", Ports: []container.Port{{ContainerPort: 1}},
			Resources: container.Resources{Limits: resource.MustParseList("cpu=1")}}},
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
	if cpu, mem := c.Resources.Requests.Get("cpu"), c.Resources.Requests.Get("memory"); cpu.String() != "250m" || mem.String() != "1Gi" {
		t.Errorf("requests: %v", c.Resources.Requests)
	}
}

// pkg/apis/core/v1/defaults.go SetDefaults_SecretVolumeSource,
// SetDefaults_ConfigMapVolumeSource, SetDefaults_DownwardAPIVolumeSource,
// SetDefaults_ProjectedVolumeSource (defaultMode 0644),
// SetDefaults_HostPathVolumeSource (the unset type, as a value), and the
// generated default of a grpc probe's service (zz_generated.defaults.go).
func TestDefaultedVolumeModesAndGRPCService(t *testing.T) {
	mode := int32(0o400)
	in := Pod{Spec: Spec{
		Volumes: []Volume{
			{Name: "s", VolumeSource: VolumeSource{Secret: &SecretSource{SecretName: "s"}}},
			{Name: "c", VolumeSource: VolumeSource{ConfigMap: &ConfigMapSource{Name: "c"}}},
			{Name: "d", VolumeSource: VolumeSource{DownwardAPI: &DownwardAPISource{}}},
			{Name: "p", VolumeSource: VolumeSource{Projected: &ProjectedSource{}}},
			{Name: "h", VolumeSource: VolumeSource{HostPath: &HostPathSource{Path: "/data"}}},
			{Name: "own", VolumeSource: VolumeSource{Secret: &SecretSource{SecretName: "o", DefaultMode: &mode}}},
		},
		Containers: []container.Container{{Name: "app", LivenessProbe: &probe.Probe{GRPC: &probe.GRPCAction{Port: 9000}}}},
	}}
	before, _ := json.Marshal(in)
	d := in.Defaulted()
	if after, _ := json.Marshal(in); string(after) != string(before) {
		t.Fatal("Defaulted changed its input")
	}
	v := d.Spec.Volumes
	for i, m := range []*int32{v[0].Secret.DefaultMode, v[1].ConfigMap.DefaultMode, v[2].DownwardAPI.DefaultMode, v[3].Projected.DefaultMode} {
		if m == nil || *m != 0o644 {
			t.Errorf("volume %s: defaultMode %v, want 0644 (420)", v[i].Name, m)
		}
	}
	if typ := v[4].HostPath.Type; typ == nil || *typ != HostPathUnset {
		t.Errorf("hostPath type %v, want the unset type", typ)
	}
	if m := v[5].Secret.DefaultMode; m != &mode {
		t.Errorf("a set defaultMode is kept: %v", m)
	}
	if s := d.Spec.Containers[0].LivenessProbe.GRPC.Service; s == nil || *s != "" {
		t.Errorf("grpc service %v, want the empty service", s)
	}
	if in.Spec.Containers[0].LivenessProbe.GRPC.Service != nil {
		t.Error("the input's grpc action changed")
	}
	again, _ := json.Marshal(d.Defaulted())
	if once, _ := json.Marshal(d); string(once) != string(again) {
		t.Errorf("not idempotent:\n%s\n%s", once, again)
	}
}
