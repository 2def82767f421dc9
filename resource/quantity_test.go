package resource

import (
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"
)

// e30 is 10^21 in nanos.
var e30 = new(big.Int).Exp(big.NewInt(10), big.NewInt(30), nil)

// The expected values were checked against
// k8s.io/apimachinery/pkg/api/resource v0.37.1 (ParseQuantity, String,
// MilliValue, Value), including upstream's habit of keeping the text as
// written when its int64 parser finds it canonical-looking ("+1", "007",
// "1e0", "12.345").
func TestParseQuantity(t *testing.T) {
	tests := []struct {
		in    string
		err   bool
		s     string
		milli int64
		value int64
	}{
		{"0", false, "0", 0, 0},
		{"1", false, "1", 1000, 1},
		{"100m", false, "100m", 100, 1},
		{"0.5", false, "500m", 500, 1},
		{"1.5", false, "1500m", 1500, 2},
		{"1000m", false, "1", 1000, 1},
		{"1e3", false, "1e3", 1000000, 1000},
		{"1Ki", false, "1Ki", 1024000, 1024},
		{"1024Ki", false, "1Mi", 1048576000, 1048576},
		{"1536", false, "1536", 1536000, 1536},
		{"1536Ki", false, "1536Ki", 1572864000, 1572864},
		{"0.5Ki", false, "512", 512000, 512},
		{"1Gi", false, "1Gi", 1073741824000, 1073741824},
		{"1024Mi", false, "1Gi", 1073741824000, 1073741824},
		{"2048Mi", false, "2Gi", 2147483648000, 2147483648},
		{"1000Mi", false, "1000Mi", 1048576000000, 1048576000},
		{"1.5Gi", false, "1536Mi", 1610612736000, 1610612736},
		{"1000", false, "1k", 1000000, 1000},
		{"1000000", false, "1M", 1000000000, 1000000},
		{"1k", false, "1k", 1000000, 1000},
		{"1M", false, "1M", 1000000000, 1000000},
		{"0.5m", false, "500u", 1, 1},
		{"0.0001", false, "100u", 1, 1},
		{"0.000000001", false, "1n", 1, 1},
		{"0.0000000001", false, "1n", 1, 1},
		{"007", false, "007", 7000, 7},
		{"1.", false, "1.", 1000, 1},
		{".5", false, "500m", 500, 1},
		{"+1", false, "+1", 1000, 1},
		{"+1G", false, "+1G", 1000000000000, 1000000000},
		{"-1", false, "-1", -1000, -1},
		{"-1Gi", false, "-1Gi", -1073741824000, -1073741824},
		{"1e0", false, "1e0", 1000, 1},
		{"e3", false, "0", 0, 0},
		{"Ki", false, "0", 0, 0},
		{"123456789", false, "123456789", 123456789000, 123456789},
		{"64Mi", false, "64Mi", 67108864000, 67108864},
		{"12.345", false, "12.345", 12345, 13},
		{"0.25", false, "250m", 250, 1},
		{"", true, "", 0, 0},
		{"1.2.3", true, "", 0, 0},
		{"--1", true, "", 0, 0},
		{"1K", true, "", 0, 0},
		{"1mi", true, "", 0, 0},
		{"1ee3", true, "", 0, 0},
		{"1e3.5", true, "", 0, 0},
		{".Ei", true, "", 0, 0},
		{"e-10", true, "", 0, 0},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("Parse(%q): err %v, want err %v", tt.in, err, tt.err)
			continue
		}
		if tt.err {
			continue
		}
		if got := q.String(); got != tt.s {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.s)
		}
		if got := q.MilliValue(); got != tt.milli {
			t.Errorf("Parse(%q).MilliValue() = %d, want %d", tt.in, got, tt.milli)
		}
		if got := q.Value(); got != tt.value {
			t.Errorf("Parse(%q).Value() = %d, want %d", tt.in, got, tt.value)
		}
	}
}

