package pod_test

import "github.com/podlife/podlife/container"

// listKind names the spec list a test's init flag selects.
func listKind(init bool) container.Kind {
	if init {
		return container.Init
	}
	return container.Regular
}
