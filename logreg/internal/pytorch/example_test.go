package pytorch_test

import (
	"fmt"

	"github.com/sgdlab/sgdlab/logreg/internal/pytorch"
)

func ExampleLogitGrad32() {
	// p rounds to 1 in float32 for z > 16.6, where PyTorch's guard bites:
	// a wrongly labelled sample stops pulling.
	fmt.Printf("%.4f\n", pytorch.LogitGrad32(pytorch.Sigmoid32(20), 0))
	// Output:
	// 0.0000
}
