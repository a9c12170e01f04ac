// Package claudeutils calls Claude on Amazon Bedrock with a chosen amount
// of extended thinking, and reports what the call took: answer and
// thinking text, stop reason, tokens, server latency, wall time and cost.
//
// A Client wraps the SDK's Bedrock control-plane and runtime clients for
// one region. It is built from the standard AWS configuration chain, or
// pointed at any Bedrock-compatible endpoint such as the built-in emulator
// in package localbedrock; both go through the same SDK code path.
//
// Thinking comes in three settings (see Thinking): off, a token budget
// (manual mode, "thinking.type.enabled") or an effort level (adaptive
// mode). Which a model takes is recorded in its Registry entry. Invoke
// validates a request against those rules before sending it, so a budget
// under 1,024 tokens, a budget on an adaptive-only model or an effort on
// a manual-only one fails fast with a *RuleError naming the rule and the
// value. Two values are adjusted rather than refused, and every adjustment
// is listed in Result.Adjustments:
//
//   - with a budget, max tokens must exceed the budget; when it does not,
//     the requested max tokens is read as the room wanted for the answer,
//     and max tokens becomes budget + that room;
//   - with thinking on, temperature is forced to 1.
//
// Errors answered by Bedrock come back as *APIError with Bedrock's type
// and message unchanged; the SDK's typed exceptions stay reachable through
// errors.As. Throttling, server errors, model timeouts and a model that is
// not ready are retried with jittered exponential backoff; validation
// errors never are. Result.Attempts counts the tries.
//
// Costs use the per-million-token prices in the Registry, with cache reads
// and writes at their own rates. Claude 4 and later bill their full
// thinking as output tokens while showing only a summary, so thinking
// tokens are never estimated from the visible text.
package claudeutils
