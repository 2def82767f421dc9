//go:build !race

package kubectl

const raceEnabled = false
