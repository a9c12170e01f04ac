package claudeutils

import (
	"errors"
	"slices"
	"strconv"
	"testing"
)

func TestParseBudgets(t *testing.T) {
	tests := []struct {
		in   string
		want []int
		err  string
	}{
		{"1024,2048,4096,8192,16384", []int{1024, 2048, 4096, 8192, 16384}, ""},
		{" 16_384 , 1024", []int{16384, 1024}, ""},
		{"", nil, "budget list is empty: give budgets like 1024,2048,4096"},
		{"1024,,2048", nil, `budget list "1024,,2048" has an empty entry`},
		{"0", nil, "budget_tokens = 0: thinking budget must be at least 1024 tokens"},
		{"512", nil, "budget_tokens = 512: thinking budget must be at least 1024 tokens"},
		{"1023", nil, "budget_tokens = 1023: thinking budget must be at least 1024 tokens"},
		{"-2048", nil, "budget_tokens = -2048: thinking budget must be at least 1024 tokens"},
		{"1k", nil, `budget "1k" is not a whole number of tokens`},
		{"2048,2048", nil, `budget 2048 appears twice in "2048,2048"`},
		{"200000", nil, "budget 200000 is above 128000, the largest max tokens of any known model"},
	}
	for _, tt := range tests {
		got, err := ParseBudgets(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseBudgets(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ParseBudgets(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if _, err := ParseBudgets("100"); !errors.Is(err, ErrBudgetTooSmall) {
		t.Errorf("ParseBudgets(100) error %v does not wrap ErrBudgetTooSmall", err)
	}
}

// FuzzParseBudgets checks that every accepted list holds only budgets in
// range, each once, and that rendering it back parses to the same list.
func FuzzParseBudgets(f *testing.F) {
	for _, s := range []string{"1024,2048", "16_384", "", ",", "1e4", "-1", "99999999999999999999", " 4096 ,8192"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseBudgets(s)
		if err != nil {
			return
		}
		seen := map[int]bool{}
		for _, b := range got {
			if b < MinBudgetTokens || b > MaxBudgetTokens || seen[b] {
				t.Fatalf("ParseBudgets(%q) accepted %v", s, got)
			}
			seen[b] = true
		}
		var again string
		for i, b := range got {
			if i > 0 {
				again += ","
			}
			again += strconv.Itoa(b)
		}
		back, err := ParseBudgets(again)
		if err != nil || !slices.Equal(back, got) {
			t.Fatalf("round trip of %v: %v, %v", got, back, err)
		}
	})
}

func TestParseEfforts(t *testing.T) {
	got, err := ParseEfforts(" low,HIGH ,max")
	if err != nil || !slices.Equal(got, []Effort{EffortLow, EffortHigh, EffortMax}) {
		t.Errorf("ParseEfforts = %v, %v", got, err)
	}
	for in, want := range map[string]string{
		"":          "effort list is empty: give levels like low,medium,high",
		"low,turbo": "effort = turbo: effort must be one of low, medium, high, xhigh, max",
		"low,low":   `effort low appears twice in "low,low"`,
	} {
		if _, err := ParseEfforts(in); err == nil || err.Error() != want {
			t.Errorf("ParseEfforts(%q) error = %v, want %q", in, err, want)
		}
	}
}
