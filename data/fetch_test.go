package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// A tiny set with hand-counted fingerprints and reference digests, served
// by httptest on loopback.
// Its URLs use the reserved .invalid domain, so that a test that forgot
// BaseURL cannot reach the internet.
const (
	tinyTrain = "+1 1:1 3:1 \n-1 2:1 \n-1 1:1 4:0.5 \n"
	tinyTest  = "-1 1:1 \n+1 2:1 3:1 \n"
)

var tinySpec = Spec{
	Name:  "tiny",
	Width: 4,
	Train: FileSpec{Name: "tiny", URL: "https://sets.invalid/binary/tiny",
		Fingerprint: Fingerprint{Rows: 3, Positives: 1, NNZ: 5, MaxIndex: 4}, SHA256: refContentSHA256(tinyTrain)},
	Test: FileSpec{Name: "tiny.t", URL: "https://sets.invalid/binary/tiny.t",
		Fingerprint: Fingerprint{Rows: 2, Positives: 1, NNZ: 3, MaxIndex: 3}, SHA256: refContentSHA256(tinyTest)},
}

// server counts the requests that reach h.
type server struct {
	*httptest.Server
	hits atomic.Int32
}

func newServer(t *testing.T, h http.HandlerFunc) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// files serves path → content with an exact Content-Length, 404 otherwise.
func files(m map[string]string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, ok := m[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		io.WriteString(w, body)
	}
}

// isolate gives Options that search only the folders the test makes, with
// downloads from srv into a fresh cache folder, and progress into a buffer.
func isolate(t *testing.T, srv *server) (Options, *bytes.Buffer) {
	t.Helper()
	t.Setenv(EnvDir, "")
	t.Setenv(EnvLibSVMURL, "")
	var progress bytes.Buffer
	opt := Options{CacheDir: filepath.Join(t.TempDir(), "cache"), Progress: &progress}
	if srv != nil {
		opt.BaseURL, opt.HTTPClient = srv.URL+"/binary", srv.Client()
	}
	return opt, &progress
}

// entries lists a folder, missing meaning empty.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestLoadDownloads(t *testing.T) {
	srv := newServer(t, files(map[string]string{"/binary/tiny": tinyTrain, "/binary/tiny.t": tinyTest}))
	opt, progress := isolate(t, srv)
	train, test, err := Load(context.Background(), tinySpec, opt)
	if err != nil {
		t.Fatal(err)
	}
	if train.Rows() != 3 || test.Rows() != 2 || train.Width != 4 || test.Width != 4 {
		t.Errorf("train %d×%d, test %d×%d; want 3×4, 2×4", train.Rows(), train.Width, test.Rows(), test.Width)
	}
	if got := fmt.Sprint(train.Y, test.Y); got != "[1 0 0] [0 1]" {
		t.Errorf("Y = %s", got)
	}
	for name, want := range map[string]string{"tiny": tinyTrain, "tiny.t": tinyTest} {
		got, err := os.ReadFile(filepath.Join(opt.CacheDir, name))
		if err != nil || string(got) != want {
			t.Errorf("cached %s = %q, %v; want %q", name, got, err, want)
		}
	}
	if got := entries(t, opt.CacheDir); len(got) != 2 {
		t.Errorf("cache holds %v, want the two files only", got)
	}
	// Not a terminal: a line as each download starts and one as it ends.
	for _, line := range []string{
		"data: downloading " + srv.URL + "/binary/tiny\n",
		"data: downloading " + srv.URL + "/binary/tiny: 34 B of 34 B",
		"data: downloading " + srv.URL + "/binary/tiny.t\n",
		"data: downloading " + srv.URL + "/binary/tiny.t: 20 B of 20 B",
	} {
		if !strings.Contains(progress.String(), line) {
			t.Errorf("progress %q lacks %q", progress, line)
		}
	}
	if strings.Contains(progress.String(), "\r") {
		t.Errorf("progress %q redraws a line that is not on a terminal", progress)
	}
	if n := strings.Count(progress.String(), ", done\n"); n != 2 {
		t.Errorf("progress %q: %d lines done, want 2", progress, n)
	}

	// Now from the cache, without a request.
	hits := srv.hits.Load()
	if _, _, err := Load(context.Background(), tinySpec, opt); err != nil {
		t.Fatal(err)
	}
	if srv.hits.Load() != hits {
		t.Errorf("a second Load made %d requests", srv.hits.Load()-hits)
	}
}

