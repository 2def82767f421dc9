package kube

import (
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"
	apiresource "k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
	"pgregory.net/rapid"
)

// Generators of corev1.Pods: every field podlife models and several it
// does not, with the API's corners (nil and empty lists, times with
// nanoseconds in other zones, quantities in every format, ports by number
// and by name).

func pick[T any](t *rapid.T, label string, vs ...T) T {
	return vs[rapid.IntRange(0, len(vs)-1).Draw(t, label)]
}

func maybe(t *rapid.T, label string) bool { return rapid.IntRange(0, 2).Draw(t, label) == 0 }

func genString(t *rapid.T, label string) string {
	return pick(t, label, "", "a", "app", "web-1", "Ready", "10.0.0.7", "example.com/gate", "<&>")
}

func genStrings(t *rapid.T, label string) []string {
	switch rapid.IntRange(0, 3).Draw(t, label+"/n") {
	case 0:
		return nil
	case 1:
		return []string{}
	}
	return rapid.SliceOfN(rapid.SampledFrom([]string{"sh", "-c", "sleep 1", ""}), 1, 3).Draw(t, label)
}

func ptr[T any](v T) *T { return &v }

func genInt32Ptr(t *rapid.T, label string) *int32 {
	if maybe(t, label+"?") {
		return ptr(rapid.Int32Range(-1, 0777).Draw(t, label))
	}
	return nil
}

func genInt64Ptr(t *rapid.T, label string) *int64 {
	if maybe(t, label+"?") {
		return ptr(rapid.Int64Range(-5, 7200).Draw(t, label))
	}
	return nil
}

func genBoolPtr(t *rapid.T, label string) *bool {
	if maybe(t, label+"?") {
		return ptr(rapid.Bool().Draw(t, label))
	}
	return nil
}

var zones = []*time.Location{time.UTC, time.FixedZone("east", 5*3600+1800), time.FixedZone("west", -8*3600), time.Local}

func genTime(t *rapid.T, label string) metav1.Time {
	if maybe(t, label+"?") {
		return metav1.Time{}
	}
	sec := rapid.Int64Range(1_600_000_000, 1_900_000_000).Draw(t, label+"/s")
	ns := pick(t, label+"/ns", 0, 0, 1, 999_999_999, 500_000_000)
	return metav1.NewTime(time.Unix(sec, int64(ns)).In(pick(t, label+"/zone", zones...)))
}

func genTimePtr(t *rapid.T, label string) *metav1.Time {
	if maybe(t, label+"?") {
		return nil
	}
	v := genTime(t, label)
	return &v
}

func genQuantity(t *rapid.T, label string) apiresource.Quantity {
	if rapid.Bool().Draw(t, label+"/parsed") {
		return apiresource.MustParse(pick(t, label, "0", "100m", "1", "1.5", "2e3", "1Gi", "1024Mi", "500M", "0.1", "12345678901n", "+1", "007"))
	}
	format := pick(t, label+"/format", apiresource.DecimalSI, apiresource.BinarySI, apiresource.DecimalExponent)
	return *apiresource.NewMilliQuantity(rapid.Int64Range(0, 1<<40).Draw(t, label+"/milli"), format)
}

func genResourceList(t *rapid.T, label string) corev1.ResourceList {
	n := rapid.IntRange(-1, 3).Draw(t, label+"/n")
	if n < 0 {
		return nil
	}
	l := corev1.ResourceList{}
	for i := 0; i < n; i++ {
		name := pick(t, label+"/name", corev1.ResourceCPU, corev1.ResourceMemory, corev1.ResourceEphemeralStorage, "hugepages-2Mi", "example.com/gpu")
		l[name] = genQuantity(t, label+"/q")
	}
	return l
}

