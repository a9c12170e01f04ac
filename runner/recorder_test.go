package runner_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/runner"
)

// fakeInvoker answers every request with a result derived from it and
// counts the calls by thinking setting.
type fakeInvoker struct {
	mu    sync.Mutex
	calls map[string]int
}

func (f *fakeInvoker) Invoke(_ context.Context, req claudeutils.Request) (*claudeutils.Result, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.calls == nil {
		f.calls = make(map[string]int)
	}
	f.calls[req.Thinking.String()]++
	n := req.Thinking.BudgetTokens
	return &claudeutils.Result{
		ModelID: req.ModelID, Thinking: req.Thinking, ThinkingSetting: req.Thinking.String(),
		MaxTokens: req.MaxTokens, Answer: fmt.Sprintf("answer at %d", n), StopReason: "end_turn",
		ThinkingSignature: "SIG",
		Usage:             claudeutils.Usage{InputTokens: 10, OutputTokens: n / 2, TotalTokens: 10 + n/2},
		Attempts:          1,
	}, nil
}

func (f *fakeInvoker) total() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		n += c
	}
	return n
}

func sweepCalls(budgets ...int) []runner.Call {
	var calls []runner.Call
	for _, b := range budgets {
		calls = append(calls, budgetCall(b, b+1000))
	}
	return calls
}

// run runs calls through a fresh runner with rec attached and returns the
// outcomes' answers ("reused: ..." for reused ones, "error: ..." for
// errors).
func run(t *testing.T, inv runner.Invoker, rec *runner.Recorder, calls []runner.Call) []string {
	t.Helper()
	r := &runner.Runner{Invoker: inv}
	rec.Attach(r)
	outcomes, err := r.Run(context.Background(), calls)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range outcomes {
		switch {
		case o.Err != nil:
			got = append(got, "error: "+o.Err.Error())
		case o.Reused:
			got = append(got, "reused: "+o.Result.Answer)
		default:
			got = append(got, o.Result.Answer)
		}
	}
	return got
}

// Ensure a read-write cache answers a second run without calls, and a
// replay answers what was recorded and refuses the rest.
func TestRecorder_cache(t *testing.T) {
	dir := t.TempDir()
	const source = "emulator seed=1"
	rw, _ := runner.OpenCache(dir, runner.CacheReadWrite)
	inv := &fakeInvoker{}

	got := run(t, inv, &runner.Recorder{Cache: rw, Source: source}, sweepCalls(1024, 2048))
	if diff := cmp.Diff([]string{"answer at 1024", "answer at 2048"}, got); diff != "" {
		t.Errorf("first run (-want +got):\n%s", diff)
	}
	rec := &runner.Recorder{Cache: rw, Source: source}
	got = run(t, inv, rec, sweepCalls(1024, 2048, 4096))
	if diff := cmp.Diff([]string{"reused: answer at 1024", "reused: answer at 2048", "answer at 4096"}, got); diff != "" {
		t.Errorf("second run (-want +got):\n%s", diff)
	}
	if want := (runner.RecorderStats{FromCache: 2, Called: 1}); rec.Stats() != want {
		t.Errorf("stats %+v, want %+v", rec.Stats(), want)
	}

	replay, _ := runner.OpenCache(dir, runner.CacheReplay)
	before := inv.total()
	got = run(t, inv, &runner.Recorder{Cache: replay, Source: source}, sweepCalls(4096, 8192))
	missKey := runner.Key(budgetCall(8192, 9192))
	want := []string{
		"reused: answer at 4096",
		"error: no recorded response for budget=8192 (key " + missKey[:16] + ") in " + dir + "; record it first with --cache rw",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("replay (-want +got):\n%s", diff)
	}
	if inv.total() != before {
		t.Errorf("replay made %d calls, want none", inv.total()-before)
	}
}