func TestLoadDownloadsOnlyMissing(t *testing.T) {
	srv := newServer(t, files(map[string]string{"/binary/tiny.t": tinyTest}))
	opt, _ := isolate(t, srv)
	opt.Dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(opt.Dir, "tiny"), []byte(tinyTrain), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Load(context.Background(), tinySpec, opt); err != nil {
		t.Fatal(err)
	}
	if got := entries(t, opt.CacheDir); len(got) != 1 || got[0] != "tiny.t" {
		t.Errorf("cache holds %v, want tiny.t", got)
	}
}

// hijack answers with the raw bytes of head and body, then closes the
// connection; with reset it closes it with a TCP reset.
func hijack(head, body string, reset bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			panic(err)
		}
		defer conn.Close()
		fmt.Fprintf(buf, "%sConnection: close\r\n\r\n%s", head, body)
		buf.Flush()
		if reset {
			conn.(*net.TCPConn).SetLinger(0)
		}
	}
}

// endless serves valid lines until the client stops reading.
func endless(w http.ResponseWriter, r *http.Request) {
	chunk := strings.Repeat("-1 2:1\n", 10000)
	for {
		if _, err := io.WriteString(w, chunk); err != nil {
			return
		}
	}
}

func TestLoadDownloadFailures(t *testing.T) {
	changed := strings.Replace(tinyTrain, "4:0.5", "4:0.25", 1)
	swapped := "-1 2:1 \n+1 1:1 3:1 \n-1 1:1 4:0.5 \n"
	tests := []struct {
		name    string
		handler func(cancel context.CancelFunc) http.HandlerFunc
		want    error  // wrapped cause
		text    string // in the message
		started bool   // the failing body began, so progress must say "failed"
	}{
		{
			name:    "404",
			handler: func(context.CancelFunc) http.HandlerFunc { return files(nil) },
			want:    ErrUnavailable,
			text:    "404 Not Found",
		},
		{
			name: "500",
			handler: func(context.CancelFunc) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) }
			},
			want: ErrUnavailable,
			text: "the server answered 500 Internal Server Error",
		},
		{
			name: "404 for the test file after a good train file",
			handler: func(context.CancelFunc) http.HandlerFunc {
				return files(map[string]string{"/binary/tiny": tinyTrain})
			},
			want: ErrUnavailable,
			text: "tiny.t failed: the server answered 404",
		},
		{
			name: "Content-Length above the body",
			handler: func(context.CancelFunc) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Length", strconv.Itoa(len(tinyTrain)+100))
					io.WriteString(w, tinyTrain)
				}
			},
			want:    io.ErrUnexpectedEOF,
			started: true,
		},
		{
			// The body is cut at "4:0", a valid line: only the digest
			// tells it from the file.
			name: "Content-Length below the body",
			handler: func(context.CancelFunc) http.HandlerFunc {
				return hijack(fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Length: %d\r\n", len(tinyTrain)-3), tinyTrain, false)
			},
			want:    ErrFingerprint,
			started: true,
			text:    "same counts (rows=3 positives=1 nonzeros=5 max-index=4) but content SHA-256",
		},
		{
			name: "Content-Length beyond what the set can take",
			handler: func(context.CancelFunc) http.HandlerFunc {
				return hijack("HTTP/1.1 200 OK\r\nContent-Length: 1000000000000\r\n", tinyTrain, false)
			},
			want: ErrFingerprint,
			text: "the server announces 1000.0 GB, more than the 1.0 MB its rows=3",
		},
		{
			name:    "endless body",
			handler: func(context.CancelFunc) http.HandlerFunc { return endless },
			want:    ErrFingerprint,
			started: true,
			text:    "more than 1.0 MB of text",
		},
		{
			name: "wrong content",
			handler: func(context.CancelFunc) http.HandlerFunc {
				return files(map[string]string{"/binary/tiny": tinyTest, "/binary/tiny.t": tinyTest})
			},
			want:    ErrFingerprint,
			started: true,
			text:    "got rows=2 positives=1 nonzeros=3 max-index=3, want rows=3",
		},
		{
			name: "a changed value",
			handler: func(context.CancelFunc) http.HandlerFunc {
				return files(map[string]string{"/binary/tiny": changed})
			},
			want:    ErrFingerprint,
			started: true,
			text:    "want " + tinySpec.Train.SHA256,
		},
		{
			name: "two lines swapped",
			handler: func(context.CancelFunc) http.HandlerFunc {
				return files(map[string]string{"/binary/tiny": swapped})
			},
			want:    ErrFingerprint,
			started: true,
			text:    "want " + tinySpec.Train.SHA256,
		},
		{
			name: "not LIBSVM text",
			handler: func(context.CancelFunc) http.HandlerFunc {
				return files(map[string]string{"/binary/tiny": "<html><body>moved</body></html>\n"})
			},
			want:    ErrNumber,
			started: true,
			text:    "line 1, column 1",
		},
		{
			name: "index above the width",
			handler: func(context.CancelFunc) http.HandlerFunc {
				return files(map[string]string{"/binary/tiny": tinyTrain + "+1 5:1\n"})
			},
			want:    ErrWidth,
			started: true,
			text:    "line 4",
		},
		{
			name: "connection dropped mid-body",
			handler: func(context.CancelFunc) http.HandlerFunc {
				return hijack(fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Length: %d\r\n", len(tinyTrain)), tinyTrain[:15], false)
			},
			want:    io.ErrUnexpectedEOF,
			started: true,
		},
		{
			name: "connection reset mid-body",
			handler: func(context.CancelFunc) http.HandlerFunc {
				return hijack(fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Length: %d\r\n", len(tinyTrain)), tinyTrain[:15], true)
			},
			want: syscall.ECONNRESET,
		},
		{
			name: "context canceled mid-body",
			handler: func(cancel context.CancelFunc) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Length", strconv.Itoa(len(tinyTrain)))
					io.WriteString(w, tinyTrain[:15])
					w.(http.Flusher).Flush()
					cancel()
					<-r.Context().Done()
				}
			},
			want: context.Canceled, // perhaps before the response arrives
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			srv := newServer(t, tt.handler(cancel))
			opt, progress := isolate(t, srv)
			_, _, err := Load(ctx, tinySpec, opt)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			t.Log(err)
			if !errors.Is(err, ErrUnavailable) || !errors.Is(err, tt.want) {
				t.Errorf("error %v: want it to wrap %v and %v", err, ErrUnavailable, tt.want)
			}
			msg := err.Error()
			for _, s := range []string{opt.CacheDir, srv.URL + "/binary/tiny", "SGDLAB_DATA", tt.text} {
				if !strings.Contains(msg, s) {
					t.Errorf("error %q does not mention %q", msg, s)
				}
			}
			if got := entries(t, opt.CacheDir); len(got) != 0 {
				t.Errorf("cache holds %v after a failed download", got)
			}
			if tt.started && !strings.HasSuffix(progress.String(), ", failed\n") {
				t.Errorf("progress %q does not end reporting the failure", progress)
			}
		})
	}
}