func genResources(t *rapid.T, label string) corev1.ResourceRequirements {
	r := corev1.ResourceRequirements{Limits: genResourceList(t, label+"/limits"), Requests: genResourceList(t, label+"/requests")}
	if maybe(t, label+"/claims?") {
		r.Claims = []corev1.ResourceClaim{{Name: genString(t, label+"/claim"), Request: genString(t, label+"/request")}}
	}
	return r
}

func genPort(t *rapid.T, label string) intstr.IntOrString {
	if rapid.Bool().Draw(t, label+"/named") {
		return intstr.FromString(pick(t, label, "http", "80", ""))
	}
	return intstr.FromInt32(rapid.Int32Range(-1, 70000).Draw(t, label))
}

func genExec(t *rapid.T, label string) *corev1.ExecAction {
	if maybe(t, label+"?") {
		return &corev1.ExecAction{Command: genStrings(t, label)}
	}
	return nil
}

func genHTTPGet(t *rapid.T, label string) *corev1.HTTPGetAction {
	if !maybe(t, label+"?") {
		return nil
	}
	h := &corev1.HTTPGetAction{Path: pick(t, label+"/path", "", "/healthz"), Port: genPort(t, label+"/port"),
		Host: genString(t, label+"/host"), Scheme: pick(t, label+"/scheme", corev1.URISchemeHTTP, corev1.URISchemeHTTPS, "")}
	if maybe(t, label+"/headers?") {
		h.HTTPHeaders = []corev1.HTTPHeader{{Name: "X", Value: genString(t, label+"/hv")}}
	}
	if maybe(t, label+"/protocol?") {
		h.Protocol = ptr(corev1.HTTPProtocol("HTTP2"))
	}
	return h
}

func genTCP(t *rapid.T, label string) *corev1.TCPSocketAction {
	if maybe(t, label+"?") {
		return &corev1.TCPSocketAction{Port: genPort(t, label+"/port"), Host: genString(t, label+"/host")}
	}
	return nil
}

func genProbe(t *rapid.T, label string) *corev1.Probe {
	if !maybe(t, label+"?") {
		return nil
	}
	p := &corev1.Probe{
		ProbeHandler: corev1.ProbeHandler{Exec: genExec(t, label+"/exec"), HTTPGet: genHTTPGet(t, label+"/http"),
			TCPSocket: genTCP(t, label+"/tcp")},
		InitialDelaySeconds:           rapid.Int32Range(-1, 30).Draw(t, label+"/delay"),
		TimeoutSeconds:                rapid.Int32Range(0, 5).Draw(t, label+"/timeout"),
		PeriodSeconds:                 rapid.Int32Range(0, 20).Draw(t, label+"/period"),
		SuccessThreshold:              rapid.Int32Range(0, 3).Draw(t, label+"/success"),
		FailureThreshold:              rapid.Int32Range(0, 5).Draw(t, label+"/failure"),
		TerminationGracePeriodSeconds: genInt64Ptr(t, label+"/grace"),
	}
	if maybe(t, label+"/grpc?") {
		p.GRPC = &corev1.GRPCAction{Port: rapid.Int32Range(0, 9000).Draw(t, label+"/grpc")}
		if rapid.Bool().Draw(t, label+"/service?") {
			p.GRPC.Service = ptr(genString(t, label+"/service"))
		}
	}
	return p
}

func genHandler(t *rapid.T, label string) *corev1.LifecycleHandler {
	if !maybe(t, label+"?") {
		return nil
	}
	h := &corev1.LifecycleHandler{Exec: genExec(t, label+"/exec"), HTTPGet: genHTTPGet(t, label+"/http"), TCPSocket: genTCP(t, label+"/tcp")}
	if maybe(t, label+"/sleep?") {
		h.Sleep = &corev1.SleepAction{Seconds: rapid.Int64Range(-1, 60).Draw(t, label+"/sleep")}
	}
	return h
}

