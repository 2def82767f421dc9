// Package resource holds Kubernetes resource quantities ("500m", "1Gi",
// "1e3") and resource names, parsed, compared and printed the way
// k8s.io/apimachinery/pkg/api/resource does, with the standard library only.
//
// A Quantity is exact: its value is kept as a whole number of nano-units
// (10^-9), which is the finest precision Kubernetes keeps (a finer value is
// rounded up, away from zero, as upstream's ParseQuantity does). Its String
// is upstream's canonical form, so a Quantity read from a manifest encodes
// back as the apiserver would write it.
//
// Upstream's quirks are kept, since error details quote quantities and
// validation reads Value and MilliValue: a string it finds canonical is
// printed as written ("+1", "007", "12.345"); a decimal-SI value of 10^21
// or more prints without suffix ("1000E" prints "1"); binary-SI values are
// capped at 2^63-1; Value and MilliValue overflow (and round negative
// sub-unit values of its arbitrary-precision form) exactly as upstream's
// do. Checked on about 9,000 inputs against apimachinery v0.37.1.
//
// What it does not do: arithmetic beyond Add, scales other than Value and
// MilliValue, and values of 10^1000 or more (rejected, where upstream
// would spend unbounded memory).
package resource

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Format is how a quantity is written: the family of its suffix. The zero
// value is DecimalExponent, as upstream's zero Format is "".
type Format uint8

// The quantity formats (k8s.io/apimachinery/pkg/api/resource Format).
const (
	// DecimalExponent: "1e3", "12E-3".
	DecimalExponent Format = iota
	// BinarySI: "Ki", "Mi", "Gi", "Ti", "Pi", "Ei".
	BinarySI
	// DecimalSI: "n", "u", "m", "", "k", "M", "G", "T", "P", "E".
	DecimalSI
)

// String returns upstream's name of the format.
func (f Format) String() string {
	switch f {
	case BinarySI:
		return "BinarySI"
	case DecimalSI:
		return "DecimalSI"
	}
	return "DecimalExponent"
}

