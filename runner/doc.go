// Package runner sends the calls of an experiment to Claude: concurrently
// with a bounded pool, optionally under a client-side rate limit, and with
// the outcomes kept in the order of the inputs whatever order they finish
// in.
//
// Cancelling the context stops new calls from starting; calls already
// running get the same cancelled context, and every call that finished
// before keeps its result.
//
// A response that breaks off part way (a stream error, or a stream cut
// before its stop reason) is sent again, up to Runner.StreamRetries
// times, since the SDK cannot retry a response that had begun; such a
// cut-short result is never passed on.
//
// # Keeping results
//
// A Recorder attached to a Runner makes results durable and reusable:
//
//   - A Journal appends every finished call as one JSON line to a file
//     (journal.jsonl in an experiment's output folder), synced to disk
//     before the next step. A process killed mid-run loses at most the
//     calls in flight; a run opened with resume reuses the rest.
//   - A Cache keeps one file per call in a folder shared between runs.
//     In read-write mode it answers repeated calls and records new
//     ones; in replay mode it answers only from what it holds and never
//     calls the model, which makes a recorded run reproducible offline.
//
// Both find a result by its call's Key: a SHA-256 over the request as it
// goes on the wire (model, system prompt, prompt, thinking, max tokens,
// temperature, streaming) and the call's repeat index. Each result is
// stored with the backend that answered it ("emulator seed=1", "bedrock",
// "endpoint URL") and reused only for the same backend, so simulated
// numbers never pass for real ones. Nothing stored holds the thinking
// signature or any credential.
package runner
