package claudeutils

import (
	"errors"
	"fmt"
)

// Rules that Validate enforces before a request is sent. A *RuleError
// wraps one of them, so callers can test with errors.Is.
var (
	ErrEmptyPrompt         = errors.New("prompt must not be empty")
	ErrUnknownModel        = errors.New("model is not in the registry")
	ErrModelEndOfLife      = errors.New("model has reached end of life on Bedrock")
	ErrBudgetTooSmall      = errors.New("thinking budget must be at least 1024 tokens")
	ErrBudgetNotSupported  = errors.New("model takes only adaptive thinking with an effort level, not a token budget")
	ErrEffortNotSupported  = errors.New("model takes only a token budget, not an effort level")
	ErrThinkingUnsupported = errors.New("model does not support extended thinking")
	ErrBadEffort           = errors.New("effort must be one of low, medium, high, xhigh, max")
	ErrMaxTokens           = errors.New("max tokens must be positive and within the model's output limit")
	ErrTemperature         = errors.New("temperature must be between 0 and 1")
)

// ErrStreamIncomplete reports a ConverseStream response that ended
// without its final events, as when the connection drops midway. The call
// may be sent again.
var ErrStreamIncomplete = errors.New("stream ended before the model finished")

// RuleError reports a request that breaks one of the rules above. It names
// the rule, the offending value and the model.
type RuleError struct {
	Rule  error
	Field string
	Value any
	Model string
	// Limit, when not 0, is the bound the value broke, such as the
	// model's largest max tokens.
	Limit int
}

func (e *RuleError) Error() string {
	s := fmt.Sprintf("%s = %v: %v", e.Field, e.Value, e.Rule)
	if e.Model != "" {
		s = fmt.Sprintf("%s = %v for %s: %v", e.Field, e.Value, e.Model, e.Rule)
	}
	if e.Limit != 0 {
		s += fmt.Sprintf(" (%d)", e.Limit)
	}
	return s
}

// Unwrap returns the rule.
func (e *RuleError) Unwrap() error { return e.Rule }
