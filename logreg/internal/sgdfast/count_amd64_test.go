//go:build amd64 && !purego

package sgdfast

import (
	"reflect"
	"testing"

	"github.com/sgdlab/sgdlab/data"
)

// TestCountArgsLayout: count_amd64.s's offsets are countArgs' fields'.
func TestCountArgsLayout(t *testing.T) {
	checkLayout(t, "count_amd64.s", reflect.TypeFor[countArgs]())
}

// TestCountOnesBadRows: rows the assembly does not take go to the Go loop,
// which fails as Go fails.
func TestCountOnesBadRows(t *testing.T) {
	for name, d := range map[string]*data.Dataset{
		"index out of range": {RowPtr: []int{0, 1, 2}, Index: []int32{0, 5}, Y: []float64{0, 1}, Width: 3},
		"bounds decreasing":  {RowPtr: []int{0, 2, 1}, Index: []int32{0, 1}, Y: []float64{0, 1}, Width: 3},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			countOnes(make([]float64, 3), 0, d.RowPtr, d.Index, d.Y, false, sigmoidHalf, nil)
		}()
	}
}
