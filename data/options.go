package data

import (
	"io"
	"net/http"
)

// Options tells Load where to look for a data set and how to download it.
// The zero value searches $SGDLAB_DATA and the user cache, then downloads
// from the LIBSVM site into the cache, reporting progress on os.Stderr.
type Options struct {
	// Dir, if set, is searched first.
	Dir string
	// CacheDir is searched last and receives downloads; empty means
	// os.UserCacheDir()/sgdlab.
	CacheDir string
	// Offline forbids downloading: a set found in no folder is an error.
	Offline bool
	// BaseURL, if set, replaces everything before the last '/' of each
	// FileSpec.URL (for mirrors and tests).
	BaseURL string
	// HTTPClient downloads; nil means http.DefaultClient. Cancel or time
	// out a download through Load's context.
	HTTPClient *http.Client
	// Progress receives the download progress line; nil means os.Stderr,
	// io.Discard silences it.
	Progress io.Writer
}
