package data

import (
	"io"
	"net/http"
	"os"
	"time"
)

// EnvLibSVMURL names the environment variable of a mirror of the LIBSVM
// binary sets: the folder URL that replaces everything before the last '/'
// of each FileSpec.URL, e.g. https://mirror.example/libsvm/binary.
const EnvLibSVMURL = "SGDLAB_LIBSVM_URL"

// DefaultTimeout is how long a download waits to connect, for the response
// headers, and for each next byte of the body, unless Options says otherwise.
const DefaultTimeout = 30 * time.Second

// Options tells Load where to look for a data set and how to download it.
// The zero value searches $SGDLAB_DATA and the user cache, then downloads
// from $SGDLAB_LIBSVM_URL or the LIBSVM site into the cache, giving up after
// DefaultTimeout without progress, and reports progress on os.Stderr.
type Options struct {
	// Dir, if set, is searched first. It must be a folder.
	Dir string
	// CacheDir is searched last and receives downloads; empty means
	// os.UserCacheDir()/sgdlab.
	CacheDir string
	// Offline forbids downloading: a set found in no folder is an error.
	Offline bool
	// BaseURL, if set, replaces everything before the last '/' of each
	// FileSpec.URL (for mirrors and tests). Empty means $SGDLAB_LIBSVM_URL,
	// and if that is empty too, the URLs as the Spec gives them.
	BaseURL string
	// HTTPClient downloads; nil means http.DefaultClient. The timeouts
	// below apply to any client. Cancel a download through Load's context.
	HTTPClient *http.Client
	// ConnectTimeout bounds the wait for a connection (name lookup and TLS
	// included), HeaderTimeout the wait from there to the response headers,
	// and IdleTimeout each wait for more of the body. Zero or negative
	// means DefaultTimeout. A download that is slow but moving never times
	// out; a context deadline bounds the whole.
	ConnectTimeout, HeaderTimeout, IdleTimeout time.Duration
	// Progress receives the download progress, nil meaning os.Stderr:
	// on a terminal one line redrawn in place with the bytes so far and the
	// rate, elsewhere a line when a download starts and one when it ends.
	// io.Discard silences it.
	Progress io.Writer
}

// timeout returns d, or DefaultTimeout when d is not positive.
func timeout(d time.Duration) time.Duration {
	if d <= 0 {
		return DefaultTimeout
	}
	return d
}

// baseURL returns the mirror folder in effect, if any, and whether it comes
// from $SGDLAB_LIBSVM_URL.
func (opt Options) baseURL() (url string, fromEnv bool) {
	if opt.BaseURL != "" {
		return opt.BaseURL, false
	}
	u := os.Getenv(EnvLibSVMURL)
	return u, u != ""
}

// progressOut returns where download progress goes.
func (opt Options) progressOut() io.Writer {
	if opt.Progress == nil {
		return os.Stderr
	}
	return opt.Progress
}
