package kubectl

import (
	"strconv"
	"time"
)

// The texts a humanized duration uses besides numbers.
const (
	// Invalid is what a duration prints as when it is at least 2 s in the
	// past of zero: a timestamp that far in the future of the printer's
	// clock is treated as clock skew that cannot be hidden.
	Invalid = "<invalid>"
	// UnknownTime is what AGE (and every "time since" cell) prints for an
	// unset timestamp (pkg/printers/internalversion/printers.go
	// translateTimestampSince).
	UnknownTime = "<unknown>"
)

// HumanDuration writes d the way kubectl's AGE column and the RESTARTS
// "(5m ago)" do (k8s.io/apimachinery/pkg/util/duration HumanDuration):
// two or three significant figures, every unit truncated, never rounded,
// with 365-day years:
//
//	0s … 119s, 2m … 9m59s (2m1s), 10m … 179m, 3h … 7h59m (3h1m), 8h … 47h,
//	2d … 7d23h (2d1h), 8d … 729d, 2y … 7y364d (2y1d), then 8y, 9y, …
//
// A negative d is clock skew: its whole seconds cut toward zero, -1 or 0
// (up to 2 s in the future) prints 0s, anything further <invalid>.
func HumanDuration(d time.Duration) string {
	var buf [24]byte
	return string(AppendHumanDuration(buf[:0], d))
}

// AppendHumanDuration appends HumanDuration(d) to dst without allocating
// when dst has room.
func AppendHumanDuration(dst []byte, d time.Duration) []byte {
	// Integer division truncates toward zero, as upstream's int(d.Seconds())
	// does for every value a Duration can hold.
	secs := int64(d / time.Second)
	switch {
	case secs < -1:
		return append(dst, Invalid...)
	case secs < 0:
		return append(dst, "0s"...)
	case secs < 120:
		return unit(dst, secs, 's')
	}
	mins := int64(d / time.Minute)
	switch {
	case mins < 10:
		return twoUnits(dst, mins, 'm', secs%60, 's')
	case mins < 3*60:
		return unit(dst, mins, 'm')
	}
	hours := int64(d / time.Hour)
	switch {
	case hours < 8:
		return twoUnits(dst, hours, 'h', mins%60, 'm')
	case hours < 48:
		return unit(dst, hours, 'h')
	case hours < 8*24:
		return twoUnits(dst, hours/24, 'd', hours%24, 'h')
	case hours < 2*365*24:
		return unit(dst, hours/24, 'd')
	case hours < 8*365*24:
		days := hours / 24
		return twoUnits(dst, days/365, 'y', days%365, 'd')
	}
	return unit(dst, hours/24/365, 'y')
}

// ShortHumanDuration writes d with one unit only
// (k8s.io/apimachinery/pkg/util/duration ShortHumanDuration): seconds below
// 1 minute, minutes below 1 hour, hours below 1 day, days below 365 days,
// then years; the same clock-skew rule as HumanDuration.
//
// Upstream computes the fractional minutes, hours and years of d in
// float64, so a few nanoseconds below a year boundary the rounding decides
// (365 days minus 1 ns prints 1y, not 364d; minus 256 ns, 364d); this
// function makes the same float64 computations to print the same.
func ShortHumanDuration(d time.Duration) string {
	var buf [24]byte
	return string(AppendShortHumanDuration(buf[:0], d))
}

// AppendShortHumanDuration appends ShortHumanDuration(d) to dst.
func AppendShortHumanDuration(dst []byte, d time.Duration) []byte {
	secs := int64(d.Seconds())
	switch {
	case secs < -1:
		return append(dst, Invalid...)
	case secs < 0:
		return append(dst, "0s"...)
	case secs < 60:
		return unit(dst, secs, 's')
	}
	if mins := int64(d.Minutes()); mins < 60 {
		return unit(dst, mins, 'm')
	}
	hours := int64(d.Hours())
	switch {
	case hours < 24:
		return unit(dst, hours, 'h')
	case hours < 365*24:
		return unit(dst, hours/24, 'd')
	}
	return unit(dst, int64(d.Hours()/24/365), 'y')
}

func unit(dst []byte, n int64, u byte) []byte {
	dst = strconv.AppendInt(dst, n, 10)
	return append(dst, u)
}

// twoUnits writes "<a><ua><b><ub>", or "<a><ua>" alone when b is 0.
func twoUnits(dst []byte, a int64, ua byte, b int64, ub byte) []byte {
	dst = unit(dst, a, ua)
	if b == 0 {
		return dst
	}
	return unit(dst, b, ub)
}

// Since writes how long before now t was, as AGE prints it: UnknownTime for
// the zero time, else HumanDuration(now − t)
// (pkg/printers/internalversion/printers.go translateTimestampSince, with
// the printer's clock as an argument).
func Since(t, now time.Time) string {
	var buf [24]byte
	return string(AppendSince(buf[:0], t, now))
}

// AppendSince appends Since(t, now) to dst.
func AppendSince(dst []byte, t, now time.Time) []byte {
	if t.IsZero() {
		return append(dst, UnknownTime...)
	}
	return AppendHumanDuration(dst, now.Sub(t))
}
