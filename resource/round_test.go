package resource

import "testing"

// pkg/apis/core/v1/defaults.go SetDefaults_ResourceList: Quantity.RoundUp(-3)
// on every limit and request. The expected forms were checked against
// k8s.io/apimachinery v0.37.1 (kube's TestRoundUpMilliAgreesWithApimachinery
// draws many more).
func TestRoundUpMilli(t *testing.T) {
	for _, tc := range []struct {
		in, want     string
		milli, value int64
		same         bool // the quantity itself comes back
	}{
		{"250m", "250m", 250, 1, true},
		{"1Gi", "1Gi", 1073741824000, 1073741824, true},
		{"2", "2", 2000, 2, true},
		{"0", "0", 0, 0, true},
		{"0.0001", "1m", 1, 1, false},
		{"-0.0001", "-1m", -1, -1, false},
		{"1e-4", "1e-3", 1, 1, false}, // an exponent stays an exponent
		{"1500u", "2m", 2, 1, false},
		{"3n", "1m", 1, 1, false},
		{"1.0000", "1", 1000, 1, false},
		{"0.9999", "1", 1000, 1, false},
		{"1000.5m", "1001m", 1001, 2, false},
		{"2.0000001Mi", "2097152105m", 2097152105, 2097153, false},
		{"0.0000", "0", 0, 0, false},
	} {
		q := MustParse(tc.in)
		got := q.RoundUpMilli()
		if got.String() != tc.want || got.MilliValue() != tc.milli || got.Value() != tc.value {
			t.Errorf("%q: got %s (milli %d, value %d), want %s (milli %d, value %d)",
				tc.in, got.String(), got.MilliValue(), got.Value(), tc.want, tc.milli, tc.value)
		}
		if (got == q) != tc.same {
			t.Errorf("%q: the same quantity back is %v, want %v", tc.in, got == q, tc.same)
		}
		if q.String() != MustParse(tc.in).String() {
			t.Errorf("%q: rounding changed the quantity it was called on", tc.in)
		}
	}
}

// Rounding what needs none allocates nothing: validation and Defaulted
// look at every quantity of a pod.
func TestRoundUpMilliOfAMilliQuantityAllocatesNothing(t *testing.T) {
	q := MustParse("250m")
	if n := testing.AllocsPerRun(100, func() { _ = q.RoundUpMilli() }); n != 0 {
		t.Errorf("RoundUpMilli of 250m: %v allocations, want 0", n)
	}
}
