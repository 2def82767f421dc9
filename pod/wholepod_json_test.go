package pod_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/probe"
	"github.com/podlife/podlife/resource"
)

// quantityEqual compares quantities as their JSON does: same value, same
// text.
var quantityEqual = cmp.Comparer(func(a, b resource.Quantity) bool {
	return a.Cmp(b) == 0 && a.String() == b.String()
})

// rawEqual compares the raw JSON of unmodelled volume sources by content
// (decoding keeps the original's white space, encoding compacts it).
var rawEqual = cmp.Comparer(func(a, b json.RawMessage) bool {
	var x, y bytes.Buffer
	if json.Compact(&x, a) != nil || json.Compact(&y, b) != nil {
		return bytes.Equal(a, b)
	}
	return bytes.Equal(x.Bytes(), y.Bytes())
})

// A real manifest's whole-pod fields decode with their API names: volumes
// of every modelled kind (and an unmodelled CSI one by kind), ports, env,
// envFrom, resources, mounts, hostname, subdomain, os and the QoS class.
func TestDecodeWholePod(t *testing.T) {
	b, err := os.ReadFile("testdata/wholepod-pod.json")
	if err != nil {
		t.Fatal(err)
	}
	var p pod.Pod
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	s := &p.Spec
	var kinds []string
	for i := range s.Volumes {
		kinds = append(kinds, s.Volumes[i].Kind())
	}
	want := []string{"emptyDir", "configMap", "secret", "persistentVolumeClaim", "hostPath", "downwardAPI", "ephemeral", "projected", "csi"}
	if d := cmp.Diff(want, kinds); d != "" {
		t.Errorf("volume kinds (-want +got):\n%s", d)
	}
	if ed := s.Volumes[0].EmptyDir; ed.Medium != pod.MediumMemory || ed.SizeLimit.String() != "64Mi" {
		t.Errorf("emptyDir: %+v", ed)
	}
	c := &s.Containers[0]
	if len(c.Ports) != 3 || c.Ports[2].HostPort != 30443 || c.Ports[2].HostIP != "10.0.0.5" || c.Ports[0].Protocol != container.TCP {
		t.Errorf("ports: %+v", c.Ports)
	}
	if cpu := c.Resources.Requests.Get(resource.CPU); cpu.MilliValue() != 500 {
		t.Errorf("cpu request: %v", cpu)
	}
	if len(c.Env) != 5 || c.Env[2].ValueFrom.ResourceFieldRef.Divisor.String() != "1Mi" || len(c.EnvFrom) != 2 {
		t.Errorf("env: %+v / %+v", c.Env, c.EnvFrom)
	}
	if m := c.VolumeMounts[3]; *m.MountPropagation != container.MountPropagationHostToContainer || c.VolumeMounts[1].SubPath != "app.conf" {
		t.Errorf("mounts: %+v", c.VolumeMounts)
	}
	if s.Hostname != "shop-0" || s.Subdomain != "shop" || s.OS.Name != pod.Linux || s.ShareProcessNamespace == nil || *s.ShareProcessNamespace {
		t.Errorf("pod identity: %q %q %+v %v", s.Hostname, s.Subdomain, s.OS, s.ShareProcessNamespace)
	}
	if p.Status.QOSClass != pod.Burstable || pod.CreateQOS(&p) != pod.Burstable {
		t.Errorf("qos: status %s, computed %s", p.Status.QOSClass, pod.CreateQOS(&p))
	}
}

// The whole-pod manifest encodes back with its fields intact: decode →
// encode → decode is the identity, and every key written is in the
// original document with the same value.
func TestEncodeRoundTripWholePod(t *testing.T) {
	raw, err := os.ReadFile("testdata/wholepod-pod.json")
	if err != nil {
		t.Fatal(err)
	}
	var p pod.Pod
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var again pod.Pod
	if err := json.Unmarshal(b, &again); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(p, again, cmp.AllowUnexported(probe.Port{}), quantityEqual, rawEqual); d != "" {
		t.Errorf("decode(encode(p)) != p (-first +second):\n%s", d)
	}
	var orig, enc map[string]any
	if err := json.Unmarshal(raw, &orig); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &enc); err != nil {
		t.Fatal(err)
	}
	checkSubset(t, "", orig, enc)
	// And the other way: every whole-pod field of the original is written.
	spec := enc["spec"].(map[string]any)
	for _, k := range []string{"volumes", "hostname", "subdomain", "os", "shareProcessNamespace", "serviceAccountName", "serviceAccount"} {
		if _, ok := spec[k]; !ok {
			t.Errorf("spec.%s not encoded", k)
		}
	}
	ctr := spec["containers"].([]any)[0].(map[string]any)
	for _, k := range []string{"ports", "env", "envFrom", "resources", "volumeMounts"} {
		if _, ok := ctr[k]; !ok {
			t.Errorf("spec.containers[0].%s not encoded", k)
		}
	}
	if d := cmp.Diff(orig["spec"].(map[string]any)["volumes"], spec["volumes"]); d != "" {
		t.Errorf("volumes differ (-kubectl +podlife):\n%s", d)
	}
}
