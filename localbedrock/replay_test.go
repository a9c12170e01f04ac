package localbedrock_test

import (
	"context"
	"errors"
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
	"github.com/thinkbudget/thinkbudget/runner"
)

// replayCalls are recorded and then replayed: budgets through Converse
// and ConverseStream, an effort level, and a classifier-like call with a
// temperature and no thinking.
func replayCalls() []runner.Call {
	zero := 0.0
	return []runner.Call{
		{Label: "budget=1024", Request: claudeutils.Request{ModelID: sonnet45, Prompt: lesson.ProductionPlanning,
			MaxTokens: 5120, Thinking: claudeutils.Budget(1024)}},
		{Label: "budget=4096", Request: claudeutils.Request{ModelID: sonnet45, Prompt: lesson.ProductionPlanning,
			MaxTokens: 1000, Thinking: claudeutils.Budget(4096)}},
		{Label: "budget=2048 streamed", Request: claudeutils.Request{ModelID: sonnet45, Prompt: lesson.CarbonPlan,
			MaxTokens: 6144, Thinking: claudeutils.Budget(2048), Stream: true}},
		{Label: "effort=low", Request: claudeutils.Request{ModelID: sonnet46, Prompt: lesson.CarbonPlan,
			MaxTokens: 4000, Thinking: claudeutils.Adaptive(claudeutils.EffortLow)}},
		{Label: "classify", Request: claudeutils.Request{ModelID: claudeutils.DefaultSmallModelID, Prompt: "What is 2+2?",
			System: "Reply with one of simple, medium, complex, very_complex.", MaxTokens: 10, Temperature: &zero}},
	}
}

// replayed is what a replay must give back of a result.
type replayed struct {
	Answer, ThinkingText, StopReason string
	Usage                            claudeutils.Usage
	LatencyMs                        int64
	Streamed                         bool
}

func replayedOf(r *claudeutils.Result) replayed {
	return replayed{r.Answer, r.ThinkingText, r.StopReason, r.Usage, r.ServerLatency.Milliseconds(), r.Streamed}
}

