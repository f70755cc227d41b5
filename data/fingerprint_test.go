package data

import (
	"strings"
	"testing"
)

func TestFingerprint(t *testing.T) {
	tests := []struct {
		in   string
		opt  ReadOptions
		want Fingerprint
	}{
		{tinyTrain, ReadOptions{Binary: true}, Fingerprint{Rows: 3, Positives: 1, NNZ: 5, MaxIndex: 4}},
		{"0 1:1\n1 2:1\n1\n", ReadOptions{Binary: true}, Fingerprint{Rows: 3, Positives: 2, NNZ: 2, MaxIndex: 2}},
		// MaxIndex is the largest index used, not a declared width.
		{"1 2:1\n", ReadOptions{Width: 9}, Fingerprint{Rows: 1, Positives: 1, NNZ: 1, MaxIndex: 2}},
		{"", ReadOptions{}, Fingerprint{}},
	}
	for _, tt := range tests {
		d, err := Read(strings.NewReader(tt.in), tt.opt)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Fingerprint(); got != tt.want {
			t.Errorf("Fingerprint of %q = %v, want %v", tt.in, got, tt.want)
		}
	}
	const want = "rows=3 positives=1 nonzeros=5 max-index=4"
	if got := tinySpec.Train.Fingerprint.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
