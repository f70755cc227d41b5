package sgdfast

import "math"

// Sklearn's schedule does not depend on the data: η_t, the scale after
// each step and the average's coefficients follow from t alone. So they
// are worked out ahead, a block of steps at a time, by the formulas' own
// operations in their order, into a plan, and the steps, the kernel's or
// the Go ones (applyPlan), apply it to the data: the kernel needs no
// schedule of its own, and the rate's division or power is off the chain
// from one step to the next.

// planStep is one step's numbers. Its layout is the kernel's (64 bytes,
// TestPlanStepLayout).
type planStep struct {
	scale  float64 // 0: the scale after the step
	kk, ds float64 // 8, 16: η/scale and d·scale
	// Averaged steps: avgA before the step, which the average's update
	// takes; μ = 1/m; avgA and avgB after the step.
	avgA, mu             float64 // 24, 32
	avgAAfter, avgBAfter float64 // 40, 48
	_                    float64
}

// planLen is the number of steps planned at a time: a plan ends where a
// chunk of the kernel's preparation of x·x' does (kernel.run).
const planLen = prepChunk

// rates writes η_t for the steps from t on into steps' kk, a loop for each
// schedule, with no call in it but InvScaling's math.Pow.
func (p *SGDParams) rates(t float64, steps []planStep) {
	switch {
	case p.Schedule == Optimal:
		for k := range steps {
			steps[k].kk = 1 / (p.Alpha * (p.T0 + t - 1))
			t++
		}
	case p.Schedule == InvScaling && p.PowerT == 0.5:
		for k := range steps {
			steps[k].kk = p.Eta0 / math.Sqrt(t) // math.Pow's own case for ½
			t++
		}
	case p.Schedule == InvScaling:
		for k := range steps {
			steps[k].kk = p.Eta0 / math.Pow(t, p.PowerT)
			t++
		}
	default:
		for k := range steps {
			steps[k].kk = p.Eta0
		}
	}
}

// plan fills steps with the numbers of the steps from s's state on, up to
// the first the engine does not take itself (η above etaSafe, a scale to
// fold back) and, in an averaged run, up to the step averaging begins, so
// that a plan's steps all average or none does; it returns how many it
// planned.
func (s *plainSGD) plan(steps []planStep) int {
	p, st := &s.p, s.st
	if len(steps) == 0 {
		return 0
	}
	// The first rate alone first: in a run's first steps of 'optimal',
	// the formulas take step after step, each after a plan of none.
	if p.rates(st.T, steps[:1]); !(steps[0].kk <= s.etaSafe) {
		return 0
	}
	p.rates(st.T+1, steps[1:])
	scale, t, avgA, avgB := st.Scale, st.T, st.AvgA, st.AvgB
	alpha, decay, etaSafe, from := p.Alpha, p.InterceptDecay, s.etaSafe, p.AverageFrom
	averaging := st.Avg != nil && t >= from
	begins := st.Avg != nil && !averaging // averaging may begin within steps
	for k := range steps {
		ps := &steps[k]
		eta := ps.kk
		c := 1 - float64(eta*alpha) // float64(): no FMA, as the formulas round
		if !(eta <= etaSafe) || !(c*scale >= resetScale) || begins && t >= from {
			return k
		}
		scale *= c
		ps.scale, ps.kk, ps.ds = scale, eta/scale, decay*scale
		if averaging {
			m := t - from + 1
			mu := 1 / m
			ps.avgA, ps.mu = avgA, mu
			if m > 1 {
				avgB /= 1 - mu
			}
			avgA += float64(mu * avgB * scale)
			ps.avgAAfter, ps.avgBAfter = avgA, avgB
		}
		t++
	}
	return len(steps)
}

// steps trains on order[pos:] a plan at a time, each in the kernel if
// there is one, else in Go (applyPlan), recording each step's logit in
// zs, until the end or a step it leaves to the formulas (η above etaSafe,
// a scale to fold back, a margin past ±marginCut or NaN), whose position
// it returns; ok is false if the kernel stopped at a row it does not take.
func (s *plainSGD) steps(order []int, pos int, zs []float64) (int, bool) {
	st := s.st
	for pos < len(order) {
		plan := s.planned[:s.plan(s.planned[:min(planLen-pos%planLen, len(order)-pos)])]
		if len(plan) == 0 {
			return pos, true
		}
		averaging := st.Avg != nil && st.T >= s.p.AverageFrom
		done, ok := 0, true
		if s.kernel != nil {
			var next int
			next, ok = s.kernel.sklearnSteps(s, order, pos, plan, zs, averaging)
			done = next - pos
		} else {
			done = s.applyPlan(order[pos:], plan, zs[pos:])
		}
		if done > 0 {
			last := &plan[done-1]
			st.Scale, st.T = last.scale, st.T+float64(done)
			if averaging {
				st.AvgA, st.AvgB = last.avgAAfter, last.avgBAfter
			}
		}
		if pos += done; !ok || done < len(plan) {
			return pos, ok
		}
	}
	return pos, true
}
