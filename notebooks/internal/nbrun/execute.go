package nbrun

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Runner executes notebooks with `jupyter nbconvert --execute`.
type Runner struct {
	// Jupyter is the jupyter command; "" means "jupyter" from PATH.
	Jupyter string
	// Kernel is the kernel name; "" means "gonb".
	Kernel string
	// CellTimeout bounds each cell; 0 means 10 minutes. A9a loops take
	// seconds, but the first cell of a fresh machine compiles gonum and
	// go-echarts, which takes minutes on two cores.
	CellTimeout time.Duration
	// Env is added to the kernel's environment, as KEY=value.
	Env []string
	// Isolated runs every code cell as if the kernel had just restarted:
	// before each, an inserted cell makes GoNB forget what earlier cells
	// declared (%reset) and the Go workspace the cells set up (go.work), so
	// that a cell that needs an earlier one fails. The inserted cells are
	// left out of the executed notebook.
	Isolated bool
}

// ErrNoJupyter reports that jupyter or its nbconvert is missing.
var ErrNoJupyter = errors.New("nbrun: jupyter nbconvert not found")

// ErrNoKernel reports that the kernel is not registered with Jupyter.
var ErrNoKernel = errors.New("nbrun: kernel not registered with Jupyter")

func (r Runner) kernel() string {
	if r.Kernel != "" {
		return r.Kernel
	}
	return "gonb"
}

func (r Runner) jupyter() string {
	if r.Jupyter != "" {
		return r.Jupyter
	}
	return "jupyter"
}

// Check reports whether jupyter nbconvert runs, wrapping ErrNoJupyter if not.
func (r Runner) Check(ctx context.Context) error {
	out, err := exec.CommandContext(ctx, r.jupyter(), "nbconvert", "--version").CombinedOutput()
	if err != nil {
		return fmt.Errorf("%w: %v: %s", ErrNoJupyter, err, bytes.TrimSpace(out))
	}
	return nil
}

// CheckKernel reports whether the kernel is registered: a
// kernels/NAME/kernel.json in one of Jupyter's data folders. It wraps
// ErrNoKernel if not, and ErrNoJupyter when jupyter cannot list its folders.
func (r Runner) CheckKernel(ctx context.Context) error {
	out, err := exec.CommandContext(ctx, r.jupyter(), "--paths", "--json").Output()
	if err != nil {
		return fmt.Errorf("%w: jupyter --paths: %v", ErrNoJupyter, err)
	}
	var paths struct{ Data []string }
	if err := json.Unmarshal(out, &paths); err != nil {
		return fmt.Errorf("%w: jupyter --paths: %v", ErrNoJupyter, err)
	}
	for _, d := range paths.Data {
		if _, err := os.Stat(filepath.Join(d, "kernels", r.kernel(), "kernel.json")); err == nil {
			return nil
		}
	}
	return fmt.Errorf("%w: no kernels/%s/kernel.json in %v", ErrNoKernel, r.kernel(), paths.Data)
}

// Execute runs the notebook at src top to bottom in a fresh kernel whose
// working directory is src's folder, writes the executed notebook to dst and
// returns it. A cell that fails does not stop the run (later cells show
// whether they depend on it); the failures are returned as a joined error of
// *CellError values, alongside the notebook. A kernel that dies, a cell that
// times out or a missing jupyter return an error and no notebook.
func (r Runner) Execute(ctx context.Context, src, dst string) (*Notebook, error) {
	timeout := r.CellTimeout
	if timeout == 0 {
		timeout = 10 * time.Minute
	}
	absDst, err := filepath.Abs(dst)
	if err != nil {
		return nil, fmt.Errorf("nbrun: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(absDst), 0o755); err != nil {
		return nil, fmt.Errorf("nbrun: %w", err)
	}
	in, out := src, absDst
	if r.Isolated {
		tmp, err := os.MkdirTemp("", "sgdlab-isolated-")
		if err != nil {
			return nil, fmt.Errorf("nbrun: %w", err)
		}
		defer os.RemoveAll(tmp)
		in, out = filepath.Join(tmp, "in.ipynb"), filepath.Join(tmp, "out.ipynb")
		if err := isolate(src, in); err != nil {
			return nil, err
		}
	}
	cmd := exec.CommandContext(ctx, r.jupyter(), "nbconvert",
		"--to", "notebook", "--execute", "--allow-errors",
		"--ExecutePreprocessor.kernel_name="+r.kernel(),
		"--ExecutePreprocessor.record_timing=False", // same notebook, same bytes
		"--ExecutePreprocessor.timeout="+strconv.Itoa(int(timeout.Seconds())),
		"--output-dir", filepath.Dir(out),
		"--output", filepath.Base(out),
		in)
	cmd.Env = append(os.Environ(), r.Env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("nbrun: execute %s: %w\n%s", src, err, tail(stderr.String(), 40))
	}
	if r.Isolated {
		if err := unisolate(out, absDst); err != nil {
			return nil, err
		}
	}
	nb, err := Read(absDst)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, e := range nb.Errors() {
		errs = append(errs, e)
	}
	if len(errs) > 0 {
		return nb, fmt.Errorf("nbrun: %s: %w", filepath.Base(src), errors.Join(errs...))
	}
	return nb, nil
}

// tail returns the last n lines of s, without the kernel's log lines.
func tail(s string, n int) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		// GoNB logs through klog ("I1127 02:17:13.316358 ..."); they drown the cause.
		if len(l) > 5 && strings.ContainsRune("IW", rune(l[0])) && l[1] >= '0' && l[1] <= '9' {
			continue
		}
		keep = append(keep, l)
	}
	if len(keep) > n {
		keep = keep[len(keep)-n:]
	}
	return strings.Join(keep, "\n")
}
