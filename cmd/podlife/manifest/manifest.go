// Package manifest reads Kubernetes manifests the way kubectl does — YAML
// or JSON, several documents in one file, v1 Lists — and turns each object
// into the pods podlife can look at: a Pod as it is, and a workload
// (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob) as the
// pod its controller would create from its template.
//
// YAML is converted to JSON by sigs.k8s.io/yaml, the library Kubernetes
// itself uses for it, and documents are split by
// k8s.io/apimachinery/pkg/util/yaml, kubectl's reader. Neither is a
// dependency of podlife's core module: this package lives in the
// command's own module.
//
// What the apiserver and the controllers would add and a file cannot
// hold is filled in deterministically and said so in Source.Notes: the
// namespace (default, as kubectl apply does without -n), the owner's uid,
// the generated name's random suffix, the Deployment's pod-template-hash.
package manifest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	apitypes "k8s.io/apimachinery/pkg/types"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"

	"github.com/podlife/podlife/kube"
	"github.com/podlife/podlife/pod"
)

// DefaultNamespace is the namespace of an object that names none, as
// kubectl apply gives it with the default context.
const DefaultNamespace = "default"

// Kinds lists the kinds Read accepts, for error messages and help.
var Kinds = []string{"Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "List"}

// Pod is one pod read from a manifest, with where it came from.
type Pod struct {
	// Pod is the pod, decoded into podlife's type.
	Pod *pod.Pod
	// JSON is the pod as JSON (the document itself for a Pod, the
	// controller's pod for a workload): what pod.UnmodelledFields reads.
	JSON []byte
	Source
	// Workload is the workload the pod was made from, for a simulation
	// to run its controller rather than this one pod; nil for a Pod, and
	// for a workload the simulation's controllers do not model, which
	// OnePod then says in words ("an Indexed Job ...").
	Workload *Workload
	OnePod   string
}

// Workload is a workload as the simulator's controller of its kind runs
// it.
type Workload struct {
	// Kind is the controller run: Deployment, ReplicaSet, StatefulSet,
	// DaemonSet or Job (a CronJob's run is its Job).
	Kind string
	// Namespace and Name name it (a CronJob's Job by the Job's name).
	Namespace, Name string
	// Controller is the workload as an entry of a sim script's
	// "controllers" (the JSON sim.LoadScript reads).
	Controller json.RawMessage
	// Labels pick the pods the controller makes: the template's labels,
	// or a Job's job-name label.
	Labels map[string]string
	// Keeps says in words what the controller keeps: "2 replicas",
	// "1 completion, backoffLimit 6".
	Keeps string
	// Notes say what was filled in and what the simulation leaves out.
	Notes []string
}

// Source says where a pod came from.
type Source struct {
	// File is the file name ("-" for standard input); Doc the document's
	// number in it (1 for the first); Item the item's number in a List
	// (0 when not in a List).
	File      string
	Doc, Item int
	// Kind and Name are the object's kind and name (Pod, or the workload).
	Kind, Name string
	// FieldPrefix is the path of the pod template inside the object
	// ("spec.template." for a Deployment), prepended to a pod's field
	// paths to name the object's own field; "" for a Pod.
	FieldPrefix string
	// Notes say what was filled in that the file does not hold.
	Notes []string
}

// Where is the source in words: "web.yaml document 2 (Deployment nginx)".
func (s *Source) Where() string {
	w := s.File
	if s.Doc > 0 {
		w += " document " + strconv.Itoa(s.Doc)
	}
	if s.Item > 0 {
		w += " item " + strconv.Itoa(s.Item)
	}
	if s.Name == "" {
		return fmt.Sprintf("%s (%s)", w, s.Kind)
	}
	return fmt.Sprintf("%s (%s %s)", w, s.Kind, s.Name)
}

// KindError is an object of a kind Read does not accept.
type KindError struct {
	File       string
	Doc, Item  int
	APIVersion string
	Kind       string
}

func (e *KindError) Error() string {
	where := e.File + " document " + strconv.Itoa(e.Doc)
	if e.Item > 0 {
		where += " item " + strconv.Itoa(e.Item)
	}
	kind := e.Kind
	if kind == "" {
		return fmt.Sprintf("%s: no kind: every object needs apiVersion and kind (podlife reads %s)", where, strings.Join(Kinds, ", "))
	}
	return fmt.Sprintf("%s: kind %s (apiVersion %q) is not a pod or a workload; podlife reads %s", where, kind, e.APIVersion, strings.Join(Kinds, ", "))
}

// Read reads every object of the manifest in r (named file in messages)
// and returns the pods they stand for, in document order: at least one,
// or an error. at is the time a CronJob's job is scheduled for (its name
// is made from it). The first problem is returned with where it is; the
// pods read before it are returned too.
func Read(r io.Reader, file string, at time.Time) ([]Pod, error) {
	br := bufio.NewReader(r)
	next, err := documents(br)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	var out []Pod
	for doc := 1; ; {
		raw, err := next()
		if errors.Is(err, io.EOF) {
			switch {
			case doc == 1:
				return nil, fmt.Errorf("%s: no object in it", file)
			case len(out) == 0:
				return nil, fmt.Errorf("%s: no pod in it (an empty List?)", file)
			}
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("%s document %d: %v", file, doc, err)
		}
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 || string(raw) == "null" {
			continue // an empty document between two ---, which kubectl skips
		}
		pods, err := object(raw, Source{File: file, Doc: doc}, at)
		out = append(out, pods...)
		if err != nil {
			return out, err
		}
		doc++
	}
}

// documents returns a function that yields each document of r as JSON:
// a stream of JSON values when r starts with { or [, else YAML documents
// split at "---" lines (kubectl's reader, k8s.io/apimachinery/pkg/util/yaml)
// and converted by sigs.k8s.io/yaml.
func documents(r *bufio.Reader) (func() ([]byte, error), error) {
	for {
		b, err := r.Peek(1)
		if err != nil {
			if errors.Is(err, io.EOF) {
				return func() ([]byte, error) { return nil, io.EOF }, nil
			}
			return nil, err
		}
		if !unicode.IsSpace(rune(b[0])) {
			break
		}
		_, _ = r.ReadByte()
	}
	if b, _ := r.Peek(1); b[0] == '{' || b[0] == '[' {
		dec := json.NewDecoder(r)
		return func() ([]byte, error) {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				if errors.Is(err, io.EOF) {
					return nil, io.EOF
				}
				return nil, fmt.Errorf("JSON: %v", err)
			}
			return raw, nil
		}, nil
	}
	yr := utilyaml.NewYAMLReader(r)
	return func() ([]byte, error) {
		doc, err := yr.Read()
		if err != nil {
			return nil, err
		}
		j, err := yaml.YAMLToJSON(doc)
		if err != nil {
			return nil, fmt.Errorf("YAML: %v", err)
		}
		return j, nil
	}, nil
}

