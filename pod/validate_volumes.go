package pod

// Volumes: names, exactly one source, and the sources podlife models
// (pkg/apis/core/validation/validation.go ValidateVolumes,
// validateVolumeSource and the per-source functions).

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/field"
)

const (
	msgMoreThanOneVolumeType = "may not specify more than 1 volume type"
	msgSizeLimit             = "SizeLimit field must be a valid resource quantity"
	msgEmptyDirMode          = "must be a number between 0 and 01777 (octal), both inclusive"
	msgFileMode              = "must be a number between 0 and 0777 (octal), both inclusive"
	msgRelativePath          = "must be a relative path"
	msgNoBacksteps           = "must not contain '..'"
	msgNoLeadingDots         = "must not start with '..'"
	msgConflictingPaths      = "conflicting duplicate paths"
	msgOneSourcePerProj      = "may not specify more than 1 volume type per source"
	msgTokenMinDuration      = "may not specify a duration less than 10 minutes"
	msgTokenMaxDuration      = "may not specify a duration larger than 2^32 seconds"
	msgFieldAndResourceRef   = "fieldRef and resourceFieldRef can not be specified simultaneously"
	msgFieldOrResourceRef    = "one of fieldRef and resourceFieldRef is required"
	msgTokenNeedsSA          = "must not be specified when serviceAccountName is not set"
	msgEphemeralPVCRef       = "must not reference a PVC that gets created for an ephemeral volume"
)

// validVolumeFieldPaths are the fieldRef paths a downwardAPI volume may
// expose (validVolumeDownwardAPIFieldPathExpressions), sorted as upstream
// lists them.
var validVolumeFieldPaths = []string{"metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"}

