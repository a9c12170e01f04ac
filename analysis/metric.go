package analysis

import "math"

// Metric is one measure of a Record that a chart can plot. Its value is
// the name of the frame column that holds the same measure.
type Metric string

// The metrics of the trade-off and case-study charts.
const (
	MetricElapsedSeconds  Metric = "elapsed_seconds"
	MetricTotalTokens     Metric = "total_tokens"
	MetricOutputTokens    Metric = "output_tokens"
	MetricTotalCostUSD    Metric = "total_cost_usd"
	MetricTokensPerSecond Metric = "tokens_per_second"
)

// metricInfo describes each known metric: panel title, axis label with
// its unit, and how to read it from a Record.
var metricInfo = map[Metric]struct {
	title, axis string
	value       func(Record) float64
}{
	MetricElapsedSeconds: {
		"Response time", "response time (s)",
		func(r Record) float64 { return r.ElapsedSeconds },
	},
	MetricTotalTokens: {
		"Total tokens", "total tokens",
		func(r Record) float64 { return float64(r.TotalTokens) },
	},
	MetricOutputTokens: {
		"Output tokens", "output tokens (thinking included)",
		func(r Record) float64 { return float64(r.OutputTokens) },
	},
	MetricTotalCostUSD: {
		"Total cost", "total cost (USD)",
		func(r Record) float64 { return r.TotalCostUSD },
	},
	MetricTokensPerSecond: {
		"Tokens per second", "tokens per second",
		func(r Record) float64 { return r.TokensPerSecond },
	},
}

// Known reports whether m is one of the metrics above.
func (m Metric) Known() bool {
	_, ok := metricInfo[m]
	return ok
}

// Title is m's panel title, such as "Response time"; for an unknown
// metric it is the metric's own name.
func (m Metric) Title() string {
	if info, ok := metricInfo[m]; ok {
		return info.title
	}
	return string(m)
}

// AxisLabel is m's axis label with its unit, such as "response time (s)";
// for an unknown metric it is the metric's own name.
func (m Metric) AxisLabel() string {
	if info, ok := metricInfo[m]; ok {
		return info.axis
	}
	return string(m)
}

// Value is m measured on r, or NaN when m is not Known.
func (m Metric) Value(r Record) float64 {
	if info, ok := metricInfo[m]; ok {
		return info.value(r)
	}
	return math.NaN()
}
