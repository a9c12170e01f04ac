package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGroupDigits(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0"},
		{999, "999"},
		{1024, "1,024"},
		{16384, "16,384"},
		{1234567, "1,234,567"},
		{-2048, "-2,048"},
		{-100, "-100"},
	}
	for _, tt := range tests {
		if got := groupDigits(tt.n); got != tt.want {
			t.Errorf("groupDigits(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestSortedBySetting(t *testing.T) {
	recs := []Record{
		{Label: "max", Effort: "max"},
		{Label: "16384", BudgetTokens: 16384},
		{Label: "weird", Effort: "turbo"},
		{Label: "off", Thinking: "off"},
		{Label: "1024-first", BudgetTokens: 1024},
		{Label: "low", Effort: "low"},
		{Label: "1024-second", BudgetTokens: 1024},
		{Label: "2048", BudgetTokens: 2048},
	}
	var got []string
	for _, r := range sortedBySetting(recs) {
		got = append(got, r.Label)
	}
	want := []string{"off", "1024-first", "1024-second", "2048", "16384", "low", "max", "weird"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sortedBySetting order mismatch (-want +got):\n%s", diff)
	}
	if recs[0].Label != "max" {
		t.Errorf("sortedBySetting changed its input: first label %q", recs[0].Label)
	}
}

func TestSettingLabel(t *testing.T) {
	tests := []struct {
		name string
		rec  Record
		want string
	}{
		{"budget", Record{BudgetTokens: 16384}, "16,384"},
		{"effort", Record{Effort: "xhigh"}, "xhigh"},
		{"off", Record{Thinking: "off"}, "off"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := settingLabel(tt.rec); got != tt.want {
				t.Errorf("settingLabel = %q, want %q", got, tt.want)
			}
		})
	}
}
