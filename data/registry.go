package data

import "context"

// Spec describes a LIBSVM binary classification set as a train and a test
// file sharing one width. Every set goes through the same Load; adding one
// (w8a, ijcnn1, ...) is adding a Spec value.
type Spec struct {
	// Name names the set in messages, e.g. "a9a".
	Name string
	// Width is the number of features both files are read with; an index
	// above it is an error.
	Width int
	// Train and Test are the two files.
	Train, Test FileSpec
}

// FileSpec is one file of a Spec.
type FileSpec struct {
	// Name is the file's name in a data folder or the cache, e.g. "a9a.t".
	Name string
	// URL is where the file is downloaded from when no folder holds it.
	// A URL ending in ".bz2" (as LIBSVM serves ijcnn1) is decompressed
	// while downloading and stored as Name.
	URL string
	// Fingerprint is the content the file must have, wherever it comes from.
	Fingerprint Fingerprint
	// SHA256 is the Dataset.ContentSHA256 the file must have, in lowercase
	// hex; empty checks the Fingerprint alone.
	SHA256 string
}

// libsvmBinary is the folder of the LIBSVM site that serves the binary sets.
const libsvmBinary = "https://www.csie.ntu.edu.tw/~cjlin/libsvmtools/datasets/binary/"

// A9ASpec is LIBSVM's a9a (UCI Adult, 123 binary features): 32,561 train and
// 16,281 test rows, labels −1/+1. The test file never uses feature 123.
//
// The content digests are those of the copies in the project's shared data
// folder, as Dataset.ContentSHA256 and, independently,
// testdata/content_sha256.py compute them; the counts are the published ones.
var A9ASpec = Spec{
	Name:  "a9a",
	Width: 123,
	Train: FileSpec{
		Name:        "a9a",
		URL:         libsvmBinary + "a9a",
		Fingerprint: Fingerprint{Rows: 32561, Positives: 7841, NNZ: 451592, MaxIndex: 123},
		SHA256:      "43bab2369f292d3b6c1c530125141f70867a9672f24e896f2d7277b6b763e14e",
	},
	Test: FileSpec{
		Name:        "a9a.t",
		URL:         libsvmBinary + "a9a.t",
		Fingerprint: Fingerprint{Rows: 16281, Positives: 3846, NNZ: 225731, MaxIndex: 122},
		SHA256:      "5e38ddcedad99b5b6828748d148edf7dd40154032979a949ebfa127c0f69ce3a",
	},
}

// A9A returns a9a's train and test sets, both 123 features wide, with labels
// in Y as {0,1}. It is Load(ctx, A9ASpec, opt).
func A9A(ctx context.Context, opt Options) (train, test *Dataset, err error) {
	return Load(ctx, A9ASpec, opt)
}
