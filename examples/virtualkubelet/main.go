// Command virtualkubelet runs a virtual-kubelet node whose pods live by
// podlife: register it with a cluster (KUBECONFIG), and every pod bound to
// the node runs the kubelet's v1.37 lifecycle — sandbox, images, init
// containers, sidecars, probes, restarts and back-off, graceful deletion
// — on a virtual clock, with no containers at all.
//
//	go run ./examples/virtualkubelet -node podlife -speed 10
//	kubectl run web --image=nginx --overrides='{"spec":{"nodeName":"podlife"}}'
//
// It is an example, in its own module (github.com/virtual-kubelet/
// virtual-kubelet pulls about 200 modules), never tagged. Its test runs it
// against a real kube-apiserver and etcd (envtest).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/virtual-kubelet/virtual-kubelet/node"
	"github.com/virtual-kubelet/virtual-kubelet/node/nodeutil"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

func main() {
	nodeName := flag.String("node", "podlife", "the node's name")
	speed := flag.Float64("speed", 1, "virtual seconds per wall second")
	kubeconfig := flag.String("kubeconfig", os.Getenv("KUBECONFIG"), "kubeconfig file (default $KUBECONFIG)")
	flag.Parse()
	if err := run(*nodeName, *speed, *kubeconfig); err != nil {
		fmt.Fprintln(os.Stderr, "virtualkubelet:", err)
		os.Exit(1)
	}
}

func run(nodeName string, speed float64, kubeconfig string) error {
	if kubeconfig == "" {
		return fmt.Errorf("no kubeconfig: set KUBECONFIG or -kubeconfig")
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return err
	}
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	n, p, err := NewNode(nodeName, Config{Client: client, Speed: speed})
	if err != nil {
		return err
	}
	go p.Run(ctx, 100*time.Millisecond)
	fmt.Printf("node %s: pods bound to it live by podlife (speed %gx); Ctrl-C stops\n", nodeName, speed)
	return n.Run(ctx)
}

// NewNode returns a virtual-kubelet node named name whose provider is a
// podlife Provider made from cfg. The caller runs the node (n.Run) and
// the provider's clock (p.Run).
func NewNode(name string, cfg Config) (*nodeutil.Node, *Provider, error) {
	p, err := NewProvider(cfg)
	if err != nil {
		return nil, nil, err
	}
	n, err := nodeutil.NewNode(name, func(nodeutil.ProviderConfig) (nodeutil.Provider, node.NodeProvider, error) {
		return p, nil, nil
	}, nodeutil.WithClient(cfg.Client))
	if err != nil {
		return nil, nil, err
	}
	return n, p, nil
}