// supportedHostPathTypes, sorted as upstream lists them in its message.
var supportedHostPathTypes = []string{"", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"}

// validVolumes records which of the pod's volumes validated without an
// error: ValidateVolumes returns only those, so a mount of a broken volume
// is NotFound too. Up to 64 volumes it is a bitset scanned by name (no
// allocation); beyond, a set of names, so that time stays linear.
type validVolumes struct {
	vols  []Volume
	bits  uint64
	names map[string]bool
}

// smallVolumes is how many volumes the bitset covers.
const smallVolumes = 64

func (x *validVolumes) mark(i int) {
	if len(x.vols) <= smallVolumes {
		x.bits |= 1 << uint(i)
		return
	}
	if x.names == nil {
		x.names = make(map[string]bool, len(x.vols))
	}
	x.names[x.vols[i].Name] = true
}

// before reports whether a valid volume among the first n is named name;
// with the set, every volume marked so far counts (volumes are marked in
// order).
func (x *validVolumes) before(name string, n int) bool {
	if len(x.vols) > smallVolumes {
		return x.names[name]
	}
	for j := 0; j < n && j < len(x.vols); j++ {
		if x.bits&(1<<uint(j)) != 0 && x.vols[j].Name == name {
			return true
		}
	}
	return false
}

// has reports whether a valid volume is named name.
func (x *validVolumes) has(name string) bool { return x.before(name, len(x.vols)) }

// ephemeralPVCName reports whether claim is the name of the PVC an
// ephemeral volume vol of pod pod gets: pod + "-" + vol, compared without
// building it.
func ephemeralPVCName(claim, pod, vol string) bool {
	return len(claim) == len(pod)+1+len(vol) && strings.HasPrefix(claim, pod) &&
		claim[len(pod)] == '-' && strings.HasSuffix(claim, vol)
}

// volumes: ValidateVolumes. It records in v.vols the volumes the
// containers' mounts may name.
func (v *podValidator) volumes(vols []Volume, podName string, p *field.Path) {
	v.vols = validVolumes{vols: vols}
	valid := &v.vols
	// The PVCs the ephemeral volumes create, by name: found by a scan for
	// ordinary pods, through a set for many volumes.
	var createdPVCs map[string]bool
	if podName != "" && len(vols) > smallVolumes {
		for i := range vols {
			if vols[i].Ephemeral != nil {
				if createdPVCs == nil {
					createdPVCs = map[string]bool{}
				}
				createdPVCs[podName+"-"+vols[i].Name] = true
			}
		}
	}
	created := func(claim string) bool {
		if podName == "" {
			return false
		}
		if len(vols) > smallVolumes {
			return createdPVCs[claim]
		}
		for j := range vols {
			if vols[j].Ephemeral != nil && ephemeralPVCName(claim, podName, vols[j].Name) {
				return true
			}
		}
		return false
	}
	for i := range vols {
		vol := &vols[i]
		ip := p.Index(i)
		np := ip.Child("name")
		before := len(v.errs)
		v.volumeSource(&vol.VolumeSource, vol.Name, podName, &ip)
		v.requiredAnd(&np, vol.Name, dnsLabelProblems)
		if valid.before(vol.Name, i) {
			v.add(&np, field.ErrorTypeDuplicate, vol.Name, "")
		}
		if len(v.errs) == before {
			valid.mark(i)
		}
		if c := vol.PersistentVolumeClaim; c != nil && created(c.ClaimName) {
			pp := ip.Child("persistentVolumeClaim")
			cp := pp.Child("claimName")
			v.add(&cp, field.ErrorTypeInvalid, c.ClaimName, msgEphemeralPVCRef)
		}
	}
}

// volumeSource: validateVolumeSource. The first source set (in upstream's
// order) is validated; every later one is Forbidden.
func (v *podValidator) volumeSource(s *VolumeSource, volName, podName string, p *field.Path) {
	n := 0
	for _, k := range sourceKinds {
		if !k.set(s) {
			continue
		}
		kp := p.Child(k.path)
		if n > 0 {
			v.add(&kp, field.ErrorTypeForbidden, nil, msgMoreThanOneVolumeType)
			continue
		}
		n++
		switch k.json {
		case "emptyDir":
			v.emptyDir(s.EmptyDir, &kp)
		case "hostPath":
			v.hostPath(s.HostPath, &kp)
		case "secret":
			v.secretSource(s.Secret, &kp)
		case "persistentVolumeClaim":
			if s.PersistentVolumeClaim.ClaimName == "" {
				cp := kp.Child("claimName")
				v.add(&cp, field.ErrorTypeRequired, nil, "")
			}
		case "downwardAPI":
			// Validated under its right name (only the Forbidden path above
			// is misspelled upstream).
			dp := p.Child("downwardAPI")
			v.downwardAPISource(s.DownwardAPI, &dp)
		case "configMap":
			v.configMapSource(s.ConfigMap, &kp)
		case "projected":
			v.projectedSource(s.Projected, &kp)
		case "ephemeral":
			v.ephemeralSource(s.Ephemeral, volName, podName, p, &kp)
		case "csi":
			v.csiSource(*s.CSI, &kp)
		case "nfs":
			v.nfsSource(*s.NFS, &kp)
		case "gitRepo":
			v.gitRepoSource(*s.GitRepo, &kp)
		case "image":
			v.imageSource(s.Image, &kp)
		default:
			jp := p.Child(k.json)
			v.notChecked(&jp)
		}
	}
	if n == 0 {
		// SetDefaults_Volume makes a volume without a source an emptyDir, so
		// upstream's Required ("must specify a volume type") is unreachable on
		// create.
		kp := p.Child("emptyDir")
		v.emptyDir(defaultedEmptyDir(s), &kp)
	}
}

func (v *podValidator) emptyDir(e *EmptyDirSource, p *field.Path) {
	if e.SizeLimit != nil && e.SizeLimit.Sign() < 0 {
		sp := p.Child("sizeLimit")
		v.add(&sp, field.ErrorTypeForbidden, nil, msgSizeLimit)
	}
	// emptyDir.mode needs gate EmptyDirVolumeMode (alpha, off in v1.37): the
	// apiserver drops it on create before validating.
	if allowEmptyDirMode && e.Mode != nil && (*e.Mode > 0o1777 || *e.Mode < 0) {
		mp := p.Child("mode")
		v.add(&mp, field.ErrorTypeInvalid, *e.Mode, msgEmptyDirMode)
	}
}

// hostPath: validateHostPathVolumeSource.
func (v *podValidator) hostPath(h *HostPathSource, p *field.Path) {
	pp := p.Child("path")
	if h.Path == "" {
		v.add(&pp, field.ErrorTypeRequired, nil, "")
		return
	}
	v.noBacksteps(h.Path, &pp)
	if h.Type != nil {
		ok := false
		for _, t := range supportedHostPathTypes {
			ok = ok || string(*h.Type) == t
		}
		if !ok {
			tp := p.Child("type")
			v.add(&tp, field.ErrorTypeNotSupported, string(*h.Type), msgHostPathTypes)
		}
	}
}

func (v *podValidator) fileMode(m *int32, p *field.Path, name string) {
	if m != nil && (*m > 0o777 || *m < 0) {
		mp := p.Child(name)
		v.add(&mp, field.ErrorTypeInvalid, *m, msgFileMode)
	}
}

// The alpha gates, off in v1.37, whose fields the apiserver drops on create
// (pkg/api/pod/util.go dropDisabledPodFields): the checks are kept for
// when they graduate.
const (
	allowEmptyDirMode     = false // EmptyDirVolumeMode
	allowVolumeUserFields = false // AtomicWriteVolumeUserFields
)

// userField: validateUserField (IsValidUserID); the user fields need gate
// AtomicWriteVolumeUserFields.
func (v *podValidator) userField(u *int64, p *field.Path, name string) {
	if allowVolumeUserFields && u != nil && (*u < 0 || *u > 1<<31-1) {
		up := p.Child(name)
		v.add(&up, field.ErrorTypeInvalid, *u, rangeMsg(0, 1<<31-1))
	}
}

// secretSource: validateSecretVolumeSource.
func (v *podValidator) secretSource(s *SecretSource, p *field.Path) {
	if s.SecretName == "" {
		np := p.Child("secretName")
		v.add(&np, field.ErrorTypeRequired, nil, "")
	}
	v.fileMode(s.DefaultMode, p, "defaultMode")
	v.userField(s.DefaultUser, p, "defaultUser")
	v.keyToPaths(s.Items, p)
}

// configMapSource: validateConfigMapVolumeSource.
func (v *podValidator) configMapSource(c *ConfigMapSource, p *field.Path) {
	if c.Name == "" {
		np := p.Child("name")
		v.add(&np, field.ErrorTypeRequired, nil, "")
	}
	v.fileMode(c.DefaultMode, p, "defaultMode")
	v.userField(c.DefaultUser, p, "defaultUser")
	v.keyToPaths(c.Items, p)
}

func (v *podValidator) keyToPaths(items []KeyToPath, p *field.Path) {
	ip := p.Child("items")
	for i := range items {
		xp := ip.Index(i)
		v.keyToPath(&items[i], &xp)
	}
}

// keyToPath: validateKeyToPath.
func (v *podValidator) keyToPath(kp *KeyToPath, p *field.Path) {
	if kp.Key == "" {
		k := p.Child("key")
		v.add(&k, field.ErrorTypeRequired, nil, "")
	}
	pp := p.Child("path")
	if kp.Path == "" {
		v.add(&pp, field.ErrorTypeRequired, nil, "")
	}
	v.localNonReservedPath(kp.Path, &pp)
	v.fileMode(kp.Mode, p, "mode")
	v.userField(kp.User, p, "user")
}

// noBacksteps: validatePathNoBacksteps (one error however many "..").
func (v *podValidator) noBacksteps(s string, p *field.Path) {
	if hasBackstep(s) {
		v.add(p, field.ErrorTypeInvalid, s, msgNoBacksteps)
	}
}

// hasBackstep reports whether s has a ".." element between slashes.
func hasBackstep[S text](s S) bool {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '/' {
			if i-start == 2 && s[start] == '.' && s[start+1] == '.' {
				return true
			}
			start = i + 1
		}
	}
	return false
}