// silent accepts connections on loopback and never answers.
func silent(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + l.Addr().String()
}

// stalled blocks until the client goes or the test ends.
func stalled(t *testing.T, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-t.Context().Done():
	}
}

// TestLoadTimeouts: each wait of a download gives up after its limit and
// says which it was; the other waits keep their 30 s default, so a slow
// machine does not trip them, and the limit leaves a loaded machine time to
// read what did arrive.
func TestLoadTimeouts(t *testing.T) {
	const limit = 250 * time.Millisecond
	tests := []struct {
		name   string
		wait   string
		server func(t *testing.T) (base string, client *http.Client)
		url    string // path of the URL that fails
		text   string
	}{
		{
			name: "no connection",
			wait: WaitConnect,
			server: func(t *testing.T) (string, *http.Client) {
				dial := func(ctx context.Context, _, _ string) (net.Conn, error) {
					<-ctx.Done()
					return nil, ctx.Err()
				}
				return "http://mirror.invalid", &http.Client{Transport: &http.Transport{DialContext: dial}}
			},
			url:  "/binary/tiny",
			text: "no connection to mirror.invalid within 250ms (connect timeout)",
		},
		{
			name: "accepts and never answers",
			wait: WaitHeader,
			server: func(t *testing.T) (string, *http.Client) {
				return silent(t), nil
			},
			url:  "/binary/tiny",
			text: "accepted the connection but sent no response within 250ms (response-header timeout)",
		},
		{
			name: "headers stall",
			wait: WaitHeader,
			server: func(t *testing.T) (string, *http.Client) {
				srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { stalled(t, r) })
				return srv.URL, srv.Client()
			},
			url:  "/binary/tiny",
			text: "(response-header timeout)",
		},
		{
			name: "body stalls",
			wait: WaitIdle,
			server: func(t *testing.T) (string, *http.Client) {
				srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Length", strconv.Itoa(len(tinyTrain)))
					io.WriteString(w, tinyTrain[:15])
					w.(http.Flusher).Flush()
					stalled(t, r)
				})
				return srv.URL, srv.Client()
			},
			url:  "/binary/tiny",
			text: "after 15 B of 34 B: 127.0.0.1",
		},
		{
			name: "body of the second file stalls",
			wait: WaitIdle,
			server: func(t *testing.T) (string, *http.Client) {
				srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Path == "/binary/tiny" {
						io.WriteString(w, tinyTrain)
						return
					}
					io.WriteString(w, tinyTest[:5])
					w.(http.Flusher).Flush()
					stalled(t, r)
				})
				return srv.URL, srv.Client()
			},
			url:  "/binary/tiny.t",
			text: "after 5 B: 127.0.0.1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt, progress := isolate(t, nil)
			base, client := tt.server(t)
			opt.BaseURL, opt.HTTPClient = base+"/binary", client
			switch tt.wait {
			case WaitConnect:
				opt.ConnectTimeout = limit
			case WaitHeader:
				opt.HeaderTimeout = limit
			case WaitIdle:
				opt.IdleTimeout = limit
			}
			_, _, err := Load(context.Background(), tinySpec, opt)
			t.Log(err)
			var te *TimeoutError
			if !errors.As(err, &te) || te.Wait != tt.wait || te.Limit != limit || !te.Timeout() {
				t.Fatalf("error %v: want a %s *TimeoutError of %v", err, tt.wait, limit)
			}
			if !errors.Is(err, ErrUnavailable) {
				t.Errorf("error %v does not wrap ErrUnavailable", err)
			}
			for _, s := range []string{"downloading " + base + tt.url + " failed", tt.text} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			if got := entries(t, opt.CacheDir); len(got) != 0 {
				t.Errorf("cache holds %v after a timeout", got)
			}
			if tt.wait == WaitIdle && !strings.HasSuffix(progress.String(), ", failed\n") {
				t.Errorf("progress %q does not end reporting the failure", progress)
			}
		})
	}
}

