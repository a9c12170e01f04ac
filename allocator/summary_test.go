package allocator

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSummarize(t *testing.T) {
	// Values are chosen to be exact in binary floating point, so the
	// means compare equal without a tolerance.
	run := func(c Complexity, seconds, costUSD float64, stop string) Run {
		return Run{Complexity: c, ElapsedSeconds: seconds, CostUSD: costUSD, StopReason: stop}
	}
	var runs []Run
	// Ten complex runs of 1 to 10 s, out of order; three were cut off.
	for _, s := range []float64{7, 2, 10, 4, 1, 9, 3, 8, 6, 5} {
		stop := "end_turn"
		if s >= 8 {
			stop = StopMaxTokens
		}
		runs = append(runs, run(Complex, s, 0.125, stop))
	}
	runs = append(runs,
		run(Medium, 2.5, 0.25, "end_turn"),
		run("legacy", 1, 1, "end_turn"),
		run(Medium, 5, 0.5, StopMaxTokens),
		run(Medium, 1.5, 0.75, "end_turn"),
		run(Medium, 3, 0.5, "end_turn"),
	)

	want := []Summary{
		// Four runs: rank ceil(3.6) = 4, the largest.
		{Complexity: Medium, Count: 4, MeanSeconds: 3, P90Seconds: 5, MeanCostUSD: 0.5, MaxTokensShare: 0.25},
		// Ten runs: rank 9 of 1..10.
		{Complexity: Complex, Count: 10, MeanSeconds: 5.5, P90Seconds: 9, MeanCostUSD: 0.125, MaxTokensShare: 0.3},
		{Complexity: "legacy", Count: 1, MeanSeconds: 1, P90Seconds: 1, MeanCostUSD: 1},
	}
	if diff := cmp.Diff(want, Summarize(runs)); diff != "" {
		t.Errorf("Summarize mismatch (-want +got):\n%s", diff)
	}
	if got := Summarize(nil); got != nil {
		t.Errorf("Summarize(nil) = %+v, want nil", got)
	}
}

func TestNearestRank(t *testing.T) {
	seq := func(n int) []float64 {
		s := make([]float64, n)
		for i := range s {
			s[i] = float64(i + 1)
		}
		return s
	}
	tests := []struct {
		name   string
		sorted []float64
		pct    int
		want   float64
	}{
		{name: "one value", sorted: []float64{4.5}, pct: 90, want: 4.5},
		{name: "two values", sorted: []float64{1, 2}, pct: 90, want: 2},
		{name: "five values: rank 5", sorted: seq(5), pct: 90, want: 5},
		{name: "ten values: rank 9", sorted: seq(10), pct: 90, want: 9},
		{name: "eleven values: rank 10", sorted: seq(11), pct: 90, want: 10},
		{name: "twenty values: rank 18", sorted: seq(20), pct: 90, want: 18},
		{name: "hundred values: rank 90", sorted: seq(100), pct: 90, want: 90},
		{name: "median of four: rank 2", sorted: seq(4), pct: 50, want: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nearestRank(tt.sorted, tt.pct); got != tt.want {
				t.Errorf("nearestRank(%v, %d) = %v, want %v", tt.sorted, tt.pct, got, tt.want)
			}
		})
	}
}
