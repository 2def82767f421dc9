package restart

import (
	"strings"
	"time"
)

// DelayAfter returns the crash-loop window in force once the kubelet has
// restarted a crash-looping container restarts times under limits l: 0
// before any restart (the first restart after an exit is immediate), then
// Initial, doubling up to Max — 10 s, 20 s, 40 s, 80 s, 160 s, 300 s, 300 s
// … at the v1.37 defaults. So a container with restartCount 4 that exits
// again waits 80 s. It replays CrashLoopBackoff.Next, the rule the
// kubelet's record follows, and assumes no reset happened (see
// CrashLoopReset).
func (l CrashLoopLimits) DelayAfter(restarts int32) time.Duration {
	var b CrashLoopBackoff
	var k BackoffKey
	var t time.Time
	for i := int32(0); i < restarts; i++ {
		b.Next(l, k, t, t)
		if b.Delay(k) >= l.Max() {
			break
		}
	}
	return b.Delay(k)
}

// crashLoopMessagePrefix starts the waiting message of a container in
// crash-loop back-off; CrashLoopDecision.Message writes it.
const crashLoopMessagePrefix = "back-off "

// ParseCrashLoopMessage reads the waiting message the kubelet gives a
// container it refuses to restart ("back-off
// 1m20s restarting failed container=app pod=web_default(uid)", as
// CrashLoopDecision.Message writes it): the window
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
