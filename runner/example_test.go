package runner_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/thinkbudget/thinkbudget/runner"
)

// A Recorder journals every result and keeps it in a cache: the second
// run of the same calls is answered from the cache without a call.
func ExampleRecorder() {
	dir, err := os.MkdirTemp("", "runner-example-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	journal, err := runner.OpenJournal(filepath.Join(dir, runner.JournalFile), true)
	if err != nil {
		panic(err)
	}
	defer journal.Close()
	cache, err := runner.OpenCache(filepath.Join(dir, "responses"), runner.CacheReadWrite)
	if err != nil {
		panic(err)
	}
	rec := &runner.Recorder{Journal: journal, Cache: cache, Source: "emulator seed=1"}
	rec.SetExperiment("sweep")
	r := &runner.Runner{Invoker: &fakeInvoker{}, Concurrency: 1}
	rec.Attach(r)

	for range 2 {
		outcomes, err := r.Run(context.Background(), sweepCalls(1024, 2048))
		if err != nil {
			panic(err)
		}
		for _, o := range outcomes {
			fmt.Printf("%s: %s (reused %v)\n", o.Call.Label, o.Result.Answer, o.Reused)
		}
	}
	fmt.Printf("%+v\n", rec.Stats())
	// Output:
	// budget=1024: answer at 1024 (reused false)
	// budget=2048: answer at 2048 (reused false)
	// budget=1024: answer at 1024 (reused true)
	// budget=2048: answer at 2048 (reused true)
	// {FromJournal:0 FromCache:2 Called:2 OtherSource:0 NotCached:0}
}
