package claudeutils_test

import (
	"context"
	"os"
	"testing"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// TestLive_Bedrock calls real Amazon Bedrock once. It costs about a cent.
//
// Run: THINKBUDGET_LIVE=1 AWS_PROFILE=... AWS_REGION=us-west-2 go test -run TestLive ./claudeutils
func TestLive_Bedrock(t *testing.T) {
	if os.Getenv("THINKBUDGET_LIVE") != "1" {
		t.Skip("live Bedrock test; run: THINKBUDGET_LIVE=1 AWS_REGION=us-west-2 go test -run TestLive ./claudeutils")
	}
	ctx := context.Background()
	c, err := claudeutils.NewClient(ctx, claudeutils.Options{Backend: "bedrock"})
	if err != nil {
		t.Fatal(err)
	}
	model := claudeutils.DefaultModelID
	if m := os.Getenv("THINKBUDGET_MODEL"); m != "" {
		model = m
	}
	st, err := c.VerifyModel(ctx, model)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Available {
		t.Fatalf("%s is %s on this account; available: %v", model, st.Status, st.Alternatives)
	}
	res, err := c.Invoke(ctx, claudeutils.Request{
		ModelID: model, Prompt: "What is 17 * 23? Answer with the number.",
		MaxTokens: 512, Thinking: claudeutils.Budget(1024),
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Usage.OutputTokens == 0 || res.ServerLatency == 0 || res.Cost.TotalUSD == 0 {
		t.Errorf("incomplete result: usage %+v, latency %v, cost %+v", res.Usage, res.ServerLatency, res.Cost)
	}
	t.Logf("answer %q, %d tokens, %v, $%.6f", res.Answer, res.Usage.TotalTokens, res.ServerLatency, res.Cost.TotalUSD)
}
