package logreg

import (
	"math"
	"testing"
)

func TestBCE(t *testing.T) {
	for _, tc := range []struct {
		p, y, want float64
	}{
		{0.5, 1, math.Ln2},
		{0.5, 0, math.Ln2},
		{0, 1, 100}, // log 0 clamped at −100
		{1, 0, 100},
		{0, 0, 0}, // 0·max(log 0, −100) is 0, not NaN
		{1, 1, 0},
		{0.25, 1, -math.Log(0.25)},
		{0.25, 0, -math.Log(0.75)},
		{1e-50, 1, -math.Log(1e-50)}, // 115 > 100: clamped
	} {
		want := tc.want
		if want > 100 {
			want = 100
		}
		if got := BCE(tc.p, tc.y); got != want {
			t.Errorf("BCE(%v, %v) = %v, want %v", tc.p, tc.y, got, want)
		}
	}
	for _, p := range []float64{math.NaN(), -0.1, 1.1} {
		if got := BCE(p, 1) + BCE(p, 0); !math.IsNaN(got) {
			t.Errorf("BCE(%v, ·) = %v, want NaN", p, got)
		}
	}
}

func TestClippedBCE(t *testing.T) {
	maxLoss := -math.Log(1e-9)
	for _, tc := range []struct {
		p, y, want float64
	}{
		{0.5, 1, math.Ln2},
		{0, 1, maxLoss},
		{1, 0, maxLoss},
		{1e-12, 1, maxLoss},
		{0.25, 0, -math.Log(0.75)},
		{1, 1, -math.Log(1 - 1e-9)}, // the upper clip: not 0
	} {
		if got := ClippedBCE(tc.p, tc.y); got != tc.want {
			t.Errorf("ClippedBCE(%v, %v) = %v, want %v", tc.p, tc.y, got, tc.want)
		}
	}
	if !math.IsNaN(ClippedBCE(math.NaN(), 1)) {
		t.Error("ClippedBCE(NaN, 1) is not NaN")
	}
}
