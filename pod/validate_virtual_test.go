package pod

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/field"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/restart"
)

// validateMaterialised validates p the way the apiserver orders it, with
// the defaults and the gated drops written into a copy first (Defaulted,
// dropContainerRestartFields): what ValidateCreate did before it read them
// virtually, and what Unchecked still does.
func validateMaterialised(p *Pod, gates feature.Gates) field.ErrorList {
	var in Pod
	if p != nil {
		in = *p
	}
	d := in.Defaulted()
	if !gates.Enabled(feature.ContainerRestartRules) {
		dropContainerRestartFields(&d.Spec)
	}
	v := podValidator{
		allowRules:      gates.Enabled(feature.ContainerRestartRules),
		allowRestartAll: gates.Enabled(feature.RestartAllContainersOnContainerExits),
	}
	v.validateCreate(&d)
	return v.errs
}

// fullErrors renders every error whole (field, type, bad value, detail),
// in order.
func fullErrors(l field.ErrorList) []string {
	out := []string{}
	for _, e := range l {
		out = append(out, e.Error())
	}
	return out
}

var virtualGates = []feature.Gates{
	{},
	feature.Gates{}.With(feature.ContainerRestartRules, false),
	feature.Gates{}.With(feature.RestartAllContainersOnContainerExits, false),
}

// checkVirtual fails when reading the defaults virtually answers otherwise
// than validating the defaulted copy.
func checkVirtual(t testing.TB, name string, p *Pod) {
	t.Helper()
	checkSpecDefaulted(t, name, p)
	for _, g := range virtualGates {
		want, got := fullErrors(validateMaterialised(p, g)), fullErrors(ValidateCreate(p, g))
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("%s (gates %v): defaulted copy (-) vs virtual defaults (+):\n%s", name, g, d)
		}
	}
}

// Every conformance pod, with every gate set, gets the same errors, byte for
// byte and in order, whether the defaults are written into a copy or read
// where they are used (pkg/apis/core/v1/defaults.go SetDefaults_*, then
// pkg/apis/core/validation/validation.go ValidatePodCreate).
func TestValidateCreateReadsDefaultsVirtually(t *testing.T) {
	for _, file := range []string{"validation-generated.json", "validation-fields-generated.json"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "conformance", file))
		if err != nil {
			t.Fatal(err)
		}
		var f vcFile
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
		for _, c := range f.Cases {
			var p Pod
			if err := json.Unmarshal(c.Pod, &p); err != nil {
				t.Fatal(err)
			}
			checkVirtual(t, c.Name, &p)
		}
	}
}

