package container

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// DefaultPullPolicy answers what SetDefaults_Container answers, on the
// references of testdata/default-pull-policy.json, each answered by the
// real v1.37.1 code (pkg/util/parsers ParseImageName: a reference that
// does not parse has no tag, so IfNotPresent).
func TestDefaultPullPolicyUpstream(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "default-pull-policy.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []struct {
			Image      string     `json:"image"`
			PullPolicy PullPolicy `json:"pullPolicy"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) < 600 {
		t.Fatalf("%d cases, want the file's 600 and more", len(f.Cases))
	}
	for _, c := range f.Cases {
		if got := DefaultPullPolicy(c.Image); got != c.PullPolicy {
			t.Errorf("DefaultPullPolicy(%q) = %s, want %s", c.Image, got, c.PullPolicy)
		}
	}
}

// The rule's cases by name (ParseImageName, ParseNormalizedNamed).
func TestDefaultPullPolicy(t *testing.T) {
	const sha = "sha256:0000000000000000000000000000000000000000000000000000000000000000"
	for _, c := range []struct {
		image string
		want  PullPolicy
	}{
		{"nginx", PullAlways},                        // no tag: latest
		{"nginx:latest", PullAlways},                 // :latest
		{"nginx:1.27", PullIfNotPresent},             // another tag
		{"nginx@" + sha, PullIfNotPresent},           // a digest alone
		{"nginx:latest@" + sha, PullAlways},          // :latest with a digest
		{"localhost:5000/app", PullAlways},           // a registry's port is not a tag
		{"UPPER/lower:latest", PullAlways},           // an uppercase first part is a registry
		{"MyApp", PullIfNotPresent},                  // repository names are lowercase: no parse
		{" nginx", PullIfNotPresent},                 // no parse
		{"nginx@sha256:abc", PullIfNotPresent},       // a short digest: no parse
		{"nginx@md5:" + sha[7:39], PullIfNotPresent}, // an algorithm not registered: no parse
		{"", PullIfNotPresent},                       // no parse
	} {
		if got := DefaultPullPolicy(c.image); got != c.want {
			t.Errorf("DefaultPullPolicy(%q) = %s, want %s", c.image, got, c.want)
		}
	}
	if c := (Container{Image: "nginx", ImagePullPolicy: PullNever}); c.EffectivePullPolicy() != PullNever {
		t.Error("a set policy is not kept")
	}
}

// Defaulting and validation read the default of every container; it
// allocates nothing.
func TestDefaultPullPolicyAllocatesNothing(t *testing.T) {
	for _, img := range []string{"nginx", "registry.k8s.io/pause:3.10", "localhost:5000/a/b__c:v1@sha256:0000000000000000000000000000000000000000000000000000000000000000", "Bad Image"} {
		if n := testing.AllocsPerRun(100, func() { DefaultPullPolicy(img) }); n != 0 {
			t.Errorf("DefaultPullPolicy(%q) allocates %v times", img, n)
		}
	}
}

func FuzzDefaultPullPolicy(f *testing.F) {
	for _, s := range []string{"nginx", "a:b@sha256:x", "[::1]:5000/x", "[", "a/", "/", "localhost/", "index.docker.io/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, image string) {
		got := DefaultPullPolicy(image)
		if got != PullAlways && got != PullIfNotPresent {
			t.Fatalf("DefaultPullPolicy(%q) = %q", image, got)
		}
		if got == PullAlways {
			if tag, digest, ok := imageTag(image); !ok || tag != "latest" && (tag != "" || digest) {
				t.Fatalf("%q: Always for tag %q digest %v ok %v", image, tag, digest, ok)
			}
		}
	})
}
