package allocator

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStrategyTable(t *testing.T) {
	want := []StrategyRow{
		{Complexity: Simple},
		{Complexity: Medium, StandardBudgetTokens: 2048, TimeSensitiveBudgetTokens: 2048,
			CostConstrainedBudgetTokens: 1024, BothBudgetTokens: 1024},
		{Complexity: Complex, StandardBudgetTokens: 4096, TimeSensitiveBudgetTokens: 2048,
			CostConstrainedBudgetTokens: 2048, BothBudgetTokens: 1024},
		{Complexity: VeryComplex, StandardBudgetTokens: 8192, TimeSensitiveBudgetTokens: 4096,
			CostConstrainedBudgetTokens: 4096, BothBudgetTokens: 2048},
	}
	if diff := cmp.Diff(want, StrategyTable()); diff != "" {
		t.Errorf("StrategyTable() mismatch (-want +got):\n%s", diff)
	}
}