// ReadBytes is Read on b; YAML or JSON alike.
func ReadBytes(b []byte, file string, at time.Time) ([]Pod, error) {
	return Read(bytes.NewReader(b), file, at)
}

type typeMeta struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
}

// object turns one decoded object into its pods.
func object(raw []byte, src Source, at time.Time) ([]Pod, error) {
	var tm typeMeta
	if err := json.Unmarshal(raw, &tm); err != nil {
		return nil, fmt.Errorf("%s document %d: not an object: %v", src.File, src.Doc, err)
	}
	group := tm.APIVersion
	if i := strings.Index(group, "/"); i >= 0 {
		group = group[:i]
	} else {
		group = ""
	}
	bad := &KindError{File: src.File, Doc: src.Doc, Item: src.Item, APIVersion: tm.APIVersion, Kind: tm.Kind}
	switch {
	case tm.Kind == "List" && group == "":
		if src.Item > 0 {
			return nil, bad // a List inside a List
		}
		var list struct {
			Items []json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("%s document %d: List: %v", src.File, src.Doc, err)
		}
		var out []Pod
		for i, item := range list.Items {
			s := src
			s.Item = i + 1
			pods, err := object(item, s, at)
			out = append(out, pods...)
			if err != nil {
				return out, err
			}
		}
		return out, nil
	case tm.Kind == "Pod" && group == "":
		return podObject(raw, src)
	case group == "apps" || group == "batch":
		return workload(raw, tm, src, at, bad)
	}
	return nil, bad
}

