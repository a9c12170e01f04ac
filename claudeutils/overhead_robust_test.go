package claudeutils_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/document"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/localbedrock"
)

// overheadRequest is the call both overhead benchmarks send: the sweep's
// smallest budget on the lesson's production-planning prompt.
var overheadRequest = claudeutils.Request{
	ModelID: claudeutils.DefaultModelID, Prompt: lesson.ProductionPlanning,
	MaxTokens: 5120, Thinking: claudeutils.Budget(1024),
}

// BenchmarkInvokeOverhead sends one call, to the same emulator answering
// at once, two ways: "client" through Client.Invoke (validation, the
// client's retryer and attempt counter, reading the reply, pricing it)
// and "bare" through a plain bedrockruntime client with the SDK's
// defaults. The difference of their ns/op is the client's own cost per
// call. On a busy machine the two drift apart by more than that cost, so
// "paired" also interleaves the two calls in one loop and reports the
// mean difference as overhead-ns/call.
func BenchmarkInvokeOverhead(b *testing.B) {
	b.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	emu, err := localbedrock.Start("", localbedrock.Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer emu.Close()
	ctx := context.Background()
	client, err := claudeutils.NewClient(ctx, claudeutils.Options{Endpoint: emu.URL(), Region: "us-west-2"})
	if err != nil {
		b.Fatal(err)
	}
	rt := bedrockruntime.New(bedrockruntime.Options{
		Region:       "us-west-2",
		BaseEndpoint: aws.String(emu.URL()),
		Credentials:  credentials.NewStaticCredentialsProvider("LOCALBENCH", "local-placeholder", ""),
	})
	in := bareInput()
	viaClient := func(b *testing.B) {
		if _, err := client.Invoke(ctx, overheadRequest); err != nil {
			b.Fatal(err)
		}
	}
	bare := func(b *testing.B) {
		if _, err := rt.Converse(ctx, in); err != nil {
			b.Fatal(err)
		}
	}

	b.Run("client", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			viaClient(b)
		}
	})
	b.Run("bare", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			bare(b)
		}
	})
	b.Run("paired", func(b *testing.B) {
		var sumClient, sumBare time.Duration
		timed := func(f func(*testing.B)) time.Duration {
			t0 := time.Now()
			f(b)
			return time.Since(t0)
		}
		// Each goes first every other time, so neither gains from the
		// other warming the caches.
		for i := 0; b.Loop(); i++ {
			if i%2 == 0 {
				sumClient += timed(viaClient)
				sumBare += timed(bare)
			} else {
				sumBare += timed(bare)
				sumClient += timed(viaClient)
			}
		}
		n := float64(b.N)
		b.ReportMetric(float64(sumClient)/n, "client-ns/call")
		b.ReportMetric(float64(sumBare)/n, "bare-ns/call")
		b.ReportMetric(float64(sumClient-sumBare)/n, "overhead-ns/call")
	})
}

// bareInput is overheadRequest as Client.Invoke sends it.
func bareInput() *bedrockruntime.ConverseInput {
	return &bedrockruntime.ConverseInput{
		ModelId: aws.String(overheadRequest.ModelID),
		Messages: []types.Message{{
			Role:    types.ConversationRoleUser,
			Content: []types.ContentBlock{&types.ContentBlockMemberText{Value: overheadRequest.Prompt}},
		}},
		System:          []types.SystemContentBlock{&types.SystemContentBlockMemberText{Value: claudeutils.DefaultSystemPrompt}},
		InferenceConfig: &types.InferenceConfiguration{MaxTokens: aws.Int32(int32(overheadRequest.MaxTokens))},
		AdditionalModelRequestFields: document.NewLazyDocument(map[string]any{
			"thinking": map[string]any{"type": "enabled", "budget_tokens": overheadRequest.Thinking.BudgetTokens},
		}),
	}
}
