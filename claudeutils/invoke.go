package claudeutils

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/document"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"
)

// NonStreamingMaxTokens is the largest max tokens sent through Converse.
// The SDKs refuse, and Bedrock's documentation discourages, non-streaming
// calls above about 21,333 output tokens, so larger calls stream.
const NonStreamingMaxTokens = 21333

// Invoke validates req for its model, sends it through Converse (or
// ConverseStream when req.Stream is set or max tokens is above
// NonStreamingMaxTokens) and returns the answer, thinking, usage, timing
// and cost. Rule violations come back as *RuleError before any call;
// errors answered by Bedrock as *APIError.
func (c *Client) Invoke(ctx context.Context, req Request) (*Result, error) {
	p, err := Validate(c.Registry, req)
	if err != nil {
		return nil, err
	}
	if c.callTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.callTimeout)
		defer cancel()
	}
	var attempts atomic.Int32
	var simulated atomic.Bool
	ctx = withAttemptCounter(ctx, &attempts)
	ctx = context.WithValue(ctx, simulatedKey{}, &simulated)

	res := &Result{
		ModelID:         req.ModelID,
		Thinking:        p.Thinking,
		ThinkingSetting: p.Thinking.String(),
		MaxTokens:       p.MaxTokens,
		Adjustments:     p.Adjustments,
	}
	start := time.Now()
	if p.Stream || p.MaxTokens > NonStreamingMaxTokens {
		err = c.converseStream(ctx, p, res, start)
	} else {
		err = c.converse(ctx, p, res)
	}
	res.WallTime = time.Since(start)
	res.Attempts = int(attempts.Load())
	if err != nil {
		op := "converse"
		if res.Streamed {
			op = "converse-stream"
		}
		return nil, wrapAPIError(op, req.ModelID, res.Attempts, err)
	}
	res.Simulated = simulated.Load()
	res.Cost = CostOf(res.Usage, p.Model.Prices)
	return res, nil
}

// converse sends one non-streaming call and fills res from its output.
func (c *Client) converse(ctx context.Context, p Prepared, res *Result) error {
	in := converseInput(p)
	out, err := c.Runtime.Converse(ctx, &bedrockruntime.ConverseInput{
		ModelId:                      in.ModelId,
		Messages:                     in.Messages,
		System:                       in.System,
		InferenceConfig:              in.InferenceConfig,
		AdditionalModelRequestFields: in.AdditionalModelRequestFields,
		OutputConfig:                 in.OutputConfig,
	})
	if err != nil {
		return err
	}
	if msg, ok := out.Output.(*types.ConverseOutputMemberMessage); ok {
		readContent(msg.Value.Content, res)
	}
	res.StopReason = string(out.StopReason)
	res.Usage = usageOf(out.Usage)
	if out.Metrics != nil && out.Metrics.LatencyMs != nil {
		res.ServerLatency = time.Duration(*out.Metrics.LatencyMs) * time.Millisecond
	}
	return nil
}

// converseStream sends one streaming call, assembles the deltas and
// records the time to the first delta and to the first answer text.
func (c *Client) converseStream(ctx context.Context, p Prepared, res *Result, start time.Time) error {
	res.Streamed = true
	out, err := c.Runtime.ConverseStream(ctx, converseInput(p))
	if err != nil {
		return err
	}
	stream := out.GetStream()
	defer stream.Close()

	var answer, thinking, signature strings.Builder
	var stopped, gotMetadata bool
	for ev := range stream.Events() {
		if res.TimeToFirstToken == 0 {
			res.TimeToFirstToken = time.Since(start)
		}
		switch e := ev.(type) {
		case *types.ConverseStreamOutputMemberContentBlockDelta:
			switch d := e.Value.Delta.(type) {
			case *types.ContentBlockDeltaMemberText:
				if res.TimeToFirstAnswerToken == 0 {
					res.TimeToFirstAnswerToken = time.Since(start)
				}
				answer.WriteString(d.Value)
			case *types.ContentBlockDeltaMemberReasoningContent:
				switch r := d.Value.(type) {
				case *types.ReasoningContentBlockDeltaMemberText:
					thinking.WriteString(r.Value)
				case *types.ReasoningContentBlockDeltaMemberSignature:
					signature.WriteString(r.Value)
				case *types.ReasoningContentBlockDeltaMemberRedactedContent:
					res.ThinkingRedacted = true
				}
			}
		case *types.ConverseStreamOutputMemberMessageStop:
			stopped = true
			res.StopReason = string(e.Value.StopReason)
		case *types.ConverseStreamOutputMemberMetadata:
			gotMetadata = true
			res.Usage = usageOf(e.Value.Usage)
			if m := e.Value.Metrics; m != nil && m.LatencyMs != nil {
				res.ServerLatency = time.Duration(*m.LatencyMs) * time.Millisecond
			}
		}
	}
	if err := stream.Err(); err != nil {
		return err
	}
	// A connection dropped midway ends the SDK's event channel as if the
	// stream had finished; only the missing final events tell.
	if !stopped || !gotMetadata {
		return fmt.Errorf("%w: no messageStop or metadata event after %d answer bytes",
			ErrStreamIncomplete, answer.Len())
	}
	res.Answer = answer.String()
	res.ThinkingText = thinking.String()
	res.ThinkingSignature = signature.String()
	return nil
}