// podObject is a Pod document, decoded by podlife's own JSON decoding; the
// namespace is defaulted.
func podObject(raw []byte, src Source) ([]Pod, error) {
	var p pod.Pod
	src.Kind = "Pod"
	if err := json.Unmarshal(raw, &p); err != nil {
		var named struct {
			Metadata struct {
				Name string `json:"name"`
			} `json:"metadata"`
		}
		_ = json.Unmarshal(raw, &named)
		src.Name = named.Metadata.Name
		return nil, fmt.Errorf("%s: %v", src.Where(), err)
	}
	src.Name = p.Metadata.Name
	if src.Name == "" {
		src.Name = p.Metadata.GenerateName + "…"
	}
	if p.Metadata.Namespace == "" {
		p.Metadata.Namespace = DefaultNamespace
		src.Notes = append(src.Notes, "namespace "+DefaultNamespace+" (none in the file; kubectl apply's default)")
	}
	if p.Metadata.Name == "" && p.Metadata.GenerateName != "" {
		p.Metadata.Name = generatedName(p.Metadata.GenerateName, raw)
		src.Notes = append(src.Notes, "name "+p.Metadata.Name+" generated from generateName (the apiserver's suffix is random; this one is a hash of the file)")
	}
	return []Pod{{Pod: &p, JSON: raw, Source: src}}, nil
}

