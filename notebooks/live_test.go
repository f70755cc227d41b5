//go:build unix

// The live server test starts Jupyter in its own process group, which it
// stops with the group: Unix only.

package notebooks

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg/chart"
	"github.com/sgdlab/sgdlab/notebooks/internal/browser"
	"github.com/sgdlab/sgdlab/notebooks/internal/nbrun"
	"github.com/sgdlab/sgdlab/notebooks/internal/testkit"
)

// liveNotebook is the notebook TestLive runs: the one with the playground.
const liveNotebook = "04-suggestions-tested.ipynb"

// TestLive drives the front end `make lab` opens, classic Jupyter Notebook,
// in headless Chromium: a notebook server on the loopback address, started
// and stopped here, runs notebook 04 with Run All; the playground at its end
// goes live and says the kernel is busy; moving the epochs slider retrains
// and redraws the chart; and reloading the page ends the playground, so the
// kernel is idle again within seconds instead of stranded.
func TestLive(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a notebook in a live server: minutes")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Minute)
	defer cancel()
	root, err := nbrun.Root()
	if err != nil {
		t.Fatal(err)
	}
	var r nbrun.Runner
	testkit.Need(t, "the GoNB kernel", r.CheckKernel(ctx))
	_, err = exec.Command("jupyter", "notebook", "--version").Output()
	testkit.Need(t, "jupyter notebook", err)
	_, err = browser.Chromium()
	testkit.Need(t, "chromium", err)
	echarts, err := chart.EchartsFile(testkit.JSDir(t))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = data.A9A(ctx, data.Options{Offline: true})
	testkit.Need(t, "a9a", err)

	// The server's folder holds a copy of the notebook and of echarts, which
	// live charts load from /files/, with no network.
	dir := t.TempDir()
	for src, dst := range map[string]string{liveNotebook: liveNotebook, echarts: "echarts.min.js"} {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, dst), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := startServer(t, ctx, dir, []string{
		nbrun.EnvRoot + "=" + root,
		chart.EnvEchartsURL + "=/files/echarts.min.js",
		"SGDLAB_DATA=" + os.Getenv("SGDLAB_DATA"),
	})

	b, err := browser.Start(ctx, 1280, 1000)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	tab, err := b.Tab()
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	if err := chromedp.Do(tab.Ctx, chromedp.Navigate(srv.url("/notebooks/"+liveNotebook))); err != nil {
		t.Fatal(err)
	}
	wait(t, tab, "the notebook's kernel to connect", time.Minute,
		`!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected())`)
	// The first connection GoNB's script opens from the page closes as soon
	// as it opens, as one whose acknowledgement came too late does on a
	// loaded machine: the playground must ask again and still go live.
	if _, err := browser.Eval[any](tab, dropFirstSocket); err != nil {
		t.Fatal(err)
	}
	if _, err := browser.Eval[any](tab, `(Jupyter.notebook.execute_all_cells(), null)`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	wait(t, tab, "Run All to reach the playground", 8*time.Minute,
		`!!document.querySelector(".sgdlab-playground-caption")`)
	if n, err := browser.Eval[int](tab, `document.querySelectorAll(".sgdlab-slider input[type=range]").length`); err != nil || n != 3 {
		errs, _ := tab.Logged()
		t.Fatalf("the playground has %d sliders (%v), want 3: it took the page for a report; page errors %q", n, err, errs)
	}
	t.Logf("Run All reached the playground in %.0f s", time.Since(start).Seconds())
	if n, err := browser.Eval[int](tab, `window.__sgdlabSockets`); err != nil || n < 2 {
		t.Errorf("the page opened %d sockets after the first was dropped (%v), want a second one", n, err)
	}
	notice, err := browser.Eval[string](tab, `document.querySelector(".sgdlab-slider").closest(".output_area").parentElement.innerText`)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"kernel is busy", "Done", "range 1 … 100", "learning rate", "0.001"} {
		if !strings.Contains(notice, w) {
			t.Errorf("the live playground does not show %q:\n%s", w, notice)
		}
	}
	if n, err := browser.Eval[int](tab, `document.querySelectorAll(".output_error").length`); err != nil || n != 0 {
		t.Errorf("%d cells failed in Run All (%v)", n, err)
	}

	// Move the epochs slider to 3: the chart redraws with epochs 0..3.
	if _, err := browser.Eval[any](tab, `(() => {
  const s = document.querySelectorAll(".sgdlab-slider input[type=range]")[2];
  s.value = "3";
  s.dispatchEvent(new Event("input", {bubbles: true}));
  s.dispatchEvent(new Event("change", {bubbles: true}));
  return null;
})()`); err != nil {
		t.Fatal(err)
	}
	wait(t, tab, "the chart to redraw for 3 epochs", time.Minute, `(() => {
  const cap = Array.from(document.querySelectorAll(".sgdlab-playground-caption")).pop();
  if (!cap || !cap.innerText.includes("3 epochs")) return false;
  const reg = window.__sgdlabCharts || {};
  const el = cap.parentElement.querySelector("[_echarts_instance_]");
  const c = el && reg[el.id];
  return !!c && c.getOption().series[0].data.length === 4;
})()`)
	if d := os.Getenv("SGDLAB_SCREENSHOT"); d != "" {
		if _, err := browser.Eval[any](tab, `(document.querySelector(".sgdlab-slider").scrollIntoView(), null)`); err != nil {
			t.Fatal(err)
		}
		if err := tab.Screenshot(filepath.Join(d, "live-playground.png")); err != nil {
			t.Fatal(err)
		}
	}
	if busy := srv.kernelState(t); busy != "busy" {
		t.Errorf("kernel %q while the playground is live, want busy", busy)
	}

	// Reload: the page's heartbeat stops, the playground ends, the kernel
	// is idle again.
	if err := chromedp.Do(tab.Ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	reloaded := time.Now()
	for srv.kernelState(t) != "idle" {
		if time.Since(reloaded) > 30*time.Second {
			t.Fatal("the kernel is still busy 30 s after the page reloaded: the playground stranded it")
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Logf("kernel idle %.1f s after the reload", time.Since(reloaded).Seconds())
}

// dropFirstSocket makes the page close the first WebSocket it opens from now
// on right after it opens, and count the sockets in window.__sgdlabSockets.
// The notebook's own socket is open already, so the first is GoNB's.
const dropFirstSocket = `(() => {
  const Native = window.WebSocket;
  window.__sgdlabSockets = 0;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (++window.__sgdlabSockets === 1) this.addEventListener("open", () => this.close());
    }
  };
  return null;
})()`

// wait polls the expression in the tab until it is true.
func wait(t *testing.T, tab *browser.Tab, what string, limit time.Duration, expr string) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		ok, err := browser.Eval[bool](tab, expr)
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			errs, _ := tab.Logged()
			text, _ := browser.Eval[string](tab, `document.body ? document.body.innerText.slice(-3000) : ""`)
			t.Fatalf("waited %v for %s (last error %v); page errors %q; the page ends:\n%s", limit, what, err, errs, text)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// server is a Jupyter Notebook server on the loopback address.
type server struct {
	base, token string
}

// url returns the server's address of path, with the token.
func (s server) url(path string) string { return s.base + path + "?token=" + s.token }

// startServer starts `jupyter notebook` on dir, 127.0.0.1 only, with a
// random port and token, and stops it, with its kernels, when t ends.
func startServer(t *testing.T, ctx context.Context, dir string, env []string) server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	tok := make([]byte, 16)
	rand.Read(tok)
	s := server{base: fmt.Sprintf("http://127.0.0.1:%d", port), token: hex.EncodeToString(tok)}
	args := []string{"notebook", "--no-browser", "--ip=127.0.0.1", fmt.Sprint("--port=", port),
		"--port-retries=0", "--notebook-dir=" + dir, "--NotebookApp.token=" + s.token}
	if os.Geteuid() == 0 {
		args = append(args, "--allow-root")
	}
	cmd := exec.Command("jupyter", args...)
	cmd.Env = append(os.Environ(), append(env, "JUPYTER_RUNTIME_DIR="+filepath.Join(dir, ".runtime"))...)
	logf, err := os.Create(filepath.Join(t.TempDir(), "server.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// SIGTERM makes the server shut its kernels down; then the group goes.
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		logf.Close()
	})
	for deadline := time.Now().Add(time.Minute); ; {
		resp, err := http.Get(s.url("/api/status"))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			b, _ := os.ReadFile(logf.Name())
			t.Fatalf("the notebook server did not answer: %v\n%s", err, b)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// kernelState returns the execution state of the server's one kernel.
func (s server) kernelState(t *testing.T) string {
	t.Helper()
	resp, err := http.Get(s.url("/api/kernels"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var ks []struct {
		State string `json:"execution_state"`
	}
	if err := json.Unmarshal(b, &ks); err != nil || len(ks) != 1 {
		t.Fatalf("kernels: %s (%v)", b, err)
	}
	return ks[0].State
}
