package pod

// The pod's volumes (API types v1.Volume, v1.VolumeSource and the sources
// podlife models in full). Volumes belong to the pod: every container can
// mount them, they survive a container's restart and go with the pod.

import (
	"encoding/json"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/resource"
)

// Volume is a named volume of the pod (API type v1.Volume). Exactly one
// source should be set; a volume with none is defaulted to an emptyDir.
type Volume struct {
	Name string `json:"name"`
	VolumeSource
}

// StorageMedium is an emptyDir's medium (API type v1.StorageMedium).
type StorageMedium string

// The storage media.
const (
	// MediumDefault is the node's default medium (its disk).
	MediumDefault StorageMedium = ""
	// MediumMemory is a tmpfs, counted against the pod's memory.
	MediumMemory StorageMedium = "Memory"
	// MediumHugePages is backed by huge pages.
	MediumHugePages StorageMedium = "HugePages"
)

// VolumeSource says where a volume's data comes from (API type
// v1.VolumeSource). The sources podlife validates in full have their own
// types; the others are kept as their raw JSON (so they round-trip) and
// count only by kind: VolumeSource.Kinds lists what is set. Like
// upstream's, every source is a pointer, nil when absent: a volume has one
// source of 30, and 30 slices would make every volume three times its size.
type VolumeSource struct {
	HostPath              *HostPathSource    `json:"hostPath,omitempty"`
	EmptyDir              *EmptyDirSource    `json:"emptyDir,omitempty"`
	GCEPersistentDisk     *json.RawMessage   `json:"gcePersistentDisk,omitempty"`
	AWSElasticBlockStore  *json.RawMessage   `json:"awsElasticBlockStore,omitempty"`
	GitRepo               *json.RawMessage   `json:"gitRepo,omitempty"`
	Secret                *SecretSource      `json:"secret,omitempty"`
	NFS                   *json.RawMessage   `json:"nfs,omitempty"`
	ISCSI                 *json.RawMessage   `json:"iscsi,omitempty"`
	Glusterfs             *json.RawMessage   `json:"glusterfs,omitempty"`
	PersistentVolumeClaim *PVCSource         `json:"persistentVolumeClaim,omitempty"`
	RBD                   *json.RawMessage   `json:"rbd,omitempty"`
	FlexVolume            *json.RawMessage   `json:"flexVolume,omitempty"`
	Cinder                *json.RawMessage   `json:"cinder,omitempty"`
	CephFS                *json.RawMessage   `json:"cephfs,omitempty"`
	Flocker               *json.RawMessage   `json:"flocker,omitempty"`
	DownwardAPI           *DownwardAPISource `json:"downwardAPI,omitempty"`
	FC                    *json.RawMessage   `json:"fc,omitempty"`
	AzureFile             *json.RawMessage   `json:"azureFile,omitempty"`
	ConfigMap             *ConfigMapSource   `json:"configMap,omitempty"`
	VsphereVolume         *json.RawMessage   `json:"vsphereVolume,omitempty"`
	Quobyte               *json.RawMessage   `json:"quobyte,omitempty"`
	AzureDisk             *json.RawMessage   `json:"azureDisk,omitempty"`
	PhotonPersistentDisk  *json.RawMessage   `json:"photonPersistentDisk,omitempty"`
	Projected             *ProjectedSource   `json:"projected,omitempty"`
	PortworxVolume        *json.RawMessage   `json:"portworxVolume,omitempty"`
	ScaleIO               *json.RawMessage   `json:"scaleIO,omitempty"`
	StorageOS             *json.RawMessage   `json:"storageos,omitempty"`
	CSI                   *json.RawMessage   `json:"csi,omitempty"`
	Ephemeral             *EphemeralSource   `json:"ephemeral,omitempty"`
	Image                 *ImageVolumeSource `json:"image,omitempty"`
}

