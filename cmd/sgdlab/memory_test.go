package main

import (
	"runtime"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg"
)

// TestCheckModelFits: a model whose vectors outgrow the machine's memory
// is an error naming both sizes; one that fits, or an unknown memory, is
// not. sgd's search for F* keeps many more vectors than a run: a width the
// loops fit in 16 GB can be too wide for it.
func TestCheckModelFits(t *testing.T) {
	for _, c := range []struct {
		width, vectors int
		memory         int64
		want           string
	}{
		{123, modelVectors, 1e9, ""},
		{1 << 20, modelVectors, 1e9, ""},
		{1 << 25, modelVectors, 1e9, "the data has 33554432 columns: its model needs about 1.6 GB of memory, more than the 1.0 GB available"},
		{1<<31 - 1, modelVectors, 0, ""},
		{60_000_000, modelVectors, 16e9, ""},
		{60_000_000, optimumVectors, 16e9, "the data has 60000000 columns: the search for F*, the optimum of F, needs about 20.2 GB of memory, more than the 16.0 GB available"},
		{1 << 25, 0, 1e9, "its model needs about 1.6 GB"}, // vectors unset: a model's
	} {
		err := checkModelFits(c.width, c.vectors, c.memory)
		if (err == nil) != (c.want == "") || err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("checkModelFits(%d, %d, %d) = %v, want %q", c.width, c.vectors, c.memory, err, c.want)
		}
	}
	// The machine's memory, read: a9a fits, and 2³¹ columns do not, unless
	// it has more than their 103 GB free.
	m := availableMemory()
	if m > 0 && checkModelFits(123, modelVectors, m) != nil || m > 0 && m < (1<<31-1)*8*modelVectors && checkModelFits(1<<31-1, modelVectors, m) == nil {
		t.Errorf("availableMemory() = %d: a9a does not fit, or 2³¹ columns do", m)
	}
}

// TestOptimumVectors: finding F* on a wide set allocates no more than
// optimumVectors vectors as wide, so that checkModelFits bounds its peak.
func TestOptimumVectors(t *testing.T) {
	d, err := data.Read(strings.NewReader("+1 200000:1\n-1 2:1\n+1 3:1 5:1\n-1 4:1 7:0.5\n"), data.ReadOptions{Binary: true})
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if _, _, err := logreg.OptimalObjective(d, 1e-4); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	n := float64(after.TotalAlloc-before.TotalAlloc) / 8 / float64(d.Width)
	if n > optimumVectors {
		t.Errorf("F* allocated %.1f vectors of width %d, more than optimumVectors %d", n, d.Width, optimumVectors)
	}
	t.Logf("F* allocated %.1f vectors of width %d", n, d.Width)
}

// TestMemAvailable reads MemAvailable from /proc/meminfo's text, or 0.
func TestMemAvailable(t *testing.T) {
	for _, tt := range []struct {
		meminfo string
		want    int64
	}{
		{"MemTotal:       24533892 kB\nMemFree:        23000000 kB\nMemAvailable:   23561236 kB\nBuffers: 1 kB\n", 23561236 * 1024},
		{"MemTotal:       24533892 kB\nMemFree:        23000000 kB\n", 0},
		{"", 0},
	} {
		if got := memAvailable(tt.meminfo); got != tt.want {
			t.Errorf("memAvailable(%q) = %d, want %d", tt.meminfo, got, tt.want)
		}
	}
}
