package pod

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/resource"
)

func vtQ(s string) resource.Quantity { return resource.MustParse(s) }

func vtList(kv ...string) resource.List {
	l := resource.List{}
	for i := 0; i+1 < len(kv); i += 2 {
		l = l.With(resource.Name(kv[i]), vtQ(kv[i+1]))
	}
	return l
}

func vtEmptyDir(name string) Volume {
	return Volume{Name: name, VolumeSource: VolumeSource{EmptyDir: &EmptyDirSource{}}}
}

// pkg/apis/core/validation/validation.go ValidateVolumes and
// validateVolumeSource.
func TestValidateVolumes(t *testing.T) {
	vtRun(t, []vtCase{
		{name: "ValidateVolumes: names are DNS labels",
			mutate: func(p *Pod) { p.Spec.Volumes = []Volume{vtEmptyDir("Config")} },
			want:   []string{"spec.volumes[0].name FieldValueInvalid"}},
		{name: "ValidateVolumes: names are unique",
			mutate: func(p *Pod) { p.Spec.Volumes = []Volume{vtEmptyDir("data"), vtEmptyDir("data")} },
			want:   []string{"spec.volumes[1].name FieldValueDuplicate"}},
		{name: "SetDefaults_Volume: a volume without source becomes an emptyDir",
			mutate: func(p *Pod) { p.Spec.Volumes = []Volume{{Name: "workdir"}} }},
		{name: "validateVolumeSource: more than one source, the later ones are forbidden",
			mutate: func(p *Pod) {
				v := vtEmptyDir("x")
				v.HostPath = &HostPathSource{Path: "/tmp"}
				v.DownwardAPI = &DownwardAPISource{}
				p.Spec.Volumes = []Volume{v}
			},
			// upstream's path for a second downwardAPI source is misspelled
			want: []string{"spec.volumes[0].hostPath FieldValueForbidden", "spec.volumes[0].downwarAPI FieldValueForbidden"}},
		{name: "emptyDir: a negative sizeLimit is forbidden",
			mutate: func(p *Pod) {
				q := vtQ("-1Gi")
				p.Spec.Volumes = []Volume{{Name: "c", VolumeSource: VolumeSource{EmptyDir: &EmptyDirSource{SizeLimit: &q}}}}
			},
			want:   []string{"spec.volumes[0].emptyDir.sizeLimit FieldValueForbidden"},
			detail: msgSizeLimit},
		{name: "validateHostPathVolumeSource: no '..', known type",
			mutate: func(p *Pod) {
				typ := HostPathType("directory")
				p.Spec.Volumes = []Volume{
					{Name: "a", VolumeSource: VolumeSource{HostPath: &HostPathSource{Path: "/var/../etc"}}},
					{Name: "b", VolumeSource: VolumeSource{HostPath: &HostPathSource{Path: "/var/log", Type: &typ}}},
				}
			},
			want: []string{"spec.volumes[0].hostPath.path FieldValueInvalid", "spec.volumes[1].hostPath.type FieldValueNotSupported"}},
		{name: "validateSecretVolumeSource: secretName required, modes within 0777",
			mutate: func(p *Pod) {
				m := int32(0o1000)
				p.Spec.Volumes = []Volume{{Name: "s", VolumeSource: VolumeSource{Secret: &SecretSource{DefaultMode: &m,
					Items: []KeyToPath{{Key: "k", Path: "../k", Mode: &m}}}}}}
			},
			want: []string{"spec.volumes[0].secret.secretName FieldValueRequired", "spec.volumes[0].secret.defaultMode FieldValueInvalid",
				"spec.volumes[0].secret.items[0].path FieldValueInvalid", "spec.volumes[0].secret.items[0].mode FieldValueInvalid"}},
		{name: "validateDownwardAPIVolumeFile: items are reported without their index",
			mutate: func(p *Pod) {
				p.Spec.Volumes = []Volume{{Name: "d", VolumeSource: VolumeSource{DownwardAPI: &DownwardAPISource{Items: []DownwardAPIFile{
					{Path: "..labels", FieldRef: &container.FieldRef{FieldPath: "metadata.labels"}},
					{Path: "ip", FieldRef: &container.FieldRef{FieldPath: "status.podIP"}},
				}}}}}
			},
			want: []string{"spec.volumes[0].downwardAPI.path FieldValueInvalid", "spec.volumes[0].downwardAPI.fieldRef.fieldPath FieldValueNotSupported"}},
		{name: "validateProjectionSources: a token needs spec.serviceAccountName",
			mutate: func(p *Pod) {
				p.Spec.Volumes = []Volume{{Name: "t", VolumeSource: VolumeSource{Projected: &ProjectedSource{Sources: []Projection{
					{ServiceAccountToken: &ServiceAccountTokenProjection{Path: "token"}}}}}}}
			},
			want: []string{"spec.volumes[0].projected.sources[0].serviceAccountToken FieldValueForbidden"}},
		{name: "validateProjectionSources: token at least 10 minutes; item paths unique (the token's is not counted)",
			mutate: func(p *Pod) {
				p.Spec.ServiceAccountName = "default"
				e := int64(300)
				p.Spec.Volumes = []Volume{{Name: "t", VolumeSource: VolumeSource{Projected: &ProjectedSource{Sources: []Projection{
					{ServiceAccountToken: &ServiceAccountTokenProjection{Path: "token", ExpirationSeconds: &e}},
					{ConfigMap: &ConfigMapProjection{Name: "c", Items: []KeyToPath{{Key: "k", Path: "token"}}}},
					{DownwardAPI: &DownwardAPIProjection{Items: []DownwardAPIFile{{Path: "token", FieldRef: &container.FieldRef{FieldPath: "metadata.name"}}}}}}}}}}
			},
			want: []string{"spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds FieldValueInvalid",
				"spec.volumes[0].projected FieldValueInvalid"}},
	})
}

