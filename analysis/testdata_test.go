package analysis

// sweepRecords is a small sweep in a shuffled order, with numbers chosen
// so that every formatted cell can be checked by eye.
func sweepRecords() []Record {
	return []Record{
		{
			Experiment: ExperimentSweep, ModelID: "m", Thinking: "budget=4096", BudgetTokens: 4096, MaxTokens: 5096,
			ElapsedSeconds: 30.25, InputTokens: 200, OutputTokens: 2800, TotalTokens: 3000,
			InputCostUSD: 0.0006, OutputCostUSD: 0.042, TotalCostUSD: 0.0426,
			TokensPerSecond: 3000 / 30.25, StopReason: "end_turn", Attempts: 1, Answer: "Profit $3,000.",
		},
		{
			Experiment: ExperimentSweep, ModelID: "m", Thinking: "budget=1024", BudgetTokens: 1024, MaxTokens: 2024,
			ElapsedSeconds: 10.5, InputTokens: 200, OutputTokens: 1000, TotalTokens: 1200,
			InputCostUSD: 0.0006, OutputCostUSD: 0.015, TotalCostUSD: 0.0156,
			TokensPerSecond: 1200 / 10.5, StopReason: "end_turn", Attempts: 1, Answer: "Profit $3,000 | checked.",
		},
		{
			Experiment: ExperimentSweep, ModelID: "m", Thinking: "budget=2048", BudgetTokens: 2048, MaxTokens: 3048,
			ElapsedSeconds: 20, InputTokens: 200, OutputTokens: 1800, TotalTokens: 2000,
			InputCostUSD: 0.0006, OutputCostUSD: 0.027, TotalCostUSD: 0.0276,
			TokensPerSecond: 100, StopReason: "max_tokens", Attempts: 3, Answer: "Profit is",
			Simulated: true,
		},
	}
}