// workload is an apps/v1 or batch/v1 object: the pod its controller would
// create first.
func workload(raw []byte, tm typeMeta, src Source, at time.Time, bad *KindError) ([]Pod, error) {
	src.Kind = tm.Kind
	decode := func(into any) error {
		if err := json.Unmarshal(raw, into); err != nil {
			return fmt.Errorf("%s document %d: %s: %v", src.File, src.Doc, tm.Kind, err)
		}
		return nil
	}
	var (
		owner    metav1.Object
		tmpl     *corev1.PodTemplateSpec
		gvk      schema.GroupVersionKind
		replicas *int32
		finish   func(*corev1.Pod) // the controller's own additions
		wl       *workloadJSON     // the workload as the simulation runs it
		podNote  string            // a note about the first pod, not the workload
	)
	switch tm.APIVersion + " " + tm.Kind {
	case "apps/v1 Deployment":
		var d appsv1.Deployment
		if err := decode(&d); err != nil {
			return nil, err
		}
		defaultMeta(&d.ObjectMeta, tm.Kind, &src)
		// The Deployment controller makes a ReplicaSet named after the
		// template's hash, with the hash as a label of the template and
		// the selector (pkg/controller/deployment/sync.go
		// getNewReplicaSet); that ReplicaSet makes the pods.
		wl = &workloadJSON{Kind: tm.Kind, Name: d.Name, Namespace: d.Namespace, Replicas: replicasOf(d.Spec.Replicas), Template: d.Spec.Template}
		wl.ignore(d.Spec.MinReadySeconds != 0, "minReadySeconds")
		wl.ignore(d.Spec.Paused, "paused")
		wl.ignore(d.Spec.Strategy.Type == appsv1.RecreateDeploymentStrategyType, "strategy Recreate (the simulation rolls out with maxSurge and maxUnavailable 25%)")
		wl.ignore(d.Spec.Strategy.RollingUpdate != nil, "strategy.rollingUpdate (the simulation rolls out with maxSurge and maxUnavailable 25%)")
		hash := templateHash(&d.Spec.Template)
		rs := &appsv1.ReplicaSet{ObjectMeta: metav1.ObjectMeta{
			Name: d.Name + "-" + hash, Namespace: d.Namespace, UID: fakeUID("ReplicaSet", d.Namespace, d.Name+"-"+hash)}}
		t := d.Spec.Template.DeepCopy()
		if t.Labels == nil {
			t.Labels = map[string]string{}
		}
		t.Labels[appsv1.DefaultDeploymentUniqueLabelKey] = hash
		owner, tmpl, gvk, replicas = rs, t, appsv1.SchemeGroupVersion.WithKind("ReplicaSet"), d.Spec.Replicas
		src.Name, src.FieldPrefix = d.Name, "spec.template."
		podNote = "made by ReplicaSet " + rs.Name + ", whose " + appsv1.DefaultDeploymentUniqueLabelKey + " " + hash + " is a hash of the template made by podlife, not the Deployment controller's"
	case "apps/v1 ReplicaSet":
		var rs appsv1.ReplicaSet
		if err := decode(&rs); err != nil {
			return nil, err
		}
		defaultMeta(&rs.ObjectMeta, tm.Kind, &src)
		owner, tmpl, gvk, replicas = &rs, &rs.Spec.Template, appsv1.SchemeGroupVersion.WithKind(tm.Kind), rs.Spec.Replicas
		src.Name, src.FieldPrefix = rs.Name, "spec.template."
		wl = &workloadJSON{Kind: tm.Kind, Name: rs.Name, Namespace: rs.Namespace, Replicas: replicasOf(rs.Spec.Replicas), Template: rs.Spec.Template}
		wl.ignore(rs.Spec.MinReadySeconds != 0, "minReadySeconds")
	case "apps/v1 StatefulSet":
		var ss appsv1.StatefulSet
		if err := decode(&ss); err != nil {
			return nil, err
		}
		defaultMeta(&ss.ObjectMeta, tm.Kind, &src)
		owner, tmpl, gvk, replicas = &ss, &ss.Spec.Template, appsv1.SchemeGroupVersion.WithKind(tm.Kind), ss.Spec.Replicas
		src.Name, src.FieldPrefix = ss.Name, "spec.template."
		wl = &workloadJSON{Kind: tm.Kind, Name: ss.Name, Namespace: ss.Namespace, Replicas: replicasOf(ss.Spec.Replicas),
			ServiceName: ss.Spec.ServiceName, Template: ss.Spec.Template}
		for _, c := range ss.Spec.VolumeClaimTemplates {
			wl.VolumeClaimTemplates = append(wl.VolumeClaimTemplates, claimName{Metadata: nameOnly{Name: c.Name}})
		}
		wl.ignore(ss.Spec.MinReadySeconds != 0, "minReadySeconds (each pod waits for the one before it to be Ready, not Available)")
		wl.ignore(ss.Spec.PodManagementPolicy == appsv1.ParallelPodManagement, "podManagementPolicy Parallel (the simulation makes the pods OrderedReady)")
		wl.ignore(ss.Spec.UpdateStrategy.Type == appsv1.OnDeleteStatefulSetStrategyType, "updateStrategy OnDelete")
		wl.ignore(ss.Spec.UpdateStrategy.RollingUpdate != nil, "updateStrategy.rollingUpdate")
		wl.ignore(ss.Spec.Ordinals != nil, "ordinals")
		finish = func(p *corev1.Pod) { statefulSetIdentity(&ss, p, 0) }
	case "apps/v1 DaemonSet":
		var ds appsv1.DaemonSet
		if err := decode(&ds); err != nil {
			return nil, err
		}
		defaultMeta(&ds.ObjectMeta, tm.Kind, &src)
		owner, tmpl, gvk = &ds, &ds.Spec.Template, appsv1.SchemeGroupVersion.WithKind(tm.Kind)
		src.Name, src.FieldPrefix = ds.Name, "spec.template."
		wl = &workloadJSON{Kind: tm.Kind, Name: ds.Name, Namespace: ds.Namespace, Template: ds.Spec.Template}
		wl.ignore(ds.Spec.MinReadySeconds != 0, "minReadySeconds")
		wl.ignore(ds.Spec.UpdateStrategy.Type == appsv1.OnDeleteDaemonSetStrategyType || ds.Spec.UpdateStrategy.RollingUpdate != nil, "updateStrategy")
		podNote = "one pod per node; the DaemonSet controller's node affinity and tolerations are not modelled by podlife"
	case "batch/v1 Job":
		var j batchv1.Job
		if err := decode(&j); err != nil {
			return nil, err
		}
		defaultMeta(&j.ObjectMeta, tm.Kind, &src)
		owner, tmpl, gvk = &j, &j.Spec.Template, batchv1.SchemeGroupVersion.WithKind(tm.Kind)
		src.Name, src.FieldPrefix = j.Name, "spec.template."
		finish = func(p *corev1.Pod) { jobIdentity(&j, p) }
		wl = jobWorkload(&j)
	case "batch/v1 CronJob":
		var cj batchv1.CronJob
		if err := decode(&cj); err != nil {
			return nil, err
		}
		defaultMeta(&cj.ObjectMeta, tm.Kind, &src)
		// The CronJob controller names the job after its scheduled time in
		// minutes (pkg/controller/cronjob/utils.go getJobName).
		name := fmt.Sprintf("%s-%d", cj.Name, at.Unix()/60)
		j := &batchv1.Job{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: cj.Namespace,
			UID: fakeUID("Job", cj.Namespace, name), Labels: cj.Spec.JobTemplate.Labels}, Spec: cj.Spec.JobTemplate.Spec}
		owner, tmpl, gvk = j, &j.Spec.Template, batchv1.SchemeGroupVersion.WithKind("Job")
		src.Name, src.FieldPrefix = cj.Name, "spec.jobTemplate.spec.template."
		src.Notes = append(src.Notes, "made by Job "+name+", the run scheduled for "+at.UTC().Format(time.RFC3339))
		finish = func(p *corev1.Pod) { jobIdentity(j, p) }
		wl = jobWorkload(j)
	default:
		return nil, bad
	}
	// The workload's own notes are those filled in so far (the
	// namespace); the rest are about this one pod.
	workloadNotes := slices.Clone(src.Notes)
	if podNote != "" {
		src.Notes = append(src.Notes, podNote)
	}
	if replicas != nil && *replicas != 1 {
		src.Notes = append(src.Notes, fmt.Sprintf("the first of %d replicas", *replicas))
	}
	cp, err := kube.PodFromTemplate(tmpl, owner, gvk)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", src.Where(), err)
	}
	if finish != nil {
		finish(cp)
	}
	b, err := json.Marshal(cp)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", src.Where(), err)
	}
	if cp.Name == "" {
		cp.Name = generatedName(cp.GenerateName, b)
		src.Notes = append(src.Notes, "pod name "+cp.Name+" generated from generateName "+cp.GenerateName+" (the apiserver's suffix is random; this one is a hash of the file)")
		if b, err = json.Marshal(cp); err != nil {
			return nil, fmt.Errorf("%s: %v", src.Where(), err)
		}
	}
	p, err := kube.ToPod(cp)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", src.Where(), err)
	}
	out := Pod{Pod: p, JSON: b, Source: src}
	if wl != nil {
		out.OnePod = wl.unmodelled
	}
	if out.Workload, err = wl.workload(workloadNotes); err != nil {
		return nil, fmt.Errorf("%s: %v", src.Where(), err)
	}
	return []Pod{out}, nil
}

