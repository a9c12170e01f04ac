package localbedrock_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/document"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"
	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/localbedrock"
)

// Ensure the thinking demand stays within the documented noise around
// its class's value, for many seeds.
func TestSimulate_DemandNoise(t *testing.T) {
	m := mustModel(t, sonnet45)
	tests := []struct {
		class, prompt string
		base          float64
	}{
		{"simple", lesson.AllocationPrompts[0].Prompt, 150},
		{"medium", lesson.AllocationPrompts[1].Prompt, 1500},
		{"complex", lesson.CarbonPlan, 5000},
		{"very_complex", lesson.AllocationPrompts[3].Prompt, 12000},
	}
	for _, tt := range tests {
		class, prompt, base := tt.class, tt.prompt, tt.base
		lo, hi := math.Floor(base*(1-localbedrock.NoiseShare)), math.Ceil(base*(1+localbedrock.NoiseShare))
		distinct := map[int]bool{}
		for seed := range int64(50) {
			got := localbedrock.New(localbedrock.Options{Seed: seed}).Simulate(m, localbedrock.SimRequest{Prompt: prompt}).ThinkingDemandTokens
			if float64(got) < lo || float64(got) > hi {
				t.Errorf("%s, seed %d: demand %d outside [%v, %v]", class, seed, got, lo, hi)
			}
			distinct[got] = true
		}
		if len(distinct) < 10 {
			t.Errorf("%s: only %d distinct demands over 50 seeds", class, len(distinct))
		}
	}
}

// Ensure each thinking setting turns the demand into thinking tokens as
// documented.
func TestSimulate_ThinkingSettings(t *testing.T) {
	s := localbedrock.New(localbedrock.Options{Seed: 4})
	m := mustModel(t, sonnet46)
	demandOf := func(prompt string) int {
		return s.Simulate(m, localbedrock.SimRequest{Prompt: prompt}).ThinkingDemandTokens
	}
	simple, complex := lesson.AllocationPrompts[0].Prompt, lesson.CarbonPlan
	tests := []struct {
		name   string
		prompt string
		th     claudeutils.Thinking
		want   int
	}{
		{"off", complex, claudeutils.Off(), 0},
		{"budget above demand", simple, claudeutils.Budget(1024), demandOf(simple)},
		{"budget below demand", complex, claudeutils.Budget(2048), 2048},
		{"effort low skips easy prompts", simple, claudeutils.Adaptive(claudeutils.EffortLow), 0},
		{"effort medium skips simple prompts", simple, claudeutils.Adaptive(claudeutils.EffortMedium), 0},
		{"effort low on a complex prompt", complex, claudeutils.Adaptive(claudeutils.EffortLow), int(math.Round(float64(demandOf(complex)) * 0.2))},
		{"effort high", complex, claudeutils.Adaptive(claudeutils.EffortHigh), demandOf(complex)},
		{"effort max", complex, claudeutils.Adaptive(claudeutils.EffortMax), int(math.Round(float64(demandOf(complex)) * 1.5))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.Simulate(m, localbedrock.SimRequest{Prompt: tt.prompt, MaxTokens: 32000, Thinking: tt.th})
			if got.ThinkingTokens != tt.want {
				t.Errorf("thinking tokens = %d, want %d", got.ThinkingTokens, tt.want)
			}
			if (got.ThinkingTokens > 0) != (got.ThinkingSignature != "") {
				t.Errorf("thinking %d tokens but signature %q", got.ThinkingTokens, got.ThinkingSignature)
			}
		})
	}
}

// Ensure the production-planning answer is right exactly when the
// thinking reaches CorrectShare of the demand.
func TestSimulate_KnownAnswer(t *testing.T) {
	m := mustModel(t, sonnet45)
	for seed := range int64(20) {
		s := localbedrock.New(localbedrock.Options{Seed: seed})
		for _, b := range lesson.SweepBudgets {
			r := s.Simulate(m, localbedrock.SimRequest{Prompt: lesson.ProductionPlanning, MaxTokens: b + 1500, Thinking: claudeutils.Budget(b)})
			right := strings.HasSuffix(r.Answer, "the maximum profit is $3,000.")
			if right != (r.Quality >= localbedrock.CorrectShare) {
				t.Errorf("seed %d, budget %d: quality %.2f, right answer %v", seed, b, r.Quality, right)
			}
			if !right && !strings.Contains(r.Answer, "the maximum profit is $") {
				t.Errorf("seed %d, budget %d: wrong answer states no figure: %q", seed, b, tail(r.Answer))
			}
		}
	}
	off := localbedrock.New(localbedrock.Options{}).Simulate(m, localbedrock.SimRequest{Prompt: lesson.ProductionPlanning})
	if off.Quality != 0 || strings.Contains(off.Answer, "$3,000") {
		t.Errorf("without thinking: quality %.2f, answer ends %q; want 0 and a wrong figure", off.Quality, tail(off.Answer))
	}
}

