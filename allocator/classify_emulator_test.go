package allocator

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/localbedrock"
)

// emulatorClient starts the built-in emulator on a loopback port and
// returns a client for it that knows the models in reg.
func emulatorClient(t *testing.T, reg *claudeutils.Registry) *claudeutils.Client {
	t.Helper()
	srv := httptest.NewServer(localbedrock.New(localbedrock.Options{Seed: 1}))
	t.Cleanup(srv.Close)
	c, err := claudeutils.NewClient(context.Background(), claudeutils.Options{
		Region:      "us-west-2",
		Endpoint:    srv.URL,
		Registry:    reg,
		MaxAttempts: 1,
		Backend:     "emulator",
		Simulated:   true,
	})
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

// Ensure the lesson's four allocation prompts get the classes the lesson
// expects, and that the classifier's own usage and cost are recorded.
func TestClassifier_Classify_emulator(t *testing.T) {
	cl := &Classifier{Invoker: emulatorClient(t, nil)}
	for _, p := range lesson.AllocationPrompts {
		t.Run(p.Name, func(t *testing.T) {
			got := cl.Classify(context.Background(), p.Prompt)
			t.Logf("raw %q, usage %+v, cost $%.6f, elapsed %v",
				got.Raw, got.Usage, got.Cost.TotalUSD, got.Elapsed)
			if got.Err != nil {
				t.Fatalf("Classify: %v", got.Err)
			}
			type outcome struct {
				Complexity Complexity
				ModelID    string
				FellBack   bool
			}
			want := outcome{Complexity: Complexity(p.Complexity), ModelID: claudeutils.DefaultSmallModelID}
			if diff := cmp.Diff(want, outcome{got.Complexity, got.ModelID, got.FellBack}); diff != "" {
				t.Errorf("Classify(%q) mismatch (-want +got):\n%s", p.Name, diff)
			}
			if got.Usage.OutputTokens < 1 || got.Usage.OutputTokens > ClassifyMaxTokens {
				t.Errorf("Usage.OutputTokens = %d, want 1 to %d", got.Usage.OutputTokens, ClassifyMaxTokens)
			}
			if got.Usage.InputTokens == 0 || got.Cost.TotalUSD == 0 || got.Elapsed == 0 {
				t.Errorf("usage %+v, cost %+v, elapsed %v: want the call's own tokens, cost and latency",
					got.Usage, got.Cost, got.Elapsed)
			}
		})
	}
}

// Ensure a failed call falls back to medium with the reason kept: once
// refused by the client's own rules, once by the backend.
func TestClassifier_Classify_emulatorErrors(t *testing.T) {
	// The client knows this model and lets the call through; the
	// emulator does not, and answers ValidationException.
	imaginary := claudeutils.Model{
		ID: "anthropic.claude-imaginary-v1:0", Name: "Claude Imaginary", Thinking: claudeutils.ManualOnly,
		Lifecycle: claudeutils.Active, MaxOutputTokens: 4096,
	}
	reg := claudeutils.NewRegistry(append(claudeutils.KnownModels(), imaginary)...)
	client := emulatorClient(t, reg)

	t.Run("unknown to the client", func(t *testing.T) {
		cl := &Classifier{Invoker: client, ModelID: "anthropic.claude-nonexistent-v9"}
		got := cl.Classify(context.Background(), lesson.AllocationPrompts[0].Prompt)
		if !errors.Is(got.Err, claudeutils.ErrUnknownModel) {
			t.Errorf("Err = %v, want one wrapping ErrUnknownModel", got.Err)
		}
		want := "classify with anthropic.claude-nonexistent-v9: model = anthropic.claude-nonexistent-v9: " +
			claudeutils.ErrUnknownModel.Error()
		if got.Complexity != Medium || !got.FellBack || got.FallbackReason != want {
			t.Errorf("got %q, fell back %v, reason %q; want medium, true, %q",
				got.Complexity, got.FellBack, got.FallbackReason, want)
		}
	})

	t.Run("refused by the backend", func(t *testing.T) {
		cl := &Classifier{Invoker: client, ModelID: imaginary.ID}
		got := cl.Classify(context.Background(), lesson.AllocationPrompts[3].Prompt)
		var api *claudeutils.APIError
		if !errors.As(got.Err, &api) {
			t.Fatalf("Err = %v, want a *claudeutils.APIError", got.Err)
		}
		if api.Code != "ValidationException" || api.Message != "The provided model identifier is invalid." {
			t.Errorf("API error %q: %q, want ValidationException: The provided model identifier is invalid.",
				api.Code, api.Message)
		}
		want := "classify with " + imaginary.ID + ": " + api.Error()
		if got.Complexity != Medium || !got.FellBack || got.FallbackReason != want {
			t.Errorf("got %q, fell back %v, reason %q; want medium, true, %q",
				got.Complexity, got.FellBack, got.FallbackReason, want)
		}
	})
}