// sourceKind is one possible source of a volume, in the order the
// apiserver checks them (pkg/apis/core/validation validateVolumeSource):
// the first one set is the volume's kind, every later one is "more than 1
// volume type". path is the field name upstream reports it under, which for
// a few kinds is not the JSON name (cephFS, downwarAPI).
type sourceKind struct {
	json, path string
	set        func(*VolumeSource) bool
}

func raw(m *json.RawMessage) bool { return m != nil && len(*m) > 0 && string(*m) != "null" }

var sourceKinds = []sourceKind{
	{"emptyDir", "emptyDir", func(s *VolumeSource) bool { return s.EmptyDir != nil }},
	{"hostPath", "hostPath", func(s *VolumeSource) bool { return s.HostPath != nil }},
	{"gitRepo", "gitRepo", func(s *VolumeSource) bool { return raw(s.GitRepo) }},
	{"gcePersistentDisk", "gcePersistentDisk", func(s *VolumeSource) bool { return raw(s.GCEPersistentDisk) }},
	{"awsElasticBlockStore", "awsElasticBlockStore", func(s *VolumeSource) bool { return raw(s.AWSElasticBlockStore) }},
	{"secret", "secret", func(s *VolumeSource) bool { return s.Secret != nil }},
	{"nfs", "nfs", func(s *VolumeSource) bool { return raw(s.NFS) }},
	{"iscsi", "iscsi", func(s *VolumeSource) bool { return raw(s.ISCSI) }},
	{"glusterfs", "glusterfs", func(s *VolumeSource) bool { return raw(s.Glusterfs) }},
	{"flocker", "flocker", func(s *VolumeSource) bool { return raw(s.Flocker) }},
	{"persistentVolumeClaim", "persistentVolumeClaim", func(s *VolumeSource) bool { return s.PersistentVolumeClaim != nil }},
	{"rbd", "rbd", func(s *VolumeSource) bool { return raw(s.RBD) }},
	{"cinder", "cinder", func(s *VolumeSource) bool { return raw(s.Cinder) }},
	{"cephfs", "cephFS", func(s *VolumeSource) bool { return raw(s.CephFS) }},
	{"quobyte", "quobyte", func(s *VolumeSource) bool { return raw(s.Quobyte) }},
	{"downwardAPI", "downwarAPI", func(s *VolumeSource) bool { return s.DownwardAPI != nil }},
	{"fc", "fc", func(s *VolumeSource) bool { return raw(s.FC) }},
	{"flexVolume", "flexVolume", func(s *VolumeSource) bool { return raw(s.FlexVolume) }},
	{"configMap", "configMap", func(s *VolumeSource) bool { return s.ConfigMap != nil }},
	{"azureFile", "azureFile", func(s *VolumeSource) bool { return raw(s.AzureFile) }},
	{"vsphereVolume", "vsphereVolume", func(s *VolumeSource) bool { return raw(s.VsphereVolume) }},
	{"photonPersistentDisk", "photonPersistentDisk", func(s *VolumeSource) bool { return raw(s.PhotonPersistentDisk) }},
	{"portworxVolume", "portworxVolume", func(s *VolumeSource) bool { return raw(s.PortworxVolume) }},
	{"azureDisk", "azureDisk", func(s *VolumeSource) bool { return raw(s.AzureDisk) }},
	{"storageos", "storageos", func(s *VolumeSource) bool { return raw(s.StorageOS) }},
	{"projected", "projected", func(s *VolumeSource) bool { return s.Projected != nil }},
	{"scaleIO", "scaleIO", func(s *VolumeSource) bool { return raw(s.ScaleIO) }},
	{"csi", "csi", func(s *VolumeSource) bool { return raw(s.CSI) }},
	{"ephemeral", "ephemeral", func(s *VolumeSource) bool { return s.Ephemeral != nil }},
	{"image", "image", func(s *VolumeSource) bool { return s.Image != nil }},
}

// Kinds returns the JSON names of the sources set, in the apiserver's
// order; a valid volume has exactly one.
func (s *VolumeSource) Kinds() []string {
	var out []string
	for _, k := range sourceKinds {
		if k.set(s) {
			out = append(out, k.json)
		}
	}
	return out
}

