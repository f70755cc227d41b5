package nbrun

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Module is the module path whose root holds notebooks/.
const Module = "github.com/sgdlab/sgdlab"

// EnvRoot names the variable that points the notebooks at the module root;
// the Makefile sets it. The notebooks' setup cell reads it too, falling back
// to the module that holds the notebook's folder.
const EnvRoot = "SGDLAB_ROOT"

// Root returns the module root: $SGDLAB_ROOT when set, else the nearest
// folder at or above the working directory whose go.mod declares Module.
func Root() (string, error) {
	if r := os.Getenv(EnvRoot); r != "" {
		return filepath.Abs(r)
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("nbrun: %w", err)
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(b, []byte("module "+Module+"\n")) {
			return dir, nil
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("nbrun: %w", err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("nbrun: no go.mod of %s at or above the working directory; set %s", Module, EnvRoot)
		}
		dir = parent
	}
}
