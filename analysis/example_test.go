package analysis_test

import (
	"fmt"
	"os"
	"time"

	"github.com/thinkbudget/thinkbudget/analysis"
	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// sweep makes three results as a budget sweep would return them.
func sweep() []analysis.Record {
	var recs []analysis.Record
	for i, budget := range []int{1024, 2048, 4096} {
		out := 1000 + 900*i
		res := &claudeutils.Result{
			ModelID:         "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
			Thinking:        claudeutils.Budget(budget),
			ThinkingSetting: claudeutils.Budget(budget).String(),
			MaxTokens:       budget + 1000,
			StopReason:      "end_turn",
			Usage:           claudeutils.Usage{InputTokens: 200, OutputTokens: out, TotalTokens: 200 + out},
			Cost:            claudeutils.CostOf(claudeutils.Usage{InputTokens: 200, OutputTokens: out}, claudeutils.Prices{InputPerMTok: 3, OutputPerMTok: 15}),
			ServerLatency:   time.Duration(10+8*i) * time.Second,
			Attempts:        1,
		}
		recs = append(recs, analysis.NewRecord(analysis.ExperimentSweep, "production-planning", res, true))
	}
	return recs
}

// A sweep becomes a table whose CSV form keeps a fixed header, with costs
// to the micro-dollar and times to the millisecond.
func ExampleSweepFrame() {
	df := analysis.SweepFrame(sweep()).Select([]string{
		"budget_tokens", "elapsed_seconds", "total_tokens", "total_cost_usd", "tokens_per_second",
	})
	if err := analysis.EncodeCSV(os.Stdout, df); err != nil {
		fmt.Println(err)
	}
	// Output:
	// budget_tokens,elapsed_seconds,total_tokens,total_cost_usd,tokens_per_second
	// 1024,10.000,1200,0.015600,120.00
	// 2048,18.000,2100,0.029100,116.67
	// 4096,26.000,3000,0.042600,115.38
}

// The lesson's summary after its charts: which budget gave the most
// tokens per second, and what it took.
func ExampleMostEfficient() {
	best, ok := analysis.MostEfficient(sweep())
	if !ok {
		fmt.Println("no records")
		return
	}
	fmt.Printf("most tokens per second at %s: %d tokens in %.1f s for $%.4f\n",
		best.Thinking, best.TotalTokens, best.ElapsedSeconds, best.TotalCostUSD)
	// Output:
	// most tokens per second at budget=1024: 1200 tokens in 10.0 s for $0.0156
}
