package finitejson

import (
	"math"
	"strings"
	"testing"
)

type sample struct {
	N     int       `json:"n"`
	X     float64   `json:"x"`
	Xs    []float64 `json:"xs"`
	Name  string    `json:"name,omitempty"`
	Skip  func()    `json:"-"`
	Plain float64
}

// TestRoundTrip checks the JSON of structs with and without numbers that
// are not finite, and that reading it back gives the same fields, with NaN
// where null was written, into a struct whose fields the JSON leaves out
// keep their values.
func TestRoundTrip(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		in   sample
		want string
	}{
		{sample{N: 3, X: 0.25, Xs: []float64{1, -2.5}, Name: "a", Plain: 1e300}, `{"n":3,"x":0.25,"xs":[1,-2.5],"name":"a","Plain":1e+300}`},
		{sample{X: nan, Xs: []float64{inf, 0, -inf, nan}, Plain: -inf}, `{"n":0,"x":null,"xs":[null,0,null,null],"Plain":null}`},
		{sample{Skip: func() {}}, `{"n":0,"x":0,"xs":[],"Plain":0}`},
	} {
		b, err := Marshal(c.in)
		if err != nil || string(b) != c.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", c.in, b, err, c.want)
			continue
		}
		back := sample{N: 99, Name: "stale", Xs: []float64{7}}
		if err := Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		wantName := c.in.Name
		if !strings.Contains(string(b), `"name"`) {
			wantName = "stale" // left out of the JSON: kept, as encoding/json keeps it
		}
		if back.N != c.in.N || back.Name != wantName || !same(back.X, c.in.X) || !same(back.Plain, c.in.Plain) || len(back.Xs) != len(c.in.Xs) {
			t.Errorf("%s read back as %+v", b, back)
			continue
		}
		for k := range back.Xs {
			if !same(back.Xs[k], c.in.Xs[k]) {
				t.Errorf("%s: xs[%d] read back as %v", b, k, back.Xs[k])
			}
		}
	}
}

// same reports whether a read-back number matches what was written: equal,
// or NaN for a number that was not finite.
func same(got, wrote float64) bool {
	if math.IsNaN(wrote) || math.IsInf(wrote, 0) {
		return math.IsNaN(got)
	}
	return got == wrote
}

// TestErrors checks that bad JSON is an error, and that a call on anything
// but a struct panics with the package's name.
func TestErrors(t *testing.T) {
	var s sample
	for _, in := range []string{`{"x":"a"}`, `{"xs":[1,"b"]}`, `[`, ``} {
		if err := Unmarshal([]byte(in), &s); err == nil {
			t.Errorf("Unmarshal(%q): no error", in)
		}
	}
	for name, call := range map[string]func(){
		"Marshal(int)":        func() { Marshal(3) },
		"Unmarshal(struct)":   func() { Unmarshal([]byte(`{}`), s) },
		"Unmarshal(*float64)": func() { Unmarshal([]byte(`1`), new(float64)) },
		"Unmarshal(nil)":      func() { Unmarshal([]byte(`{}`), nil) },
	} {
		func() {
			defer func() {
				if r, _ := recover().(string); !strings.HasPrefix(r, "finitejson: ") {
					t.Errorf("%s: panic %q, want one from finitejson", name, r)
				}
			}()
			call()
		}()
	}
}