// workloadJSON is a workload as a sim script's controller
// (sim/jsonscript.go controllerJSON), with what it cannot model.
type workloadJSON struct {
	Kind                 string                    `json:"kind"`
	Name                 string                    `json:"name"`
	Namespace            string                    `json:"namespace"`
	Replicas             *int32                    `json:"replicas,omitempty"`
	ServiceName          string                    `json:"serviceName,omitempty"`
	VolumeClaimTemplates []claimName               `json:"volumeClaimTemplates,omitempty"`
	Completions          *int32                    `json:"completions,omitempty"`
	Parallelism          *int32                    `json:"parallelism,omitempty"`
	BackoffLimit         *int32                    `json:"backoffLimit,omitempty"`
	PodFailurePolicy     *batchv1.PodFailurePolicy `json:"podFailurePolicy,omitempty"`
	Template             corev1.PodTemplateSpec    `json:"template"`

	// unmodelled says why the simulation cannot run it, when it cannot;
	// ignored lists what it runs without.
	unmodelled string
	ignored    []string
}

type claimName struct {
	Metadata nameOnly `json:"metadata"`
}

type nameOnly struct {
	Name string `json:"name"`
}

// replicasOf is spec.replicas with the API's default, 1.
func replicasOf(r *int32) *int32 {
	if r == nil {
		one := int32(1)
		return &one
	}
	return r
}

// jobWorkload is a Job as the simulation's Job controller runs it, which
// models completions, parallelism, backoffLimit and the pod failure
// policy's FailJob, Ignore and Count rules, not indexed completion.
func jobWorkload(j *batchv1.Job) *workloadJSON {
	wl := &workloadJSON{Kind: "Job", Name: j.Name, Namespace: j.Namespace, Completions: j.Spec.Completions,
		Parallelism: j.Spec.Parallelism, BackoffLimit: j.Spec.BackoffLimit, PodFailurePolicy: j.Spec.PodFailurePolicy,
		Template: j.Spec.Template}
	if j.Spec.CompletionMode != nil && *j.Spec.CompletionMode == batchv1.IndexedCompletion {
		wl.unmodelled = "an Indexed Job (the simulation's Job controller does not model completion indexes)"
	}
	if pfp := j.Spec.PodFailurePolicy; pfp != nil {
		for _, r := range pfp.Rules {
			if r.Action == batchv1.PodFailurePolicyActionFailIndex {
				wl.unmodelled = "a pod failure policy rule with action FailIndex (indexed Jobs are not modelled)"
			}
		}
	}
	wl.ignore(j.Spec.ActiveDeadlineSeconds != nil, "activeDeadlineSeconds")
	wl.ignore(j.Spec.Suspend != nil && *j.Spec.Suspend, "suspend")
	wl.ignore(j.Spec.TTLSecondsAfterFinished != nil, "ttlSecondsAfterFinished")
	wl.ignore(j.Spec.PodReplacementPolicy != nil, "podReplacementPolicy")
	wl.ignore(j.Spec.SuccessPolicy != nil, "successPolicy")
	return wl
}