// One pod per default, unset and with a value that the default would hide
// or reveal, compared with the defaulted copy.
func TestValidateCreateEachDefault(t *testing.T) {
	neg := int64(-7)
	sleep := func(s int64) *container.Lifecycle {
		return &container.Lifecycle{PreStop: &container.Handler{Sleep: &container.SleepAction{Seconds: s}}}
	}
	cases := map[string]func(p *Pod){
		"restartPolicy empty": func(p *Pod) { p.Spec.RestartPolicy = "" },
		"grace unset, sleep 31": func(p *Pod) {
			p.Spec.TerminationGracePeriodSeconds = nil
			p.Spec.Containers[0].Lifecycle = sleep(31)
		},
		"grace negative, sleep 2": func(p *Pod) {
			p.Spec.TerminationGracePeriodSeconds = &neg
			p.Spec.Containers[0].Lifecycle = sleep(2)
		},
		"probe zero successThreshold": func(p *Pod) {
			p.Spec.Containers[0].LivenessProbe = &probe.Probe{TCPSocket: &probe.TCPSocketAction{Port: probe.PortNumber(80)}}
		},
		"probe httpGet without path or scheme": func(p *Pod) {
			p.Spec.Containers[0].ReadinessProbe = &probe.Probe{HTTPGet: &probe.HTTPGetAction{Port: probe.PortNumber(80)}}
		},
		"hook httpGet without path": func(p *Pod) {
			p.Spec.Containers[0].Lifecycle = &container.Lifecycle{PostStart: &container.Handler{HTTPGet: &probe.HTTPGetAction{Port: probe.PortNumber(0)}}}
		},
		"volume without source, mounted, fileKeyRef": func(p *Pod) {
			p.Spec.Volumes = []Volume{{Name: "v"}}
			c := &p.Spec.Containers[0]
			c.VolumeMounts = []container.VolumeMount{{Name: "v", MountPath: "/v"}}
			c.Env = []container.EnvVar{{Name: "E", ValueFrom: &container.EnvSource{FileKeyRef: &container.FileKeyRef{VolumeName: "v", Path: "env", Key: "K"}}}}
		},
		"fieldRef without apiVersion": func(p *Pod) {
			p.Spec.Containers[0].Env = []container.EnvVar{{Name: "N", ValueFrom: &container.EnvSource{FieldRef: &container.FieldRef{FieldPath: "metadata.name"}}}}
			p.Spec.Volumes = []Volume{{Name: "d", VolumeSource: VolumeSource{DownwardAPI: &DownwardAPISource{Items: []DownwardAPIFile{{Path: "x", FieldRef: &container.FieldRef{FieldPath: "spec.nodeName"}}}}}}}
		},
		"token without expiration, no service account": func(p *Pod) {
			p.Spec.Volumes = []Volume{{Name: "t", VolumeSource: VolumeSource{Projected: &ProjectedSource{Sources: []Projection{{ServiceAccountToken: &ServiceAccountTokenProjection{Path: "token"}}}}}}}
		},
		"service account alias only": func(p *Pod) { p.Spec.DeprecatedServiceAccount = "Bad_Name" },
		"service account and a different alias": func(p *Pod) {
			p.Spec.ServiceAccountName = "sa"
			p.Spec.DeprecatedServiceAccount = "other"
		},
		"ports without protocol, hostNetwork": func(p *Pod) {
			p.Spec.HostNetwork = true
			p.Spec.Containers[0].Ports = []container.Port{{ContainerPort: 80}, {ContainerPort: 80}, {ContainerPort: 70000}, {ContainerPort: 81, HostPort: 82}}
			p.Spec.InitContainers = []container.Container{{Name: "i", Image: "x", Ports: []container.Port{{ContainerPort: 80}, {ContainerPort: 80, Protocol: "TCP"}}}}
		},
		"host port keys equal as strings": func(p *Pod) {
			p.Spec.Containers[0].Ports = []container.Port{
				{ContainerPort: 1, HostPort: 9, Protocol: "TCP", HostIP: "a/b"},
				{ContainerPort: 2, HostPort: 9, Protocol: "TCP/a", HostIP: "b"},
				{ContainerPort: 3, HostPort: 9, HostIP: "a/b"},
			}
		},
		"requests from limits": func(p *Pod) {
			p.Spec.Containers[0].Resources = container.Resources{
				Limits:   resource.MustParseList("cpu=1,memory=1Gi,nvidia.com/gpu=1"),
				Requests: resource.MustParseList("cpu=2"),
			}
			p.Spec.Resources = &container.Resources{Requests: resource.MustParseList("memory=512Mi")}
		},
		"gated restart fields": func(p *Pod) {
			p.Spec.Containers[0].RestartPolicy = restart.Never.Ptr()
			p.Spec.Containers[0].RestartPolicyRules = []restart.Rule{{Action: restart.ActionRestart}}
			p.Spec.InitContainers = []container.Container{
				{Name: "i", Image: "x", RestartPolicy: restart.OnFailure.Ptr()},
				{Name: "s", Image: "x", RestartPolicy: restart.Always.Ptr(), RestartPolicyRules: []restart.Rule{{Action: restart.ActionRestartAllContainers}}},
			}
			p.Spec.EphemeralContainers = []container.Container{{Name: "e", Image: "x", RestartPolicy: restart.Never.Ptr()}}
		},
		"generateName": func(p *Pod) {
			p.Metadata.Name = ""
			p.Metadata.GenerateName = "a-very-long-generated-name-prefix-that-is-cut-at-fifty-eight-bytes-"
		},
		"generateName invalid": func(p *Pod) {
			p.Metadata.Name = ""
			p.Metadata.GenerateName = "Web_"
		},
		"ephemeral volume PVC names": func(p *Pod) {
			p.Metadata.Name = "a-pod-name-that-is-longer-than-thirty-two-bytes"
			p.Spec.Volumes = []Volume{
				{Name: "scratch", VolumeSource: VolumeSource{Ephemeral: &EphemeralSource{VolumeClaimTemplate: json.RawMessage(`{}`)}}},
				{Name: "claim", VolumeSource: VolumeSource{PersistentVolumeClaim: &PVCSource{ClaimName: "a-pod-name-that-is-longer-than-thirty-two-bytes-scratch"}}},
				{Name: "Bad", VolumeSource: VolumeSource{Ephemeral: &EphemeralSource{VolumeClaimTemplate: json.RawMessage(`{}`)}}},
			}
		},
	}
	for name, mutate := range cases {
		p := vtPod()
		mutate(p)
		checkVirtual(t, name, p)
	}
}

