package localbedrock_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/document"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"
	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/localbedrock"
)

// expectedUsage computes usage and latency from the documented rules:
// input = ceil(chars/4) + overhead, latency = TTFT + output/speed.
func expectedUsage(t *testing.T, modelID, system, prompt string, output int32) (input, total int32, latencyMs int64) {
	t.Helper()
	m, ok := claudeutils.DefaultRegistry().Lookup(modelID)
	if !ok {
		t.Fatalf("model %s not in registry", modelID)
	}
	chars := len(system) + len(prompt)
	input = int32((chars+3)/4 + localbedrock.InputOverheadTokens)
	ms := float64(m.TimeToFirstToken.Microseconds())/1000 + float64(output)/m.OutputTokensPerSecond*1000
	return input, input + output, int64(ms + 0.5)
}

// Ensure a manual-thinking call returns a nested reasoning block with
// text and signature, then the answer, with usage that adds up.
func TestConverse_ThinkingRoundTrip(t *testing.T) {
	r := start(t, localbedrock.Options{Seed: 7})
	got := converse(t, runtimeClient(r.URL()), call{
		model: sonnet45, prompt: lesson.ProductionPlanning, maxTokens: 2048 + 1500, fields: budget(2048),
	})

	if !got.HasReasoning || !strings.HasPrefix(got.Thinking, localbedrock.ThinkingPrefix) {
		t.Errorf("thinking = %.40q, want a reasoning block starting %q", got.Thinking, localbedrock.ThinkingPrefix)
	}
	if sig, err := base64.StdEncoding.DecodeString(got.Signature); err != nil || len(sig) != 96 {
		t.Errorf("signature %q: %d bytes, err %v; want 96 bytes of base64", got.Signature, len(sig), err)
	}
	if !strings.HasPrefix(got.Answer, localbedrock.AnswerPrefix) {
		t.Errorf("answer = %.40q, want prefix %q", got.Answer, localbedrock.AnswerPrefix)
	}

	// The complex prompt wants ~5,000 thinking tokens, so the 2,048 budget
	// is used in full; the answer (700 ± 15% tokens) fits in 1,500.
	sim := r.Server().Simulate(mustModel(t, sonnet45), localbedrock.SimRequest{
		Prompt: lesson.ProductionPlanning, MaxTokens: 3548, Thinking: claudeutils.Budget(2048),
	})
	if sim.ThinkingTokens != 2048 {
		t.Errorf("simulated thinking tokens = %d, want 2048", sim.ThinkingTokens)
	}
	output := int32(2048 + sim.AnswerTokens)
	input, total, latency := expectedUsage(t, sonnet45, "", lesson.ProductionPlanning, output)
	want := reply{
		Thinking: sim.ThinkingText, Signature: sim.ThinkingSignature, HasReasoning: true,
		Answer: sim.Answer, StopReason: "end_turn",
		Input: input, Output: output, Total: total, LatencyMs: latency,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reply mismatch (-want +got):\n%s", diff)
	}
	if n := len(got.Thinking); n < 2048*4-100 || n > 2048*4 {
		t.Errorf("thinking text has %d chars, want about %d", n, 2048*4)
	}
}

func mustModel(t *testing.T, id string) claudeutils.Model {
	t.Helper()
	m, ok := testRegistry().Lookup(id)
	if !ok {
		t.Fatalf("model %s not in registry", id)
	}
	return m
}

