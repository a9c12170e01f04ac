package experiments

import (
	"context"
	"fmt"
	"time"

	"github.com/thinkbudget/thinkbudget/allocator"
	"github.com/thinkbudget/thinkbudget/analysis"
	"github.com/thinkbudget/thinkbudget/backend"
	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/runner"
)

// Env is what an experiment runs with.
type Env struct {
	Session *backend.Session
	// Runner sends the answering calls; its Invoker must be
	// Session.Client.
	Runner *runner.Runner
	// History, when set, records every answered task.
	History *allocator.History
	// PreferEffort asks for effort levels on models that take both
	// budgets and efforts.
	PreferEffort bool
}

// NewEnv returns an Env with a default Runner for s.
func NewEnv(s *backend.Session) *Env {
	return &Env{Session: s, Runner: &runner.Runner{Invoker: s.Client}}
}

// Simulated reports whether the emulator answers.
func (e *Env) Simulated() bool { return e.Session.Simulated() }

// Model returns the registry entry of the answering model.
func (e *Env) Model() (claudeutils.Model, error) {
	m, ok := e.Session.Client.Registry.Lookup(e.Session.Config.ModelID)
	if !ok {
		return m, &claudeutils.RuleError{Rule: claudeutils.ErrUnknownModel, Field: "model", Value: e.Session.Config.ModelID}
	}
	return m, nil
}

// classifier returns the small-model classifier of the session. Its
// calls go through the Runner, so a journal or response cache attached to
// the Runner keeps them too.
func (e *Env) classifier() *allocator.Classifier {
	return &allocator.Classifier{Invoker: e.Runner.Single("classify"), ModelID: e.Session.Config.SmallModelID}
}

// allocOptions returns allocator options for the answering model.
func (e *Env) allocOptions(m claudeutils.Model, timeSensitive, costConstrained bool) allocator.Options {
	return allocator.Options{
		TimeSensitive: timeSensitive, CostConstrained: costConstrained,
		Support: m.Thinking, PreferEffort: e.PreferEffort,
	}
}

// record adds one answered task to the history, if there is one. A
// record reused from a journal or cache is skipped: the run that made the
// call recorded it.
func (e *Env) record(ctx context.Context, source string, c allocator.Complexity, r analysis.Record) error {
	if e.History == nil || r.Reused {
		return nil
	}
	err := e.History.Record(ctx, allocator.Run{
		Time:           time.Now(),
		ModelID:        r.ModelID,
		Complexity:     c,
		Thinking:       r.Thinking,
		BudgetTokens:   r.BudgetTokens,
		Effort:         r.Effort,
		ElapsedSeconds: r.ElapsedSeconds,
		InputTokens:    r.InputTokens,
		OutputTokens:   r.OutputTokens,
		TotalTokens:    r.TotalTokens,
		CostUSD:        r.TotalCostUSD,
		StopReason:     r.StopReason,
		Source:         source,
	})
	if err != nil {
		return fmt.Errorf("record history: %w", err)
	}
	return nil
}
