package playground

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestLogGrid(t *testing.T) {
	g := logGrid(-4, -1, 4)
	if len(g) != 13 {
		t.Fatalf("len = %d, want 13", len(g))
	}
	for _, tc := range []struct {
		pos  int
		want float64
	}{{0, 0.0001}, {1, 0.000178}, {4, 0.001}, {8, 0.01}, {12, 0.1}} {
		if g[tc.pos] != tc.want {
			t.Errorf("grid[%d] = %v, want %v", tc.pos, g[tc.pos], tc.want)
		}
	}
}

func TestPositionRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		in, want Setting
	}{
		{Setting{0.001, 0, 10}, Setting{0.001, 0, 10}},
		{Setting{0.01, 0.9, 100}, Setting{0.01, 0.9, 100}},
		{Setting{0.0012, 0.88, 0}, Setting{0.001, 0.9, 1}},
		{Setting{5, 2, 1000}, Setting{0.1, 0.99, 100}},
	} {
		if got := positionOf(tc.in).setting(); got != tc.want {
			t.Errorf("positionOf(%v).setting() = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// fake records what Run shows.
type fake struct {
	inNotebook, hasBrowser bool
	shown, printed         []string
	probed                 bool
}

func (f *fake) frontEnd() frontEnd {
	return frontEnd{
		notebook: func() bool { return f.inNotebook },
		browser:  func(time.Duration) bool { f.probed = true; return f.hasBrowser },
		display:  func(h string) { f.shown = append(f.shown, h) },
		print:    func(format string, args ...any) { f.printed = append(f.printed, fmt.Sprintf(format, args...)) },
	}
}

func TestRunHeadless(t *testing.T) {
	start := Setting{LearningRate: 0.003, Momentum: 0.9, Epochs: 7}
	for _, tc := range []struct {
		name       string
		env        string
		notebook   bool
		wantDraws  int
		wantProbed bool
	}{
		{"outside a notebook", "", false, 0, false},
		{"headless by environment", "1", true, 1, false},
		{"no browser answers", "", true, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvHeadless, tc.env)
			f := &fake{inNotebook: tc.notebook}
			var draws []Setting
			run(f.frontEnd(), start, func(s Setting) string {
				draws = append(draws, s)
				return "<div>chart</div>"
			})
			if len(draws) != tc.wantDraws {
				t.Fatalf("draw called %d times, want %d", len(draws), tc.wantDraws)
			}
			if f.probed != tc.wantProbed {
				t.Errorf("probed = %v, want %v", f.probed, tc.wantProbed)
			}
			if tc.wantDraws == 0 {
				if len(f.shown)+len(f.printed) > 0 {
					t.Errorf("showed %q, printed %q outside a notebook", f.shown, f.printed)
				}
				return
			}
			if draws[0] != start {
				t.Errorf("drew %v, want the starting setting %v", draws[0], start)
			}
			if len(f.shown) != 1 || !strings.HasSuffix(f.shown[0], "<div>chart</div>") || !strings.Contains(f.shown[0], start.String()) {
				t.Errorf("shown = %q, want the caption and the chart once", f.shown)
			}
			if len(f.printed) != 1 || !strings.Contains(f.printed[0], "no browser attached") {
				t.Errorf("printed = %q", f.printed)
			}
		})
	}
}
