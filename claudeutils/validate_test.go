package claudeutils

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestValidate_rules(t *testing.T) {
	base := Request{ModelID: DefaultModelID, Prompt: "Why is the sky blue?", MaxTokens: 8000}
	with := func(f func(*Request)) Request { r := base; f(&r); return r }
	tests := []struct {
		name    string
		req     Request
		rule    error
		message string
	}{
		{"empty prompt", with(func(r *Request) { r.Prompt = " \n" }), ErrEmptyPrompt,
			`prompt = "": prompt must not be empty`},
		{"unknown model", with(func(r *Request) { r.ModelID = "anthropic.claude-9" }), ErrUnknownModel,
			"model = anthropic.claude-9: model is not in the registry"},
		{"end of life", with(func(r *Request) { r.ModelID = "us." + LessonModelID }), ErrModelEndOfLife,
			"model = us.anthropic.claude-3-7-sonnet-20250219-v1:0: model has reached end of life on Bedrock"},
		{"budget 0", with(func(r *Request) { r.Thinking = Budget(0) }), ErrBudgetTooSmall,
			"budget_tokens = 0: thinking budget must be at least 1024 tokens"},
		{"budget 1023", with(func(r *Request) { r.Thinking = Budget(1023) }), ErrBudgetTooSmall,
			"budget_tokens = 1023: thinking budget must be at least 1024 tokens"},
		{"budget negative", with(func(r *Request) { r.Thinking = Budget(-5) }), ErrBudgetTooSmall,
			"budget_tokens = -5: thinking budget must be at least 1024 tokens"},
		{"budget on adaptive-only", with(func(r *Request) {
			r.ModelID = "global.anthropic.claude-opus-4-7"
			r.Thinking = Budget(2048)
		}), ErrBudgetNotSupported,
			"budget_tokens = 2048 for Claude Opus 4.7: model takes only adaptive thinking with an effort level, not a token budget"},
		{"effort on manual-only", with(func(r *Request) { r.Thinking = Adaptive(EffortHigh) }), ErrEffortNotSupported,
			"effort = high for Claude Sonnet 4.5: model takes only a token budget, not an effort level"},
		{"bad effort", with(func(r *Request) {
			r.ModelID = "us.anthropic.claude-sonnet-4-6"
			r.Thinking = Adaptive("huge")
		}), ErrBadEffort, "effort = huge: effort must be one of low, medium, high, xhigh, max"},
		{"max tokens 0", with(func(r *Request) { r.MaxTokens = 0 }), ErrMaxTokens,
			"max_tokens = 0 for Claude Sonnet 4.5: max tokens must be positive and within the model's output limit (64000)"},
		{"max tokens huge", with(func(r *Request) { r.MaxTokens = 1_000_000 }), ErrMaxTokens,
			"max_tokens = 1000000 for Claude Sonnet 4.5: max tokens must be positive and within the model's output limit (64000)"},
		{"budget + answer over limit", with(func(r *Request) { r.Thinking = Budget(60000); r.MaxTokens = 8000 }),
			ErrMaxTokens,
			"max_tokens = 68000 for Claude Sonnet 4.5: max tokens must be positive and within the model's output limit (64000)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Validate(DefaultRegistry(), tt.req)
			if !errors.Is(err, tt.rule) {
				t.Fatalf("err = %v, want rule %v", err, tt.rule)
			}
			if err.Error() != tt.message {
				t.Errorf("message:\n got %q\nwant %q", err.Error(), tt.message)
			}
		})
	}
}

func TestValidate_adjustments(t *testing.T) {
	temp := 0.2
	p, err := Validate(DefaultRegistry(), Request{
		ModelID: DefaultModelID, Prompt: "p", MaxTokens: 1000, Temperature: &temp, Thinking: Budget(4096),
	})
	if err != nil {
		t.Fatal(err)
	}
	if p.MaxTokens != 5096 {
		t.Errorf("MaxTokens = %d, want 5096 (budget 4096 + 1000 answer room)", p.MaxTokens)
	}
	if p.Temperature == nil || *p.Temperature != 1 {
		t.Errorf("Temperature = %v, want 1", p.Temperature)
	}
	want := []Adjustment{
		{Field: "max_tokens", From: 1000, To: 5096,
			Reason: "max tokens must exceed the thinking budget; the requested max tokens became the answer room on top of the budget"},
		{Field: "temperature", From: 0.2, To: 1.0, Reason: "temperature may only be 1 when thinking is enabled"},
	}
	if diff := cmp.Diff(want, p.Adjustments); diff != "" {
		t.Errorf("Adjustments mismatch (-want +got):\n%s", diff)
	}

	// Above the budget, nothing changes.
	p, err = Validate(DefaultRegistry(), Request{ModelID: DefaultModelID, Prompt: "p", MaxTokens: 5000, Thinking: Budget(4096)})
	if err != nil || p.MaxTokens != 5000 || len(p.Adjustments) != 0 {
		t.Errorf("got MaxTokens %d, adjustments %v, err %v; want 5000, none, nil", p.MaxTokens, p.Adjustments, err)
	}
}

func TestParseThinking(t *testing.T) {
	tests := []struct {
		in   string
		want Thinking
		err  string
	}{
		{"off", Off(), ""},
		{"budget=4096", Budget(4096), ""},
		{"2048", Budget(2048), ""},
		{"effort=xhigh", Adaptive(EffortXHigh), ""},
		{"low", Adaptive(EffortLow), ""},
		{"budget=lots", Thinking{}, `thinking budget "lots" is not a whole number of tokens`},
		{"effort=extreme", Thinking{}, `effort "extreme" is not one of low, medium, high, xhigh, max`},
		{"speed=2", Thinking{}, `thinking setting "speed=2": want off, budget=N or effort=LEVEL`},
	}
	for _, tt := range tests {
		got, err := ParseThinking(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseThinking(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseThinking(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if back, _ := ParseThinking(got.String()); back != got {
			t.Errorf("round trip of %v gave %v", got, back)
		}
	}
}
