package kube

import (
	"testing"

	"github.com/podlife/podlife/resource"
	apiresource "k8s.io/apimachinery/pkg/api/resource"
	"pgregory.net/rapid"
)

// The way in remembers only quantities held as an int64, which it tells
// from those held as an arbitrary-precision decimal by reading
// apimachinery's unexported field where reflection found it: if a later
// apimachinery moves the field, nothing is remembered, and this test says
// so.
func TestInt64BackedReadsTheDecimalField(t *testing.T) {
	if decOffset == ^uintptr(0) {
		t.Fatal("apiresource.Quantity has no d.Dec pointer field any more: no quantity is remembered")
	}
	for s, want := range map[string]bool{"1": true, "250m": true, "1Gi": true, "1e100": true, "123456789012345678901": false, "0.000000000001": false} {
		q := apiresource.MustParse(s)
		if got := int64Backed(&q); got != want {
			t.Errorf("int64Backed(%s) = %v, want %v", s, got, want)
		}
	}
}

// pkg/apis/core/v1/defaults.go SetDefaults_ResourceList rounds every
// quantity of a pod's resources with Quantity.RoundUp(-3):
// resource.Quantity.RoundUpMilli prints, and reads as a value and a milli
// value, what apimachinery's rounded quantity does, for quantities of every
// form (int64 and arbitrary-precision, each suffix, signs, fractions finer
// than a nano).
func TestRoundUpMilliAgreesWithApimachinery(t *testing.T) {
	suffixes := []string{"", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "e-20", "e-12", "e-7", "e-4", "e-3", "e2", "e10", "E-5"}
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.SampledFrom([]string{"", "-", "+"}).Draw(t, "sign") +
			rapid.StringMatching(`[0-9]{1,28}`).Draw(t, "int")
		if rapid.Bool().Draw(t, "fraction") {
			s += "." + rapid.StringMatching(`[0-9]{1,14}`).Draw(t, "frac")
		}
		s += rapid.SampledFrom(suffixes).Draw(t, "suffix")
		up, err := apiresource.ParseQuantity(s)
		if err != nil {
			return
		}
		ours, err := resource.Parse(s)
		if err != nil {
			t.Fatalf("%q: apimachinery reads it, podlife: %v", s, err)
		}
		up.RoundUp(-3)
		got := ours.RoundUpMilli()
		if got.String() != up.String() || got.MilliValue() != up.MilliValue() || got.Value() != up.Value() {
			t.Fatalf("%q rounded: podlife %s (milli %d, value %d), apimachinery %s (milli %d, value %d)",
				s, got.String(), got.MilliValue(), got.Value(), up.String(), up.MilliValue(), up.Value())
		}
		if again := got.RoundUpMilli(); again.String() != got.String() || again.Cmp(got) != 0 {
			t.Fatalf("%q: rounding twice gives %s, once %s", s, again.String(), got.String())
		}
	})
}
