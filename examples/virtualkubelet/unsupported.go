package main

import (
	"context"
	"io"

	dto "github.com/prometheus/client_model/go"
	"github.com/virtual-kubelet/virtual-kubelet/errdefs"
	"github.com/virtual-kubelet/virtual-kubelet/node/api"
	statsv1alpha1 "k8s.io/kubelet/pkg/apis/stats/v1alpha1"
)

// The kubelet's streaming and stats endpoints have nothing behind them:
// podlife runs no processes. Each says so rather than pretending.

func notSupported(what string) error {
	return errdefs.InvalidInputf("%s: podlife simulates the pod's lifecycle and runs no processes", what)
}

// GetContainerLogs: there are no logs.
func (p *Provider) GetContainerLogs(ctx context.Context, namespace, podName, containerName string, opts api.ContainerLogOpts) (io.ReadCloser, error) {
	return nil, notSupported("logs")
}

// RunInContainer: there is no process to exec in.
func (p *Provider) RunInContainer(ctx context.Context, namespace, podName, containerName string, cmd []string, attach api.AttachIO) error {
	return notSupported("exec")
}

// AttachToContainer: there is no process to attach to.
func (p *Provider) AttachToContainer(ctx context.Context, namespace, podName, containerName string, attach api.AttachIO) error {
	return notSupported("attach")
}

// GetStatsSummary: no resource usage is simulated.
func (p *Provider) GetStatsSummary(context.Context) (*statsv1alpha1.Summary, error) {
	return nil, notSupported("stats")
}

// GetMetricsResource: no resource usage is simulated.
func (p *Provider) GetMetricsResource(context.Context) ([]*dto.MetricFamily, error) {
	return nil, notSupported("metrics")
}

// PortForward: nothing listens.
func (p *Provider) PortForward(ctx context.Context, namespace, pod string, port int32, stream io.ReadWriteCloser) error {
	return notSupported("port-forward")
}
