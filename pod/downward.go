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

// ResourceFieldRefValue returns the value the kubelet gives an env var's
// resourceFieldRef (kubelet_pods.go containerResourceRuntimeValue): of the
// container named containerName, the variable's own, or of the one
// ref.ContainerName names, the request or limit divided by the divisor (1
// when absent), rounded up, on the pod as stored (a missing request is
// its limit). A missing or zero cpu, memory or ephemeral-storage limit
// reads as the node's allocatable, or the pod-level limit when that is
// set, except for an init container that ref.ContainerName names: the
// kubelet fills in the limits of the variable's own container and of the
// regular ones only, so such a container's missing limit reads as 0.
func ResourceFieldRefValue(p *Pod, containerName string, ref container.ResourceFieldRef, node DownwardNode) (string, error) {
	if p == nil {
		p = &Pod{}
	}
	// The kubelet reads the pod as stored: a missing request is its limit.
	d := p.Defaulted()
	// The node's allocatable stands in for the missing limits of the
	// container the variable belongs to and of the regular containers
	// (defaultPodLimitsForDownwardAPI), not of an init container named by
	// ref.containerName.
	own := ref.ContainerName == ""
	if !own {
		containerName = ref.ContainerName
	}
	c, regular := findDownwardContainer(&d, containerName)
	if c == nil {
		return "", &DownwardAPIError{Field: ref.Resource, Reason: "container " + strconv.Quote(containerName) + " not found"}
	}
	limits := c.Resources.Limits
	if own || regular {
		limits = mergedLimits(c.Resources.Limits, downwardAllocatable(&d, node.Allocatable))
	}
	return resourceFieldValue(c, limits, ref)
}

// ResourceFieldRefFileValue returns what the kubelet writes in a
// downwardAPI volume's file for a resourceFieldRef
// (pkg/volume/downwardapi CollectData,
// ExtractResourceValueByContainerNameAndNodeAllocatable): as
// ResourceFieldRefValue, of the container ref.ContainerName names (regular
// or init), whose missing cpu, memory or ephemeral-storage limits read as
// the node's allocatable, pod-level limits or not: the volume plugin does
// not read them as the env's path does.
func ResourceFieldRefFileValue(p *Pod, ref container.ResourceFieldRef, node DownwardNode) (string, error) {
	if p == nil {
		p = &Pod{}
	}
	d := p.Defaulted()
	c, _ := findDownwardContainer(&d, ref.ContainerName)
	if c == nil {
		return "", &DownwardAPIError{Field: ref.Resource, Reason: "container " + strconv.Quote(ref.ContainerName) + " not found"}
	}
	return resourceFieldValue(c, mergedLimits(c.Resources.Limits, node.Allocatable), ref)
}

// findDownwardContainer: findContainerInPod — the first container of
// that name, the regular ones first; regular says which list it is in.
func findDownwardContainer(d *Pod, name string) (c *container.Container, regular bool) {
	for k, list := range [2][]container.Container{d.Spec.Containers, d.Spec.InitContainers} {
		for i := range list {
			if list[i].Name == name {
				return &list[i], k == 0
			}
		}
	}
	return nil, false
}

// resourceFieldValue: ExtractContainerResourceValue of c, its limits as
// given.
func resourceFieldValue(c *container.Container, limits resource.List, ref container.ResourceFieldRef) (string, error) {
	divisor := resource.MustParse("1")
	if ref.Divisor != nil && !ref.Divisor.IsZero() {
		divisor = *ref.Divisor
	}
	kind, name, ok := strings.Cut(ref.Resource, ".")
	if !ok || (kind != "limits" && kind != "requests") {
		return "", &DownwardAPIError{Field: ref.Resource, Reason: "unsupported container resource"}
	}
	list := limits
	if kind == "requests" {
		list = c.Resources.Requests
	}
	q := list.Get(resource.Name(name))
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

// downwardAllocatable is the allocatable defaultPodLimitsForDownwardAPI
// fills limits from: the node's, with the pod-level cpu and memory limits
// in place of the node's where set.
func downwardAllocatable(p *Pod, allocatable resource.List) resource.List {
	r := p.Spec.Resources
	if r == nil || len(r.Limits) == 0 {
		return allocatable
	}
	alloc := copyList(allocatable)
	for _, n := range [3]resource.Name{resource.CPU, resource.Memory, resource.EphemeralStorage} {
		if !n.IsSupportedPodLevel() {
			continue
		}
		if val, ok := r.Limits.Lookup(n); ok && !val.IsZero() {
			if alloc.Has(n) {
				alloc = alloc.Set(n, val)
			}
		}
	}
	return alloc
}

// mergedLimits: MergeContainerResourceLimits — limits with each missing
// or zero cpu, memory and ephemeral-storage limit taken from allocatable
// (huge pages never: they are never overcommitted).
func mergedLimits(limits, allocatable resource.List) resource.List {
	out := copyList(limits)
	for _, n := range [3]resource.Name{resource.CPU, resource.Memory, resource.EphemeralStorage} {
		if q, ok := out.Lookup(n); !ok || q.IsZero() {
			if a, ok := allocatable.Lookup(n); ok {
				out = out.Set(n, a)
			}
		}
	}
	return out
}
