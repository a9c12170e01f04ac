package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCompareMarkdown(t *testing.T) {
	min := Record{
		ModelID: "m|1", Thinking: "budget=1024", BudgetTokens: 1024,
		ElapsedSeconds: 10.5, InputTokens: 200, OutputTokens: 1000, TotalTokens: 1200,
		TotalCostUSD: 0.0156, TokensPerSecond: 1200 / 10.5, StopReason: "end_turn",
		Answer: "Best plan:\n\n## Result\nProfit **$3,000**.\n",
	}
	max := Record{
		ModelID: "m|1", Thinking: "effort=max", Effort: "max",
		ElapsedSeconds: 60, InputTokens: 200, OutputTokens: 15800, TotalTokens: 16000,
		TotalCostUSD: 0.2376, TokensPerSecond: 16000.0 / 60, StopReason: "max_tokens",
	}
	want := `| | smallest setting | largest setting |
|---|---:|---:|
| thinking | budget=1024 | effort=max |
| model | m\|1 | m\|1 |
| response time (s) | 10.500 | 60.000 |
| input tokens | 200 | 200 |
| output tokens | 1,000 | 15,800 |
| total tokens | 1,200 | 16,000 |
| total cost (USD) | 0.015600 | 0.237600 |
| tokens per second | 114.29 | 266.67 |
| stop reason | end_turn | max_tokens |
| answer length (characters) | 41 | 0 |

### Smallest setting: 1,024 thinking tokens

> Best plan:
>
> ## Result
> Profit **$3,000**.

### Largest setting: effort max

> (no answer text)
`
	if diff := cmp.Diff(want, CompareMarkdown(min, max)); diff != "" {
		t.Errorf("CompareMarkdown mismatch (-want +got):\n%s", diff)
	}
}

func TestSmallestAndLargest(t *testing.T) {
	min, max, ok := SmallestAndLargest(sweepRecords())
	if !ok {
		t.Fatal("SmallestAndLargest reported no records")
	}
	if min.BudgetTokens != 1024 || max.BudgetTokens != 4096 {
		t.Errorf("budgets = %d and %d, want 1024 and 4096", min.BudgetTokens, max.BudgetTokens)
	}
	if _, _, ok := SmallestAndLargest(nil); ok {
		t.Error("SmallestAndLargest(nil) reported records")
	}
}

func TestPreview(t *testing.T) {
	tests := []struct {
		name string
		text string
		n    int
		want string
	}{
		{"short text unchanged", "Profit $3,000.", 300, "Profit $3,000."},
		{"white space collapsed", "Step 1:\n\n  solve\tit", 300, "Step 1: solve it"},
		{"cut with an ellipsis", "abcdef", 3, "abc…"},
		{"cut counts characters, not bytes", "ééééé", 2, "éé…"},
		{"no trailing space before the ellipsis", "ab cd", 3, "ab…"},
		{"negative length keeps everything", "abc", -1, "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Preview(tt.text, tt.n); got != tt.want {
				t.Errorf("Preview(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
			}
		})
	}
}
