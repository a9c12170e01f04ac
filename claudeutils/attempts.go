package claudeutils

import (
	"context"
	"errors"
	"sync/atomic"

	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// attemptCounterKey keys the per-call attempt counter in a context.
type attemptCounterKey struct{}

// withAttemptCounter returns a context whose calls count their attempts
// into n.
func withAttemptCounter(ctx context.Context, n *atomic.Int32) context.Context {
	return context.WithValue(ctx, attemptCounterKey{}, n)
}

// countAttempts adds a finalize step after the retry loop, so it runs once
// per attempt, including attempts that end in an error.
func countAttempts(stack *middleware.Stack) error {
	step := middleware.FinalizeMiddlewareFunc("thinkbudgetCountAttempts",
		func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
			middleware.FinalizeOutput, middleware.Metadata, error,
		) {
			if n, ok := ctx.Value(attemptCounterKey{}).(*atomic.Int32); ok {
				n.Add(1)
			}
			return next.HandleFinalize(ctx, in)
		})
	return stack.Finalize.Insert(step, "Retry", middleware.After)
}

// asError is errors.As, named for the switch in retryableBedrockError.
func asError[T error](err error, target *T) bool { return errors.As(err, target) }

// simulatedKey keys the per-call flag that a response was simulated.
type simulatedKey struct{}

// SimulatedHeader is the response header by which the built-in emulator
// marks simulated answers (localbedrock.SimulatedHeader).
const SimulatedHeader = "X-Localbedrock-Simulated"

// markSimulated adds a deserialize step that notes whether the response
// carried SimulatedHeader.
func markSimulated(stack *middleware.Stack) error {
	step := middleware.DeserializeMiddlewareFunc("thinkbudgetMarkSimulated",
		func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
			middleware.DeserializeOutput, middleware.Metadata, error,
		) {
			out, md, err := next.HandleDeserialize(ctx, in)
			if flag, ok := ctx.Value(simulatedKey{}).(*atomic.Bool); ok {
				if resp, ok := out.RawResponse.(*smithyhttp.Response); ok && resp.Header.Get(SimulatedHeader) == "true" {
					flag.Store(true)
				}
			}
			return out, md, err
		})
	return stack.Deserialize.Add(step, middleware.After)
}
