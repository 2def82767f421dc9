package pod

// The downward API: what a container sees of its pod through env
// valueFrom.fieldRef / resourceFieldRef and downwardAPI volume files
// (pkg/kubelet/kubelet_pods.go podFieldSelectorRuntimeValue,
// pkg/fieldpath/fieldpath.go ExtractFieldPathAsString,
// pkg/api/v1/resource/helpers.go ExtractContainerResourceValue,
// pkg/kubelet/kubelet_resources.go defaultPodLimitsForDownwardAPI).

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/resource"
)

// DownwardNode is what the downward API reads of the pod's node.
type DownwardNode struct {
	// HostIPs are the node's addresses, in the kubelet's order; the first
	// is status.hostIP.
	HostIPs []string
	// Allocatable is the node's allocatable resources: a container
	// without a cpu, memory or ephemeral-storage limit sees these instead
	// (capped by pod-level limits).
	Allocatable resource.List
}

// DownwardAPIError says why a downward API value cannot be given.
type DownwardAPIError struct {
	// Field is the fieldPath or resource asked for.
	Field  string
	Reason string
}

// Error says which field could not be given, and why.
func (e *DownwardAPIError) Error() string {
	return "podlife: downward API " + strconv.Quote(e.Field) + ": " + e.Reason
}

// FieldRefValue returns the value the kubelet gives for a fieldRef: an env
// var's valueFrom.fieldRef or a downwardAPI volume file. Labels and
// annotations without a subscript are `key="value"` lines sorted by key;
// status.podIP is the first of status.podIPs (else status.podIP),
// status.podIPs and status.hostIPs are comma-joined.
func FieldRefValue(p *Pod, ref container.FieldRef, node DownwardNode) (string, error) {
	version := ref.APIVersion
	if version == "" {
		version = "v1"
	}
	if msg := convertDownwardAPIFieldLabel(version, ref.FieldPath); msg != "" {
		return "", &DownwardAPIError{Field: ref.FieldPath, Reason: msg}
	}
	path := ref.FieldPath
	if path == "spec.host" {
		path = "spec.nodeName"
	}
	ips := make([]string, 0, len(p.Status.PodIPs))
	for _, ip := range p.Status.PodIPs {
		ips = append(ips, ip.IP)
	}
	podIP := p.Status.PodIP
	if len(ips) > 0 {
		podIP = ips[0]
	}
	switch path {
	case "spec.nodeName":
		return p.Spec.NodeName, nil
	case "spec.serviceAccountName":
		return p.Spec.ServiceAccountName, nil
	case "status.hostIP", "status.hostIPs":
		if len(node.HostIPs) == 0 {
			return "", &DownwardAPIError{Field: path, Reason: "the node's IPs are not known"}
		}
		if path == "status.hostIP" {
			return node.HostIPs[0], nil
		}
		return strings.Join(node.HostIPs, ","), nil
	case "status.podIP":
		return podIP, nil
	case "status.podIPs":
		return strings.Join(ips, ","), nil
	}
	m := &p.Metadata
	if base, sub, ok := splitSubscriptedPath(path); ok {
		switch base {
		case "metadata.annotations":
			if probs := qualifiedNameProblems(strings.ToLower(sub)); len(probs) > 0 {
				return "", &DownwardAPIError{Field: path, Reason: "invalid key subscript: " + strings.Join(probs, ";")}
			}
			return m.Annotations[sub], nil
		case "metadata.labels":
			if probs := qualifiedNameProblems(sub); len(probs) > 0 {
				return "", &DownwardAPIError{Field: path, Reason: "invalid key subscript: " + strings.Join(probs, ";")}
			}
			return m.Labels[sub], nil
		}
		return "", &DownwardAPIError{Field: path, Reason: "does not support subscript"}
	}
	switch path {
	case "metadata.annotations":
		return formatMap(m.Annotations), nil
	case "metadata.labels":
		return formatMap(m.Labels), nil
	case "metadata.name":
		return m.Name, nil
	case "metadata.namespace":
		return m.Namespace, nil
	case "metadata.uid":
		return m.UID, nil
	}
	return "", &DownwardAPIError{Field: path, Reason: "unsupported fieldPath"}
}

// formatMap: pkg/fieldpath FormatMap — key="value" lines, sorted by key.
func formatMap(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b []byte
	for _, k := range keys {
		if len(b) > 0 {
			b = append(b, '\n')
		}
		b = append(b, k...)
		b = append(b, '=')
		b = strconv.AppendQuote(b, m[k])
	}
	return string(b)
}

// ResourceFieldRefValue returns the value the kubelet gives for a
// resourceFieldRef of the container named containerName (an env var's
// own container when ref.ContainerName is empty; a downwardAPI volume
// names it): the request or limit divided by the divisor (1 when absent),
// rounded up. A missing or zero cpu, memory or ephemeral-storage limit
// reads as the node's allocatable, or the pod-level limit when that is set.
func ResourceFieldRefValue(p *Pod, containerName string, ref container.ResourceFieldRef, node DownwardNode) (string, error) {
	if ref.ContainerName != "" {
		containerName = ref.ContainerName
	}
	var c *container.Container
	for _, list := range [2][]container.Container{p.Spec.Containers, p.Spec.InitContainers} {
		for i := range list {
			if c == nil && list[i].Name == containerName {
				c = &list[i]
			}
		}
	}
	if c == nil {
		return "", &DownwardAPIError{Field: ref.Resource, Reason: "container " + strconv.Quote(containerName) + " not found"}
	}
	divisor := resource.MustParse("1")
	if ref.Divisor != nil && !ref.Divisor.IsZero() {
		divisor = *ref.Divisor
	}
	limits := downwardLimits(p, c, node.Allocatable)
	kind, name, ok := strings.Cut(ref.Resource, ".")
	if !ok || (kind != "limits" && kind != "requests") {
		return "", &DownwardAPIError{Field: ref.Resource, Reason: "unsupported container resource"}
	}
	list := limits
	if kind == "requests" {
		list = c.Resources.Requests
	}
	q := list[resource.Name(name)]
	var v float64
	switch n := resource.Name(name); {
	case n == resource.CPU:
		v = math.Ceil(float64(q.MilliValue()) / float64(divisor.MilliValue()))
	case n == resource.Memory || n == resource.EphemeralStorage || n.IsHugePages():
		v = math.Ceil(float64(q.Value()) / float64(divisor.Value()))
	default:
		return "", &DownwardAPIError{Field: ref.Resource, Reason: "unsupported container resource"}
	}
	return strconv.FormatInt(int64(v), 10), nil
}

// downwardLimits: MergeContainerResourceLimits with the allocatable of
// defaultPodLimitsForDownwardAPI.
func downwardLimits(p *Pod, c *container.Container, allocatable resource.List) resource.List {
	alloc := copyList(allocatable)
	if r := p.Spec.Resources; r != nil && len(r.Limits) > 0 {
		for _, n := range [3]resource.Name{resource.CPU, resource.Memory, resource.EphemeralStorage} {
			if !n.IsSupportedPodLevel() {
				continue
			}
			if val, ok := r.Limits[n]; ok && !val.IsZero() {
				if _, ok := alloc[n]; ok {
					alloc[n] = val
				}
			}
		}
	}
	out := copyList(c.Resources.Limits)
	for _, n := range [3]resource.Name{resource.CPU, resource.Memory, resource.EphemeralStorage} {
		if q, ok := out[n]; !ok || q.IsZero() {
			if a, ok := alloc[n]; ok {
				out[n] = a
			}
		}
	}
	return out
}
