package pod

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podlife/podlife/feature"

	"github.com/podlife/podlife/field"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/restart"
)

// vtPod returns a small valid pod: one regular container, no init
// containers, everything else defaulted.
func vtPod() *Pod {
	return &Pod{
		Metadata: Meta{Name: "web", Namespace: "default"},
		Spec: Spec{
			Containers: []container.Container{{Name: "app", Image: "nginx:1.27"}},
		},
	}
}

func vtI64(v int64) *int64 { return &v }

func vtExec() *probe.Probe {
	return &probe.Probe{Exec: &probe.ExecAction{Command: []string{"true"}}}
}

// vtPairs renders errors as "field type" strings, in order.
func vtPairs(l field.ErrorList) []string {
	out := []string{}
	for _, e := range l {
		out = append(out, e.Field+" "+string(e.Type))
	}
	return out
}

type vtCase struct {
	name   string
	mutate func(p *Pod)
	gates  feature.Gates
	want   []string // "field type", in upstream's order
	detail string   // when set: the detail of the first error
}

func vtRun(t *testing.T, cases []vtCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := vtPod()
			if tc.mutate != nil {
				tc.mutate(p)
			}
			got := ValidateCreate(p, tc.gates)
			want := tc.want
			if want == nil {
				want = []string{}
			}
			if diff := cmp.Diff(want, vtPairs(got)); diff != "" {
				t.Fatalf("errors (-want +got):\n%s\nall: %v", diff, got)
			}
			if tc.detail != "" && got[0].Detail != tc.detail {
				t.Fatalf("detail = %q, want %q", got[0].Detail, tc.detail)
			}
		})
	}
}

// staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
// ValidateObjectMetaAccessor, with ValidatePodName and ValidateNamespaceName.
func TestValidateObjectMeta(t *testing.T) {
	long := strings.Repeat("a", 254)
	vtRun(t, []vtCase{
		{name: "valid"},
		{name: "name or generateName is required",
			mutate: func(p *Pod) { p.Metadata.Name = "" },
			want:   []string{"metadata.name FieldValueRequired"}, detail: "name or generateName is required"},
		{name: "name must be a DNS subdomain (uppercase)",
			mutate: func(p *Pod) { p.Metadata.Name = "Web" },
			want:   []string{"metadata.name FieldValueInvalid"},
			detail: "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"},
		{name: "name may be dotted and 253 long",
			mutate: func(p *Pod) { p.Metadata.Name = "a.b." + strings.Repeat("c", 249) }},
		{name: "name longer than 253",
			mutate: func(p *Pod) { p.Metadata.Name = long },
			want:   []string{"metadata.name FieldValueInvalid"}, detail: "must be no more than 253 characters"},
		{name: "name with double dot",
			mutate: func(p *Pod) { p.Metadata.Name = "a..b" },
			want:   []string{"metadata.name FieldValueInvalid"}},
		{name: "generateName valid",
			mutate: func(p *Pod) { p.Metadata.Name, p.Metadata.GenerateName = "", "web-" }},
		{name: "bad generateName is reported on generateName and name",
			mutate: func(p *Pod) { p.Metadata.Name, p.Metadata.GenerateName = "", "web_job-" },
			want:   []string{"metadata.generateName FieldValueInvalid", "metadata.name FieldValueInvalid"}},
		{name: "long generateName is cut to 58 for the name",
			mutate: func(p *Pod) { p.Metadata.Name, p.Metadata.GenerateName = "", long },
			want:   []string{"metadata.generateName FieldValueInvalid"}, detail: "must be no more than 253 characters"},
		{name: "generateName is validated even when name is set",
			mutate: func(p *Pod) { p.Metadata.GenerateName = "-x-" },
			want:   []string{"metadata.generateName FieldValueInvalid"}},
		{name: "generateName mask drops the last two bytes (upstream quirk)",
			mutate: func(p *Pod) { p.Metadata.Name, p.Metadata.GenerateName = "", "webX-" },
			want:   []string{"metadata.name FieldValueInvalid"}},
		{name: "namespace required",
			mutate: func(p *Pod) { p.Metadata.Namespace = "" },
			want:   []string{"metadata.namespace FieldValueRequired"}},
		{name: "namespace must be a DNS label (dots)",
			mutate: func(p *Pod) { p.Metadata.Namespace = "team.a" },
			want:   []string{"metadata.namespace FieldValueInvalid"}, detail: "must not contain dots"},
		{name: "namespace too long and bad",
			mutate: func(p *Pod) { p.Metadata.Namespace = strings.Repeat("a", 63) + "_" },
			want:   []string{"metadata.namespace FieldValueInvalid", "metadata.namespace FieldValueInvalid"},
			detail: "must be no more than 63 characters"},
		{name: "labels: key and value formats",
			mutate: func(p *Pod) { p.Metadata.Labels = map[string]string{"app": "web", "bad key": "-x"} },
			want:   []string{"metadata.labels FieldValueInvalid", "metadata.labels FieldValueInvalid"}},
		{name: "annotations: keys are qualified names, case-insensitively",
			mutate: func(p *Pod) { p.Metadata.Annotations = map[string]string{"Example.COM/Key": "x", "a/b/c": "y"} },
			want:   []string{"metadata.annotations FieldValueInvalid"}},
		{name: "annotations: 256 KiB in total",
			mutate: func(p *Pod) { p.Metadata.Annotations = map[string]string{"k": strings.Repeat("v", 256*1024)} },
			want:   []string{"metadata.annotations FieldValueTooLong"}},
		{name: "ownerReferences: fields required, one controller",
			mutate: func(p *Pod) {
				yes := true
				p.Metadata.OwnerReferences = []OwnerReference{
					{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "rs", UID: "1", Controller: &yes},
					{APIVersion: "apps/", Kind: "", Name: "", UID: "", Controller: &yes},
				}
			},
			want: []string{
				"metadata.ownerReferences[1].apiVersion FieldValueInvalid",
				"metadata.ownerReferences[1].kind FieldValueRequired",
				"metadata.ownerReferences[1].name FieldValueRequired",
				"metadata.ownerReferences[1].uid FieldValueRequired",
				"metadata.ownerReferences FieldValueInvalid",
			}},
		{name: "ownerReferences: an empty apiVersion is required, and then no Event of v1",
			mutate: func(p *Pod) {
				p.Metadata.OwnerReferences = []OwnerReference{{APIVersion: "", Kind: "Event", Name: "e", UID: "1"}}
			},
			want:   []string{"metadata.ownerReferences[0].apiVersion FieldValueRequired"},
			detail: "must not be empty"},
		{name: "ownerReferences: ParseGroupVersion: one slash at most, a version after it",
			mutate: func(p *Pod) {
				p.Metadata.OwnerReferences = []OwnerReference{{APIVersion: "/", Kind: "X", Name: "e", UID: "1"}, {APIVersion: "a/b/c", Kind: "X", Name: "e", UID: "1"}}
			},
			want:   []string{"metadata.ownerReferences[0].apiVersion FieldValueInvalid", "metadata.ownerReferences[1].apiVersion FieldValueInvalid"},
			detail: "must be <group>/<version> or <version>"},
		{name: "ownerReferences: an Event cannot own (BannedOwners), /v1 being v1",
			mutate: func(p *Pod) {
				p.Metadata.OwnerReferences = []OwnerReference{{APIVersion: "v1", Kind: "Event", Name: "e", UID: "1"}, {APIVersion: "/v1", Kind: "Event", Name: "e", UID: "1"}}
			},
			want:   []string{"metadata.ownerReferences[0] FieldValueInvalid", "metadata.ownerReferences[1] FieldValueInvalid"},
			detail: "/v1, Kind=Event is disallowed from being an owner"},
	})
}

