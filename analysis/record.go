package analysis

import "github.com/thinkbudget/thinkbudget/claudeutils"

// Experiment names used in Record.Experiment.
const (
	ExperimentSweep      = "sweep"
	ExperimentAllocation = "allocation"
	ExperimentCaseStudy  = "case_study"
)

// Record is one finished call of an experiment, flattened for tables.
// Times are in seconds and costs in USD, as the field names say.
type Record struct {
	// Experiment is one of ExperimentSweep, ExperimentAllocation and
	// ExperimentCaseStudy, or a caller's own name.
	Experiment string `json:"experiment"`
	// Label names the call within its experiment, such as a prompt name.
	Label   string `json:"label"`
	ModelID string `json:"model_id"`
	// Thinking is the setting as claudeutils.Thinking.String renders it:
	// "off", "budget=4096" or "effort=high".
	Thinking string `json:"thinking"`
	// BudgetTokens is the manual thinking budget, 0 when thinking is off
	// or adaptive.
	BudgetTokens int `json:"budget_tokens"`
	// Effort is the adaptive effort level, empty unless adaptive.
	Effort string `json:"effort,omitempty"`
	// MaxTokens is the max tokens sent, after any adjustment.
	MaxTokens int `json:"max_tokens"`
	// ElapsedSeconds is Result.Elapsed: the server's latency when it
	// reported one, the wall time otherwise.
	ElapsedSeconds float64 `json:"elapsed_seconds"`
	// WallSeconds is the time the client measured around the whole call,
	// retries included.
	WallSeconds float64 `json:"wall_seconds"`
	// FirstAnswerSeconds is the time to the first answer-text delta of a
	// streamed call, 0 when the call was not streamed.
	FirstAnswerSeconds float64 `json:"first_answer_seconds,omitempty"`

	InputTokens  int `json:"input_tokens"`
	OutputTokens int `json:"output_tokens"`
	TotalTokens  int `json:"total_tokens"`

	InputCostUSD  float64 `json:"input_cost_usd"`
	OutputCostUSD float64 `json:"output_cost_usd"`
	TotalCostUSD  float64 `json:"total_cost_usd"`

	// TokensPerSecond is TotalTokens over ElapsedSeconds, the lesson's
	// "efficiency"; 0 when no time was measured.
	TokensPerSecond float64 `json:"tokens_per_second"`
	StopReason      string  `json:"stop_reason"`
	// Attempts is how many times the call was sent.
	Attempts int `json:"attempts"`

	Answer       string `json:"answer"`
	ThinkingText string `json:"thinking_text,omitempty"`
	// ThinkingRedacted is true when the reasoning came back encrypted, so
	// ThinkingText is empty although the model thought.
	ThinkingRedacted bool `json:"thinking_redacted,omitempty"`
	// Simulated is true when the built-in emulator, not Bedrock, answered.
	Simulated bool `json:"simulated"`
	// Correct is whether the answer was right, when the experiment had a
	// way to check it (see SweepConfig.Grade); nil when not checked.
	Correct *bool `json:"correct,omitempty"`
	// Adjustments lists the values changed before sending, such as max
	// tokens raised above the budget.
	Adjustments []claudeutils.Adjustment `json:"adjustments,omitempty"`
	// Reused is true when the result came from a run journal or response
	// cache instead of a call made in this run.
	Reused bool `json:"reused,omitempty"`
}

// NewRecord flattens r, one call of the named experiment, into a Record.
// A nil r gives a Record that holds only experiment, label and simulated.
//
// The thinking setting is taken from r.Thinking; when that is off but
// r.ThinkingSetting names another setting (a Result read back from JSON,
// where Thinking is not stored), the setting is parsed from the string.
func NewRecord(experiment, label string, r *claudeutils.Result, simulated bool) Record {
	rec := Record{Experiment: experiment, Label: label, Simulated: simulated}
	if r == nil {
		return rec
	}
	rec.Simulated = simulated || r.Simulated
	rec.Adjustments = r.Adjustments

	th := r.Thinking
	if th.Mode == claudeutils.ThinkingOff && r.ThinkingSetting != "" {
		if parsed, err := claudeutils.ParseThinking(r.ThinkingSetting); err == nil {
			th = parsed
		}
	}
	rec.Thinking = th.String()
	switch th.Mode {
	case claudeutils.ThinkingManual:
		rec.BudgetTokens = th.BudgetTokens
	case claudeutils.ThinkingAdaptive:
		rec.Effort = string(th.Effort)
	}

	rec.ModelID = r.ModelID
	rec.MaxTokens = r.MaxTokens
	rec.ElapsedSeconds = r.Elapsed().Seconds()
	rec.WallSeconds = r.WallTime.Seconds()
	if r.Streamed {
		rec.FirstAnswerSeconds = r.TimeToFirstAnswerToken.Seconds()
	}
	rec.InputTokens = r.Usage.InputTokens
	rec.OutputTokens = r.Usage.OutputTokens
	rec.TotalTokens = r.Usage.TotalTokens
	rec.InputCostUSD = r.Cost.InputUSD
	rec.OutputCostUSD = r.Cost.OutputUSD
	rec.TotalCostUSD = r.Cost.TotalUSD
	rec.TokensPerSecond = r.TokensPerSecond()
	rec.StopReason = r.StopReason
	rec.Attempts = r.Attempts
	rec.Answer = r.Answer
	rec.ThinkingText = r.ThinkingText
	rec.ThinkingRedacted = r.ThinkingRedacted
	return rec
}

// AnySimulated reports whether any record was answered by the built-in
// emulator, so that whatever shows them says the numbers are simulated.
func AnySimulated(recs []Record) bool {
	for _, r := range recs {
		if r.Simulated {
			return true
		}
	}
	return false
}
