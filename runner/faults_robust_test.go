package runner_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/analysis"
	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/localbedrock"
	"github.com/thinkbudget/thinkbudget/runner"
)

// faultPrompts are the prompts swept in the fault test: three sweeps of
// five budgets, so that enough calls meet a fault.
var faultPrompts = []string{lesson.ProductionPlanning, lesson.CarbonPlan, lesson.AllocationPrompts[2].Prompt}

// sweepResult is what must not change when faults are injected.
type sweepResult struct {
	Answer, ThinkingText, StopReason string
	Usage                            claudeutils.Usage
	ServerLatency                    time.Duration
}

// faultSweep runs the sweeps of faultPrompts against an emulator with
// faults and returns each call's result by label and prompt index, how
// often Finished saw each, and the attempts in all.
func faultSweep(t *testing.T, faults localbedrock.Faults, stream bool) (map[string]sweepResult, map[string]int, int) {
	t.Helper()
	// The configuration chain is loaded: keep it off instance metadata.
	// A CA bundle in the environment makes the SDK refuse a plain
	// *http.Client, which this test needs to close idle connections.
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_CA_BUNDLE", "")
	emu, err := localbedrock.Start("", localbedrock.Options{Seed: 3, Faults: faults})
	if err != nil {
		t.Fatal(err)
	}
	// Closing the client's idle connections first lets the server stop
	// at once rather than wait for connections it has not yet seen used.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	defer func() {
		transport.CloseIdleConnections()
		emu.Close()
	}()
	client, err := claudeutils.NewClient(context.Background(), claudeutils.Options{
		Endpoint: emu.URL(), Region: "us-west-2", HTTPClient: &http.Client{Transport: transport},
		MaxAttempts: 10, MaxBackoff: 5 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}

	var (
		mu       sync.Mutex
		finished = map[string]int{}
	)
	r := &runner.Runner{Invoker: client, StreamRetries: 9, Finished: func(o runner.Outcome) error {
		mu.Lock()
		defer mu.Unlock()
		finished[o.Call.Label]++
		return nil
	}}
	var calls []runner.Call
	for i, p := range faultPrompts {
		for _, c := range analysis.SweepCalls(analysis.SweepConfig{
			ModelID: claudeutils.DefaultModelID, Prompt: p, BudgetTokens: lesson.SweepBudgets, Stream: stream,
		}) {
			c.Label = string(rune('A'+i)) + " " + c.Label
			calls = append(calls, c)
		}
	}
	outcomes, err := r.Run(context.Background(), calls)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]sweepResult{}
	attempts := 0
	for _, o := range outcomes {
		if o.Err != nil {
			t.Errorf("%s: %v", o.Call.Label, o.Err)
			continue
		}
		res := o.Result
		got[o.Call.Label] = sweepResult{res.Answer, res.ThinkingText, res.StopReason, res.Usage, res.ServerLatency}
		attempts += res.Attempts
	}
	return got, finished, attempts
}

// Ensure a sweep through faults at about 30% of calls delivers every
// budget's result exactly once, equal to a fault-free run's, by retrying.
func TestRunner_faults(t *testing.T) {
	calls := len(faultPrompts) * len(lesson.SweepBudgets)
	tests := []struct {
		name   string
		faults localbedrock.Faults
		stream bool
	}{
		{"converse", localbedrock.Faults{Throttle: 0.1, ServerError: 0.08, Timeout: 0.06, Drop: 0.06}, false},
		{"stream", localbedrock.Faults{Throttle: 0.08, ServerError: 0.06, Timeout: 0.06, StreamError: 0.05, Drop: 0.05}, true},
		{"stream broken part way", localbedrock.Faults{StreamError: 0.15, Drop: 0.15}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, _, wantAttempts := faultSweep(t, localbedrock.Faults{}, tt.stream)
			if wantAttempts != calls {
				t.Fatalf("fault-free run took %d attempts, want %d", wantAttempts, calls)
			}
			got, finished, attempts := faultSweep(t, tt.faults, tt.stream)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("results with faults (-without +with):\n%s", diff)
			}
			for label := range want {
				if finished[label] != 1 {
					t.Errorf("%s finished %d times, want once", label, finished[label])
				}
			}
			if attempts <= calls {
				t.Errorf("%d attempts for %d calls: no fault was met, so nothing was tested", attempts, calls)
			}
			t.Logf("%d calls, %d attempts", calls, attempts)
		})
	}
}