// Ensure ConverseStream sends flat reasoning deltas with a trailing
// signature delta, then text deltas, and adds up to the Converse reply.
func TestConverseStream_ReasoningDeltas(t *testing.T) {
	r := start(t, localbedrock.Options{Seed: 7})
	client := runtimeClient(r.URL())
	c := call{model: sonnet45, prompt: lesson.ProductionPlanning, maxTokens: 4096 + 1500, fields: budget(4096)}
	want := converse(t, client, c)

	out, err := client.ConverseStream(context.Background(), c.streamInput())
	if err != nil {
		t.Fatal(err)
	}
	stream := out.GetStream()
	defer stream.Close()
	var got reply
	var kinds []string
	signatureDeltas, lastReasoningWasSignature := 0, false
	for ev := range stream.Events() {
		switch ev := ev.(type) {
		case *types.ConverseStreamOutputMemberMessageStart:
			kinds = append(kinds, "start:"+string(ev.Value.Role))
		case *types.ConverseStreamOutputMemberContentBlockStart:
			t.Errorf("unexpected contentBlockStart for block %d", aws.ToInt32(ev.Value.ContentBlockIndex))
		case *types.ConverseStreamOutputMemberContentBlockDelta:
			switch d := ev.Value.Delta.(type) {
			case *types.ContentBlockDeltaMemberReasoningContent:
				got.HasReasoning = true
				switch rd := d.Value.(type) {
				case *types.ReasoningContentBlockDeltaMemberText:
					got.Thinking += rd.Value
					lastReasoningWasSignature = false
				case *types.ReasoningContentBlockDeltaMemberSignature:
					got.Signature += rd.Value
					signatureDeltas++
					lastReasoningWasSignature = true
				default:
					t.Errorf("unexpected reasoning delta %T", rd)
				}
				if i := aws.ToInt32(ev.Value.ContentBlockIndex); i != 0 {
					t.Errorf("reasoning delta at block %d, want 0", i)
				}
			case *types.ContentBlockDeltaMemberText:
				got.Answer += d.Value
				if i := aws.ToInt32(ev.Value.ContentBlockIndex); i != 1 {
					t.Errorf("text delta at block %d, want 1", i)
				}
			default:
				t.Errorf("unexpected delta %T", d)
			}
		case *types.ConverseStreamOutputMemberContentBlockStop:
			kinds = append(kinds, fmt.Sprintf("stop:%d", aws.ToInt32(ev.Value.ContentBlockIndex)))
		case *types.ConverseStreamOutputMemberMessageStop:
			got.StopReason = string(ev.Value.StopReason)
			kinds = append(kinds, "messageStop")
		case *types.ConverseStreamOutputMemberMetadata:
			got.Input = aws.ToInt32(ev.Value.Usage.InputTokens)
			got.Output = aws.ToInt32(ev.Value.Usage.OutputTokens)
			got.Total = aws.ToInt32(ev.Value.Usage.TotalTokens)
			got.LatencyMs = aws.ToInt64(ev.Value.Metrics.LatencyMs)
			kinds = append(kinds, "metadata")
		default:
			t.Errorf("unexpected event %T", ev)
		}
	}
	if err := stream.Err(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("streamed reply differs from Converse (-want +got):\n%s", diff)
	}
	wantKinds := []string{"start:assistant", "stop:0", "stop:1", "messageStop", "metadata"}
	if diff := cmp.Diff(wantKinds, kinds); diff != "" {
		t.Errorf("event order (-want +got):\n%s", diff)
	}
	if signatureDeltas != 1 || !lastReasoningWasSignature {
		t.Errorf("signature deltas = %d, last reasoning delta a signature = %v; want 1 trailing", signatureDeltas, lastReasoningWasSignature)
	}
}

