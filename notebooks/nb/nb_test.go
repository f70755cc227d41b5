package nb

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg"
)

func TestLoadMissing(t *testing.T) {
	t.Setenv(data.EnvDir, "")
	dir := t.TempDir()
	var out bytes.Buffer
	train, test, ok := load(context.Background(), data.Options{Dir: dir, CacheDir: dir, Offline: true}, &out)
	if ok || train != nil || test != nil {
		t.Fatal("load reported a9a in an empty folder")
	}
	msg := out.String()
	if !strings.HasPrefix(msg, "a9a is not available: ") || !strings.Contains(msg, dir) {
		t.Errorf("message %q does not say a9a is missing and where it looked", msg)
	}
}

func history(secs ...float64) *logreg.History {
	h := &logreg.History{}
	for i, s := range secs {
		h.Epochs = append(h.Epochs, logreg.Record{Epoch: i, Seconds: s, Loss: s, TrainError: 0.1, TestError: 0.2})
	}
	return h
}

func TestTiming(t *testing.T) {
	for _, tc := range []struct {
		secs          []float64
		total, median float64
	}{
		{nil, 0, 0},
		{[]float64{3}, 3, 3},
		{[]float64{3, 1, 2}, 6, 2},
		{[]float64{4, 1, 3, 2}, 10, 3},
	} {
		h := history(tc.secs...)
		if got := TotalSeconds(h); got != tc.total {
			t.Errorf("TotalSeconds(%v) = %v, want %v", tc.secs, got, tc.total)
		}
		if got := MedianSeconds(h); got != tc.median {
			t.Errorf("MedianSeconds(%v) = %v, want %v", tc.secs, got, tc.median)
		}
	}
}

func TestRelDiff(t *testing.T) {
	for _, tc := range []struct {
		a, b *logreg.History
		want float64
	}{
		{history(1, 2), history(1, 2), 0},
		{history(1, 2), history(1, 2.5), 0.25},
		{history(2, 1), history(2), 0}, // only the epochs both recorded
		{history(0), history(1e-300), 1},
	} {
		if got := RelDiff(tc.a, tc.b); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("RelDiff = %v, want %v", got, tc.want)
		}
	}
}
