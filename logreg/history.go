package logreg

import (
	"encoding/json"
	"math"
)

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
	// the end of the epoch; TestError is 0 when no test set was given.
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

// number is a float64 whose JSON form is null when it is not finite, and
// NaN when read from null: encoding/json has no form for NaN or ±Inf.
type number float64

func (x number) MarshalJSON() ([]byte, error) {
	if !finite(float64(x)) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(x))
}

func (x *number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*x = number(math.NaN())
		return nil
	}
	return json.Unmarshal(b, (*float64)(x))
}

// recordJSON is Record as JSON writes it.
type recordJSON struct {
	Epoch           int    `json:"epoch"`
	Loss            number `json:"loss"`
	RunningAccuracy number `json:"running_accuracy"`
	AsWrittenError  number `json:"as_written_error"`
	TrainError      number `json:"train_error"`
	TestError       number `json:"test_error"`
	Objective       number `json:"objective"`
	Seconds         number `json:"seconds"`
}

func (r Record) MarshalJSON() ([]byte, error) {
	return json.Marshal(recordJSON{r.Epoch, number(r.Loss), number(r.RunningAccuracy),
		number(r.AsWrittenError), number(r.TrainError), number(r.TestError), number(r.Objective), number(r.Seconds)})
}

func (r *Record) UnmarshalJSON(b []byte) error {
	var j recordJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = Record{j.Epoch, float64(j.Loss), float64(j.RunningAccuracy),
		float64(j.AsWrittenError), float64(j.TrainError), float64(j.TestError), float64(j.Objective), float64(j.Seconds)}
	return nil
}

// modelJSON is Model as JSON writes it.
type modelJSON struct {
	W []number `json:"w"`
	B number   `json:"b"`
}

func (m Model) MarshalJSON() ([]byte, error) {
	j := modelJSON{W: make([]number, len(m.W)), B: number(m.B)}
	for k, w := range m.W {
		j.W[k] = number(w)
	}
	return json.Marshal(j)
}

func (m *Model) UnmarshalJSON(b []byte) error {
	var j modelJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	m.W, m.B = make([]float64, len(j.W)), float64(j.B)
	for k, w := range j.W {
		m.W[k] = float64(w)
	}
	return nil
}

// configJSON is Config as JSON writes it.
type configJSON struct {
	Epochs          int    `json:"epochs"`
	LearningRate    number `json:"learning_rate"`
	L2              number `json:"l2"`
	Momentum        number `json:"momentum"`
	BiasOutOfL2     bool   `json:"bias_out_of_l2"`
	Shuffle         bool   `json:"shuffle"`
	InitStd         number `json:"init_std"`
	Seed            uint64 `json:"seed"`
	NoPrePass       bool   `json:"no_pre_pass"`
	Float32         bool   `json:"float32"`
	RecordObjective bool   `json:"record_objective"`
}

func (c Config) MarshalJSON() ([]byte, error) {
	return json.Marshal(configJSON{c.Epochs, number(c.LearningRate), number(c.L2), number(c.Momentum),
		c.BiasOutOfL2, c.Shuffle, number(c.InitStd), c.Seed, c.NoPrePass, c.Float32, c.RecordObjective})
}

func (c *Config) UnmarshalJSON(b []byte) error {
	var j configJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*c = Config{Epochs: j.Epochs, LearningRate: float64(j.LearningRate), L2: float64(j.L2),
		Momentum: float64(j.Momentum), BiasOutOfL2: j.BiasOutOfL2, Shuffle: j.Shuffle,
		InitStd: float64(j.InitStd), Seed: j.Seed, NoPrePass: j.NoPrePass, Float32: j.Float32,
		RecordObjective: j.RecordObjective}
	return nil
}