// pkg/apis/core/validation/validation.go ValidatePodSpec (pod-level fields)
// and ValidatePodCreate.
func TestValidatePodSpec(t *testing.T) {
	vtRun(t, []vtCase{
		{name: "at least one container",
			mutate: func(p *Pod) { p.Spec.Containers = nil },
			want:   []string{"spec.containers FieldValueRequired"}},
		{name: "validateRestartPolicy: empty is defaulted to Always",
			mutate: func(p *Pod) { p.Spec.RestartPolicy = "" }},
		{name: "validateRestartPolicy: unknown value",
			mutate: func(p *Pod) { p.Spec.RestartPolicy = "always" },
			want:   []string{"spec.restartPolicy FieldValueNotSupported"},
			detail: `supported values: "Always", "OnFailure", "Never"`},
		{name: "activeDeadlineSeconds 1 and 2^31-1 are fine",
			mutate: func(p *Pod) { p.Spec.ActiveDeadlineSeconds = vtI64(math.MaxInt32) }},
		{name: "activeDeadlineSeconds 0",
			mutate: func(p *Pod) { p.Spec.ActiveDeadlineSeconds = vtI64(0) },
			want:   []string{"spec.activeDeadlineSeconds FieldValueInvalid"},
			detail: "must be between 1 and 2147483647, inclusive"},
		{name: "activeDeadlineSeconds 2^31",
			mutate: func(p *Pod) { p.Spec.ActiveDeadlineSeconds = vtI64(math.MaxInt32 + 1) },
			want:   []string{"spec.activeDeadlineSeconds FieldValueInvalid"}},
		{name: "ValidateNodeName: DNS subdomain",
			mutate: func(p *Pod) { p.Spec.NodeName = "Node_1" },
			want:   []string{"spec.nodeName FieldValueInvalid"}},
		{name: "ValidateNodeName: too long and trailing dot",
			mutate: func(p *Pod) { p.Spec.NodeName = strings.Repeat("n", 253) + "." },
			want:   []string{"spec.nodeName FieldValueInvalid", "spec.nodeName FieldValueInvalid"}},
		{name: "validateReadinessGates: qualified names",
			mutate: func(p *Pod) {
				p.Spec.ReadinessGates = []ReadinessGate{{"example.com/ready"}, {"example.com/"}, {"a/b/c"}, {"/x"}}
			},
			want: []string{
				"spec.readinessGates[1].conditionType FieldValueInvalid", // name part must be non-empty
				"spec.readinessGates[1].conditionType FieldValueInvalid", // name part regex
				"spec.readinessGates[2].conditionType FieldValueInvalid",
				"spec.readinessGates[3].conditionType FieldValueInvalid",
			}},
		{name: "validateReadinessGates: name part 63 bytes",
			mutate: func(p *Pod) { p.Spec.ReadinessGates = []ReadinessGate{{ConditionType(strings.Repeat("x", 64))}} },
			want:   []string{"spec.readinessGates[0].conditionType FieldValueInvalid"},
			detail: "name part must be no more than 63 bytes"},
		{name: "validateSchedulingGates: qualified names and duplicates",
			mutate: func(p *Pod) {
				p.Spec.SchedulingGates = []SchedulingGate{{"example.com/quota"}, {"quota check"}, {"example.com/quota"}}
			},
			want: []string{"spec.schedulingGates[1] FieldValueInvalid", "spec.schedulingGates[2] FieldValueDuplicate"}},
		{name: "ValidatePodCreate: nodeName forbidden while gated",
			mutate: func(p *Pod) {
				p.Spec.NodeName = "node-1"
				p.Spec.SchedulingGates = []SchedulingGate{{"example.com/quota"}}
			},
			want:   []string{"spec.nodeName FieldValueForbidden"},
			detail: "cannot be set until all schedulingGates have been cleared"},
	})
}

