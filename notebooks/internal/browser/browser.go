package browser

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// EnvChromium names the variable that overrides the browser's path.
const EnvChromium = "SGDLAB_CHROMIUM"

// Chromium returns the browser Start runs: $SGDLAB_CHROMIUM when set, else
// Debian's /usr/bin/chromium. It returns an error when that is not an
// executable file.
func Chromium() (string, error) {
	path := os.Getenv(EnvChromium)
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(path); err != nil {
		return "", fmt.Errorf("browser: %w (install Debian's chromium, or set %s)", err, EnvChromium)
	}
	return path, nil
}

// Browser is one headless Chromium. Its tabs share it.
type Browser struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// Start runs Chromium with the flags of the package doc, its window width
// by height CSS pixels. Close ends it.
func Start(ctx context.Context, width, height int) (*Browser, error) {
	path, err := Chromium()
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("allow-file-access-from-files", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"),
		chromedp.WindowSize(width, height),
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	// The first Run starts the browser; its context must outlive every tab.
	if err := chromedp.Do(bctx); err != nil {
		bcancel()
		acancel()
		return nil, fmt.Errorf("browser: start %s: %w", path, err)
	}
	return &Browser{ctx: bctx, cancel: func() { bcancel(); acancel() }}, nil
}

// Close ends the browser and removes its user data folder.
func (b *Browser) Close() { b.cancel() }

// Tab is one page of the browser, with what it logged.
type Tab struct {
	// Ctx runs chromedp actions on the tab.
	Ctx    context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	errors   []string
	requests []string
}

// Tab opens a new tab that records its page errors (uncaught exceptions and
// console.error calls) and the requests it sends other than to file:, data:
// and the loopback address.
func (b *Browser) Tab() (*Tab, error) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	t := &Tab{Ctx: ctx, cancel: cancel}
	if err := chromedp.Listen(ctx, t.record); err != nil {
		cancel()
		return nil, fmt.Errorf("browser: new tab: %w", err)
	}
	go t.console()
	return t, nil
}

// Close closes the tab.
func (t *Tab) Close() { t.cancel() }

func (t *Tab) record(ev any) {
	if r, ok := ev.(*network.EventRequestWillBeSent); ok && r.Request != nil {
		u := r.Request.URL
		for _, local := range []string{"file:", "data:", "blob:", "http://127.0.0.1:", "http://localhost:"} {
			if strings.HasPrefix(u, local) {
				return
			}
		}
		t.mu.Lock()
		t.requests = append(t.requests, u)
		t.mu.Unlock()
	}
}

// console collects uncaught exceptions and console.error calls until the
// tab closes; the browser's own log (failed loads) is left to Requests.
func (t *Tab) console() {
	for m, err := range chromedp.Console(t.Ctx) {
		if err != nil {
			return
		}
		if m.IsException() || (m.Type == chromedp.ConsoleError && m.Source == "") {
			t.mu.Lock()
			t.errors = append(t.errors, firstLine(m.String()))
			t.mu.Unlock()
		}
	}
}

// Logged returns the page errors and the requests recorded so far.
func (t *Tab) Logged() (errs, requests []string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.errors...), append([]string(nil), t.requests...)
}

// Eval evaluates a JavaScript expression in the tab, awaiting it when it is
// a promise, and decodes its JSON value into T.
func Eval[T any](t *Tab, expr string) (T, error) {
	v, err := chromedp.Run(t.Ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		return v, fmt.Errorf("browser: %w", err)
	}
	return v, nil
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}