// TestLoadCanceled: Ctrl-C ends a download that waits on a silent server
// at once, long before the default timeouts, and says it was canceled.
func TestLoadCanceled(t *testing.T) {
	arrived := make(chan struct{})
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		stalled(t, r)
	})
	opt, _ := isolate(t, srv)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	_, _, err := Load(ctx, tinySpec, opt)
	var te *TimeoutError
	if !errors.Is(err, context.Canceled) || errors.As(err, &te) {
		t.Errorf("error %v: want context.Canceled, not a timeout", err)
	}
	if got := entries(t, opt.CacheDir); len(got) != 0 {
		t.Errorf("cache holds %v after a canceled download", got)
	}
}

// together holds each request until n requests for its path have arrived
// (or ten seconds have passed), so that n downloads of a file overlap.
func together(n int, h http.HandlerFunc) http.HandlerFunc {
	var mu sync.Mutex
	count := map[string]int{}
	all := map[string]chan struct{}{}
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		if all[r.URL.Path] == nil {
			all[r.URL.Path] = make(chan struct{})
		}
		ch := all[r.URL.Path]
		if count[r.URL.Path]++; count[r.URL.Path] == n {
			close(ch)
		}
		mu.Unlock()
		select {
		case <-ch:
		case <-time.After(10 * time.Second):
		}
		h(w, r)
	}
}