// pkg/apis/core/validation/validation.go validateCSIVolumeSource,
// validateNFSVolumeSource, validateGitRepoVolumeSource: sources kept as raw
// JSON, checked for their few rules.
func TestValidateRawVolumeSources(t *testing.T) {
	rawJSON := func(js string) *json.RawMessage { m := json.RawMessage(js); return &m }
	raw := func(kind, js string) func(p *Pod) {
		return func(p *Pod) {
			v := Volume{Name: "v"}
			switch kind {
			case "csi":
				v.CSI = rawJSON(js)
			case "nfs":
				v.NFS = rawJSON(js)
			case "gitRepo":
				v.GitRepo = rawJSON(js)
			}
			p.Spec.Volumes = []Volume{v}
		}
	}
	vtRun(t, []vtCase{
		{name: "ValidateCSIDriverName: required",
			mutate: raw("csi", `{}`),
			want:   []string{"spec.volumes[0].csi.driver FieldValueRequired"}},
		{name: "validateCSIVolumeSource: a bad secret name is reported under csi.name",
			mutate: raw("csi", `{"driver":"Disk.Example.COM","nodePublishSecretRef":{"name":"Bad_Name"}}`),
			want:   []string{"spec.volumes[0].csi.name FieldValueInvalid"}},
		{name: "validateNFSVolumeSource: server and an absolute path",
			mutate: raw("nfs", `{"path":"exports"}`),
			want:   []string{"spec.volumes[0].nfs.server FieldValueRequired", "spec.volumes[0].nfs.path FieldValueInvalid"}},
		{name: "validateGitRepoVolumeSource: repository, a relative directory",
			mutate: raw("gitRepo", `{"directory":"/src"}`),
			want:   []string{"spec.volumes[0].gitRepo.repository FieldValueRequired", "spec.volumes[0].gitRepo.directory FieldValueInvalid"}},
	})
}

// pkg/apis/core/validation/validation.go ValidateVolumeMounts.
func TestValidateVolumeMounts(t *testing.T) {
	mount := func(ms ...container.VolumeMount) func(p *Pod) {
		return func(p *Pod) {
			p.Spec.Volumes = []Volume{vtEmptyDir("data")}
			p.Spec.Containers[0].VolumeMounts = ms
		}
	}
	prop := func(m container.MountPropagation) *container.MountPropagation { return &m }
	rro := func(m container.RecursiveReadOnly) *container.RecursiveReadOnly { return &m }
	vtRun(t, []vtCase{
		{name: "a mount names an existing volume",
			mutate: mount(container.VolumeMount{Name: "missing", MountPath: "/m"}),
			want:   []string{"spec.containers[0].volumeMounts[0].name FieldValueNotFound"}},
		{name: "a mount of a volume with an error is not found either",
			mutate: func(p *Pod) {
				p.Spec.Volumes = []Volume{{Name: "Data", VolumeSource: VolumeSource{EmptyDir: &EmptyDirSource{}}}}
				p.Spec.Containers[0].VolumeMounts = []container.VolumeMount{{Name: "Data", MountPath: "/d"}}
			},
			want: []string{"spec.volumes[0].name FieldValueInvalid", "spec.containers[0].volumeMounts[0].name FieldValueNotFound"}},
		{name: "mountPath required and unique in the container",
			mutate: mount(container.VolumeMount{Name: "data", MountPath: "/d"}, container.VolumeMount{Name: "data", MountPath: "/d"},
				container.VolumeMount{Name: "data"}),
			want: []string{"spec.containers[0].volumeMounts[1].mountPath FieldValueInvalid",
				"spec.containers[0].volumeMounts[2].mountPath FieldValueRequired"}},
		{name: "validateLocalDescendingPath: subPath relative, no '..' (path without index)",
			mutate: mount(container.VolumeMount{Name: "data", MountPath: "/d", SubPath: "/etc/../x"}),
			want:   []string{"spec.containers[0].volumeMounts.subPath FieldValueInvalid", "spec.containers[0].volumeMounts.subPath FieldValueInvalid"}},
		{name: "subPath and subPathExpr are mutually exclusive",
			mutate: mount(container.VolumeMount{Name: "data", MountPath: "/d", SubPath: "a", SubPathExpr: "$(X)"}),
			want:   []string{"spec.containers[0].volumeMounts[0].subPathExpr FieldValueInvalid"}},
		{name: "validateMountPropagation: known modes, Bidirectional only privileged",
			mutate: mount(container.VolumeMount{Name: "data", MountPath: "/a", MountPropagation: prop("rshared")},
				container.VolumeMount{Name: "data", MountPath: "/b", MountPropagation: prop(container.MountPropagationBidirectional)}),
			want: []string{"spec.containers[0].volumeMounts.mountPropagation FieldValueNotSupported",
				"spec.containers[0].volumeMounts.mountPropagation FieldValueForbidden"}},
		{name: "validateMountRecursiveReadOnly: needs readOnly",
			mutate: mount(container.VolumeMount{Name: "data", MountPath: "/d", RecursiveReadOnly: rro(container.RecursiveReadOnlyEnabled)}),
			want:   []string{"spec.containers[0].volumeMounts.recursiveReadOnly FieldValueForbidden"}},
	})
}

