package resource

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func TestListLookupGetHas(t *testing.T) {
	l := MustParseList("memory=64Mi,cpu=250m")
	if got := l.String(); got != "cpu=250m,memory=64Mi" {
		t.Errorf("MustParseList keeps names sorted: got %s", got)
	}
	if q, ok := l.Lookup(CPU); !ok || q.String() != "250m" {
		t.Errorf("Lookup(cpu) = %v, %v", q, ok)
	}
	if q, ok := l.Lookup("nvidia.com/gpu"); ok || !q.IsZero() {
		t.Errorf("Lookup of an absent name = %v, %v; want the zero quantity and false", q, ok)
	}
	if !l.Get("storage").IsZero() || l.Has("storage") || !l.Has(Memory) {
		t.Error("Get and Has of absent and present names")
	}
	// A list written by hand in another order is still read by name.
	hand := List{{Name: Memory, Quantity: MustParse("1Gi")}, {Name: CPU, Quantity: MustParse("1")}}
	if hand.Get(CPU).String() != "1" || hand.Get(Memory).String() != "1Gi" {
		t.Error("Get reads an unsorted list")
	}
	if got := fmt.Sprint(hand.Clone().Sort()); got != "cpu=1,memory=1Gi" {
		t.Errorf("Sort: %s", got)
	}
	// With and Without find a name in it too: set, it is replaced, never
	// given twice; dropped, it is gone.
	if got := hand.With(CPU, MustParse("2")); len(got) != 2 || got.Get(CPU).String() != "2" {
		t.Errorf("With on an unsorted list: %s", got)
	}
	if got := hand.Without(CPU); got.String() != "memory=1Gi" {
		t.Errorf("Without on an unsorted list: %s", got)
	}
}

func TestListWithWithoutNeverWriteTheOriginal(t *testing.T) {
	base := MustParseList("cpu=1,memory=1Gi")
	backing := base[:cap(base)]
	before := fmt.Sprint(List(backing))
	a := base.With(CPU, MustParse("2"))
	b := base.With("ephemeral-storage", MustParse("1Gi"))
	c := base.Without(CPU)
	if got := fmt.Sprint(List(backing)); got != before {
		t.Fatalf("With or Without wrote to the original's array: %s, was %s", got, before)
	}
	for _, tc := range []struct {
		got  List
		want string
	}{
		{a, "cpu=2,memory=1Gi"},
		{b, "cpu=1,ephemeral-storage=1Gi,memory=1Gi"},
		{c, "memory=1Gi"},
		{base.Without("storage"), "cpu=1,memory=1Gi"},
		{List(nil).With(CPU, MustParse("1")), "cpu=1"},
	} {
		if tc.got.String() != tc.want {
			t.Errorf("got %s, want %s", tc.got, tc.want)
		}
	}
}

func TestListEqual(t *testing.T) {
	a := MustParseList("cpu=0.5,memory=1Gi")
	b := List{{Name: Memory, Quantity: MustParse("1024Mi")}, {Name: CPU, Quantity: MustParse("500m")}}
	if !a.Equal(b) || !b.Equal(a) {
		t.Error("lists with equal quantities in another order and form are Equal")
	}
	if a.Equal(MustParseList("cpu=500m")) || a.Equal(MustParseList("cpu=500m,memory=1G")) {
		t.Error("lists that differ are not Equal")
	}
	if !List(nil).Equal(List{}) {
		t.Error("absent and empty are Equal (they differ only in the JSON they write)")
	}
	twice := List{{Name: CPU, Quantity: MustParse("500m")}, {Name: CPU, Quantity: MustParse("500m")}}
	if twice.Equal(a) || a.Equal(twice) {
		t.Error("a hand-written list with cpu twice is not Equal to one with cpu and memory")
	}
}

func TestParseListErrors(t *testing.T) {
	for in, want := range map[string]string{
		"cpu":               `list entry "cpu" is not name=quantity`,
		"=1":                `list entry "=1" is not name=quantity`,
		"cpu=1,cpu=2":       `names "cpu" twice`,
		"cpu=lots":          `list entry "cpu=lots": resource: quantities must match`,
		"cpu=1,,memory=1Gi": `list entry "" is not name=quantity`,
	} {
		_, err := ParseList(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseList(%q) = %v, want an error containing %q", in, err, want)
		}
	}
	if l, err := ParseList(""); err != nil || l == nil || len(l) != 0 {
		t.Errorf(`ParseList("") = %#v, %v; want an empty, non-nil list`, l, err)
	}
}

