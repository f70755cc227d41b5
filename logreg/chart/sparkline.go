package chart

import (
	"fmt"
	"math"
	"strings"
)

// sparkBuckets is how many buckets a spark keeps at most. Each gives two
// points, its lowest and highest value, so a 160-pixel sparkline gets
// about one point per pixel however long the loop runs.
const sparkBuckets = 80

// spark is the sparkline of a series that grows one value at a time, kept
// in at most 2·sparkBuckets+2 points so that adding a value and drawing
// cost the same at the millionth epoch as at the first. The values are cut
// into buckets of 2^shift consecutive ones; each keeps its least and
// greatest value, so a spike is never thinned away; when the buckets run
// out, neighbours merge in pairs and a bucket holds twice as many. The
// first and the latest value are kept apart, as they are what a reader
// looks at. Values a chart could not place (see plottable) are skipped, as
// in a chart. Its zero value is empty and ready to use.
type spark struct {
	n           int  // values added
	shift       uint // a bucket holds 1<<shift values
	buckets     []bucket
	first, last sample // the first and latest plottable values, when ok
	ok          bool
}

// sample is the value at index i of a series.
type sample struct {
	i int
	y float64
}

// bucket holds the least and greatest plottable values of its stretch of
// a series; ok is false when it has none.
type bucket struct {
	lo, hi sample
	ok     bool
}

// add appends y to the series.
func (s *spark) add(y float64) {
	i := s.n
	s.n++
	k := i >> s.shift
	if k == sparkBuckets {
		s.halve()
		k = i >> s.shift
	}
	if k == len(s.buckets) {
		s.buckets = append(s.buckets, bucket{})
	}
	if !plottable(y, false) {
		return
	}
	v := sample{i, y}
	s.buckets[k] = s.buckets[k].with(v)
	if !s.ok {
		s.first, s.ok = v, true
	}
	s.last = v
}

// halve merges the buckets in pairs; sparkBuckets is even, so none is
// left over.
func (s *spark) halve() {
	for j := range len(s.buckets) / 2 {
		a, b := s.buckets[2*j], s.buckets[2*j+1]
		if b.ok {
			a = a.with(b.lo).with(b.hi)
		}
		s.buckets[j] = a
	}
	s.buckets = s.buckets[:len(s.buckets)/2]
	s.shift++
}

// with returns b holding v as well.
func (b bucket) with(v sample) bucket {
	if !b.ok {
		return bucket{lo: v, hi: v, ok: true}
	}
	if v.y < b.lo.y {
		b.lo = v
	}
	if v.y > b.hi.y {
		b.hi = v
	}
	return b
}

// points returns the samples the sparkline draws, in the order of the
// series, each once.
func (s *spark) points() []sample {
	if !s.ok {
		return nil
	}
	pts := make([]sample, 0, 2*len(s.buckets)+2)
	put := func(v sample) {
		if len(pts) == 0 || pts[len(pts)-1].i < v.i {
			pts = append(pts, v)
		}
	}
	put(s.first)
	for _, b := range s.buckets {
		if !b.ok {
			continue
		}
		lo, hi := b.lo, b.hi
		if hi.i < lo.i {
			lo, hi = hi, lo
		}
		put(lo)
		put(hi)
	}
	put(s.last)
	return pts
}

// svg draws the series as an inline SVG polyline of the given size, the
// x axis spanning every value added and the y range stretched to the
// height. Only plottable values reach it, which keeps hi − lo from
// overflowing.
func (s *spark) svg(width, height float64) string {
	pts := s.points()
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range pts {
		lo, hi = math.Min(lo, v.y), math.Max(hi, v.y)
	}
	var b strings.Builder
	for _, v := range pts {
		x := width / 2
		if s.n > 1 {
			x = float64(v.i) * width / float64(s.n-1)
		}
		y := height / 2
		if hi > lo {
			y = height - 1 - (v.y-lo)/(hi-lo)*(height-2)
		}
		fmt.Fprintf(&b, "%.1f,%.1f ", x, y)
	}
	return fmt.Sprintf(`<svg width="%g" height="%g" style="vertical-align:middle">`+
		`<polyline fill="none" stroke="#5470c6" stroke-width="1.5" points="%s"/></svg>`,
		width, height, strings.TrimSpace(b.String()))
}
