// Package envtestbin finds the kube-apiserver and etcd binaries that the
// envtest tests of this repository's nested modules run. It is for this
// repository's tests only.
package envtestbin

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the directory of kube-apiserver and etcd: KUBEBUILDER_ASSETS,
// else .cache/envtest/bin under root (the repository's root, relative to
// the test's directory), where .ci/envtest-assets builds them. Without them
// the test skips, except in CI (CI set), where .ci/run builds them first
// and their absence is a failure.
func Dir(t testing.TB, root string) string {
	t.Helper()
	dir := os.Getenv("KUBEBUILDER_ASSETS")
	if dir == "" {
		dir, _ = filepath.Abs(filepath.Join(root, ".cache", "envtest", "bin"))
	}
	for _, bin := range []string{"kube-apiserver", "etcd"} {
		if _, err := os.Stat(filepath.Join(dir, bin)); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("envtest: no %s in %s (KUBEBUILDER_ASSETS): .ci/run builds them with .ci/envtest-assets", bin, dir)
			}
			t.Skipf("envtest: no %s in %s; build the assets with .ci/envtest-assets (about ten minutes cold) or set KUBEBUILDER_ASSETS", bin, dir)
		}
	}
	return dir
}
