package pod

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/resource"
)

// checkSpecDefaulted fails when specDefaulted and a comparison of the
// spec with its defaulted copy disagree, on p and on that copy.
func checkSpecDefaulted(t interface {
	Helper()
	Fatalf(string, ...any)
}, name string, p *Pod) {
	t.Helper()
	d := p.Defaulted()
	if want, got := reflect.DeepEqual(d.Spec, p.Spec), specDefaulted(&p.Spec); got != want {
		t.Fatalf("%s: specDefaulted says %v, but Defaulted changes the spec: %v", name, got, !want)
	}
	if !specDefaulted(&d.Spec) {
		t.Fatalf("%s: specDefaulted says a defaulted spec is not", name)
	}
}

// conformancePods are the pods of every conformance vector, wherever a
// family's cases keep them: each JSON object with a spec that lists
// containers is one.
func conformancePods(t testing.TB) map[string]*Pod {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "conformance", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no conformance files: %v", err)
	}
	pods := map[string]*Pod{}
	var walk func(name string, v any)
	walk = func(name string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if spec, ok := v["spec"].(map[string]any); ok {
				if _, ok := spec["containers"]; ok {
					raw, _ := json.Marshal(v)
					var p Pod
					if json.Unmarshal(raw, &p) == nil {
						pods[name] = &p
					}
					return
				}
			}
			for k, e := range v {
				walk(name+"/"+k, e)
			}
		case []any:
			for i, e := range v {
				walk(name+"/"+strconv.Itoa(i), e)
			}
		}
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		walk(filepath.Base(f), v)
	}
	return pods
}

// NewMachine shares a spec that needs no defaults and defaults a copy of
// any other; it tells them apart with specDefaulted, which must agree with
// comparing the spec with its defaulted copy: on every conformance pod and
// its defaulted copy, and on each one-default pod of
// TestValidateCreateEachDefault (through checkVirtual).
func TestSpecDefaultedAgreesWithDefaulted(t *testing.T) {
	pods := conformancePods(t)
	if len(pods) < 1000 {
		t.Fatalf("only %d conformance pods found", len(pods))
	}
	for name, p := range pods {
		checkSpecDefaulted(t, name, p)
	}
}