// pkg/apis/core/validation/validation.go validateContainerCommon,
// validateContainers, validateInitContainers (names and images) and
// validateContainerOnlyForPod.
func TestValidateContainerNamesAndImages(t *testing.T) {
	vtRun(t, []vtCase{
		{name: "name required",
			mutate: func(p *Pod) { p.Spec.Containers[0].Name = "" },
			want:   []string{"spec.containers[0].name FieldValueRequired"}},
		{name: "name is a DNS label (dots)",
			mutate: func(p *Pod) { p.Spec.Containers[0].Name = "app.v1" },
			want:   []string{"spec.containers[0].name FieldValueInvalid"}, detail: "must not contain dots"},
		{name: "name 63 long, digits first",
			mutate: func(p *Pod) { p.Spec.Containers[0].Name = "1" + strings.Repeat("a", 62) }},
		{name: "name too long",
			mutate: func(p *Pod) { p.Spec.Containers[0].Name = strings.Repeat("a", 64) },
			want:   []string{"spec.containers[0].name FieldValueInvalid"}, detail: "must be no more than 63 characters"},
		{name: "duplicate regular names, even empty",
			mutate: func(p *Pod) {
				p.Spec.Containers = []container.Container{{Name: "", Image: "x"}, {Name: "", Image: "x"}, {Name: "app", Image: "x"}, {Name: "app", Image: "x"}}
			},
			want: []string{
				"spec.containers[0].name FieldValueRequired",
				"spec.containers[1].name FieldValueRequired",
				"spec.containers[1].name FieldValueDuplicate",
				"spec.containers[3].name FieldValueDuplicate",
			}},
		{name: "init name clashing with a regular one is reported on the init container",
			mutate: func(p *Pod) {
				p.Spec.InitContainers = []container.Container{{Name: "app", Image: "x"}, {Name: "init", Image: "x"}, {Name: "init", Image: "x"}}
			},
			want: []string{"spec.initContainers[0].name FieldValueDuplicate", "spec.initContainers[2].name FieldValueDuplicate"}},
		{name: "image required",
			mutate: func(p *Pod) {
				p.Spec.Containers[0].Image = ""
				p.Spec.InitContainers = []container.Container{{Name: "init"}}
			},
			want: []string{"spec.containers[0].image FieldValueRequired", "spec.initContainers[0].image FieldValueRequired"}},
		{name: "image whitespace is checked after the spec (validateContainerOnlyForPod)",
			mutate: func(p *Pod) {
				p.Spec.Containers[0].Image = " nginx"
				p.Spec.InitContainers = []container.Container{{Name: "init", Image: "busybox\t"}}
				p.Spec.RestartPolicy = "Sometimes"
			},
			want: []string{
				"spec.restartPolicy FieldValueNotSupported",
				"spec.containers[0].image FieldValueInvalid",
				"spec.initContainers[0].image FieldValueInvalid",
			}, detail: `supported values: "Always", "OnFailure", "Never"`},
	})
}

// pkg/apis/core/validation/validation.go validateInitContainers (lifecycle
// and probes only on sidecars) and validateInitContainerRestartPolicy.
func TestValidateInitContainers(t *testing.T) {
	vtRun(t, []vtCase{
		{name: "non-sidecar init container: lifecycle and probes forbidden",
			mutate: func(p *Pod) {
				p.Spec.InitContainers = []container.Container{{
					Name: "init", Image: "x",
					Lifecycle:      &container.Lifecycle{PreStop: &container.Handler{}},
					LivenessProbe:  &probe.Probe{},
					ReadinessProbe: vtExec(),
					StartupProbe:   vtExec(),
				}}
			},
			want: []string{
				"spec.initContainers[0].lifecycle FieldValueForbidden",
				"spec.initContainers[0].livenessProbe FieldValueForbidden",
				"spec.initContainers[0].readinessProbe FieldValueForbidden",
				"spec.initContainers[0].startupProbe FieldValueForbidden",
			}, detail: "may not be set for init containers without restartPolicy=Always"},
		{name: "init container with restartPolicy Never is not a sidecar",
			mutate: func(p *Pod) {
				p.Spec.InitContainers = []container.Container{{Name: "init", Image: "x", RestartPolicy: restart.Never.Ptr(), LivenessProbe: vtExec()}}
			},
			want: []string{"spec.initContainers[0].livenessProbe FieldValueForbidden"}},
		{name: "sidecar: probes and lifecycle are validated",
			mutate: func(p *Pod) {
				p.Spec.InitContainers = []container.Container{{
					Name: "proxy", Image: "x", RestartPolicy: restart.Always.Ptr(),
					Lifecycle:      &container.Lifecycle{PostStart: &container.Handler{}},
					ReadinessProbe: &probe.Probe{},
					StartupProbe:   &probe.Probe{Exec: &probe.ExecAction{Command: []string{"x"}}, SuccessThreshold: 2},
				}}
			},
			want: []string{
				"spec.initContainers[0].lifecycle.postStart FieldValueRequired",
				"spec.initContainers[0].readinessProbe FieldValueRequired",
				"spec.initContainers[0].startupProbe.successThreshold FieldValueInvalid",
			}},
		{name: "validateInitContainerRestartPolicy: unknown value (gate on)",
			mutate: func(p *Pod) {
				p.Spec.InitContainers = []container.Container{{Name: "init", Image: "x", RestartPolicy: restart.Policy("always").Ptr(), ReadinessProbe: vtExec()}}
			},
			want: []string{
				"spec.initContainers[0].restartPolicy FieldValueNotSupported",
				"spec.initContainers[0].readinessProbe FieldValueForbidden",
			}, detail: `supported values: "Always", "Never", "OnFailure"`},
		{name: "validateInitContainerRestartPolicy: rules need a policy",
			mutate: func(p *Pod) {
				p.Spec.InitContainers = []container.Container{{Name: "init", Image: "x",
					RestartPolicyRules: []restart.Rule{{Action: "Ignore"}}}}
			},
			want:   []string{"spec.initContainers[0].restartPolicy FieldValueRequired"},
			detail: "must specify restartPolicy when restart rules are used"},
		{name: "sidecar rules are validated (RestartAllContainersOnContainerExits on)",
			mutate: func(p *Pod) {
				p.Spec.InitContainers = []container.Container{{Name: "proxy", Image: "x", RestartPolicy: restart.Always.Ptr(),
					RestartPolicyRules: []restart.Rule{
						{Action: restart.ActionRestartAllContainers, ExitCodes: &restart.ExitCodes{Operator: restart.In, Values: []int32{1}}},
						{Action: "Kill"},
					}}}
			},
			want: []string{
				"spec.initContainers[0].restartPolicyRules[1].action FieldValueNotSupported",
				"spec.initContainers[0].restartPolicyRules[1].exitCodes FieldValueRequired",
			}},
	})
}

