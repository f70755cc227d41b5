package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// A tiny set with hand-counted fingerprints, served by httptest on loopback.
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
		Fingerprint: Fingerprint{Rows: 3, Positives: 1, NNZ: 5, MaxIndex: 4}},
	Test: FileSpec{Name: "tiny.t", URL: "https://sets.invalid/binary/tiny.t",
		Fingerprint: Fingerprint{Rows: 2, Positives: 1, NNZ: 3, MaxIndex: 3}},
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
	for _, url := range []string{srv.URL + "/binary/tiny", srv.URL + "/binary/tiny.t"} {
		if !strings.Contains(progress.String(), "data: downloading "+url) {
			t.Errorf("progress %q does not name %s", progress, url)
		}
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

func TestLoadDownloadFailures(t *testing.T) {
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
			name: "404 for the test file after a good train file",
			handler: func(context.CancelFunc) http.HandlerFunc {
				return files(map[string]string{"/binary/tiny": tinyTrain})
			},
			want: ErrUnavailable,
			text: "tiny.t failed: the server answered 404",
		},
		{
			name: "truncated body",
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
			name: "wrong content",
			handler: func(context.CancelFunc) http.HandlerFunc {
				return files(map[string]string{"/binary/tiny": tinyTest, "/binary/tiny.t": tinyTest})
			},
			want:    ErrFingerprint,
			started: true,
			text:    "got rows=2 positives=1 nonzeros=3 max-index=3, want rows=3",
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
				return func(w http.ResponseWriter, r *http.Request) {
					conn, buf, err := w.(http.Hijacker).Hijack()
					if err != nil {
						panic(err)
					}
					defer conn.Close()
					fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(tinyTrain), tinyTrain[:15])
					buf.Flush()
				}
			},
			want:    io.ErrUnexpectedEOF,
			started: true,
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
	for _, s := range []string{opt.Dir + " (Options.Dir)", opt.CacheDir + " (cache)", "Offline", "SGDLAB_DATA"} {
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
