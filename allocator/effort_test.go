package allocator

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

func TestEffortFor(t *testing.T) {
	tests := []struct {
		budgetTokens int
		want         claudeutils.Effort
		wantOK       bool
	}{
		{0, "", false},
		{1023, "", false},
		{1024, claudeutils.EffortLow, true},
		{2047, claudeutils.EffortLow, true},
		{2048, claudeutils.EffortMedium, true},
		{4095, claudeutils.EffortMedium, true},
		{4096, claudeutils.EffortHigh, true},
		{8191, claudeutils.EffortHigh, true},
		{8192, claudeutils.EffortXHigh, true},
		{16384, claudeutils.EffortXHigh, true},
	}
	for _, tt := range tests {
		got, ok := EffortFor(tt.budgetTokens)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("EffortFor(%d) = %q, %v; want %q, %v", tt.budgetTokens, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestTable(t *testing.T) {
	want := "| final budget (tokens) | manual-and-adaptive model, effort preferred | adaptive-only model |\n" +
		"|---|---|---|\n" +
		"| 0 (no thinking) | off | `low` (thinking cannot be turned off) |\n" +
		"| 1,024 to 2,047 | `low` | `low` |\n" +
		"| 2,048 to 4,095 | `medium` | `medium` |\n" +
		"| 4,096 to 8,191 | `high` | `high` |\n" +
		"| 8,192 and more | `xhigh` | `xhigh` |\n"
	if diff := cmp.Diff(want, Table()); diff != "" {
		t.Errorf("Table() mismatch (-want +got):\n%s", diff)
	}
}

func TestGroupThousands(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0"},
		{999, "999"},
		{1000, "1,000"},
		{16384, "16,384"},
		{1234567, "1,234,567"},
	}
	for _, tt := range tests {
		if got := groupThousands(tt.n); got != tt.want {
			t.Errorf("groupThousands(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
