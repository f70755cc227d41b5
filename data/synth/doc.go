// Package synth makes synthetic LIBSVM data sets of a given shape, for tests
// and benchmarks: the same Shape and seed give the same bytes on every
// machine and at any number of processors.
//
// A set has Shape.Rows rows over Shape.Features features. Row i has between
// NNZ/4 and 7·NNZ/4 distinct features (NNZ on average), drawn from a Zipf
// law over a fixed random order of the features, so that a few features are
// in most rows and most are rare, as words are in text. Values are 1 with
// OneHot (as in a9a), else positive tf-idf-like weights scaled so that each
// row has Euclidean norm 1 (as in RCV1), written with four significant
// digits. The label is +1 when x·w* > 0 for a hidden w* drawn from N(0, 1),
// else −1, and then flipped with probability Noise.
//
// RCV1 is the shape of Bottou's RCV1 split (781,265 training rows, 47,152
// features, about 59 million nonzeros, 813 MB of text); A9A that of a9a.
// Write streams the text, and File writes it once into a folder (a cache
// or a test's temporary folder) and returns its path: large benchmark files
// are made on the fly, never kept in the repository. Both stop when their
// context ends, and report their progress to a function (ProgressLine draws
// it); the memory they take does not grow with the rows (Shape.Memory).
package synth
