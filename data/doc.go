// Package data reads LIBSVM/svmlight data sets into compressed sparse rows
// and fetches the public LIBSVM binary sets (a9a) into a local cache.
//
// # Conventions
//
// Files carry binary labels as −1/+1 (or 0/1) and 1-based feature indices.
// Inside, a Dataset keeps the labels as read in Label and, when read with
// ReadOptions.Binary, mapped to {0,1} in Y (−1 and 0 give 0, +1 gives 1);
// its indices are 0-based: file index k is column k−1.
//
// # Format
//
// Read takes LIBSVM/svmlight text, one sample per line,
//
//	label [qid:N] index:value index:value ... [# comment]
//
// with blank lines, '#' comments, runs of spaces and tabs, CRLF line ends and
// a last line without a newline. qid:N is checked and skipped, or kept in
// Dataset.QID with ReadOptions.KeepQID. Text compressed with gzip, bzip2 or
// xz is recognised by its first bytes and read as it decompresses.
//
// # Sizes
//
// Read parses on all processors in parts of about a megabyte and holds the
// rows, not the text: a regular file is read twice (counting, then parsing
// into exactly sized slices), a stream once (each part into slices of its
// own, moved into place at the end). Nothing in the input sizes an
// allocation beyond what it holds: the width a file gives is bounded by
// ReadOptions.MaxWidth (DefaultMaxWidth, 2²⁶ columns), lines by 64 MiB,
// and a NUL byte ends the read as binary input. ReadOptions.Progress
// reports rows and bytes during a long read.
//
// # Shapes
//
// A Dataset with n = Rows() rows and z = NNZ() stored entries has
//
//	len(RowPtr) = n+1, RowPtr[0] = 0, RowPtr[n] = z
//	len(Index) = len(Value) = z, 0 ≤ Index[k] < Width
//	len(Label) = n, len(Y) = n or 0 (not binary), len(QID) = n or 0
//
// and row i is Index[RowPtr[i]:RowPtr[i+1]], strictly increasing. Width is
// the declared width (ReadOptions.Width) or else the largest index seen;
// ReadPair and Load give a train and a test set the same width. Dense gives
// the Rows()×Width matrix, with an optional leading column of ones.
//
// # Data sets
//
// A Spec names a LIBSVM binary set's train and test files, their URLs and
// content fingerprints (counts and a SHA-256 of the parsed labels, indices
// and values, so that copies differing in spacing agree), and their shared
// width; A9ASpec is a9a. Load (and A9A for a9a) takes each file from the
// first of Options.Dir, $SGDLAB_DATA and the cache
// (os.UserCacheDir()/sgdlab) that holds it, and downloads the missing ones
// into the cache, from $SGDLAB_LIBSVM_URL (a mirror) or the LIBSVM site.
// A download goes to a temporary file in the cache, renamed only once it
// validates, so the cache holds one valid copy or none; it gives up when
// connecting, waiting for the response or waiting for more of the body
// takes longer than its timeout (DefaultTimeout unless Options says).
//
// # Errors
//
// Nothing in the input makes the package panic. Read returns a *ParseError
// (line, column, and a wrapped sentinel: ErrToken, ErrNumber, ErrNonFinite,
// ErrIndex, ErrUnsorted, ErrWidth, ErrMaxWidth, ErrLabel, ErrBinary,
// ErrLineTooLong) for text it refuses, quoting at most 40 bytes of a bad
// token; a failing reader or decompressor gives an error naming the last
// line read; ReadFile adds the path. No error comes with partial data.
// Load returns errors wrapping ErrFingerprint for a file whose content is
// not the expected one, and ErrUnavailable when a set is in
// no folder and cannot be downloaded, wrapping the cause: a *TimeoutError
// when a download gave up waiting. Panics are kept for programmer errors:
// a negative ReadOptions.Width, or a row index out of range in Row.
package data