// pkg/apis/core/validation/validation.go validateContainerPorts,
// checkHostPortConflicts and validatePodHostNetworkDeps.
func TestValidatePorts(t *testing.T) {
	ports := func(ps ...container.Port) func(p *Pod) {
		return func(p *Pod) { p.Spec.Containers[0].Ports = ps }
	}
	vtRun(t, []vtCase{
		{name: "SetDefaults_ContainerPort: protocol defaults to TCP",
			mutate: ports(container.Port{Name: "http", ContainerPort: 80})},
		{name: "IsValidPortName: IANA service names",
			mutate: ports(container.Port{Name: "HTTP", ContainerPort: 80}),
			want:   []string{"spec.containers[0].ports[0].name FieldValueInvalid", "spec.containers[0].ports[0].name FieldValueInvalid"}},
		{name: "port names are unique in a container",
			mutate: ports(container.Port{Name: "http", ContainerPort: 80}, container.Port{Name: "http", ContainerPort: 81}),
			want:   []string{"spec.containers[0].ports[1].name FieldValueDuplicate"}},
		{name: "the same number under two names is fine",
			mutate: ports(container.Port{Name: "a", ContainerPort: 80}, container.Port{Name: "b", ContainerPort: 80})},
		{name: "IsValidPortNum: 1 to 65535",
			mutate: ports(container.Port{ContainerPort: 65536, HostPort: -1}),
			want:   []string{"spec.containers[0].ports[0].containerPort FieldValueInvalid", "spec.containers[0].ports[0].hostPort FieldValueInvalid"}},
		{name: "supportedPortProtocols",
			mutate: ports(container.Port{ContainerPort: 80, Protocol: "tcp"}),
			want:   []string{"spec.containers[0].ports[0].protocol FieldValueNotSupported"},
			detail: `supported values: "SCTP", "TCP", "UDP"`},
		{name: "AccumulateUniqueHostPorts: across regular containers",
			mutate: func(p *Pod) {
				p.Spec.Containers = append(p.Spec.Containers, container.Container{Name: "b", Image: "i"})
				p.Spec.Containers[0].Ports = []container.Port{{ContainerPort: 80, HostPort: 8080}}
				p.Spec.Containers[1].Ports = []container.Port{{ContainerPort: 81, HostPort: 8080}, {ContainerPort: 82, HostPort: 8080, Protocol: container.UDP}}
			},
			want: []string{"spec.containers[1].ports[0].hostPort FieldValueDuplicate"}},
		{name: "checkHostPortConflicts: init containers one at a time, reported at index 0",
			mutate: func(p *Pod) {
				p.Spec.InitContainers = []container.Container{{Name: "i0", Image: "i"}, {Name: "i1", Image: "i",
					Ports: []container.Port{{ContainerPort: 1, HostPort: 80}, {ContainerPort: 2, HostPort: 80}}}}
				p.Spec.Containers[0].Ports = []container.Port{{ContainerPort: 1, HostPort: 80}}
			},
			want: []string{"spec.initContainers[0].ports[1].hostPort FieldValueDuplicate"}},
		{name: "validatePodHostNetworkDeps: hostPort equals containerPort (defaulted from it)",
			mutate: func(p *Pod) {
				p.Spec.HostNetwork = true
				p.Spec.Containers[0].Ports = []container.Port{{ContainerPort: 80}, {ContainerPort: 81, HostPort: 82}}
			},
			want: []string{"spec.containers[0].ports[1].hostPort FieldValueInvalid"}},
	})
}

// pkg/apis/core/validation/validation.go ValidateEnv, validateEnvVarValueFrom,
// validateObjectFieldSelector, ValidateEnvFrom.
func TestValidateEnv(t *testing.T) {
	env := func(vs ...container.EnvVar) func(p *Pod) {
		return func(p *Pod) { p.Spec.Containers[0].Env = vs }
	}
	fieldRef := func(path string) *container.EnvSource {
		return &container.EnvSource{FieldRef: &container.FieldRef{FieldPath: path}}
	}
	vtRun(t, []vtCase{
		{name: "IsRelaxedEnvVarName: printable ASCII but '='",
			mutate: env(container.EnvVar{Name: "my.var-name", Value: "x"}, container.EnvVar{Name: "A=B"}, container.EnvVar{Name: "été"}),
			want:   []string{"spec.containers[0].env[1].name FieldValueInvalid", "spec.containers[0].env[2].name FieldValueInvalid"}},
		{name: "the same name twice is fine",
			mutate: env(container.EnvVar{Name: "A", Value: "1"}, container.EnvVar{Name: "A", Value: "2"})},
		{name: "value and valueFrom are exclusive",
			mutate: env(container.EnvVar{Name: "A", Value: "1", ValueFrom: fieldRef("metadata.name")}),
			want:   []string{"spec.containers[0].env[0].valueFrom FieldValueInvalid"},
			detail: msgEnvNotWithValue},
		{name: "valueFrom needs one source",
			mutate: env(container.EnvVar{Name: "A", ValueFrom: &container.EnvSource{}}),
			want:   []string{"spec.containers[0].env[0].valueFrom FieldValueInvalid"}},
		{name: "SetDefaults_ObjectFieldSelector: apiVersion v1; labels take a subscript",
			mutate: env(container.EnvVar{Name: "A", ValueFrom: fieldRef("metadata.labels['app']")})},
		{name: "validEnvDownwardAPIFieldPathExpressions",
			mutate: env(container.EnvVar{Name: "A", ValueFrom: fieldRef("status.phase")}, container.EnvVar{Name: "B", ValueFrom: fieldRef("metadata.foo")}),
			want: []string{"spec.containers[0].env[0].valueFrom.fieldRef.fieldPath FieldValueNotSupported",
				"spec.containers[0].env[1].valueFrom.fieldRef.fieldPath FieldValueInvalid"}},
		{name: "validateContainerResourceDivisor: cpu divisors 1m and 1",
			mutate: env(container.EnvVar{Name: "A", ValueFrom: &container.EnvSource{ResourceFieldRef: &container.ResourceFieldRef{Resource: "limits.cpu", Divisor: func() *resource.Quantity { q := vtQ("2m"); return &q }()}}}),
			want:   []string{"spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor FieldValueInvalid"}},
		{name: "validateSecretKeySelector: name and key",
			mutate: env(container.EnvVar{Name: "A", ValueFrom: &container.EnvSource{SecretKeyRef: &container.KeyRef{Name: "App_Secret", Key: "bad key!"}}}),
			want: []string{"spec.containers[0].env[0].valueFrom.secretKeyRef.name FieldValueInvalid",
				"spec.containers[0].env[0].valueFrom.secretKeyRef.key FieldValueInvalid"}},
		{name: "ValidateEnvFrom: one of configMapRef and secretRef, reported on the list",
			mutate: func(p *Pod) {
				p.Spec.Containers[0].EnvFrom = []container.EnvFrom{{Prefix: "APP_"}, {ConfigMapRef: &container.ObjectRef{Name: "a"}, SecretRef: &container.ObjectRef{Name: "b"}}}
			},
			want: []string{"spec.containers[0].envFrom FieldValueInvalid", "spec.containers[0].envFrom FieldValueInvalid"}},
	})
}

