package logreg

// Record is one epoch of a loop, with the numbers each seed program prints
// and the ones it should have printed.
type Record struct {
	// Epoch counts passes over the data from 1; MomentumSGD's pre-pass is 0.
	Epoch int `json:"epoch"`
	// Loss is what the program prints: TorchLoop the sum of the per-sample
	// BCE losses (computed before each update), MomentumSGD the mean of the
	// per-sample clipped losses plus the L2 term (computed after each update).
	Loss float64 `json:"loss"`
	// RunningAccuracy is TorchLoop's printed accuracy: the share of samples
	// predicted right before their own update. MomentumSGD leaves it 0.
	RunningAccuracy float64 `json:"running_accuracy"`
	// AsWrittenError is MomentumSGD's printed "Misclassified", the
	// broadcasting mean over N² pairs (see BroadcastErrorRate). TorchLoop
	// leaves it 0.
	AsWrittenError float64 `json:"as_written_error"`
	// TrainError and TestError are the correct error rates of the weights at
	// the end of the epoch; TestError is NaN-free and 0 when no test set was given.
	TrainError float64 `json:"train_error"`
	TestError  float64 `json:"test_error"`
	// Seconds is the wall time of the epoch's training pass.
	Seconds float64 `json:"seconds"`
}

// History is the outcome of one run: its setting, its epochs and the final model.
type History struct {
	// Loop names the program: "torch" or "momentum".
	Loop   string   `json:"loop"`
	Config Config   `json:"config"`
	Epochs []Record `json:"epochs"`
	// Model is the final model.
	Model Model `json:"model"`
}

// Model is a logistic regression model: p(y=1|x) = σ(w·x + b).
type Model struct {
	W []float64 `json:"w"`
	B float64   `json:"b"`
}

// add appends rec to h's epochs, unless err is not nil, which it returns.
func (h *History) add(rec Record, err error) error {
	if err == nil {
		h.Epochs = append(h.Epochs, rec)
	}
	return err
}
