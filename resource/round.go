package resource

import "math/big"

var nanoPerMilli = big.NewInt(1_000_000)

// RoundUpMilli returns q rounded up (away from zero) to a whole thousandth,
// as the apiserver stores every quantity of a pod's resources: its v1
// defaults round each limit and request so (pkg/apis/core/v1/defaults.go
// SetDefaults_ResourceList, Quantity.RoundUp(-3)), and validation, the QoS
// class and the scheduler see the rounded value ("0.0001" is "1m").
//
// A quantity upstream holds as an int64 at a scale of a thousandth or
// coarser (most: "250m", "1Gi", "2") is returned as it is, its text
// included. Any other loses its text as upstream's does, so it prints in
// the canonical form of the rounded value ("1.0000" prints "1").
func (q Quantity) RoundUpMilli() Quantity {
	v := q.v
	if v == nil || !v.exact && !v.capped && v.iscale >= -3 {
		return q
	}
	if v.nanos.Sign() == 0 {
		return zeroIn(v.format)
	}
	n := &value{format: v.format, exact: v.exact}
	if v.exact || v.capped {
		// infDecAmount.AsScale(-3): the decimal rounded away from zero to
		// a scale of a thousandth (the binary cap too, a decimal at scale
		// 0 before).
		n.exact = true
		quo, rem := new(big.Int).QuoRem(&v.nanos, nanoPerMilli, new(big.Int))
		if rem.Sign() == 0 && v.text == "" && v.milli {
			return q // rounded already
		}
		n.milli = true
		if rem.Sign() != 0 {
			quo.Add(quo, big.NewInt(int64(v.nanos.Sign())))
		}
		n.nanos.Mul(quo, nanoPerMilli)
		return Quantity{v: n}
	}
	// Upstream's int64 form below a thousandth: int64Amount.AsScale(-3),
	// which divides by ten at a time and rounds away from zero
	// (pkg/api/resource math.go negativeScaleInt64).
	m := roundAwayByTens(v.ival, int(-3-v.iscale))
	n.ival, n.iscale = m, -3
	n.nanos.Mul(big.NewInt(m), nanoPerMilli)
	return Quantity{v: n}
}

// roundAwayByTens is base divided by 10^k, rounded away from zero.
func roundAwayByTens(base int64, k int) int64 {
	value, fraction := base, false
	for range k {
		if value%10 != 0 {
			fraction = true
		}
		value /= 10
		if value == 0 {
			break
		}
	}
	if !fraction {
		return value
	}
	if base > 0 {
		return value + 1
	}
	return value - 1
}