// pkg/apis/core/validation/validation.go validateContainerRestartPolicy.
func TestValidateContainerRestartPolicy(t *testing.T) {
	rule := func(a restart.Action, op restart.Operator, n int) restart.Rule {
		return restart.Rule{Action: a, ExitCodes: &restart.ExitCodes{Operator: op, Values: make([]int32, n)}}
	}
	many := make([]restart.Rule, 21)
	for i := range many {
		many[i] = rule(restart.ActionRestart, restart.In, 1)
	}
	vtRun(t, []vtCase{
		{name: "every policy is allowed on a regular container",
			mutate: func(p *Pod) {
				p.Spec.Containers = []container.Container{
					{Name: "a", Image: "x", RestartPolicy: restart.Always.Ptr()},
					{Name: "b", Image: "x", RestartPolicy: restart.OnFailure.Ptr()},
					{Name: "c", Image: "x", RestartPolicy: restart.Never.Ptr(),
						RestartPolicyRules: []restart.Rule{rule(restart.ActionRestart, restart.NotIn, 255), rule(restart.ActionRestartAllContainers, restart.In, 0)}},
				}
			}},
		{name: "unknown policy",
			mutate: func(p *Pod) { p.Spec.Containers[0].RestartPolicy = restart.Policy("Sometimes").Ptr() },
			want:   []string{"spec.containers[0].restartPolicy FieldValueNotSupported"},
			detail: `supported values: "Always", "Never", "OnFailure"`},
		{name: "rules without a policy",
			mutate: func(p *Pod) {
				p.Spec.Containers[0].RestartPolicyRules = []restart.Rule{rule(restart.ActionRestart, restart.In, 1)}
			},
			want: []string{"spec.containers[0].restartPolicy FieldValueRequired"}},
		{name: "at most 20 rules",
			mutate: func(p *Pod) {
				p.Spec.Containers[0].RestartPolicy = restart.Never.Ptr()
				p.Spec.Containers[0].RestartPolicyRules = many
			},
			want: []string{"spec.containers[0].restartPolicyRules FieldValueTooMany"}, detail: "must have at most 20 items"},
		{name: "rule fields",
			mutate: func(p *Pod) {
				p.Spec.Containers[0].RestartPolicy = restart.OnFailure.Ptr()
				p.Spec.Containers[0].RestartPolicyRules = []restart.Rule{
					{Action: ""},
					rule("restart", "in", 256),
				}
			},
			want: []string{
				"spec.containers[0].restartPolicyRules[0].action FieldValueNotSupported",
				"spec.containers[0].restartPolicyRules[0].exitCodes FieldValueRequired",
				"spec.containers[0].restartPolicyRules[1].action FieldValueNotSupported",
				"spec.containers[0].restartPolicyRules[1].exitCodes.operator FieldValueNotSupported",
				"spec.containers[0].restartPolicyRules[1].exitCodes.values FieldValueTooMany",
			}, detail: `supported values: "Restart", "RestartAllContainers"`},
	})
}

