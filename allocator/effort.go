package allocator

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// effortBand maps final budgets from fromTokens up to the next band's
// start to one effort level.
type effortBand struct {
	fromTokens int
	effort     claudeutils.Effort
}

// effortBands are in rising order; each starts at one of the rule
// budgets, so every budget the rules can give lands at the bottom of a
// band. EffortMax is left out: the rules never go past 8,192 tokens, and
// max is for a caller who asks for it outright.
var effortBands = []effortBand{
	{claudeutils.MinBudgetTokens, claudeutils.EffortLow},
	{2048, claudeutils.EffortMedium},
	{4096, claudeutils.EffortHigh},
	{8192, claudeutils.EffortXHigh},
}

// EffortFor returns the effort level that stands for a final budget of
// budgetTokens on models that take effort levels. It reports false for a
// budget under claudeutils.MinBudgetTokens, which means no thinking; what
// to send then depends on the model (see Allocate). Table shows the
// mapping.
func EffortFor(budgetTokens int) (claudeutils.Effort, bool) {
	if budgetTokens < effortBands[0].fromTokens {
		return "", false
	}
	e := effortBands[0].effort
	for _, b := range effortBands {
		if budgetTokens >= b.fromTokens {
			e = b.effort
		}
	}
	return e, true
}

// Table returns the mapping from final budget to effort level as a
// Markdown table, ready for a README.
func Table() string {
	var sb strings.Builder
	sb.WriteString("| final budget (tokens) " +
		"| manual-and-adaptive model, effort preferred " +
		"| adaptive-only model |\n")
	sb.WriteString("|---|---|---|\n")
	fmt.Fprintf(&sb, "| 0 (no thinking) | off | `%s` (thinking cannot be turned off) |\n",
		claudeutils.EffortLow)
	for i, b := range effortBands {
		span := groupThousands(b.fromTokens) + " and more"
		if i+1 < len(effortBands) {
			span = groupThousands(b.fromTokens) + " to " + groupThousands(effortBands[i+1].fromTokens-1)
		}
		fmt.Fprintf(&sb, "| %s | `%s` | `%s` |\n", span, b.effort, b.effort)
	}
	return sb.String()
}

// groupThousands writes a non-negative n with commas between groups of
// three digits, as in 16,384.
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
