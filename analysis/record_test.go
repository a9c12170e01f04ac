package analysis

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

func TestNewRecord(t *testing.T) {
	tests := []struct {
		name       string
		experiment string
		label      string
		result     *claudeutils.Result
		simulated  bool
		want       Record
	}{
		{
			name:       "manual budget with server latency",
			experiment: ExperimentSweep,
			label:      "production-planning",
			result: &claudeutils.Result{
				ModelID:         "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
				Thinking:        claudeutils.Budget(4096),
				ThinkingSetting: "budget=4096",
				MaxTokens:       5096,
				Answer:          "Make 0 A and 200 B.",
				ThinkingText:    "Let A and B be the units.",
				StopReason:      "end_turn",
				Usage:           claudeutils.Usage{InputTokens: 200, OutputTokens: 1800, TotalTokens: 2000},
				Cost:            claudeutils.Cost{InputUSD: 0.0006, OutputUSD: 0.027, TotalUSD: 0.0276},
				ServerLatency:   20 * time.Second,
				WallTime:        21500 * time.Millisecond,
				Attempts:        2,
			},
			simulated: true,
			want: Record{
				Experiment: "sweep", Label: "production-planning",
				ModelID:  "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
				Thinking: "budget=4096", BudgetTokens: 4096, MaxTokens: 5096,
				ElapsedSeconds: 20, WallSeconds: 21.5,
				InputTokens: 200, OutputTokens: 1800, TotalTokens: 2000,
				InputCostUSD: 0.0006, OutputCostUSD: 0.027, TotalCostUSD: 0.0276,
				TokensPerSecond: 100, StopReason: "end_turn", Attempts: 2,
				Answer: "Make 0 A and 200 B.", ThinkingText: "Let A and B be the units.",
				Simulated: true,
			},
		},
		{
			name:       "adaptive effort, streamed, wall time only",
			experiment: ExperimentCaseStudy,
			label:      "carbon-plan",
			result: &claudeutils.Result{
				ModelID:                "anthropic.claude-opus-4-7",
				Thinking:               claudeutils.Adaptive(claudeutils.EffortHigh),
				MaxTokens:              8000,
				Usage:                  claudeutils.Usage{InputTokens: 100, OutputTokens: 400, TotalTokens: 500},
				WallTime:               4 * time.Second,
				TimeToFirstAnswerToken: 1500 * time.Millisecond,
				Streamed:               true,
				ThinkingRedacted:       true,
				Attempts:               1,
			},
			want: Record{
				Experiment: "case_study", Label: "carbon-plan",
				ModelID:  "anthropic.claude-opus-4-7",
				Thinking: "effort=high", Effort: "high", MaxTokens: 8000,
				ElapsedSeconds: 4, WallSeconds: 4, FirstAnswerSeconds: 1.5,
				InputTokens: 100, OutputTokens: 400, TotalTokens: 500,
				TokensPerSecond: 125, Attempts: 1, ThinkingRedacted: true,
			},
		},
		{
			name:       "setting only in the string, as after JSON",
			experiment: ExperimentSweep,
			result:     &claudeutils.Result{ThinkingSetting: "budget=2048"},
			want:       Record{Experiment: "sweep", Thinking: "budget=2048", BudgetTokens: 2048},
		},
		{
			name:       "thinking off",
			experiment: ExperimentAllocation,
			label:      "capital",
			result:     &claudeutils.Result{ThinkingSetting: "off"},
			want:       Record{Experiment: "allocation", Label: "capital", Thinking: "off"},
		},
		{
			name:       "nil result keeps identity only",
			experiment: ExperimentAllocation,
			label:      "capital",
			simulated:  true,
			want:       Record{Experiment: "allocation", Label: "capital", Simulated: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NewRecord(tt.experiment, tt.label, tt.result, tt.simulated)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NewRecord mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