// The two gates: pkg/api/pod/util.go dropDisabledPodFields /
// dropContainerRestartRules (ContainerRestartRules off) and the
// AllowRestartAllContainers option of
// pkg/apis/core/validation/validation.go (RestartAllContainersOnContainerExits
// off).
func TestValidateCreateFeatureGates(t *testing.T) {
	noRules := feature.Gates{}.With(feature.ContainerRestartRules, false)
	noRestartAll := feature.Gates{}.With(feature.RestartAllContainersOnContainerExits, false)
	withRules := func(p *Pod) {
		p.Spec.Containers[0].RestartPolicy = restart.Policy("Sometimes").Ptr()
		p.Spec.Containers[0].RestartPolicyRules = []restart.Rule{{Action: restart.ActionRestartAllContainers}}
		p.Spec.InitContainers = []container.Container{
			{Name: "init", Image: "x", RestartPolicy: restart.Policy("Bogus").Ptr(), LivenessProbe: vtExec()},
			{Name: "proxy", Image: "x", RestartPolicy: restart.Always.Ptr(),
				RestartPolicyRules: []restart.Rule{{Action: restart.ActionRestart, ExitCodes: &restart.ExitCodes{Operator: restart.In}}}},
		}
	}
	vtRun(t, []vtCase{
		{name: "ContainerRestartRules off: restart fields are dropped, sidecars stay",
			mutate: withRules, gates: noRules,
			want: []string{"spec.initContainers[0].livenessProbe FieldValueForbidden"}},
		{name: "ContainerRestartRules on (default)",
			mutate: withRules,
			want: []string{
				"spec.containers[0].restartPolicy FieldValueNotSupported",
				"spec.containers[0].restartPolicyRules[0].exitCodes FieldValueRequired",
				"spec.initContainers[0].restartPolicy FieldValueNotSupported",
				"spec.initContainers[0].livenessProbe FieldValueForbidden",
			}},
		{name: "RestartAllContainersOnContainerExits off: action unsupported, sidecar rules forbidden",
			mutate: withRules, gates: noRestartAll,
			want: []string{
				"spec.containers[0].restartPolicy FieldValueNotSupported",
				"spec.containers[0].restartPolicyRules[0].action FieldValueNotSupported",
				"spec.containers[0].restartPolicyRules[0].exitCodes FieldValueRequired",
				"spec.initContainers[0].restartPolicy FieldValueNotSupported",
				"spec.initContainers[0].livenessProbe FieldValueForbidden",
				"spec.initContainers[1].restartPolicyRules FieldValueForbidden",
			}},
	})
	p := vtPod()
	p.Spec.Containers[0].RestartPolicy = restart.Never.Ptr()
	p.Spec.Containers[0].RestartPolicyRules = []restart.Rule{{Action: restart.ActionRestartAllContainers, ExitCodes: &restart.ExitCodes{Operator: restart.In}}}
	got := ValidateCreate(p, noRestartAll)
	if len(got) != 1 || got[0].Detail != `supported values: "Restart"` {
		t.Fatalf("gate off: %v", got)
	}
	if *p.Spec.Containers[0].RestartPolicy != restart.Never {
		t.Fatal("dropping fields changed the caller's pod")
	}
	if got := ValidateCreate(vtPodWithInitRules(), noRules); got != nil {
		t.Fatalf("gate off must drop init rules: %v", got)
	}
}

func vtPodWithInitRules() *Pod {
	p := vtPod()
	p.Spec.InitContainers = []container.Container{{Name: "init", Image: "x", RestartPolicyRules: []restart.Rule{{}}}}
	return p
}

