package synth

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// FileName is the name File gives the set s.
func (s Shape) FileName() string { return "synth-" + s.String() + ".svm" }

// File returns the path of the set s in folder dir, writing it first when
// it is not there: to a temporary file in dir, renamed once complete, so
// that dir holds the whole file or none, also when ctx ends the write. The
// name is s.FileName(). progress is Write's.
func File(ctx context.Context, dir string, s Shape, progress func(Progress)) (string, error) {
	if err := s.Check(); err != nil {
		return "", err
	}
	path := filepath.Join(dir, s.FileName())
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("synth: %w", err)
	}
	f, err := os.CreateTemp(dir, ".synth-*.tmp")
	if err != nil {
		return "", fmt.Errorf("synth: %w", err)
	}
	err = Write(ctx, f, s, progress)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("synth: writing %s: %w", path, err)
	}
	return path, nil
}
