package claudeutils

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// MaxBudgetTokens is the largest budget ParseBudgets accepts: the largest
// max tokens of any model in the default registry. A model's own limit is
// checked by Validate.
const MaxBudgetTokens = 128000

// ParseBudgets reads a comma-separated list of thinking budgets such as
// "1024,2048,4096". Spaces and "_" digit separators are allowed
// ("16_384"). Every budget must be a whole number from MinBudgetTokens to
// MaxBudgetTokens and appear once; the order is kept.
func ParseBudgets(s string) ([]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("budget list is empty: give budgets like 1024,2048,4096")
	}
	parts := strings.Split(s, ",")
	out := make([]int, 0, len(parts))
	seen := make(map[int]bool, len(parts))
	for _, p := range parts {
		p = strings.TrimSpace(p)
		n, err := strconv.Atoi(strings.ReplaceAll(p, "_", ""))
		switch {
		case p == "":
			return nil, fmt.Errorf("budget list %q has an empty entry", s)
		case errors.Is(err, strconv.ErrRange):
			return nil, fmt.Errorf("budget %s is above %d, the largest max tokens of any known model", p, MaxBudgetTokens)
		case err != nil:
			return nil, fmt.Errorf("budget %q is not a whole number of tokens", p)
		case n < MinBudgetTokens:
			return nil, &RuleError{Rule: ErrBudgetTooSmall, Field: "budget_tokens", Value: n}
		case n > MaxBudgetTokens:
			return nil, fmt.Errorf("budget %d is above %d, the largest max tokens of any known model", n, MaxBudgetTokens)
		case seen[n]:
			return nil, fmt.Errorf("budget %d appears twice in %q", n, s)
		}
		seen[n] = true
		out = append(out, n)
	}
	return out, nil
}

// ParseEfforts reads a comma-separated list of effort levels such as
// "low,medium,high". Each must be one of Efforts and appear once; the
// order is kept.
func ParseEfforts(s string) ([]Effort, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("effort list is empty: give levels like low,medium,high")
	}
	var out []Effort
	seen := map[Effort]bool{}
	for _, p := range strings.Split(s, ",") {
		e := Effort(strings.ToLower(strings.TrimSpace(p)))
		switch {
		case !e.Valid():
			return nil, &RuleError{Rule: ErrBadEffort, Field: "effort", Value: p}
		case seen[e]:
			return nil, fmt.Errorf("effort %s appears twice in %q", e, s)
		}
		seen[e] = true
		out = append(out, e)
	}
	return out, nil
}
