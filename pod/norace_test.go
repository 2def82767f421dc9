//go:build !race

package pod_test

const raceEnabled = false
