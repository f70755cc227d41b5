//go:build amd64 && !purego

package sgdfast

import (
	"reflect"
	"testing"
)

// TestClippedQLayout: clippedq_amd64.s's offsets are clippedQConsts'
// fields'.
func TestClippedQLayout(t *testing.T) {
	checkLayout(t, "clippedq_amd64.s", reflect.TypeFor[clippedQConsts]())
}

// TestSigmoidsLayout: sigmoids_amd64.s's offsets into clippedQK are
// clippedQConsts' fields'.
func TestSigmoidsLayout(t *testing.T) {
	checkLayout(t, "sigmoids_amd64.s", reflect.TypeFor[clippedQConsts]())
}