// benchLifecyclePod is a realistic valid pod without whole-pod fields: a
// sidecar with a startup probe, an init container, and two regular
// containers with all three probes and a preStop hook.
func benchLifecyclePod() *Pod {
	httpProbe := func(path string) *probe.Probe {
		return &probe.Probe{HTTPGet: &probe.HTTPGetAction{Path: path, Port: probe.PortName("http")}, PeriodSeconds: 5}
	}
	return &Pod{
		Metadata: Meta{Name: "web-7d9f8b6c5-x2x4q", Namespace: "prod", Labels: map[string]string{"app": "web", "pod-template-hash": "7d9f8b6c5"}},
		Spec: Spec{
			InitContainers: []container.Container{
				{Name: "migrate", Image: "ghcr.io/example/migrate:v1"},
				{Name: "proxy", Image: "envoyproxy/envoy:v1.31", RestartPolicy: restart.Always.Ptr(),
					StartupProbe: &probe.Probe{TCPSocket: &probe.TCPSocketAction{Port: probe.PortNumber(15000)}, FailureThreshold: 30}},
			},
			Containers: []container.Container{
				{Name: "app", Image: "ghcr.io/example/app:v2.3.1",
					LivenessProbe:  httpProbe("/healthz"),
					ReadinessProbe: httpProbe("/readyz"),
					StartupProbe:   &probe.Probe{Exec: &probe.ExecAction{Command: []string{"cat", "/tmp/started"}}},
					Lifecycle:      &container.Lifecycle{PreStop: &container.Handler{Sleep: &container.SleepAction{Seconds: 5}}}},
				{Name: "metrics", Image: "prom/statsd-exporter:v0.26",
					LivenessProbe:  &probe.Probe{GRPC: &probe.GRPCAction{Port: 9090}},
					ReadinessProbe: &probe.Probe{TCPSocket: &probe.TCPSocketAction{Port: probe.PortNumber(9102)}}},
			},
			ReadinessGates: []ReadinessGate{{"example.com/load-balancer-ready"}},
		},
	}
}

// benchControllerPod is a pod as a ReplicaSet creates it: generateName,
// labels and annotations, a controller owner reference, a service account
// with its projected token volume, and a container with ports, env from the
// downward API, mounts and requests defaulted from limits.
func benchControllerPod() *Pod {
	yes := true
	p := vtPod()
	p.Metadata = Meta{GenerateName: "web-7d9f8b6c5-", Namespace: "prod",
		Labels:      map[string]string{"app": "web", "pod-template-hash": "7d9f8b6c5", "tier": "frontend"},
		Annotations: map[string]string{"kubectl.kubernetes.io/restartedAt": "2026-11-30T10:00:00Z", "prometheus.io/scrape": "true"},
		OwnerReferences: []OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "web-7d9f8b6c5-with-a-long-name-beyond-32-bytes",
			UID: "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b", Controller: &yes}}}
	p.Spec.DeprecatedServiceAccount = "web"
	p.Spec.Volumes = []Volume{{Name: "kube-api-access", VolumeSource: VolumeSource{Projected: &ProjectedSource{Sources: []Projection{
		{ServiceAccountToken: &ServiceAccountTokenProjection{Path: "token"}},
		{ConfigMap: &ConfigMapProjection{Name: "kube-root-ca.crt", Items: []KeyToPath{{Key: "ca.crt", Path: "ca.crt"}}}},
		{DownwardAPI: &DownwardAPIProjection{Items: []DownwardAPIFile{{Path: "namespace", FieldRef: &container.FieldRef{FieldPath: "metadata.namespace"}}}}},
	}}}}, {Name: "tmp"}}
	c := &p.Spec.Containers[0]
	c.Ports = []container.Port{{Name: "http", ContainerPort: 8080}, {Name: "metrics", ContainerPort: 9090}}
	c.Env = []container.EnvVar{{Name: "POD_NAME", ValueFrom: &container.EnvSource{FieldRef: &container.FieldRef{FieldPath: "metadata.name"}}}}
	c.VolumeMounts = []container.VolumeMount{{Name: "kube-api-access", MountPath: "/var/run/secrets/kubernetes.io/serviceaccount", ReadOnly: true}, {Name: "tmp", MountPath: "/tmp"}}
	c.Resources = container.Resources{Limits: resource.MustParseList("cpu=1,memory=512Mi")}
	c.ReadinessProbe = &probe.Probe{HTTPGet: &probe.HTTPGetAction{Port: probe.PortName("http")}}
	return p
}