// isAbsPath is path.IsAbs: s starts with '/'.
func isAbsPath[S text](s S) bool { return len(s) > 0 && s[0] == '/' }

// localDescendingPath: validateLocalDescendingPath.
func (v *podValidator) localDescendingPath(s string, p *field.Path) {
	if isAbsPath(s) {
		v.add(p, field.ErrorTypeInvalid, s, msgRelativePath)
	}
	v.noBacksteps(s, p)
}

// localNonReservedPath: ValidateLocalNonReservedPath.
func (v *podValidator) localNonReservedPath(s string, p *field.Path) {
	v.localDescendingPath(s, p)
	if strings.HasPrefix(s, "..") && !strings.HasPrefix(s, "../") {
		v.add(p, field.ErrorTypeInvalid, s, msgNoLeadingDots)
	}
}

// downwardAPISource: validateDownwardAPIVolumeSource. Items are validated
// under the source's path itself, without their index, as upstream does.
func (v *podValidator) downwardAPISource(d *DownwardAPISource, p *field.Path) {
	v.fileMode(d.DefaultMode, p, "defaultMode")
	v.userField(d.DefaultUser, p, "defaultUser")
	for i := range d.Items {
		v.downwardAPIFile(&d.Items[i], p)
	}
}

// downwardAPIFile: validateDownwardAPIVolumeFile.
func (v *podValidator) downwardAPIFile(f *DownwardAPIFile, p *field.Path) {
	pp := p.Child("path")
	if f.Path == "" {
		v.add(&pp, field.ErrorTypeRequired, nil, "")
	}
	v.localNonReservedPath(f.Path, &pp)
	switch {
	case f.FieldRef != nil:
		fp := p.Child("fieldRef")
		v.objectFieldSelector(f.FieldRef, validVolumeFieldPaths, msgVolumeFieldPaths, &fp)
		if f.ResourceFieldRef != nil {
			v.add(p, field.ErrorTypeInvalid, "resource", msgFieldAndResourceRef)
		}
	case f.ResourceFieldRef != nil:
		rp := p.Child("resourceFieldRef")
		v.resourceFieldSelector(f.ResourceFieldRef, &rp, true)
	default:
		v.add(p, field.ErrorTypeRequired, nil, msgFieldOrResourceRef)
	}
	v.fileMode(f.Mode, p, "mode")
	v.userField(f.User, p, "user")
}

