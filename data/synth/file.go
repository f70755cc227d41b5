package synth

import (
	"fmt"
	"os"
	"path/filepath"
)

// File returns the path of the set s in folder dir, writing it first when
// it is not there: to a temporary file in dir, renamed once complete, so
// that dir holds the whole file or none. The name is made from s.String().
func File(dir string, s Shape) (string, error) {
	if err := s.Check(); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "synth-"+s.String()+".svm")
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
	err = Write(f, s)
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