// pkg/apis/core/validation/validation.go validateResourceRequirements,
// ValidateContainerResourceName, ValidateResourceQuantityValue and
// validatePodResources.
// validateContainerCommon checks terminationMessagePolicy after the image
// and before the ports, on every list; SetDefaults_Container fills an
// empty policy (and path) first. The path itself is not validated.
func TestValidateTerminationMessagePolicy(t *testing.T) {
	policy := func(list string, v container.TerminationMessagePolicy) func(p *Pod) {
		return func(p *Pod) {
			c := container.Container{Name: list, Image: "x:1", TerminationMessagePolicy: v}
			switch list {
			case "init":
				p.Spec.InitContainers = []container.Container{c}
			default:
				p.Spec.Containers[0].TerminationMessagePolicy = v
			}
		}
	}
	vtRun(t, []vtCase{
		{name: "SetDefaults_Container: empty is File", mutate: policy("app", "")},
		{name: "File", mutate: policy("app", container.TerminationMessageReadFile)},
		{name: "FallbackToLogsOnError", mutate: policy("app", container.TerminationMessageFallbackToLogsOnError)},
		{name: "the path is not validated",
			mutate: func(p *Pod) { p.Spec.Containers[0].TerminationMessagePath = "relative/../done" }},
		{name: "values are case-sensitive",
			mutate: policy("app", "file"),
			want:   []string{"spec.containers[0].terminationMessagePolicy FieldValueNotSupported"},
			detail: `supported values: "File", "FallbackToLogsOnError"`},
		{name: "init containers too", mutate: policy("init", "Bogus"),
			want: []string{"spec.initContainers[0].terminationMessagePolicy FieldValueNotSupported"}},
		{name: "after the image, before the ports",
			mutate: func(p *Pod) {
				p.Spec.Containers[0] = container.Container{Name: "app", TerminationMessagePolicy: "Bogus",
					Ports: []container.Port{{}}}
			},
			want: []string{"spec.containers[0].image FieldValueRequired",
				"spec.containers[0].terminationMessagePolicy FieldValueNotSupported",
				"spec.containers[0].ports[0].containerPort FieldValueRequired"}},
	})
}

// spec.overhead is validated as a container's limits are
// (validation.go validateOverhead), after the subdomain and before the os,
// its quantities rounded first (SetDefaults_ResourceList). The answers are
// the oracle's (real v1.37.1 code).
func TestValidateOverhead(t *testing.T) {
	overhead := func(kv ...string) func(p *Pod) { return func(p *Pod) { p.Spec.Overhead = vtList(kv...) } }
	vtRun(t, []vtCase{
		{name: "validateOverhead: cpu and memory", mutate: overhead("cpu", "250m", "memory", "120Mi")},
		{name: "validateOverhead: an empty map is valid", mutate: overhead()},
		{name: "ValidateNonnegativeQuantity: on limits, keyed",
			mutate: overhead("cpu", "-1", "memory", "-5Mi"),
			want:   []string{"spec.overhead.limits[cpu] FieldValueInvalid", "spec.overhead.limits[memory] FieldValueInvalid"},
			detail: "must be greater than or equal to 0"},
		{name: "SetDefaults_ResourceList: a negative fraction of a thousandth is -1m",
			mutate: overhead("cpu", "-0.0001"),
			want:   []string{"spec.overhead.limits[cpu] FieldValueInvalid"}},
		{name: "SetDefaults_ResourceList: a positive one is 1m", mutate: overhead("cpu", "0.0001", "memory", "1")},
		{name: "ValidateContainerResourceName: standard for containers or fully qualified",
			mutate: overhead("cpu", "1", "example.com/gpu", "1", "foo", "1"),
			want:   []string{"spec.overhead.limits[foo] FieldValueInvalid", "spec.overhead.limits[foo] FieldValueInvalid"},
			detail: "must be a standard resource type or fully qualified"},
		{name: "ValidateResourceQuantityValue: extended resources are integers; pods is not a container's",
			mutate: overhead("nvidia.com/gpu", "500m", "pods", "1"),
			want:   []string{"spec.overhead.limits[nvidia.com/gpu] FieldValueInvalid", "spec.overhead.limits[pods] FieldValueInvalid"},
			detail: "must be an integer"},
		{name: "hugepages need cpu or memory, reported on spec.overhead",
			mutate: overhead("hugepages-2Mi", "4Mi"),
			want:   []string{"spec.overhead FieldValueForbidden"},
			detail: "HugePages require cpu or memory"},
		{name: "validateResourceQuantityHugePageValue: a multiple of the page, rounded first",
			mutate: overhead("hugepages-2Mi", "2.0000001Mi", "memory", "1Gi"),
			want:   []string{"spec.overhead.limits[hugepages-2Mi] FieldValueInvalid"},
			detail: "2097152105m is not positive integer multiple of hugepages-2Mi"},
		{name: "ValidatePodSpec order: after subdomain, before os",
			mutate: func(p *Pod) {
				p.Spec.Subdomain = "Bad_Sub"
				p.Spec.OS = &PodOS{Name: "plan9"}
				p.Spec.Overhead = vtList("hugepages-2Mi", "4Mi")
			},
			want: []string{"spec.subdomain FieldValueInvalid", "spec.overhead FieldValueForbidden", "spec.os FieldValueNotSupported"}},
	})
}