// pkg/apis/core/validation/validation.go validateProbe,
// validateLivenessProbe, validateReadinessProbe, validateStartupProbe,
// validateHandler, validateHTTPGetAction, ValidatePortNumOrName (with
// staging/src/k8s.io/apimachinery/pkg/util/validation IsValidPortName).
func TestValidateProbe(t *testing.T) {
	set := func(f func(pr *probe.Probe)) func(p *Pod) {
		return func(p *Pod) {
			pr := vtExec()
			f(pr)
			p.Spec.Containers[0].LivenessProbe = pr
		}
	}
	const lp = "spec.containers[0].livenessProbe"
	vtRun(t, []vtCase{
		{name: "zero timings are defaulted", mutate: set(func(pr *probe.Probe) {})},
		{name: "handler required",
			mutate: set(func(pr *probe.Probe) { pr.Exec = nil }),
			want:   []string{lp + " FieldValueRequired"}, detail: "must specify a handler type"},
		{name: "more than one handler: later ones forbidden",
			mutate: set(func(pr *probe.Probe) {
				pr.TCPSocket = &probe.TCPSocketAction{Port: probe.PortNumber(80)}
				pr.GRPC = &probe.GRPCAction{Port: 9090}
			}),
			want:   []string{lp + ".tcpSocket FieldValueForbidden", lp + ".grpc FieldValueForbidden"},
			detail: "may not specify more than 1 handler type"},
		{name: "exec command required",
			mutate: set(func(pr *probe.Probe) { pr.Exec.Command = nil }),
			want:   []string{lp + ".exec.command FieldValueRequired"}},
		{name: "httpGet: defaulted path and scheme, named port",
			mutate: set(func(pr *probe.Probe) { pr.Exec, pr.HTTPGet = nil, &probe.HTTPGetAction{Port: probe.PortName("http")} })},
		{name: "httpGet: scheme",
			mutate: set(func(pr *probe.Probe) {
				pr.Exec, pr.HTTPGet = nil, &probe.HTTPGetAction{Port: probe.PortNumber(80), Scheme: "https"}
			}),
			want: []string{lp + ".httpGet.scheme FieldValueNotSupported"}, detail: `supported values: "HTTP", "HTTPS"`},
		{name: "httpGet: port number range",
			mutate: set(func(pr *probe.Probe) { pr.Exec, pr.HTTPGet = nil, &probe.HTTPGetAction{Port: probe.PortNumber(65536)} }),
			want:   []string{lp + ".httpGet.port FieldValueInvalid"}, detail: "must be between 1 and 65535, inclusive"},
		{name: "httpGet: header names",
			mutate: set(func(pr *probe.Probe) {
				pr.Exec, pr.HTTPGet = nil, &probe.HTTPGetAction{Port: probe.PortNumber(80),
					HTTPHeaders: []probe.HTTPHeader{{Name: "X-Ok"}, {Name: "Bad Header"}}}
			}),
			want: []string{lp + ".httpGet.httpHeaders FieldValueInvalid"}},
		{name: "tcpSocket: port name rules",
			mutate: set(func(pr *probe.Probe) {
				pr.Exec, pr.TCPSocket = nil, &probe.TCPSocketAction{Port: probe.PortName("-web--server-http-")}
			}),
			want: []string{
				lp + ".tcpSocket.port FieldValueInvalid", // too long
				lp + ".tcpSocket.port FieldValueInvalid", // consecutive hyphens
				lp + ".tcpSocket.port FieldValueInvalid", // begins/ends with hyphen
			}, detail: "must be no more than 15 characters"},
		{name: "tcpSocket: a numeric string is a name",
			mutate: set(func(pr *probe.Probe) {
				pr.Exec, pr.TCPSocket = nil, &probe.TCPSocketAction{Port: probe.PortName("8080")}
			}),
			want: []string{lp + ".tcpSocket.port FieldValueInvalid"}, detail: "must contain at least one letter (a-z)"},
		{name: "tcpSocket: characters",
			mutate: set(func(pr *probe.Probe) {
				pr.Exec, pr.TCPSocket = nil, &probe.TCPSocketAction{Port: probe.PortName("HTTP")}
			}),
			want:   []string{lp + ".tcpSocket.port FieldValueInvalid", lp + ".tcpSocket.port FieldValueInvalid"},
			detail: "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"},
		{name: "grpc: port number",
			mutate: set(func(pr *probe.Probe) { pr.Exec, pr.GRPC = nil, &probe.GRPCAction{} }),
			want:   []string{lp + ".grpc.port FieldValueInvalid"}},
		{name: "negative timings",
			mutate: set(func(pr *probe.Probe) {
				pr.InitialDelaySeconds, pr.TimeoutSeconds, pr.PeriodSeconds, pr.FailureThreshold = -1, -1, -1, -1
			}),
			want: []string{
				lp + ".initialDelaySeconds FieldValueInvalid",
				lp + ".timeoutSeconds FieldValueInvalid",
				lp + ".periodSeconds FieldValueInvalid",
				lp + ".failureThreshold FieldValueInvalid",
			}, detail: "must be greater than or equal to 0"},
		{name: "liveness successThreshold must be 1 (and non-negative)",
			mutate: set(func(pr *probe.Probe) { pr.SuccessThreshold = -1 }),
			want:   []string{lp + ".successThreshold FieldValueInvalid", lp + ".successThreshold FieldValueInvalid"}},
		{name: "probe terminationGracePeriodSeconds must be positive",
			mutate: set(func(pr *probe.Probe) { pr.TerminationGracePeriodSeconds = vtI64(0) }),
			want:   []string{lp + ".terminationGracePeriodSeconds FieldValueInvalid"}, detail: "must be greater than 0"},
		{name: "readiness: successThreshold may exceed 1, grace forbidden",
			mutate: func(p *Pod) {
				pr := vtExec()
				pr.SuccessThreshold = 3
				pr.TerminationGracePeriodSeconds = vtI64(-5)
				p.Spec.Containers[0].ReadinessProbe = pr
			},
			want: []string{
				"spec.containers[0].readinessProbe.terminationGracePeriodSeconds FieldValueInvalid",
				"spec.containers[0].readinessProbe.terminationGracePeriodSeconds FieldValueInvalid",
			}, detail: "must be greater than 0"},
		{name: "startup successThreshold must be 1",
			mutate: func(p *Pod) {
				pr := vtExec()
				pr.SuccessThreshold = 2
				p.Spec.Containers[0].StartupProbe = pr
			},
			want: []string{"spec.containers[0].startupProbe.successThreshold FieldValueInvalid"}, detail: "must be 1"},
	})
}

// pkg/apis/core/validation/validation.go validateLifecycle, validateHandler
// and validateSleepAction.
func TestValidateLifecycle(t *testing.T) {
	hook := func(grace *int64, h container.Handler) func(p *Pod) {
		return func(p *Pod) {
			p.Spec.TerminationGracePeriodSeconds = grace
			p.Spec.Containers[0].Lifecycle = &container.Lifecycle{PreStop: &h}
		}
	}
	const hp = "spec.containers[0].lifecycle.preStop"
	sleep := func(s int64) *container.SleepAction { return &container.SleepAction{Seconds: s} }
	vtRun(t, []vtCase{
		{name: "tcpSocket hooks are accepted",
			mutate: hook(nil, container.Handler{TCPSocket: &probe.TCPSocketAction{Port: probe.PortNumber(80)}})},
		{name: "httpGet hook path and scheme are defaulted",
			mutate: hook(nil, container.Handler{HTTPGet: &probe.HTTPGetAction{Port: probe.PortName("http")}})},
		{name: "handler required",
			mutate: hook(nil, container.Handler{}),
			want:   []string{hp + " FieldValueRequired"}},
		{name: "one handler only",
			mutate: hook(nil, container.Handler{Exec: &probe.ExecAction{}, Sleep: sleep(1)}),
			want:   []string{hp + ".exec.command FieldValueRequired", hp + ".sleep FieldValueForbidden"}},
		{name: "sleep 0 is allowed",
			mutate: hook(vtI64(0), container.Handler{Sleep: sleep(0)})},
		{name: "sleep up to the default grace period",
			mutate: hook(nil, container.Handler{Sleep: sleep(30)})},
		{name: "sleep longer than the default grace period",
			mutate: hook(nil, container.Handler{Sleep: sleep(31)}),
			want:   []string{hp + ".sleep FieldValueInvalid"},
			detail: "must be non-negative and less than terminationGracePeriodSeconds (30)"},
		{name: "negative sleep",
			mutate: hook(vtI64(60), container.Handler{Sleep: sleep(-1)}),
			want:   []string{hp + ".sleep FieldValueInvalid"},
			detail: "must be non-negative and less than terminationGracePeriodSeconds (60)"},
		{name: "negative grace is stored as 1",
			mutate: hook(vtI64(-30), container.Handler{Sleep: sleep(2)}),
			want:   []string{hp + ".sleep FieldValueInvalid"},
			detail: "must be non-negative and less than terminationGracePeriodSeconds (1)"},
		{name: "postStart before preStop",
			mutate: func(p *Pod) {
				p.Spec.Containers[0].Lifecycle = &container.Lifecycle{
					PostStart: &container.Handler{HTTPGet: &probe.HTTPGetAction{Port: probe.PortNumber(-1)}},
					PreStop:   &container.Handler{},
				}
			},
			want: []string{"spec.containers[0].lifecycle.postStart.httpGet.port FieldValueInvalid", hp + " FieldValueRequired"}},
	})
}