func genEnv(t *rapid.T, label string) corev1.EnvVar {
	e := corev1.EnvVar{Name: pick(t, label+"/name", "A", "POD_NAME", ""), Value: genString(t, label+"/value")}
	if !maybe(t, label+"/from?") {
		return e
	}
	f := &corev1.EnvVarSource{}
	switch rapid.IntRange(0, 4).Draw(t, label+"/kind") {
	case 0:
		f.FieldRef = &corev1.ObjectFieldSelector{APIVersion: pick(t, label+"/v", "", "v1"), FieldPath: "metadata.name"}
	case 1:
		f.ResourceFieldRef = &corev1.ResourceFieldSelector{ContainerName: genString(t, label+"/c"), Resource: "limits.memory"}
		if rapid.Bool().Draw(t, label+"/divisor?") {
			f.ResourceFieldRef.Divisor = genQuantity(t, label+"/divisor")
		}
	case 2:
		f.ConfigMapKeyRef = &corev1.ConfigMapKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: "cm"}, Key: "k", Optional: genBoolPtr(t, label+"/opt")}
	case 3:
		f.SecretKeyRef = &corev1.SecretKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: "s"}, Key: "k", Optional: genBoolPtr(t, label+"/opt")}
	case 4:
		f.FileKeyRef = &corev1.FileKeySelector{VolumeName: "v", Path: "env", Key: "K", Optional: genBoolPtr(t, label+"/opt")}
	}
	e.ValueFrom = f
	return e
}

func genContainer(t *rapid.T, label string) corev1.Container {
	c := corev1.Container{
		Name:                   pick(t, label+"/name", "app", "sidecar", "init", "", "app"),
		Image:                  genString(t, label+"/image"),
		ImagePullPolicy:        pick(t, label+"/pull", corev1.PullAlways, corev1.PullIfNotPresent, corev1.PullNever, ""),
		TerminationMessagePath: pick(t, label+"/tmpath", corev1.TerminationMessagePathDefault, "", "/tmp/done"),
		TerminationMessagePolicy: pick(t, label+"/tmpolicy", corev1.TerminationMessageReadFile,
			corev1.TerminationMessageFallbackToLogsOnError, "", "Bogus"),
		Command:        genStrings(t, label+"/command"),
		Args:           genStrings(t, label+"/args"),
		StartupProbe:   genProbe(t, label+"/startup"),
		LivenessProbe:  genProbe(t, label+"/liveness"),
		ReadinessProbe: genProbe(t, label+"/readiness"),
		Resources:      genResources(t, label+"/resources"),
		WorkingDir:     genString(t, label+"/workdir"),
		TTY:            rapid.Bool().Draw(t, label+"/tty"),
	}
	if maybe(t, label+"/restart?") {
		c.RestartPolicy = ptr(pick(t, label+"/restart", corev1.ContainerRestartPolicyAlways, corev1.ContainerRestartPolicyOnFailure, corev1.ContainerRestartPolicyNever, ""))
	}
	for range rapid.IntRange(0, 2).Draw(t, label+"/rules") {
		r := corev1.ContainerRestartRule{Action: pick(t, label+"/action", corev1.ContainerRestartRuleActionRestart, "RestartAllContainers", "")}
		if maybe(t, label+"/codes?") {
			r.ExitCodes = &corev1.ContainerRestartRuleOnExitCodes{Operator: pick(t, label+"/op", corev1.ContainerRestartRuleOnExitCodesOpIn, corev1.ContainerRestartRuleOnExitCodesOpNotIn),
				Values: rapid.SliceOfN(rapid.Int32Range(0, 255), 0, 3).Draw(t, label+"/values")}
		}
		c.RestartPolicyRules = append(c.RestartPolicyRules, r)
	}
	if maybe(t, label+"/lifecycle?") {
		c.Lifecycle = &corev1.Lifecycle{PostStart: genHandler(t, label+"/poststart"), PreStop: genHandler(t, label+"/prestop")}
		if maybe(t, label+"/stopsignal?") {
			c.Lifecycle.StopSignal = ptr(corev1.SIGTERM)
		}
	}
	for range rapid.IntRange(0, 2).Draw(t, label+"/ports") {
		c.Ports = append(c.Ports, corev1.ContainerPort{Name: pick(t, label+"/pname", "", "http"), HostPort: rapid.Int32Range(0, 9000).Draw(t, label+"/hp"),
			ContainerPort: rapid.Int32Range(0, 9000).Draw(t, label+"/cp"), Protocol: pick(t, label+"/proto", corev1.ProtocolTCP, corev1.ProtocolUDP, ""), HostIP: genString(t, label+"/hip")})
	}
	for range rapid.IntRange(0, 3).Draw(t, label+"/envs") {
		c.Env = append(c.Env, genEnv(t, label+"/env"))
	}
	if maybe(t, label+"/envfrom?") {
		f := corev1.EnvFromSource{Prefix: genString(t, label+"/prefix")}
		if rapid.Bool().Draw(t, label+"/cm") {
			f.ConfigMapRef = &corev1.ConfigMapEnvSource{LocalObjectReference: corev1.LocalObjectReference{Name: "cm"}, Optional: genBoolPtr(t, label+"/o")}
		} else {
			f.SecretRef = &corev1.SecretEnvSource{LocalObjectReference: corev1.LocalObjectReference{Name: "s"}, Optional: genBoolPtr(t, label+"/o")}
		}
		c.EnvFrom = append(c.EnvFrom, f)
	}
	for range rapid.IntRange(0, 2).Draw(t, label+"/mounts") {
		m := corev1.VolumeMount{Name: pick(t, label+"/vol", "data", "cfg"), ReadOnly: rapid.Bool().Draw(t, label+"/ro"),
			MountPath: pick(t, label+"/path", "/data", "rel", ""), SubPath: genString(t, label+"/sub"), SubPathExpr: genString(t, label+"/subexpr")}
		if maybe(t, label+"/rro?") {
			m.RecursiveReadOnly = ptr(corev1.RecursiveReadOnlyIfPossible)
		}
		if maybe(t, label+"/prop?") {
			m.MountPropagation = ptr(corev1.MountPropagationHostToContainer)
		}
		c.VolumeMounts = append(c.VolumeMounts, m)
	}
	return c
}

