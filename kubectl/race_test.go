//go:build race

package kubectl

// raceEnabled: the race detector slows code by a factor that depends on
// the memory it touches, so timing ratios mean nothing under it.
const raceEnabled = true
