package allocator

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// The client the rest of the project uses must fit Invoker.
var _ Invoker = (*claudeutils.Client)(nil)

// fakeInvoker answers every request with res and err, and keeps the last
// request.
type fakeInvoker struct {
	res *claudeutils.Result
	err error
	got claudeutils.Request
}

func (f *fakeInvoker) Invoke(_ context.Context, req claudeutils.Request) (*claudeutils.Result, error) {
	f.got = req
	return f.res, f.err
}

// stepClock returns a clock that moves forward by step on every reading.
func stepClock(step time.Duration) func() time.Time {
	t := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(step)
		return t
	}
}

func TestClassifySystemPrompt_namesEveryLabel(t *testing.T) {
	for _, c := range Complexities {
		if !strings.Contains(ClassifySystemPrompt, string(c)) {
			t.Errorf("ClassifySystemPrompt does not contain %q", c)
		}
	}
}

func TestClassifier_Classify_request(t *testing.T) {
	tests := []struct {
		name      string
		modelID   string
		wantModel string
	}{
		{name: "default model", wantModel: claudeutils.DefaultSmallModelID},
		{name: "chosen model", modelID: "anthropic.claude-3-5-haiku-20241022-v1:0",
			wantModel: "anthropic.claude-3-5-haiku-20241022-v1:0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeInvoker{res: &claudeutils.Result{Answer: "simple"}}
			c := &Classifier{Invoker: f, ModelID: tt.modelID}
			c.Classify(context.Background(), "What is 2 + 2?")

			zero := 0.0
			want := claudeutils.Request{
				ModelID:     tt.wantModel,
				Prompt:      "What is 2 + 2?",
				System:      ClassifySystemPrompt,
				MaxTokens:   ClassifyMaxTokens,
				Temperature: &zero,
				Thinking:    claudeutils.Off(),
			}
			if diff := cmp.Diff(want, f.got); diff != "" {
				t.Errorf("request mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestClassifier_Classify(t *testing.T) {
	usage := claudeutils.Usage{InputTokens: 300, OutputTokens: 4, TotalTokens: 304}
	cost := claudeutils.Cost{InputUSD: 0.0003, OutputUSD: 0.00002, TotalUSD: 0.00032}
	answer := func(text string) *claudeutils.Result {
		return &claudeutils.Result{Answer: text, Usage: usage, Cost: cost, ServerLatency: 250 * time.Millisecond}
	}
	backendErr := errors.New("ValidationException: The provided model identifier is invalid.")

	tests := []struct {
		name string
		res  *claudeutils.Result
		err  error
		want Classification
	}{
		{
			name: "clean label",
			res:  answer("complex"),
			want: Classification{Complexity: Complex, Raw: "complex", Usage: usage, Cost: cost,
				Elapsed: 250 * time.Millisecond},
		},
		{
			name: "noisy label",
			res:  answer(" `Very complex.` "),
			want: Classification{Complexity: VeryComplex, Raw: " `Very complex.` ", Usage: usage, Cost: cost,
				Elapsed: 250 * time.Millisecond},
		},
		{
			name: "client wall time when the backend gives no latency",
			res:  &claudeutils.Result{Answer: "simple", Usage: usage, Cost: cost, WallTime: 400 * time.Millisecond},
			want: Classification{Complexity: Simple, Raw: "simple", Usage: usage, Cost: cost,
				Elapsed: 400 * time.Millisecond},
		},
		{
			name: "not a label",
			res:  answer("It depends."),
			want: Classification{Complexity: Medium, Raw: "It depends.", FellBack: true,
				FallbackReason: `answer "It depends." is not one of simple, medium, complex, very_complex`,
				Usage:          usage, Cost: cost, Elapsed: 250 * time.Millisecond},
		},
		{
			name: "empty answer",
			res:  answer(""),
			want: Classification{Complexity: Medium, FellBack: true,
				FallbackReason: `answer "" is not one of simple, medium, complex, very_complex`,
				Usage:          usage, Cost: cost, Elapsed: 250 * time.Millisecond},
		},
		{
			name: "backend error",
			err:  backendErr,
			// No result, so Elapsed is the wall time: one step of the
			// test clock.
			want: Classification{Complexity: Medium, FellBack: true,
				FallbackReason: "classify with m: ValidationException: The provided model identifier is invalid.",
				Elapsed:        time.Second},
		},
		{
			name: "error with a partial result keeps its usage",
			res:  answer("sim"),
			err:  backendErr,
			want: Classification{Complexity: Medium, Raw: "sim", FellBack: true,
				FallbackReason: "classify with m: ValidationException: The provided model identifier is invalid.",
				Usage:          usage, Cost: cost, Elapsed: 250 * time.Millisecond},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Classifier{Invoker: &fakeInvoker{res: tt.res, err: tt.err}, ModelID: "m", now: stepClock(time.Second)}
			got := c.Classify(context.Background(), "prompt")

			if !errors.Is(got.Err, tt.err) || (tt.err == nil) != (got.Err == nil) {
				t.Errorf("Err = %v, want one wrapping %v", got.Err, tt.err)
			}
			tt.want.ModelID = "m"
			ignoreErr := cmpopts.IgnoreFields(Classification{}, "Err")
			if diff := cmp.Diff(tt.want, got, ignoreErr); diff != "" {
				t.Errorf("Classify mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
