package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// isolateFetch points the user cache at a new folder, unsets $SGDLAB_DATA
// and sets $SGDLAB_LIBSVM_URL to mirror; it returns the cache folder.
func isolateFetch(t *testing.T, mirror string) string {
	t.Helper()
	base := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", base)
	t.Setenv("HOME", base)
	t.Setenv("SGDLAB_DATA", "")
	t.Setenv("SGDLAB_LIBSVM_URL", mirror)
	return filepath.Join(base, "sgdlab")
}

// httpServer serves h on loopback until the test ends and returns its URL.
func httpServer(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestFetchFailures: sgdlab fetch against servers that fail in each way
// exits 1 with one line naming the cause, and leaves the cache empty.
func TestFetchFailures(t *testing.T) {
	// wait holds a request until the client goes or the test ends.
	wait := func(r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-t.Context().Done():
		}
	}
	silent := func(w http.ResponseWriter, r *http.Request) { wait(r) }
	stall := func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "+1 3:1 \n")
		w.(http.Flusher).Flush()
		wait(r)
	}
	cases := []struct {
		name   string
		mirror func(t *testing.T) string
		args   []string
		want   []string
	}{
		{"accepts and never answers", func(t *testing.T) string { return httpServer(t, silent) }, []string{"-timeout", "250ms"},
			[]string{"sent no response within 250ms (response-header timeout)"}},
		{"body stalls", func(t *testing.T) string { return httpServer(t, stall) }, []string{"-timeout=250ms"},
			[]string{"after 8 B: 127.0.0.1:", "sent no data for 250ms (idle timeout)"}},
		{"wrong content", func(t *testing.T) string {
			return httpServer(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "+1 3:1 \n-1 1:1 \n") })
		}, nil, []string{"/a9a (from $SGDLAB_LIBSVM_URL) failed: wrong content for a9a: got rows=2 positives=1 nonzeros=2 max-index=3, want rows=32561"}},
		{"not found", func(t *testing.T) string { return httpServer(t, http.NotFound) }, nil,
			[]string{"/a9a (from $SGDLAB_LIBSVM_URL) failed: the server answered 404 Not Found"}},
		{"mirror not a URL", func(*testing.T) string { return "mirror.example/binary" }, nil,
			[]string{`$SGDLAB_LIBSVM_URL is "mirror.example/binary", not an http:// or https:// URL`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cache := isolateFetch(t, c.mirror(t))
			code, stdout, stderr := runCmd(append([]string{"fetch"}, c.args...)...)
			if code != exitFail {
				t.Errorf("exit %d, want %d; stderr %q", code, exitFail, stderr)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			last := lines[len(lines)-1]
			for _, w := range append(c.want, "sgdlab: data: a9a not available", cache+" (cache)") {
				if !strings.Contains(last, w) {
					t.Errorf("error %q does not mention %q", last, w)
				}
			}
			for _, l := range lines[:len(lines)-1] {
				if !strings.HasPrefix(l, "data: downloading ") {
					t.Errorf("stderr line %q is neither progress nor the error", l)
				}
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
			if ents, _ := os.ReadDir(cache); len(ents) != 0 {
				t.Errorf("cache holds %v", ents)
			}
		})
	}
}

// TestFetchInterrupted: Ctrl-C (the context's cancellation) ends a fetch
// that waits on a silent server at once, with the default timeouts, exit
// 130 and one line, and leaves the cache empty.
func TestFetchInterrupted(t *testing.T) {
	arrived := make(chan struct{})
	var once sync.Once
	mirror := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(arrived) })
		<-r.Context().Done()
	})
	cache := isolateFetch(t, mirror)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	var out, errb strings.Builder
	code := run(ctx, []string{"fetch"}, &out, &errb)
	if lines := strings.Split(strings.TrimSpace(errb.String()), "\n"); code != exitInterrupted || lines[len(lines)-1] != "sgdlab: interrupted" {
		t.Errorf("exit %d, stderr %q: want exit %d, interrupted", code, errb.String(), exitInterrupted)
	}
	if ents, _ := os.ReadDir(cache); len(ents) != 0 {
		t.Errorf("cache holds %v", ents)
	}
}
