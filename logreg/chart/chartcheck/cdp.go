package chartcheck

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Chromium is the browser Check runs: $SGDLAB_CHROMIUM when set, else
// Debian's /usr/bin/chromium.
var Chromium = chromiumFromEnv()

func chromiumFromEnv() string {
	if c := os.Getenv("SGDLAB_CHROMIUM"); c != "" {
		return c
	}
	return "/usr/bin/chromium"
}

// flags run Chromium headless, offline and without side traffic.
var flags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
	"--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
	"--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
	"--host-resolver-rules=MAP * ~NOTFOUND", "--allow-file-access-from-files",
	"--remote-debugging-pipe", "--window-size=1280,1000",
}

// browser is one Chromium process and a flat DevTools session on its page.
type browser struct {
	cmd     *exec.Cmd
	userDir string
	w       io.WriteCloser
	session string

	mu      sync.Mutex
	nextID  int
	pending map[int]chan message
	events  chan message
	done    chan struct{}
	readErr error
	stderr  *limitedWriter
}

// message is a DevTools protocol message: a reply (ID set) or an event.
type message struct {
	ID        int             `json:"id,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// launch starts Chromium and attaches to a fresh page.
func launch(ctx context.Context) (*browser, error) {
	userDir, err := os.MkdirTemp("", "sgdlab-chromium-")
	if err != nil {
		return nil, fmt.Errorf("chartcheck: %w", err)
	}
	// Chromium reads commands from fd 3 and writes replies to fd 4.
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		os.RemoveAll(userDir)
		return nil, fmt.Errorf("chartcheck: %w", err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		cmdR.Close()
		cmdW.Close()
		os.RemoveAll(userDir)
		return nil, fmt.Errorf("chartcheck: %w", err)
	}
	args := append(append([]string{}, flags...), "--user-data-dir="+userDir, "about:blank")
	b := &browser{
		cmd:     exec.Command(Chromium, args...),
		userDir: userDir,
		w:       cmdW,
		pending: map[int]chan message{},
		events:  make(chan message, 1024),
		done:    make(chan struct{}),
	}
	b.cmd.ExtraFiles = []*os.File{cmdR, outW}
	// Its own process group, so that a browser that will not close can be
	// ended with its helpers (renderer, zygote) and nothing else.
	b.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	b.stderr = &limitedWriter{n: 1 << 16}
	b.cmd.Stderr = b.stderr
	if err := b.cmd.Start(); err != nil {
		cmdR.Close()
		cmdW.Close()
		outR.Close()
		outW.Close()
		os.RemoveAll(userDir)
		return nil, fmt.Errorf("chartcheck: start %s: %w", Chromium, err)
	}
	cmdR.Close()
	outW.Close()
	go b.read(outR)

	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		b.close()
		return nil, err
	}
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	if err := b.call(ctx, "", "Target.attachToTarget",
		map[string]any{"targetId": target.TargetID, "flatten": true}, &attached); err != nil {
		b.close()
		return nil, err
	}
	b.session = attached.SessionID
	return b, nil
}

// read dispatches Chromium's messages until the pipe closes.
func (b *browser) read(r io.ReadCloser) {
	defer r.Close()
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		raw, err := br.ReadBytes(0)
		if err != nil {
			b.mu.Lock()
			b.readErr = err
			b.mu.Unlock()
			close(b.done)
			return
		}
		var m message
		if json.Unmarshal(raw[:len(raw)-1], &m) != nil {
			continue
		}
		if m.ID != 0 {
			b.mu.Lock()
			ch := b.pending[m.ID]
			delete(b.pending, m.ID)
			b.mu.Unlock()
			if ch != nil {
				ch <- m
			}
			continue
		}
		select {
		case b.events <- m:
		default: // a page flooding the console must not stall the replies
		}
	}
}

// call sends one command (to the page's session unless session is "") and
// decodes its result into out, which may be nil.
func (b *browser) call(ctx context.Context, session, method string, params any, out any) error {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan message, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg, err := json.Marshal(map[string]any{"id": id, "sessionId": session, "method": method, "params": params})
	if err != nil {
		return fmt.Errorf("chartcheck: %s: %w", method, err)
	}
	if session == "" {
		msg, _ = json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	}
	if _, err := b.w.Write(append(msg, 0)); err != nil {
		return fmt.Errorf("chartcheck: %s: %w", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("chartcheck: %s: %s (%d)", method, m.Error.Message, m.Error.Code)
		}
		if out != nil {
			if err := json.Unmarshal(m.Result, out); err != nil {
				return fmt.Errorf("chartcheck: %s: %w", method, err)
			}
		}
		return nil
	case <-b.done:
		return fmt.Errorf("chartcheck: %s: browser exited: %s", method, lastLine(b.stderr.String()))
	case <-ctx.Done():
		return fmt.Errorf("chartcheck: %s: %w", method, ctx.Err())
	}
}

// page sends a command to the attached page.
func (b *browser) page(ctx context.Context, method string, params any, out any) error {
	return b.call(ctx, b.session, method, params, out)
}

// close ends the browser, politely first, and removes its profile.
func (b *browser) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	_ = b.call(ctx, "", "Browser.close", map[string]any{}, nil)
	cancel()
	b.w.Close()
	exited := make(chan struct{})
	go func() { b.cmd.Wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		syscall.Kill(-b.cmd.Process.Pid, syscall.SIGKILL)
		<-exited
	}
	os.RemoveAll(b.userDir)
}

// limitedWriter keeps the first n bytes written to it.
type limitedWriter struct {
	mu sync.Mutex
	b  strings.Builder
	n  int
}

func (w *limitedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

func (w *limitedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if room := w.n - w.b.Len(); room > 0 {
		w.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
