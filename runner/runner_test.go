package runner_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/runner"
)

// scriptedInvoker answers each budget's calls in turn from a script: a
// result with a stop reason (complete), without one (cut short), or an
// error.
type scriptedInvoker struct {
	mu     sync.Mutex
	script map[int][]string
	sent   map[int]int
}

func (s *scriptedInvoker) Invoke(_ context.Context, req claudeutils.Request) (*claudeutils.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := req.Thinking.BudgetTokens
	if s.sent == nil {
		s.sent = map[int]int{}
	}
	step := s.script[b][min(s.sent[b], len(s.script[b])-1)]
	s.sent[b]++
	res := &claudeutils.Result{Answer: step, Attempts: 2, Usage: claudeutils.Usage{TotalTokens: 5}}
	switch step {
	case "complete":
		res.StopReason = "end_turn"
	case "cut short":
	default:
		return nil, errors.New(step)
	}
	return res, nil
}

// Ensure a response cut short is sent again, its attempts counted, and
// never passed on when the retries run out; other errors are not retried.
func TestRunner_streamRetries(t *testing.T) {
	inv := &scriptedInvoker{script: map[int][]string{
		1024: {"complete"},
		2048: {"cut short", "complete"},
		4096: {"cut short"},
		8192: {"throttled"},
	}}
	var finished []string
	r := &runner.Runner{Invoker: inv, StreamRetries: 2, Finished: func(o runner.Outcome) error {
		finished = append(finished, o.Call.Label)
		return nil
	}}
	outcomes, err := r.Run(context.Background(), sweepCalls(1024, 2048, 4096, 8192))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range outcomes {
		if o.Err != nil {
			got = append(got, o.Call.Label+": "+o.Err.Error())
			continue
		}
		got = append(got, fmt.Sprintf("%s: %s after %d attempts", o.Call.Label, o.Result.Answer, o.Result.Attempts))
	}
	want := []string{
		"budget=1024: complete after 2 attempts",
		"budget=2048: complete after 4 attempts",
		"budget=4096: sent 6 times: response ended before its stop reason and usage",
		"budget=8192: throttled",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[int]int{1024: 1, 2048: 2, 4096: 3, 8192: 1}, inv.sent); diff != "" {
		t.Errorf("sends per budget (-want +got):\n%s", diff)
	}
	if len(finished) != 2 {
		t.Errorf("Finished saw %v, want the two complete results only", finished)
	}
}

// Ensure an error from Lookup fails its call without a send, and the
// other calls still run, in input order.
func TestRunner_lookupError(t *testing.T) {
	inv := &fakeInvoker{}
	r := &runner.Runner{Invoker: inv, Lookup: func(c runner.Call) (*claudeutils.Result, bool, error) {
		if c.Request.Thinking.BudgetTokens == 2048 {
			return nil, false, errors.New("not recorded")
		}
		return nil, false, nil
	}}
	outcomes, err := r.Run(context.Background(), sweepCalls(1024, 2048, 4096))
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, o := range outcomes {
		s := o.Call.Label
		if o.Err != nil {
			s += ": " + o.Err.Error()
		}
		labels = append(labels, s)
	}
	want := []string{"budget=1024", "budget=2048: not recorded", "budget=4096"}
	if diff := cmp.Diff(want, labels); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	if inv.total() != 2 {
		t.Errorf("%d sends, want 2", inv.total())
	}
}

// Ensure a single call is looked up and recorded like the calls of Run.
func TestRunner_Single(t *testing.T) {
	cache, _ := runner.OpenCache(t.TempDir(), runner.CacheReadWrite)
	inv := &fakeInvoker{}
	r := &runner.Runner{Invoker: inv}
	rec := &runner.Recorder{Cache: cache, Source: "s"}
	rec.Attach(r)
	single := r.Single("classify")
	req := budgetCall(1024, 2048).Request
	for range 2 {
		res, err := single.Invoke(context.Background(), req)
		if err != nil || res.Answer != "answer at 1024" {
			t.Fatalf("Invoke = %+v, %v", res, err)
		}
	}
	if want := (runner.RecorderStats{FromCache: 1, Called: 1}); rec.Stats() != want || inv.total() != 1 {
		t.Errorf("stats %+v and %d sends, want %+v and 1", rec.Stats(), inv.total(), want)
	}
}