func TestValidateResources(t *testing.T) {
	res := func(req, lim resource.List) func(p *Pod) {
		return func(p *Pod) { p.Spec.Containers[0].Resources = container.Resources{Requests: req, Limits: lim} }
	}
	vtRun(t, []vtCase{
		{name: "request above limit (reported on requests, without key)",
			mutate: res(vtList("cpu", "2"), vtList("cpu", "1")),
			want:   []string{"spec.containers[0].resources.requests FieldValueInvalid"},
			detail: "must be less than or equal to cpu limit of 1"},
		{name: "compared by value: 0.5 = 500m",
			mutate: res(vtList("cpu", "0.5"), vtList("cpu", "500m"))},
		// The answers of this group are the oracle's (real v1.37.1 code).
		{name: "SetDefaults_ResourceList: compared rounded up to a thousandth (0.0002 and 0.0001 are both 1m)",
			mutate: res(vtList("cpu", "0.0002"), vtList("cpu", "0.0001"))},
		{name: "SetDefaults_ResourceList: a negative fraction of a thousandth is -1m",
			mutate: res(vtList("cpu", "-0.0001"), nil),
			want:   []string{"spec.containers[0].resources.requests[cpu] FieldValueInvalid"},
			detail: "must be greater than or equal to 0"},
		{name: "SetDefaults_ResourceList: huge pages are checked, and printed, rounded",
			mutate: res(vtList("hugepages-2Mi", "2.0000001Mi", "memory", "1Gi", "cpu", "1"), vtList("hugepages-2Mi", "2.0000001Mi", "memory", "1Gi", "cpu", "1")),
			want: []string{"spec.containers[0].resources.limits[hugepages-2Mi] FieldValueInvalid",
				"spec.containers[0].resources.requests[hugepages-2Mi] FieldValueInvalid"},
			detail: "2097152105m is not positive integer multiple of hugepages-2Mi"},
		{name: "SetDefaults_ResourceList: pod-level resources are rounded too",
			mutate: func(p *Pod) {
				p.Spec.Resources = &container.Resources{Requests: vtList("cpu", "0.0002", "memory", "1Gi"), Limits: vtList("cpu", "0.0001", "memory", "1Gi")}
			}},
		{name: "SetDefaults_Pod: a bad limit is also a bad (defaulted) request",
			mutate: res(nil, vtList("memory", "-1Gi")),
			want:   []string{"spec.containers[0].resources.limits[memory] FieldValueInvalid", "spec.containers[0].resources.requests[memory] FieldValueInvalid"}},
		{name: "ValidateContainerResourceName: standard or fully qualified",
			mutate: res(vtList("gpu", "1"), nil),
			want:   []string{"spec.containers[0].resources.requests[gpu] FieldValueInvalid", "spec.containers[0].resources.requests[gpu] FieldValueInvalid"}},
		{name: "extended resources: integers, request equals limit",
			mutate: res(vtList("nvidia.com/gpu", "0.5"), nil),
			want:   []string{"spec.containers[0].resources.requests[nvidia.com/gpu] FieldValueInvalid", "spec.containers[0].resources.limits FieldValueRequired"}},
		{name: "IsHugePageResourceValueDivisible: a page size overflowing to 0 is an error, not a panic",
			mutate: res(nil, vtList("hugepages-10E", "1Gi", "cpu", "1")),
			want: []string{"spec.containers[0].resources.limits[hugepages-10E] FieldValueInvalid",
				"spec.containers[0].resources.requests[hugepages-10E] FieldValueInvalid"}},
		{name: "hugepages need cpu or memory",
			mutate: res(vtList("hugepages-2Mi", "64Mi"), vtList("hugepages-2Mi", "64Mi")),
			want:   []string{"spec.containers[0].resources FieldValueForbidden"}},
		{name: "validatePodResources: pod-level requests at least the containers'",
			mutate: func(p *Pod) {
				p.Spec.Resources = &container.Resources{Requests: vtList("cpu", "100m")}
				p.Spec.Containers[0].Resources = container.Resources{Requests: vtList("cpu", "200m")}
			},
			want:   []string{"spec.resources.requests[cpu] FieldValueInvalid"},
			detail: "must be greater than or equal to aggregate container requests of 200m"},
		{name: "validatePodResourceName: cpu, memory, hugepages only",
			mutate: func(p *Pod) { p.Spec.Resources = &container.Resources{Limits: vtList("ephemeral-storage", "1Gi")} },
			want:   []string{"spec.resources.limits[ephemeral-storage] FieldValueNotSupported"}},
	})
}

// pkg/apis/core/validation/validation.go ValidatePodSpec: hostname,
// subdomain, serviceAccountName, os.
func TestValidatePodIdentity(t *testing.T) {
	vtRun(t, []vtCase{
		{name: "hostname and subdomain are DNS labels",
			mutate: func(p *Pod) { p.Spec.Hostname, p.Spec.Subdomain = "web-0", "a.b" },
			want:   []string{"spec.subdomain FieldValueInvalid"}},
		{name: "SetDefaults_PodSpec: serviceAccount is an alias of serviceAccountName",
			mutate: func(p *Pod) { p.Spec.DeprecatedServiceAccount = "Legacy" },
			want:   []string{"spec.serviceAccountName FieldValueInvalid"}},
		{name: "validateOS: linux or windows",
			mutate: func(p *Pod) { p.Spec.OS = &PodOS{Name: "plan9"} },
			want:   []string{"spec.os FieldValueNotSupported"}},
	})
}

