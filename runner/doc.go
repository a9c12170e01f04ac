// Package runner sends the calls of an experiment to Claude: concurrently
// with a bounded pool, optionally under a client-side rate limit, and with
// the outcomes kept in the order of the inputs whatever order they finish
// in.
//
// Cancelling the context stops new calls from starting; calls already
// running get the same cancelled context, and every call that finished
// before keeps its result.
package runner