// Kind returns the volume's kind: the JSON name of its first source in the
// apiserver's order, or "" when none is set.
func (s *VolumeSource) Kind() string {
	for _, k := range sourceKinds {
		if k.set(s) {
			return k.json
		}
	}
	return ""
}

// modelledKinds are the sources podlife validates field by field; the
// others are checked only for being the one source.
var modelledKinds = map[string]bool{
	"emptyDir": true, "hostPath": true, "secret": true, "persistentVolumeClaim": true,
	"downwardAPI": true, "configMap": true, "projected": true,
}

// EmptyDirSource is a scratch directory that lives as long as the pod
// (API type v1.EmptyDirVolumeSource).
type EmptyDirSource struct {
	Medium StorageMedium `json:"medium,omitempty"`
	// SizeLimit caps the volume; absent is no cap (other than the node's).
	SizeLimit *resource.Quantity `json:"sizeLimit,omitempty"`
	// Mode is the directory's permission bits, 0 to 01777.
	Mode *int32 `json:"mode,omitempty"`
}

// HostPathType is what a hostPath must be on the node (API type
// v1.HostPathType); "" checks nothing.
type HostPathType string

// The host path types.
const (
	HostPathUnset             HostPathType = ""
	HostPathDirectoryOrCreate HostPathType = "DirectoryOrCreate"
	HostPathDirectory         HostPathType = "Directory"
	HostPathFileOrCreate      HostPathType = "FileOrCreate"
	HostPathFile              HostPathType = "File"
	HostPathSocket            HostPathType = "Socket"
	HostPathCharDev           HostPathType = "CharDevice"
	HostPathBlockDev          HostPathType = "BlockDevice"
)

// HostPathSource mounts a path of the node (API type
// v1.HostPathVolumeSource).
type HostPathSource struct {
	Path string        `json:"path"`
	Type *HostPathType `json:"type,omitempty"`
}

// KeyToPath projects one key of a ConfigMap or Secret to a file (API type
// v1.KeyToPath).
type KeyToPath struct {
	Key  string `json:"key"`
	Path string `json:"path"`
	// Mode is the file's permission bits, 0 to 0777.
	Mode *int32 `json:"mode,omitempty"`
	// User owns the file (a user ID, 0 to 2^31-1).
	User *int64 `json:"user,omitempty"`
}

// SecretSource is a Secret's keys as files (API type
// v1.SecretVolumeSource).
type SecretSource struct {
	SecretName  string      `json:"secretName,omitempty"`
	Items       []KeyToPath `json:"items,omitempty"`
	DefaultMode *int32      `json:"defaultMode,omitempty"`
	DefaultUser *int64      `json:"defaultUser,omitempty"`
	Optional    *bool       `json:"optional,omitempty"`
}

// ConfigMapSource is a ConfigMap's keys as files (API type
// v1.ConfigMapVolumeSource).
type ConfigMapSource struct {
	Name        string      `json:"name,omitempty"`
	Items       []KeyToPath `json:"items,omitempty"`
	DefaultMode *int32      `json:"defaultMode,omitempty"`
	DefaultUser *int64      `json:"defaultUser,omitempty"`
	Optional    *bool       `json:"optional,omitempty"`
}

// PVCSource mounts a PersistentVolumeClaim (API type
// v1.PersistentVolumeClaimVolumeSource).
type PVCSource struct {
	ClaimName string `json:"claimName"`
	ReadOnly  bool   `json:"readOnly,omitempty"`
}

// DownwardAPIFile is one file of a downwardAPI volume: a field of the pod
// or a resource of a container (API type v1.DownwardAPIVolumeFile).
type DownwardAPIFile struct {
	Path             string                      `json:"path"`
	FieldRef         *container.FieldRef         `json:"fieldRef,omitempty"`
	ResourceFieldRef *container.ResourceFieldRef `json:"resourceFieldRef,omitempty"`
	Mode             *int32                      `json:"mode,omitempty"`
	User             *int64                      `json:"user,omitempty"`
}

