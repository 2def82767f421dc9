package container

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
// SetDefaults_Container): DefaultPullPolicy of its image.
func (c *Container) EffectivePullPolicy() PullPolicy {
	if c.ImagePullPolicy != "" {
		return c.ImagePullPolicy
	}
	return DefaultPullPolicy(c.Image)
}

// DefaultPullPolicy is the pull policy the apiserver gives an image
// reference that has none (SetDefaults_Container; for an image volume,
// SetDefaults_Volume): Always when the reference is tagged :latest or has
// neither tag nor digest ("nginx", "nginx:latest",
// "nginx:latest@sha256:..."), IfNotPresent otherwise ("nginx:1.27", a
// digest alone) and for a reference that does not parse ("MyApp", " nginx",
// ""), as pkg/util/parsers ParseImageName reads it.
func DefaultPullPolicy(image string) PullPolicy {
	tag, digest, ok := imageTag(image)
	if ok && (tag == "latest" || tag == "" && !digest) {
		return PullAlways
	}
	return PullIfNotPresent
}