// newClient returns a claudeutils client for an emulator, without
// retries.
func newClient(t *testing.T, url string) *claudeutils.Client {
	t.Helper()
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	c, err := claudeutils.NewClient(context.Background(), claudeutils.Options{Endpoint: url, Region: "us-west-2", MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// record runs calls against an emulator with seed 1 and a read-write
// cache in a new folder, and returns the folder and the results.
func record(t *testing.T, calls []runner.Call) (string, []replayed) {
	t.Helper()
	dir := t.TempDir()
	cache, err := runner.OpenCache(dir, runner.CacheReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	emu := start(t, localbedrock.Options{Seed: 1})
	r := &runner.Runner{Invoker: newClient(t, emu.URL())}
	(&runner.Recorder{Cache: cache, Source: "emulator seed=1"}).Attach(r)
	outcomes, err := r.Run(context.Background(), calls)
	if err != nil {
		t.Fatal(err)
	}
	var got []replayed
	for _, o := range outcomes {
		if o.Err != nil {
			t.Fatalf("record %s: %v", o.Call.Label, o.Err)
		}
		got = append(got, replayedOf(o.Result))
	}
	return dir, got
}

// Ensure a replay answers every recorded request exactly as recorded, on
// a server whose own simulation (another seed) would answer otherwise.
func TestReplay_answersRecorded(t *testing.T) {
	calls := replayCalls()
	dir, want := record(t, calls)
	opts, err := localbedrock.WithReplay(localbedrock.Options{Seed: 99}, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	client := newClient(t, start(t, opts).URL())
	for i, c := range calls {
		t.Run(c.Label, func(t *testing.T) {
			res, err := client.Invoke(context.Background(), c.Request)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want[i], replayedOf(res)); diff != "" {
				t.Errorf("replayed result (-recorded +replayed):\n%s", diff)
			}
			if res.ThinkingText != "" && res.ThinkingSignature == "" {
				t.Error("a replayed reasoning block has no signature")
			}
		})
	}
}

// Ensure what the recordings cannot answer is refused with the key named,
// or simulated with fallback, and that invalid requests still get the
// emulator's own errors.
func TestReplay_misses(t *testing.T) {
	dir, _ := record(t, replayCalls()[:1])
	unrecorded := runner.Call{Label: "budget=8192", Request: claudeutils.Request{
		ModelID: sonnet45, Prompt: lesson.ProductionPlanning, MaxTokens: 12288, Thinking: claudeutils.Budget(8192)}}
	repeated := replayCalls()[0]
	repeated.Repeat = 1

	strict, _ := localbedrock.WithReplay(localbedrock.Options{Seed: 99}, dir, false)
	strictURL := start(t, strict).URL()
	client := newClient(t, strictURL)
	tests := []struct {
		name string
		call runner.Call
		want string
	}{
		{"not recorded", unrecorded,
			"ValidationException (HTTP 400): localbedrock replay: no recorded response for this request (key " +
				runner.ShortKey(runner.Key(unrecorded)) + ")"},
		{"streamed where the recording did not", runner.Call{Request: func() claudeutils.Request {
			r := replayCalls()[0].Request
			r.Stream = true
			return r
		}()}, "no recorded response for this request (key "},
		{"a recorded prompt at another max tokens", runner.Call{Request: func() claudeutils.Request {
			r := replayCalls()[0].Request
			r.MaxTokens++
			return r
		}()}, "no recorded response for this request (key "},
		{"a repeat of a recorded call", repeated, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := client.Invoke(context.Background(), tt.call.Request)
			if tt.want == "" {
				// The repeat index stays off the wire, so the replay
				// answers a repeat with repeat 0's recording.
				if err != nil {
					t.Errorf("error %v, want repeat 0's recording", err)
				}
				return
			}
			var api *claudeutils.APIError
			if !errors.As(err, &api) || api.StatusCode != 400 || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want HTTP 400 with %q", err, tt.want)
			}
		})
	}

	// A budget below the minimum never reaches the recordings: the
	// emulator refuses it with Bedrock's message.
	rt := runtimeClient(strictURL)
	_, err := rt.Converse(context.Background(), &bedrockruntime.ConverseInput{
		ModelId:         aws.String(sonnet45),
		Messages:        []types.Message{{Role: types.ConversationRoleUser, Content: []types.ContentBlock{&types.ContentBlockMemberText{Value: "p"}}}},
		InferenceConfig: &types.InferenceConfiguration{MaxTokens: aws.Int32(4000)},
		AdditionalModelRequestFields: document.NewLazyDocument(map[string]any{
			"thinking": map[string]any{"type": "enabled", "budget_tokens": 512}}),
	})
	if err == nil || !strings.Contains(err.Error(), "budget_tokens: Input should be greater than or equal to 1024") {
		t.Errorf("budget 512: error %v, want the emulator's validation error", err)
	}

	// Control-plane calls pass through.
	if _, err := controlClient(strictURL).ListFoundationModels(context.Background(), nil); err != nil {
		t.Errorf("ListFoundationModels through a replay: %v", err)
	}

	// With fallback, a miss is simulated by the emulator behind the
	// replay, as a plain emulator with its seed answers it.
	fallback, _ := localbedrock.WithReplay(localbedrock.Options{Seed: 99}, dir, true)
	got, err := newClient(t, start(t, fallback).URL()).Invoke(context.Background(), unrecorded.Request)
	if err != nil {
		t.Fatal(err)
	}
	want, err := newClient(t, start(t, localbedrock.Options{Seed: 99}).URL()).Invoke(context.Background(), unrecorded.Request)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(replayedOf(want), replayedOf(got)); diff != "" {
		t.Errorf("fallback answer (-emulator +fallback):\n%s", diff)
	}
}

func TestNewReplay_missingFolder(t *testing.T) {
	dir := t.TempDir() + "/none"
	_, err := localbedrock.NewReplay(dir, false, localbedrock.Options{})
	if want := "start replay: open cache for replay: stat " + dir + ": no such file or directory"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}
