package analysis

import (
	"context"
	"fmt"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/runner"
)

// DefaultAnswerTokens is the answer room a sweep gives each call on top of
// its budget, so that every budget leaves the answer the same space.
const DefaultAnswerTokens = 4096

// SweepConfig describes a budget sweep: one prompt at several thinking
// budgets.
type SweepConfig struct {
	ModelID string
	Prompt  string
	// System is the system prompt; empty means the client's default.
	System       string
	BudgetTokens []int
	// AnswerTokens is the room for the answer on top of each budget: each
	// call gets max tokens = budget + AnswerTokens. 0 means
	// DefaultAnswerTokens. Ignored when MaxTokens is set.
	AnswerTokens int
	// MaxTokens, when set, is sent unchanged with every budget (and
	// raised, with a note in the result, when it is not above a budget).
	MaxTokens int
	// Stream sends every call through ConverseStream.
	Stream bool
}

// SweepCalls returns the calls of a sweep, one per budget, in the order
// of cfg.BudgetTokens.
func SweepCalls(cfg SweepConfig) []runner.Call {
	answer := cfg.AnswerTokens
	if answer <= 0 {
		answer = DefaultAnswerTokens
	}
	calls := make([]runner.Call, len(cfg.BudgetTokens))
	for i, b := range cfg.BudgetTokens {
		maxTokens := cfg.MaxTokens
		if maxTokens == 0 {
			maxTokens = b + answer
		}
		th := claudeutils.Budget(b)
		calls[i] = runner.Call{
			Label: th.String(),
			Request: claudeutils.Request{
				ModelID:   cfg.ModelID,
				Prompt:    cfg.Prompt,
				System:    cfg.System,
				MaxTokens: maxTokens,
				Thinking:  th,
				Stream:    cfg.Stream,
			},
		}
	}
	return calls
}

// RunSweep runs the sweep with r and returns one Record per budget, in
// budget order. It stops at the first failed call and returns the records
// that succeeded with the error; records of calls still unfinished are
// left out.
func RunSweep(ctx context.Context, r *runner.Runner, cfg SweepConfig, simulated bool) ([]Record, error) {
	return RunCalls(ctx, r, ExperimentSweep, SweepCalls(cfg), simulated)
}

// RunCalls runs calls with r as one experiment and returns a Record per
// successful call, in input order. When any call failed, or the run
// stopped early, the error names every failed call and the records of
// the successful ones are still returned.
func RunCalls(ctx context.Context, r *runner.Runner, experiment string, calls []runner.Call, simulated bool) ([]Record, error) {
	outcomes, runErr := r.Run(ctx, calls)
	recs := make([]Record, 0, len(outcomes))
	var firstErr error
	failed := 0
	for _, o := range outcomes {
		if o.Err != nil {
			failed++
			if firstErr == nil {
				firstErr = fmt.Errorf("%s: %w", o.Call.Label, o.Err)
			}
			continue
		}
		rec := NewRecord(experiment, o.Call.Label, o.Result, simulated)
		rec.Reused = o.Reused
		recs = append(recs, rec)
	}
	switch {
	case runErr != nil:
		return recs, fmt.Errorf("%s: %d of %d calls unfinished: %w", experiment, failed, len(calls), runErr)
	case firstErr != nil:
		return recs, fmt.Errorf("%s: %d of %d calls failed; first: %w", experiment, failed, len(calls), firstErr)
	}
	return recs, nil
}
