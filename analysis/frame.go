package analysis

import (
	"strconv"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// SweepFrame lays out the calls of a budget sweep, one row per record,
// sorted by thinking setting (off, budgets from the smallest, then effort
// levels); runs with the same setting keep their order. The columns are
// budget_tokens, elapsed_seconds, input_tokens, output_tokens,
// total_tokens, input_cost_usd, output_cost_usd, total_cost_usd,
// tokens_per_second, stop_reason, attempts, thinking, max_tokens,
// model_id, simulated and answer_correct ("true", "false", or empty when
// the sweep had no grader), in that order.
func SweepFrame(recs []Record) dataframe.DataFrame {
	recs = sortedBySetting(recs)
	return dataframe.New(
		column("budget_tokens", recs, func(r Record) int { return r.BudgetTokens }),
		column("elapsed_seconds", recs, func(r Record) float64 { return r.ElapsedSeconds }),
		column("input_tokens", recs, func(r Record) int { return r.InputTokens }),
		column("output_tokens", recs, func(r Record) int { return r.OutputTokens }),
		column("total_tokens", recs, func(r Record) int { return r.TotalTokens }),
		column("input_cost_usd", recs, func(r Record) float64 { return r.InputCostUSD }),
		column("output_cost_usd", recs, func(r Record) float64 { return r.OutputCostUSD }),
		column("total_cost_usd", recs, func(r Record) float64 { return r.TotalCostUSD }),
		column("tokens_per_second", recs, func(r Record) float64 { return r.TokensPerSecond }),
		column("stop_reason", recs, func(r Record) string { return r.StopReason }),
		column("attempts", recs, func(r Record) int { return r.Attempts }),
		column("thinking", recs, func(r Record) string { return r.Thinking }),
		column("max_tokens", recs, func(r Record) int { return r.MaxTokens }),
		column("model_id", recs, func(r Record) string { return r.ModelID }),
		column("simulated", recs, func(r Record) bool { return r.Simulated }),
		column("answer_correct", recs, func(r Record) string { return correctCell(r.Correct) }),
	)
}

// correctCell renders a grade: "true", "false", or "" when not graded.
func correctCell(c *bool) string {
	if c == nil {
		return ""
	}
	return strconv.FormatBool(*c)
}

// PreviewRunes is how much of each answer CaseStudyFrame shows.
const PreviewRunes = 300

// CaseStudyFrame lays out the calls of the case study, one row per record
// in budget order like SweepFrame. The columns are budget_tokens,
// elapsed_seconds, total_tokens, total_cost_usd, tokens_per_second,
// output_tokens, stop_reason, thinking and answer_preview (the first
// PreviewRunes characters of the answer), in that order.
func CaseStudyFrame(recs []Record) dataframe.DataFrame {
	recs = sortedBySetting(recs)
	return dataframe.New(
		column("budget_tokens", recs, func(r Record) int { return r.BudgetTokens }),
		column("elapsed_seconds", recs, func(r Record) float64 { return r.ElapsedSeconds }),
		column("total_tokens", recs, func(r Record) int { return r.TotalTokens }),
		column("total_cost_usd", recs, func(r Record) float64 { return r.TotalCostUSD }),
		column("tokens_per_second", recs, func(r Record) float64 { return r.TokensPerSecond }),
		column("output_tokens", recs, func(r Record) int { return r.OutputTokens }),
		column("stop_reason", recs, func(r Record) string { return r.StopReason }),
		column("thinking", recs, func(r Record) string { return r.Thinking }),
		column("answer_preview", recs, func(r Record) string { return Preview(r.Answer, PreviewRunes) }),
	)
}

// AllocationRow is one prompt of the allocation test: what the allocator
// decided for it and what the call under the standard decision cost.
type AllocationRow struct {
	// Prompt names the prompt, such as "capital".
	Prompt string `json:"prompt"`
	// Complexity is the classifier's answer: simple, medium, complex or
	// very_complex.
	Complexity string `json:"complexity"`
	// Thinking reports whether the standard decision turned thinking on.
	Thinking bool `json:"thinking"`
	// BudgetTokens is the standard decision's budget, 0 without thinking.
	BudgetTokens int `json:"budget_tokens"`
	// Effort is the decision's effort level for adaptive-only models,
	// empty otherwise.
	Effort string `json:"effort,omitempty"`
	// TimeSensitiveBudgetTokens and CostConstrainedBudgetTokens are the
	// budgets the allocator gives the same prompt in those scenarios.
	TimeSensitiveBudgetTokens   int `json:"time_sensitive_budget_tokens"`
	CostConstrainedBudgetTokens int `json:"cost_constrained_budget_tokens"`
	// ElapsedSeconds, TotalTokens and TotalCostUSD measure the call made
	// with the standard decision.
	ElapsedSeconds float64 `json:"elapsed_seconds"`
	TotalTokens    int     `json:"total_tokens"`
	TotalCostUSD   float64 `json:"total_cost_usd"`
	// ClassifierSeconds and ClassifierCostUSD measure the classifier call
	// that chose the complexity, which the lesson leaves uncounted.
	ClassifierSeconds float64 `json:"classifier_seconds"`
	ClassifierCostUSD float64 `json:"classifier_cost_usd"`
}

// AllocationFrame lays out the allocation test, one row per AllocationRow
// in the given order. The columns are prompt, complexity, thinking,
// budget_tokens, time_sensitive_budget_tokens, elapsed_seconds,
// total_tokens, total_cost_usd, effort, cost_constrained_budget_tokens,
// classifier_seconds and classifier_cost_usd, in that order.
func AllocationFrame(rows []AllocationRow) dataframe.DataFrame {
	return dataframe.New(
		column("prompt", rows, func(r AllocationRow) string { return r.Prompt }),
		column("complexity", rows, func(r AllocationRow) string { return r.Complexity }),
		column("thinking", rows, func(r AllocationRow) bool { return r.Thinking }),
		column("budget_tokens", rows, func(r AllocationRow) int { return r.BudgetTokens }),
		column("time_sensitive_budget_tokens", rows,
			func(r AllocationRow) int { return r.TimeSensitiveBudgetTokens }),
		column("elapsed_seconds", rows, func(r AllocationRow) float64 { return r.ElapsedSeconds }),
		column("total_tokens", rows, func(r AllocationRow) int { return r.TotalTokens }),
		column("total_cost_usd", rows, func(r AllocationRow) float64 { return r.TotalCostUSD }),
		column("effort", rows, func(r AllocationRow) string { return r.Effort }),
		column("cost_constrained_budget_tokens", rows,
			func(r AllocationRow) int { return r.CostConstrainedBudgetTokens }),
		column("classifier_seconds", rows, func(r AllocationRow) float64 { return r.ClassifierSeconds }),
		column("classifier_cost_usd", rows, func(r AllocationRow) float64 { return r.ClassifierCostUSD }),
	)
}

// cell is a type a frame column can hold.
type cell interface {
	int | float64 | string | bool
}

// column builds the named series from f applied to every row.
func column[T any, V cell](name string, rows []T, f func(T) V) series.Series {
	vals := make([]V, len(rows))
	for i, r := range rows {
		vals[i] = f(r)
	}

	var t series.Type
	switch any(*new(V)).(type) {
	case int:
		t = series.Int
	case float64:
		t = series.Float
	case bool:
		t = series.Bool
	default:
		t = series.String
	}
	return series.New(vals, t, name)
}
