package main

import (
	"strings"
	"testing"
)

// TestCheckModelFits: a model whose weights outgrow the machine's memory
// is an error naming both sizes; one that fits, or an unknown memory, is
// not.
func TestCheckModelFits(t *testing.T) {
	for _, c := range []struct {
		width  int
		memory int64
		want   string
	}{
		{123, 1e9, ""},
		{1 << 20, 1e9, ""},
		{1 << 25, 1e9, "the data has 33554432 columns: its model needs about 1.6 GB of memory, more than the 1.0 GB available"},
		{1<<31 - 1, 0, ""},
	} {
		err := checkModelFits(c.width, c.memory)
		if (err == nil) != (c.want == "") || err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("checkModelFits(%d, %d) = %v, want %q", c.width, c.memory, err, c.want)
		}
	}
	// The machine's memory, read: a9a fits, and 2³¹ columns do not, unless
	// it has more than their 103 GB free.
	m := availableMemory()
	if m > 0 && checkModelFits(123, m) != nil || m > 0 && m < (1<<31-1)*8*modelVectors && checkModelFits(1<<31-1, m) == nil {
		t.Errorf("availableMemory() = %d: a9a does not fit, or 2³¹ columns do", m)
	}
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
