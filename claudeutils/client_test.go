package claudeutils_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"
	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/localbedrock"
)

// newEmulatorClient starts the emulator on 127.0.0.1 and returns a client
// that reaches it through the real SDK over HTTP.
func newEmulatorClient(t testing.TB, seed int64) *claudeutils.Client {
	t.Helper()
	run, err := localbedrock.Start("", localbedrock.Options{Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	c, err := claudeutils.NewClient(context.Background(), claudeutils.Options{
		Region: "us-west-2", Endpoint: run.URL(), Backend: "emulator", Simulated: true, MaxAttempts: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sweepRequest(budget int) claudeutils.Request {
	return claudeutils.Request{
		ModelID:   claudeutils.DefaultModelID,
		Prompt:    lesson.ProductionPlanning,
		MaxTokens: budget + 4096,
		Thinking:  claudeutils.Budget(budget),
	}
}

func TestClient_Invoke_thinkingRoundTrip(t *testing.T) {
	c := newEmulatorClient(t, 1)
	res, err := c.Invoke(context.Background(), sweepRequest(2048))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Answer, "[simulated by localbedrock]") {
		t.Errorf("answer starts %q, want the simulated marker", firstN(res.Answer, 40))
	}
	if !strings.HasPrefix(res.ThinkingText, "[simulated thinking]") || res.ThinkingSignature == "" {
		t.Errorf("reasoning block: text %q, signature %q; want simulated text and a signature",
			firstN(res.ThinkingText, 40), res.ThinkingSignature)
	}
	if res.StopReason != "end_turn" {
		t.Errorf("StopReason = %q, want end_turn", res.StopReason)
	}
	if !res.Simulated {
		t.Errorf("Simulated = false for an answer from the emulator")
	}
	u := res.Usage
	if u.InputTokens <= 0 || u.OutputTokens <= 2048/2 || u.TotalTokens != u.InputTokens+u.OutputTokens {
		t.Errorf("usage %+v: want input > 0, output above half the budget, total = input + output", u)
	}
	if u.OutputTokens > 2048+4096 {
		t.Errorf("output tokens %d exceed max tokens %d", u.OutputTokens, 2048+4096)
	}
	want := claudeutils.CostOf(u, claudeutils.Prices{InputPerMTok: 3, OutputPerMTok: 15, CacheReadPerMTok: 0.3, CacheWritePerMTok: 3.75})
	if diff := cmp.Diff(want, res.Cost); diff != "" {
		t.Errorf("cost mismatch (-want +got):\n%s", diff)
	}
	if res.ServerLatency <= 0 || res.WallTime <= 0 || res.Elapsed() != res.ServerLatency {
		t.Errorf("latency %v, wall %v, elapsed %v: want server latency reported and used", res.ServerLatency, res.WallTime, res.Elapsed())
	}
	if res.Attempts != 1 || res.Streamed || res.MaxTokens != 6144 || res.ThinkingSetting != "budget=2048" {
		t.Errorf("attempts %d, streamed %v, max tokens %d, thinking %q; want 1, false, 6144, budget=2048",
			res.Attempts, res.Streamed, res.MaxTokens, res.ThinkingSetting)
	}

	// The signature is never exported, and nothing marshals as "{}".
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), res.ThinkingSignature) || strings.Contains(string(b), "{}") {
		t.Errorf("JSON of a result leaks the signature or an empty document: %s", firstN(string(b), 300))
	}
}

func TestClient_Invoke_streamMatchesConverse(t *testing.T) {
	c := newEmulatorClient(t, 1)
	plain, err := c.Invoke(context.Background(), sweepRequest(4096))
	if err != nil {
		t.Fatal(err)
	}
	req := sweepRequest(4096)
	req.Stream = true
	streamed, err := c.Invoke(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if !streamed.Streamed || streamed.TimeToFirstToken <= 0 || streamed.TimeToFirstAnswerToken < streamed.TimeToFirstToken {
		t.Errorf("streamed %v, first token %v, first answer %v", streamed.Streamed, streamed.TimeToFirstToken, streamed.TimeToFirstAnswerToken)
	}
	if streamed.Answer != plain.Answer || streamed.ThinkingText != plain.ThinkingText ||
		streamed.ThinkingSignature != plain.ThinkingSignature || streamed.Usage != plain.Usage ||
		streamed.StopReason != plain.StopReason {
		t.Errorf("streamed result differs from Converse:\nstream usage %+v stop %s sig %q\nplain  usage %+v stop %s sig %q",
			streamed.Usage, streamed.StopReason, streamed.ThinkingSignature, plain.Usage, plain.StopReason, plain.ThinkingSignature)
	}
}

func TestClient_Invoke_largeMaxTokensStreams(t *testing.T) {
	c := newEmulatorClient(t, 1)
	res, err := c.Invoke(context.Background(), sweepRequest(30000))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Streamed {
		t.Errorf("max tokens %d above %d was not streamed", res.MaxTokens, claudeutils.NonStreamingMaxTokens)
	}
}

func TestClient_Invoke_maxTokensAdjusted(t *testing.T) {
	c := newEmulatorClient(t, 1)
	req := sweepRequest(8192)
	req.MaxTokens = 1500
	res, err := c.Invoke(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if res.MaxTokens != 9692 || len(res.Adjustments) != 1 || res.Adjustments[0].To != 9692 {
		t.Errorf("max tokens %d, adjustments %+v; want 9692 with one adjustment", res.MaxTokens, res.Adjustments)
	}
}

func TestClient_Invoke_deterministic(t *testing.T) {
	a, err := newEmulatorClient(t, 7).Invoke(context.Background(), sweepRequest(4096))
	if err != nil {
		t.Fatal(err)
	}
	b, err := newEmulatorClient(t, 7).Invoke(context.Background(), sweepRequest(4096))
	if err != nil {
		t.Fatal(err)
	}
	if a.Answer != b.Answer || a.Usage != b.Usage || a.ServerLatency != b.ServerLatency {
		t.Errorf("same seed gave different results: %+v vs %+v", a.Usage, b.Usage)
	}
	c, err := newEmulatorClient(t, 8).Invoke(context.Background(), sweepRequest(4096))
	if err != nil {
		t.Fatal(err)
	}
	if c.Usage == a.Usage && c.Answer == a.Answer {
		t.Errorf("seeds 7 and 8 gave identical results %+v", c.Usage)
	}
}

func TestClient_Invoke_ruleErrorsBeforeCall(t *testing.T) {
	c := newEmulatorClient(t, 1)
	req := sweepRequest(2048)
	req.Thinking = claudeutils.Budget(512)
	_, err := c.Invoke(context.Background(), req)
	var rule *claudeutils.RuleError
	if !errors.As(err, &rule) || !errors.Is(err, claudeutils.ErrBudgetTooSmall) {
		t.Fatalf("err = %v, want a RuleError for the 1,024 minimum", err)
	}
}

func TestClient_Invoke_apiErrorKeepsBedrockText(t *testing.T) {
	c := newEmulatorClient(t, 1)
	// A base ID passes local checks, but Bedrock serves this model only
	// through a cross-region profile.
	req := sweepRequest(2048)
	req.ModelID = "anthropic.claude-sonnet-4-5-20250929-v1:0"
	_, err := c.Invoke(context.Background(), req)
	var api *claudeutils.APIError
	if !errors.As(err, &api) {
		t.Fatalf("err = %v (%T), want *APIError", err, err)
	}
	wantMsg := "Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput isn't supported. " +
		"Retry your request with the ID or ARN of an inference profile that contains this model."
	if api.Code != "ValidationException" || api.StatusCode != 400 || api.Message != wantMsg {
		t.Errorf("got %s %d %q", api.Code, api.StatusCode, api.Message)
	}
	var ve *types.ValidationException
	if !errors.As(err, &ve) {
		t.Errorf("the SDK's ValidationException is not reachable through errors.As")
	}
}

func TestClient_Invoke_inferenceProfileARN(t *testing.T) {
	c := newEmulatorClient(t, 1)
	req := sweepRequest(1024)
	req.ModelID = "arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0"
	res, err := c.Invoke(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Usage.OutputTokens == 0 {
		t.Errorf("no output through an ARN model ID")
	}
}

func TestClient_VerifyModel(t *testing.T) {
	c := newEmulatorClient(t, 1)
	tests := []struct {
		id        string
		status    string
		available bool
	}{
		{claudeutils.DefaultModelID, claudeutils.StatusActive, true},
		{"anthropic.claude-haiku-4-5-20251001-v1:0", claudeutils.StatusActive, true},
		{"eu.anthropic.claude-sonnet-4-20250514-v1:0", claudeutils.StatusLegacy, true},
		{"us." + claudeutils.LessonModelID, claudeutils.StatusUnknown, false},
		{"anthropic.claude-does-not-exist", claudeutils.StatusUnknown, false},
	}
	for _, tt := range tests {
		st, err := c.VerifyModel(context.Background(), tt.id)
		if err != nil {
			t.Fatal(err)
		}
		if st.Status != tt.status || st.Available != tt.available {
			t.Errorf("VerifyModel(%q) = %s, available %v; want %s, %v", tt.id, st.Status, st.Available, tt.status, tt.available)
		}
		if !tt.available && len(st.Alternatives) == 0 {
			t.Errorf("VerifyModel(%q) lists no alternatives", tt.id)
		}
	}
}

// BenchmarkInvoke measures one Converse round trip through claudeutils,
// the SDK and the emulator on loopback.
func BenchmarkInvoke(b *testing.B) {
	c := newEmulatorClient(b, 1)
	req := sweepRequest(4096)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Invoke(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

func firstN(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