// For random pods, from a defaulted one with one field of Defaulted's
// rules left unset or set otherwise, specDefaulted agrees with the
// comparison.
func TestSpecDefaultedProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := vtPod().Defaulted()
		s := &p.Spec
		c := &s.Containers[0]
		pick := func(label string, n int) bool { return rapid.IntRange(0, n).Draw(t, label) == 0 }
		if pick("restart", 8) {
			s.RestartPolicy = ""
		}
		if pick("grace", 8) {
			s.TerminationGracePeriodSeconds = vtI64(rapid.Int64Range(-2, 2).Draw(t, "graceValue"))
		}
		if pick("sa", 8) {
			s.ServiceAccountName = rapid.SampledFrom([]string{"", "sa"}).Draw(t, "saName")
			s.DeprecatedServiceAccount = rapid.SampledFrom([]string{"", "sa", "other"}).Draw(t, "saAlias")
		}
		if pick("pull", 8) {
			c.Image = rapid.SampledFrom([]string{"nginx", "nginx:latest", "nginx:1", "nginx@sha256:" + strings.Repeat("a", 64)}).Draw(t, "image")
			c.ImagePullPolicy = rapid.SampledFrom([]container.PullPolicy{"", container.PullAlways, container.PullIfNotPresent}).Draw(t, "policy")
		}
		if pick("message", 8) {
			c.TerminationMessagePath = rapid.SampledFrom([]string{"", "/dev/termination-log", "/x"}).Draw(t, "path")
			c.TerminationMessagePolicy = rapid.SampledFrom([]container.TerminationMessagePolicy{"", container.TerminationMessageReadFile, container.TerminationMessageFallbackToLogsOnError}).Draw(t, "msgPolicy")
		}
		if pick("probe", 4) {
			pr := &probe.Probe{
				TimeoutSeconds:   rapid.Int32Range(0, 2).Draw(t, "timeout"),
				PeriodSeconds:    rapid.Int32Range(0, 2).Draw(t, "period"),
				SuccessThreshold: rapid.Int32Range(0, 1).Draw(t, "success"),
				FailureThreshold: rapid.Int32Range(0, 2).Draw(t, "failure"),
			}
			switch rapid.IntRange(0, 2).Draw(t, "handler") {
			case 0:
				pr.HTTPGet = &probe.HTTPGetAction{Port: probe.PortNumber(80), Path: rapid.SampledFrom([]string{"", "/h"}).Draw(t, "httpPath"),
					Scheme: rapid.SampledFrom([]probe.URIScheme{"", probe.SchemeHTTPS}).Draw(t, "scheme")}
			case 1:
				pr.GRPC = &probe.GRPCAction{Port: 9000}
				if rapid.Bool().Draw(t, "service") {
					pr.GRPC.Service = new(string)
				}
			default:
				pr.TCPSocket = &probe.TCPSocketAction{Port: probe.PortNumber(80)}
			}
			c.ReadinessProbe = pr
		}
		if pick("hook", 6) {
			c.Lifecycle = &container.Lifecycle{PostStart: &container.Handler{HTTPGet: &probe.HTTPGetAction{Port: probe.PortNumber(80),
				Path: rapid.SampledFrom([]string{"", "/h"}).Draw(t, "hookPath"), Scheme: rapid.SampledFrom([]probe.URIScheme{"", probe.SchemeHTTP}).Draw(t, "hookScheme")}}}
		}
		if pick("ports", 6) {
			s.HostNetwork = rapid.Bool().Draw(t, "hostNetwork")
			c.Ports = []container.Port{{ContainerPort: rapid.Int32Range(0, 1).Draw(t, "containerPort"), HostPort: rapid.Int32Range(0, 1).Draw(t, "hostPort"),
				Protocol: rapid.SampledFrom([]container.Protocol{"", container.TCP}).Draw(t, "protocol")}}
		}
		if pick("env", 6) {
			vf := &container.EnvSource{}
			switch rapid.IntRange(0, 2).Draw(t, "ref") {
			case 0:
				vf.FieldRef = &container.FieldRef{FieldPath: "metadata.name", APIVersion: rapid.SampledFrom([]string{"", "v1"}).Draw(t, "apiVersion")}
			case 1:
				vf.ResourceFieldRef = &container.ResourceFieldRef{Resource: "limits.cpu"}
				if rapid.Bool().Draw(t, "divisor") {
					q := resource.MustParse("1")
					vf.ResourceFieldRef.Divisor = &q
				}
			default:
				vf.FileKeyRef = &container.FileKeyRef{VolumeName: "v", Path: "env", Key: "K"}
				if rapid.Bool().Draw(t, "optional") {
					vf.FileKeyRef.Optional = new(bool)
				}
			}
			c.Env = []container.EnvVar{{Name: "E", ValueFrom: vf}}
		}
		if pick("resources", 4) {
			list := func(label string) resource.List {
				if rapid.Bool().Draw(t, label+"Nil") {
					return nil
				}
				l := resource.List{}
				for _, n := range rapid.SliceOfN(rapid.SampledFrom([]resource.Name{"cpu", "memory"}), 0, 2).Draw(t, label+"Names") {
					l = append(l, resource.Amount{Name: n, Quantity: resource.MustParse(rapid.SampledFrom([]string{"1", "0.0001"}).Draw(t, label+"Value"))})
				}
				return l
			}
			c.Resources = container.Resources{Limits: list("limits"), Requests: list("requests")}
			if rapid.Bool().Draw(t, "ephemeral") {
				ec := *c
				ec.Name = "debug"
				s.EphemeralContainers = []container.Container{ec}
				c.Resources = container.Resources{}
			}
		}
		if pick("volume", 4) {
			v := Volume{Name: "v"}
			mode := int32(0o600)
			switch rapid.IntRange(0, 6).Draw(t, "source") {
			case 0: // none: an emptyDir
			case 1:
				v.HostPath = &HostPathSource{Path: "/x"}
			case 2:
				v.Secret = &SecretSource{SecretName: "s"}
			case 3:
				v.ConfigMap = &ConfigMapSource{Name: "c"}
			case 4:
				v.DownwardAPI = &DownwardAPISource{Items: []DownwardAPIFile{{Path: "n", FieldRef: &container.FieldRef{FieldPath: "metadata.name"}}}}
			case 5:
				v.Projected = &ProjectedSource{Sources: []Projection{{ServiceAccountToken: &ServiceAccountTokenProjection{Path: "t"}}}}
			default:
				v.Image = &ImageVolumeSource{Reference: "img:1"}
			}
			if rapid.Bool().Draw(t, "mode") {
				switch {
				case v.Secret != nil:
					v.Secret.DefaultMode = &mode
				case v.ConfigMap != nil:
					v.ConfigMap.DefaultMode = &mode
				}
			}
			s.Volumes = []Volume{v}
			if rapid.Bool().Draw(t, "defaultVolumes") {
				s.Volumes = p.Defaulted().Spec.Volumes
			}
		}
		if pick("overhead", 8) {
			s.Overhead = resource.List{{Name: "cpu", Quantity: resource.MustParse(rapid.SampledFrom([]string{"1", "0.0001"}).Draw(t, "overheadValue"))}}
		}
		checkSpecDefaulted(t, "random", &p)
	})
}