// A List's JSON is the API map's: keys sorted, null for nil, {} for empty.
func TestListMarshalJSON(t *testing.T) {
	type holder struct {
		L List `json:"l"`
		O List `json:"o,omitempty"`
	}
	for _, tc := range []struct {
		in   holder
		want string
	}{
		{holder{L: List{{Name: Memory, Quantity: MustParse("1Gi")}, {Name: CPU, Quantity: MustParse("0.5")}}}, `{"l":{"cpu":"500m","memory":"1Gi"}}`},
		{holder{}, `{"l":null}`},
		{holder{L: List{}, O: List{}}, `{"l":{}}`},
		{holder{L: List{{Name: `a"b`, Quantity: MustParse("1")}}}, `{"l":{"a\"b":"1"}}`},
		// A name twice, by hand: the first, which Get reads, is written.
		{holder{L: List{{Name: Memory, Quantity: MustParse("1Gi")}, {Name: CPU, Quantity: MustParse("1")}, {Name: Memory, Quantity: MustParse("2Gi")}}}, `{"l":{"cpu":"1","memory":"1Gi"}}`},
	} {
		b, err := json.Marshal(tc.in)
		if err != nil || string(b) != tc.want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tc.in, b, err, tc.want)
		}
	}
}

// listAsMap is what encoding/json reads data as into the API's map type,
// the rule UnmarshalJSON follows.
func listAsMap(data []byte) (map[Name]Quantity, error) {
	var m map[Name]Quantity
	err := json.Unmarshal(data, &m)
	return m, err
}

// checkAgainstMap fails t unless decoding data into a List gives what
// decoding it into the map gives: the same entries, nil for null, the
// same error.
func checkAgainstMap(t interface{ Fatalf(string, ...any) }, data []byte) {
	var l List
	err := json.Unmarshal(data, &l)
	m, merr := listAsMap(data)
	if (err == nil) != (merr == nil) || (err != nil && err.Error() != merr.Error()) {
		t.Fatalf("%s: List error %v, map error %v", data, err, merr)
	}
	if err != nil {
		return
	}
	if (l == nil) != (m == nil) || len(l) != len(m) {
		t.Fatalf("%s: List %#v, map %v", data, l, m)
	}
	for i, a := range l {
		if i > 0 && l[i-1].Name >= a.Name {
			t.Fatalf("%s: List not sorted: %v", data, l)
		}
		q, ok := m[a.Name]
		if !ok || q.String() != a.Quantity.String() || q.Cmp(a.Quantity) != 0 {
			t.Fatalf("%s: %s is %v, the map has %v", data, a.Name, a.Quantity, q)
		}
	}
}

func TestListUnmarshalJSONAsTheMap(t *testing.T) {
	for _, data := range []string{
		`{"cpu":"250m","memory":"64Mi"}`,
		` { "memory" : "64Mi" , "cpu" : 1 } `,
		`{"cpu":"1","cpu":"2"}`,
		`{}`,
		`null`,
		`{"cpu":null}`,
		`{"c\u0070u":"1"}`,
		"{\"caf\xc3\xa9\":\"1\"}",
		"{\"bad\xff\":\"1\"}",
		`{"cpu":"lots"}`,
		`{"cpu":{"a":"1"}}`,
		`{"cpu":["1"]}`,
		`{"cpu":true}`,
		`["cpu"]`,
		`"cpu"`,
		`3`,
	} {
		checkAgainstMap(t, []byte(data))
	}
	// A long object, its keys out of order and some repeated.
	var long strings.Builder
	long.WriteString("{")
	for i := range 40 {
		if i > 0 {
			long.WriteString(",")
		}
		fmt.Fprintf(&long, `"example.com/r%d":"%d"`, (i*7)%25, i)
	}
	checkAgainstMap(t, []byte(long.String()+"}"))
}

func TestListUnmarshalJSONProperty(t *testing.T) {
	key := rapid.SampledFrom([]string{`"cpu"`, `"memory"`, `"nvidia.com/gpu"`, `"c\u0070u"`, `"a\"b"`, `""`, "\"\xe2\x82\xac\""})
	value := rapid.SampledFrom([]string{`"1"`, `"250m"`, `"0.5"`, `2`, `1e3`, `"1Gi"`, `null`, `"-1"`, `"x"`, `{}`, `[1,"2"]`, `true`, `"1.5.5"`})
	space := rapid.SampledFrom([]string{"", " ", "\n\t"})
	rapid.Check(t, func(t *rapid.T) {
		var b strings.Builder
		b.WriteString(space.Draw(t, "s0") + "{")
		n := rapid.IntRange(0, 6).Draw(t, "n")
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(space.Draw(t, "s") + key.Draw(t, "k") + space.Draw(t, "s") + ":" + space.Draw(t, "s") + value.Draw(t, "v") + space.Draw(t, "s"))
		}
		b.WriteString("}" + space.Draw(t, "s9"))
		checkAgainstMap(t, []byte(b.String()))
	})
}

