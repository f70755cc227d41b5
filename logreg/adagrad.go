package logreg

import (
	"math"

	"github.com/sgdlab/sgdlab/data"
)

// adaGrad is AdaGrad in its composite form: torch.optim.Adagrad's step on
// each sample's log loss, then the penalty's proximal step.
type adaGrad struct {
	train     *data.Dataset
	lr, alpha float64
	w         []float64
	b         float64
	sum       []float64 // Σ of the squared gradients of each weight
	sumB      float64   // and of the bias
}

// adaGradEps is torch.optim.Adagrad's default eps, which keeps the first
// division finite.
const adaGradEps = 1e-10

func newAdaGrad(train *data.Dataset, cfg SklearnConfig) *adaGrad {
	return &adaGrad{train: train, lr: cfg.Eta0, alpha: cfg.Alpha, w: make([]float64, train.Width),
		sum: make([]float64, train.Width)}
}

// pass trains on the rows in order and keeps in t the sum of their log
// losses, each before its step.
func (s *adaGrad) pass(order []int, _ bool, t *tally) *DivergedError {
	return logLossPass(order, s.train.Y, t, s.step)
}

// step trains on row i and returns its logit before the step, and whether
// it and the bias after the step are finite. The log
// loss's gradient is g = (σ(z) − y₀₁)·x for the weights and σ(z) − y₀₁
// for the bias, so AdaGrad's step,
//
//	sum_θ ← sum_θ + gθ²
//	θ ← θ − lr·gθ/(√sum_θ + eps)
//
// moves only the sample's features and the bias. Then every weight (not
// the bias) takes the penalty's proximal step with its own H = √sum + eps:
//
//	w ← w·H/(H + lr·α)
func (s *adaGrad) step(i int) (float64, bool) {
	idx, val := s.train.Row(i)
	z := dot(s.w, s.b, idx, val)
	r := Sigmoid(z) - s.train.Y[i]
	for k, j := range idx {
		s.w[j] = adaGradStep(s.w[j], float64(r*val[k]), &s.sum[j], s.lr)
	}
	s.b = adaGradStep(s.b, r, &s.sumB, s.lr)
	lra := s.lr * s.alpha
	for j, sum := range s.sum {
		h := math.Sqrt(sum) + adaGradEps
		s.w[j] *= h / (h + lra)
	}
	return z, finite(z) && finite(s.b)
}

// adaGradStep returns θ after one AdaGrad step with gradient g, adding g² to
// its sum, rounded as torch's addcmul_ and addcdiv_ round.
func adaGradStep(theta, g float64, sum *float64, lr float64) float64 {
	*sum += float64(g * g)
	return theta - float64(lr*g)/(math.Sqrt(*sum)+adaGradEps)
}

func (s *adaGrad) snap(m *Model) { copy(m.W, s.w); m.B = s.b }

func (s *adaGrad) count(m Model, d *data.Dataset) counts { return predictions(m, d, logitAboveZero) }