func genKeys(t *rapid.T, label string) []corev1.KeyToPath {
	if !maybe(t, label+"?") {
		return nil
	}
	return []corev1.KeyToPath{{Key: "k", Path: genString(t, label+"/path"), Mode: genInt32Ptr(t, label+"/mode"), User: genInt64Ptr(t, label+"/user")}}
}

func genDownwardFiles(t *rapid.T, label string) []corev1.DownwardAPIVolumeFile {
	if !maybe(t, label+"?") {
		return nil
	}
	f := corev1.DownwardAPIVolumeFile{Path: "labels", Mode: genInt32Ptr(t, label+"/mode"), User: genInt64Ptr(t, label+"/user")}
	if rapid.Bool().Draw(t, label+"/field") {
		f.FieldRef = &corev1.ObjectFieldSelector{FieldPath: "metadata.labels"}
	} else {
		f.ResourceFieldRef = &corev1.ResourceFieldSelector{ContainerName: "app", Resource: "requests.cpu", Divisor: genQuantity(t, label+"/divisor")}
	}
	return []corev1.DownwardAPIVolumeFile{f}
}

func genVolume(t *rapid.T, label string) corev1.Volume {
	v := corev1.Volume{Name: pick(t, label+"/name", "data", "cfg", "")}
	s := &v.VolumeSource
	// Usually one source, sometimes two (which validation refuses).
	for range rapid.IntRange(0, 2).Draw(t, label+"/sources") {
		switch rapid.IntRange(0, 12).Draw(t, label+"/kind") {
		case 0:
			s.EmptyDir = &corev1.EmptyDirVolumeSource{Medium: pick(t, label+"/medium", corev1.StorageMediumDefault, corev1.StorageMediumMemory), Mode: genInt32Ptr(t, label+"/mode")}
			if maybe(t, label+"/limit?") {
				s.EmptyDir.SizeLimit = ptr(genQuantity(t, label+"/limit"))
			}
		case 1:
			s.HostPath = &corev1.HostPathVolumeSource{Path: "/var/log"}
			if maybe(t, label+"/type?") {
				s.HostPath.Type = ptr(corev1.HostPathDirectoryOrCreate)
			}
		case 2:
			s.Secret = &corev1.SecretVolumeSource{SecretName: genString(t, label+"/secret"), Items: genKeys(t, label+"/items"),
				DefaultMode: genInt32Ptr(t, label+"/mode"), Optional: genBoolPtr(t, label+"/opt"), DefaultUser: genInt64Ptr(t, label+"/user")}
		case 3:
			s.ConfigMap = &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: genString(t, label+"/cm")},
				Items: genKeys(t, label+"/items"), DefaultMode: genInt32Ptr(t, label+"/mode"), Optional: genBoolPtr(t, label+"/opt"), DefaultUser: genInt64Ptr(t, label+"/user")}
		case 4:
			s.PersistentVolumeClaim = &corev1.PersistentVolumeClaimVolumeSource{ClaimName: genString(t, label+"/claim"), ReadOnly: rapid.Bool().Draw(t, label+"/ro")}
		case 5:
			s.DownwardAPI = &corev1.DownwardAPIVolumeSource{Items: genDownwardFiles(t, label+"/items"), DefaultMode: genInt32Ptr(t, label+"/mode"), DefaultUser: genInt64Ptr(t, label+"/user")}
		case 6:
			s.Projected = &corev1.ProjectedVolumeSource{DefaultMode: genInt32Ptr(t, label+"/mode"), DefaultUser: genInt64Ptr(t, label+"/user")}
			switch rapid.IntRange(0, 2).Draw(t, label+"/projections") {
			case 1:
				s.Projected.Sources = []corev1.VolumeProjection{}
			case 2:
				s.Projected.Sources = []corev1.VolumeProjection{
					{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Audience: genString(t, label+"/aud"), ExpirationSeconds: genInt64Ptr(t, label+"/exp"), Path: "token", User: genInt64Ptr(t, label+"/user")}},
					{ConfigMap: &corev1.ConfigMapProjection{LocalObjectReference: corev1.LocalObjectReference{Name: "kube-root-ca.crt"}, Items: genKeys(t, label+"/items"), Optional: genBoolPtr(t, label+"/opt")}},
					{Secret: &corev1.SecretProjection{LocalObjectReference: corev1.LocalObjectReference{Name: "s"}, Items: genKeys(t, label+"/sitems")}},
					{DownwardAPI: &corev1.DownwardAPIProjection{Items: genDownwardFiles(t, label+"/ditems")}},
					{ClusterTrustBundle: &corev1.ClusterTrustBundleProjection{Name: ptr("bundle"), Path: "ca.crt"}},
				}
			}
		case 7:
			s.NFS = &corev1.NFSVolumeSource{Server: "nfs.example.com", Path: "/export", ReadOnly: rapid.Bool().Draw(t, label+"/ro")}
		case 8:
			s.CSI = &corev1.CSIVolumeSource{Driver: "csi.example.com", VolumeAttributes: map[string]string{"z": "1", "a": "<2>"}}
		case 9:
			s.Ephemeral = &corev1.EphemeralVolumeSource{}
			if rapid.Bool().Draw(t, label+"/template?") {
				s.Ephemeral.VolumeClaimTemplate = &corev1.PersistentVolumeClaimTemplate{Spec: corev1.PersistentVolumeClaimSpec{
					AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
					Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: genQuantity(t, label+"/size")}}}}
			}
		case 10:
			s.Image = &corev1.ImageVolumeSource{Reference: genString(t, label+"/ref"), PullPolicy: pick(t, label+"/pull", corev1.PullAlways, "")}
		case 11:
			s.GitRepo = &corev1.GitRepoVolumeSource{Repository: "https://example.com/r.git"}
		case 12:
			s.AWSElasticBlockStore = &corev1.AWSElasticBlockStoreVolumeSource{VolumeID: "vol-1", Partition: 1}
		}
	}
	return v
}

