package kubelettest_test

import (
	"path/filepath"
	"testing"

	"github.com/podlife/podlife/internal/envtestbin"
	"github.com/podlife/podlife/kube/kubelettest"
	"k8s.io/client-go/kubernetes"
	testingclock "k8s.io/utils/clock/testing"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// startEnvtest starts a real kube-apiserver and etcd (no scheduler, no
// kubelet, no controllers) for the test.
func startEnvtest(t *testing.T) *envtest.Environment {
	t.Helper()
	env := &envtest.Environment{BinaryAssetsDirectory: envtestbin.Dir(t, filepath.Join("..", ".."))}
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