// The whole-pod manifest of testdata is valid, as the v1.37.1 apiserver
// says (checked with the oracle), and nothing in it is left unchecked.
func TestValidateWholePodManifest(t *testing.T) {
	p := loadWholePod(t)
	if errs := ValidateCreate(&p, feature.Gates{}); errs != nil {
		t.Fatal(errs)
	}
	if got := strings.Join(Unchecked(&p, feature.Gates{}), " "); got != "" {
		t.Fatalf("unchecked: %s", got)
	}
}

func loadWholePod(t testing.TB) Pod {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "wholepod-pod.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p Pod
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// BenchmarkValidateWholePod validates the whole-pod manifest: nine volumes
// of seven kinds, eight mounts, ports, env, envFrom and resources.
func BenchmarkValidateWholePod(b *testing.B) {
	p := loadWholePod(b)
	b.ReportAllocs()
	for b.Loop() {
		ValidateCreate(&p, feature.Gates{})
	}
}

// BenchmarkCreateQOS computes the class the apiserver stores, defaults
// included.
func BenchmarkCreateQOS(b *testing.B) {
	p := loadWholePod(b)
	b.ReportAllocs()
	for b.Loop() {
		CreateQOS(&p)
	}
}

// BenchmarkComputeQOS computes the class of the pod as written (what the
// kubelet does for a pod without status.qosClass).
func BenchmarkComputeQOS(b *testing.B) {
	p := loadWholePod(b)
	b.ReportAllocs()
	for b.Loop() {
		ComputeQOS(&p)
	}
}

// FuzzValidateWholePod decodes arbitrary JSON into a Pod and runs the
// whole-pod paths — create validation, the unchecked list, the QoS classes
// and the effective requests — which must never panic nor change the pod.
func FuzzValidateWholePod(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "wholepod-pod.json")); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"spec":{"volumes":[{"name":"a","emptyDir":{"sizeLimit":"-1"},"hostPath":{"path":"../x","type":"x"}},{"name":"a"}],"containers":[{"name":"c","ports":[{"containerPort":1,"hostPort":1},{"containerPort":1,"hostPort":1}],"volumeMounts":[{"name":"a","mountPath":"","subPath":"/..","mountPropagation":"x","recursiveReadOnly":"Enabled"}]}]}}`))
	f.Add([]byte(`{"spec":{"resources":{"requests":{"cpu":"1","hugepages-x":"1"},"limits":{"memory":"1Gi"}},"initContainers":[{"name":"s","restartPolicy":"Always","resources":{"limits":{"cpu":"2","hugepages-2Mi":"3Mi"}}}],"containers":[{"name":"c","env":[{"name":"=","valueFrom":{"fieldRef":{"apiVersion":"v2","fieldPath":"metadata.labels['a']"},"resourceFieldRef":{"resource":"limits.cpu","divisor":"3"}}}],"envFrom":[{}]}]}}`))
	f.Add([]byte(`{"spec":{"containers":[{"name":"c","resources":{"limits":{"hugepages-1E":"1E","example.com/x":"9E","hugepages-1m":"1"},"requests":{"hugepages-0.5":"-1"}},"env":[{"name":"a","valueFrom":{"resourceFieldRef":{"resource":"requests.hugepages-1E","divisor":"1E"}}}]}]}}`))
	f.Add([]byte(`{"spec":{"overhead":{"cpu":"-0.0001","hugepages-2Mi":"2.0000001Mi","pods":"1","x":"1"},"resources":{"limits":{"memory":"1Gi"}},"containers":[{"name":"c","resources":{"requests":{"memory":"1"}}}]}}`))
	if b, err := os.ReadFile(filepath.Join("..", "testdata", "conformance", "validation-fields-generated.json")); err == nil {
		var vf vcFile
		if json.Unmarshal(b, &vf) == nil {
			for i, c := range vf.Cases {
				if i%25 == 0 {
					f.Add([]byte(c.Pod))
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p Pod
		if err := json.Unmarshal(data, &p); err != nil {
			return
		}
		node := DownwardNode{HostIPs: []string{"10.0.0.1"}, Allocatable: resource.MustParseList("cpu=1E")}
		for _, c := range p.Spec.Containers {
			for _, e := range c.Env {
				if e.ValueFrom != nil && e.ValueFrom.FieldRef != nil {
					_, _ = FieldRefValue(&p, *e.ValueFrom.FieldRef, node)
				}
				if e.ValueFrom != nil && e.ValueFrom.ResourceFieldRef != nil {
					_, _ = ResourceFieldRefValue(&p, c.Name, *e.ValueFrom.ResourceFieldRef, node)
				}
			}
		}
		for _, v := range p.Spec.Volumes {
			if v.DownwardAPI != nil {
				for _, f := range v.DownwardAPI.Items {
					if f.ResourceFieldRef != nil {
						_, _ = ResourceFieldRefFileValue(&p, *f.ResourceFieldRef, node)
					}
				}
			}
		}
		before, err := json.Marshal(p)
		if err != nil {
			return
		}
		for _, e := range ValidateCreate(&p, feature.Gates{}) {
			if e.Field == "" || e.Type == "" || e.Error() == "" {
				t.Fatalf("bad error %#v", e)
			}
		}
		_ = Unchecked(&p, feature.Gates{})
		_, _ = UnmodelledFields(data)
		_ = ComputeQOS(&p)
		_ = CreateQOS(&p)
		_ = EffectiveRequests(&p)
		_ = NonZeroRequests(&p)
		after, _ := json.Marshal(p)
		if string(before) != string(after) {
			t.Fatal("the whole-pod paths changed the pod")
		}
		checkVirtual(t, "fuzz", &p)
	})
}

// ComputeQOS is on the kubelet's hot path (every pod it admits or evicts)
// and allocates nothing.
func TestComputeQOSAllocs(t *testing.T) {
	p := loadWholePod(t)
	if n := testing.AllocsPerRun(100, func() { ComputeQOS(&p) }); n != 0 {
		t.Fatalf("ComputeQOS allocates %v times", n)
	}
}

// What kubectl writes but podlife does not model is listed, so that a
// valid result is not mistaken for "the apiserver accepts it".
func TestUnmodelledFields(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "wholepod-pod.json"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := UnmodelledFields(b)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"metadata.resourceVersion",
		"spec.dnsPolicy", "spec.enableServiceLinks", "spec.schedulerName", "spec.securityContext",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
	if _, err := UnmodelledFields([]byte("{")); err == nil {
		t.Fatal("bad JSON must be an error")
	}
}

// validatePodResourceClaims, validatePodResourceClaim. The answers are the
// oracle's (real v1.37.1 code).
func TestValidateResourceClaims(t *testing.T) {
	str := func(s string) *string { return &s }
	claims := func(cs ...PodResourceClaim) func(p *Pod) {
		return func(p *Pod) { p.Spec.ResourceClaims = cs }
	}
	vtRun(t, []vtCase{
		{name: "a template's claim and a claim by name", mutate: claims(
			PodResourceClaim{Name: "gpu", ResourceClaimTemplateName: str("gpu-template")},
			PodResourceClaim{Name: "shared", ResourceClaimName: str("shared-claim")})},
		{name: "validatePodResourceClaim: the name is required",
			mutate: claims(PodResourceClaim{ResourceClaimName: str("c")}),
			want:   []string{"spec.resourceClaims[0].name FieldValueRequired"}},
		{name: "validatePodResourceClaim: a DNS label, unique",
			mutate: claims(PodResourceClaim{Name: "Bad_Name", ResourceClaimName: str("c")}, PodResourceClaim{Name: "Bad_Name", ResourceClaimName: str("c")}),
			want:   []string{"spec.resourceClaims[0].name FieldValueInvalid", "spec.resourceClaims[1].name FieldValueDuplicate"}},
		{name: "validatePodResourceClaim: at most one source",
			mutate: claims(PodResourceClaim{Name: "gpu", ResourceClaimName: str("c"), ResourceClaimTemplateName: str("t")}),
			want:   []string{"spec.resourceClaims[0] FieldValueInvalid"},
			detail: "at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified"},
		{name: "validatePodResourceClaim: at least one source",
			mutate: claims(PodResourceClaim{Name: "gpu"}),
			want:   []string{"spec.resourceClaims[0] FieldValueInvalid"},
			detail: "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`"},
		{name: "ValidateResourceClaimName: a DNS subdomain, the empty name too",
			mutate: claims(PodResourceClaim{Name: "gpu", ResourceClaimName: str("")}, PodResourceClaim{Name: "tpu", ResourceClaimTemplateName: str("Bad_T")}),
			want:   []string{"spec.resourceClaims[0].resourceClaimName FieldValueInvalid", "spec.resourceClaims[1].resourceClaimTemplateName FieldValueInvalid"}},
		{name: "validatePodResourceClaim: a mirror pod may have none, one error on the whole object for each",
			mutate: func(p *Pod) {
				p.Metadata.Annotations = map[string]string{"kubernetes.io/config.mirror": "x"}
				p.Spec.NodeName = "node-1"
				claims(PodResourceClaim{Name: "Bad_Name"}, PodResourceClaim{Name: "gpu", ResourceClaimName: str("c")})(p)
			},
			want:   []string{"[] FieldValueForbidden", "[] FieldValueForbidden"},
			detail: "static pods do not support resource claims"},
		{name: "ValidatePodSpec order: claims after volumes, before containers",
			mutate: func(p *Pod) {
				p.Spec.Volumes = []Volume{{Name: "Bad_Vol", VolumeSource: VolumeSource{EmptyDir: &EmptyDirSource{}}}}
				p.Spec.Containers[0].Image = ""
				claims(PodResourceClaim{Name: "gpu"})(p)
			},
			want: []string{"spec.volumes[0].name FieldValueInvalid", "spec.resourceClaims[0] FieldValueInvalid", "spec.containers[0].image FieldValueRequired"}},
	})
}

