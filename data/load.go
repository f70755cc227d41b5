package data

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// EnvDir names the environment variable of a folder holding data files.
const EnvDir = "SGDLAB_DATA"

var (
	// ErrFingerprint: a file's content is not the one its FileSpec expects.
	ErrFingerprint = errors.New("wrong content")
	// ErrUnavailable: a set is in no folder searched and could not be
	// downloaded.
	ErrUnavailable = errors.New("not available")
)

// folder is one place Load searches, with why it is searched.
type folder struct{ path, why string }

// Load returns the train and test sets of s, each read with Width s.Width and
// Binary set, after checking each file's fingerprint.
//
// Each file is taken from the first of these folders that holds it:
// opt.Dir, $SGDLAB_DATA, then the cache (opt.CacheDir, by default
// os.UserCacheDir()/sgdlab). A file found with the wrong content is an
// error wrapping ErrFingerprint, not skipped. Files found nowhere are
// downloaded together into the cache, each to a temporary file that is
// renamed only once all of them have validated, so a failed, partial or
// wrong download leaves no file behind; the error then wraps
// ErrUnavailable and the cause, and says where Load looked.
func Load(ctx context.Context, s Spec, opt Options) (train, test *Dataset, err error) {
	folders, cache, cacheErr := searchPath(opt)
	files := []FileSpec{s.Train, s.Test}
	sets := make([]*Dataset, len(files))
	var missing []int
	for i, f := range files {
		path := find(folders, f.Name)
		if path == "" {
			missing = append(missing, i)
			continue
		}
		if sets[i], err = readChecked(path, f, s.Width); err != nil {
			return nil, nil, err
		}
	}
	if len(missing) > 0 {
		want := make([]FileSpec, len(missing))
		for k, i := range missing {
			want[k] = files[i]
		}
		got, url, err := downloadAll(ctx, s, want, cache, cacheErr, opt)
		if err != nil {
			return nil, nil, unavailable(s, want, folders, url, err)
		}
		for k, i := range missing {
			sets[i] = got[k]
		}
	}
	return sets[0], sets[1], nil
}

// searchPath lists the folders to search, in order and without repeats, and
// the cache folder (empty with cacheErr set when there is none).
func searchPath(opt Options) (folders []folder, cache string, cacheErr error) {
	cache = opt.CacheDir
	if cache == "" {
		if base, err := os.UserCacheDir(); err != nil {
			cacheErr = fmt.Errorf("no cache folder: %w", err)
		} else {
			cache = filepath.Join(base, "sgdlab")
		}
	}
	for _, f := range []folder{{opt.Dir, "Options.Dir"}, {os.Getenv(EnvDir), "$" + EnvDir}, {cache, "cache"}} {
		if f.path == "" {
			continue
		}
		dup := false
		for _, g := range folders {
			dup = dup || filepath.Clean(g.path) == filepath.Clean(f.path)
		}
		if !dup {
			folders = append(folders, f)
		}
	}
	return folders, cache, cacheErr
}

// find returns the path of name in the first folder holding it as a regular
// file, or "".
func find(folders []folder, name string) string {
	for _, f := range folders {
		p := filepath.Join(f.path, name)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// readChecked reads a local file of a set and checks its fingerprint.
func readChecked(path string, f FileSpec, width int) (*Dataset, error) {
	d, err := ReadFile(path, ReadOptions{Width: width, Binary: true})
	if err != nil {
		return nil, err
	}
	if err := check(d, f); err != nil {
		return nil, fmt.Errorf("data: %s: %w; replace or remove the file", path, err)
	}
	return d, nil
}

// check compares d's fingerprint with f's.
func check(d *Dataset, f FileSpec) error {
	if got := d.Fingerprint(); got != f.Fingerprint {
		return fmt.Errorf("%w for %s: got %v, want %v", ErrFingerprint, f.Name, got, f.Fingerprint)
	}
	return nil
}

// unavailable builds the error for a set found nowhere and not downloaded.
func unavailable(s Spec, missing []FileSpec, folders []folder, url string, cause error) error {
	where := make([]string, len(folders))
	for i, f := range folders {
		where[i] = fmt.Sprintf("%s (%s)", f.path, f.why)
	}
	names := make([]string, len(missing))
	for i, f := range missing {
		names[i] = f.Name
	}
	what := "file " + names[0] + " is"
	if len(names) > 1 {
		what = "files " + strings.Join(names, " and ") + " are"
	}
	searched := strings.Join(where, ", ")
	if searched == "" {
		searched = "no folder"
	}
	how := "downloading " + url + " failed"
	if url == "" {
		how = "it was not downloaded"
	}
	return fmt.Errorf("data: %s %w: %s in none of %s, and %s: %w; set %s to a folder holding %s and %s",
		s.Name, ErrUnavailable, what, searched, how, cause, EnvDir, s.Train.Name, s.Test.Name)
}

// progressOut returns where download progress goes.
func progressOut(opt Options) io.Writer {
	if opt.Progress == nil {
		return os.Stderr
	}
	return opt.Progress
}
