package pod

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/resource"
	"github.com/podlife/podlife/restart"
)

// pkg/apis/core/v1/defaults.go SetDefaults_PodSpec, SetDefaults_Probe,
// SetDefaults_HTTPGetAction, and the negative grace period of
// pkg/apis/core/v1/conversion.go.
func TestDefaulted(t *testing.T) {
	in := Pod{
		Spec: Spec{
			InitContainers: []container.Container{{Name: "init",
				StartupProbe: &probe.Probe{TCPSocket: &probe.TCPSocketAction{Port: probe.PortNumber(1)}}}},
			Containers: []container.Container{{Name: "app",
				LivenessProbe:  &probe.Probe{HTTPGet: &probe.HTTPGetAction{Port: probe.PortName("http")}, PeriodSeconds: 7},
				ReadinessProbe: &probe.Probe{Exec: &probe.ExecAction{Command: []string{"x"}}, SuccessThreshold: -2},
				Lifecycle: &container.Lifecycle{
					PostStart: &container.Handler{HTTPGet: &probe.HTTPGetAction{Port: probe.PortNumber(80), Path: "/hook", Scheme: probe.SchemeHTTPS}},
					PreStop:   &container.Handler{HTTPGet: &probe.HTTPGetAction{Port: probe.PortNumber(80)}},
				}}},
			EphemeralContainers: []container.Container{{Name: "debug", ReadinessProbe: &probe.Probe{}}},
		},
	}
	d := in.Defaulted()

	if d.Spec.RestartPolicy != restart.Always {
		t.Errorf("restartPolicy = %q", d.Spec.RestartPolicy)
	}
	if g := d.Spec.TerminationGracePeriodSeconds; g == nil || *g != 30 {
		t.Errorf("terminationGracePeriodSeconds = %v", g)
	}
	lp := d.Spec.Containers[0].LivenessProbe
	want := probe.Probe{HTTPGet: &probe.HTTPGetAction{Port: probe.PortName("http"), Path: "/", Scheme: probe.SchemeHTTP},
		TimeoutSeconds: 1, PeriodSeconds: 7, SuccessThreshold: 1, FailureThreshold: 3}
	if diff := cmp.Diff(want, *lp, cmp.AllowUnexported(probe.Port{})); diff != "" {
		t.Errorf("liveness (-want +got):\n%s", diff)
	}
	if rp := d.Spec.Containers[0].ReadinessProbe; rp.SuccessThreshold != -2 || rp.FailureThreshold != 3 {
		t.Errorf("readiness: negatives are kept, zeros defaulted: %+v", rp)
	}
	if sp := d.Spec.InitContainers[0].StartupProbe; sp.PeriodSeconds != 10 || sp.TimeoutSeconds != 1 {
		t.Errorf("init startup probe not defaulted: %+v", sp)
	}
	if ep := d.Spec.EphemeralContainers[0].ReadinessProbe; ep.FailureThreshold != 3 {
		t.Errorf("ephemeral probe not defaulted: %+v", ep)
	}
	ps := d.Spec.Containers[0].Lifecycle.PostStart.HTTPGet
	if ps.Path != "/hook" || ps.Scheme != probe.SchemeHTTPS {
		t.Errorf("set path/scheme overwritten: %+v", ps)
	}
	pre := d.Spec.Containers[0].Lifecycle.PreStop.HTTPGet
	if pre.Path != "/" || pre.Scheme != probe.SchemeHTTP {
		t.Errorf("hook httpGet not defaulted: %+v", pre)
	}

	// The input is untouched.
	if in.Spec.RestartPolicy != "" || in.Spec.TerminationGracePeriodSeconds != nil ||
		in.Spec.Containers[0].LivenessProbe.TimeoutSeconds != 0 ||
		in.Spec.Containers[0].LivenessProbe.HTTPGet.Path != "" ||
		in.Spec.Containers[0].Lifecycle.PreStop.HTTPGet.Scheme != "" ||
		in.Spec.EphemeralContainers[0].ReadinessProbe.PeriodSeconds != 0 {
		t.Errorf("Defaulted changed its input: %+v", in.Spec)
	}
}