// checkCache checks that dir holds one valid copy of each tiny file and
// nothing else.
func checkCache(t *testing.T, dir string) {
	t.Helper()
	if got := entries(t, dir); strings.Join(got, " ") != "tiny tiny.t" {
		t.Errorf("cache holds %v, want tiny and tiny.t alone", got)
	}
	for name, want := range map[string]string{"tiny": tinyTrain, "tiny.t": tinyTest} {
		if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(got) != want {
			t.Errorf("cached %s = %q, %v; want %q", name, got, err, want)
		}
	}
}

func TestLoadConcurrentGoroutines(t *testing.T) {
	srv := newServer(t, together(2, files(map[string]string{"/binary/tiny": tinyTrain, "/binary/tiny.t": tinyTest})))
	opt, _ := isolate(t, srv)
	opt.Progress = io.Discard // a bytes.Buffer is for one goroutine
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Go(func() {
			_, _, errs[i] = Load(context.Background(), tinySpec, opt)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := srv.hits.Load(); n != 4 {
		t.Errorf("%d requests, want 4: both Loads download both files", n)
	}
	checkCache(t, opt.CacheDir)
}

// TestLoadConcurrentProcesses runs two processes of this test binary
// (TestLoadChildProcess) that download into one cache at once.
func TestLoadConcurrentProcesses(t *testing.T) {
	srv := newServer(t, together(2, files(map[string]string{"/binary/tiny": tinyTrain, "/binary/tiny.t": tinyTest})))
	opt, _ := isolate(t, srv)
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLoadChildProcess$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), EnvDir+"=", EnvLibSVMURL+"=",
			"SGDLAB_TEST_CHILD_CACHE="+opt.CacheDir, "SGDLAB_TEST_CHILD_URL="+opt.BaseURL)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, &out)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil || !strings.Contains(outs[i].String(), "--- PASS: TestLoadChildProcess") {
			t.Errorf("process %d: %v\n%s", i, err, outs[i])
		}
	}
	if n := srv.hits.Load(); n != 4 {
		t.Errorf("%d requests, want 4: both processes download both files", n)
	}
	checkCache(t, opt.CacheDir)
}

// TestLoadChildProcess is one process of TestLoadConcurrentProcesses.
func TestLoadChildProcess(t *testing.T) {
	cache := os.Getenv("SGDLAB_TEST_CHILD_CACHE")
	if cache == "" {
		t.Skip("run by TestLoadConcurrentProcesses")
	}
	opt := Options{CacheDir: cache, BaseURL: os.Getenv("SGDLAB_TEST_CHILD_URL"), Progress: io.Discard}
	if _, _, err := Load(context.Background(), tinySpec, opt); err != nil {
		t.Fatal(err)
	}
}