// ignore notes that the workload's spec.<field> is set and the
// simulation runs it without.
func (wl *workloadJSON) ignore(set bool, field string) {
	if set {
		wl.ignored = append(wl.ignored, "spec."+field)
	}
}

// workload is wl as a Workload, with notes (nil wl: no workload); a
// workload the simulation cannot run is nil.
func (wl *workloadJSON) workload(notes []string) (*Workload, error) {
	if wl == nil || wl.unmodelled != "" {
		return nil, nil
	}
	b, err := json.Marshal(wl)
	if err != nil {
		return nil, err
	}
	w := &Workload{Kind: wl.Kind, Namespace: wl.Namespace, Name: wl.Name, Controller: b, Labels: wl.Template.Labels, Notes: notes}
	switch wl.Kind {
	case "Job":
		w.Labels = map[string]string{batchv1.JobNameLabel: wl.Name}
		completions, limit := int32(1), int32(6)
		if wl.Completions != nil {
			completions = *wl.Completions
		}
		if wl.BackoffLimit != nil {
			limit = *wl.BackoffLimit
		}
		w.Keeps = plural(completions, "completion") + ", backoffLimit " + strconv.Itoa(int(limit))
		if wl.Parallelism != nil {
			w.Keeps += ", parallelism " + strconv.Itoa(int(*wl.Parallelism))
		}
	case "DaemonSet":
		w.Keeps = "a pod on each node"
		w.Notes = append(w.Notes, "the simulation binds each pod to its node by spec.nodeName (upstream: by node affinity, through the scheduler)")
	default:
		w.Keeps = plural(*wl.Replicas, "replica")
	}
	for _, f := range wl.ignored {
		w.Notes = append(w.Notes, "not modelled by the simulation: "+f)
	}
	return w, nil
}

func plural(n int32, word string) string {
	s := strconv.Itoa(int(n)) + " " + word
	if n != 1 {
		s += "s"
	}
	return s
}

// defaultMeta gives a workload what the apiserver would: a namespace
// (kubectl apply's default) and a uid, which the pod's owner reference
// needs.
func defaultMeta(m *metav1.ObjectMeta, kind string, src *Source) {
	if m.Namespace == "" {
		m.Namespace = DefaultNamespace
		src.Notes = append(src.Notes, "namespace "+DefaultNamespace+" (none in the file; kubectl apply's default)")
	}
	if m.UID == "" {
		m.UID = fakeUID(kind, m.Namespace, m.Name)
	}
}

// statefulSetIdentity is what the StatefulSet controller adds to pod
// ordinal i (pkg/controller/statefulset/stateful_set_utils.go
// newStatefulSetPod: updateIdentity and updateStorage): the name
// <set>-<ordinal>, the pod-name and pod-index labels, the hostname and
// subdomain, and a claim per volumeClaimTemplate.
func statefulSetIdentity(ss *appsv1.StatefulSet, p *corev1.Pod, ordinal int) {
	p.Name = fmt.Sprintf("%s-%d", ss.Name, ordinal)
	p.GenerateName = ""
	if p.Labels == nil {
		p.Labels = map[string]string{}
	}
	p.Labels[appsv1.StatefulSetPodNameLabel] = p.Name
	p.Labels[appsv1.PodIndexLabel] = strconv.Itoa(ordinal)
	p.Spec.Hostname = p.Name
	p.Spec.Subdomain = ss.Spec.ServiceName
	// Claim volumes first, then the pod's own volumes of other names
	// (upstream walks a map of the claims; here they keep the templates'
	// order, so that the pod is the same every time).
	claimed := map[string]bool{}
	var volumes []corev1.Volume
	for _, claim := range ss.Spec.VolumeClaimTemplates {
		claimed[claim.Name] = true
		volumes = append(volumes, corev1.Volume{Name: claim.Name, VolumeSource: corev1.VolumeSource{
			PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: claim.Name + "-" + p.Name}}})
	}
	for _, v := range p.Spec.Volumes {
		if !claimed[v.Name] {
			volumes = append(volumes, v)
		}
	}
	p.Spec.Volumes = volumes
}