// pkg/apis/core/validation/validation.go validateEphemeralContainers and
// ValidatePodCreate: ephemeral containers
// cannot be set on create, and probes, lifecycle and the restart fields are
// never allowed on them.
func TestValidateEphemeralContainers(t *testing.T) {
	vtRun(t, []vtCase{
		{name: "cannot be set on create",
			mutate: func(p *Pod) {
				p.Spec.EphemeralContainers = []container.Container{{Name: "debug", Image: "busybox"}}
			},
			want: []string{"spec.ephemeralContainers FieldValueForbidden"}, detail: "cannot be set on create"},
		{name: "fields outside the allow-list, names unique across all lists",
			mutate: func(p *Pod) {
				p.Spec.EphemeralContainers = []container.Container{{
					Name: "app", Image: " busybox",
					RestartPolicy:      restart.Never.Ptr(),
					RestartPolicyRules: []restart.Rule{{}},
					LivenessProbe:      &probe.Probe{},
					ReadinessProbe:     &probe.Probe{},
					StartupProbe:       &probe.Probe{},
					Lifecycle:          &container.Lifecycle{},
				}}
			},
			want: []string{
				"spec.ephemeralContainers[0].image FieldValueInvalid",
				"spec.ephemeralContainers[0].name FieldValueDuplicate",
				"spec.ephemeralContainers[0].restartPolicy FieldValueForbidden",
				"spec.ephemeralContainers[0].restartPolicyRules FieldValueForbidden",
				"spec.ephemeralContainers[0].livenessProbe FieldValueForbidden",
				"spec.ephemeralContainers[0].readinessProbe FieldValueForbidden",
				"spec.ephemeralContainers[0].startupProbe FieldValueForbidden",
				"spec.ephemeralContainers[0].lifecycle FieldValueForbidden",
				"spec.ephemeralContainers FieldValueForbidden",
			}},
	})
}

// The messages follow staging/src/k8s.io/apimachinery/pkg/util/validation/field
// Error.Error.
func TestFieldErrorMessages(t *testing.T) {
	p := vtPod()
	p.Spec.Containers = append(p.Spec.Containers, container.Container{Name: "app", Image: "x", RestartPolicy: restart.Policy("always").Ptr()})
	p.Spec.RestartPolicy = "always"
	p.Spec.Containers[0].RestartPolicy = restart.Never.Ptr()
	p.Spec.Containers[0].RestartPolicyRules = make([]restart.Rule, 21)
	for i := range p.Spec.Containers[0].RestartPolicyRules {
		p.Spec.Containers[0].RestartPolicyRules[i] = restart.Rule{Action: restart.ActionRestart, ExitCodes: &restart.ExitCodes{Operator: restart.In}}
	}
	p.Metadata.Name = ""
	got := ValidateCreate(p, feature.Gates{})
	want := []string{
		`metadata.name: Required value: name or generateName is required`,
		`spec.containers[0].restartPolicyRules: Too many: 21: must have at most 20 items`,
		`spec.containers[1].name: Duplicate value: "app"`,
		`spec.containers[1].restartPolicy: Unsupported value: "always": supported values: "Always", "Never", "OnFailure"`,
		`spec.restartPolicy: Unsupported value: "always": supported values: "Always", "OnFailure", "Never"`,
	}
	var msgs []string
	for _, e := range got {
		msgs = append(msgs, e.Error())
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Fatalf("messages (-want +got):\n%s", diff)
	}
	if got.Error() != strings.Join(want, "; ") {
		t.Fatalf("field.ErrorList.Error() = %q", got.Error())
	}
	if got.Err() == nil || !got.Has("spec.containers[1].name", field.ErrorTypeDuplicate) || got.Has("spec.containers[0].name", field.ErrorTypeDuplicate) {
		t.Fatal("Err/Has")
	}
	if field.ErrorList(nil).Err() != nil {
		t.Fatal("empty list must give a nil error")
	}
}

func TestValidateCreateNilAndDefaultPods(t *testing.T) {
	got := ValidateCreate(nil, feature.Gates{})
	want := []string{"metadata.name FieldValueRequired", "metadata.namespace FieldValueRequired", "spec.containers FieldValueRequired"}
	if diff := cmp.Diff(want, vtPairs(got)); diff != "" {
		t.Fatalf("nil pod (-want +got):\n%s", diff)
	}
	if got := ValidateCreate(vtPod(), feature.Gates{}); got != nil {
		t.Fatalf("valid pod: %v", got)
	}
}

// vcFile is the part of a validation vector file these tests read.
type vcFile struct {
	Cases []struct {
		Name string          `json:"name"`
		Pod  json.RawMessage `json:"pod"`
	} `json:"cases"`
}