// Decoding a List never panics and agrees with the map on any document.
func FuzzListUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`{"cpu":"250m","memory":"64Mi"}`, `{"cpu":"1","cpu":2}`, `null`, `{}`, `{"a\"b":"1"}`, `[]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return // encoding/json rejects it before any UnmarshalJSON runs
		}
		checkAgainstMap(t, data)
	})
}

// A List survives its JSON: what it writes reads back equal.
func TestListJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		names := rapid.SliceOfNDistinct(rapid.SampledFrom([]Name{CPU, Memory, "nvidia.com/gpu", "hugepages-2Mi", `a"b`}), 0, 5, rapid.ID).Draw(t, "names")
		var l List
		if rapid.Bool().Draw(t, "nonNil") {
			l = List{}
		}
		for _, n := range names {
			l = l.With(n, MustParse(rapid.SampledFrom([]string{"1", "250m", "1Gi", "0"}).Draw(t, "q")))
		}
		b, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		var back List
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back, l) && !(len(back) == 0 && len(l) == 0 && (back == nil) == (l == nil)) {
			t.Fatalf("%s read back as %#v, was %#v", b, back, l)
		}
	})
}

// Set changes a List the caller owns in place, inserting a new name in
// its place by name.
func TestListSet(t *testing.T) {
	l := append(make(List, 0, 4), MustParseList("cpu=1,memory=1Gi")...)
	same := l.Set(CPU, MustParse("2"))
	if &same[0] != &l[0] || l.Get(CPU).String() != "2" {
		t.Errorf("Set of a present name changes l in place: %s", l)
	}
	got := l.Set("ephemeral-storage", MustParse("1Gi"))
	if got.String() != "cpu=2,ephemeral-storage=1Gi,memory=1Gi" {
		t.Errorf("Set inserts in order: %s", got)
	}
	hand := List{{Name: Memory, Quantity: MustParse("1Gi")}, {Name: CPU, Quantity: MustParse("1")}}
	if got := hand.Set(CPU, MustParse("3")); len(got) != 2 || got.Get(CPU).String() != "3" {
		t.Errorf("Set finds a name in a short list out of order: %s", got)
	}
}

// Lists of any length, long ones searched by halves, answer as the API's
// map does, and With, Without and Set keep them sorted.
func TestListAsAMapProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		names := rapid.SliceOfNDistinct(rapid.StringMatching(`[a-z]{1,3}`), 0, 60, rapid.ID[string]).Draw(t, "names")
		m := map[Name]Quantity{}
		var l List
		for i, n := range names {
			q := NewQuantity(int64(i), DecimalSI)
			m[Name(n)] = q
			l = append(l, Amount{Name: Name(n), Quantity: q})
		}
		l.Sort()
		probe := Name(rapid.StringMatching(`[a-z]{1,3}`).Draw(t, "probe"))
		want, wantOK := m[probe]
		if got, ok := l.Lookup(probe); ok != wantOK || (ok && !got.Equal(want)) {
			t.Fatalf("Lookup(%s) in %s = %v, %v; the map says %v, %v", probe, l, got, ok, want, wantOK)
		}
		for _, n := range names {
			if !l.Has(Name(n)) {
				t.Fatalf("Has(%s) false in %s", n, l)
			}
		}
		q := NewQuantity(1000, DecimalSI)
		sortedAndIs := func(op string, got List, want map[Name]Quantity) {
			if !slices.IsSortedFunc(got, func(a, b Amount) int { return strings.Compare(string(a.Name), string(b.Name)) }) || len(got) != len(want) {
				t.Fatalf("%s: %s is not sorted or not %d long", op, got, len(want))
			}
			for _, a := range got {
				if w, ok := want[a.Name]; !ok || !w.Equal(a.Quantity) {
					t.Fatalf("%s: %s has %s=%s, the map %v", op, got, a.Name, a.Quantity, w)
				}
			}
		}
		with := maps.Clone(m)
		with[probe] = q
		sortedAndIs("With", l.With(probe, q), with)
		sortedAndIs("Set", l.Clone().Set(probe, q), with)
		without := maps.Clone(m)
		delete(without, probe)
		sortedAndIs("Without", l.Without(probe), without)
	})
}
