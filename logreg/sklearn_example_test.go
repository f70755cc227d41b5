package logreg_test

import (
	"fmt"
	"log"

	"github.com/sgdlab/sgdlab/logreg"
)

func ExampleSklearnLoop() {
	d := readTiny()
	// SGDClassifier(loss='log_loss', alpha=0.01, learning_rate='constant',
	// eta0=0.5, average=True, max_iter=3, shuffle=False, tol=None), whose
	// verbose output prints the same Avg. loss.
	cfg := logreg.SklearnConfig{LearningRate: logreg.ConstantRate, Eta0: 0.5, Alpha: 0.01, Average: 1, Epochs: 3}
	h, err := logreg.SklearnLoop(d, nil, cfg)
	if err != nil {
		log.Fatal(err)
	}
	// The objective SGD descends, and its minimum.
	fstar, _, err := logreg.OptimalObjective(d, h.Alpha)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range h.Epochs {
		fmt.Printf("epoch %d: avg. loss %.4f, error %.4f, F − F* %.4f\n", r.Epoch, r.Loss, r.TrainError, r.Objective-fstar)
	}
	// Output:
	// epoch 1: avg. loss 0.7508, error 0.1250, F − F* 0.2540
	// epoch 2: avg. loss 0.6825, error 0.1250, F − F* 0.2295
	// epoch 3: avg. loss 0.6388, error 0.1250, F − F* 0.2110
}
