package data

import "gonum.org/v1/gonum/mat"

// Dataset is a LIBSVM/svmlight data set stored as compressed sparse rows.
//
// Row i holds the features Index[RowPtr[i]:RowPtr[i+1]] (0-based, strictly
// increasing) with values Value[RowPtr[i]:RowPtr[i+1]]. Features not listed are 0.
type Dataset struct {
	// RowPtr has Rows()+1 offsets into Index and Value; RowPtr[0] is 0.
	RowPtr []int
	// Index holds 0-based feature indices (file index minus one).
	Index []int32
	// Value holds the feature values, parallel to Index.
	Value []float64
	// Label holds each row's label exactly as read from the file.
	Label []float64
	// Y holds each row's label mapped to {0,1} (−1 and 0 to 0, +1 to 1)
	// when the data was read as binary; it is nil otherwise.
	Y []float64
	// QID holds each row's qid:N when ReadOptions.KeepQID was set; nil otherwise.
	QID []int64
	// Width is the number of feature columns: the declared width, else the
	// largest index seen.
	Width int
}

// Rows returns the number of samples.
func (d *Dataset) Rows() int { return len(d.Label) }

// NNZ returns the number of stored nonzeros.
func (d *Dataset) NNZ() int { return len(d.Index) }

// Row returns row i's 0-based feature indices and values. The slices alias
// the Dataset's storage: they must not be modified.
func (d *Dataset) Row(i int) (index []int32, value []float64) {
	lo, hi := d.RowPtr[i], d.RowPtr[i+1]
	return d.Index[lo:hi:hi], d.Value[lo:hi:hi]
}

// Dense returns the data as a Rows()×Width gonum matrix. With bias set, a
// leading column of ones is added (Rows()×(Width+1)), as numpy's
// np.hstack([ones, x]) does in the seed. With no rows or no columns it returns
// an empty matrix, since gonum has none with a zero dimension.
func (d *Dataset) Dense(bias bool) *mat.Dense {
	off := 0
	if bias {
		off = 1
	}
	cols := d.Width + off
	if d.Rows() == 0 || cols == 0 {
		return &mat.Dense{} // gonum has no matrix with a zero dimension
	}
	raw := make([]float64, d.Rows()*cols)
	for i := range d.Rows() {
		row := raw[i*cols : (i+1)*cols]
		if bias {
			row[0] = 1
		}
		idx, val := d.Row(i)
		for k, j := range idx {
			row[off+int(j)] = val[k]
		}
	}
	return mat.NewDense(d.Rows(), cols, raw)
}