// TestValidateCreateDoesNotMutate validates every conformance pod and checks
// it is unchanged, byte for byte, in its JSON form.
func TestValidateCreateDoesNotMutate(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "conformance", "validation-generated.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f vcFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	gates := []feature.Gates{
		{},
		feature.Gates{}.With(feature.ContainerRestartRules, false),
		feature.Gates{}.With(feature.RestartAllContainersOnContainerExits, false),
	}
	for _, c := range f.Cases {
		var p Pod
		if err := json.Unmarshal(c.Pod, &p); err != nil {
			t.Fatal(err)
		}
		before, _ := json.Marshal(p)
		for _, g := range gates {
			first := ValidateCreate(&p, g)
			again := ValidateCreate(&p, g)
			if diff := cmp.Diff(vtPairs(first), vtPairs(again)); diff != "" {
				t.Fatalf("%s: not deterministic:\n%s", c.Name, diff)
			}
		}
		after, _ := json.Marshal(p)
		if string(before) != string(after) {
			t.Fatalf("%s: ValidateCreate changed the pod", c.Name)
		}
	}
}

// FuzzValidate decodes arbitrary JSON into a Pod and validates it with
// several gate sets: it must never panic, must not change the pod, and every
// error must name a field and a known type.
func FuzzValidate(f *testing.F) {
	f.Add([]byte(`{"metadata":{"name":"a","namespace":"b"},"spec":{"containers":[{"name":"c","image":"i"}]}}`))
	f.Add([]byte(`{"metadata":{"generateName":"-"},"spec":{"initContainers":[{"name":"","restartPolicy":"Always","livenessProbe":{"httpGet":{"port":"x--"},"grpc":{"port":0}},"lifecycle":{"preStop":{"sleep":{"seconds":-9}}}}],"terminationGracePeriodSeconds":-5}}`))
	f.Add([]byte(`{"metadata":{"name":"a","labels":{"a/b/c":"-"},"ownerReferences":[{"controller":true},{"controller":true}]},"spec":{"schedulingGates":[{"name":""},{"name":""}],"nodeName":"x","ephemeralContainers":[{"name":"e","lifecycle":{}}],"containers":[{"restartPolicyRules":[{"exitCodes":{"values":[1]}}]}]}}`))
	if b, err := os.ReadFile(filepath.Join("..", "testdata", "conformance", "validation-generated.json")); err == nil {
		var vf vcFile
		if json.Unmarshal(b, &vf) == nil {
			for i, c := range vf.Cases {
				if i%25 == 0 {
					f.Add([]byte(c.Pod))
				}
			}
		}
	}
	known := map[field.ErrorType]bool{field.ErrorTypeRequired: true, field.ErrorTypeInvalid: true, field.ErrorTypeDuplicate: true,
		field.ErrorTypeNotSupported: true, field.ErrorTypeForbidden: true, field.ErrorTypeTooMany: true, field.ErrorTypeTooLong: true,
		field.ErrorTypeNotFound: true}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p Pod
		if err := json.Unmarshal(data, &p); err != nil {
			return
		}
		before, err := json.Marshal(p)
		if err != nil {
			return
		}
		for _, g := range []feature.Gates{{},
			feature.Gates{}.With(feature.ContainerRestartRules, false),
			feature.Gates{}.With(feature.RestartAllContainersOnContainerExits, false)} {
			for _, e := range ValidateCreate(&p, g) {
				if e.Field == "" || !known[e.Type] || e.Error() == "" {
					t.Fatalf("bad error %#v", e)
				}
			}
		}
		after, _ := json.Marshal(p)
		if string(before) != string(after) {
			t.Fatal("ValidateCreate changed the pod")
		}
		// Reading the defaults virtually answers as the defaulted copy does.
		checkVirtual(t, "fuzz", &p)
	})
}

// BenchmarkValidate validates a realistic valid pod (benchLifecyclePod): a
// sidecar with a startup probe, an init container, and two regular
// containers with all three probes and a preStop hook.
func BenchmarkValidate(b *testing.B) {
	p := benchLifecyclePod()
	if errs := ValidateCreate(p, feature.Gates{}); errs != nil {
		b.Fatal(errs)
	}
	b.ReportAllocs()
	for b.Loop() {
		ValidateCreate(p, feature.Gates{})
	}
}

// pkg/apis/core/validation/validation.go validateContainerRestartPolicy:
// the field is a pointer, and an explicit "" is not one of the supported
// values, on regular and on init containers; an absent one is fine.
func TestExplicitEmptyContainerRestartPolicyIsNotSupported(t *testing.T) {
	for _, doc := range []string{
		`{"metadata":{"name":"a","namespace":"default"},"spec":{"containers":[{"name":"a","image":"x","restartPolicy":""}]}}`,
		`{"metadata":{"name":"a","namespace":"default"},"spec":{"initContainers":[{"name":"i","image":"x","restartPolicy":""}],"containers":[{"name":"a","image":"x"}]}}`,
	} {
		var p Pod
		if err := json.Unmarshal([]byte(doc), &p); err != nil {
			t.Fatal(err)
		}
		got := ValidateCreate(&p, feature.Gates{})
		if len(got) != 1 || got[0].Type != field.ErrorTypeNotSupported ||
			got[0].Detail != `supported values: "Always", "Never", "OnFailure"` {
			t.Errorf("%s: %v", doc, got)
		}
	}
	var absent Pod
	_ = json.Unmarshal([]byte(`{"metadata":{"name":"a","namespace":"default"},"spec":{"containers":[{"name":"a","image":"x"}]}}`), &absent)
	if got := ValidateCreate(&absent, feature.Gates{}); got != nil {
		t.Errorf("absent restartPolicy: %v", got)
	}
}
