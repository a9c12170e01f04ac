package runner_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/thinkbudget/thinkbudget/analysis"
	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/localbedrock"
	"github.com/thinkbudget/thinkbudget/runner"
)

// benchSweep runs the lesson's five-budget sweep on an emulator with
// seed 1 at timeScale, concurrency calls at a time, and returns the
// results.
func benchSweep(b *testing.B, emu *localbedrock.Running, concurrency int) []runner.Outcome {
	b.Helper()
	client, err := claudeutils.NewClient(context.Background(), claudeutils.Options{Endpoint: emu.URL(), Region: "us-west-2"})
	if err != nil {
		b.Fatal(err)
	}
	r := &runner.Runner{Invoker: client, Concurrency: concurrency}
	outcomes, err := r.Run(context.Background(), analysis.SweepCalls(analysis.SweepConfig{
		ModelID: claudeutils.DefaultModelID, Prompt: lesson.ProductionPlanning, BudgetTokens: lesson.SweepBudgets,
	}))
	if err != nil {
		b.Fatal(err)
	}
	for _, o := range outcomes {
		if o.Err != nil {
			b.Fatalf("%s: %v", o.Call.Label, o.Err)
		}
	}
	return outcomes
}

// BenchmarkSweepWall measures how long a five-budget sweep takes against
// the emulator, in units of its slowest call. The time scale is chosen so
// that the slowest call's simulated latency lasts about a second; the
// metric wall/slowest is the sweep's wall time over that call's scaled
// latency. With concurrency 5 every call runs at once and the ratio shows
// the runner's and client's overhead (1.0 is none); with concurrency 1
// it is the sum of the latencies over the largest.
func BenchmarkSweepWall(b *testing.B) {
	b.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	fast, err := localbedrock.Start("", localbedrock.Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var slowest time.Duration
	for _, o := range benchSweep(b, fast, 5) {
		slowest = max(slowest, o.Result.ServerLatency)
	}
	fast.Close()
	scale := float64(time.Second) / float64(slowest)
	scaled := time.Duration(float64(slowest) * scale)

	for _, concurrency := range []int{5, 1} {
		b.Run(fmt.Sprintf("concurrency=%d", concurrency), func(b *testing.B) {
			emu, err := localbedrock.Start("", localbedrock.Options{Seed: 1, TimeScale: scale})
			if err != nil {
				b.Fatal(err)
			}
			defer emu.Close()
			var wall time.Duration
			for b.Loop() {
				start := time.Now()
				benchSweep(b, emu, concurrency)
				wall += time.Since(start)
			}
			b.ReportMetric(float64(wall)/float64(b.N)/float64(scaled), "wall/slowest")
			b.ReportMetric(slowest.Seconds(), "slowest-sim-s")
			b.ReportMetric(scale, "time-scale")
		})
	}
}
