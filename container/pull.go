package container

import "strings"

// PullPolicy is a container's imagePullPolicy. Its values are the API
// strings; empty means unset.
type PullPolicy string

// The image pull policies.
const (
	// PullAlways: the kubelet pulls (resolves) the image for every new
	// instance.
	PullAlways PullPolicy = "Always"
	// PullIfNotPresent: the kubelet pulls the image only when the node
	// lacks it.
	PullIfNotPresent PullPolicy = "IfNotPresent"
	// PullNever: the kubelet never pulls; a missing image fails the start
	// with ErrImageNeverPull.
	PullNever PullPolicy = "Never"
)

// EffectivePullPolicy is the container's imagePullPolicy, or, when unset,
// the apiserver's default (pkg/apis/core/v1/defaults.go
// SetDefaults_Container): Always for an image tagged :latest or without a
// tag (a digest counts as a tag), IfNotPresent otherwise.
func (c *Container) EffectivePullPolicy() PullPolicy {
	if c.ImagePullPolicy != "" {
		return c.ImagePullPolicy
	}
	img := c.Image
	if strings.Contains(img, "@") {
		return PullIfNotPresent
	}
	// The tag follows the last ':' after the last '/' (a registry port is
	// not a tag).
	name := img[strings.LastIndex(img, "/")+1:]
	i := strings.LastIndex(name, ":")
	if i < 0 || name[i+1:] == "latest" {
		return PullAlways
	}
	return PullIfNotPresent
}
