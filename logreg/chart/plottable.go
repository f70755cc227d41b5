package chart

// limit bounds the values a chart draws. JSON carries no NaN or ±Inf, and
// echarts works out an axis' span (max − min) and rounds its ends outwards
// to round numbers in float64: values near ±MaxFloat64 overflow there to
// Infinity, and the axis then draws no ticks and no line. Within ±1e300 it
// cannot; nothing a loop records (a loss that diverged aside) comes near.
const limit = 1e300

// plottable says whether echarts can place v on a linear axis, or on a log
// axis when log: a number within ±limit, and on a log axis within
// [1/limit, limit] (0 and below have no logarithm).
func plottable(v float64, log bool) bool {
	if log {
		return v >= 1/limit && v <= limit
	}
	return v >= -limit && v <= limit // false for NaN
}

// value returns v, or echarts' "-" (no value, a gap in the line) where
// plottable says echarts cannot place it.
func value(v float64, log bool) any {
	if !plottable(v, log) {
		return "-"
	}
	return v
}