// projectedSource: validateProjectedVolumeSource and
// validateProjectionSources. Paths must be unique across all sources.
func (v *podValidator) projectedSource(pr *ProjectedSource, p *field.Path) {
	v.fileMode(pr.DefaultMode, p, "defaultMode")
	v.userField(pr.DefaultUser, p, "defaultUser")
	seen := map[string]bool{}
	sp := p.Child("sources")
	for i := range pr.Sources {
		src := &pr.Sources[i]
		ip := sp.Index(i)
		n := 0
		if s := src.Secret; s != nil {
			n++
			pp := ip.Child("secret")
			v.projectedItems(s.Name, s.Items, seen, p, &pp)
		}
		if c := src.ConfigMap; c != nil {
			n++
			pp := ip.Child("configMap")
			v.projectedItems(c.Name, c.Items, seen, p, &pp)
		}
		if d := src.DownwardAPI; d != nil {
			n++
			pp := ip.Child("downwardAPI")
			for j := range d.Items {
				f := &d.Items[j]
				v.downwardAPIFile(f, &pp)
				if f.Path != "" {
					if seen[f.Path] {
						v.add(p, field.ErrorTypeInvalid, f.Path, msgConflictingPaths)
					}
					seen[f.Path] = true
				}
			}
		}
		if t := src.ServiceAccountToken; t != nil {
			n++
			pp := ip.Child("serviceAccountToken")
			// Never unset once defaulted (upstream's Required is
			// unreachable on create).
			ep := pp.Child("expirationSeconds")
			if e := defaultedExpiration(t); e < 10*60 {
				v.add(&ep, field.ErrorTypeInvalid, e, msgTokenMinDuration)
			} else if e > 1<<32 {
				v.add(&ep, field.ErrorTypeInvalid, e, msgTokenMaxDuration)
			}
			// The token's path is reported under the volume's own path.
			tp := p.Child("path")
			if t.Path == "" {
				v.add(&tp, field.ErrorTypeRequired, nil, "")
			} else {
				v.localNonReservedPath(t.Path, &tp)
			}
			v.userField(t.User, &pp, "user")
		}
		if raw(&src.ClusterTrustBundle) {
			n++
			pp := ip.Child("clusterTrustBundle")
			v.notChecked(&pp)
		}
		if raw(&src.PodCertificate) {
			n++
			pp := ip.Child("podCertificate")
			v.notChecked(&pp)
		}
		if n > 1 {
			v.add(&ip, field.ErrorTypeForbidden, nil, msgOneSourcePerProj)
		}
	}
}