// Ensure every validation rule answers with Bedrock's error type, status
// and message text.
func TestConverse_Validation(t *testing.T) {
	r := start(t, localbedrock.Options{})
	client := runtimeClient(r.URL())
	prompt := "What is 2 + 2?"
	tests := []struct {
		name string
		in   *bedrockruntime.ConverseInput
		want apiFailure
	}{
		{"unknown model", call{model: "anthropic.claude-nope-v1:0", prompt: prompt}.input(),
			apiFailure{400, "ValidationException", "The provided model identifier is invalid."}},
		{"profile-only model by base ID", call{model: "anthropic.claude-sonnet-4-5-20250929-v1:0", prompt: prompt}.input(),
			apiFailure{400, "ValidationException", "Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model."}},
		{"end of life", call{model: claude37, prompt: prompt}.input(),
			apiFailure{404, "ResourceNotFoundException", "This model version has reached the end of its life. Please refer to the AWS documentation for more details."}},
		{"budget below 1024", call{model: sonnet45, prompt: prompt, maxTokens: 4000, fields: budget(1000)}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: thinking.enabled.budget_tokens: Input should be greater than or equal to 1024"}},
		{"budget not below max tokens", call{model: sonnet45, prompt: prompt, maxTokens: 4096, fields: budget(4096)}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: `max_tokens` must be greater than `thinking.budget_tokens`"}},
		{"budget above default max tokens", call{model: sonnet45, prompt: prompt, fields: budget(64000)}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: `max_tokens` must be greater than `thinking.budget_tokens`"}},
		{"budget without budget_tokens", call{model: sonnet45, prompt: prompt, maxTokens: 4000,
			fields: map[string]any{"thinking": map[string]any{"type": "enabled"}}}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: thinking.enabled.budget_tokens: Field required"}},
		{"temperature with thinking", call{model: sonnet45, prompt: prompt, maxTokens: 4000, fields: budget(2048), temperature: f32(0.5)}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: temperature may only be set to 1 when thinking is enabled."}},
		{"temperature with adaptive thinking", call{model: opus47, prompt: prompt, maxTokens: 4000, fields: adaptive(), temperature: f32(0)}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: temperature may only be set to 1 when thinking is enabled or in adaptive mode."}},
		{"top_p with thinking", call{model: sonnet45, prompt: prompt, maxTokens: 4000, fields: budget(2048), topP: f32(0.5)}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: top_p must be unset when thinking is enabled."}},
		{"top_k with thinking", call{model: sonnet45, prompt: prompt, maxTokens: 4000,
			fields: map[string]any{"thinking": map[string]any{"type": "enabled", "budget_tokens": 2048}, "top_k": 40}}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: top_k must be unset when thinking is enabled."}},
		{"budget on adaptive-only model", call{model: opus47, prompt: prompt, maxTokens: 4000, fields: budget(2048)}.input(),
			apiFailure{400, "ValidationException", `"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.`}},
		{"disabled on adaptive-only model", call{model: opus47, prompt: prompt,
			fields: map[string]any{"thinking": map[string]any{"type": "disabled"}}}.input(),
			apiFailure{400, "ValidationException", `"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.`}},
		{"adaptive on manual-only model", call{model: sonnet45, prompt: prompt, fields: adaptive()}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: thinking.type: Input tag 'adaptive' found using 'type' does not match any of the expected tags: 'disabled', 'enabled'"}},
		{"effort on manual-only model", call{model: sonnet45, prompt: prompt, effort: "high"}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: output_config.effort: Extra inputs are not permitted"}},
		{"unknown effort", call{model: sonnet46, prompt: prompt, fields: adaptive(), effort: "extreme"}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'"}},
		{"unknown thinking type", call{model: sonnet46, prompt: prompt,
			fields: map[string]any{"thinking": map[string]any{"type": "deep"}}}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: thinking.type: Input tag 'deep' found using 'type' does not match any of the expected tags: 'adaptive', 'disabled', 'enabled'"}},
		{"thinking on a model without thinking", call{model: noThinking, prompt: prompt, maxTokens: 4000, fields: budget(2048)}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: thinking: Extra inputs are not permitted"}},
		{"max tokens above the model's limit", call{model: sonnet45, prompt: prompt, maxTokens: 70000}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: max_tokens: 70000 > 64000, which is the maximum allowed number of output tokens for anthropic.claude-sonnet-4-5-20250929-v1:0"}},
		{"max tokens zero", call{model: sonnet45, prompt: prompt, maxTokens: -1}.input(),
			apiFailure{400, "ValidationException", "1 validation error detected: Value '-1' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1"}},
		{"temperature above 1", call{model: sonnet45, prompt: prompt, temperature: f32(1.5)}.input(),
			apiFailure{400, "ValidationException", "1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1"}},
		{"unknown model field", call{model: sonnet45, prompt: prompt, fields: map[string]any{"verbosity": "high"}}.input(),
			apiFailure{400, "ValidationException", "The model returned the following errors: verbosity: Extra inputs are not permitted"}},
		{"blank text", call{model: sonnet45, prompt: "  \n"}.input(),
			apiFailure{400, "ValidationException", "The text field in the ContentBlock object at messages.0.content.0 is blank. Add text to the text field, and try again."}},
		{"no messages", &bedrockruntime.ConverseInput{ModelId: aws.String(sonnet45), Messages: []types.Message{}},
			apiFailure{400, "ValidationException", "A conversation must start with a user message. Try again with a conversation that starts with a user message."}},
		{"starts with assistant", &bedrockruntime.ConverseInput{ModelId: aws.String(sonnet45), Messages: []types.Message{
			{Role: types.ConversationRoleAssistant, Content: []types.ContentBlock{&types.ContentBlockMemberText{Value: "Hi"}}},
			{Role: types.ConversationRoleUser, Content: []types.ContentBlock{&types.ContentBlockMemberText{Value: prompt}}},
		}}, apiFailure{400, "ValidationException", "A conversation must start with a user message. Try again with a conversation that starts with a user message."}},
		{"two user turns in a row", &bedrockruntime.ConverseInput{ModelId: aws.String(sonnet45), Messages: []types.Message{
			{Role: types.ConversationRoleUser, Content: []types.ContentBlock{&types.ContentBlockMemberText{Value: "Hi"}}},
			{Role: types.ConversationRoleUser, Content: []types.ContentBlock{&types.ContentBlockMemberText{Value: prompt}}},
		}}, apiFailure{400, "ValidationException", "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again."}},
		{"empty content", &bedrockruntime.ConverseInput{ModelId: aws.String(sonnet45), Messages: []types.Message{
			{Role: types.ConversationRoleUser, Content: []types.ContentBlock{}},
		}}, apiFailure{400, "ValidationException", "The content field in the Message object at messages.0 is empty. Add a ContentBlock object to the content field and try again."}},
		{"forced tool use with thinking", withForcedTool(call{model: sonnet45, prompt: prompt, maxTokens: 4000, fields: budget(2048)}.input()),
			apiFailure{400, "ValidationException", "The model returned the following errors: Thinking may not be enabled when tool_choice forces tool use."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := client.Converse(context.Background(), tt.in)
			if diff := cmp.Diff(tt.want, failureOf(t, err)); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func withForcedTool(in *bedrockruntime.ConverseInput) *bedrockruntime.ConverseInput {
	in.ToolConfig = &types.ToolConfiguration{
		Tools: []types.Tool{&types.ToolMemberToolSpec{Value: types.ToolSpecification{
			Name:        aws.String("calculator"),
			InputSchema: &types.ToolInputSchemaMemberJson{Value: document.NewLazyDocument(map[string]any{"type": "object"})},
		}}},
		ToolChoice: &types.ToolChoiceMemberAny{},
	}
	return in
}

// Ensure the SDK's typed exceptions come back, not generic API errors.
func TestConverse_TypedErrors(t *testing.T) {
	r := start(t, localbedrock.Options{})
	client := runtimeClient(r.URL())

	_, err := client.Converse(context.Background(), call{model: sonnet45, prompt: "Hi", maxTokens: 4000, fields: budget(10)}.input())
	var ve *types.ValidationException
	if !errors.As(err, &ve) {
		t.Errorf("budget 10: error %T, want *types.ValidationException", err)
	}
	_, err = client.Converse(context.Background(), call{model: claude37, prompt: "Hi"}.input())
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("end of life: error %T, want *types.ResourceNotFoundException", err)
	}
}

// Ensure the model ID may be a base ID, a cross-region profile ID or an
// ARN of either kind, and that all name the same simulated model.
func TestConverse_ModelIDForms(t *testing.T) {
	r := start(t, localbedrock.Options{Seed: 3})
	client := runtimeClient(r.URL())
	prompt := lesson.AllocationPrompts[1].Prompt
	base := converse(t, client, call{model: "us." + "anthropic.claude-sonnet-4-5-20250929-v1:0", prompt: prompt})

	for _, id := range []string{
		"eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
		"global.anthropic.claude-sonnet-4-5-20250929-v1:0",
		"arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
	} {
		t.Run(id, func(t *testing.T) {
			if diff := cmp.Diff(base, converse(t, client, call{model: id, prompt: prompt})); diff != "" {
				t.Errorf("reply differs from the us. profile (-want +got):\n%s", diff)
			}
		})
	}
	for _, id := range []string{onDemand, "arn:aws:bedrock:us-west-2::foundation-model/" + onDemand} {
		t.Run(id, func(t *testing.T) {
			got := converse(t, client, call{model: id, prompt: prompt})
			if got.StopReason != "end_turn" {
				t.Errorf("stop reason = %q, want end_turn", got.StopReason)
			}
		})
	}
	t.Run("foundation-model ARN of a profile-only model", func(t *testing.T) {
		arn := "arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"
		_, err := client.Converse(context.Background(), call{model: arn, prompt: prompt}.input())
		want := apiFailure{400, "ValidationException", "Invocation of model ID " + arn + " with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model."}
		if diff := cmp.Diff(want, failureOf(t, err)); diff != "" {
			t.Errorf("error mismatch (-want +got):\n%s", diff)
		}
	})
}

// Ensure the model ID is read from the escaped path: a profile ARN with
// an encoded slash, sent raw.
func TestConverse_EscapedModelID(t *testing.T) {
	r := start(t, localbedrock.Options{})
	id := "arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0"
	body := []byte(`{"messages":[{"role":"user","content":[{"text":"Which city is the capital of France?"}]}]}`)
	resp, b := post(t, r.URL(), "/model/"+url.PathEscape(id)+"/converse", body)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, b)
	}
	if !strings.Contains(string(b), `"stopReason":"end_turn"`) {
		t.Errorf("body %s lacks end_turn", b)
	}
}

// Ensure one seed gives byte-identical responses and another seed a
// different one.
func TestConverse_Deterministic(t *testing.T) {
	body := []byte(`{"messages":[{"role":"user","content":[{"text":` + quote(lesson.CarbonPlan) + `}]}],` +
		`"inferenceConfig":{"maxTokens":9692},"additionalModelRequestFields":{"thinking":{"type":"enabled","budget_tokens":8192}}}`)
	path := "/model/" + url.PathEscape(sonnet45) + "/converse"

	first := start(t, localbedrock.Options{Seed: 42})
	second := start(t, localbedrock.Options{Seed: 42})
	other := start(t, localbedrock.Options{Seed: 43})
	_, a := post(t, first.URL(), path, body)
	_, b := post(t, second.URL(), path, body)
	_, again := post(t, first.URL(), path, body)
	_, c := post(t, other.URL(), path, body)
	if string(a) != string(b) || string(a) != string(again) {
		t.Errorf("same seed, different bodies:\n%.200s\n%.200s", a, b)
	}
	if string(a) == string(c) {
		t.Errorf("seeds 42 and 43 gave the same body")
	}
}

func quote(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// Ensure thinking tokens follow the budget up to the prompt's demand and
// then level off, and that more thinking fixes the answer.
func TestConverse_BudgetSweep(t *testing.T) {
	r := start(t, localbedrock.Options{Seed: 1})
	client := runtimeClient(r.URL())
	var thinking []int
	var answers []string
	for _, b := range lesson.SweepBudgets {
		got := converse(t, client, call{model: sonnet45, prompt: lesson.ProductionPlanning,
			maxTokens: int32(b + lesson.CaseStudyAnswerTokens), fields: budget(b)})
		sim := r.Server().Simulate(mustModel(t, sonnet45), localbedrock.SimRequest{
			Prompt: lesson.ProductionPlanning, MaxTokens: b + lesson.CaseStudyAnswerTokens, Thinking: claudeutils.Budget(b),
		})
		if got.Output != int32(sim.ThinkingTokens+sim.AnswerTokens) {
			t.Errorf("budget %d: output %d, want thinking %d + answer %d", b, got.Output, sim.ThinkingTokens, sim.AnswerTokens)
		}
		thinking = append(thinking, sim.ThinkingTokens)
		answers = append(answers, got.Answer)
	}
	demand := thinking[3]
	want := []int{1024, 2048, 4096, demand, demand}
	if diff := cmp.Diff(want, thinking); diff != "" {
		t.Errorf("thinking tokens by budget (-want +got):\n%s", diff)
	}
	if demand <= 4096 || demand >= 8192 {
		t.Errorf("demand %d, want between 4096 and 8192 (5000 ± 15%%)", demand)
	}
	if strings.Contains(answers[0], "$3,000") || !strings.Contains(answers[4], "maximum profit is $3,000.") {
		t.Errorf("answers: budget 1024 ends %q, 16384 ends %q; want wrong then $3,000",
			tail(answers[0]), tail(answers[4]))
	}
}

func tail(s string) string { return s[max(0, len(s)-80):] }

// Ensure the answer is cut at max tokens, thinking first.
func TestConverse_MaxTokensCut(t *testing.T) {
	r := start(t, localbedrock.Options{})
	client := runtimeClient(r.URL())
	tests := []struct {
		name       string
		c          call
		wantOutput int32
	}{
		{"no thinking", call{model: sonnet45, prompt: lesson.CarbonPlan, maxTokens: 100}, 100},
		{"thinking fills most of it", call{model: sonnet45, prompt: lesson.CarbonPlan, maxTokens: 1100, fields: budget(1024)}, 1100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := converse(t, client, tt.c)
			if got.StopReason != "max_tokens" || got.Output != tt.wantOutput {
				t.Errorf("stop %q, output %d; want max_tokens, %d", got.StopReason, got.Output, tt.wantOutput)
			}
			answerTokens := int(tt.wantOutput) - len(got.Thinking)/4
			if len(got.Answer) > answerTokens*4 {
				t.Errorf("answer has %d chars for %d tokens", len(got.Answer), answerTokens)
			}
		})
	}
}

// Ensure a classification system prompt gets just the class, at any
// temperature.
func TestConverse_Classifier(t *testing.T) {
	r := start(t, localbedrock.Options{})
	client := runtimeClient(r.URL())
	system := "Classify the user's prompt as simple, medium, complex or very_complex. Reply with the class only."
	for _, p := range lesson.AllocationPrompts {
		t.Run(p.Name, func(t *testing.T) {
			got := converse(t, client, call{model: claudeutils.DefaultSmallModelID, system: system, prompt: p.Prompt,
				maxTokens: 10, temperature: f32(0)})
			want := struct {
				Answer, Stop string
				Output       int32
			}{p.Complexity, "end_turn", int32((len(p.Complexity) + 3) / 4)}
			gotSummary := struct {
				Answer, Stop string
				Output       int32
			}{got.Answer, got.StopReason, got.Output}
			if diff := cmp.Diff(want, gotSummary); diff != "" {
				t.Errorf("classification (-want +got):\n%s", diff)
			}
		})
	}
}

// Ensure adaptive thinking follows the effort: low skips thinking on a
// simple prompt, high thinks the full demand on a complex one.
func TestConverse_AdaptiveEffort(t *testing.T) {
	r := start(t, localbedrock.Options{Seed: 5})
	client := runtimeClient(r.URL())
	low := converse(t, client, call{model: opus47, prompt: lesson.AllocationPrompts[0].Prompt, fields: adaptive(), effort: "low"})
	if low.HasReasoning {
		t.Errorf("effort low on a simple prompt returned thinking %.40q", low.Thinking)
	}
	high := converse(t, client, call{model: opus47, prompt: lesson.CarbonPlan, fields: adaptive(), effort: "high"})
	sim := r.Server().Simulate(mustModel(t, opus47), localbedrock.SimRequest{
		Prompt: lesson.CarbonPlan, Thinking: claudeutils.Adaptive(claudeutils.EffortHigh),
	})
	if !high.HasReasoning || sim.ThinkingTokens != sim.ThinkingDemandTokens {
		t.Errorf("effort high: reasoning %v, thinking %d of demand %d; want the full demand",
			high.HasReasoning, sim.ThinkingTokens, sim.ThinkingDemandTokens)
	}
}

// Ensure OmitThinkingText keeps the signature and drops the text on
// adaptive models, in both forms of the call.
func TestConverse_OmitThinkingText(t *testing.T) {
	r := start(t, localbedrock.Options{OmitThinkingText: true})
	client := runtimeClient(r.URL())
	c := call{model: opus47, prompt: lesson.CarbonPlan, fields: adaptive()}
	got := converse(t, client, c)
	if !got.HasReasoning || got.Thinking != "" || got.Signature == "" {
		t.Errorf("reasoning %v, text %.20q, signature %.20q; want a block with signature and no text",
			got.HasReasoning, got.Thinking, got.Signature)
	}

	out, err := client.ConverseStream(context.Background(), c.streamInput())
	if err != nil {
		t.Fatal(err)
	}
	var textDeltas, sigDeltas int
	for ev := range out.GetStream().Events() {
		if d, ok := ev.(*types.ConverseStreamOutputMemberContentBlockDelta); ok {
			if rc, ok := d.Value.Delta.(*types.ContentBlockDeltaMemberReasoningContent); ok {
				switch rc.Value.(type) {
				case *types.ReasoningContentBlockDeltaMemberText:
					textDeltas++
				case *types.ReasoningContentBlockDeltaMemberSignature:
					sigDeltas++
				}
			}
		}
	}
	if err := out.GetStream().Err(); err != nil {
		t.Fatal(err)
	}
	if textDeltas != 0 || sigDeltas != 1 {
		t.Errorf("reasoning text deltas %d, signature deltas %d; want 0 and 1", textDeltas, sigDeltas)
	}

	// Manual-only models keep their text.
	manual := converse(t, client, call{model: sonnet45, prompt: lesson.CarbonPlan, maxTokens: 3000, fields: budget(2048)})
	if manual.Thinking == "" {
		t.Error("manual-only model lost its thinking text")
	}
}

// Ensure a request whose client goes away ends the simulated wait: the
// server logs "client gone" instead of sleeping for hours.
func TestConverse_WaitHonoursContext(t *testing.T) {
	arrived := make(chan struct{}, 1)
	logs := &recordingHandler{messages: make(chan string, 16)}
	r := start(t, localbedrock.Options{
		TimeScale: 1000, // a complex answer would take hours
		Logger:    slog.New(logs),
		// The whole body is read before the client is cancelled, so that
		// the cancel can only land in the simulated wait.
		Middleware: func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				body, err := io.ReadAll(req.Body)
				if err != nil {
					t.Errorf("read body: %v", err)
				}
				req.Body = io.NopCloser(bytes.NewReader(body))
				arrived <- struct{}{}
				next.ServeHTTP(w, req)
			})
		},
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := runtimeClient(r.URL()).Converse(ctx, call{model: sonnet45, prompt: lesson.CarbonPlan}.input())
		done <- err
	}()
	<-arrived
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("client error %v, want context.Canceled", err)
	}
	for msg := range logs.messages {
		if msg == "client gone" {
			return
		}
	}
}

// recordingHandler passes log messages to a channel.
type recordingHandler struct{ messages chan string }

func (h *recordingHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *recordingHandler) Handle(_ context.Context, r slog.Record) error {
	h.messages <- r.Message
	return nil
}
func (h *recordingHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *recordingHandler) WithGroup(string) slog.Handler      { return h }