// TestLoadRemovesStaleParts: a part file a killed process left is removed
// by the next download; one that is still growing is not.
func TestLoadRemovesStaleParts(t *testing.T) {
	srv := newServer(t, files(map[string]string{"/binary/tiny": tinyTrain, "/binary/tiny.t": tinyTest}))
	opt, _ := isolate(t, srv)
	if err := os.MkdirAll(opt.CacheDir, 0o755); err != nil {
		t.Fatal(err)
	}
	stale, live := filepath.Join(opt.CacheDir, ".tiny-1.part"), filepath.Join(opt.CacheDir, ".tiny-2.part")
	for _, p := range []string{stale, live} {
		if err := os.WriteFile(p, []byte("+1 1:1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * staleAfter)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Load(context.Background(), tinySpec, opt); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(entries(t, opt.CacheDir), " "); got != ".tiny-2.part tiny tiny.t" {
		t.Errorf("cache holds %s, want .tiny-2.part tiny tiny.t", got)
	}
}

// TestLoadFolders: a folder asked for must be one; a missing $SGDLAB_DATA
// is said so when the set is not found.
func TestLoadFolders(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, []byte(tinyTrain), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "missing")
	tests := []struct {
		name     string
		dir, env string
		want     string
	}{
		{"Dir missing", missing, "", "data: folder " + missing + " does not exist"},
		{"Dir a file", file, "", "data: " + file + " is a file, not a folder holding tiny and tiny.t"},
		{"SGDLAB_DATA a file", "", file, "data: $SGDLAB_DATA is " + file + ", a file, not a folder; set it to the folder holding tiny and tiny.t"},
		{"SGDLAB_DATA missing", "", missing, missing + " ($SGDLAB_DATA, which does not exist)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, files(nil))
			opt, _ := isolate(t, srv)
			opt.Dir = tt.dir
			t.Setenv(EnvDir, tt.env)
			_, _, err := Load(context.Background(), tinySpec, opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one with %q", err, tt.want)
			}
			if strings.Contains(fmt.Sprint(err), "Options") {
				t.Errorf("error %q names a Go field", err)
			}
		})
	}
}

// TestLoadMirror: $SGDLAB_LIBSVM_URL replaces the LIBSVM site; Options.BaseURL
// comes first; a value that is not an http(s) URL is refused before any request.
func TestLoadMirror(t *testing.T) {
	srv := newServer(t, files(map[string]string{"/mirror/tiny": tinyTrain, "/mirror/tiny.t": tinyTest}))
	opt, _ := isolate(t, srv)
	opt.BaseURL = ""
	t.Setenv(EnvLibSVMURL, srv.URL+"/mirror/")
	if _, _, err := Load(context.Background(), tinySpec, opt); err != nil {
		t.Fatal(err)
	}
	checkCache(t, opt.CacheDir)

	opt.CacheDir = t.TempDir()
	t.Setenv(EnvLibSVMURL, srv.URL+"/elsewhere")
	_, _, err := Load(context.Background(), tinySpec, opt)
	if want := "downloading " + srv.URL + "/elsewhere/tiny (from $SGDLAB_LIBSVM_URL) failed: the server answered 404"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want one with %q", err, want)
	}
	opt.BaseURL = srv.URL + "/mirror"
	if _, _, err := Load(context.Background(), tinySpec, opt); err != nil {
		t.Errorf("Options.BaseURL does not come before $SGDLAB_LIBSVM_URL: %v", err)
	}

	hits := srv.hits.Load()
	for _, bad := range []string{"ftp://mirror.example/binary", "mirror.example/binary", "http://", "http://[::1"} {
		opt, _ := isolate(t, srv)
		opt.BaseURL = ""
		t.Setenv(EnvLibSVMURL, bad)
		_, _, err := Load(context.Background(), tinySpec, opt)
		if want := fmt.Sprintf("$SGDLAB_LIBSVM_URL is %q, not an http:// or https:// URL", bad); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want one with %q", err, want)
		}
	}
	if srv.hits.Load() != hits {
		t.Errorf("%d requests with a bad $SGDLAB_LIBSVM_URL", srv.hits.Load()-hits)
	}
}