// Errors returned by Parse, comparable with errors.Is.
var (
	// ErrFormatWrong: the text is not a number followed by a suffix.
	ErrFormatWrong = errors.New("resource: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
	// ErrSuffix: the suffix is not one Kubernetes knows.
	ErrSuffix = errors.New("resource: unable to parse quantity's suffix")
	// ErrNumeric: the number cannot be read (or is beyond what podlife
	// accepts: 10^1000 and more, or an exponent below -1000).
	ErrNumeric = errors.New("resource: unable to parse quantity's numeric value")
)

// maxExponent bounds the quantities podlife accepts: below 10^1000, and a
// written exponent of at least -1000. Upstream accepts any int32 exponent
// (and may then spend unbounded time and memory on it); no real quantity
// comes near.
const maxExponent = 1000

var (
	bigOne     = big.NewInt(1)
	bigTen     = big.NewInt(10)
	big1024    = big.NewInt(1024)
	nanoPerOne = big.NewInt(1_000_000_000)
	maxBinary  = new(big.Int).Mul(big.NewInt(1<<63-1), nanoPerOne) // upstream's maxAllowed, in nanos
)

// Quantity is a Kubernetes resource quantity. The zero value is 0 (and
// prints "0"). Quantities are values: no method changes its receiver but
// UnmarshalJSON, which replaces it.
type Quantity struct {
	// v is the quantity, shared by its copies and never changed once made:
	// one word, so that an Amount of a resource.List, which holds its
	// quantities inline, is 24 bytes rather than 56 (a Quantity was 40
	// bytes). nil is the zero value.
	v *value
}

// value is what a Quantity is.
type value struct {
	// The fields are ordered widest first, so that the small ones share
	// one word.

	// nanos is the value in units of 10^-9, held here rather than behind
	// a pointer of its own: a parsed quantity is one allocation (and its
	// digits' array) as it was before Quantity held a pointer.
	nanos big.Int
	// text is the string as written, when upstream keeps it as the
	// quantity's String (its parser's fast path; see keepsText).
	text string
	// ival×10^iscale is upstream's int64 form of a value it holds as an
	// int64 (exact unset), which decides how Value and MilliValue wrap.
	ival   int64
	iscale int32
	format Format
	// exact is set when upstream holds the value as an arbitrary-precision
	// decimal rather than an int64 (its parser's slow path), which changes
	// how Value and MilliValue overflow and round negatives.
	exact bool
	// capped is set when the value is upstream's binary-SI cap, 2^63-1,
	// which it holds at scale 0 (so its milli value wraps around).
	capped bool
	// milli is set, with exact, when upstream's decimal is held at a scale
	// of a thousandth rather than a nano (RoundUpMilli), which changes how
	// Value and MilliValue overflow.
	milli bool
}

// zeros are the zero of each format, shared: 0 made without a value to
// keep is no allocation.
var zeros = [...]value{DecimalExponent: {format: DecimalExponent}, BinarySI: {format: BinarySI}, DecimalSI: {format: DecimalSI}}

// zeroIn is 0 in format f.
func zeroIn(f Format) Quantity {
	if int(f) < len(zeros) {
		return Quantity{v: &zeros[f]}
	}
	return Quantity{v: &value{format: f}}
}

// val is what q is; the zero Quantity is 0 in DecimalExponent.
func (q Quantity) val() *value {
	if q.v == nil {
		return &zeros[DecimalExponent]
	}
	return q.v
}

// Parse reads a quantity written as Kubernetes accepts it: an optional sign,
// digits with an optional decimal point, and a suffix — a decimal SI one
// (n u m k M G T P E), a binary SI one (Ki Mi Gi Ti Pi Ei) or a decimal
// exponent (e3, E-2). (k8s.io/apimachinery/pkg/api/resource ParseQuantity.)
func Parse(s string) (Quantity, error) {
	if s == "" {
		return Quantity{}, ErrFormatWrong
	}
	if s == "0" {
		return zeroIn(DecimalSI), nil
	}
	positive, num, denom, suf, err := splitQuantity(s)
	if err != nil {
		return Quantity{}, err
	}
	base, exp, format, ok := interpretSuffix(suf)
	if !ok {
		return Quantity{}, ErrSuffix
	}
	if int(exp)+len(num) > maxExponent || exp < -maxExponent {
		return Quantity{}, ErrNumeric
	}
	if !hasDigit(s) && !fastPath(num, denom, base, exp, format) {
		// Upstream's exact (slow) path parses the number text, which fails
		// when it has no digit at all (".Ei", "e-10"); its int64 fast path
		// reads such a text as 0.
		return Quantity{}, ErrNumeric
	}
	digits, ok := new(big.Int).SetString(num+denom, 10)
	if !ok {
		return Quantity{}, ErrNumeric
	}
	// value = digits × 10^-len(denom) × base^exp; nanos = value × 10^9,
	// rounded up (away from zero) to a whole nano.
	// nanos = digits × 10^9 × base^exp / 10^len(denom), rounded up:
	// num / den with integers only.
	top := new(big.Int).Mul(digits, nanoPerOne)
	den := pow(bigTen, len(denom))
	if base == 2 {
		top.Mul(top, pow(bigTwo, int(exp)))
	} else if exp >= 0 {
		top.Mul(top, pow(bigTen, int(exp)))
	} else {
		den = new(big.Int).Mul(den, pow(bigTen, int(-exp)))
	}
	q := new(value)
	n, rem := q.nanos.QuoRem(top, den, new(big.Int))
	if rem.Sign() != 0 {
		n.Add(n, bigOne)
	}
	capped := false
	if format == BinarySI {
		if n.Cmp(maxBinary) > 0 {
			n.Set(maxBinary)
			capped = true
		}
		if n.Sign() > 0 && n.Cmp(nanoPerOne) < 0 {
			format = DecimalSI
		}
	}
	if !positive {
		n.Neg(n)
	}
	q.format, q.exact, q.capped = format, !fastPath(num, denom, base, exp, format), capped
	if !q.exact {
		v, _ := strconv.ParseInt(num+denom, 10, 64)
		if base == 2 {
			v <<= uint(exp)
		} else {
			q.iscale = exp - int32(len(denom))
		}
		if !positive {
			v = -v
		}
		q.ival = v
	}
	if keepsText(num, denom, base, exp, format, n) {
		q.text = s
	}
	return Quantity{v: q}, nil
}

// hasDigit reports whether the number part of s (before any suffix letter)
// holds a digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
		if strings.IndexByte("eEinumkKMGTP", s[i]) >= 0 {
			return false
		}
	}
	return false
}

// fastPath reports whether upstream's ParseQuantity takes its int64 path:
// the digits fit its precision budget, the scale is at least nano and the
// value fits an int64.
func fastPath(num, denom string, base, exp int32, format Format) bool {
	shifted := num + denom
	v, err := strconv.ParseInt(shifted, 10, 64)
	if err != nil {
		return false
	}
	if base == 2 {
		if format != BinarySI || denom != "" || exp < 0 {
			return false
		}
		if 15-len(num)-int(float32(exp)*3/10)-1 < 0 {
			return false
		}
		return v == 0 || bitsLen(v)+int(exp) <= 63
	}
	return 18-len(shifted) >= 0 && int(exp)-len(denom) >= -9
}

