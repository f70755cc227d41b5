package sgdfast

import "math"

// Sklearn's schedule does not depend on the data: η_t, the scale after
// each step and the average's coefficients follow from t alone. A step
// works them out first, by the formulas' own operations in their order,
// from the schedule's state; none of them waits for the step's logit, so
// the processor computes them while the chain z → e⁻ᶻ → weights runs,
// and the step's division and square root cost no time on the chain. The
// kernel computes them so too, but for a power other than ½ of
// InvScaling's, whose rates Go works out a block ahead (rates).

// scheduleState is the part of a Sklearn run's state its schedule moves: the
// scale, the next step's number and the average's coefficients.
type scheduleState struct {
	scale, t, avgA, avgB float64
}

// stepNumbers are one step's numbers: kk = η/scale with the scale after
// the step, ds = d·scale, and with averaging avgA before the step and
// μ = 1/m for the m-th step averaged.
type stepNumbers struct {
	kk, ds, avgA, mu float64
}

// rate returns η_t.
func (p *SGDParams) rate(t float64) float64 {
	switch {
	case p.Schedule == Optimal:
		return 1 / (p.Alpha * (p.T0 + t - 1))
	case p.Schedule == InvScaling && p.PowerT == 0.5:
		return p.Eta0 / math.Sqrt(t) // math.Pow's own case for ½
	case p.Schedule == InvScaling:
		return p.Eta0 / math.Pow(t, p.PowerT)
	}
	return p.Eta0
}

// FirstRateInfinite reports whether the first rate is +Inf, as 'optimal'
// makes it where α is so large (from about 10²¹) that t₀ + 1 − 1 rounds to
// 0, as in scikit-learn.
func (p *SGDParams) FirstRateInfinite() bool { return math.IsInf(p.rate(1), 1) }

// SubnormalRate reports whether a rate of the first steps steps may be
// subnormal, where the engine's step, which divides η by the scale first,
// rounds otherwise than the formulas by far more than their last bit. Each
// schedule's rate is monotone in t, so the ends tell; AdaGrad's lr is
// checked, not its rates per weight.
func (p *SGDParams) SubnormalRate(steps float64) bool {
	const smallestNormal = 0x1p-1022
	return !(min(p.rate(1), p.rate(max(steps, 1))) >= smallestNormal)
}

// ratesAhead reports whether the kernel reads its rates from a block Go
// works out (rates): a power it has no instruction for.
func (p *SGDParams) ratesAhead() bool {
	return p.Schedule == InvScaling && p.PowerT != 0.5
}

// rates writes η_t for the steps from t on into etas.
func (p *SGDParams) rates(t float64, etas []float64) {
	for k := range etas {
		etas[k] = p.rate(t)
		t++
	}
}

// advance moves sc past its step with rate eta, averaging it if
// averaging, and returns the step's numbers; it returns false, leaving sc
// as it is, for a step the engine does not take itself: η above etaSafe,
// or a scale to fold back.
func (s *plainSGD) advance(sc *scheduleState, eta float64, averaging bool) (stepNumbers, bool) {
	c := 1 - float64(eta*s.p.Alpha) // float64(): no FMA, as the formulas round
	if !(eta <= s.etaSafe) || !(c*sc.scale >= resetScale) {
		return stepNumbers{}, false
	}
	sc.scale *= c
	n := stepNumbers{kk: eta / sc.scale, ds: s.p.InterceptDecay * sc.scale}
	if averaging {
		m := sc.t - s.p.AverageFrom + 1
		n.avgA, n.mu = sc.avgA, 1/m
		if m > 1 {
			sc.avgB /= 1 - n.mu
		}
		sc.avgA += float64(n.mu * sc.avgB * sc.scale)
	}
	sc.t++
	return n, true
}

// steps trains on order[pos:] in the kernel if there is one, else in Go
// (applySteps), recording each step's logit in zs, until the end or a step it
// leaves to the formulas (η above etaSafe, a scale to fold back, a margin
// past ±marginCut or NaN), whose position it returns; ok is false if the
// kernel stopped at a row it does not take. A call ends where averaging
// begins, so that its steps all average or none does, and, where Go works
// out the rates, at the end of their block.
func (s *plainSGD) steps(order []int, pos int, zs []float64) (int, bool) {
	st := s.st
	for pos < len(order) {
		if !(s.p.rate(st.T) <= s.etaSafe) {
			return pos, true // 'optimal''s first steps, which pass hands to the formulas together
		}
		end := len(order)
		averaging := st.Avg != nil && st.T >= s.p.AverageFrom
		if left := s.p.AverageFrom - st.T; st.Avg != nil && !averaging && left < float64(end-pos) {
			end = pos + int(left)
		}
		var etas []float64
		if s.p.ratesAhead() {
			end = min(end, pos+rateBlock-pos%rateBlock)
			etas = s.etas[:end-pos]
			s.p.rates(st.T, etas)
		}
		sc := scheduleState{scale: st.Scale, t: st.T, avgA: st.AvgA, avgB: st.AvgB}
		var next int
		ok := true
		if s.kernel != nil {
			next, ok = s.kernel.sklearnSteps(s, &sc, order, pos, end, zs, etas, averaging)
		} else {
			next = pos + s.applySteps(&sc, order[pos:end], zs[pos:end], etas, averaging)
		}
		st.Scale, st.T = sc.scale, sc.t
		if averaging {
			st.AvgA, st.AvgB = sc.avgA, sc.avgB
		}
		if !ok || next < end { // end > pos: a call that takes no step stops here
			return next, ok
		}
		pos = next
	}
	return pos, true
}

// rateBlock is the length of a block of rates Go works out ahead, a chunk
// of the kernel's preparation of x·x', so that a block ends where a chunk
// does.
const rateBlock = prepChunk