// ValidatePodSpecificAnnotations, for the annotations podlife reads. The
// answers are the oracle's.
func TestValidatePodAnnotations(t *testing.T) {
	ann := func(k, v string) func(p *Pod) {
		return func(p *Pod) { p.Metadata.Annotations = map[string]string{k: v} }
	}
	vtRun(t, []vtCase{
		{name: "a mirror pod must name its node",
			mutate: ann("kubernetes.io/config.mirror", "x"),
			want:   []string{"metadata.annotations[kubernetes.io/config.mirror] FieldValueInvalid"},
			detail: "must set spec.nodeName if mirror pod annotation is set"},
		{name: "a mirror pod bound to a node",
			mutate: func(p *Pod) { ann("kubernetes.io/config.mirror", "x")(p); p.Spec.NodeName = "node-1" }},
		{name: "GetDeletionCostFromPodAnnotations: an int32",
			mutate: ann(PodDeletionCostAnnotation, "-5")},
		{name: "GetDeletionCostFromPodAnnotations: not a leading plus",
			mutate: ann(PodDeletionCostAnnotation, "+10"),
			want:   []string{"metadata.annotations[controller.kubernetes.io/pod-deletion-cost] FieldValueInvalid"},
			detail: "must be a 32bit integer"},
		{name: "GetDeletionCostFromPodAnnotations: not a leading zero",
			mutate: ann(PodDeletionCostAnnotation, "008"),
			want:   []string{"metadata.annotations[controller.kubernetes.io/pod-deletion-cost] FieldValueInvalid"}},
		{name: "GetDeletionCostFromPodAnnotations: not empty",
			mutate: ann(PodDeletionCostAnnotation, ""),
			want:   []string{"metadata.annotations[controller.kubernetes.io/pod-deletion-cost] FieldValueInvalid"}},
		{name: "GetDeletionCostFromPodAnnotations: within 32 bits",
			mutate: ann(PodDeletionCostAnnotation, "2147483648"),
			want:   []string{"metadata.annotations[controller.kubernetes.io/pod-deletion-cost] FieldValueInvalid"}},
		{name: "validateWindows: shareProcessNamespace set at all, even false",
			mutate: func(p *Pod) {
				no := false
				p.Spec.ShareProcessNamespace = &no
				p.Spec.OS = &PodOS{Name: Windows}
			},
			want:   []string{"spec.shareProcessNamespace FieldValueForbidden"},
			detail: "cannot be set for a windows pod"},
	})
}

