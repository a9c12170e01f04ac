package allocator_test

import (
	"fmt"

	"github.com/thinkbudget/thinkbudget/allocator"
	"github.com/thinkbudget/thinkbudget/claudeutils"
)

func ExampleAllocate() {
	reg := claudeutils.DefaultRegistry()
	for _, id := range []string{claudeutils.DefaultModelID, "us.anthropic.claude-opus-4-7"} {
		m, _ := reg.Lookup(id)
		d := allocator.Allocate(allocator.Complex, allocator.Options{
			TimeSensitive: true,
			Support:       m.Thinking,
		})
		fmt.Printf("%s: %s (budget %d tokens)\n", m.Name, d.Thinking, d.BudgetTokens)
	}
	// Output:
	// Claude Sonnet 4.5: budget=2048 (budget 2048 tokens)
	// Claude Opus 4.7: effort=medium (budget 2048 tokens)
}

func ExampleStrategyTable() {
	for _, r := range allocator.StrategyTable() {
		fmt.Printf("%-12s %5d %5d %5d %5d\n", r.Complexity, r.StandardBudgetTokens,
			r.TimeSensitiveBudgetTokens, r.CostConstrainedBudgetTokens, r.BothBudgetTokens)
	}
	// Output:
	// simple           0     0     0     0
	// medium        2048  2048  1024  1024
	// complex       4096  2048  2048  1024
	// very_complex  8192  4096  4096  2048
}