// ValidateCreate of a valid pod allocates nothing: it reads the defaults
// instead of copying the pod, builds field paths on the stack and makes an
// error only for an invalid field.
func TestValidateCreateAllocs(t *testing.T) {
	whole := loadWholePod(t)
	// The whole pod without its extended resource (see below).
	plain := loadWholePod(t)
	c := &plain.Spec.Containers[0]
	c.Resources.Limits = c.Resources.Limits.Without("example.com/foo")
	c.Resources.Requests = c.Resources.Requests.Without("example.com/foo")
	// And its ephemeral volume an emptyDir (see below).
	plain.Spec.Volumes = slices.Clone(plain.Spec.Volumes)
	for i := range plain.Spec.Volumes {
		if v := &plain.Spec.Volumes[i]; v.Ephemeral != nil {
			*v = Volume{Name: v.Name, VolumeSource: VolumeSource{EmptyDir: &EmptyDirSource{}}}
		}
	}
	// A sandboxed runtime's pod: the RuntimeClass admission plugin set
	// its overhead.
	sandboxed := benchControllerPod()
	sandboxed.Spec.Overhead = resource.MustParseList("cpu=250m,memory=120Mi")
	// With a deletion cost and a claim from a template, as a ReplicaSet's
	// pod using a GPU would have.
	sandboxed.Metadata.Annotations = map[string]string{PodDeletionCostAnnotation: "-5"}
	tmpl := "gpu-template"
	sandboxed.Spec.ResourceClaims = []PodResourceClaim{{Name: "gpu", ResourceClaimTemplateName: &tmpl}}
	for name, p := range map[string]*Pod{"lifecycle": benchLifecyclePod(), "controller": benchControllerPod(), "whole pod, no extended resource": &plain, "with overhead, a deletion cost and a claim": sandboxed} {
		for _, g := range virtualGates {
			if errs := ValidateCreate(p, g); errs != nil {
				t.Fatalf("%s: %v", name, errs)
			}
			if n := testing.AllocsPerRun(100, func() { ValidateCreate(p, g) }); n != 0 {
				t.Errorf("%s (gates %v): ValidateCreate allocates %v times", name, g, n)
			}
		}
	}
	// An extended resource name (example.com/foo, in limits and requests)
	// costs one allocation each time ValidateContainerResourceName checks
	// it (resource.Name.IsExtended builds "requests."+name for its
	// qualified-name callback). That is the resource package's to remove.
	// An ephemeral volume's claim template, kept as raw JSON, is decoded to
	// be checked: about thirty allocations for the manifest's small one.
	if errs := ValidateCreate(&whole, feature.Gates{}); errs != nil {
		t.Fatal(errs)
	}
	if n := testing.AllocsPerRun(100, func() { ValidateCreate(&whole, feature.Gates{}) }); n > 2+claimTemplateAllocs {
		t.Errorf("whole pod: ValidateCreate allocates %v times, want at most %d (resource.Name.IsExtended, the claim template's decoding)", n, 2+claimTemplateAllocs)
	}
}