func genState(t *rapid.T, label string) corev1.ContainerState {
	var s corev1.ContainerState
	switch rapid.IntRange(0, 4).Draw(t, label) {
	case 1:
		s.Waiting = &corev1.ContainerStateWaiting{Reason: pick(t, label+"/reason", "CrashLoopBackOff", "ContainerCreating", ""),
			Message: pick(t, label+"/msg", "", "back-off 40s restarting failed container=app pod=p_ns(uid)")}
	case 2:
		s.Running = &corev1.ContainerStateRunning{StartedAt: genTime(t, label+"/started")}
	case 3:
		s.Terminated = &corev1.ContainerStateTerminated{ExitCode: rapid.Int32Range(0, 255).Draw(t, label+"/code"), Signal: rapid.Int32Range(0, 15).Draw(t, label+"/signal"),
			Reason: pick(t, label+"/reason", "Error", "Completed", "OOMKilled", ""), Message: genString(t, label+"/msg"),
			StartedAt: genTime(t, label+"/started"), FinishedAt: genTime(t, label+"/finished"), ContainerID: pick(t, label+"/id", "", "containerd://1")}
	case 4:
		// Two states at once: the API type allows it.
		s.Waiting = &corev1.ContainerStateWaiting{Reason: "PodInitializing"}
		s.Running = &corev1.ContainerStateRunning{StartedAt: genTime(t, label+"/started")}
	}
	return s
}

