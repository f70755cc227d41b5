package chart

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
)

// sparkline draws ys as a Progress line does, for the tests.
func sparkline(ys []float64, width, height float64) string {
	var s spark
	for _, y := range ys {
		s.add(y)
	}
	return s.svg(width, height)
}

// TestSparklineBounds: whatever the values, every point of the sparkline is
// a pair of numbers inside the box; those a chart could not place are left
// out.
func TestSparklineBounds(t *testing.T) {
	for _, tc := range []struct {
		name string
		ys   []float64
		n    int // points drawn
	}{
		{"none", nil, 0},
		{"one", []float64{0.3}, 1},
		{"equal", []float64{2, 2, 2}, 3},
		{"NaN and ±Inf", []float64{1, math.NaN(), math.Inf(1), math.Inf(-1), 0}, 2},
		{"±MaxFloat64", []float64{math.MaxFloat64, -math.MaxFloat64, 1, 0}, 2},
		{"±1e300", []float64{1e300, -1e300, 0}, 3},
		{"subnormal", []float64{0, 5e-324, 1e-320}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := sparkline(tc.ys, 100, 20)
			m := regexp.MustCompile(`points="([^"]*)"`).FindStringSubmatch(s)
			if m == nil {
				t.Fatalf("no points: %s", s)
			}
			pts := strings.Fields(m[1])
			if len(pts) != tc.n {
				t.Errorf("%d points, want %d: %s", len(pts), tc.n, s)
			}
			for _, p := range pts {
				var x, y float64
				if _, err := fmt.Sscanf(p, "%g,%g", &x, &y); err != nil || !(0 <= x && x <= 100 && 0 <= y && y <= 20) {
					t.Errorf("point %q outside the 100×20 box (%v)", p, err)
				}
			}
		})
	}
}

// TestSparkThinning: however many values, the sparkline draws at most
// 2·sparkBuckets+2 points, in order, spread evenly over the series, with
// the first and the latest plottable value and the least and greatest.
func TestSparkThinning(t *testing.T) {
	ramp := func(i int) float64 { return float64(i) }
	for _, tc := range []struct {
		name string
		n    int
		y    func(i int) float64
	}{
		{"one", 1, ramp},
		{"two", 2, ramp},
		{"one bucket each", sparkBuckets, ramp},
		{"first halving", sparkBuckets + 1, ramp},
		{"1000", 1000, ramp},
		{"1e5 falling", 1e5, func(i int) float64 { return 1 / float64(i+1) }},
		{"1e6", 1e6, ramp},
		{"1e5 noise", 1e5, func(i int) float64 { return float64(i*7919%101) - 50 }},
		{"1e5 spike and dip", 1e5, func(i int) float64 {
			switch i {
			case 31337:
				return 1e6
			case 77777:
				return -1e6
			}
			return math.Sin(float64(i) / 1000)
		}},
		{"1e5 NaN at both ends", 1e5, func(i int) float64 {
			if i < 10 || i > 1e5-10 {
				return math.NaN()
			}
			return float64(i % 3)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s spark
			first, last := sample{i: -1}, sample{}
			lo, hi := sample{y: math.Inf(1)}, sample{y: math.Inf(-1)}
			for i := range tc.n {
				y := tc.y(i)
				s.add(y)
				if !plottable(y, false) {
					continue
				}
				if first.i < 0 {
					first = sample{i, y}
				}
				last = sample{i, y}
				lo.y, hi.y = math.Min(lo.y, y), math.Max(hi.y, y)
			}
			pts := s.points()
			if len(pts) > 2*sparkBuckets+2 {
				t.Fatalf("%d points, want at most %d", len(pts), 2*sparkBuckets+2)
			}
			if pts[0] != first || pts[len(pts)-1] != last {
				t.Errorf("points run from %v to %v, want %v to %v", pts[0], pts[len(pts)-1], first, last)
			}
			gap := max(1, 2*tc.n/(sparkBuckets/2)) // two buckets, each under n/40 values
			var sawLo, sawHi bool
			for k, v := range pts {
				sawLo, sawHi = sawLo || v.y == lo.y, sawHi || v.y == hi.y
				if v.y != tc.y(v.i) {
					t.Errorf("point %v, but the series has %g at %d", v, tc.y(v.i), v.i)
				}
				if k > 0 && (v.i <= pts[k-1].i || v.i-pts[k-1].i > gap) {
					t.Errorf("points %v then %v: out of order or more than %d apart", pts[k-1], v, gap)
				}
			}
			if !sawLo || !sawHi {
				t.Errorf("the least (%g) or the greatest (%g) value is not drawn", lo.y, hi.y)
			}
			svg := s.svg(160, 24)
			if n := len(strings.Fields(regexp.MustCompile(`points="([^"]*)"`).FindStringSubmatch(svg)[1])); n != len(pts) {
				t.Errorf("svg has %d points, want %d", n, len(pts))
			}
			if tc.n > 1 && first.i == 0 && last.i == tc.n-1 &&
				!(strings.Contains(svg, `points="0.0,`) && strings.Contains(svg, ` 160.0,`)) {
				t.Errorf("svg does not span the width from the first to the latest value: %s", svg)
			}
		})
	}
}
