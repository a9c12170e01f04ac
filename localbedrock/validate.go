package localbedrock

import (
	"sort"
	"strings"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// callSpec is a model call decoded from either wire form (Converse or an
// Anthropic Messages body), before the model's own rules are applied.
type callSpec struct {
	system       string
	prompt       string
	contextChars int
	// maxTokens is 0 when the request gave none.
	maxTokens     int
	temperature   *float64
	topP          *float64
	topK          bool
	thinking      *thinkingConfig
	effort        *string
	forcedTool    bool
	stopSequences []string
	// extraKeys are model request fields the model does not know.
	extraKeys []string
}

// knownModelFields are the model request fields (additionalModelRequestFields
// in Converse) that the simulated Claude accepts. "reasoning_config" is
// read as an older name for "thinking".
var knownModelFields = map[string]bool{
	"thinking": true, "reasoning_config": true, "top_k": true,
	"output_config": true, "anthropic_beta": true,
}

// validateSpec applies the model's rules to a decoded call, in the order
// Bedrock's model-side validation is assumed to check them, and returns
// the call as the simulation sees it.
func validateSpec(m claudeutils.Model, c callSpec) (SimRequest, *apiError) {
	if len(c.extraKeys) > 0 {
		sort.Strings(c.extraKeys)
		return SimRequest{}, validationf(msgExtraInputFmt, c.extraKeys[0])
	}
	maxTokens := c.maxTokens
	if maxTokens == 0 {
		maxTokens = m.MaxOutputTokens
	}
	if m.MaxOutputTokens > 0 && maxTokens > m.MaxOutputTokens {
		return SimRequest{}, validationf(msgMaxTokensOverFmt, maxTokens, m.MaxOutputTokens, m.ID)
	}

	th, err := thinkingOf(m, c.thinking, maxTokens)
	if err != nil {
		return SimRequest{}, err
	}
	if c.effort != nil {
		if !m.Thinking.AcceptsEffort() {
			return SimRequest{}, validation(msgEffortExtra)
		}
		e := claudeutils.Effort(*c.effort)
		if !e.Valid() {
			return SimRequest{}, validation(msgBadEffort)
		}
		if th.Mode == claudeutils.ThinkingAdaptive {
			th.Effort = e
		}
	}

	if th.Enabled() {
		switch {
		case c.temperature != nil && *c.temperature != 1 && th.Mode == claudeutils.ThinkingAdaptive:
			return SimRequest{}, validation(msgTemperatureAdaptive)
		case c.temperature != nil && *c.temperature != 1:
			return SimRequest{}, validation(msgTemperature)
		case c.topP != nil && *c.topP < minTopPWithThinking:
			return SimRequest{}, validation(msgTopP)
		case c.topK:
			return SimRequest{}, validation(msgTopK)
		case c.forcedTool:
			return SimRequest{}, validation(msgForcedTool)
		}
	}
	return SimRequest{
		System:        c.system,
		Prompt:        c.prompt,
		ContextChars:  c.contextChars,
		MaxTokens:     maxTokens,
		Thinking:      th,
		StopSequences: c.stopSequences,
	}, nil
}

// minTopPWithThinking is the lowest top_p accepted with thinking on.
const minTopPWithThinking = 0.95

// thinkingOf reads the thinking configuration against what the model
// accepts. Adaptive thinking starts at the default effort, high.
func thinkingOf(m claudeutils.Model, tc *thinkingConfig, maxTokens int) (claudeutils.Thinking, *apiError) {
	if tc == nil {
		return claudeutils.Off(), nil
	}
	if m.Thinking == claudeutils.NoThinking {
		return claudeutils.Thinking{}, validation(msgNoThinking)
	}
	switch tc.Type {
	case "enabled":
		if m.Thinking == claudeutils.AdaptiveOnly {
			return claudeutils.Thinking{}, validation(msgAdaptiveOnly)
		}
		if tc.BudgetTokens == "" {
			return claudeutils.Thinking{}, validation(msgBudgetMissing)
		}
		n, err := tc.BudgetTokens.Int64()
		if err != nil {
			return claudeutils.Thinking{}, validation(msgBudgetNotInt)
		}
		if n < claudeutils.MinBudgetTokens {
			return claudeutils.Thinking{}, validation(msgBudgetTooLow)
		}
		if n >= int64(maxTokens) {
			return claudeutils.Thinking{}, validation(msgBudgetVsMax)
		}
		return claudeutils.Budget(int(n)), nil
	case "adaptive":
		if !m.Thinking.AcceptsEffort() {
			return claudeutils.Thinking{}, validationf(msgThinkingTagFmt, tc.Type, tagList(m))
		}
		return claudeutils.Adaptive(claudeutils.EffortHigh), nil
	case "disabled":
		if m.Thinking == claudeutils.AdaptiveOnly {
			return claudeutils.Thinking{}, validation(msgAdaptiveOnly)
		}
		return claudeutils.Off(), nil
	}
	return claudeutils.Thinking{}, validationf(msgThinkingTagFmt, tc.Type, tagList(m))
}

// tagList names the thinking types a model accepts, quoted and sorted,
// for the unknown-tag message.
func tagList(m claudeutils.Model) string {
	var tags []string
	if m.Thinking.AcceptsEffort() {
		tags = append(tags, "'adaptive'")
	}
	if m.Thinking != claudeutils.AdaptiveOnly {
		tags = append(tags, "'disabled'")
	}
	if m.Thinking.AcceptsBudget() {
		tags = append(tags, "'enabled'")
	}
	return strings.Join(tags, ", ")
}
