package field_test

import (
	"fmt"

	"github.com/podlife/podlife/field"
)

func Example() {
	spec := field.NewPath("spec")
	cs := spec.Child("containers")
	c1 := cs.Index(1)
	name := c1.Child("name")
	rp := spec.Child("restartPolicy")
	errs := field.ErrorList{
		field.New(&name, field.ErrorTypeDuplicate, "app", ""),
		field.New(&rp, field.ErrorTypeNotSupported, "always", field.SupportedValues("Always", "OnFailure", "Never")),
	}
	for _, e := range errs {
		fmt.Println(e)
	}
	fmt.Println(errs.Has("spec.containers[1].name", field.ErrorTypeDuplicate))
	// Output:
	// spec.containers[1].name: Duplicate value: "app"
	// spec.restartPolicy: Unsupported value: "always": supported values: "Always", "OnFailure", "Never"
	// true
}
