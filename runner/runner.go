package runner

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"
	"golang.org/x/time/rate"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// DefaultConcurrency is the pool size when Runner.Concurrency is 0. Five
// covers the lesson's five-budget sweep in one wave while staying far
// below Bedrock's default per-model request quotas.
const DefaultConcurrency = 5

// DefaultStreamRetries is how many more times a call is sent, when
// Runner.StreamRetries is 0, after its response broke off part way.
const DefaultStreamRetries = 2

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
	// Repeat numbers deliberate repeats of one request (0, 1, 2, ...), so
	// that a journal or cache keeps each repeat's own result instead of
	// collapsing them into one.
	Repeat int
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
	// Lookup, when set, is asked first for each call, from the goroutine
	// that calls Run. A result it returns is used without calling the
	// model (the Outcome is Reused); an error it returns becomes the
	// call's error, also without calling the model (how a replay reports
	// a response it does not have).
	Lookup func(c Call) (*claudeutils.Result, bool, error)
	// Finished, when set, is called with every outcome that came from a
	// call, before Progress, one at a time; an error from it stops the
	// run (it is how a journal makes results durable).
	Finished func(o Outcome) error
	// StreamRetries caps how many more times a call is sent after its
	// response broke off part way: a ModelStreamErrorException in a
	// stream, or a result without its stop reason or usage (a stream cut
	// short). The SDK's retryer cannot retry these, since the response
	// had begun; it retries everything else itself. 0 means
	// DefaultStreamRetries and a negative value none.
	StreamRetries int
}

// ErrStopped wraps the cause when Run stops early.
var ErrStopped = errors.New("run stopped before every call finished")

// ErrIncomplete is the error of a call whose result came back without a
// stop reason or without token usage: a response cut short. Such a
// result is never passed on, so it cannot reach a journal or a cache.
var ErrIncomplete = errors.New("response ended before its stop reason and usage")

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
			res, ok, err := r.Lookup(c)
			if err != nil {
				finish(Outcome{Index: i, Call: c, Err: err})
				continue
			}
			if ok {
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
			res, err := r.invoke(ctx, c.Request, limiter)
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

// Single returns an Invoker that sends each request as a call of its own
// named label: looked up first and handed to Finished after, as the
// calls of Run are, and sent again when its response breaks off. It is
// how calls made one at a time, such as classifying a prompt, join a
// run's journal and cache. Progress is not called, the pool and the rate
// limit of Run do not apply, and Finished may run concurrently with a
// Run's.
func (r *Runner) Single(label string) Invoker { return singleInvoker{r, label} }

type singleInvoker struct {
	r     *Runner
	label string
}

func (s singleInvoker) Invoke(ctx context.Context, req claudeutils.Request) (*claudeutils.Result, error) {
	c := Call{Label: s.label, Request: req}
	if s.r.Lookup != nil {
		res, ok, err := s.r.Lookup(c)
		if err != nil || ok {
			return res, err
		}
	}
	res, err := s.r.invoke(ctx, req, nil)
	if err != nil {
		return nil, err
	}
	if s.r.Finished != nil {
		if err := s.r.Finished(Outcome{Call: c, Result: res}); err != nil {
			return nil, fmt.Errorf("record result of %s: %w", s.label, err)
		}
	}
	return res, nil
}

// invoke sends req, again after a response that broke off part way, and
// returns the result with Attempts counting every try.
func (r *Runner) invoke(ctx context.Context, req claudeutils.Request,
	limiter *rate.Limiter) (*claudeutils.Result, error) {
	retries := r.StreamRetries
	if retries == 0 {
		retries = DefaultStreamRetries
	}
	sent := 0
	for try := 0; ; try++ {
		res, err := r.Invoker.Invoke(ctx, req)
		sent += attemptsOf(res, err)
		if err == nil && (res == nil || res.StopReason == "" || res.Usage.TotalTokens == 0) {
			res, err = nil, ErrIncomplete
		}
		if err == nil {
			res.Attempts = sent
			return res, nil
		}
		if !brokeOff(err) || ctx.Err() != nil {
			return nil, err
		}
		if try >= retries {
			if try > 0 {
				err = fmt.Errorf("sent %d times: %w", sent, err)
			}
			return nil, err
		}
		if limiter != nil {
			if werr := limiter.Wait(ctx); werr != nil {
				return nil, err
			}
		}
	}
}

// attemptsOf is how many times one Invoke sent its request.
func attemptsOf(res *claudeutils.Result, err error) int {
	var api *claudeutils.APIError
	switch {
	case res != nil && res.Attempts > 0:
		return res.Attempts
	case errors.As(err, &api) && api.Attempts > 0:
		return api.Attempts
	}
	return 1
}

// brokeOff reports whether err ended a response that had begun.
func brokeOff(err error) bool {
	var streamErr *types.ModelStreamErrorException
	return errors.Is(err, ErrIncomplete) || errors.Is(err, claudeutils.ErrStreamIncomplete) ||
		errors.As(err, &streamErr)
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
