package main

import (
	"strings"
	"testing"
)

func TestMaxWidth(t *testing.T) {
	wide := writeFile(t, "wide", "+1 1:1\n-1 70000000:1\n")
	narrow := writeFile(t, "narrow", "+1 1:1\n-1 11:1\n")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"default limit", []string{"torch", "-train", wide, "-epochs", "1"}, exitFail,
			"line 2, column 4: index above the maximum width: index 70000000 makes the data 70000000 features wide"},
		{"a smaller limit", []string{"numpy", "-train", narrow, "-max-width", "10", "-epochs", "1"}, exitFail,
			"the limit is 10; raise the limit with -max-width"},
		{"at the limit", []string{"torch", "-train", narrow, "-max-width", "11", "-epochs", "1"}, exitOK, ""},
		{"a limit below -1", []string{"sgd", "-train", narrow, "-max-width", "-2"}, exitUsage, "-max-width must be >= -1"},
	}
	for _, tt := range tests {
		code, _, stderr := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", tt.name, code, stderr, tt.code, tt.want)
		}
	}
}

// TestCheckModelFits: a model whose weights outgrow the machine's memory
// is an error naming both sizes; one that fits, or an unknown memory, is
// not.
func TestCheckModelFits(t *testing.T) {
	for _, c := range []struct {
		width  int
		memory uint64
		want   string
	}{
		{123, 1 << 30, ""},
		{1 << 20, 1 << 30, ""},
		{1 << 25, 1 << 30, "the data has 33554432 columns: its model needs about 1.5 GiB of memory, and this machine has 1.0 GiB"},
		{1<<31 - 1, 0, ""},
	} {
		err := checkModelFits(c.width, c.memory)
		if (err == nil) != (c.want == "") || err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("checkModelFits(%d, %d) = %v, want %q", c.width, c.memory, err, c.want)
		}
	}
	// The machine's memory, read: a9a fits, and 2³¹ columns, unless it has
	// more than their 96 GiB.
	m := totalMemory()
	if m > 0 && checkModelFits(123, m) != nil || m > 0 && m < (1<<31-1)*8*modelVectors && checkModelFits(1<<31-1, m) == nil {
		t.Errorf("totalMemory() = %d: a9a does not fit, or 2³¹ columns do", m)
	}
}