// keepsText reports whether upstream's ParseQuantity keeps the text as
// written as the quantity's String: its int64 fast path, taken when the
// digits fit its precision budget, stores the original string when it
// looks canonical — decimal with an exponent that is a multiple of 3 and
// digits not starting with 0 nor ending in 000; binary with a mantissa that
// is not a multiple of 8. The check looks at the digits only, so "+1" and
// "1e0" keep their sign and exponent ("+1", "1e0").
func keepsText(num, denom string, base, exp int32, format Format, nanos *big.Int) bool {
	if !fastPath(num, denom, base, exp, format) {
		return false
	}
	shifted := num + denom
	if base == 2 {
		v, _ := strconv.ParseInt(shifted, 10, 64)
		return exp%10 == 0 && v&0x07 != 0
	}
	scale := int(exp) - len(denom)
	return scale%3 == 0 && !strings.HasSuffix(shifted, "000") && shifted[0] != '0' && nanos != nil
}

func bitsLen(v int64) int {
	n := 0
	for ; v > 0; v >>= 1 {
		n++
	}
	return n
}

// NewQuantity returns units whole units in format, as upstream's
// resource.NewQuantity does (the kubelet's, for instance, for the bytes a
// container uses): NewQuantity(943718400, BinarySI) prints "900Mi",
// NewQuantity(1000000000, BinarySI) "1000000000" (no binary suffix fits),
// NewQuantity(1000, DecimalSI) "1k". A format other than the three is read
// as DecimalExponent, as upstream prints it.
func NewQuantity(units int64, format Format) Quantity {
	if format != BinarySI && format != DecimalSI {
		format = DecimalExponent
	}
	if units == 0 {
		return zeroIn(format)
	}
	v := &value{format: format, ival: units}
	v.nanos.Mul(big.NewInt(units), nanoPerOne)
	if units == math.MinInt64 && format == BinarySI {
		// Upstream's int64 form cannot negate it to take out factors of
		// 1024, and prints the digits.
		v.text = strconv.FormatInt(units, 10)
	}
	return Quantity{v: v}
}

// MustParse is Parse for constants in tests and examples: it panics when s
// is not a quantity.
func MustParse(s string) Quantity {
	q, err := Parse(s)
	if err != nil {
		panic("resource.MustParse(" + strconv.Quote(s) + "): " + err.Error())
	}
	return q
}

// pow returns b^e. Powers of ten and two up to 64 come from tables built
// once (they are read only), so the common paths do not recompute them.
func pow(b *big.Int, e int) *big.Int {
	if e >= 0 && e < len(powersOfTen) {
		switch {
		case b == bigTen || b.Cmp(bigTen) == 0:
			return powersOfTen[e]
		case b.Cmp(bigTwo) == 0:
			return powersOfTwo[e]
		}
	}
	return new(big.Int).Exp(b, big.NewInt(int64(e)), nil)
}

var (
	bigTwo      = big.NewInt(2)
	powersOfTen = powers(10)
	powersOfTwo = powers(2)
)

func powers(b int64) [65]*big.Int {
	var out [65]*big.Int
	x := big.NewInt(1)
	for i := range out {
		out[i] = new(big.Int).Set(x)
		x.Mul(x, big.NewInt(b))
	}
	return out
}