// validateImageVolumeSource (gate ImageVolume, GA and locked), after
// SetDefaults_Volume; a mount of an invalid volume names none. The answers
// are the oracle's.
func TestValidateImageVolume(t *testing.T) {
	withImage := func(ref, policy string) func(p *Pod) {
		return func(p *Pod) {
			p.Spec.Volumes = []Volume{{Name: "tools", VolumeSource: VolumeSource{Image: &ImageVolumeSource{Reference: ref, PullPolicy: policy}}}}
			p.Spec.Containers[0].VolumeMounts = []container.VolumeMount{{Name: "tools", MountPath: "/tools"}}
		}
	}
	vtRun(t, []vtCase{
		{name: "a reference, the pull policy defaulted", mutate: withImage("busybox:1.36", "")},
		{name: "Never", mutate: withImage("busybox", "Never")},
		{name: "the reference is required",
			mutate: withImage("", ""),
			want:   []string{"spec.volumes[0].image.reference FieldValueRequired", "spec.containers[0].volumeMounts[0].name FieldValueNotFound"}},
		{name: "validatePullPolicy",
			mutate: withImage("", "Sometimes"),
			want:   []string{"spec.volumes[0].image.reference FieldValueRequired", "spec.volumes[0].image.pullPolicy FieldValueNotSupported", "spec.containers[0].volumeMounts[0].name FieldValueNotFound"}},
	})
	p := vtPod()
	withImage("busybox", "")(p)
	q := vtPod()
	withImage("busybox:1.36", "")(q)
	if got := p.Defaulted().Spec.Volumes[0].Image.PullPolicy; got != "Always" {
		t.Errorf("busybox's pull policy defaulted to %q, want Always", got)
	}
	if got := q.Defaulted().Spec.Volumes[0].Image.PullPolicy; got != "IfNotPresent" {
		t.Errorf("busybox:1.36's pull policy defaulted to %q, want IfNotPresent", got)
	}
	if p.Spec.Volumes[0].Image.PullPolicy != "" {
		t.Error("Defaulted changed its input")
	}
}

// ValidatePersistentVolumeClaimTemplate on an ephemeral volume's claim
// template: ValidateTemplateObjectMeta, then ValidatePersistentVolumeClaimSpec.
// The answers are the oracle's.
func TestValidateClaimTemplate(t *testing.T) {
	tmpl := func(doc string) func(p *Pod) {
		return func(p *Pod) {
			p.Spec.Volumes = []Volume{{Name: "scratch", VolumeSource: VolumeSource{Ephemeral: &EphemeralSource{VolumeClaimTemplate: json.RawMessage(doc)}}}}
		}
	}
	const at = "spec.volumes[0].ephemeral.volumeClaimTemplate."
	vtRun(t, []vtCase{
		{name: "an access mode and a storage request", mutate: tmpl(`{"spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}`)},
		{name: "ValidatePersistentVolumeClaimSpec: an access mode and the storage request are required",
			mutate: tmpl(`{"spec": {}}`),
			want:   []string{at + "spec.accessModes FieldValueRequired", at + "spec.resources[storage] FieldValueRequired"}},
		{name: "supported access modes, ReadWriteOncePod alone",
			mutate: tmpl(`{"spec": {"accessModes": ["ReadWriteOncePod", "ReadWriteOnce", "Sometimes"], "resources": {"requests": {"storage": "1Gi"}}}}`),
			want:   []string{at + "spec.accessModes FieldValueNotSupported", at + "spec.accessModes FieldValueForbidden"}},
		{name: "ValidatePositiveQuantityValue: storage above zero",
			mutate: tmpl(`{"spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "0"}}}}`),
			want:   []string{at + "spec.resources[storage] FieldValueInvalid"},
			detail: "must be greater than zero"},
		{name: "storageClassName and volumeMode",
			mutate: tmpl(`{"spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "storageClassName": "Bad_Class", "volumeMode": "Bad"}}`),
			want:   []string{at + "spec.storageClassName FieldValueInvalid", at + "spec.volumeMode FieldValueNotSupported"}},
		{name: "ValidateTemplateObjectMeta: labels and annotations only",
			mutate: tmpl(`{"metadata": {"name": "x", "uid": "u", "labels": {"Bad Key": "v"}}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}`),
			want:   []string{at + "metadata.labels FieldValueInvalid", at + "metadata.name FieldValueForbidden", at + "metadata.uID FieldValueForbidden"}},
	})
}