// SetDefaults_Container: an empty terminationMessagePath becomes
// /dev/termination-log and an empty terminationMessagePolicy File, in every
// list; set ones, even ones validation refuses, are kept.
func TestDefaultedTerminationMessage(t *testing.T) {
	in := Pod{Spec: Spec{
		InitContainers: []container.Container{{Name: "init", TerminationMessagePolicy: "Bogus"}},
		Containers: []container.Container{{Name: "app", TerminationMessagePath: "/tmp/done",
			TerminationMessagePolicy: container.TerminationMessageFallbackToLogsOnError}},
		EphemeralContainers: []container.Container{{Name: "debug"}},
	}}
	d := in.Defaulted()
	type tm struct {
		Path   string
		Policy container.TerminationMessagePolicy
	}
	var got []tm
	for _, l := range [][]container.Container{d.Spec.InitContainers, d.Spec.Containers, d.Spec.EphemeralContainers} {
		for _, c := range l {
			got = append(got, tm{c.TerminationMessagePath, c.TerminationMessagePolicy})
		}
	}
	want := []tm{{"/dev/termination-log", "Bogus"}, {"/tmp/done", "FallbackToLogsOnError"}, {"/dev/termination-log", "File"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if c := in.Spec.EphemeralContainers[0]; c.TerminationMessagePath != "" || c.TerminationMessagePolicy != "" {
		t.Errorf("Defaulted changed its input: %+v", c)
	}
}

func TestDefaultedGracePeriod(t *testing.T) {
	for _, tc := range []struct {
		in   *int64
		want int64
	}{{nil, 30}, {vtI64(0), 0}, {vtI64(45), 45}, {vtI64(-1), 1}, {vtI64(-30), 1}} {
		p := Pod{Spec: Spec{TerminationGracePeriodSeconds: tc.in, RestartPolicy: restart.Never}}
		d := p.Defaulted()
		if *d.Spec.TerminationGracePeriodSeconds != tc.want || d.Spec.RestartPolicy != restart.Never {
			t.Errorf("grace %v: got %d (%s)", tc.in, *d.Spec.TerminationGracePeriodSeconds, d.Spec.RestartPolicy)
		}
		if tc.in != nil && d.Spec.TerminationGracePeriodSeconds == tc.in {
			t.Errorf("grace %v: the result shares the input's pointer", *tc.in)
		}
	}
}

// pkg/apis/core/v1/defaults.go SetDefaults_PodStatus: podIP and podIPs are
// kept in step, podIP winning a mismatch.
func TestDefaultedPodIPs(t *testing.T) {
	ips := func(list ...string) []PodIP {
		var out []PodIP
		for _, ip := range list {
			out = append(out, PodIP{IP: ip})
		}
		return out
	}
	for _, tc := range []struct {
		name           string
		ip, wantIP     string
		ipsIn, wantIPs []PodIP
	}{
		{"neither stays neither", "", "", nil, nil},
		{"podIP alone fills the list", "10.0.0.1", "10.0.0.1", nil, ips("10.0.0.1")},
		{"the list alone fills podIP", "", "10.0.0.1", ips("10.0.0.1", "fd00::1"), ips("10.0.0.1", "fd00::1")},
		{"matching first entries stay, the second too", "10.0.0.1", "10.0.0.1", ips("10.0.0.1", "fd00::1"), ips("10.0.0.1", "fd00::1")},
		{"a mismatch is replaced by podIP", "10.0.0.2", "10.0.0.2", ips("10.0.0.1", "fd00::1"), ips("10.0.0.2")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Pod{Status: Status{PodIP: tc.ip, PodIPs: tc.ipsIn}}
			before := append([]PodIP(nil), tc.ipsIn...)
			d := p.Defaulted()
			if d.Status.PodIP != tc.wantIP || !cmp.Equal(d.Status.PodIPs, tc.wantIPs) {
				t.Errorf("got podIP %q, podIPs %v; want %q, %v", d.Status.PodIP, d.Status.PodIPs, tc.wantIP, tc.wantIPs)
			}
			if !cmp.Equal(p.Status.PodIPs, before) || p.Status.PodIP != tc.ip {
				t.Errorf("the input changed: %q %v", p.Status.PodIP, p.Status.PodIPs)
			}
		})
	}
}

// pkg/apis/core/v1/defaults.go SetDefaults_ResourceList: every limit and
// request, of every container and of the pod, is rounded up to a
// thousandth, after SetDefaults_Pod copied missing requests from limits;
// the class the apiserver stores is computed from the rounded values (the
// oracle, real v1.37.1 code, answers Guaranteed for the pod g, and
// Burstable for it undefaulted).
func TestDefaultedRoundsResources(t *testing.T) {
	q := resource.MustParse
	p := Pod{Spec: Spec{
		InitContainers: []container.Container{{Name: "init", Resources: container.Resources{Limits: resource.List{{Name: "cpu", Quantity: q("0.0001")}}}}},
		Containers: []container.Container{
			{Name: "app", Resources: container.Resources{Limits: resource.List{{Name: "cpu", Quantity: q("0.0002")}, {Name: "memory", Quantity: q("1Gi")}}, Requests: resource.List{{Name: "cpu", Quantity: q("0.0001")}, {Name: "memory", Quantity: q("1Gi")}}}},
			{Name: "plain", Resources: container.Resources{Limits: resource.List{{Name: "cpu", Quantity: q("250m")}, {Name: "memory", Quantity: q("1Gi")}}, Requests: resource.List{{Name: "cpu", Quantity: q("250m")}, {Name: "memory", Quantity: q("1Gi")}}}},
		},
		Resources: &container.Resources{Requests: resource.List{{Name: "memory", Quantity: q("1000.5m")}}},
	}}
	before, _ := json.Marshal(p)
	d := p.Defaulted()
	if after, _ := json.Marshal(p); string(after) != string(before) {
		t.Fatalf("the input changed:\n%s\n%s", before, after)
	}
	for _, c := range []struct {
		what string
		got  resource.Quantity
		want string
	}{
		{"init limit", d.Spec.InitContainers[0].Resources.Limits.Get("cpu"), "1m"},
		{"init request, from the limit, then rounded", d.Spec.InitContainers[0].Resources.Requests.Get("cpu"), "1m"},
		{"app limit", d.Spec.Containers[0].Resources.Limits.Get("cpu"), "1m"},
		{"app request", d.Spec.Containers[0].Resources.Requests.Get("cpu"), "1m"},
		{"app memory, whole", d.Spec.Containers[0].Resources.Limits.Get("memory"), "1Gi"},
		{"plain cpu", d.Spec.Containers[1].Resources.Requests.Get("cpu"), "250m"},
		{"pod-level request", d.Spec.Resources.Requests.Get("memory"), "1001m"},
	} {
		if c.got.String() != c.want {
			t.Errorf("%s: %s, want %s", c.what, c.got.String(), c.want)
		}
	}
	if r := EffectiveRequests(&p); r.Get("cpu").String() != "251m" {
		t.Errorf("effective cpu request %s, want 251m (1m for app and 250m for plain: 250.1m unrounded)", r.Get("cpu").String())
	}
	g := Pod{Spec: Spec{Containers: []container.Container{{Name: "app", Resources: container.Resources{
		Limits: resource.List{{Name: "cpu", Quantity: q("0.0002")}, {Name: "memory", Quantity: q("1Gi")}}, Requests: resource.List{{Name: "cpu", Quantity: q("0.0001")}, {Name: "memory", Quantity: q("1Gi")}}}}}}}
	if got, raw := CreateQOS(&g), ComputeQOS(&g); got != Guaranteed || raw != Burstable {
		t.Errorf("CreateQOS %s, ComputeQOS %s; want Guaranteed and Burstable", got, raw)
	}
	again, _ := json.Marshal(d.Defaulted())
	once, _ := json.Marshal(d)
	if string(again) != string(once) {
		t.Errorf("not idempotent:\n%s\n%s", once, again)
	}
}

// TestDefaultedProperties: for random pods, Defaulted never changes its
// input, is idempotent, and its result shares no probe or hook the caller
// could change through it.
func TestDefaultedProperties(t *testing.T) {
	genProbe := rapid.Custom(func(t *rapid.T) *probe.Probe {
		if rapid.Bool().Draw(t, "nil") {
			return nil
		}
		pr := &probe.Probe{
			TimeoutSeconds:   rapid.Int32Range(-2, 3).Draw(t, "timeout"),
			PeriodSeconds:    rapid.Int32Range(-2, 3).Draw(t, "period"),
			SuccessThreshold: rapid.Int32Range(-2, 3).Draw(t, "success"),
			FailureThreshold: rapid.Int32Range(-2, 3).Draw(t, "failure"),
		}
		if rapid.Bool().Draw(t, "http") {
			pr.HTTPGet = &probe.HTTPGetAction{Path: rapid.SampledFrom([]string{"", "/x"}).Draw(t, "path"),
				Scheme: rapid.SampledFrom([]probe.URIScheme{"", probe.SchemeHTTPS}).Draw(t, "scheme")}
		}
		return pr
	})
	genContainer := rapid.Custom(func(t *rapid.T) container.Container {
		c := container.Container{Name: "c", LivenessProbe: genProbe.Draw(t, "l"), ReadinessProbe: genProbe.Draw(t, "r"), StartupProbe: genProbe.Draw(t, "s")}
		genList := func(label string) resource.List {
			if rapid.Bool().Draw(t, label+"Nil") {
				return nil
			}
			l := resource.List{}
			for _, n := range rapid.SliceOfN(rapid.SampledFrom([]resource.Name{"cpu", "memory"}), 0, 2).Draw(t, label+"Names") {
				l = l.With(n, resource.MustParse(rapid.SampledFrom([]string{"250m", "1Gi", "0.0001", "-0.0001", "1.0000", "2.0000001Mi"}).Draw(t, label)))
			}
			return l
		}
		c.Resources.Limits, c.Resources.Requests = genList("limits"), genList("requests")
		if rapid.Bool().Draw(t, "lifecycle") {
			c.Lifecycle = &container.Lifecycle{PreStop: &container.Handler{HTTPGet: &probe.HTTPGetAction{}}}
		}
		return c
	})
	rapid.Check(t, func(t *rapid.T) {
		p := Pod{Spec: Spec{
			RestartPolicy:       rapid.SampledFrom([]restart.Policy{"", restart.Never, "bogus"}).Draw(t, "policy"),
			InitContainers:      rapid.SliceOfN(genContainer, 0, 2).Draw(t, "init"),
			Containers:          rapid.SliceOfN(genContainer, 0, 3).Draw(t, "regular"),
			EphemeralContainers: rapid.SliceOfN(genContainer, 0, 1).Draw(t, "ephemeral"),
		}}
		p.Status.PodIP = rapid.SampledFrom([]string{"", "10.0.0.1", "10.0.0.2"}).Draw(t, "podIP")
		for _, ip := range rapid.SliceOfN(rapid.SampledFrom([]string{"10.0.0.1", "fd00::1"}), 0, 2).Draw(t, "podIPs") {
			p.Status.PodIPs = append(p.Status.PodIPs, PodIP{IP: ip})
		}
		if rapid.Bool().Draw(t, "hasGrace") {
			p.Spec.TerminationGracePeriodSeconds = vtI64(rapid.Int64Range(-5, 60).Draw(t, "grace"))
		}
		before, _ := json.Marshal(p)
		d := p.Defaulted()
		if after, _ := json.Marshal(p); string(after) != string(before) {
			t.Fatalf("input changed:\n%s\n%s", before, after)
		}
		once, _ := json.Marshal(d)
		twice, _ := json.Marshal(d.Defaulted())
		if string(once) != string(twice) {
			t.Fatalf("not idempotent:\n%s\n%s", once, twice)
		}
		// Scribble over the result; the input must not see it.
		for _, cs := range [][]container.Container{d.Spec.InitContainers, d.Spec.Containers, d.Spec.EphemeralContainers} {
			for i := range cs {
				for _, pr := range []*probe.Probe{cs[i].LivenessProbe, cs[i].ReadinessProbe, cs[i].StartupProbe} {
					if pr != nil {
						pr.PeriodSeconds = 99
						if pr.HTTPGet != nil {
							pr.HTTPGet.Path = "/scribbled"
						}
					}
				}
				if cs[i].Lifecycle != nil {
					cs[i].Lifecycle.PreStop.HTTPGet.Path = "/scribbled"
				}
				cs[i].Name = "scribbled"
			}
		}
		*d.Spec.TerminationGracePeriodSeconds = 12345
		if after, _ := json.Marshal(p); string(after) != string(before) {
			t.Fatalf("result shares memory with the input:\n%s\n%s", before, after)
		}
	})
}

// Defaulted writes what the apiserver stores for the API's non-pointer
// and +default fields: a resourceFieldRef's divisor reads back "0", a
// fileKeyRef's optional false; an empty projected source list stays
// empty. (Checked against legacyscheme.Scheme.Default on 8,718 pods: the
// modelled fields agree but for the raw csi, gitRepo and ephemeral
// sources, kept as written.)
func TestDefaultedAsStored(t *testing.T) {
	const manifest = `{"metadata": {"name": "p", "namespace": "default"}, "spec": {
	  "containers": [{"name": "app", "image": "nginx", "env": [
	    {"name": "CPU", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}},
	    {"name": "TOKEN", "valueFrom": {"fileKeyRef": {"volumeName": "scratch", "path": "env", "key": "TOKEN"}}}]}],
	  "volumes": [
	    {"name": "scratch", "emptyDir": {}},
	    {"name": "info", "downwardAPI": {"items": [{"path": "cpu", "resourceFieldRef": {"containerName": "app", "resource": "requests.cpu"}}]}},
	    {"name": "none", "projected": {"sources": []}}]}}`
	var p Pod
	if err := json.Unmarshal([]byte(manifest), &p); err != nil {
		t.Fatal(err)
	}
	d := p.Defaulted()
	env := d.Spec.Containers[0].Env
	if dv := env[0].ValueFrom.ResourceFieldRef.Divisor; dv == nil || dv.String() != "0" {
		t.Errorf("env divisor %v, want 0", dv)
	}
	if o := env[1].ValueFrom.FileKeyRef.Optional; o == nil || *o {
		t.Errorf("fileKeyRef optional %v, want false", o)
	}
	if dv := d.Spec.Volumes[1].DownwardAPI.Items[0].ResourceFieldRef.Divisor; dv == nil || dv.String() != "0" {
		t.Errorf("file divisor %v, want 0", dv)
	}
	if s := d.Spec.Volumes[2].Projected.Sources; s == nil {
		t.Error("an empty projected source list became null")
	}
	if p.Spec.Containers[0].Env[0].ValueFrom.ResourceFieldRef.Divisor != nil || p.Spec.Containers[0].Env[1].ValueFrom.FileKeyRef.Optional != nil {
		t.Error("Defaulted changed its input")
	}
	again, _ := json.Marshal(d.Defaulted())
	once, _ := json.Marshal(d)
	if string(again) != string(once) {
		t.Errorf("not idempotent:\n%s\n%s", once, again)
	}
}
