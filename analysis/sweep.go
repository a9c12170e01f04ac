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
	// Efforts, when set, sweeps adaptive-thinking effort levels instead
	// of budgets, for models that take only an effort level. Each call
	// then gets AnswerTokens + the budget that stands for the level in
	// EffortMaxTokens, unless MaxTokens is set.
	Efforts []claudeutils.Effort
	// AnswerTokens is the room for the answer on top of each budget: each
	// call gets max tokens = budget + AnswerTokens. 0 means
	// DefaultAnswerTokens. Ignored when MaxTokens is set.
	AnswerTokens int
	// MaxTokens, when set, is sent unchanged with every budget (and
	// raised, with a note in the result, when it is not above a budget).
	MaxTokens int
	// Grade, when set, checks each answer, and the records carry the
	// verdict in Correct: a rough measure of quality beside the cost.
	Grade func(answer string) bool
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
	var settings []claudeutils.Thinking
	for _, b := range cfg.BudgetTokens {
		settings = append(settings, claudeutils.Budget(b))
	}
	for _, e := range cfg.Efforts {
		settings = append(settings, claudeutils.Adaptive(e))
	}
	calls := make([]runner.Call, len(settings))
	for i, th := range settings {
		maxTokens := cfg.MaxTokens
		if maxTokens == 0 {
			maxTokens = answer + th.BudgetTokens
			if th.Mode == claudeutils.ThinkingAdaptive {
				maxTokens = answer + EffortThinkingRoom[th.Effort]
			}
		}
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

// EffortThinkingRoom is the room for thinking, in tokens, that an effort
// sweep leaves each level on top of the answer room. Adaptive thinking
// has no budget, so this bounds how far each level may think; the
// figures double from low to max like the lesson's budgets.
var EffortThinkingRoom = map[claudeutils.Effort]int{
	claudeutils.EffortLow:    2048,
	claudeutils.EffortMedium: 4096,
	claudeutils.EffortHigh:   8192,
	claudeutils.EffortXHigh:  16384,
	claudeutils.EffortMax:    32768,
}

// RunSweep runs the sweep with r and returns one Record per budget, in
// budget order. It stops at the first failed call and returns the records
// that succeeded with the error; records of calls still unfinished are
// left out.
func RunSweep(ctx context.Context, r *runner.Runner, cfg SweepConfig, simulated bool) ([]Record, error) {
	recs, err := RunCalls(ctx, r, ExperimentSweep, SweepCalls(cfg), simulated)
	if cfg.Grade != nil {
		for i := range recs {
			ok := cfg.Grade(recs[i].Answer)
			recs[i].Correct = &ok
		}
	}
	return recs, err
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
