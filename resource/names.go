package resource

import (
	"slices"
	"strings"
)

// Name is a resource name ("cpu", "memory", "hugepages-2Mi",
// "nvidia.com/gpu"), API type v1.ResourceName.
type Name string

// The resource names a container or pod can request
// (k8s.io/api/core/v1 ResourceCPU, ...).
const (
	CPU              Name = "cpu"
	Memory           Name = "memory"
	EphemeralStorage Name = "ephemeral-storage"
	Storage          Name = "storage"
	// HugePagesPrefix starts the name of every huge-page resource,
	// "hugepages-<page size>".
	HugePagesPrefix = "hugepages-"
	// DefaultNamespacePrefix marks native resources written with a
	// namespace ("kubernetes.io/...").
	DefaultNamespacePrefix = "kubernetes.io/"
	// RequestsPrefix is the quota prefix, which extended resource names may
	// not start with.
	RequestsPrefix = "requests."
)

// IsHugePages reports whether n names huge pages
// (pkg/apis/core/helper IsHugePageResourceName).
func (n Name) IsHugePages() bool { return strings.HasPrefix(string(n), HugePagesPrefix) }

// HugePageSize returns the page size a huge-page resource name carries
// ("hugepages-2Mi" → 2Mi), and false when n is not a huge-page name or its
// size is not a quantity.
func (n Name) HugePageSize() (Quantity, bool) {
	if !n.IsHugePages() {
		return Quantity{}, false
	}
	q, err := Parse(strings.TrimPrefix(string(n), HugePagesPrefix))
	return q, err == nil
}

// IsNative reports whether n is in the kubernetes.io namespace: unprefixed,
// or containing "kubernetes.io/" (pkg/apis/core/helper IsNativeResource).
func (n Name) IsNative() bool {
	return !strings.Contains(string(n), "/") || strings.Contains(string(n), DefaultNamespacePrefix)
}

// IsOvercommitAllowed reports whether a request below the limit is allowed
// for n: native resources other than huge pages
// (pkg/apis/core/helper IsOvercommitAllowed).
func (n Name) IsOvercommitAllowed() bool { return n.IsNative() && !n.IsHugePages() }

// IsStandardContainerResource reports whether a container may request n
// without a namespace: cpu, memory, ephemeral-storage and huge pages
// (pkg/apis/core/helper IsStandardContainerResourceName).
func (n Name) IsStandardContainerResource() bool {
	return n == CPU || n == Memory || n == EphemeralStorage || n.IsHugePages()
}

// IsSupportedPodLevel reports whether n may be set in a pod's
// spec.resources: cpu, memory and huge pages
// (k8s.io/component-helpers/resource IsSupportedPodLevelResource).
func (n Name) IsSupportedPodLevel() bool { return n == CPU || n == Memory || n.IsHugePages() }

// standardResources: pkg/apis/core/helper standardResources.
var standardResources = []Name{
	"cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory",
	"requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
	"pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps",
	"persistentvolumeclaims", "storage", "requests.storage", "services.nodeports",
	"services.loadbalancers",
}

// IsStandard reports whether n is one of the resource names of the core
// API (pkg/apis/core/helper IsStandardResourceName), huge pages included.
func (n Name) IsStandard() bool {
	return slices.Contains(standardResources, n) || n.IsHugePages()
}

// integerResources: pkg/apis/core/helper integerResources.
var integerResources = []Name{
	"pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps",
	"persistentvolumeclaims", "services.nodeports", "services.loadbalancers",
}

// IsInteger reports whether n is counted in whole units: object counts and
// every extended resource (pkg/apis/core/helper IsIntegerResourceName).
// isQualifiedName checks "requests."+n against the qualified-name rule.
func (n Name) IsInteger(isQualifiedName func(string) bool) bool {
	return slices.Contains(integerResources, n) || n.IsExtended(isQualifiedName)
}

// IsExtended reports whether n is an extended resource: outside the
// kubernetes.io namespace, not starting with "requests.", and a qualified
// name once "requests." is put in front (pkg/apis/core/helper
// IsExtendedResourceName). isQualifiedName is the qualified-name rule of
// the caller's validation.
func (n Name) IsExtended(isQualifiedName func(string) bool) bool {
	if n.IsNative() || strings.HasPrefix(string(n), RequestsPrefix) {
		return false
	}
	return isQualifiedName(RequestsPrefix + string(n))
}
