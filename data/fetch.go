package data

import (
	"compress/bzip2"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// downloadAll downloads files of s into dir, all or none: each goes to a
// temporary file in dir, parsed and fingerprinted as it arrives, and the
// temporary files are renamed to their names only when every one is valid.
// A rename replaces a file atomically, so processes downloading at once
// each leave a valid copy and the last one stays. On failure it removes its
// temporary files and returns the URL that failed.
func downloadAll(ctx context.Context, s Spec, files []FileSpec, dir string, dirErr error, opt Options) (sets []*Dataset, url string, err error) {
	if opt.Offline {
		return nil, "", errors.New("downloads are off (offline)")
	}
	if dirErr != nil {
		return nil, "", dirErr
	}
	if err := checkBaseURL(opt); err != nil {
		return nil, "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, "", fmt.Errorf("creating the cache: %w", err)
	}
	var temps []string
	defer func() {
		for _, t := range temps {
			os.Remove(t) // after a rename it is already gone
		}
	}()
	for _, f := range files {
		removeStaleParts(dir, f.Name)
		url = fileURL(f, opt)
		tmp, d, err := download(ctx, url, f, s.Width, dir, opt)
		if tmp != "" {
			temps = append(temps, tmp)
		}
		if err != nil {
			return nil, url, err
		}
		sets = append(sets, d)
	}
	for i, f := range files {
		if err := os.Rename(temps[i], filepath.Join(dir, f.Name)); err != nil {
			return nil, fileURL(f, opt), fmt.Errorf("saving into the cache: %w", err)
		}
	}
	syncDir(dir)
	return sets, "", nil
}

// fileURL is f.URL, with its folder replaced by the base URL in effect.
func fileURL(f FileSpec, opt Options) string {
	base, _ := opt.baseURL()
	if base == "" {
		return f.URL
	}
	return strings.TrimSuffix(base, "/") + "/" + f.URL[strings.LastIndexByte(f.URL, '/')+1:]
}

// checkBaseURL refuses a base URL that no download could use.
func checkBaseURL(opt Options) error {
	base, fromEnv := opt.baseURL()
	if base == "" {
		return nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		from := "the base URL"
		if fromEnv {
			from = "$" + EnvLibSVMURL
		}
		return fmt.Errorf("%s is %q, not an http:// or https:// URL of a folder", from, base)
	}
	return nil
}

// A part file is stale, left by a process that was killed, when it has not
// grown for this long: a live download writes at least every IdleTimeout.
const staleAfter = time.Hour

// removeStaleParts removes name's stale part files from dir.
func removeStaleParts(dir, name string) {
	parts, _ := filepath.Glob(filepath.Join(dir, partPattern(name)))
	for _, p := range parts {
		if st, err := os.Stat(p); err == nil && time.Since(st.ModTime()) > staleAfter {
			os.Remove(p)
		}
	}
}

// partPattern is the pattern of name's temporary files, for os.CreateTemp
// and filepath.Glob.
func partPattern(name string) string { return "." + name + "-*.part" }

// syncDir makes the renames in dir durable where the system allows.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// download fetches url into a new temporary file in dir while parsing it, and
// checks it against f. It returns the temporary file's path whenever it
// created one, even on error, so that the caller removes it.
//
// A *TimeoutError ends it when the connection, the response headers or the
// next bytes of the body take longer than opt allows.
func download(ctx context.Context, url string, f FileSpec, width int, dir string, opt Options) (tmp string, d *Dataset, err error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return "", nil, err
	}
	host := req.URL.Host
	connect := &TimeoutError{Host: host, Wait: WaitConnect, Limit: timeout(opt.ConnectTimeout)}
	header := &TimeoutError{Host: host, Wait: WaitHeader, Limit: timeout(opt.HeaderTimeout)}
	idle := &TimeoutError{Host: host, Wait: WaitIdle, Limit: timeout(opt.IdleTimeout)}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	dog := &watchdog{cancel: cancel}
	defer dog.stop()
	req = req.WithContext(httptrace.WithClientTrace(ctx, dog.trace(connect, header)))

	client := opt.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}
	dog.arm(connect) // also for clients that never look for a connection
	resp, err := client.Do(req)
	if err != nil {
		if te, ok := timedOut(ctx); ok {
			return "", nil, te
		}
		return "", nil, err
	}
	defer resp.Body.Close()
	dog.arm(idle)
	if resp.StatusCode != http.StatusOK {
		return "", nil, fmt.Errorf("the server answered %s", resp.Status)
	}
	limit := maxBytes(f)
	if resp.ContentLength > limit {
		return "", nil, fmt.Errorf("%w for %s: the server announces %s, more than the %s its %s can take",
			ErrFingerprint, f.Name, size(resp.ContentLength), size(limit), f.Fingerprint)
	}
	out, err := os.CreateTemp(dir, partPattern(f.Name))
	if err != nil {
		return "", nil, fmt.Errorf("creating a temporary file: %w", err)
	}
	tmp = out.Name()
	out.Chmod(0o644) // CreateTemp's 0600 would keep the cache from other users

	bar := newProgress(opt.progressOut(), url, resp.ContentLength)
	raw := &bodyReader{r: resp.Body, bar: bar, dog: dog, idle: idle}
	var text io.Reader = raw
	if strings.HasSuffix(url, ".bz2") {
		text = bzip2.NewReader(raw)
	}
	text = &capReader{r: text, left: limit, err: fmt.Errorf("%w for %s: more than %s of text, more than its %s can take",
		ErrFingerprint, f.Name, size(limit), f.Fingerprint)}
	d, err = Read(io.TeeReader(text, out), ReadOptions{Width: width, Binary: true})
	if err == nil {
		// A decompressor may stop before the body ends: read the rest so
		// that a short body is still noticed below.
		_, err = io.Copy(io.Discard, raw)
	}
	if err == nil && resp.ContentLength >= 0 && bar.done != resp.ContentLength {
		err = fmt.Errorf("got %d of %d bytes: %w", bar.done, resp.ContentLength, io.ErrUnexpectedEOF)
	}
	var perr *ParseError
	if err != nil && !errors.As(err, &perr) && !errors.Is(err, ErrFingerprint) {
		// The transfer failed: say how far it got, and which wait timed out.
		if te, ok := timedOut(ctx); ok {
			err = te
		}
		err = fmt.Errorf("after %s: %w", bar.amount(), err)
	}
	if err == nil {
		err = check(d, f)
	}
	if err == nil {
		err = out.Sync() // the file is renamed into place next: make it whole first
	}
	if cerr := out.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("writing %s: %w", tmp, cerr)
	}
	bar.finish(err)
	if errors.As(err, &perr) {
		err = fmt.Errorf("unexpected content: %w", err)
	}
	if err != nil {
		return tmp, nil, err
	}
	return tmp, d, nil
}

// maxBytes bounds the text of a file with f's counts: 64 bytes for each
// label and index:value pair, a9a's text takes 7, and a MiB more. A server
// sending more is refused before it fills the memory.
func maxBytes(f FileSpec) int64 {
	return 1<<20 + 64*int64(f.Fingerprint.Rows+f.Fingerprint.NNZ)
}

// bodyReader reads a response body, counting its bytes on the progress
// line and restarting the idle wait on each; the end of the body ends the
// waits.
type bodyReader struct {
	r    io.Reader
	bar  *progress
	dog  *watchdog
	idle *TimeoutError
}

func (b *bodyReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if n > 0 {
		b.bar.add(n)
		b.dog.arm(b.idle)
	}
	if err != nil {
		b.dog.stop()
	}
	return n, err
}

// capReader reads at most left bytes from r, then returns err if r has more.
type capReader struct {
	r    io.Reader
	left int64
	err  error
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var probe [1]byte
		n, err := c.r.Read(probe[:])
		if n > 0 {
			return 0, c.err
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