func (v *podValidator) projectedItems(name string, items []KeyToPath, seen map[string]bool, vol, p *field.Path) {
	if name == "" {
		np := p.Child("name")
		v.add(&np, field.ErrorTypeRequired, nil, "")
	}
	ip := p.Child("items")
	for i := range items {
		kp := &items[i]
		xp := ip.Index(i)
		v.keyToPath(kp, &xp)
		if kp.Path != "" {
			if seen[kp.Path] {
				v.add(vol, field.ErrorTypeInvalid, name, msgConflictingPaths)
			}
			seen[kp.Path] = true
		}
	}
}

// ephemeralSource: validateEphemeralVolumeSource (its claim template:
// claimTemplate) and the name check of the PVC it creates.
func (v *podValidator) ephemeralSource(e *EphemeralSource, volName, podName string, vol, p *field.Path) {
	if !raw(&e.VolumeClaimTemplate) {
		tp := p.Child("volumeClaimTemplate")
		v.add(&tp, field.ErrorTypeRequired, nil, "")
	} else {
		tp := p.Child("volumeClaimTemplate")
		v.claimTemplate(e.VolumeClaimTemplate, &tp)
	}
	if podName != "" && volName != "" {
		// The name is assembled on the stack; a string only when reported.
		var buf [320]byte
		if b := append(append(append(buf[:0], podName...), '-'), volName...); !isDNSSubdomain(b) {
			pvc := string(b)
			np := vol.Child("name")
			for _, msg := range dnsSubdomainProblems(pvc, "characters") {
				v.add(&np, field.ErrorTypeInvalid, volName, "PVC name "+strconv.Quote(pvc)+": "+msg)
			}
		}
	}
}

// serviceAccountTokens: validatePodMetadataAndSpec — a projected
// service-account token needs spec.serviceAccountName.
func (v *podValidator) serviceAccountTokens(s *Spec, specPath *field.Path) {
	if defaultedServiceAccountName(s) != "" {
		return
	}
	vp := specPath.Child("volumes")
	for i := range s.Volumes {
		pr := s.Volumes[i].Projected
		if pr == nil {
			continue
		}
		ip := vp.Index(i)
		pp := ip.Child("projected")
		sp := pp.Child("sources")
		for j := range pr.Sources {
			if pr.Sources[j].ServiceAccountToken != nil {
				jp := sp.Index(j)
				tp := jp.Child("serviceAccountToken")
				v.add(&tp, field.ErrorTypeForbidden, nil, msgTokenNeedsSA)
			}
		}
	}
}

// objectFieldSelector: validateObjectFieldSelector (the downward API's
// fieldRef, in env and in volumes). valid is the sorted list of allowed
// paths without subscript, supported its rendering.
//
// The apiVersion is read defaulted (SetDefaults_ObjectFieldSelector visits
// every fieldRef, in env and in volumes), so upstream's Required for it is
// unreachable on create.
func (v *podValidator) objectFieldSelector(f *container.FieldRef, valid []string, supported string, p *field.Path) {
	fp := p.Child("fieldPath")
	if f.FieldPath == "" {
		v.add(&fp, field.ErrorTypeRequired, nil, "")
		return
	}
	if err := convertDownwardAPIFieldLabel(defaultedAPIVersion(f), f.FieldPath); err != "" {
		v.add(&fp, field.ErrorTypeInvalid, f.FieldPath, "error converting fieldPath: "+err)
		return
	}
	if base, sub, ok := splitSubscriptedPath(f.FieldPath); ok {
		switch base {
		case "metadata.annotations":
			for _, msg := range qualifiedNameProblems(strings.ToLower(sub)) {
				v.add(p, field.ErrorTypeInvalid, strings.ToLower(sub), msg)
			}
		case "metadata.labels":
			for _, msg := range qualifiedNameProblems(sub) {
				v.add(p, field.ErrorTypeInvalid, sub, msg)
			}
		default:
			v.add(p, field.ErrorTypeInvalid, base, "does not support subscript")
		}
		return
	}
	internal := f.FieldPath
	if internal == "spec.host" { // the old v1 name, converted before the check
		internal = "spec.nodeName"
	}
	for _, x := range valid {
		if x == internal {
			return
		}
	}
	v.add(&fp, field.ErrorTypeNotSupported, internal, supported)
}

