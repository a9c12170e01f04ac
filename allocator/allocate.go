package allocator

import (
	"fmt"
	"strings"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// baseBudgetTokens is the thinking budget each level starts from. Simple
// tasks start at 0: no extended thinking.
var baseBudgetTokens = map[Complexity]int{
	Simple:      0,
	Medium:      2048,
	Complex:     4096,
	VeryComplex: 8192,
}

// timeSensitiveDeltaTokens is added to the base budget when an answer is
// wanted quickly. Medium keeps its budget; see the package documentation
// for why.
var timeSensitiveDeltaTokens = map[Complexity]int{
	Simple:      0,
	Medium:      0,
	Complex:     -2048,
	VeryComplex: -4096,
}

// Options are the circumstances of one task besides its complexity.
type Options struct {
	// TimeSensitive lowers the budget of complex and very complex tasks
	// so that the answer comes sooner.
	TimeSensitive bool
	// CostConstrained halves the budget, never below
	// claudeutils.MinBudgetTokens while thinking is on.
	CostConstrained bool
	// Support is what the answering model accepts, normally
	// Model.Thinking from the registry. The zero value is
	// claudeutils.NoThinking, which turns thinking off whatever the
	// task: set it from the model.
	Support claudeutils.ThinkingSupport
	// PreferEffort asks for an effort level instead of a budget on models
	// that take both (claudeutils.ManualAndAdaptive). Other models ignore
	// it.
	PreferEffort bool
}

// Decision is how much thinking one task gets, and why.
type Decision struct {
	Complexity Complexity `json:"complexity"`
	// Thinking is the setting to send with the request.
	Thinking claudeutils.Thinking `json:"-"`
	// BudgetTokens is the final budget the rules give the task, in
	// tokens; 0 means the rules want no thinking. Thinking carries it as
	// is on models that take budgets. On models that take an effort level
	// it is the budget that level stands for (see EffortFor), and on
	// models without thinking it is not sent at all.
	BudgetTokens int `json:"budget_tokens"`
	// Effort is the level sent with adaptive thinking, or "" when
	// Thinking is a budget or off.
	Effort claudeutils.Effort `json:"effort,omitempty"`
	// UseThinking reports whether Thinking asks for any thinking. It can
	// be true with BudgetTokens 0 on adaptive-only models, which cannot
	// turn thinking off and get the lowest effort instead.
	UseThinking     bool `json:"use_thinking"`
	TimeSensitive   bool `json:"time_sensitive"`
	CostConstrained bool `json:"cost_constrained"`
	// Reason lists the steps that led to the decision, for people to
	// read. Its wording may change; do not parse it.
	Reason string `json:"reason"`
}

// Allocate decides how much thinking a task of complexity c gets. It
// applies the rules in a fixed order: the base budget of c, then the
// time-sensitive adjustment, then the cost-constrained halving; a final
// budget under claudeutils.MinBudgetTokens means no thinking and becomes
// 0. It then expresses that budget in the form opt.Support accepts: a
// budget, an effort level (see EffortFor), or off.
//
// A complexity that is not one of Complexities is read as Medium, the
// classifier's own fallback, and the Reason says so. Allocate panics if
// opt.Support is not one of the claudeutils.ThinkingSupport constants.
func Allocate(c Complexity, opt Options) Decision {
	var why []string
	if !c.Valid() {
		why = append(why, fmt.Sprintf("unknown complexity %q read as medium", string(c)))
		c = Medium
	}

	budget, steps := ruleBudgetTokens(c, opt.TimeSensitive, opt.CostConstrained)
	why = append(why, steps...)

	th, note := thinkingFor(budget, opt)
	why = append(why, note)

	return Decision{
		Complexity:      c,
		Thinking:        th,
		BudgetTokens:    budget,
		Effort:          th.Effort,
		UseThinking:     th.Enabled(),
		TimeSensitive:   opt.TimeSensitive,
		CostConstrained: opt.CostConstrained,
		Reason:          strings.Join(why, "; "),
	}
}

// ruleBudgetTokens applies the budget rules to a valid complexity and
// returns the final budget with one line per step taken.
func ruleBudgetTokens(c Complexity, timeSensitive, costConstrained bool) (int, []string) {
	b := baseBudgetTokens[c]
	steps := []string{fmt.Sprintf("%s: base budget %d", c, b)}

	if timeSensitive {
		d := timeSensitiveDeltaTokens[c]
		b += d
		steps = append(steps, fmt.Sprintf("time-sensitive %+d gives %d", d, b))
	}

	// Halving applies only to a budget that would think: a smaller one is
	// already off, and raising it to the floor would turn thinking on to
	// save money.
	const floor = claudeutils.MinBudgetTokens
	if costConstrained && b >= floor {
		b = max(b/2, floor)
		steps = append(steps, fmt.Sprintf("cost-constrained halving gives %d (floor %d)", b, floor))
	}

	if b < floor {
		if b != 0 {
			steps = append(steps, fmt.Sprintf("%d is under the %d minimum, so 0", b, floor))
		}
		b = 0
	}
	return b, steps
}

// thinkingFor turns a final budget into the setting a model with the
// given support accepts, with a note that says which form was chosen.
func thinkingFor(budgetTokens int, opt Options) (claudeutils.Thinking, string) {
	support := opt.Support
	switch support {
	case claudeutils.NoThinking:
		return claudeutils.Off(), "model has no extended thinking: off"

	case claudeutils.ManualOnly, claudeutils.ManualAndAdaptive:
		if support == claudeutils.ManualAndAdaptive && opt.PreferEffort {
			e, ok := EffortFor(budgetTokens)
			if !ok {
				return claudeutils.Off(), "no thinking: off"
			}
			note := fmt.Sprintf("effort preferred: %d maps to effort=%s", budgetTokens, e)
			return claudeutils.Adaptive(e), note
		}
		ignored := ""
		if opt.PreferEffort {
			ignored = " (effort preferred, but the model takes only budgets)"
		}
		if budgetTokens == 0 {
			return claudeutils.Off(), "no thinking: off" + ignored
		}
		return claudeutils.Budget(budgetTokens), fmt.Sprintf("budget=%d%s", budgetTokens, ignored)

	case claudeutils.AdaptiveOnly:
		e, ok := EffortFor(budgetTokens)
		if !ok {
			return claudeutils.Adaptive(claudeutils.EffortLow),
				"adaptive-only model cannot turn thinking off: effort=low, at which it may skip thinking"
		}
		note := fmt.Sprintf("adaptive-only model: %d maps to effort=%s", budgetTokens, e)
		return claudeutils.Adaptive(e), note
	}
	panic(fmt.Sprintf("allocator: Allocate with unknown thinking support %v", support))
}
