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