func genContainerStatus(t *rapid.T, label, name string) corev1.ContainerStatus {
	cs := corev1.ContainerStatus{
		Name: name, State: genState(t, label+"/state"), LastTerminationState: genState(t, label+"/last"),
		Ready: rapid.Bool().Draw(t, label+"/ready"), RestartCount: rapid.Int32Range(0, 12).Draw(t, label+"/restarts"),
		Image: genString(t, label+"/image"), ImageID: genString(t, label+"/imageid"), ContainerID: pick(t, label+"/id", "", "containerd://2"),
		Started: genBoolPtr(t, label+"/started"),
	}
	// What the kubelet reports of resources and mounts, which podlife
	// models.
	if maybe(t, label+"/resources?") {
		res := genResources(t, label+"/resources")
		cs.Resources = &res
		cs.AllocatedResources = res.Requests
	}
	if maybe(t, label+"/mounts?") {
		n := rapid.IntRange(1, 3).Draw(t, label+"/mounts")
		for i := range n {
			m := corev1.VolumeMountStatus{Name: pick(t, label+"/mount/name", "data", "cfg"), MountPath: "/m" + strconv.Itoa(i),
				ReadOnly: rapid.Bool().Draw(t, label+"/mount/ro")}
			if m.ReadOnly || maybe(t, label+"/mount/rro?") {
				m.RecursiveReadOnly = ptr(pick(t, label+"/mount/rro", corev1.RecursiveReadOnlyDisabled, corev1.RecursiveReadOnlyEnabled))
			}
			if maybe(t, label+"/mount/vs?") {
				m.VolumeStatus = &corev1.VolumeStatus{Image: &corev1.ImageVolumeStatus{ImageRef: "registry/data@sha256:1"}}
			}
			cs.VolumeMounts = append(cs.VolumeMounts, m)
		}
	}
	// What podlife does not model, which the way out must keep.
	if maybe(t, label+"/extra?") {
		cs.User = &corev1.ContainerUser{Linux: &corev1.LinuxContainerUser{UID: 1000, GID: 1000}}
		cs.StopSignal = ptr(corev1.SIGTERM)
	}
	return cs
}

