package restart

import (
	"strings"
	"time"
)

// DelayAfter returns the crash-loop window in force once the kubelet has
// restarted a crash-looping container restarts times under o: 0 before any
// restart (the first restart after an exit is immediate), then Initial,
// doubling up to Max — 10 s, 20 s, 40 s, 80 s, 160 s, 300 s, 300 s … at the
// v1.37 defaults. So a container with restartCount 4 that exits again
// waits 80 s. It replays Backoff.Next, the rule the kubelet's record
// follows, and assumes no restart reset the record (see
// CrashLoopReset). Invalid options give an *OptionError.
func (o CrashLoopOptions) DelayAfter(restarts int32) (time.Duration, error) {
	b, err := NewCrashLoopBackoff(o)
	if err != nil {
		return 0, err
	}
	var k Key
	var t time.Time
	for i := int32(0); i < restarts; i++ {
		b.Next(k, t, t)
		if b.Delay(k) >= b.Max() {
			break
		}
	}
	return b.Delay(k), nil
}

// crashLoopMessagePrefix starts the waiting message of a container in
// crash-loop back-off; WaitingMessage writes it.
const crashLoopMessagePrefix = "back-off "

// ParseCrashLoopMessage reads the waiting message the kubelet gives a
// container it refuses to restart, as WaitingMessage writes it ("back-off
// 1m20s restarting failed container=app pod=web_default(uid)"): the window
// in force and the container's name. ok is false for any other text.
func ParseCrashLoopMessage(msg string) (delay time.Duration, containerName string, ok bool) {
	rest, found := strings.CutPrefix(msg, crashLoopMessagePrefix)
	if !found {
		return 0, "", false
	}
	window, rest, found := strings.Cut(rest, " restarting failed container=")
	if !found {
		return 0, "", false
	}
	d, err := time.ParseDuration(window)
	if err != nil || d <= 0 {
		return 0, "", false
	}
	name, _, found := strings.Cut(rest, " pod=")
	if !found {
		return 0, "", false
	}
	return d, name, true
}
