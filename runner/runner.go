package runner

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"golang.org/x/time/rate"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// DefaultConcurrency is the pool size when Runner.Concurrency is 0. Five
// covers the lesson's five-budget sweep in one wave while staying far
// below Bedrock's default per-model request quotas.
const DefaultConcurrency = 5

// Invoker is what a Runner calls; *claudeutils.Client implements it.
type Invoker interface {
	Invoke(ctx context.Context, req claudeutils.Request) (*claudeutils.Result, error)
}

// Call is one request of an experiment.
type Call struct {
	// Label names the call in progress lines and tables, e.g.
	// "budget=4096".
	Label   string
	Request claudeutils.Request
}

// Outcome is what became of one Call: a Result or an error.
type Outcome struct {
	Index  int
	Call   Call
	Result *claudeutils.Result
	Err    error
	// Reused is true when the result came from a journal or cache rather
	// than a call.
	Reused bool
}

// Runner runs calls through an Invoker. The zero value with an Invoker
// is ready to use.
type Runner struct {
	Invoker Invoker
	// Concurrency caps calls in flight; 0 means DefaultConcurrency.
	Concurrency int
	// RPS caps calls started per second; 0 means no limit.
	RPS float64
	// Progress, when set, is called once per finished call, from one
	// goroutine at a time.
	Progress func(done, total int, o Outcome)
	// Lookup, when set, is asked first for each call; a result it returns
	// is used without calling the model.
	Lookup func(c Call) (*claudeutils.Result, bool)
	// Finished, when set, is called with every outcome that came from a
	// call, before Progress, one at a time; an error from it stops the
	// run (it is how a journal makes results durable).
	Finished func(o Outcome) error
}

// ErrStopped wraps the cause when Run stops early.
var ErrStopped = errors.New("run stopped before every call finished")

// Run sends every call and returns one Outcome per call, in input order.
// Errors of single calls stay in their Outcome; Run itself returns an
// error only when it stopped early (context cancelled or Finished failed),
// and then the outcomes of calls that never ran have Err set to the cause.
func (r *Runner) Run(ctx context.Context, calls []Call) ([]Outcome, error) {
	n := r.Concurrency
	if n <= 0 {
		n = DefaultConcurrency
	}
	var limiter *rate.Limiter
	if r.RPS > 0 {
		limiter = rate.NewLimiter(rate.Limit(r.RPS), 1)
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	outcomes := make([]Outcome, len(calls))
	var (
		mu   sync.Mutex
		done int
		wg   sync.WaitGroup
	)
	finish := func(o Outcome) {
		mu.Lock()
		defer mu.Unlock()
		outcomes[o.Index] = o
		if !o.Reused && o.Err == nil && r.Finished != nil {
			if err := r.Finished(o); err != nil {
				cancel(fmt.Errorf("record result of %s: %w", o.Call.Label, err))
			}
		}
		done++
		if r.Progress != nil {
			r.Progress(done, len(calls), o)
		}
	}

	sem := make(chan struct{}, n)
	for i, c := range calls {
		outcomes[i] = Outcome{Index: i, Call: c}
		if r.Lookup != nil {
			if res, ok := r.Lookup(c); ok {
				finish(Outcome{Index: i, Call: c, Result: res, Reused: true})
				continue
			}
		}
		if err := acquire(ctx, sem, limiter); err != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			res, err := r.Invoker.Invoke(ctx, c.Request)
			finish(Outcome{Index: i, Call: c, Result: res, Err: err})
		}()
	}
	wg.Wait()

	if cause := context.Cause(ctx); cause != nil {
		for i := range outcomes {
			if outcomes[i].Result == nil && outcomes[i].Err == nil {
				outcomes[i].Err = cause
			}
		}
		return outcomes, fmt.Errorf("%w: %w", ErrStopped, cause)
	}
	return outcomes, nil
}

// acquire waits for a pool slot and, with a limiter, for a start token.
func acquire(ctx context.Context, sem chan struct{}, limiter *rate.Limiter) error {
	if limiter != nil {
		if err := limiter.Wait(ctx); err != nil {
			return err
		}
	}
	select {
	case sem <- struct{}{}:
		return ctx.Err()
	case <-ctx.Done():
		return ctx.Err()
	}
}