func genCondition(t *rapid.T, label string) corev1.PodCondition {
	return corev1.PodCondition{
		Type:               pick[corev1.PodConditionType](t, label+"/type", "PodScheduled", "Initialized", "Ready", "ContainersReady", "PodReadyToStartContainers", "DisruptionTarget", "example.com/gate", "PodResizePending"),
		Status:             pick(t, label+"/status", corev1.ConditionTrue, corev1.ConditionFalse, corev1.ConditionUnknown),
		ObservedGeneration: rapid.Int64Range(0, 3).Draw(t, label+"/gen"),
		LastProbeTime:      genTime(t, label+"/probe"), LastTransitionTime: genTime(t, label+"/transition"),
		Reason: genString(t, label+"/reason"), Message: genString(t, label+"/msg"),
	}
}

// genPod generates a corev1.Pod.
func genPod() *rapid.Generator[*corev1.Pod] {
	return rapid.Custom(func(t *rapid.T) *corev1.Pod {
		p := &corev1.Pod{}
		if rapid.Bool().Draw(t, "typemeta") {
			p.APIVersion, p.Kind = "v1", "Pod"
		}
		m := &p.ObjectMeta
		m.Name, m.GenerateName, m.Namespace = genString(t, "name"), genString(t, "generateName"), pick(t, "ns", "", "default")
		m.UID = types.UID(pick(t, "uid", "", "7f3c2a10-0000-4000-8000-000000000001"))
		m.Generation = rapid.Int64Range(0, 5).Draw(t, "generation")
		m.ResourceVersion = pick(t, "rv", "", "12345")
		switch rapid.IntRange(0, 2).Draw(t, "labels") {
		case 1:
			m.Labels = map[string]string{}
		case 2:
			m.Labels = map[string]string{"app": genString(t, "label")}
		}
		if maybe(t, "annotations?") {
			m.Annotations = map[string]string{pick(t, "akey", "kubernetes.io/config.source", "note"): pick(t, "aval", "api", "file", "")}
		}
		m.CreationTimestamp = genTime(t, "created")
		m.DeletionTimestamp = genTimePtr(t, "deleted")
		m.DeletionGracePeriodSeconds = genInt64Ptr(t, "deletionGrace")
		if maybe(t, "owner?") {
			m.OwnerReferences = []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "web-5d4f", UID: "rs-uid",
				Controller: genBoolPtr(t, "controller"), BlockOwnerDeletion: genBoolPtr(t, "block")}}
		}
		if maybe(t, "finalizers?") {
			m.Finalizers = []string{"example.com/keep"}
		}

		s := &p.Spec
		for range rapid.IntRange(0, 2).Draw(t, "inits") {
			s.InitContainers = append(s.InitContainers, genContainer(t, "init"))
		}
		switch n := rapid.IntRange(-1, 3).Draw(t, "containers"); n {
		case -1:
		case 0:
			s.Containers = []corev1.Container{}
		default:
			for range n {
				s.Containers = append(s.Containers, genContainer(t, "container"))
			}
		}
		if maybe(t, "ephemeral?") {
			e := corev1.EphemeralContainer{EphemeralContainerCommon: corev1.EphemeralContainerCommon(genContainer(t, "ephemeral")), TargetContainerName: "app"}
			s.EphemeralContainers = append(s.EphemeralContainers, e)
		}
		s.RestartPolicy = pick(t, "restartPolicy", corev1.RestartPolicyAlways, corev1.RestartPolicyOnFailure, corev1.RestartPolicyNever, "")
		s.TerminationGracePeriodSeconds = genInt64Ptr(t, "grace")
		s.ActiveDeadlineSeconds = genInt64Ptr(t, "deadline")
		s.NodeName = pick(t, "node", "", "node-1")
		s.HostNetwork = rapid.Bool().Draw(t, "hostNetwork")
		if maybe(t, "gates?") {
			s.ReadinessGates = []corev1.PodReadinessGate{{ConditionType: "example.com/gate"}}
		}
		if maybe(t, "schedulingGates?") {
			s.SchedulingGates = []corev1.PodSchedulingGate{{Name: "example.com/wait"}}
		}
		for range rapid.IntRange(0, 3).Draw(t, "volumes") {
			s.Volumes = append(s.Volumes, genVolume(t, "volume"))
		}
		s.ServiceAccountName = genString(t, "sa")
		s.DeprecatedServiceAccount = genString(t, "deprecatedSA")
		s.Hostname, s.Subdomain = genString(t, "hostname"), genString(t, "subdomain")
		if maybe(t, "override?") {
			s.HostnameOverride = ptr(genString(t, "override"))
		}
		s.SetHostnameAsFQDN = genBoolPtr(t, "fqdn")
		s.ShareProcessNamespace = genBoolPtr(t, "sharePID")
		if maybe(t, "os?") {
			s.OS = &corev1.PodOS{Name: pick(t, "os", corev1.Linux, corev1.Windows)}
		}
		if maybe(t, "podResources?") {
			s.Resources = ptr(genResources(t, "podResources"))
		}
		if maybe(t, "claims?") {
			s.ResourceClaims = []corev1.PodResourceClaim{{Name: "gpu", ResourceClaimTemplateName: ptr("gpu-template")}}
		}
		if maybe(t, "overhead?") {
			s.Overhead = genResourceList(t, "overhead")
		}
		s.DNSPolicy = pick(t, "dns", "", corev1.DNSClusterFirst)
		s.PriorityClassName = genString(t, "priorityClass")

		st := &p.Status
		st.ObservedGeneration = rapid.Int64Range(0, 5).Draw(t, "observedGeneration")
		st.Phase = pick(t, "phase", corev1.PodPending, corev1.PodRunning, corev1.PodSucceeded, corev1.PodFailed, corev1.PodUnknown, "")
		for range rapid.IntRange(0, 4).Draw(t, "conditions") {
			st.Conditions = append(st.Conditions, genCondition(t, "condition"))
		}
		st.Reason, st.Message = genString(t, "reason"), genString(t, "message")
		st.NominatedNodeName = pick(t, "nominated", "", "node-2")
		if maybe(t, "hostIP?") {
			st.HostIP = "192.168.0.1"
			st.HostIPs = []corev1.HostIP{{IP: "192.168.0.1"}, {IP: "fd00::1"}}[:rapid.IntRange(1, 2).Draw(t, "hostIPs")]
		}
		if maybe(t, "podIP?") {
			st.PodIP = "10.0.0.7"
			st.PodIPs = []corev1.PodIP{{IP: "10.0.0.7"}, {IP: "fd00::7"}}[:rapid.IntRange(1, 2).Draw(t, "podIPs")]
		}
		st.StartTime = genTimePtr(t, "startTime")
		st.QOSClass = pick(t, "qos", "", corev1.PodQOSBurstable, corev1.PodQOSBestEffort, corev1.PodQOSGuaranteed)
		for _, c := range s.InitContainers {
			if !maybe(t, "noInitStatus") {
				st.InitContainerStatuses = append(st.InitContainerStatuses, genContainerStatus(t, "initStatus", c.Name))
			}
		}
		for _, c := range s.Containers {
			if !maybe(t, "noStatus") {
				st.ContainerStatuses = append(st.ContainerStatuses, genContainerStatus(t, "status", c.Name))
			}
		}
		for _, c := range s.EphemeralContainers {
			st.EphemeralContainerStatuses = append(st.EphemeralContainerStatuses, genContainerStatus(t, "ephemeralStatus", c.Name))
		}
		if maybe(t, "resize?") {
			st.Resize = corev1.PodResizeStatusInProgress
			st.ResourceClaimStatuses = []corev1.PodResourceClaimStatus{{Name: "gpu", ResourceClaimName: ptr("gpu-abc")}}
		}
		return p
	})
}