// Quantities compare by value whatever their suffix
// (resource.Quantity.Cmp): 1 = 1000m = 1e0, 1Ki = 1024.
func TestQuantityCmp(t *testing.T) {
	eq := [][2]string{{"1", "1000m"}, {"1", "1e0"}, {"1Ki", "1024"}, {"0.5", "500m"}, {"0", "0Mi"}, {"1Gi", "1024Mi"}}
	for _, p := range eq {
		if c := MustParse(p[0]).Cmp(MustParse(p[1])); c != 0 {
			t.Errorf("%s vs %s: Cmp %d, want 0", p[0], p[1], c)
		}
	}
	lt := [][2]string{{"999m", "1"}, {"1k", "1Ki"}, {"-1", "0"}, {"1n", "1u"}, {"512Mi", "1Gi"}}
	for _, p := range lt {
		if c := MustParse(p[0]).Cmp(MustParse(p[1])); c != -1 {
			t.Errorf("%s vs %s: Cmp %d, want -1", p[0], p[1], c)
		}
	}
	if !(Quantity{}).Equal(MustParse("0")) {
		t.Error("the zero Quantity must equal 0")
	}
}

// Add keeps the receiver's format, or takes the other's when the receiver
// is 0 (resource.Quantity.Add).
func TestQuantityAdd(t *testing.T) {
	if got := MustParse("100m").Add(MustParse("1")).String(); got != "1100m" {
		t.Error(got)
	}
	if got := (Quantity{}).Add(MustParse("1Gi")).String(); got != "1Gi" {
		t.Error(got)
	}
	if got := MustParse("1Gi").Add(MustParse("1Gi")).String(); got != "2Gi" {
		t.Error(got)
	}
}

func TestQuantityJSON(t *testing.T) {
	var l List
	if err := json.Unmarshal([]byte(`{"cpu":"0.5","memory":"1024Mi","nvidia.com/gpu":1}`), &l); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"cpu":"500m","memory":"1Gi","nvidia.com/gpu":"1"}` {
		t.Fatal(string(b))
	}
	var q Quantity
	if err := json.Unmarshal([]byte(`"1.2.3"`), &q); !errors.Is(err, ErrFormatWrong) {
		t.Fatalf("got %v, want ErrFormatWrong", err)
	}
}

// FuzzQuantity: parsing never panics; the canonical form parses back to the
// same value and prints the same (a fixed point); comparison agrees with
// the sign of the difference.
func FuzzQuantity(f *testing.F) {
	for _, s := range []string{"0", "1", "500m", "1Gi", "1e3", "0.5", "-1.5Ki", "12E-3", "+1", "1000Mi", "0.0000000001", "9223372036854775807"} {
		f.Add(s, "1")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		qa, errA := Parse(a)
		qb, errB := Parse(b)
		if errA != nil || errB != nil {
			return
		}
		s := qa.String()
		if qa.Format() == DecimalSI && new(big.Int).Abs(qa.big()).Cmp(e30) >= 0 {
			// Upstream has no decimal SI suffix beyond E (10^18) and prints a
			// value of 10^21 or more without one ("1000E" prints "1"): not a
			// fixed point there, in podlife as upstream.
			return
		}
		again, err := Parse(s)
		if err != nil {
			t.Fatalf("%q printed %q, which does not parse: %v", a, s, err)
		}
		if again.Cmp(qa) != 0 {
			t.Fatalf("%q printed %q, which parses to another value", a, s)
		}
		if s2 := again.String(); s2 != s {
			t.Fatalf("%q: %q then %q", a, s, s2)
		}
		diff := qa.big().Cmp(qb.big())
		if qa.Cmp(qb) != diff || qb.Cmp(qa) != -diff {
			t.Fatalf("Cmp(%q, %q) disagrees with the values", a, b)
		}
		// Against a reference: plain decimals read by math/big. Values a nano
		// or more apart compare as the numbers do.
		if ra, ok := plainDecimal(a); ok {
			if rb, ok := plainDecimal(b); ok {
				d := new(big.Rat).Sub(ra, rb)
				if d.Abs(d).Cmp(big.NewRat(1, 1_000_000_000)) >= 0 && qa.Cmp(qb) != ra.Cmp(rb) {
					t.Fatalf("Cmp(%q, %q) = %d, the numbers compare %d", a, b, qa.Cmp(qb), ra.Cmp(rb))
				}
			}
		}
		if qa.Add(qb).Cmp(qb.Add(qa)) != 0 {
			t.Fatalf("Add(%q, %q) is not commutative in value", a, b)
		}
	})
}

func BenchmarkParseQuantity(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, _ = Parse("1536Mi")
	}
}

// plainDecimal reads s as a decimal number without suffix ("-1.5", "007").
func plainDecimal(s string) (*big.Rat, bool) {
	digits := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c == '.' || (i == 0 && (c == '-' || c == '+')):
		default:
			return nil, false
		}
	}
	if !digits || strings.Count(s, ".") > 1 || len(s) > 40 {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(strings.TrimPrefix(s, "+"))
	return r, ok
}
