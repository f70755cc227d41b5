package data

import (
	"compress/bzip2"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// downloadAll downloads files of s into dir, all or none: each goes to a
// temporary file in dir, parsed and fingerprinted as it arrives, and the
// temporary files are renamed to their names only when every one is valid.
// On failure it removes them and returns the URL that failed.
func downloadAll(ctx context.Context, s Spec, files []FileSpec, dir string, dirErr error, opt Options) (sets []*Dataset, url string, err error) {
	if opt.Offline {
		return nil, "", errors.New("Options.Offline is set")
	}
	if dirErr != nil {
		return nil, "", dirErr
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
	return sets, "", nil
}

// fileURL is f.URL, with its folder replaced by opt.BaseURL if set.
func fileURL(f FileSpec, opt Options) string {
	if opt.BaseURL == "" {
		return f.URL
	}
	return strings.TrimSuffix(opt.BaseURL, "/") + "/" + f.URL[strings.LastIndexByte(f.URL, '/')+1:]
}

// download fetches url into a new temporary file in dir while parsing it, and
// checks it against f. It returns the temporary file's path whenever it
// created one, even on error, so that the caller removes it.
func download(ctx context.Context, url string, f FileSpec, width int, dir string, opt Options) (tmp string, d *Dataset, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", nil, err
	}
	client := opt.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", nil, fmt.Errorf("the server answered %s", resp.Status)
	}
	out, err := os.CreateTemp(dir, "."+f.Name+"-*.part")
	if err != nil {
		return "", nil, fmt.Errorf("creating a temporary file: %w", err)
	}
	tmp = out.Name()

	bar := newProgress(progressOut(opt), url, resp.ContentLength)
	raw := &countingReader{r: resp.Body, p: bar}
	var body io.Reader = raw
	if strings.HasSuffix(url, ".bz2") {
		body = bzip2.NewReader(raw)
	}
	d, err = Read(io.TeeReader(body, out), ReadOptions{Width: width, Binary: true})
	if err == nil {
		// A decompressor may stop before the body ends: read the rest so
		// that a short body is still noticed below.
		_, err = io.Copy(io.Discard, raw)
	}
	if err == nil && resp.ContentLength >= 0 && bar.done != resp.ContentLength {
		err = fmt.Errorf("got %d of %d bytes: %w", bar.done, resp.ContentLength, io.ErrUnexpectedEOF)
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
	var perr *ParseError
	if errors.As(err, &perr) {
		err = fmt.Errorf("unexpected content: %w", err)
	}
	if err != nil {
		return tmp, nil, err
	}
	return tmp, d, nil
}
