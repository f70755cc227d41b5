package data_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/sgdlab/sgdlab/data"
)

func ExampleRead() {
	const text = `# label index:value ..., indices from 1
+1 1:0.5 3:1
-1 2:2
`
	d, err := data.Read(strings.NewReader(text), data.ReadOptions{Binary: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d rows, %d columns, %d nonzeros\n", d.Rows(), d.Width, d.NNZ())
	for i := range d.Rows() {
		index, value := d.Row(i)
		fmt.Printf("label %+.0f → y %.0f, columns %v, values %v\n", d.Label[i], d.Y[i], index, value)
	}
	fmt.Printf("dense with bias:\n%v\n", d.Dense(true).RawMatrix().Data)
	// Output:
	// 2 rows, 3 columns, 3 nonzeros
	// label +1 → y 1, columns [0 2], values [0.5 1]
	// label -1 → y 0, columns [1], values [2]
	// dense with bias:
	// [1 0.5 0 1 1 0 2 0]
}

func ExampleParseError() {
	_, err := data.Read(strings.NewReader("+1 1:1\n-1 3:1 2:1\n"), data.ReadOptions{})
	var pe *data.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Line, pe.Column, errors.Is(err, data.ErrUnsorted))
	}
	fmt.Println(err)
	// Output:
	// 2 8 true
	// line 2, column 8: indices not strictly increasing: index 2 after 3
}
