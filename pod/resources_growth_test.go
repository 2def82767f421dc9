package pod_test

import (
	"strconv"
	"testing"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/internal/growth"
	"github.com/podlife/podlife/pod"
	"github.com/podlife/podlife/resource"
)

// manyResourcesPod has four containers, each with limits and requests of
// n extended resources (the requests missing one in three, which
// defaulting copies from the limits).
func manyResourcesPod(n int) *pod.Pod {
	p := &pod.Pod{Metadata: pod.Meta{Name: "wide", Namespace: "default"}}
	for c := range 4 {
		var lims, reqs resource.List
		for i := range n {
			a := resource.Amount{Name: resource.Name("example.com/r" + strconv.Itoa(100000+i)), Quantity: resource.MustParse("1")}
			lims = append(lims, a)
			if i%3 != 0 {
				reqs = append(reqs, a)
			}
		}
		p.Spec.Containers = append(p.Spec.Containers, container.Container{Name: "c" + strconv.Itoa(c), Image: "app:1",
			Resources: container.Resources{Limits: lims, Requests: reqs}})
	}
	return p
}

// Time grows linearly with the number of resources a container names, as
// with the API's maps: a resource.List is searched by halves past a few
// entries, and lists are added and raised in place. 16 times the
// resources may take at most 64 times as long (a lookup by scanning
// would take 256 times).
func TestTimeGrowsLinearlyWithResources(t *testing.T) {
	growth.Linear(t, 250, 4000, 64, func(n int) func() {
		p := manyResourcesPod(n)
		return func() {
			d := p.Defaulted()
			_ = pod.ValidateCreate(p, feature.Gates{})
			_ = pod.EffectiveRequests(&d)
			_ = pod.NonZeroRequests(&d)
		}
	})
}
