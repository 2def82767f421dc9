//go:build race

package kube

// raceEnabled: the race detector allocates, so allocation counts mean
// nothing under it.
const raceEnabled = true