// downwardAPIFieldLabels are the fields the v1 pod's downward API knows
// (pkg/apis/core/pods/helpers.go ConvertDownwardAPIFieldLabel).
var downwardAPIFieldLabels = []string{
	"metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
	"spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName",
	"status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs", "spec.host",
}

// convertDownwardAPIFieldLabel returns upstream's conversion error for a
// fieldRef, or "".
func convertDownwardAPIFieldLabel(version, label string) string {
	if version != "v1" {
		return "unsupported pod version: " + version
	}
	if base, _, ok := splitSubscriptedPath(label); ok {
		if base == "metadata.annotations" || base == "metadata.labels" {
			return ""
		}
		return "field label does not support subscript: " + label
	}
	for _, l := range downwardAPIFieldLabels {
		if l == label {
			return ""
		}
	}
	return "field label not supported: " + label
}

// splitSubscriptedPath: pkg/fieldpath SplitMaybeSubscriptedPath —
// "metadata.labels['app']" is ("metadata.labels", "app", true).
func splitSubscriptedPath(s string) (base, sub string, ok bool) {
	if !strings.HasSuffix(s, "']") {
		return s, "", false
	}
	t := strings.TrimSuffix(s, "']")
	i := strings.Index(t, "['")
	if i <= 0 {
		return s, "", false
	}
	return t[:i], t[i+2:], true
}

// The sources kept as raw JSON whose few rules are checked by reading the
// fields they need; anything else in them is not validated.

// readSource reads a source kept as raw JSON into fields (readRaw) and
// checks it with fromRaw; where only json.Unmarshal can tell what the
// fields hold, it decodes into a T and checks with fromJSON; a source
// json.Unmarshal would refuse is not checked. One reading for csi, nfs and
// gitRepo.
func readSource[T any](v *podValidator, raw json.RawMessage, p *field.Path, fields []rawField, fromRaw func(), fromJSON func(*T)) {
	switch readRaw(raw, fields) {
	case rawRead:
		fromRaw()
		return
	case rawInvalid:
		v.notChecked(p)
		return
	}
	var t T
	if json.Unmarshal(raw, &t) != nil {
		v.notChecked(p)
		return
	}
	fromJSON(&t)
}

// csiSource: validateCSIVolumeSource and ValidateCSIDriverName. Upstream
// reports a bad nodePublishSecretRef name under csi.name.
func (v *podValidator) csiSource(raw json.RawMessage, p *field.Path) {
	ref := [1]rawField{{name: "name"}}
	fields := [2]rawField{{name: "driver"}, {name: "nodePublishSecretRef", inner: ref[:]}}
	type csiJSON struct {
		Driver               string `json:"driver"`
		NodePublishSecretRef *struct {
			Name string `json:"name"`
		} `json:"nodePublishSecretRef"`
	}
	readSource(v, raw, p, fields[:], func() { csiChecks(v, fields[0].val, fields[1].set, ref[0].val, p) }, func(c *csiJSON) {
		var name string
		if c.NodePublishSecretRef != nil {
			name = c.NodePublishSecretRef.Name
		}
		csiChecks(v, c.Driver, c.NodePublishSecretRef != nil, name, p)
	})
}

