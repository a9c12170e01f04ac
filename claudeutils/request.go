package claudeutils

import (
	"strings"
	"time"
)

// DefaultSystemPrompt is sent when a Request leaves System empty.
const DefaultSystemPrompt = "You are a careful assistant. Answer accurately and show the key steps of your reasoning."

// Request is one call to Claude.
type Request struct {
	// ModelID is a base model ID, a cross-region profile ID or an ARN.
	ModelID string
	Prompt  string
	// System is the system prompt; empty means DefaultSystemPrompt.
	System string
	// MaxTokens bounds the output, thinking included. When thinking with
	// a budget and MaxTokens is not above the budget, MaxTokens is read
	// as the room wanted for the answer and raised to budget + MaxTokens;
	// the Result reports the adjustment.
	MaxTokens int
	// Temperature is sent when not nil. With thinking on it is forced to
	// 1, and the Result reports that.
	Temperature *float64
	Thinking    Thinking
	// Stream selects ConverseStream instead of Converse.
	Stream bool
}

// Adjustment records a value that was changed before sending, and why.
type Adjustment struct {
	Field  string `json:"field"`
	From   any    `json:"from"`
	To     any    `json:"to"`
	Reason string `json:"reason"`
}

// Result is the outcome of one successful call.
type Result struct {
	ModelID  string   `json:"model_id"`
	Thinking Thinking `json:"-"`
	// ThinkingSetting is Thinking.String(), for JSON and CSV.
	ThinkingSetting string `json:"thinking"`
	// MaxTokens is the value sent, after any adjustment.
	MaxTokens   int          `json:"max_tokens"`
	Adjustments []Adjustment `json:"adjustments,omitempty"`

	Answer       string `json:"answer"`
	ThinkingText string `json:"thinking_text,omitempty"`
	// ThinkingRedacted is true when a reasoning block came back as
	// encrypted redactedContent instead of text.
	ThinkingRedacted bool `json:"thinking_redacted,omitempty"`
	// ThinkingSignature proves the thinking block to the model on a later
	// turn. It is kept in memory only and never written out.
	ThinkingSignature string `json:"-"`
	StopReason        string `json:"stop_reason"`

	Usage Usage `json:"usage"`
	Cost  Cost  `json:"cost"`
	// ServerLatency is metrics.latencyMs as the backend reported it, or
	// zero when it reported none.
	ServerLatency time.Duration `json:"-"`
	// WallTime is measured by the client around the whole call.
	WallTime time.Duration `json:"-"`
	// TimeToFirstToken and TimeToFirstAnswerToken are measured on
	// streamed calls only: to the first delta of any kind, and to the
	// first answer-text delta.
	TimeToFirstToken       time.Duration `json:"-"`
	TimeToFirstAnswerToken time.Duration `json:"-"`
	Streamed               bool          `json:"streamed"`
	// Attempts is how many times the call was sent (1 without retries).
	Attempts int `json:"attempts"`
	// Simulated is true when the built-in emulator made the answer up
	// (it marks its responses with SimulatedHeader), wherever it runs.
	Simulated bool `json:"simulated,omitempty"`
}

// Elapsed is the server-reported latency when the backend gave one, the
// wall time otherwise.
func (r *Result) Elapsed() time.Duration {
	if r.ServerLatency > 0 {
		return r.ServerLatency
	}
	return r.WallTime
}

// TokensPerSecond is total tokens divided by Elapsed, the lesson's
// "efficiency". It rewards long answers, not good ones.
func (r *Result) TokensPerSecond() float64 {
	s := r.Elapsed().Seconds()
	if s <= 0 {
		return 0
	}
	return float64(r.Usage.TotalTokens) / s
}

// Prepared is a request after validation, ready to send.
type Prepared struct {
	Request
	Model       Model
	Adjustments []Adjustment
}

// Validate checks req against the rules for its model, before any call,
// and returns the request as it will be sent. Errors are *RuleError.
//
// The rules: the prompt is not blank; the model is known and not at end
// of life; a budget is at least MinBudgetTokens and only for models that
// take budgets; an effort is valid and only for models that take efforts;
// max tokens is positive and within the model's limit. With a budget,
// max tokens must exceed it: when it does not, MaxTokens is read as the
// answer room and raised to budget + MaxTokens. With thinking on, a
// temperature other than 1 is replaced by 1. Both changes are listed in
// Adjustments.
func Validate(reg *Registry, req Request) (Prepared, error) {
	p := Prepared{Request: req}
	if strings.TrimSpace(req.Prompt) == "" {
		return p, &RuleError{Rule: ErrEmptyPrompt, Field: "prompt", Value: `""`}
	}
	m, ok := reg.Lookup(req.ModelID)
	if !ok {
		return p, &RuleError{Rule: ErrUnknownModel, Field: "model", Value: req.ModelID}
	}
	p.Model = m
	if m.Lifecycle == EndOfLife {
		return p, &RuleError{Rule: ErrModelEndOfLife, Field: "model", Value: req.ModelID}
	}
	if req.MaxTokens <= 0 || (m.MaxOutputTokens > 0 && req.MaxTokens > m.MaxOutputTokens) {
		return p, &RuleError{Rule: ErrMaxTokens, Field: "max_tokens", Value: req.MaxTokens, Model: m.Name,
			Limit: m.MaxOutputTokens}
	}
	if t := req.Temperature; t != nil && (*t < 0 || *t > 1) {
		return p, &RuleError{Rule: ErrTemperature, Field: "temperature", Value: *t}
	}

	th := req.Thinking
	switch th.Mode {
	case ThinkingManual:
		if !m.Thinking.AcceptsBudget() {
			rule := ErrBudgetNotSupported
			if m.Thinking == NoThinking {
				rule = ErrThinkingUnsupported
			}
			return p, &RuleError{Rule: rule, Field: "budget_tokens", Value: th.BudgetTokens, Model: m.Name}
		}
		if th.BudgetTokens < MinBudgetTokens {
			return p, &RuleError{Rule: ErrBudgetTooSmall, Field: "budget_tokens", Value: th.BudgetTokens}
		}
		if req.MaxTokens <= th.BudgetTokens {
			to := th.BudgetTokens + req.MaxTokens
			if m.MaxOutputTokens > 0 && to > m.MaxOutputTokens {
				return p, &RuleError{Rule: ErrMaxTokens, Field: "max_tokens", Value: to, Model: m.Name,
					Limit: m.MaxOutputTokens}
			}
			p.Adjustments = append(p.Adjustments, Adjustment{
				Field: "max_tokens", From: req.MaxTokens, To: to,
				Reason: "max tokens must exceed the thinking budget; the requested max tokens became the answer room on top of the budget",
			})
			p.MaxTokens = to
		}
	case ThinkingAdaptive:
		if !th.Effort.Valid() {
			return p, &RuleError{Rule: ErrBadEffort, Field: "effort", Value: th.Effort}
		}
		if !m.Thinking.AcceptsEffort() {
			rule := ErrEffortNotSupported
			if m.Thinking == NoThinking {
				rule = ErrThinkingUnsupported
			}
			return p, &RuleError{Rule: rule, Field: "effort", Value: th.Effort, Model: m.Name}
		}
	}
	if th.Enabled() && req.Temperature != nil && *req.Temperature != 1 {
		one := 1.0
		p.Adjustments = append(p.Adjustments, Adjustment{
			Field: "temperature", From: *req.Temperature, To: one,
			Reason: "temperature may only be 1 when thinking is enabled",
		})
		p.Temperature = &one
	}
	if p.System == "" {
		p.System = DefaultSystemPrompt
	}
	return p, nil
}
