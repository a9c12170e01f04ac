package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBest(t *testing.T) {
	tied := []Record{
		{Label: "late 8192", BudgetTokens: 8192, TokensPerSecond: 90, ElapsedSeconds: 5, TotalCostUSD: 0.01},
		{Label: "2048", BudgetTokens: 2048, TokensPerSecond: 90, ElapsedSeconds: 5, TotalCostUSD: 0.01},
		{Label: "first 1024", BudgetTokens: 1024, TokensPerSecond: 90, ElapsedSeconds: 5, TotalCostUSD: 0.01},
		{Label: "second 1024", BudgetTokens: 1024, TokensPerSecond: 90, ElapsedSeconds: 5, TotalCostUSD: 0.01},
	}
	tests := []struct {
		name   string
		pick   func([]Record) (Record, bool)
		recs   []Record
		want   string
		wantOK bool
	}{
		{"most efficient", MostEfficient, sweepRecords(), "budget=1024", true},
		{"fastest", Fastest, sweepRecords(), "budget=1024", true},
		{"cheapest", Cheapest, sweepRecords(), "budget=1024", true},
		{"most efficient tie goes to the smaller budget", MostEfficient, tied, "first 1024", true},
		{"fastest tie goes to the smaller budget", Fastest, tied, "first 1024", true},
		{"cheapest tie goes to the smaller budget", Cheapest, tied, "first 1024", true},
		{"most efficient of none", MostEfficient, nil, "", false},
		{"fastest of none", Fastest, nil, "", false},
		{"cheapest of none", Cheapest, nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.pick(tt.recs)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tt.wantOK)
			}
			name := got.Thinking
			if got.Label != "" {
				name = got.Label
			}
			if name != tt.want {
				t.Errorf("picked %q, want %q", name, tt.want)
			}
		})
	}
}

func TestBest_distinctWinners(t *testing.T) {
	recs := []Record{
		{Label: "fast", BudgetTokens: 1024, ElapsedSeconds: 2, TokensPerSecond: 50, TotalCostUSD: 0.02},
		{Label: "cheap", BudgetTokens: 2048, ElapsedSeconds: 9, TokensPerSecond: 10, TotalCostUSD: 0.001},
		{Label: "efficient", BudgetTokens: 4096, ElapsedSeconds: 30, TokensPerSecond: 140, TotalCostUSD: 0.09},
	}
	var got []string
	for _, pick := range []func([]Record) (Record, bool){Fastest, Cheapest, MostEfficient} {
		r, _ := pick(recs)
		got = append(got, r.Label)
	}
	if diff := cmp.Diff([]string{"fast", "cheap", "efficient"}, got); diff != "" {
		t.Errorf("winners mismatch (-want +got):\n%s", diff)
	}
}