// DownwardAPISource exposes facts about the pod as files (API type
// v1.DownwardAPIVolumeSource).
type DownwardAPISource struct {
	Items       []DownwardAPIFile `json:"items,omitempty"`
	DefaultMode *int32            `json:"defaultMode,omitempty"`
	DefaultUser *int64            `json:"defaultUser,omitempty"`
}

// ProjectedSource merges several sources into one directory (API type
// v1.ProjectedVolumeSource); it is how the service-account token is
// mounted.
type ProjectedSource struct {
	Sources     []Projection `json:"sources"`
	DefaultMode *int32       `json:"defaultMode,omitempty"`
	DefaultUser *int64       `json:"defaultUser,omitempty"`
}

// Projection is one source of a projected volume (API type
// v1.VolumeProjection); exactly one field should be set.
type Projection struct {
	Secret              *SecretProjection              `json:"secret,omitempty"`
	DownwardAPI         *DownwardAPIProjection         `json:"downwardAPI,omitempty"`
	ConfigMap           *ConfigMapProjection           `json:"configMap,omitempty"`
	ServiceAccountToken *ServiceAccountTokenProjection `json:"serviceAccountToken,omitempty"`
	// ClusterTrustBundle and PodCertificate are kept, not validated.
	ClusterTrustBundle json.RawMessage `json:"clusterTrustBundle,omitempty"`
	PodCertificate     json.RawMessage `json:"podCertificate,omitempty"`
}

// SecretProjection: API type v1.SecretProjection.
type SecretProjection struct {
	Name     string      `json:"name,omitempty"`
	Items    []KeyToPath `json:"items,omitempty"`
	Optional *bool       `json:"optional,omitempty"`
}

// ConfigMapProjection: API type v1.ConfigMapProjection.
type ConfigMapProjection struct {
	Name     string      `json:"name,omitempty"`
	Items    []KeyToPath `json:"items,omitempty"`
	Optional *bool       `json:"optional,omitempty"`
}

// DownwardAPIProjection: API type v1.DownwardAPIProjection.
type DownwardAPIProjection struct {
	Items []DownwardAPIFile `json:"items,omitempty"`
}

// ServiceAccountTokenProjection is a token of the pod's service account
// (API type v1.ServiceAccountTokenProjection).
type ServiceAccountTokenProjection struct {
	Audience string `json:"audience,omitempty"`
	// ExpirationSeconds defaults to 3600; at least 600.
	ExpirationSeconds *int64 `json:"expirationSeconds,omitempty"`
	Path              string `json:"path"`
	User              *int64 `json:"user,omitempty"`
}

// EphemeralSource is a PersistentVolumeClaim created with the pod and
// deleted with it (API type v1.EphemeralVolumeSource); its claim template
// is kept, not validated.
type EphemeralSource struct {
	VolumeClaimTemplate json.RawMessage `json:"volumeClaimTemplate,omitempty"`
}

// ImageVolumeSource mounts an OCI image (API type v1.ImageVolumeSource).
type ImageVolumeSource struct {
	Reference  string `json:"reference,omitempty"`
	PullPolicy string `json:"pullPolicy,omitempty"`
}

// OSName is the operating system a pod is for (API type v1.OSName).
type OSName string

// The operating systems.
const (
	Linux   OSName = "linux"
	Windows OSName = "windows"
)

// PodOS is spec.os (API type v1.PodOS).
type PodOS struct {
	Name OSName `json:"name"`
}

// QOSClass is a pod's quality-of-service class (API type v1.PodQOSClass):
// what the kubelet's eviction order and cgroups are built on.
type QOSClass string

// The QoS classes.
const (
	// Guaranteed: every container has cpu and memory limits equal to its
	// requests (or the pod-level resources do).
	Guaranteed QOSClass = "Guaranteed"
	// Burstable: some cpu or memory is requested or limited, but the pod
	// is not Guaranteed.
	Burstable QOSClass = "Burstable"
	// BestEffort: no cpu or memory request or limit at all; evicted first.
	BestEffort QOSClass = "BestEffort"
)