// TestLoadRefusesChangedCopy: a local copy whose content differs from the
// set's is refused, naming the file, what it should hold and how to fetch a
// fresh copy; copies that differ in spacing only are accepted.
func TestLoadRefusesChangedCopy(t *testing.T) {
	tests := []struct {
		name, train string
		want        string // in the error; "" for a copy that must load
	}{
		{"a changed value", strings.Replace(tinyTrain, "4:0.5", "4:0.25", 1), "same counts"},
		{"a changed index", strings.Replace(tinyTrain, "3:1", "2:1", 1), "same counts"},
		{"a changed label", strings.Replace(tinyTrain, "+1 1:1 3:1", "-1 1:1 3:1", 1), "got rows=3 positives=0"},
		{"two labels exchanged", "-1 1:1 3:1 \n+1 2:1 \n-1 1:1 4:0.5 \n", "same counts"},
		{"two lines swapped", "-1 2:1 \n+1 1:1 3:1 \n-1 1:1 4:0.5 \n", "same counts"},
		{"an index above the width", tinyTrain + "-1 5:1\n", "line 4"},
		{"no trailing spaces", strings.ReplaceAll(tinyTrain, " \n", "\n"), ""},
		{"CRLF and tabs", strings.ReplaceAll(strings.ReplaceAll(tinyTrain, " \n", "\r\n"), " ", "\t"), ""},
		{"a comment and a blank line", "# tiny\n\n" + tinyTrain, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, files(nil))
			opt, _ := isolate(t, srv)
			opt.Dir = writeFiles(t, map[string]string{"tiny": tt.train, "tiny.t": tinyTest})
			_, _, err := Load(context.Background(), tinySpec, opt)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("Load accepted a changed copy")
			}
			t.Log(err)
			path := filepath.Join(opt.Dir, "tiny")
			for _, s := range []string{"data: " + path + ": ", tt.want,
				"to fetch a fresh copy, remove " + path + " and run 'sgdlab fetch', which downloads " + srv.URL + "/binary/tiny into " + opt.CacheDir} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			if tt.want == "same counts" && !strings.Contains(err.Error(), "want "+tinySpec.Train.SHA256) {
				t.Errorf("error %q does not give the digest wanted", err)
			}
			if srv.hits.Load() != 0 {
				t.Errorf("%d requests: a bad copy at hand is reported, not replaced", srv.hits.Load())
			}
		})
	}
}

