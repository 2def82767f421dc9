package resource

import (
	"math"
	"testing"
)

// NewQuantity is upstream's resource.NewQuantity: its String, Value and
// MilliValue (overflow included) for each format. The answers are
// apimachinery v0.37.1's.
func TestNewQuantity(t *testing.T) {
	for _, c := range []struct {
		units        int64
		format       Format
		text         string
		value, milli int64
	}{
		{0, BinarySI, "0", 0, 0},
		{0, DecimalSI, "0", 0, 0},
		{0, DecimalExponent, "0", 0, 0},
		{1, BinarySI, "1", 1, 1000},
		{1, DecimalSI, "1", 1, 1000},
		{1, DecimalExponent, "1", 1, 1000},
		{900, BinarySI, "900", 900, 900000},
		{900, DecimalSI, "900", 900, 900000},
		{900, DecimalExponent, "900", 900, 900000},
		{1023, BinarySI, "1023", 1023, 1023000},
		{1023, DecimalSI, "1023", 1023, 1023000},
		{1023, DecimalExponent, "1023", 1023, 1023000},
		{1024, BinarySI, "1Ki", 1024, 1024000},
		{1024, DecimalSI, "1024", 1024, 1024000},
		{1024, DecimalExponent, "1024", 1024, 1024000},
		{1025, BinarySI, "1025", 1025, 1025000},
		{1025, DecimalSI, "1025", 1025, 1025000},
		{1025, DecimalExponent, "1025", 1025, 1025000},
		{1000000000, BinarySI, "1000000000", 1000000000, 1000000000000},
		{1000000000, DecimalSI, "1G", 1000000000, 1000000000000},
		{1000000000, DecimalExponent, "1e9", 1000000000, 1000000000000},
		{1610612736, BinarySI, "1536Mi", 1610612736, 1610612736000},
		{1610612736, DecimalSI, "1610612736", 1610612736, 1610612736000},
		{1610612736, DecimalExponent, "1610612736", 1610612736, 1610612736000},
		{943718400, BinarySI, "900Mi", 943718400, 943718400000},
		{943718400, DecimalSI, "943718400", 943718400, 943718400000},
		{943718400, DecimalExponent, "943718400", 943718400, 943718400000},
		{-2048, BinarySI, "-2Ki", -2048, -2048000},
		{-2048, DecimalSI, "-2048", -2048, -2048000},
		{-2048, DecimalExponent, "-2048", -2048, -2048000},
		{4611686018427387904, BinarySI, "4Ei", 4611686018427387904, 0},
		{4611686018427387904, DecimalSI, "4611686018427387904", 4611686018427387904, 0},
		{4611686018427387904, DecimalExponent, "4611686018427387904", 4611686018427387904, 0},
		{9223372036854775807, BinarySI, "9223372036854775807", 9223372036854775807, -1000},
		{9223372036854775807, DecimalSI, "9223372036854775807", 9223372036854775807, -1000},
		{9223372036854775807, DecimalExponent, "9223372036854775807", 9223372036854775807, -1000},
		{math.MinInt64, BinarySI, "-9223372036854775808", math.MinInt64, 0},
		{math.MinInt64, DecimalSI, "-9223372036854775808", math.MinInt64, 0},
		{math.MinInt64, DecimalExponent, "-9223372036854775808", math.MinInt64, 0},
		{1500, BinarySI, "1500", 1500, 1500000},
		{1500, DecimalSI, "1500", 1500, 1500000},
		{1500, DecimalExponent, "1500", 1500, 1500000},
		{1000, BinarySI, "1k", 1000, 1000000},
		{1000, DecimalSI, "1k", 1000, 1000000},
		{1000, DecimalExponent, "1e3", 1000, 1000000},
		{5000000, BinarySI, "5000000", 5000000, 5000000000},
		{5000000, DecimalSI, "5M", 5000000, 5000000000},
		{5000000, DecimalExponent, "5e6", 5000000, 5000000000},
	} {
		q := NewQuantity(c.units, c.format)
		if q.String() != c.text || q.Value() != c.value || q.MilliValue() != c.milli {
			t.Errorf("NewQuantity(%d, %s) = %s, Value %d, MilliValue %d; want %s, %d, %d", c.units, c.format, q.String(), q.Value(), q.MilliValue(), c.text, c.value, c.milli)
		}
		if q.Format() != c.format {
			t.Errorf("NewQuantity(%d, %s): format %s", c.units, c.format, q.Format())
		}
	}
	if q := NewQuantity(5, Format(9)); q.Format() != DecimalExponent || q.String() != "5" {
		t.Errorf("an unknown format: %s %s, want DecimalExponent 5", q.Format(), q.String())
	}
}