// csiChecks are csiSource's rules on the decoded fields; a string is made
// only for a value that is reported.
func csiChecks[S text](v *podValidator, driver S, hasRef bool, refName S, p *field.Path) {
	dp := p.Child("driver")
	if len(driver) == 0 {
		v.add(&dp, field.ErrorTypeRequired, nil, "")
	} else {
		if len(driver) > 63 {
			v.add(&dp, field.ErrorTypeTooLong, nil, "may not be more than 63 bytes")
		}
		// A valid subdomain has no upper case: lowering it changes nothing.
		if !isDNSSubdomain(driver) {
			d := string(driver)
			for _, m := range dnsSubdomainProblems(strings.ToLower(d), "characters") {
				v.add(&dp, field.ErrorTypeInvalid, d, m)
			}
		}
	}
	if hasRef {
		if len(refName) == 0 {
			sp := p.Child("nodePublishSecretRef")
			np := sp.Child("name")
			v.add(&np, field.ErrorTypeRequired, nil, "")
		} else if !isDNSSubdomain(refName) {
			np := p.Child("name")
			n := string(refName)
			for _, m := range dnsSubdomainProblems(n, "characters") {
				v.add(&np, field.ErrorTypeInvalid, n, m)
			}
		}
	}
}

// nfsSource: validateNFSVolumeSource.
func (v *podValidator) nfsSource(raw json.RawMessage, p *field.Path) {
	fields := [2]rawField{{name: "server"}, {name: "path"}}
	type nfsJSON struct {
		Server string `json:"server"`
		Path   string `json:"path"`
	}
	readSource(v, raw, p, fields[:], func() { nfsChecks(v, fields[0].val, fields[1].val, p) },
		func(n *nfsJSON) { nfsChecks(v, n.Server, n.Path, p) })
}

func nfsChecks[S text](v *podValidator, server, nfsPath S, p *field.Path) {
	if len(server) == 0 {
		sp := p.Child("server")
		v.add(&sp, field.ErrorTypeRequired, nil, "")
	}
	pp := p.Child("path")
	if len(nfsPath) == 0 {
		v.add(&pp, field.ErrorTypeRequired, nil, "")
	}
	if !isAbsPath(nfsPath) {
		v.add(&pp, field.ErrorTypeInvalid, string(nfsPath), "must be an absolute path")
	}
}

// gitRepoSource: validateGitRepoVolumeSource.
func (v *podValidator) gitRepoSource(raw json.RawMessage, p *field.Path) {
	fields := [2]rawField{{name: "repository"}, {name: "directory"}}
	type gitRepoJSON struct {
		Repository string `json:"repository"`
		Directory  string `json:"directory"`
	}
	readSource(v, raw, p, fields[:], func() { gitRepoChecks(v, fields[0].val, fields[1].val, p) },
		func(g *gitRepoJSON) { gitRepoChecks(v, g.Repository, g.Directory, p) })
}

func gitRepoChecks[S text](v *podValidator, repository, directory S, p *field.Path) {
	if len(repository) == 0 {
		rp := p.Child("repository")
		v.add(&rp, field.ErrorTypeRequired, nil, "")
	}
	if isAbsPath(directory) || hasBackstep(directory) {
		dp := p.Child("directory")
		v.localDescendingPath(string(directory), &dp)
	}
}

// imageSource: validateImageVolumeSource (gate ImageVolume, GA and locked
// in v1.37) on the source as SetDefaults_Volume leaves it: a reference is
// required (on create), and the pull policy, defaulted from the reference
// as a container's is, must be one of the three.
func (v *podValidator) imageSource(s *ImageVolumeSource, p *field.Path) {
	if s.Reference == "" {
		rp := p.Child("reference")
		v.add(&rp, field.ErrorTypeRequired, nil, "")
	}
	policy := container.PullPolicy(s.PullPolicy)
	if policy == "" {
		policy = container.DefaultPullPolicy(s.Reference)
	}
	switch policy {
	case container.PullAlways, container.PullIfNotPresent, container.PullNever:
	default:
		pp := p.Child("pullPolicy")
		v.add(&pp, field.ErrorTypeNotSupported, s.PullPolicy, msgPullPolicies)
	}
}
