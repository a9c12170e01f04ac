package analysis

import (
	"bytes"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/google/go-cmp/cmp"
)

// csvLines encodes df and splits the result into lines.
func csvLines(t *testing.T, df dataframe.DataFrame) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := EncodeCSV(&buf, df); err != nil {
		t.Fatalf("EncodeCSV: %v", err)
	}
	return strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
}

func TestFrames(t *testing.T) {
	tests := []struct {
		name string
		df   dataframe.DataFrame
		want []string
	}{
		{
			name: "sweep in budget order",
			df:   SweepFrame(sweepRecords()),
			want: []string{
				"budget_tokens,elapsed_seconds,input_tokens,output_tokens,total_tokens,input_cost_usd,output_cost_usd,total_cost_usd,tokens_per_second,stop_reason,attempts,thinking,max_tokens,model_id,simulated,answer_correct",
				"1024,10.500,200,1000,1200,0.000600,0.015000,0.015600,114.29,end_turn,1,budget=1024,2024,m,false,",
				"2048,20.000,200,1800,2000,0.000600,0.027000,0.027600,100.00,max_tokens,3,budget=2048,3048,m,true,",
				"4096,30.250,200,2800,3000,0.000600,0.042000,0.042600,99.17,end_turn,1,budget=4096,5096,m,false,",
			},
		},
		{
			name: "empty sweep keeps its header",
			df:   SweepFrame(nil),
			want: []string{
				"budget_tokens,elapsed_seconds,input_tokens,output_tokens,total_tokens,input_cost_usd,output_cost_usd,total_cost_usd,tokens_per_second,stop_reason,attempts,thinking,max_tokens,model_id,simulated,answer_correct",
			},
		},
		{
			name: "case study in budget order with previews",
			df:   CaseStudyFrame(sweepRecords()),
			want: []string{
				"budget_tokens,elapsed_seconds,total_tokens,total_cost_usd,tokens_per_second,output_tokens,stop_reason,thinking,answer_preview",
				"1024,10.500,1200,0.015600,114.29,1000,end_turn,budget=1024,\"Profit $3,000 | checked.\"",
				"2048,20.000,2000,0.027600,100.00,1800,max_tokens,budget=2048,Profit is",
				"4096,30.250,3000,0.042600,99.17,2800,end_turn,budget=4096,\"Profit $3,000.\"",
			},
		},
		{
			name: "allocation in the given order",
			df: AllocationFrame([]AllocationRow{
				{
					Prompt: "traffic-system", Complexity: "very_complex", Thinking: true,
					BudgetTokens: 8192, TimeSensitiveBudgetTokens: 4096, CostConstrainedBudgetTokens: 4096,
					ElapsedSeconds: 61.2346, TotalTokens: 9100, TotalCostUSD: 0.1331234567,
					ClassifierSeconds: 0.4, ClassifierCostUSD: 0.000084,
				},
				{
					Prompt: "capital", Complexity: "simple", ElapsedSeconds: 0.9,
					TotalTokens: 40, TotalCostUSD: 0.00042, Effort: "low",
				},
			}),
			want: []string{
				"prompt,complexity,thinking,budget_tokens,time_sensitive_budget_tokens,elapsed_seconds,total_tokens,total_cost_usd,effort,cost_constrained_budget_tokens,classifier_seconds,classifier_cost_usd",
				"traffic-system,very_complex,true,8192,4096,61.235,9100,0.133123,,4096,0.400,0.000084",
				"capital,simple,false,0,0,0.900,40,0.000420,low,0,0.000,0.000000",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, csvLines(t, tt.df)); diff != "" {
				t.Errorf("CSV mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSweepFrame_headerPrefix(t *testing.T) {
	// Readers of sweep.csv rely on these ten columns coming first.
	const want = "budget_tokens,elapsed_seconds,input_tokens,output_tokens,total_tokens,input_cost_usd,output_cost_usd,total_cost_usd,tokens_per_second,stop_reason"
	got := strings.Join(SweepFrame(sweepRecords()).Names()[:10], ",")
	if got != want {
		t.Errorf("first ten columns = %q, want %q", got, want)
	}
}