// Ensure the usage, latency and text lengths follow the documented
// rules.
func TestSimulate_Accounting(t *testing.T) {
	m := mustModel(t, sonnet45)
	req := localbedrock.SimRequest{System: "Be careful.", Prompt: lesson.CarbonPlan, ContextChars: 40,
		MaxTokens: 9000, Thinking: claudeutils.Budget(8000)}
	r := localbedrock.New(localbedrock.Options{Seed: 2}).Simulate(m, req)
	input := (len(req.System)+len(req.Prompt)+40+3)/4 + localbedrock.InputOverheadTokens
	output := r.ThinkingTokens + r.AnswerTokens
	want := claudeutils.Usage{InputTokens: input, OutputTokens: output, TotalTokens: input + output}
	if diff := cmp.Diff(want, r.Usage); diff != "" {
		t.Errorf("usage (-want +got):\n%s", diff)
	}
	speed := time.Duration(float64(output) / m.OutputTokensPerSecond * float64(time.Second))
	wantLatency := (m.TimeToFirstToken + speed).Round(time.Millisecond).Milliseconds()
	if got := r.Latency.Milliseconds(); got != wantLatency {
		t.Errorf("latency %d ms, want %d", got, wantLatency)
	}
	for _, c := range []struct {
		what          string
		text          string
		tokens, slack int
	}{{"thinking", r.ThinkingText, r.ThinkingTokens, 100}, {"answer", r.Answer, r.AnswerTokens, 100}} {
		if n := len(c.text); n > c.tokens*4+c.slack || n < c.tokens*4-c.slack {
			t.Errorf("%s: %d chars for %d tokens, want about %d", c.what, n, c.tokens, c.tokens*4)
		}
	}
}

// Ensure a stop sequence in the answer ends it there.
func TestSimulate_StopSequence(t *testing.T) {
	m := mustModel(t, sonnet45)
	s := localbedrock.New(localbedrock.Options{})
	full := s.Simulate(m, localbedrock.SimRequest{Prompt: lesson.CarbonPlan})
	stop := full.Answer[200:210]
	cut := s.Simulate(m, localbedrock.SimRequest{Prompt: lesson.CarbonPlan, StopSequences: []string{"\x00never", stop}})
	i := strings.Index(full.Answer, stop)
	if cut.StopReason != "stop_sequence" || cut.Answer != full.Answer[:i] || cut.AnswerTokens != (i+3)/4 {
		t.Errorf("stop %q: reason %s, %d chars, %d tokens; want stop_sequence, %d chars, %d tokens",
			stop, cut.StopReason, len(cut.Answer), cut.AnswerTokens, i, (i+3)/4)
	}
}

// Example shows the real SDK client talking to the emulator.
func Example() {
	emu, err := localbedrock.Start("", localbedrock.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	defer emu.Close()

	client := bedrockruntime.New(bedrockruntime.Options{
		Region:       "us-west-2",
		BaseEndpoint: aws.String(emu.URL()),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDTEST", "SECRETTEST", ""),
	})
	out, err := client.Converse(context.Background(), &bedrockruntime.ConverseInput{
		ModelId: aws.String(claudeutils.DefaultModelID),
		Messages: []types.Message{{Role: types.ConversationRoleUser,
			Content: []types.ContentBlock{&types.ContentBlockMemberText{Value: lesson.ProductionPlanning}}}},
		InferenceConfig: &types.InferenceConfiguration{MaxTokens: aws.Int32(16384 + 1500)},
		AdditionalModelRequestFields: document.NewLazyDocument(map[string]any{
			"thinking": map[string]any{"type": "enabled", "budget_tokens": 16384},
		}),
	})
	if err != nil {
		panic(err)
	}
	blocks := out.Output.(*types.ConverseOutputMemberMessage).Value.Content
	answer := blocks[len(blocks)-1].(*types.ContentBlockMemberText).Value
	fmt.Println(len(blocks), "blocks, stop reason", out.StopReason)
	fmt.Println(strings.HasPrefix(answer, localbedrock.AnswerPrefix))
	fmt.Println(answer[strings.LastIndex(answer, "the maximum"):])
	// Output:
	// 2 blocks, stop reason end_turn
	// true
	// the maximum profit is $3,000.
}

func ExampleParseFaults() {
	f, err := localbedrock.ParseFaults("throttle=0.3,5xx=0.1,timeout=0.05,stream=0.05,drop=0.05")
	if err != nil {
		panic(err)
	}
	fmt.Println(f.Throttle, f.ServerError, f.Drop)
	_, err = localbedrock.ParseFaults("throttle=lots")
	fmt.Println(err)
	// Output:
	// 0.3 0.1 0.05
	// fault throttle: value "lots" is not a probability from 0 to 1
}
