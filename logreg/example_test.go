package logreg_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/sgdlab/sgdlab/data"
	"github.com/sgdlab/sgdlab/logreg"
)

// tiny is a LIBSVM data set small enough to read: feature 1 marks the
// positive rows, except the last one, which is noise; 3 of 8 are positive.
const tiny = `+1 1:1 3:1
-1 2:1
+1 1:1 2:1
-1 3:1
-1 2:1 3:1
-1 2:1
-1 3:1
+1 2:1 3:1
`

func readTiny() *data.Dataset {
	d, err := data.Read(strings.NewReader(tiny), data.ReadOptions{Binary: true, Width: 3})
	if err != nil {
		log.Fatal(err)
	}
	return d
}

func ExampleSigmoid() {
	fmt.Printf("%.4f %.4f %.4f\n", logreg.Sigmoid(0), logreg.Sigmoid(2), logreg.Sigmoid(-800))
	// LogSigmoid stays finite where log(Sigmoid(z)) is −Inf.
	fmt.Printf("%.4f %.4f\n", logreg.LogSigmoid(-800), logreg.LogSigmoid(2))
	// Output:
	// 0.5000 0.8808 0.0000
	// -800.0000 -0.1269
}

func ExampleBCE() {
	// PyTorch clamps each log at −100; NumPy's program clips p to [1e-9, 1−1e-9].
	fmt.Printf("%.4f %.4f\n", logreg.BCE(0.25, 1), logreg.ClippedBCE(0.25, 1))
	fmt.Printf("%.4f %.4f\n", logreg.BCE(0, 1), logreg.ClippedBCE(0, 1))
	// Output:
	// 1.3863 1.3863
	// 100.0000 20.7233
}

func ExampleLogitGrad() {
	// ∂L/∂z = p − y, as PyTorch's autograd computes it ...
	fmt.Printf("%.4f\n", logreg.LogitGrad(logreg.Sigmoid(1), 0))
	// ... except where its guard bites: p within 1e-12 of 1, where a wrongly
	// labelled sample pulls less.
	fmt.Printf("%.4f\n", logreg.LogitGrad(logreg.Sigmoid(30), 0))
	// Output:
	// 0.7311
	// 0.0935
}

func ExampleBroadcastErrorRate() {
	d := readTiny()
	perfect := logreg.Model{W: []float64{4, 0, 0}, B: -2} // feature 1 only
	zero := logreg.Model{W: make([]float64, 3)}           // predicts all positive
	for _, m := range []logreg.Model{perfect, zero} {
		fmt.Printf("error %.4f, as written %.4f\n", logreg.ErrorRate(m, d), logreg.BroadcastErrorRate(m, d))
	}
	// Output:
	// error 0.1250, as written 0.4375
	// error 0.6250, as written 0.6250
}

func ExampleTorchLoop() {
	d := readTiny()
	h, err := logreg.TorchLoop(d, d, logreg.Config{Epochs: 3, LearningRate: 0.5})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range h.Epochs {
		fmt.Printf("Epoch [%d/%d], Loss: %.4f, Accuracy: %.4f\n", r.Epoch, len(h.Epochs), r.Loss, r.RunningAccuracy)
	}
	fmt.Printf("Final Train Accuracy: %.4f\n", 1-h.Epochs[len(h.Epochs)-1].TrainError)
	// Output:
	// Epoch [1/3], Loss: 6.3708, Accuracy: 0.5000
	// Epoch [2/3], Loss: 5.6481, Accuracy: 0.7500
	// Epoch [3/3], Loss: 5.1275, Accuracy: 0.8750
	// Final Train Accuracy: 0.8750
}

func ExampleNumPyLoop() {
	d := readTiny()
	h, err := logreg.NumPyLoop(d, nil, logreg.Config{Epochs: 3, LearningRate: 0.5})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range h.Epochs {
		fmt.Printf("Epoch %d: Loss = %.4f, Misclassified = %.4f (really %.4f)\n",
			r.Epoch, r.Loss, r.AsWrittenError, r.TrainError)
	}
	// Output:
	// Epoch 0: Loss = 0.6931, Misclassified = 0.6250 (really 0.6250)
	// Epoch 1: Loss = 0.4738, Misclassified = 0.4375 (really 0.1250)
	// Epoch 2: Loss = 0.4286, Misclassified = 0.4375 (really 0.1250)
	// Epoch 3: Loss = 0.3965, Misclassified = 0.4375 (really 0.1250)
}

func ExampleOptimum() {
	d := readTiny()
	m, err := logreg.Optimum(d, logreg.Config{L2: 0.01})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("objective %.4f, error %.4f\n", logreg.Objective(m, d, logreg.Config{L2: 0.01}), logreg.ErrorRate(m, d))
	// Output:
	// objective 0.4143, error 0.1250
}