// converseInput builds the request shared by Converse and ConverseStream.
// Thinking settings travel in additionalModelRequestFields, which Bedrock
// passes to the model unchanged; the effort level has its own field.
func converseInput(p Prepared) *bedrockruntime.ConverseStreamInput {
	in := &bedrockruntime.ConverseStreamInput{
		ModelId: aws.String(p.ModelID),
		Messages: []types.Message{{
			Role:    types.ConversationRoleUser,
			Content: []types.ContentBlock{&types.ContentBlockMemberText{Value: p.Prompt}},
		}},
		System:          []types.SystemContentBlock{&types.SystemContentBlockMemberText{Value: p.System}},
		InferenceConfig: &types.InferenceConfiguration{MaxTokens: aws.Int32(int32(p.MaxTokens))},
	}
	if p.Temperature != nil {
		in.InferenceConfig.Temperature = aws.Float32(float32(*p.Temperature))
	}
	switch p.Thinking.Mode {
	case ThinkingManual:
		in.AdditionalModelRequestFields = document.NewLazyDocument(map[string]any{
			"thinking": map[string]any{"type": "enabled", "budget_tokens": p.Thinking.BudgetTokens},
		})
	case ThinkingAdaptive:
		in.AdditionalModelRequestFields = document.NewLazyDocument(map[string]any{
			"thinking": map[string]any{"type": "adaptive"},
		})
		in.OutputConfig = &types.OutputConfig{Effort: aws.String(string(p.Thinking.Effort))}
	}
	return in
}

// readContent copies the answer text and the reasoning block of a
// non-streaming reply into res.
func readContent(blocks []types.ContentBlock, res *Result) {
	var answer strings.Builder
	for _, b := range blocks {
		switch v := b.(type) {
		case *types.ContentBlockMemberText:
			answer.WriteString(v.Value)
		case *types.ContentBlockMemberReasoningContent:
			switch r := v.Value.(type) {
			case *types.ReasoningContentBlockMemberReasoningText:
				res.ThinkingText += aws.ToString(r.Value.Text)
				res.ThinkingSignature += aws.ToString(r.Value.Signature)
			case *types.ReasoningContentBlockMemberRedactedContent:
				res.ThinkingRedacted = true
			}
		}
	}
	res.Answer = answer.String()
}

// usageOf converts the SDK's token usage.
func usageOf(u *types.TokenUsage) Usage {
	if u == nil {
		return Usage{}
	}
	v := Usage{
		InputTokens:           int(aws.ToInt32(u.InputTokens)),
		OutputTokens:          int(aws.ToInt32(u.OutputTokens)),
		TotalTokens:           int(aws.ToInt32(u.TotalTokens)),
		CacheReadInputTokens:  int(aws.ToInt32(u.CacheReadInputTokens)),
		CacheWriteInputTokens: int(aws.ToInt32(u.CacheWriteInputTokens)),
	}
	// Totals here count every token that was billed. Bedrock's own total
	// may leave out cached input; never let it be below the sum.
	sum := v.InputTokens + v.OutputTokens + v.CacheReadInputTokens + v.CacheWriteInputTokens
	if v.TotalTokens < sum {
		v.TotalTokens = sum
	}
	return v
}
