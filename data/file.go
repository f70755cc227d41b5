package data

import (
	"fmt"
	"os"
)

// ReadFile reads the LIBSVM file at path with Read: plain text, or text
// compressed with gzip, bzip2 or xz, recognised by its first bytes; a file
// named .gz, .bz2 or .xz must be compressed so. Its errors name the path:
// "data: PATH: line L, column C: ...", and still unwrap to the *ParseError
// and sentinel. ReadProgress.Path is path.
func ReadFile(path string, opt ReadOptions) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	defer f.Close()
	d, err := read(f, opt, defaultLimits(), path)
	if err != nil {
		return nil, fmt.Errorf("data: %s: %w", path, err)
	}
	return d, nil
}

// ReadPair reads a train and a test file so that both have the same width,
//
//	width = opt.Width             when declared (> 0),
//	        max(train's, test's)  otherwise,
//
// since a test file need not use the last features: a9a.t never uses
// feature 123, and sizing it on its own would give 122 columns against the
// train set's 123. With a declared width, an index above it in either file
// is an error naming the file, the line and the index.
func ReadPair(trainPath, testPath string, opt ReadOptions) (train, test *Dataset, err error) {
	if train, err = ReadFile(trainPath, opt); err != nil {
		return nil, nil, err
	}
	if test, err = ReadFile(testPath, opt); err != nil {
		return nil, nil, err
	}
	w := max(train.Width, test.Width)
	train.Width, test.Width = w, w
	return train, test, nil
}