// jobIdentity is what a Job adds to its first pod: the labels the
// apiserver puts on a job's template unless the job has a manual selector
// (pkg/registry/batch/job/strategy.go generateSelector), the tracking
// finalizer, and for an Indexed job the completion index 0: its env
// variable, annotation and label, the hostname <job>-0 and the
// generateName <job>-0- (pkg/controller/job/job_controller.go
// manageJob, indexed_job_utils.go).
func jobIdentity(j *batchv1.Job, p *corev1.Pod) {
	if p.Labels == nil {
		p.Labels = map[string]string{}
	}
	if j.Spec.ManualSelector == nil || !*j.Spec.ManualSelector {
		uid := string(j.UID)
		for _, kv := range [][2]string{
			// The legacy labels first, as upstream lists them.
			{"job-name", j.Name}, {batchv1.JobNameLabel, j.Name},
			{"controller-uid", uid}, {batchv1.ControllerUidLabel, uid},
		} {
			if _, set := p.Labels[kv[0]]; !set {
				p.Labels[kv[0]] = kv[1]
			}
		}
	}
	if !slices.Contains(p.Finalizers, batchv1.JobTrackingFinalizer) {
		p.Finalizers = append(p.Finalizers, batchv1.JobTrackingFinalizer)
	}
	if j.Spec.CompletionMode == nil || *j.Spec.CompletionMode != batchv1.IndexedCompletion {
		return
	}
	const index = "0"
	env := corev1.EnvVar{Name: "JOB_COMPLETION_INDEX", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{
		FieldPath: "metadata.labels['" + batchv1.JobCompletionIndexAnnotation + "']"}}}
	for _, list := range [][]corev1.Container{p.Spec.InitContainers, p.Spec.Containers} {
		for i := range list {
			if !slices.ContainsFunc(list[i].Env, func(e corev1.EnvVar) bool { return e.Name == env.Name }) {
				list[i].Env = append(list[i].Env, env)
			}
		}
	}
	if p.Annotations == nil {
		p.Annotations = map[string]string{}
	}
	p.Annotations[batchv1.JobCompletionIndexAnnotation] = index
	p.Labels[batchv1.JobCompletionIndexAnnotation] = index
	p.Spec.Hostname = j.Name + "-" + index
	p.GenerateName = j.Name + "-" + index + "-"
}

// nameAlphabet is the apiserver's alphabet for generated names (no vowels,
// no look-alike digits: k8s.io/apimachinery/pkg/util/rand).
const nameAlphabet = "bcdfghjklmnpqrstvwxz2456789"

func hashString(n int, parts ...[]byte) string {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write(p)
		h.Write([]byte{0})
	}
	x := h.Sum64()
	b := make([]byte, n)
	for i := range b {
		b[i] = nameAlphabet[x%uint64(len(nameAlphabet))]
		x /= uint64(len(nameAlphabet))
		if x == 0 {
			x = h.Sum64() ^ uint64(i+1)*0x9e3779b97f4a7c15
		}
	}
	return string(b)
}

// generatedName is prefix (cut to 58 bytes, as the apiserver's
// SimpleNameGenerator) and five characters of its alphabet drawn from a
// hash of the document: deterministic where the apiserver is random.
func generatedName(prefix string, doc []byte) string {
	if len(prefix) > 58 {
		prefix = prefix[:58]
	}
	return prefix + hashString(5, []byte(prefix), doc)
}

// templateHash stands for the Deployment's pod-template-hash: ten
// characters of the name alphabet from the template's JSON.
func templateHash(t *corev1.PodTemplateSpec) string {
	b, _ := json.Marshal(t)
	return hashString(10, b)
}

// fakeUID is a uid for an object the apiserver has not stored: a version-4
// shaped UUID from a hash of its kind, namespace and name.
func fakeUID(kind, namespace, name string) apitypes.UID {
	h := fnv.New128a()
	h.Write([]byte(kind + "/" + namespace + "/" + name))
	b := h.Sum(nil)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return apitypes.UID(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
}
