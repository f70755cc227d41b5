package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sgdlab/sgdlab/data"
)

// TestContentDigest: Go's digest of a small set is large_timing.py's, as
// printed by
//
//	printf -- '+1 1:0.5 3:1\n-1 2:-2.25 3:1e-3\n+1\n' > tiny.svm
//	python3 -c "import large_timing; from sklearn.datasets import load_svmlight_file
//	x, y = load_svmlight_file('tiny.svm'); print(large_timing.digest(x, y))"
//
// run in logreg/testdata/reference.
func TestContentDigest(t *testing.T) {
	d, err := data.Read(strings.NewReader("+1 1:0.5 3:1\n-1 2:-2.25 3:1e-3\n+1\n"), data.ReadOptions{Binary: true})
	if err != nil {
		t.Fatal(err)
	}
	const want = "92d25f9920c7d86e3b12ff4bf5485299b68fa4f113c30deed0a658f6c9943470"
	if got := contentDigest(d); got != want {
		t.Errorf("contentDigest = %s, want %s", got, want)
	}
}

func TestLargeBenchTable(t *testing.T) {
	b := &largeBench{path: "/c/synth.svm", size: 788e6, rows: 781265, nnz: 59382889, width: 47152,
		read: 1.2, readCPU: 2.3, epoch: 0.1, call: 0.2, slice: 0.01, sliceRows: 2000, peakRSS: 770e6, digest: "ab12cd34ef56ab12cd34", why: "skipped (-skip-python)"}
	var w bytes.Buffer
	writeLargeBench(&w, b)
	wantIn(t, "table without Python", w.String(), "synth.svm, 788 MB, 781265 rows, 59382889 nonzeros, width 47152",
		"| read the file | `data.ReadFile` | 1.20 s | `load_svmlight_file` | — | — |",
		"770 MB (13.0 bytes per nonzero)", "Python times missing: skipped (-skip-python).")

	b.py = &largePy{Times: map[string]float64{"read_svmlight": 18, "sklearn_sgd_epoch": 0.15, "sklearn_sgd_fit1": 0.3, "torch_loop_slice": 2}}
	b.py.Info.Read = largeRead{Rows: 781265, Nonzeros: 59382889, Width: 47152, PeakRSS: 1514e6, RSSBefore: 311e6, CPU: 17.9, Digest: "ff"}
	w.Reset()
	writeLargeBench(&w, b)
	wantIn(t, "table with Python", w.String(), "read DIFFERENT", "| 18.0 s | 15.0× |", "| 100 ms | `SGDClassifier`: `fit` with `max_iter=2` less `max_iter=1` | 150 ms | 1.50× |", "| 150 ms | 1.50× |",
		"| 200 ms | `SGDClassifier.fit`, `max_iter=1`: input checks, the loop | 300 ms | 1.50× |",
		"CPU time of reading (user + system): Go 2.30 s", "Go's epoch takes 0.667× SGDClassifier's",
		"the seed's PyTorch loop on the first 2000 rows")
	// A set of fewer rows than the slice names its own count.
	b.rows = 200
	w.Reset()
	writeLargeBench(&w, b)
	wantIn(t, "table of a small set", w.String(), "the seed's PyTorch loop on the first 200 rows")
}
