package localbedrock_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"
	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/localbedrock"
)

// Ensure InvokeModel takes an Anthropic Messages body and answers in the
// same form, with the same simulation as Converse.
func TestInvokeModel_Messages(t *testing.T) {
	r := start(t, localbedrock.Options{Seed: 9})
	client := runtimeClient(r.URL())
	body := `{"anthropic_version":"bedrock-2023-05-31","max_tokens":5596,` +
		`"thinking":{"type":"enabled","budget_tokens":4096},` +
		`"messages":[{"role":"user","content":` + quote(lesson.ProductionPlanning) + `}]}`
	out, err := client.InvokeModel(context.Background(), &bedrockruntime.InvokeModelInput{
		ModelId: aws.String(sonnet45), Body: []byte(body), ContentType: aws.String("application/json"),
	})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Type    string `json:"type"`
		Role    string `json:"role"`
		Model   string `json:"model"`
		Content []struct {
			Type      string `json:"type"`
			Thinking  string `json:"thinking"`
			Signature string `json:"signature"`
			Text      string `json:"text"`
		} `json:"content"`
		StopReason string `json:"stop_reason"`
		Usage      struct {
			Input  int `json:"input_tokens"`
			Output int `json:"output_tokens"`
		} `json:"usage"`
	}
	if err := json.Unmarshal(out.Body, &got); err != nil {
		t.Fatalf("decode %s: %v", out.Body, err)
	}

	conv := converse(t, client, call{model: sonnet45, prompt: lesson.ProductionPlanning, maxTokens: 5596, fields: budget(4096)})
	type summary struct {
		Type, Role, Model, Kinds, Thinking, Signature, Answer, Stop string
		Input, Output                                               int
	}
	want := summary{"message", "assistant", "claude-sonnet-4-5-20250929-v1:0", "thinking,text",
		conv.Thinking, conv.Signature, conv.Answer, conv.StopReason, int(conv.Input), int(conv.Output)}
	var kinds []string
	for _, c := range got.Content {
		kinds = append(kinds, c.Type)
	}
	gotSummary := summary{got.Type, got.Role, got.Model, strings.Join(kinds, ","),
		got.Content[0].Thinking, got.Content[0].Signature, got.Content[1].Text, got.StopReason,
		got.Usage.Input, got.Usage.Output}
	if diff := cmp.Diff(want, gotSummary); diff != "" {
		t.Errorf("invoke vs converse (-want +got):\n%s", diff)
	}
}

// Ensure InvokeModel refuses bodies that break the Messages schema or the
// model's rules.
func TestInvokeModel_Validation(t *testing.T) {
	r := start(t, localbedrock.Options{})
	client := runtimeClient(r.URL())
	msgs := `"messages":[{"role":"user","content":"Hi"}]`
	tests := []struct {
		name, model, body string
		want              apiFailure
	}{
		{"missing version and max tokens", sonnet45, `{` + msgs + `}`, apiFailure{400, "ValidationException",
			"Malformed input request: #: required key [anthropic_version] not found#: required key [max_tokens] not found, please reformat your input and try again."}},
		{"extra key", sonnet45, `{"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"model":"claude",` + msgs + `}`,
			apiFailure{400, "ValidationException", "The model returned the following errors: model: Extra inputs are not permitted"}},
		{"budget too small", sonnet45, `{"anthropic_version":"bedrock-2023-05-31","max_tokens":4000,"thinking":{"type":"enabled","budget_tokens":512},` + msgs + `}`,
			apiFailure{400, "ValidationException", "The model returned the following errors: thinking.enabled.budget_tokens: Input should be greater than or equal to 1024"}},
		{"budget on adaptive-only model", opus47, `{"anthropic_version":"bedrock-2023-05-31","max_tokens":4000,"thinking":{"type":"enabled","budget_tokens":2048},` + msgs + `}`,
			apiFailure{400, "ValidationException", `"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.`}},
		{"empty text", sonnet45, `{"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"messages":[{"role":"user","content":[{"type":"text","text":""}]}]}`,
			apiFailure{400, "ValidationException", "The model returned the following errors: messages: text content blocks must be non-empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := client.InvokeModel(context.Background(), &bedrockruntime.InvokeModelInput{
				ModelId: aws.String(tt.model), Body: []byte(tt.body), ContentType: aws.String("application/json"),
			})
			if diff := cmp.Diff(tt.want, failureOf(t, err)); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

// Ensure InvokeModel reports token counts and latency in Bedrock's
// response headers.
func TestInvokeModel_Headers(t *testing.T) {
	r := start(t, localbedrock.Options{})
	body := `{"anthropic_version":"bedrock-2023-05-31","max_tokens":300,"system":"Be brief.",` +
		`"messages":[{"role":"user","content":[{"type":"text","text":"Which city is the capital of France?"}]}]}`
	resp, b := post(t, r.URL(), "/model/"+strings.ReplaceAll(sonnet45, ":", "%3A")+"/invoke", []byte(body))
	sim := r.Server().Simulate(mustModel(t, sonnet45), localbedrock.SimRequest{
		System: "Be brief.", Prompt: "Which city is the capital of France?", MaxTokens: 300,
	})
	want := map[string]string{
		"In":      strconv.Itoa(sim.Usage.InputTokens),
		"Out":     strconv.Itoa(sim.Usage.OutputTokens),
		"Latency": strconv.FormatInt(sim.Latency.Milliseconds(), 10),
	}
	got := map[string]string{
		"In":      resp.Header.Get("X-Amzn-Bedrock-Input-Token-Count"),
		"Out":     resp.Header.Get("X-Amzn-Bedrock-Output-Token-Count"),
		"Latency": resp.Header.Get("X-Amzn-Bedrock-Invocation-Latency"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("headers (-want +got):\n%s\nbody %s", diff, b)
	}
	if sim.Class != "simple" || sim.ThinkingTokens != 0 || sim.StopReason != "end_turn" {
		t.Errorf("simulation: class %s, thinking %d, stop %s", sim.Class, sim.ThinkingTokens, sim.StopReason)
	}
}
