package allocator

// StrategyRow gives, for one complexity level, the final budget in tokens
// under each combination of the two flags. Budgets are 0 where the rules
// want no thinking. They come from the rules alone, with no model call, so
// they are the same on every model; Allocate turns them into efforts or
// off where a model needs that.
type StrategyRow struct {
	Complexity                  Complexity `json:"complexity"`
	StandardBudgetTokens        int        `json:"standard_budget_tokens"`
	TimeSensitiveBudgetTokens   int        `json:"time_sensitive_budget_tokens"`
	CostConstrainedBudgetTokens int        `json:"cost_constrained_budget_tokens"`
	// BothBudgetTokens is the budget when the task is both time-sensitive
	// and cost-constrained.
	BothBudgetTokens int `json:"both_budget_tokens"`
}

// StrategyTable returns one row per level of Complexities, in order: the
// data of the strategy chart.
func StrategyTable() []StrategyRow {
	rows := make([]StrategyRow, 0, len(Complexities))
	for _, c := range Complexities {
		budget := func(timeSensitive, costConstrained bool) int {
			b, _ := ruleBudgetTokens(c, timeSensitive, costConstrained)
			return b
		}
		rows = append(rows, StrategyRow{
			Complexity:                  c,
			StandardBudgetTokens:        budget(false, false),
			TimeSensitiveBudgetTokens:   budget(true, false),
			CostConstrainedBudgetTokens: budget(false, true),
			BothBudgetTokens:            budget(true, true),
		})
	}
	return rows
}
