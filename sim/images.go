package sim

import (
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/pod"
)

// The node's images. The kubelet pulls an image only when the node does
// not have it yet, unless the container's imagePullPolicy is Always
// (pkg/kubelet/images/image_manager.go EnsureImageExists): a pod's
// containers find there the images the node's other pods pulled before.
// The Sim tells a pod's machine of them (pod.ImagePresent) when the pod is
// bound, and, for a pod bound while one of its images was still missing,
// when that image arrives. Simplification: a pull in progress when another
// pod's pull of the same image ends runs to its own end.
//
// A node pulls one image at a time, in the order asked (the kubelet's
// serializeImagePulls, true by default: pkg/kubelet/images/puller.go
// serialImagePuller), unless Options.ParallelImagePulls: a pull asked while
// others run starts when they are done, and its Pulled event gives the
// pull's own time and the time since it was asked ("in 3s (5s including
// waiting)").

// tellImages tells pod i, bound to node ni, of the images the node has
// that its containers use (only image, if not empty), and reports whether
// one of its images is still missing there. Containers whose
// imagePullPolicy is Always are left out: they pull whatever the node has.
func (s *Sim) tellImages(i, ni int32, image string) (missing bool) {
	sp, n := s.pods[i], s.nodes[ni]
	spec := &sp.m.Pod().Spec
	told := ""
	for _, list := range [2][]container.Container{spec.InitContainers, spec.Containers} {
		for c := range list {
			ctr := &list[c]
			if ctr.EffectivePullPolicy() == container.PullAlways {
				continue
			}
			if _, ok := n.images[ctr.Image]; !ok {
				missing = true
				continue
			}
			if (image != "" && ctr.Image != image) || ctr.Image == told || sp.removed {
				continue
			}
			told = ctr.Image
			s.stats.Events++
			_ = s.stepPod(i, pod.Event{Kind: pod.ImagePresent, At: s.Now(), Image: ctr.Image}, "image on the node")
		}
	}
	return missing
}

// bound tells pod i, just bound to node ni, of the node's images, and
// notes it as waiting for the ones still missing.
func (s *Sim) bound(i, ni int32) {
	if s.tellImages(i, ni, "") {
		n := s.nodes[ni]
		n.imageWaiters = append(n.imageWaiters, i)
	}
}

// imageArrived notes that image is on node ni now, and tells the pods
// waiting for it.
func (s *Sim) imageArrived(ni int32, image string) {
	n := s.nodes[ni]
	if _, ok := n.images[image]; ok || image == "" {
		return
	}
	if n.images == nil {
		n.images = map[string]struct{}{}
	}
	n.images[image] = struct{}{}
	// Telling a pod steps it, and a step may bind other pods here, which
	// join the waiters: the list is taken out while it is gone through.
	was := n.imageWaiters
	n.imageWaiters = nil
	var still []int32
	for _, j := range was {
		if sp := s.pods[j]; sp != nil && !sp.removed && sp.ni == ni && s.tellImages(j, ni, image) {
			still = append(still, j)
		}
	}
	n.imageWaiters = append(still, n.imageWaiters...)
}

// pullQueue books a pull of image, scripted to take d and to fail or not,
// on pod sp's node's image puller, and returns how long it waits for the
// pulls asked before it and how long it takes then. Serial pulls queue;
// with Options.ParallelImagePulls (or off a node) none waits. A pull of an
// image that an earlier successful pull on the node brings by then takes
// no time (the image is there when its turn comes); one that overlaps such
// a pull, in parallel, ends with it (the runtime pulls an image once).
func (s *Sim) pullQueue(sp *simPod, image string, d time.Duration, fails bool) (wait, took time.Duration) {
	if sp.ni < 0 {
		return 0, d
	}
	n := s.nodes[sp.ni]
	start := s.now
	if !s.opts.ParallelImagePulls {
		start = max(start, n.pullsFreeAt)
	}
	end := start + int64(d)
	if ready, ok := n.imageReadyAt[image]; ok {
		end = min(end, max(start, ready))
	} else if !fails {
		if n.imageReadyAt == nil {
			n.imageReadyAt = map[string]int64{}
		}
		n.imageReadyAt[image] = end
	}
	if !s.opts.ParallelImagePulls {
		n.pullsFreeAt = end
	}
	return time.Duration(start - s.now), time.Duration(end - start)
}
