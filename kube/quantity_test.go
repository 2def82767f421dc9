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
	if !quantityOffsets.ok {
		t.Fatal("apiresource.Quantity's unexported fields d.Dec, i.value, i.scale or s moved: no quantity is remembered")
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

// The memo reads apimachinery's int64 form and cached text where
// reflection found them: they must be what the quantity says.
func TestMemoReadsTheInt64FormAndText(t *testing.T) {
	q := apiresource.MustParse("0.25") // canonically 250m
	if v, s := int64Amount(&q); v != 25 || s != -2 {
		t.Errorf("int64Amount(0.25) = %d, %d; want 25, -2 (25e-2)", v, s)
	}
	if got := quantityText(&q); got != "" {
		t.Errorf("a quantity parsed from a non-canonical form caches no text, read %q", got)
	}
	_ = q.String() // caches "250m" in q
	if got := quantityText(&q); got != "250m" {
		t.Errorf("quantityText after String = %q, want 250m", got)
	}
}

// One value written in different forms reads as each form, however the
// memo's slots fall, and in any order: the memo changes no answer.
func TestMemoKeepsFormsApart(t *testing.T) {
	forms := []string{"1Gi", "1024Mi", "1073741824", "1073741824000m", "1.073741824G", "1", "1000m", "1k", "1000", "1e3", "0", "0m", "-1", "250m", "0.25"}
	for round := range 3 {
		for i := range forms {
			s := forms[(i*7+round)%len(forms)]
			q := apiresource.MustParse(s)
			if round == 2 {
				_ = q.String() // with its text cached, a different key
			}
			r := reader{}
			got := r.quantity(&q)
			want := resource.MustParse(q.String())
			if r.err != nil || got.String() != want.String() || got.Cmp(want) != 0 {
				t.Errorf("round %d: %s read as %s (err %v), want %s", round, s, got, r.err, want)
			}
		}
	}
}
