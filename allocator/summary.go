package allocator

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Summary condenses the runs of one complexity level.
type Summary struct {
	Complexity  Complexity `json:"complexity"`
	Count       int        `json:"count"`
	MeanSeconds float64    `json:"mean_seconds"`
	// P90Seconds is the 90th percentile of ElapsedSeconds by the
	// nearest-rank method: the smallest value that at least 90% of the
	// runs do not exceed, always one of the measured values.
	P90Seconds  float64 `json:"p90_seconds"`
	MeanCostUSD float64 `json:"mean_cost_usd"`
	// MaxTokensShare is the fraction of runs, from 0 to 1, whose answer
	// was cut off at max tokens (StopReason == StopMaxTokens).
	MaxTokensShare float64 `json:"max_tokens_share"`
}

// Summaries summarises every run in the history by complexity; see
// Summarize.
func (h *History) Summaries(ctx context.Context) ([]Summary, error) {
	runs, err := h.Runs(ctx, RunFilter{})
	if err != nil {
		return nil, fmt.Errorf("summarise: %w", err)
	}
	return Summarize(runs), nil
}

// Summarize groups runs by complexity and returns one Summary per level
// that has runs, in the order of Complexities; labels outside it follow in
// alphabetical order. It returns nil for no runs.
func Summarize(runs []Run) []Summary {
	groups := make(map[Complexity][]Run)
	for _, r := range runs {
		groups[r.Complexity] = append(groups[r.Complexity], r)
	}
	keys := make([]Complexity, 0, len(groups))
	for c := range groups {
		keys = append(keys, c)
	}
	slices.SortFunc(keys, func(a, b Complexity) int {
		if c := cmp.Compare(a.rank(), b.rank()); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})

	var out []Summary
	for _, c := range keys {
		out = append(out, summarizeLevel(c, groups[c]))
	}
	return out
}

// summarizeLevel summarises the runs of one level; runs is not empty.
func summarizeLevel(c Complexity, runs []Run) Summary {
	n := len(runs)
	seconds := make([]float64, 0, n)
	var sumSeconds, sumCost float64
	cut := 0
	for _, r := range runs {
		seconds = append(seconds, r.ElapsedSeconds)
		sumSeconds += r.ElapsedSeconds
		sumCost += r.CostUSD
		if r.StopReason == StopMaxTokens {
			cut++
		}
	}
	slices.Sort(seconds)
	return Summary{
		Complexity:     c,
		Count:          n,
		MeanSeconds:    sumSeconds / float64(n),
		P90Seconds:     nearestRank(seconds, 90),
		MeanCostUSD:    sumCost / float64(n),
		MaxTokensShare: float64(cut) / float64(n),
	}
}

// nearestRank returns the pct-th percentile of sorted, a non-empty slice
// in ascending order: the value at rank ceil(pct/100 * n), counted from 1.
// The rank is computed in integers so that no rounding moves it.
func nearestRank(sorted []float64, pct int) float64 {
	n := len(sorted)
	rank := (pct*n + 99) / 100
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}