// claimTemplateAllocs bounds what decoding the whole-pod manifest's claim
// template allocates.
const claimTemplateAllocs = 30

// BenchmarkValidateConformancePods validates every conformance pod (most of
// them invalid, so error construction is part of the figure); ns/pod is
// the mean per pod.
func BenchmarkValidateConformancePods(b *testing.B) {
	var pods []Pod
	for _, file := range []string{"validation-generated.json", "validation-fields-generated.json"} {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", "conformance", file))
		if err != nil {
			b.Fatal(err)
		}
		var f vcFile
		if err := json.Unmarshal(raw, &f); err != nil {
			b.Fatal(err)
		}
		for _, c := range f.Cases {
			var p Pod
			if err := json.Unmarshal(c.Pod, &p); err != nil {
				b.Fatal(err)
			}
			pods = append(pods, p)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range pods {
			ValidateCreate(&pods[i], feature.Gates{})
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pods)), "ns/pod")
}

// The valid-volume record answers the same below and above smallVolumes:
// a duplicate is a name already taken by a valid volume, and a mount may
// name only a valid volume (ValidateVolumes returns only those).
func TestValidVolumesSmallAndLarge(t *testing.T) {
	errsFor := func(filler int) []string {
		p := vtPod()
		p.Spec.Volumes = []Volume{
			{Name: "a", VolumeSource: VolumeSource{HostPath: &HostPathSource{}}}, // invalid: no path
			{Name: "a"},
			{Name: "a"},
			{Name: "b", VolumeSource: VolumeSource{HostPath: &HostPathSource{}}},
			{Name: "e", VolumeSource: VolumeSource{Ephemeral: &EphemeralSource{VolumeClaimTemplate: json.RawMessage(`{"spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}`)}}},
			{Name: "c", VolumeSource: VolumeSource{PersistentVolumeClaim: &PVCSource{ClaimName: "web-e"}}},
		}
		for i := 0; i < filler; i++ {
			p.Spec.Volumes = append(p.Spec.Volumes, Volume{Name: fmt.Sprintf("f%d", i)})
		}
		p.Spec.Containers[0].VolumeMounts = []container.VolumeMount{{Name: "a", MountPath: "/a"}, {Name: "b", MountPath: "/b"}}
		return fullErrors(ValidateCreate(p, feature.Gates{}))
	}
	small, large := errsFor(0), errsFor(smallVolumes+10)
	want := []string{
		"spec.volumes[0].hostPath.path: Required value",
		`spec.volumes[2].name: Duplicate value: "a"`,
		"spec.volumes[3].hostPath.path: Required value",
		`spec.volumes[5].persistentVolumeClaim.claimName: Invalid value: "web-e": must not reference a PVC that gets created for an ephemeral volume`,
		`spec.containers[0].volumeMounts[1].name: Not found: "b"`,
	}
	if d := cmp.Diff(want, small); d != "" {
		t.Errorf("small (-want +got):\n%s", d)
	}
	if d := cmp.Diff(want, large); d != "" {
		t.Errorf("large (-want +got):\n%s", d)
	}
}

// dropContainerRestartFields is the reference the virtual reading is
// checked against: it removes what gate ContainerRestartRules guards
// from a defaulted copy, as restartFields and initRestartFields read it
// (pkg/api/pod/util.go dropContainerRestartRules): every
// restartPolicyRules, every regular and ephemeral container restartPolicy,
// and every init container restartPolicy except Always. s holds fresh
// container slices (from Defaulted), so this changes no caller memory.
// Unchecked uses it; ValidateCreate reads the drop without copying.
func dropContainerRestartFields(s *Spec) {
	for i := range s.InitContainers {
		c := &s.InitContainers[i]
		if !c.IsSidecar() {
			c.RestartPolicy = nil
		}
		c.RestartPolicyRules = nil
	}
	for i := range s.Containers {
		s.Containers[i].RestartPolicy = nil
		s.Containers[i].RestartPolicyRules = nil
	}
	for i := range s.EphemeralContainers {
		s.EphemeralContainers[i].RestartPolicy = nil
		s.EphemeralContainers[i].RestartPolicyRules = nil
	}
}
