package kube

import (
	"testing"

	apiresource "k8s.io/apimachinery/pkg/api/resource"
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
