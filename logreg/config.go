package logreg

// Config sets up both loops. Its zero value is the seed's setting: 10 epochs,
// learning rate 0.001, zero initial weights, file order, and for MomentumSGD an
// L2 penalty of 1e-4 applied to every weight (bias included) in the gradient,
// momentum 0, and the extra pass before training that the seed prints as
// "Epoch 0".
//
// TorchLoop uses Epochs, LearningRate, Shuffle, InitStd, Seed and Float32; the
// PyTorch program has no penalty or momentum, so it ignores the rest.
// MomentumSGD computes in float64, as NumPy does, and ignores Float32.
// Validate reports values out of range; WithDefaults fills in the zero fields.
type Config struct {
	// Epochs is the number of passes over the training data; 0 means 10.
	Epochs int `json:"epochs"`
	// LearningRate is the step size; 0 means 0.001.
	LearningRate float64 `json:"learning_rate"`
	// L2 is the penalty λ of (λ/2)‖w‖²; 0 means the seed's 1e-4, and a
	// negative value turns the penalty off.
	L2 float64 `json:"l2"`
	// Momentum m in velocity = m·velocity − (1−m)·grad; must be in [0,1).
	Momentum float64 `json:"momentum"`
	// BiasOutOfL2 leaves the bias out of the penalty in the gradient too (the
	// seed's commented-out line); by default the gradient penalises it while the
	// loss does not (the seed's active line).
	BiasOutOfL2 bool `json:"bias_out_of_l2"`
	// Shuffle visits the samples in a new random order every epoch, drawn
	// from Seed; by default they are visited in file order.
	Shuffle bool `json:"shuffle"`
	// InitStd, when positive, starts the weights (not the bias) from a normal
	// distribution with this standard deviation, drawn from Seed; 0 starts
	// from zeros.
	InitStd float64 `json:"init_std"`
	// Seed is the only source of randomness (shuffling, initialisation).
	Seed uint64 `json:"seed"`
	// NoPrePass skips MomentumSGD's evaluation pass before training (the
	// seed's "Epoch 0").
	NoPrePass bool `json:"no_pre_pass"`
	// Float32 makes TorchLoop repeat PyTorch's float32 arithmetic step by
	// step; by default it computes in float64.
	Float32 bool `json:"float32"`
	// OnEpoch, when set, is called with every epoch's record as soon as it
	// is complete, for progress displays: in order, once per record, from
	// one goroutine at a time, never concurrently, and every call returns
	// before the loop does. The loops complete a record (its errors and, in
	// the fast paths, its loss) on a second goroutine while the next epoch
	// trains, or on the caller's when it would otherwise wait for it (with
	// GOMAXPROCS 1, always), and call OnEpoch on the goroutine that
	// completed it; a slow OnEpoch delays the loop only when the next
	// record is due. It must not keep the Record's pointer.
	OnEpoch func(Record) `json:"-"`
}
