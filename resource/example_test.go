package resource_test

import (
	"encoding/json"
	"fmt"

	"github.com/podlife/podlife/resource"
)

// Quantities compare by value and print in upstream's canonical form.
func Example() {
	req := resource.MustParse("0.5")
	lim := resource.MustParse("500m")
	fmt.Println(req, req.Cmp(lim) == 0) // 0.5 prints as 500m
	mem, err := resource.Parse("1024Mi")
	if err != nil {
		panic(err)
	}
	fmt.Println(mem, mem.Value())
	_, err = resource.Parse("1.5.5")
	fmt.Println(err)
	// Output:
	// 500m true
	// 1Gi 1073741824
	// resource: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
}

// The apiserver rounds a pod's limits and requests up to a thousandth
// before it validates or stores them.
func ExampleQuantity_RoundUpMilli() {
	fine := resource.MustParse("0.0001")
	fmt.Println(fine, "is stored as", fine.RoundUpMilli())
	fmt.Println(resource.MustParse("250m").RoundUpMilli())
	// Output:
	// 100u is stored as 1m
	// 250m
}

// A List is a container's requests or limits: read by name, walked in
// the order of its names, written as the API writes the map.
func ExampleList() {
	req := resource.MustParseList("memory=64Mi,cpu=250m")
	fmt.Println(req, req.Get(resource.CPU), req.Has("nvidia.com/gpu"))
	more := req.With(resource.Memory, resource.MustParse("128Mi"))
	for _, a := range more {
		fmt.Println(a.Name, a.Quantity)
	}
	data, _ := json.Marshal(more)
	fmt.Println(string(data), req) // req is unchanged
	// Output:
	// cpu=250m,memory=64Mi 250m false
	// cpu 250m
	// memory 128Mi
	// {"cpu":"250m","memory":"128Mi"} cpu=250m,memory=64Mi
}
