package claudeutils

import (
	"fmt"
	"strconv"
	"strings"
)

// MinBudgetTokens is the smallest thinking budget Bedrock accepts.
const MinBudgetTokens = 1024

// Effort is an adaptive-thinking effort level.
type Effort string

// The effort levels Bedrock accepts in outputConfig.effort, from least to
// most thinking. High is the model's default.
const (
	EffortLow    Effort = "low"
	EffortMedium Effort = "medium"
	EffortHigh   Effort = "high"
	EffortXHigh  Effort = "xhigh"
	EffortMax    Effort = "max"
)

// Efforts lists the effort levels from least to most thinking.
var Efforts = []Effort{EffortLow, EffortMedium, EffortHigh, EffortXHigh, EffortMax}

// Valid reports whether e is one of Efforts.
func (e Effort) Valid() bool {
	for _, x := range Efforts {
		if e == x {
			return true
		}
	}
	return false
}

// ThinkingMode is how a request asks the model to think.
type ThinkingMode int

const (
	// ThinkingOff sends no thinking configuration.
	ThinkingOff ThinkingMode = iota
	// ThinkingManual sends a token budget ("thinking.type.enabled").
	ThinkingManual
	// ThinkingAdaptive sends "thinking.type.adaptive" with an effort level.
	ThinkingAdaptive
)

// Thinking is one thinking setting: off, a token budget, or an effort
// level. The zero value is off.
type Thinking struct {
	Mode ThinkingMode
	// BudgetTokens is the manual budget; used only in ThinkingManual.
	BudgetTokens int
	// Effort is the adaptive effort; used only in ThinkingAdaptive.
	Effort Effort
}

// Off returns the setting with no extended thinking.
func Off() Thinking { return Thinking{} }

// Budget returns a manual thinking setting with the given token budget.
func Budget(tokens int) Thinking { return Thinking{Mode: ThinkingManual, BudgetTokens: tokens} }

// Adaptive returns an adaptive thinking setting at the given effort.
func Adaptive(e Effort) Thinking { return Thinking{Mode: ThinkingAdaptive, Effort: e} }

// Enabled reports whether the setting asks for any thinking.
func (t Thinking) Enabled() bool { return t.Mode != ThinkingOff }

// String renders the setting as "off", "budget=4096" or "effort=high";
// ParseThinking reads the same forms.
func (t Thinking) String() string {
	switch t.Mode {
	case ThinkingManual:
		return "budget=" + strconv.Itoa(t.BudgetTokens)
	case ThinkingAdaptive:
		return "effort=" + string(t.Effort)
	}
	return "off"
}

// ParseThinking reads "off", "budget=N" (or a bare number N) and
// "effort=LEVEL" (or a bare level). It checks the form, not the rules that
// depend on a model; Validate does that.
func ParseThinking(s string) (Thinking, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "off" || s == "none" || s == "0" {
		return Off(), nil
	}
	key, val, found := strings.Cut(s, "=")
	if !found {
		val = key
		if _, err := strconv.Atoi(val); err == nil {
			key = "budget"
		} else {
			key = "effort"
		}
	}
	switch key {
	case "budget":
		n, err := strconv.Atoi(val)
		if err != nil {
			return Thinking{}, fmt.Errorf("thinking budget %q is not a whole number of tokens", val)
		}
		return Budget(n), nil
	case "effort":
		e := Effort(val)
		if !e.Valid() {
			return Thinking{}, fmt.Errorf("effort %q is not one of low, medium, high, xhigh, max", val)
		}
		return Adaptive(e), nil
	}
	return Thinking{}, fmt.Errorf("thinking setting %q: want off, budget=N or effort=LEVEL", s)
}
