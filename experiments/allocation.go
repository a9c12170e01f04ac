package experiments

import (
	"context"
	"fmt"

	"github.com/thinkbudget/thinkbudget/allocator"
	"github.com/thinkbudget/thinkbudget/analysis"
	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/runner"
)

// AllocationResult is the allocation test: one row per prompt, the
// records of the answering calls, and the classifications behind them.
type AllocationResult struct {
	Rows            []analysis.AllocationRow
	Records         []analysis.Record
	Classifications []allocator.Classification
	Decisions       []allocator.Decision
}

// ClassifierCostUSD is what classifying the prompts cost in all.
func (a AllocationResult) ClassifierCostUSD() float64 {
	var sum float64
	for _, c := range a.Classifications {
		sum += c.Cost.TotalUSD
	}
	return sum
}

// Allocate classifies prompt with the small model and allocates thinking
// for it on the answering model.
func Allocate(ctx context.Context, env *Env, prompt string, timeSensitive, costConstrained bool) (allocator.Classification, allocator.Decision, error) {
	m, err := env.Model()
	if err != nil {
		return allocator.Classification{}, allocator.Decision{}, err
	}
	cl := env.classifier().Classify(ctx, prompt)
	return cl, allocator.Allocate(cl.Complexity, env.allocOptions(m, timeSensitive, costConstrained)), nil
}

// answerRequest builds the request that answers prompt under decision d,
// with answerTokens of room for the answer on top of the room for
// thinking: the budget, or for an effort level the room that
// analysis.EffortThinkingRoom gives it.
func answerRequest(modelID, prompt string, d allocator.Decision, answerTokens int) claudeutils.Request {
	maxTokens := answerTokens
	switch d.Thinking.Mode {
	case claudeutils.ThinkingManual:
		maxTokens += d.Thinking.BudgetTokens
	case claudeutils.ThinkingAdaptive:
		maxTokens += analysis.EffortThinkingRoom[d.Thinking.Effort]
	}
	return claudeutils.Request{ModelID: modelID, Prompt: prompt, MaxTokens: maxTokens, Thinking: d.Thinking}
}

// AllocationTest classifies each prompt, allocates its standard,
// time-sensitive and cost-constrained thinking, answers it under the
// standard decision with lesson.AllocationAnswerTokens of answer room,
// and records each answer in the history.
func AllocationTest(ctx context.Context, env *Env, prompts []lesson.AllocationPrompt) (AllocationResult, error) {
	var out AllocationResult
	m, err := env.Model()
	if err != nil {
		return out, err
	}
	calls := make([]runner.Call, len(prompts))
	for i, p := range prompts {
		cl := env.classifier().Classify(ctx, p.Prompt)
		if err := ctx.Err(); err != nil {
			return out, err
		}
		d := allocator.Allocate(cl.Complexity, env.allocOptions(m, false, false))
		out.Classifications = append(out.Classifications, cl)
		out.Decisions = append(out.Decisions, d)
		calls[i] = runner.Call{
			Label:   p.Name,
			Request: answerRequest(env.Session.Config.ModelID, p.Prompt, d, lesson.AllocationAnswerTokens),
		}
	}

	recs, runErr := analysis.RunCalls(ctx, env.Runner, analysis.ExperimentAllocation, calls, env.Simulated())
	byLabel := make(map[string]analysis.Record, len(recs))
	for _, r := range recs {
		byLabel[r.Label] = r
	}
	for i, p := range prompts {
		cl, d := out.Classifications[i], out.Decisions[i]
		rec, ok := byLabel[p.Name]
		if !ok {
			continue
		}
		ts := allocator.Allocate(cl.Complexity, env.allocOptions(m, true, false))
		cc := allocator.Allocate(cl.Complexity, env.allocOptions(m, false, true))
		out.Records = append(out.Records, rec)
		out.Rows = append(out.Rows, analysis.AllocationRow{
			Prompt:                      p.Name,
			Complexity:                  string(cl.Complexity),
			Thinking:                    d.UseThinking,
			BudgetTokens:                d.Thinking.BudgetTokens,
			Effort:                      string(d.Effort),
			TimeSensitiveBudgetTokens:   ts.Thinking.BudgetTokens,
			CostConstrainedBudgetTokens: cc.Thinking.BudgetTokens,
			ElapsedSeconds:              rec.ElapsedSeconds,
			TotalTokens:                 rec.TotalTokens,
			TotalCostUSD:                rec.TotalCostUSD,
			ClassifierSeconds:           cl.Elapsed.Seconds(),
			ClassifierCostUSD:           cl.Cost.TotalUSD,
		})
		if err := env.record(ctx, analysis.ExperimentAllocation, cl.Complexity, rec); err != nil {
			return out, err
		}
	}
	if runErr != nil {
		return out, fmt.Errorf("allocation test: %w", runErr)
	}
	return out, nil
}

// StrategyRows returns the strategy chart's data, from the allocator's
// rules alone (no model calls).
func StrategyRows() []analysis.StrategyRow {
	var rows []analysis.StrategyRow
	for _, r := range allocator.StrategyTable() {
		rows = append(rows, analysis.StrategyRow{
			Complexity:      string(r.Complexity),
			Standard:        r.StandardBudgetTokens,
			TimeSensitive:   r.TimeSensitiveBudgetTokens,
			CostConstrained: r.CostConstrainedBudgetTokens,
		})
	}
	return rows
}

// Answer answers prompt under decision d, with answerTokens of answer
// room, and records the run in the history.
func Answer(ctx context.Context, env *Env, prompt string, cl allocator.Classification, d allocator.Decision,
	answerTokens int) (*claudeutils.Result, error) {
	res, err := env.Session.Client.Invoke(ctx, answerRequest(env.Session.Config.ModelID, prompt, d, answerTokens))
	if err != nil {
		return nil, err
	}
	return res, env.record(ctx, "allocate", cl.Complexity, analysis.NewRecord("allocate", "", res, env.Simulated()))
}