// splitQuantity splits s into sign, integer digits, fraction digits and
// suffix, with upstream's grammar (leading zeros dropped, "1." and ".5"
// accepted).
func splitQuantity(s string) (positive bool, num, denom, suffix string, err error) {
	positive = true
	pos := 0
	switch s[0] {
	case '-':
		positive = false
		pos++
	case '+':
		pos++
	}
	for pos < len(s) && s[pos] == '0' {
		pos++
	}
	if pos == len(s) {
		return positive, "0", "", "", nil
	}
	start := pos
	for pos < len(s) && isDigit(s[pos]) {
		pos++
	}
	num = s[start:pos]
	if num == "" {
		num = "0"
	}
	if pos < len(s) && s[pos] == '.' {
		pos++
		start = pos
		for pos < len(s) && isDigit(s[pos]) {
			pos++
		}
		denom = s[start:pos]
	}
	suffixStart := pos
	for pos < len(s) && strings.IndexByte("eEinumkKMGTP", s[pos]) >= 0 {
		pos++
	}
	if pos < len(s) && (s[pos] == '-' || s[pos] == '+') {
		pos++
	}
	for pos < len(s) && isDigit(s[pos]) {
		pos++
	}
	if pos != len(s) {
		return false, "", "", "", ErrFormatWrong
	}
	return positive, num, denom, s[suffixStart:], nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

var decimalSuffixes = []struct {
	s   string
	exp int32
}{{"n", -9}, {"u", -6}, {"m", -3}, {"", 0}, {"k", 3}, {"M", 6}, {"G", 9}, {"T", 12}, {"P", 15}, {"E", 18}}

var binarySuffixes = []struct {
	s   string
	exp int32
}{{"Ki", 10}, {"Mi", 20}, {"Gi", 30}, {"Ti", 40}, {"Pi", 50}, {"Ei", 60}}

// interpretSuffix: upstream's suffixer.interpret.
func interpretSuffix(s string) (base, exp int32, f Format, ok bool) {
	for _, d := range decimalSuffixes {
		if d.s == s {
			return 10, d.exp, DecimalSI, true
		}
	}
	for _, b := range binarySuffixes {
		if b.s == s {
			return 2, b.exp, BinarySI, true
		}
	}
	if len(s) > 1 && (s[0] == 'e' || s[0] == 'E') {
		e, err := strconv.ParseInt(s[1:], 10, 64)
		if err != nil {
			return 0, 0, DecimalExponent, false
		}
		if e > maxExponent || e < -maxExponent {
			return 10, maxExponent + 1, DecimalExponent, true
		}
		return 10, int32(e), DecimalExponent, true
	}
	return 0, 0, DecimalExponent, false
}

// Format returns the format the quantity was written in, which its String
// keeps.
func (q Quantity) Format() Format { return q.val().format }

// IsZero reports whether the quantity is 0.
func (q Quantity) IsZero() bool { return q.val().nanos.Sign() == 0 }

// Sign returns -1, 0 or 1.
func (q Quantity) Sign() int { return q.val().nanos.Sign() }

// Cmp compares the values of q and r: -1 when q < r, 0 when equal, 1 when
// q > r. "1" and "1000m" are equal.
func (q Quantity) Cmp(r Quantity) int {
	return q.big().Cmp(r.big())
}

// Equal reports whether q and r have the same value.
func (q Quantity) Equal(r Quantity) bool { return q.Cmp(r) == 0 }

// big is q's value in nanos, read only.
func (q Quantity) big() *big.Int { return &q.val().nanos }

// Add returns q + r, in q's format (r's when q is 0), as upstream's
// Quantity.Add.
func (q Quantity) Add(r Quantity) Quantity {
	f := q.Format()
	if q.IsZero() {
		f = r.Format()
	}
	v := &value{format: f, exact: true}
	if v.nanos.Add(q.big(), r.big()).Sign() == 0 {
		return zeroIn(f)
	}
	return Quantity{v: v}
}

// Value returns the value rounded up to a whole number (away from zero),
// as upstream's Quantity.Value, overflow included: a value beyond int64
// gives what upstream gives (0 for most, wrapped bits for values it holds
// as arbitrary-precision decimals, which also round negative fractions
// towards +1 there).
func (q Quantity) Value() int64 { return q.scaled(9) }

// MilliValue returns the value in thousandths, rounded up (away from zero),
// with upstream's overflow behaviour (see Value).
func (q Quantity) MilliValue() int64 { return q.scaled(6) }

var bigMaxInt64 = big.NewInt(1<<63 - 1)

// scaled divides the nanos by 10^dif, the way upstream's ScaledValue does
// for the representation it would hold.
func (q Quantity) scaled(dif int) int64 {
	if q.IsZero() {
		return 0
	}
	return q.v.scaled(dif)
}

func (q *value) scaled(dif int) int64 {
	if q.capped {
		n := new(big.Int).Quo(&q.nanos, nanoPerOne).Int64() // ±(2^63-1), at scale 0
		if dif == 9 {
			return n
		}
		return n * 1000 // int64 arithmetic, wrapping as upstream's does
	}
	d := pow(bigTen, dif) // from the table: read only
	if q.exact {
		// pkg/api/resource scale_int.go scaledValue on the decimal's
		// unscaled value (nanos, or thousandths once rounded to them):
		// int64 arithmetic (with wrap-around) below MaxInt64.
		unscaled := &q.nanos
		if q.milli {
			unscaled = new(big.Int).Quo(&q.nanos, nanoPerMilli)
			if dif -= 6; dif == 0 {
				return unscaled.Int64()
			}
			d = pow(bigTen, dif)
		}
		if unscaled.Cmp(bigMaxInt64) < 0 {
			n, dd := unscaled.Int64(), d.Int64()
			if n%dd != 0 {
				return n/dd + 1
			}
			return n / dd
		}
		quo, rem := new(big.Int).DivMod(unscaled, d, new(big.Int))
		if rem.Sign() != 0 {
			return quo.Int64() + 1
		}
		return quo.Int64()
	}
	// int64Amount.AsScaledInt64: dividing rounds away from zero and cannot
	// overflow; multiplying by 10, 100, 1000, 10^6 or 10^9 wraps around,
	// by other powers of ten gives 0 on overflow.
	target := int32(9 - dif) // 0 for Value, 3 for MilliValue, as a scale: -target
	up := q.iscale + target
	if up < 0 {
		quo, rem := new(big.Int).QuoRem(&q.nanos, d, new(big.Int))
		if rem.Sign() != 0 {
			if q.nanos.Sign() > 0 {
				quo.Add(quo, bigOne)
			} else {
				quo.Sub(quo, bigOne)
			}
		}
		return quo.Int64()
	}
	v := q.ival
	switch up {
	case 0:
		return v
	case 1, 2, 3, 6, 9:
		if v == -1<<63 {
			return 0
		}
		return v * powersOfTen[up].Int64()
	}
	for i := int32(0); i < up; i++ {
		c := v * 10
		if v != 0 && v != 1 && (v == -1<<63 || c/10 != v) {
			return 0
		}
		v = c
	}
	return v
}

// String returns the canonical form upstream prints (Quantity.String):
// the largest suffix of the quantity's format that leaves an integer
// mantissa, e.g. "0.5" → "500m", "1000Mi" → "1000Mi", "1024Mi" → "1Gi",
// "1e3" → "1e3", "1500" → "1500"; a binary quantity that is below 1024 or
// not a whole number is printed in decimal SI. 0 prints "0".
func (q Quantity) String() string {
	if q.IsZero() {
		if t := q.val().text; t != "" {
			return t
		}
		return "0"
	}
	return q.v.String()
}

func (q *value) String() string {
	if q.text != "" {
		return q.text
	}
	format := q.format
	if format == BinarySI {
		abs := new(big.Int).Abs(&q.nanos)
		if abs.Cmp(new(big.Int).Mul(big1024, nanoPerOne)) < 0 {
			format = DecimalSI
		} else if new(big.Int).Rem(abs, nanoPerOne).Sign() != 0 {
			format = DecimalSI
		}
	}
	if format == BinarySI {
		m := new(big.Int).Quo(&q.nanos, nanoPerOne)
		neg := m.Sign() < 0
		m.Abs(m)
		e := 0
		r := new(big.Int)
		for m.Cmp(big1024) >= 0 {
			quo, rem := new(big.Int).QuoRem(m, big1024, r)
			if rem.Sign() != 0 {
				break
			}
			m = quo
			e++
		}
		if neg {
			m.Neg(m)
		}
		out := m.String()
		if e > 0 && e <= len(binarySuffixes) {
			out += binarySuffixes[e-1].s
		}
		return out
	}
	// Decimal: remove factors of ten, then lower the exponent to a multiple
	// of three.
	m := new(big.Int).Set(&q.nanos)
	neg := m.Sign() < 0
	m.Abs(m)
	exp := -9
	r := new(big.Int)
	for m.Cmp(bigTen) >= 0 {
		quo, rem := new(big.Int).QuoRem(m, bigTen, r)
		if rem.Sign() != 0 {
			break
		}
		m = quo
		exp++
	}
	switch ((exp % 3) + 3) % 3 {
	case 1:
		m.Mul(m, bigTen)
		exp--
	case 2:
		m.Mul(m, big.NewInt(100))
		exp -= 2
	}
	if neg {
		m.Neg(m)
	}
	out := m.String()
	if format == DecimalExponent {
		if exp != 0 {
			out += "e" + strconv.Itoa(exp)
		}
		return out
	}
	for _, d := range decimalSuffixes {
		if int(d.exp) == exp {
			return out + d.s
		}
	}
	// Beyond "E": upstream finds no suffix and prints the mantissa alone.
	return out
}

// MarshalJSON writes the canonical form as a JSON string.
func (q Quantity) MarshalJSON() ([]byte, error) {
	return strconv.AppendQuote(nil, q.String()), nil
}

// UnmarshalJSON reads a quantity from a JSON string (or a bare number, as
// upstream also accepts); null leaves 0.
func (q *Quantity) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		*q = Quantity{}
		return nil
	}
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		u, err := strconv.Unquote(s)
		if err != nil {
			return err
		}
		s = u
	}
	p, err := Parse(strings.TrimSpace(s))
	if err != nil {
		return err
	}
	*q = p
	return nil
}
