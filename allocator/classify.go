package allocator

import (
	"context"
	"fmt"
	"time"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// ClassifySystemPrompt tells the small model what each complexity label
// means and to answer with the label alone. It names all four labels
// literally; the built-in emulator recognises classification requests by
// that.
const ClassifySystemPrompt = `You sort requests by how much reasoning they need before they can be answered well. Reply with exactly one of these labels and nothing else: simple, medium, complex, very_complex.

simple: a fact to recall or a one-step answer. Example: "What is the boiling point of water at sea level?"
medium: a few clear steps, such as short arithmetic or a brief explanation. Example: "A train covers 180 km in 2 hours. What is its average speed?"
complex: an argued analysis that weighs several factors, or a problem with many steps. Example: "Compare the risks and benefits of nuclear power for a mid-sized country."
very_complex: open-ended design or planning with many interacting parts and trade-offs. Example: "Design the software architecture of a nationwide hospital booking system."

Write the label only: no punctuation, no explanation.`

// ClassifyMaxTokens bounds the classifier's answer; a label needs a few
// tokens at most.
const ClassifyMaxTokens = 10

// Invoker sends one request to Claude. *claudeutils.Client implements it;
// tests can pass a fake.
type Invoker interface {
	Invoke(ctx context.Context, req claudeutils.Request) (*claudeutils.Result, error)
}

// Classifier labels prompts with a Complexity by asking a small, cheap
// model. Invoker must not be nil. ModelID is the model to ask; empty means
// claudeutils.DefaultSmallModelID.
type Classifier struct {
	Invoker Invoker
	ModelID string

	// now reads the clock; nil means time.Now. Tests replace it.
	now func() time.Time
}

// Classification is the outcome of classifying one prompt, with the
// classifier call's own tokens, cost and latency so that totals can
// include them.
type Classification struct {
	// Complexity is the label, or Medium when the classifier fell back.
	Complexity Complexity `json:"complexity"`
	// ModelID is the model that was asked.
	ModelID string `json:"model_id"`
	// Raw is the model's answer as it came, before Normalize.
	Raw string `json:"raw"`
	// FellBack is true when Complexity is Medium because the call failed
	// or the answer was not a label; FallbackReason says which.
	FellBack       bool              `json:"fell_back"`
	FallbackReason string            `json:"fallback_reason,omitempty"`
	Usage          claudeutils.Usage `json:"usage"`
	Cost           claudeutils.Cost  `json:"cost"`
	// Elapsed is the call's latency: the backend's figure when it gave
	// one, else the wall time around the call, failed calls included.
	Elapsed time.Duration `json:"-"`
	// Err is the call's error, or nil. An answer that is not a label is
	// not an error.
	Err error `json:"-"`
}

// Classify asks the model which complexity prompt has. It never fails: an
// error from the call, or an answer that Normalize does not accept, gives
// Medium with FellBack set and the reason recorded. The request uses
// ClassifySystemPrompt, temperature 0, at most ClassifyMaxTokens output
// tokens and no thinking.
func (c *Classifier) Classify(ctx context.Context, prompt string) Classification {
	model := c.ModelID
	if model == "" {
		model = claudeutils.DefaultSmallModelID
	}
	zero := 0.0
	req := claudeutils.Request{
		ModelID:     model,
		Prompt:      prompt,
		System:      ClassifySystemPrompt,
		MaxTokens:   ClassifyMaxTokens,
		Temperature: &zero,
		Thinking:    claudeutils.Off(),
	}

	now := c.now
	if now == nil {
		now = time.Now
	}
	start := now()
	res, err := c.Invoker.Invoke(ctx, req)
	wall := now().Sub(start)

	out := Classification{ModelID: model, Elapsed: wall}
	// A failed call may still report what it used; keep it so the cost is
	// counted.
	if res != nil {
		out.Raw = res.Answer
		out.Usage = res.Usage
		out.Cost = res.Cost
		if e := res.Elapsed(); e > 0 {
			out.Elapsed = e
		}
	}
	if err != nil {
		out.Err = fmt.Errorf("classify with %s: %w", model, err)
		return out.fallBack(out.Err.Error())
	}

	cx, ok := Normalize(out.Raw)
	if !ok {
		return out.fallBack(fmt.Sprintf("answer %q is not one of %s", out.Raw, labelList))
	}
	out.Complexity = cx
	return out
}

// fallBack returns k labelled Medium with the reason recorded.
func (k Classification) fallBack(reason string) Classification {
	k.Complexity = Medium
	k.FellBack = true
	k.FallbackReason = reason
	return k
}