// TestProgressOnTerminal checks the line redrawn in place, with the amount
// and the rate, and the test for a terminal.
func TestProgressOnTerminal(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, live: true, url: "http://m/a9a", total: 3_400_000, start: time.Now().Add(-time.Second)}
	p.add(1_200_000)
	p.add(100) // within progressInterval: not drawn
	p.finish(nil)
	lines := strings.Split(b.String(), "\r")
	if len(lines) != 3 || lines[0] != "" {
		t.Fatalf("output %q: want two lines drawn in place", b.String())
	}
	if !strings.HasPrefix(lines[1], "data: downloading http://m/a9a: 1.2 MB of 3.4 MB, ") || !strings.HasSuffix(lines[1], " MB/s") {
		t.Errorf("line %q: want the amount and a rate", lines[1])
	}
	if !strings.HasSuffix(lines[2], ", done\n") {
		t.Errorf("last line %q does not end with done", lines[2])
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 999: "999 B", 1000: "1.0 kB", 34_567: "34.6 kB", 3_400_000: "3.4 MB", 2e9: "2.0 GB"} {
		if got := size(n); got != want {
			t.Errorf("size(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLoadLookupOrder(t *testing.T) {
	write := func(dir, train, test string) string {
		for name, s := range map[string]string{"tiny": train, "tiny.t": test} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	const bad = "+1 1:1\n" // a file with the wrong content
	srv := newServer(t, files(nil))
	opt, _ := isolate(t, srv)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(opt.CacheDir, 0o755))

	// Each good folder comes before a bad one; Load stops at the first hit.
	opt.Dir = write(t.TempDir(), tinyTrain, tinyTest)
	t.Setenv(EnvDir, write(t.TempDir(), bad, bad))
	write(opt.CacheDir, bad, bad)
	_, _, err := Load(context.Background(), tinySpec, opt)
	must(err)

	write(os.Getenv(EnvDir), tinyTrain, tinyTest)
	opt.Dir = ""
	_, _, err = Load(context.Background(), tinySpec, opt)
	must(err)

	// A bad file found first is an error, not skipped for a later good one.
	opt.Dir = write(t.TempDir(), tinyTrain, bad)
	_, _, err = Load(context.Background(), tinySpec, opt)
	if !errors.Is(err, ErrFingerprint) || !strings.Contains(err.Error(), filepath.Join(opt.Dir, "tiny.t")) {
		t.Errorf("error %v: want ErrFingerprint naming %s", err, filepath.Join(opt.Dir, "tiny.t"))
	}
	if srv.hits.Load() != 0 {
		t.Errorf("%d requests made with the files at hand", srv.hits.Load())
	}
}

func TestLoadOffline(t *testing.T) {
	srv := newServer(t, files(map[string]string{"/binary/tiny": tinyTrain, "/binary/tiny.t": tinyTest}))
	opt, _ := isolate(t, srv)
	opt.Offline = true
	opt.Dir = t.TempDir()
	_, _, err := Load(context.Background(), tinySpec, opt)
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("error %v, want ErrUnavailable", err)
	}
	for _, s := range []string{opt.Dir + " (the folder given)", opt.CacheDir + " (cache)", "offline", "SGDLAB_DATA"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not mention %q", err, s)
		}
	}
	if srv.hits.Load() != 0 {
		t.Errorf("%d requests made offline", srv.hits.Load())
	}
}

// testdata/tiny.bz2 holds tinyTrain, made with
//
//	printf -- '+1 1:1 3:1 \n-1 2:1 \n-1 1:1 4:0.5 \n' | bzip2 -9 > testdata/tiny.bz2
func TestLoadBzip2(t *testing.T) {
	packed, err := os.ReadFile("testdata/tiny.bz2")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, files(map[string]string{"/binary/tiny.bz2": string(packed), "/binary/tiny.t": tinyTest}))
	opt, _ := isolate(t, srv)
	spec := tinySpec
	spec.Train.URL += ".bz2"
	if _, _, err := Load(context.Background(), spec, opt); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(opt.CacheDir, "tiny"))
	if err != nil || string(got) != tinyTrain {
		t.Errorf("cached tiny = %q, %v; want %q", got, err, tinyTrain)
	}
}

func TestFileURL(t *testing.T) {
	t.Setenv(EnvLibSVMURL, "")
	f := FileSpec{URL: "https://www.csie.ntu.edu.tw/~cjlin/libsvmtools/datasets/binary/a9a.t"}
	for base, want := range map[string]string{
		"":                          f.URL,
		"http://127.0.0.1:8080/m":   "http://127.0.0.1:8080/m/a9a.t",
		"http://127.0.0.1:8080/m/":  "http://127.0.0.1:8080/m/a9a.t",
		"file:///srv/mirror/binary": "file:///srv/mirror/binary/a9a.t",
	} {
		if got := fileURL(f, Options{BaseURL: base}); got != want {
			t.Errorf("fileURL with BaseURL %q = %q, want %q", base, got, want)
		}
	}
}
