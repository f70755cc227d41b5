package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/sgdlab/sgdlab/data"
)

// The SklearnLoop rows compare Go with SGDClassifier on the same
// parameters, where the target is a ratio. Times on a shared host drift by
// a third within minutes, more than a ratio's margin, so these rows are
// timed in rounds that alternate the two sides: in each round Go's best
// of some runs of each workload, then timing.py's best of as many fits. A
// row shows the medians of the rounds' bests, and the median of the
// rounds' ratios, which the drift between rounds does not move.

// besideRuns is how many runs each side has in a round for each run of
// -repeat: a best of 20 spans 0.2 s of Go's runs and 0.6 s of
// scikit-learn's, longer than most of the host's slow stretches.
const besideRuns = 4

// beside holds the rounds' times of the SklearnLoop workloads that have an
// SGDClassifier counterpart, by key, in seconds.
type beside struct {
	runs           int // each side's runs of a workload in a round
	goBest, pyBest map[string][]float64
}

// besideRounds times the SklearnLoop workloads beside timing.py's
// SGDClassifier in rounds of runs each, recording each run's training
// passes in passes. It stops early, keeping the rounds done, if the script
// fails or ctx ends, and returns the times with why Python is missing if
// no round ran.
func besideRounds(ctx context.Context, python, folder string, train, test *data.Dataset, rounds, runs int, passes *passTimes, progress io.Writer) (*beside, string) {
	script, err := findTimingScript()
	if err != nil {
		return nil, err.Error()
	}
	b := &beside{runs: runs, goBest: map[string][]float64{}, pyBest: map[string][]float64{}}
	entries := sklearnEntries()
	for round := range rounds {
		goT := map[string]float64{}
		for _, r := range sklearnRuns {
			key := "sklearn_" + r.name
			if !slices.Contains(entries, key) {
				continue // AdaGrad: scikit-learn does not have it
			}
			best, err := bestRun(ctx, runs, passes.run(key, train, test, r.cfg))
			passes.endRound(key)
			if err != nil {
				return b.orWhy(err.Error())
			}
			goT[key] = best
		}
		out, err := runScript(ctx, python, script, fmt.Sprintf("SGDClassifier, round %d of %d", round+1, rounds), progress,
			"--data", folder, "--repeat", fmt.Sprint(runs), "--only", strings.Join(entries, ","))
		if err != nil {
			return b.orWhy(err.Error())
		}
		py, err := parsePyTimes(out)
		if err != nil {
			return b.orWhy(err.Error())
		}
		var line []string
		for _, key := range entries {
			if p := py.Times[key]; p > 0 && goT[key] > 0 {
				b.goBest[key] = append(b.goBest[key], goT[key])
				b.pyBest[key] = append(b.pyBest[key], p)
				line = append(line, fmt.Sprintf("%s %s against %s, %s×", strings.TrimPrefix(key, "sklearn_"), seconds(goT[key]), seconds(p), sig3(p/goT[key])))
			}
		}
		fmt.Fprintf(progress, "beside, round %d of %d: %s\n", round+1, rounds, strings.Join(line, ", "))
	}
	return b, ""
}

// orWhy returns b if a round completed, else nil and why.
func (b *beside) orWhy(why string) (*beside, string) {
	for _, ts := range b.goBest {
		if len(ts) > 0 {
			return b, ""
		}
	}
	return nil, why
}

// rounds returns how many rounds timed key; b may be nil.
func (b *beside) rounds(key string) int {
	if b == nil {
		return 0
	}
	return len(b.goBest[key])
}

// ratios returns the rounds' SGDClassifier ÷ SklearnLoop for key; b may
// be nil.
func (b *beside) ratios(key string) []float64 {
	if b == nil {
		return nil
	}
	var rs []float64
	for i, g := range b.goBest[key] {
		rs = append(rs, b.pyBest[key][i]/g)
	}
	return rs
}

// bestRun returns the shortest of runs calls of op, in seconds.
func bestRun(ctx context.Context, runs int, op func() error) (float64, error) {
	best := math.Inf(1)
	for range runs {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		start := time.Now()
		if err := op(); err != nil {
			return 0, err
		}
		best = min(best, time.Since(start).Seconds())
	}
	return best, nil
}

// writeBesideNote says under the table how the SklearnLoop rows were
// timed: in side's rounds, with each row's lowest and highest ratio, or,
// for why, as the rows above them.
func writeBesideNote(w io.Writer, side *beside, why string) {
	var spans []string
	n := 0
	for _, key := range sklearnEntries() {
		if rs := side.ratios(key); len(rs) > 0 {
			n = max(n, len(rs))
			spans = append(spans, fmt.Sprintf("%s %s to %s×", strings.TrimPrefix(key, "sklearn_"), sig3(slices.Min(rs)), sig3(slices.Max(rs))))
		}
	}
	if n == 0 {
		if why != "" {
			fmt.Fprintf(w, "SklearnLoop rows: not timed in alternating rounds (%s).\n", why)
		}
		return
	}
	fmt.Fprintf(w, "SklearnLoop rows: %d rounds alternating Go and SGDClassifier, each side's best of %d runs a round; "+
		"times are the medians of the rounds' bests, ratios the medians of the rounds' ratios, which ran from %s.\n",
		n, side.runs, strings.Join(spans, ", "))
}
