package runner_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/runner"
)

func ptr[T any](v T) *T { return &v }

// budgetCall is a call of a sweep on the default model.
func budgetCall(budget, maxTokens int) runner.Call {
	th := claudeutils.Budget(budget)
	return runner.Call{Label: th.String(), Request: claudeutils.Request{
		ModelID: claudeutils.DefaultModelID, Prompt: "What is 2+2?", MaxTokens: maxTokens, Thinking: th,
	}}
}

// Ensure a key is the SHA-256 of the documented encoding; the value was
// checked against Python's json.dumps with separators=(",", ":").
func TestKey_golden(t *testing.T) {
	const want = "b645f84c8fab8be4134572806030bfad2b04bc1c6b8392e234ef5519768b1969"
	if got := runner.Key(budgetCall(4096, 8192)); got != want {
		t.Errorf("Key = %s, want %s", got, want)
	}
}

// Ensure requests that go on the wire alike share a key and requests that
// do not, do not.
func TestKey_sameAndDifferent(t *testing.T) {
	base := budgetCall(4096, 8192)
	with := func(f func(c *runner.Call)) runner.Call {
		c := base
		f(&c)
		return c
	}
	tests := []struct {
		name string
		call runner.Call
		same bool
	}{
		{"label ignored", with(func(c *runner.Call) { c.Label = "other" }), true},
		{"default system spelled out", with(func(c *runner.Call) { c.Request.System = claudeutils.DefaultSystemPrompt }), true},
		{"max tokens as answer room", with(func(c *runner.Call) { c.Request.MaxTokens = 4096 }), true},
		{"temperature forced to 1", with(func(c *runner.Call) { c.Request.Temperature = ptr(0.2) }), false},
		{"other prompt", with(func(c *runner.Call) { c.Request.Prompt = "What is 3+3?" }), false},
		{"other system", with(func(c *runner.Call) { c.Request.System = "Be brief." }), false},
		{"other budget", with(func(c *runner.Call) { c.Request.Thinking = claudeutils.Budget(2048) }), false},
		{"other max tokens", with(func(c *runner.Call) { c.Request.MaxTokens = 8193 }), false},
		{"streamed", with(func(c *runner.Call) { c.Request.Stream = true }), false},
		{"repeat 1", with(func(c *runner.Call) { c.Repeat = 1 }), false},
		{"other model", with(func(c *runner.Call) { c.Request.ModelID = "anthropic.claude-sonnet-4-5-20250929-v1:0" }), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := runner.Key(tt.call) == runner.Key(base); got != tt.same {
				t.Errorf("same key = %v, want %v", got, tt.same)
			}
		})
	}
}

// Ensure the validated form is what is keyed: a temperature other than 1
// under thinking is sent as 1, and large max tokens force streaming.
func TestKeyFieldsOf(t *testing.T) {
	tests := []struct {
		name string
		call runner.Call
		want runner.KeyFields
	}{
		{"answer room raised above budget", budgetCall(4096, 1000), runner.KeyFields{
			ModelID: claudeutils.DefaultModelID, System: claudeutils.DefaultSystemPrompt, Prompt: "What is 2+2?",
			Thinking: "budget=4096", MaxTokens: 5096,
		}},
		{"thinking forces temperature 1", runner.Call{Request: claudeutils.Request{
			ModelID: claudeutils.DefaultModelID, Prompt: "p", MaxTokens: 30000, Temperature: ptr(0.3),
			Thinking: claudeutils.Budget(1024),
		}, Repeat: 2}, runner.KeyFields{
			ModelID: claudeutils.DefaultModelID, System: claudeutils.DefaultSystemPrompt, Prompt: "p",
			Thinking: "budget=1024", MaxTokens: 30000, Temperature: ptr(1.0), Stream: true, Repeat: 2,
		}},
		{"invalid request keyed as given", runner.Call{Request: claudeutils.Request{
			ModelID: "no-such-model", Prompt: "p", MaxTokens: 10, Temperature: ptr(0.0),
		}}, runner.KeyFields{
			ModelID: "no-such-model", System: claudeutils.DefaultSystemPrompt, Prompt: "p",
			Thinking: "off", MaxTokens: 10, Temperature: ptr(0.0),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, runner.KeyFieldsOf(tt.call)); diff != "" {
				t.Errorf("KeyFieldsOf (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKeyFields_Summary(t *testing.T) {
	got := runner.KeyFieldsOf(budgetCall(4096, 8192)).Summary()
	want := runner.RequestSummary{
		ModelID: claudeutils.DefaultModelID, Thinking: "budget=4096", MaxTokens: 8192,
		// printf '%s' "$prompt" | sha256sum, for the prompt and the default
		// system prompt.
		PromptSHA256: "52cb6b5e4a038af1756708f98afb718a08c75b87b2f03dbee4dd9c8139c15c5e",
		SystemSHA256: "08600272712c5217f5288d376163c9e2f12b7a16f0b28856456f56af7edd7a03",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summary (-want +got):\n%s", diff)
	}
}
