package logreg

import "github.com/sgdlab/sgdlab/logreg/internal/finitejson"

// Record is one epoch of a loop, with the numbers each seed program prints
// and the ones it should have printed.
type Record struct {
	// Epoch counts passes over the data from 1; NumPyLoop's pre-pass is 0.
	Epoch int `json:"epoch"`
	// Loss is what the program prints: TorchLoop the sum of the per-sample
	// BCE losses (computed before each update), NumPyLoop the mean of the
	// per-sample clipped losses plus the L2 term (computed after each update).
	Loss float64 `json:"loss"`
	// RunningAccuracy is TorchLoop's printed accuracy: the share of samples
	// predicted right before their own update. NumPyLoop leaves it 0.
	RunningAccuracy float64 `json:"running_accuracy"`
	// AsWrittenError is NumPyLoop's printed "Misclassified", the
	// broadcasting mean over N² pairs (see BroadcastErrorRate). TorchLoop
	// leaves it 0.
	AsWrittenError float64 `json:"as_written_error"`
	// TrainError and TestError are the correct error rates of the weights at
	// the end of the epoch; TestError is 0 when no test set was given. A
	// row is predicted positive as the loop's program predicts: SklearnLoop
	// when its logit is above 0 (SGDClassifier.predict), the others when σ
	// of it is at least 1/2 (ErrorRate).
	TrainError float64 `json:"train_error"`
	TestError  float64 `json:"test_error"`
	// Objective is F(w, b) of the same weights on the training set, the
	// objective per-sample SGD descends:
	//
	//	F(w, b) = (1/N)·Σᵢ log(1 + e^(−yᵢ(w·xᵢ + b))) + (α/2)·‖w‖²,   yᵢ = ±1,
	//
	// the bias out of the penalty, with α = History.Alpha. A full pass over
	// the training set, made beside the next epoch's training, when
	// Config.RecordObjective asks for it (SklearnLoop: always), else 0;
	// compare it with OptimalObjective's F* for the same α.
	Objective float64 `json:"objective"`
	// Seconds is the wall time of the epoch's training pass.
	Seconds float64 `json:"seconds"`
}

// History is the outcome of one run: its setting, its epochs and the final
// model. Its JSON form writes a number that is not finite as null.
type History struct {
	// Loop names the program: "torch", "numpy", "numpy-dense" or "sklearn".
	Loop   string `json:"loop"`
	Config Config `json:"config"`
	// Sklearn is SklearnLoop's setting, defaults filled in; nil for the
	// other loops (Config then holds the fields it shares with them).
	Sklearn *SklearnConfig `json:"sklearn,omitempty"`
	// Alpha is the penalty α of Record.Objective: SklearnLoop's Alpha,
	// NumPyLoop's λ (Config.L2 in effect), and 0 for TorchLoop, whose program
	// has no penalty.
	Alpha  float64  `json:"alpha"`
	Epochs []Record `json:"epochs"`
	// Model is the final model: where the loop stopped, if it stopped early.
	Model Model `json:"model"`
	// Stopped says why the run ended before its last epoch (the error the
	// loop returned with this History); it is empty for a complete run.
	Stopped string `json:"stopped,omitempty"`
}

// Record, Model, Config and SklearnConfig write a number that is not finite
// as null in JSON, and read null as NaN; a field the JSON leaves out keeps
// its value, as encoding/json keeps it.

func (r Record) MarshalJSON() ([]byte, error)  { return finitejson.Marshal(r) }
func (r *Record) UnmarshalJSON(b []byte) error { return finitejson.Unmarshal(b, r) }
func (m Model) MarshalJSON() ([]byte, error)   { return finitejson.Marshal(m) }
func (m *Model) UnmarshalJSON(b []byte) error  { return finitejson.Unmarshal(b, m) }
func (c Config) MarshalJSON() ([]byte, error)  { return finitejson.Marshal(c) }
func (c *Config) UnmarshalJSON(b []byte) error { return finitejson.Unmarshal(b, c) }

func (c SklearnConfig) MarshalJSON() ([]byte, error)  { return finitejson.Marshal(c) }
func (c *SklearnConfig) UnmarshalJSON(b []byte) error { return finitejson.Unmarshal(b, c) }