// Ensure results recorded from another backend are neither reused nor
// overwritten.
func TestRecorder_otherSource(t *testing.T) {
	dir := t.TempDir()
	rw, _ := runner.OpenCache(dir, runner.CacheReadWrite)
	inv := &fakeInvoker{}
	run(t, inv, &runner.Recorder{Cache: rw, Source: "bedrock"}, sweepCalls(1024))

	rec := &runner.Recorder{Cache: rw, Source: "emulator seed=1"}
	got := run(t, inv, rec, sweepCalls(1024))
	if diff := cmp.Diff([]string{"answer at 1024"}, got); diff != "" {
		t.Errorf("rw run (-want +got):\n%s", diff)
	}
	if want := (runner.RecorderStats{Called: 1, OtherSource: 1, NotCached: 1}); rec.Stats() != want {
		t.Errorf("stats %+v, want %+v", rec.Stats(), want)
	}
	key := runner.Key(budgetCall(1024, 2024))
	if e, _, _ := rw.Get(key); e.Source != "bedrock" {
		t.Errorf("cache entry source %q, want bedrock kept", e.Source)
	}

	replay, _ := runner.OpenCache(dir, runner.CacheReplay)
	got = run(t, inv, &runner.Recorder{Cache: replay, Source: "emulator seed=1"}, sweepCalls(1024))
	want := "error: the recorded response for budget=1024 (key " + key[:16] + ") in " + dir +
		" came from bedrock, not emulator seed=1; replay it with the backend that recorded it"
	if diff := cmp.Diff([]string{want}, got); diff != "" {
		t.Errorf("replay (-want +got):\n%s", diff)
	}
}

// Ensure a resumed journal answers the calls the earlier run finished,
// that cache hits are journaled, and that repeats are kept apart.
func TestRecorder_journal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, runner.JournalFile)
	inv := &fakeInvoker{}

	j, _ := runner.OpenJournal(path, false)
	rec := &runner.Recorder{Journal: j, Source: "s"}
	rec.SetExperiment("sweep")
	run(t, inv, rec, sweepCalls(1024, 2048))
	j.Close()

	j, _ = runner.OpenJournal(path, true)
	rec = &runner.Recorder{Journal: j, Source: "s"}
	rec.SetExperiment("sweep")
	calls := sweepCalls(1024, 2048, 2048)
	calls[2].Repeat = 1
	got := run(t, inv, rec, calls)
	want := []string{"reused: answer at 1024", "reused: answer at 2048", "answer at 2048"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resumed run (-want +got):\n%s", diff)
	}
	j.Close()

	j, _ = runner.OpenJournal(path, true)
	defer j.Close()
	var labels []string
	for _, e := range j.Loaded() {
		labels = append(labels, fmt.Sprintf("%s %s repeat=%d", e.Experiment, e.Label, e.Request.Repeat))
	}
	// Calls of one run finish in any order.
	slices.Sort(labels[:2])
	want = []string{"sweep budget=1024 repeat=0", "sweep budget=2048 repeat=0", "sweep budget=2048 repeat=1"}
	if diff := cmp.Diff(want, labels); diff != "" {
		t.Errorf("journal entries (-want +got):\n%s", diff)
	}
	if inv.calls["budget=2048"] != 2 || inv.calls["budget=1024"] != 1 {
		t.Errorf("calls %v, want budget=1024 once and budget=2048 twice", inv.calls)
	}
}

// Ensure a failing journal stops the run instead of losing results.
func TestRecorder_journalFailureStopsRun(t *testing.T) {
	j, _ := runner.OpenJournal(filepath.Join(t.TempDir(), runner.JournalFile), false)
	j.Close()
	r := &runner.Runner{Invoker: &fakeInvoker{}, Concurrency: 1}
	(&runner.Recorder{Journal: j}).Attach(r)
	_, err := r.Run(context.Background(), sweepCalls(1024, 2048))
	if !errors.Is(err, runner.ErrStopped) {
		t.Errorf("Run error %v, want ErrStopped", err)
	}
}
