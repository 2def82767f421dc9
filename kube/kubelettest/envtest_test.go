package kubelettest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/podlife/podlife/kube/kubelettest"
	"k8s.io/client-go/kubernetes"
	testingclock "k8s.io/utils/clock/testing"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// envtestAssets returns the directory of kube-apiserver and etcd:
// KUBEBUILDER_ASSETS, else what .ci/envtest-assets builds. Without them the
// test skips, except in CI, where .ci/run builds them first and their
// absence is a failure.
func envtestAssets(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("KUBEBUILDER_ASSETS")
	if dir == "" {
		dir, _ = filepath.Abs(filepath.Join("..", "..", ".cache", "envtest", "bin"))
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

// startEnvtest starts a real kube-apiserver and etcd (no scheduler, no
// kubelet, no controllers) for the test.
func startEnvtest(t *testing.T) *envtest.Environment {
	t.Helper()
	env := &envtest.Environment{BinaryAssetsDirectory: envtestAssets(t)}
	if _, err := env.Start(); err != nil {
		t.Fatalf("envtest: starting kube-apiserver and etcd: %v", err)
	}
	t.Cleanup(func() {
		if err := env.Stop(); err != nil {
			t.Errorf("envtest: stopping: %v", err)
		}
	})
	return env
}

// The scenarios on a real apiserver: the Kubelet through each client, the
// controller through the other; through client-go the Kubelet writes with
// UpdateStatus, so both ways of writing meet a real apiserver.
func TestScenariosEnvtest(t *testing.T) {
	env := startEnvtest(t)
	cs, err := kubernetes.NewForConfig(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(env.Config, client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("kubelet on controller-runtime", func(t *testing.T) {
		runScenarios(t, backend{"envtest", "et-cr", func(*testing.T, *testingclock.FakeClock) (kubelettest.ClusterAPI, controller) {
			return kubelettest.ControllerRuntime(c), clientGoController{cs}
		}, false})
	})
	t.Run("kubelet on client-go, UpdateStatus", func(t *testing.T) {
		runScenarios(t, backend{"envtest", "et-cg", func(*testing.T, *testingclock.FakeClock) (kubelettest.ClusterAPI, controller) {
			return kubelettest.ClientGo(cs), crController{c}
		}, true})
	})
}
