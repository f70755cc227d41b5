package sgdfast

// countRowsIn counts the predictions of the weights w and bias b on the
// rows [lo, hi) of d, and stores each row's logit in z[i − lo] unless z is
// nil (the objective's margins come from them); rows says what is known of
// d's rows: with ones, the weights are added without reading the values
// (the products by 1 are exact, so the sums are the same), and checked rows
// are counted without checking each index again.
//
// Each row's logit is summed left to right in one sum, as logreg's
// ErrorRate sums it: a sum in another order could differ in its last bit,
// and so change the prediction of a row whose logit is within rounding of
// the threshold. A row is positive when z ≥ from (Kind.positiveFrom), which
// spares an exponential per row, and is counted without a branch on the
// outcome, which no predictor can guess.
func countRowsIn(w []float64, b float64, d *Data, lo, hi int, rows rowFacts, from float64, z []float64) Counts {
	rowPtr, y := d.RowPtr[lo:hi+1], d.Y[lo:hi]
	if z != nil {
		z = z[:len(y)]
	}
	var c Counts
	if rows.ones {
		c = countOnes(w[:d.Width], b, rowPtr, d.Index, y, rows.checked, from, z)
	} else {
		c = countValues(w[:d.Width], b, rowPtr, d.Index, d.Value, y, from, z)
	}
	c.Rows = hi - lo
	return c
}

// countOnesGo counts the predictions on rows given by rowPtr and index,
// with labels label and every value 1, a row positive when its logit is at
// least from, storing each logit in z unless it is nil. On amd64 countOnes
// does the same in assembly.
func countOnesGo(w []float64, b float64, rowPtr []int, index []int32, label []float64, from float64, z []float64) Counts {
	var c Counts
	for i, y := range label {
		zi := sumOnes(w, index[rowPtr[i]:rowPtr[i+1]]) + b
		if z != nil {
			z[i] = zi
		}
		c = c.with(zi >= from, y)
	}
	return c
}

// countValues is countOnesGo for rows with values value. It takes four
// nonzeros per iteration, for fewer instructions per nonzero.
func countValues(w []float64, b float64, rowPtr []int, index []int32, value, label []float64, from float64, zOut []float64) Counts {
	var c Counts
	for i, y := range label {
		lo, hi := rowPtr[i], rowPtr[i+1]
		idx, val := index[lo:hi], value[lo:hi]
		z := 0.0
		for ; len(idx) >= 4 && len(val) >= 4; idx, val = idx[4:], val[4:] {
			z += float64(w[idx[0]] * val[0])
			z += float64(w[idx[1]] * val[1])
			z += float64(w[idx[2]] * val[2])
			z += float64(w[idx[3]] * val[3])
		}
		val = val[:len(idx)]
		for k, j := range idx {
			z += float64(w[j] * val[k])
		}
		if zOut != nil {
			zOut[i] = z + b
		}
		c = c.with(z+b >= from, y)
	}
	return c
}

// sumOnes returns the sum of w[j] over idx, left to right.
func sumOnes(w []float64, idx []int32) float64 {
	z := 0.0
	for ; len(idx) >= 4; idx = idx[4:] {
		z += w[idx[0]]
		z += w[idx[1]]
		z += w[idx[2]]
		z += w[idx[3]]
	}
	for _, j := range idx {
		z += w[j]
	}
	return z
}

// with returns c with one more row, predicted positive or not, labelled y
// in {0,1}.
func (c Counts) with(positive bool, y float64) Counts {
	truth := y == 1
	c.Pos += b2i(truth)
	c.PredPos += b2i(positive)
	c.Wrong += b2i(positive != truth)
	return c
}
