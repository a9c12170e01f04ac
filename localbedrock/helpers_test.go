package localbedrock_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/bedrock"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/document"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"
	"github.com/aws/smithy-go"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/localbedrock"
)

// Model IDs used across the tests.
const (
	sonnet45   = claudeutils.DefaultModelID // us.anthropic.claude-sonnet-4-5-20250929-v1:0
	sonnet46   = "us.anthropic.claude-sonnet-4-6"
	opus47     = "us.anthropic.claude-opus-4-7"
	claude37   = "us.anthropic.claude-3-7-sonnet-20250219-v1:0"
	noThinking = "anthropic.test-no-thinking"
	onDemand   = "anthropic.test-on-demand"
)

// testRegistry is the default registry plus two on-demand test models,
// one without thinking.
func testRegistry() *claudeutils.Registry {
	reg := claudeutils.DefaultRegistry()
	reg.Add(claudeutils.Model{ID: noThinking, Name: "Test No Thinking", Thinking: claudeutils.NoThinking,
		Lifecycle: claudeutils.Active, MaxOutputTokens: 8192, OutputTokensPerSecond: 100})
	reg.Add(claudeutils.Model{ID: onDemand, Name: "Test On Demand", Thinking: claudeutils.ManualOnly,
		Lifecycle: claudeutils.Active, MaxOutputTokens: 64000, OutputTokensPerSecond: 50})
	return reg
}

// start runs an emulator on 127.0.0.1 for the length of the test.
func start(t testing.TB, opts localbedrock.Options) *localbedrock.Running {
	t.Helper()
	if opts.Registry == nil {
		opts.Registry = testRegistry()
	}
	r, err := localbedrock.Start("", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return r
}

// runtimeClient is the real SDK client pointed at the emulator, with
// static fake credentials, no retries and plainBodies.
func runtimeClient(url string) *bedrockruntime.Client {
	return bedrockruntime.New(bedrockruntime.Options{
		Region:           "us-west-2",
		BaseEndpoint:     aws.String(url),
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDTEST", "SECRETTEST", ""),
		RetryMaxAttempts: 1,
		HTTPClient:       &http.Client{Transport: plainBodies{http.DefaultTransport}},
	})
}

// plainBodies hides the WriterTo method of request bodies. The SDK closes
// a request body as soon as the response headers arrive; net/http may
// still be making its final read of the body, and the SDK's body then
// answers WriteTo with io.EOF, which net/http takes for a write error and
// closes the connection, cutting the response ("use of closed network
// connection"). Against a server on the same machine about one stream in
// ten died this way; through plainBodies none in 3,000 did.
type plainBodies struct{ next http.RoundTripper }

func (p plainBodies) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil && r.Body != http.NoBody {
		r = r.Clone(r.Context())
		r.Body = struct{ io.ReadCloser }{r.Body}
	}
	return p.next.RoundTrip(r)
}

// controlClient is the control-plane SDK client pointed at the emulator.
func controlClient(url string) *bedrock.Client {
	return bedrock.New(bedrock.Options{
		Region:           "us-west-2",
		BaseEndpoint:     aws.String(url),
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDTEST", "SECRETTEST", ""),
		RetryMaxAttempts: 1,
	})
}

// call describes one Converse request in the tests' terms.
type call struct {
	model       string
	system      string
	prompt      string
	maxTokens   int32
	temperature *float32
	topP        *float32
	fields      map[string]any
	effort      string
}

func budget(n int) map[string]any {
	return map[string]any{"thinking": map[string]any{"type": "enabled", "budget_tokens": n}}
}

func adaptive() map[string]any {
	return map[string]any{"thinking": map[string]any{"type": "adaptive"}}
}

func (c call) input() *bedrockruntime.ConverseInput {
	in := &bedrockruntime.ConverseInput{
		ModelId: aws.String(c.model),
		Messages: []types.Message{{
			Role:    types.ConversationRoleUser,
			Content: []types.ContentBlock{&types.ContentBlockMemberText{Value: c.prompt}},
		}},
		InferenceConfig: &types.InferenceConfiguration{Temperature: c.temperature, TopP: c.topP},
	}
	if c.maxTokens != 0 {
		in.InferenceConfig.MaxTokens = aws.Int32(c.maxTokens)
	}
	if c.system != "" {
		in.System = []types.SystemContentBlock{&types.SystemContentBlockMemberText{Value: c.system}}
	}
	if c.fields != nil {
		in.AdditionalModelRequestFields = document.NewLazyDocument(c.fields)
	}
	if c.effort != "" {
		in.OutputConfig = &types.OutputConfig{Effort: aws.String(c.effort)}
	}
	return in
}

func (c call) streamInput() *bedrockruntime.ConverseStreamInput {
	in := c.input()
	return &bedrockruntime.ConverseStreamInput{
		ModelId: in.ModelId, Messages: in.Messages, System: in.System,
		InferenceConfig: in.InferenceConfig, AdditionalModelRequestFields: in.AdditionalModelRequestFields,
		OutputConfig: in.OutputConfig,
	}
}

// reply is what the tests compare of a response.
type reply struct {
	Thinking     string
	Signature    string
	HasReasoning bool
	Answer       string
	StopReason   string
	Input        int32
	Output       int32
	Total        int32
	LatencyMs    int64
}

func replyOf(t testing.TB, out *bedrockruntime.ConverseOutput) reply {
	t.Helper()
	msg, ok := out.Output.(*types.ConverseOutputMemberMessage)
	if !ok {
		t.Fatalf("output is %T, want a message", out.Output)
	}
	var r reply
	for _, b := range msg.Value.Content {
		switch b := b.(type) {
		case *types.ContentBlockMemberReasoningContent:
			rt, ok := b.Value.(*types.ReasoningContentBlockMemberReasoningText)
			if !ok {
				t.Fatalf("reasoning block is %T", b.Value)
			}
			r.HasReasoning = true
			r.Thinking = aws.ToString(rt.Value.Text)
			r.Signature = aws.ToString(rt.Value.Signature)
		case *types.ContentBlockMemberText:
			r.Answer += b.Value
		default:
			t.Fatalf("unexpected content block %T", b)
		}
	}
	r.StopReason = string(out.StopReason)
	r.Input = aws.ToInt32(out.Usage.InputTokens)
	r.Output = aws.ToInt32(out.Usage.OutputTokens)
	r.Total = aws.ToInt32(out.Usage.TotalTokens)
	r.LatencyMs = aws.ToInt64(out.Metrics.LatencyMs)
	return r
}

// converse sends c through the SDK and fails the test on error.
func converse(t testing.TB, client *bedrockruntime.Client, c call) reply {
	t.Helper()
	out, err := client.Converse(context.Background(), c.input())
	if err != nil {
		t.Fatalf("converse %s: %v", c.model, err)
	}
	return replyOf(t, out)
}

// apiFailure is what the tests compare of an error.
type apiFailure struct {
	Status  int
	Code    string
	Message string
}

func failureOf(t testing.TB, err error) apiFailure {
	t.Helper()
	if err == nil {
		t.Fatal("got no error")
	}
	var f apiFailure
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v is not an API error", err)
	}
	f.Code, f.Message = apiErr.ErrorCode(), apiErr.ErrorMessage()
	var respErr *awshttp.ResponseError
	if errors.As(err, &respErr) {
		f.Status = respErr.HTTPStatusCode()
	}
	return f
}

// post sends a raw JSON body to the emulator.
func post(t testing.TB, url, path string, body []byte) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Post(url+path, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func f32(v float32) *float32 { return &v }
