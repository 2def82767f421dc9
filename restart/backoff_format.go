package restart

import (
	"strconv"
	"time"
)

// appendDuration appends d as time.Duration.String writes it ("10s",
// "1m20s", "5m0s", "1.5s", "250ms"), without allocating: the kubelet's
// back-off messages format their window that way.
func appendDuration(dst []byte, d time.Duration) []byte {
	u := uint64(d)
	if d < 0 {
		dst = append(dst, '-')
		u = -u // also right for math.MinInt64
	}
	switch {
	case u == 0:
		return append(dst, "0s"...)
	case u < uint64(time.Microsecond):
		dst = strconv.AppendUint(dst, u, 10)
		return append(dst, "ns"...)
	case u < uint64(time.Millisecond):
		dst = appendDecimal(dst, u, 3)
		return append(dst, "µs"...)
	case u < uint64(time.Second):
		dst = appendDecimal(dst, u, 6)
		return append(dst, "ms"...)
	}
	secs, nanos := u/uint64(time.Second), u%uint64(time.Second)
	h, m, s := secs/3600, secs/60%60, secs%60
	if h > 0 {
		dst = strconv.AppendUint(dst, h, 10)
		dst = append(dst, 'h')
	}
	if h > 0 || m > 0 {
		dst = strconv.AppendUint(dst, m, 10)
		dst = append(dst, 'm')
	}
	dst = appendDecimal(dst, s*uint64(time.Second)+nanos, 9)
	return append(dst, 's')
}

// appendDecimal appends v / 10^digits in decimal, with the fraction's
// trailing zeros (and a fraction of zero) left out.
func appendDecimal(dst []byte, v uint64, digits int) []byte {
	pow := uint64(1)
	for range digits {
		pow *= 10
	}
	dst = strconv.AppendUint(dst, v/pow, 10)
	frac := v % pow
	if frac == 0 {
		return dst
	}
	for frac%10 == 0 {
		frac /= 10
		digits--
	}
	var buf [20]byte
	i := len(buf)
	for range digits {
		i--
		buf[i] = byte('0' + frac%10)
		frac /= 10
	}
	dst = append(dst, '.')
	return append(dst, buf[i:]...)
}
