package data

import (
	"context"
	"errors"
	"fmt"
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
// os.UserCacheDir()/sgdlab). An opt.Dir that is not a folder, or a
// $SGDLAB_DATA that is a file, is an error. A file found with the wrong
// content is an error wrapping ErrFingerprint that names the file, what it
// holds and what it should hold, not skipped. Files found nowhere are
// downloaded together into the cache, each to a temporary file that is
// renamed only once all of them have validated, so a failed, partial or
// wrong download leaves no file behind; the error then wraps ErrUnavailable
// and the cause, and says where Load looked.
func Load(ctx context.Context, s Spec, opt Options) (train, test *Dataset, err error) {
	sp, err := newSearch(s, opt)
	if err != nil {
		return nil, nil, err
	}
	files := []FileSpec{s.Train, s.Test}
	sets := make([]*Dataset, len(files))
	var missing []int
	for i, f := range files {
		path := sp.find(f.Name)
		if path == "" {
			missing = append(missing, i)
			continue
		}
		if sets[i], err = sp.readChecked(path, f, s.Width, opt); err != nil {
			return nil, nil, err
		}
	}
	if len(missing) > 0 {
		want := make([]FileSpec, len(missing))
		for k, i := range missing {
			want[k] = files[i]
		}
		got, url, err := downloadAll(ctx, s, want, sp.cache, sp.cacheErr, opt)
		if err != nil {
			return nil, nil, sp.unavailable(s, want, url, opt, err)
		}
		for k, i := range missing {
			sets[i] = got[k]
		}
	}
	return sets[0], sets[1], nil
}

// search is where Load looks: the folders in order, without repeats, and
// the cache folder (empty with cacheErr set when there is none).
type search struct {
	folders  []folder
	cache    string
	cacheErr error
}

// CacheDir returns the user cache's folder for sgdlab,
// os.UserCacheDir()/sgdlab, where Load finds and downloads data sets by
// default and the tools keep the synthetic ones; an error if the system has
// no cache folder.
func CacheDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache folder: %w", err)
	}
	return filepath.Join(base, "sgdlab"), nil
}

// newSearch lists the folders to search. A folder asked for explicitly
// must be one.
func newSearch(s Spec, opt Options) (*search, error) {
	sp := &search{cache: opt.CacheDir}
	if sp.cache == "" {
		sp.cache, sp.cacheErr = CacheDir()
	}
	if opt.Dir != "" {
		if st, err := os.Stat(opt.Dir); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("data: folder %s does not exist", opt.Dir)
		} else if err != nil {
			return nil, fmt.Errorf("data: %w", err)
		} else if !st.IsDir() {
			return nil, fmt.Errorf("data: %s is a file, not a folder holding %s and %s", opt.Dir, s.Train.Name, s.Test.Name)
		}
	}
	env := folder{os.Getenv(EnvDir), "$" + EnvDir}
	if env.path != "" {
		if st, err := os.Stat(env.path); err == nil && !st.IsDir() {
			return nil, fmt.Errorf("data: $%s is %s, a file, not a folder; set it to the folder holding %s and %s",
				EnvDir, env.path, s.Train.Name, s.Test.Name)
		} else if err != nil {
			env.why += ", which does not exist"
		}
	}
	for _, f := range []folder{{opt.Dir, "the folder given"}, env, {sp.cache, "cache"}} {
		if f.path == "" {
			continue
		}
		dup := false
		for _, g := range sp.folders {
			dup = dup || filepath.Clean(g.path) == filepath.Clean(f.path)
		}
		if !dup {
			sp.folders = append(sp.folders, f)
		}
	}
	return sp, nil
}

// find returns the path of name in the first folder holding it as a regular
// file, or "".
func (sp *search) find(name string) string {
	for _, f := range sp.folders {
		p := filepath.Join(f.path, name)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// readChecked reads a local file of a set and checks its fingerprint. A
// file that does not parse or holds other content is refused with how to
// get a fresh copy.
func (sp *search) readChecked(path string, f FileSpec, width int, opt Options) (*Dataset, error) {
	d, err := ReadFile(path, ReadOptions{Width: width, Binary: true})
	var perr *ParseError
	if errors.As(err, &perr) {
		return nil, fmt.Errorf("%w; %s", err, sp.freshCopy(path, f, opt))
	}
	if err != nil {
		return nil, err
	}
	if err := check(d, f); err != nil {
		return nil, fmt.Errorf("data: %s: %w; %s", path, err, sp.freshCopy(path, f, opt))
	}
	return d, nil
}

// freshCopy tells how to replace a bad copy of f at path.
func (sp *search) freshCopy(path string, f FileSpec, opt Options) string {
	where := "into the cache"
	if sp.cache != "" {
		where = "into " + sp.cache
	}
	return fmt.Sprintf("to fetch a fresh copy, remove %s and run 'sgdlab fetch', which downloads %s %s", path, fileURL(f, opt), where)
}

// check compares d's fingerprint and content digest with f's.
func check(d *Dataset, f FileSpec) error {
	got := d.Fingerprint()
	if got != f.Fingerprint {
		return fmt.Errorf("%w for %s: got %v, want %v", ErrFingerprint, f.Name, got, f.Fingerprint)
	}
	if f.SHA256 == "" {
		return nil
	}
	if sum := d.ContentSHA256(); sum != f.SHA256 {
		return fmt.Errorf("%w for %s: same counts (%v) but content SHA-256 %s, want %s", ErrFingerprint, f.Name, got, sum, f.SHA256)
	}
	return nil
}

// unavailable builds the error for a set found nowhere and not downloaded.
func (sp *search) unavailable(s Spec, missing []FileSpec, url string, opt Options, cause error) error {
	where := make([]string, len(sp.folders))
	for i, f := range sp.folders {
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
	if _, fromEnv := opt.baseURL(); url != "" && fromEnv {
		how = "downloading " + url + " (from $" + EnvLibSVMURL + ") failed"
	} else if url == "" {
		how = "it was not downloaded"
	}
	return fmt.Errorf("data: %s %w: %s in none of %s, and %s: %w; set %s to a folder holding %s and %s",
		s.Name, ErrUnavailable, what, searched, how, cause, EnvDir, s.Train.Name, s.Test.Name)
}
