package pod

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// The allocation-free predicates that let validation skip building a
// string answer exactly as the rules that list the problems.
func TestNamePredicatesMatchProblems(t *testing.T) {
	// hasBackstepRef is validatePathNoBacksteps as a split on '/'.
	hasBackstepRef := func(s string) bool {
		for _, part := range strings.Split(s, "/") {
			if part == ".." {
				return true
			}
		}
		return false
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := "aZ09-._/.."
	fixed := []string{"", "a", "a/b", "/a", "a/", "a//b", "example.com/foo", "Example.com/foo", "-a", "a-", "..", "../a", "a/../b", "a/..",
		"kubectl.kubernetes.io/restartedAt", strings.Repeat("a", 63), strings.Repeat("a", 64), strings.Repeat("a.", 127) + "a", strings.Repeat("a", 254)}
	for i := 0; i < 200000; i++ {
		var s string
		if i < len(fixed) {
			s = fixed[i]
		} else {
			n := r.IntN(12)
			b := make([]byte, n)
			for j := range b {
				b[j] = alphabet[r.IntN(len(alphabet))]
			}
			s = string(b)
		}
		if got, want := isQualifiedNameText(s), len(qualifiedNameProblems(s)) == 0; got != want {
			t.Fatalf("isQualifiedNameText(%q) = %v, problems say %v", s, got, want)
		}
		if got, want := isDNSSubdomain(s), len(dnsSubdomainProblems(s, "characters")) == 0; got != want {
			t.Fatalf("isDNSSubdomain(%q) = %v, problems say %v", s, got, want)
		}
		if got, want := isDNSSubdomain([]byte(s)), isDNSSubdomain(s); got != want {
			t.Fatalf("isDNSSubdomain(bytes %q) = %v, string %v", s, got, want)
		}
		if got, want := hasBackstep(s), hasBackstepRef(s); got != want {
			t.Fatalf("hasBackstep(%q) = %v, want %v", s, got, want)
		}
		if got, want := string(appendGeneratedName(nil, s)), generatedNameRef(s); got != want {
			t.Fatalf("appendGeneratedName(%q) = %q, want %q", s, got, want)
		}
		if got, want := maskGenerateName(s), maskGenerateNameRef(s); got != want {
			t.Fatalf("maskGenerateName(%q) = %q, want %q", s, got, want)
		}
		lb, ascii := lowerASCII(nil, s)
		if !ascii || string(lb) != strings.ToLower(s) {
			t.Fatalf("lowerASCII(%q) = %q, %v", s, lb, ascii)
		}
	}
}

// maskGenerateNameRef is maskGenerateName as string arithmetic.
func maskGenerateNameRef(s string) string {
	if !strings.HasSuffix(s, "-") {
		return s
	}
	if len(s) < 2 {
		return "a"
	}
	return s[:len(s)-2] + "a"
}

// generatedNameRef is appendGeneratedName as string arithmetic.
func generatedNameRef(prefix string) string {
	if max := maxNameLength - len(generatedSuffix); len(prefix) > max {
		prefix = prefix[:max]
	}
	return prefix + generatedSuffix
}
