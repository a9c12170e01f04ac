// Package localbedrock is a Bedrock emulator for Claude with extended
// thinking. It speaks Bedrock's wire protocol (restJson1 over plain HTTP,
// with event-stream frames for streaming), so the real AWS SDK clients talk
// to it unchanged, and it answers with a deterministic simulation of Claude
// in which thinking tokens depend on the prompt's difficulty and on the
// thinking setting. The project runs offline on it by default.
//
// # Serving
//
// New returns an http.Handler; Start listens on 127.0.0.1 and serves it.
// Point a client at Running.URL with any static credentials: signatures
// are not checked. The server answers
//
//	POST /model/{modelId}/converse         Converse
//	POST /model/{modelId}/converse-stream  ConverseStream
//	POST /model/{modelId}/invoke           InvokeModel, Anthropic Messages body
//	GET  /foundation-models                ListFoundationModels
//	GET  /foundation-models/{id}           GetFoundationModel
//
// and anything else with 404 UnknownOperationException. The model ID is
// read from the escaped path, since the SDK percent-encodes ":" and "/" in
// it. A runtime call may name a base model ID, a cross-region profile ID
// (us., eu., apac., jp., au., global.) or an ARN of a foundation model or
// inference profile; all name the same simulated model.
//
// Options.Middleware wraps the whole handler (OperationOf tells it which
// call a request is) and Options.Faults injects failures; see Faults.
//
// # Wire format
//
// Converse returns reasoning as a nested block,
// {"reasoningContent":{"reasoningText":{"text","signature"}}}, followed by
// {"text"}. ConverseStream sends messageStart; for the reasoning block,
// flat reasoningContent deltas with text and then one delta with the
// signature; text deltas for the answer; contentBlockStop after each
// block; messageStop; metadata with usage and metrics. There is no
// contentBlockStart for text or reasoning, as on Bedrock. Errors carry
// their type in X-Amzn-ErrorType (with Bedrock's
// ":http://internal.amazon.com/coral/..." suffix, which the SDK strips)
// and {"message": ...} in the body, so the SDK returns its typed
// exceptions.
//
// # Simulation
//
// Server.Simulate is the whole model, a pure function of Options.Seed,
// the model's base ID, the system prompt and the prompt:
//
//   - EstimateDifficulty scores the last user turn from 0 to 1 by its
//     length, its asks and constraints and its domain words; Classify maps
//     the score to simple, medium, complex or very_complex. The lesson's
//     allocation prompts land in their listed classes; its carbon plan and
//     its production-planning problem are both complex.
//   - Each class has a thinking demand of 150, 1,500, 5,000 or 12,000
//     tokens and an answer of 40, 200, 700 or 850 tokens, each times a
//     seeded factor within ±15% (NoiseShare). The demand does not depend
//     on the thinking setting, so one prompt has one demand.
//   - A budget caps thinking at the budget: thinking used = min(budget,
//     demand). Adaptive thinking uses a share of the demand by effort: low
//     0.2, medium 0.5, high 1.0, xhigh 1.25, max 1.5; low skips thinking
//     on simple and medium prompts and medium on simple ones. Without
//     thinking none is used. So over budgets of 1,024 to 16,384 a complex
//     prompt's thinking follows the budget to about 5,000 and then levels
//     off.
//   - Thinking counts first against max tokens; an answer that does not
//     fit is cut, with stop reason max_tokens. Stop sequences in the
//     answer end it early (stop_sequence).
//   - Output tokens are thinking plus answer. Input tokens are the
//     characters of the system prompt, the prompt and every other block
//     sent (CharsPerToken to a token, rounded up) plus
//     InputOverheadTokens. Cache token counts are not reported.
//   - Latency is the model's TimeToFirstToken plus output tokens at its
//     OutputTokensPerSecond, both from the claudeutils registry, and is
//     reported in metrics.latencyMs as Bedrock would report it. The server
//     waits that long times Options.TimeScale only when TimeScale > 0:
//     ConverseStream waits the time to first token before the first delta
//     and spreads the rest over the deltas. Waits end when the request's
//     context does.
//   - Text is built from seeded sentences about the prompt's longer words,
//     about CharsPerToken characters per token. Answers start with
//     AnswerPrefix, thinking with ThinkingPrefix. Signatures are 128
//     base64 characters derived from the thinking text. With
//     Options.OmitThinkingText, models that take adaptive thinking return
//     the signature with empty text.
//   - Quality is thinking used / demand, at most 1. The production-planning
//     problem of the lesson has a known answer: the simulated answer ends
//     with the right maximum profit, $3,000, when quality reaches
//     CorrectShare (0.75), and with one of three plausible wrong figures
//     otherwise, including without thinking.
//   - A system prompt that names all four classes (simple, medium, complex,
//     very_complex) makes the simulated Claude a classifier: the answer is
//     the prompt's class and nothing else, at any temperature. This is how
//     the project's complexity classifier runs offline.
//
// Same seed and request give byte-identical bodies; only the pacing of a
// stream under TimeScale varies.
//
// # Validation
//
// Requests are checked as Bedrock checks them, with its error types,
// status codes and messages. The messages below were seen in public bug
// reports against Bedrock and are copied exactly:
//
//   - unknown model: 400 ValidationException "The provided model
//     identifier is invalid."
//   - base ID of a model served only through profiles: 400, "Invocation of
//     model ID ... with on-demand throughput isn't supported. ..."
//   - end of life: 404 ResourceNotFoundException "This model version has
//     reached the end of its life. ..." (also from GetFoundationModel;
//     such models are not listed)
//   - budget below 1,024, budget not below max tokens, temperature other
//     than 1 with thinking, top_p with thinking, forced tool use with
//     thinking: 400 "The model returned the following errors: ..."
//   - a budget, or thinking disabled, on an adaptive-only model: 400
//     `"thinking.type.enabled" is not supported for this model. ...`
//   - effort on a model that takes none: 400 "The model returned the
//     following errors: output_config.effort: Extra inputs are not
//     permitted"
//   - a conversation that is empty or starts with the assistant, a blank
//     text block: Bedrock's Converse messages
//   - a Messages body (InvokeModel) that is not JSON or lacks a required
//     key: 400 "Malformed input request..."
//
// # Assumptions
//
// Where no public record of Bedrock's answer was found, the emulator
// assumes one in the same style. Each is a guess to check against live
// Bedrock:
//
//   - Malformed JSON on Converse: 400 SerializationException "The request
//     body is not valid JSON." (the usual AWS answer to an unparseable
//     body; the exact text is this package's).
//   - A body over Options.MaxBodyBytes (default 1 MiB): 413 with type
//     ValidationException and a message naming the limit. Bedrock's own
//     limit is far larger.
//   - Adaptive thinking on a manual-only model, an unknown thinking type:
//     "thinking.type: Input tag ... does not match any of the expected
//     tags: ..."; a missing or non-integer budget, an unknown effort
//     value, an unknown model field ("...: Extra inputs are not
//     permitted"), thinking on a model without thinking ("thinking: Extra
//     inputs are not permitted") and max tokens above the model's limit
//     ("max_tokens: N > M, which is the maximum allowed number of output
//     tokens for ID") follow the model's own validation style, prefixed
//     with "The model returned the following errors: ".
//   - top_k with thinking: "top_k must be unset when thinking is
//     enabled.", after the top_p message. top_p from 0.95 to 1 is
//     accepted with thinking, as Anthropic documents for newer models;
//     lower values get the top_p message.
//   - Temperature other than 1 with adaptive thinking: "... when thinking
//     is enabled or in adaptive mode." (Anthropic's API text).
//   - Thinking "disabled" is refused on adaptive-only models with the
//     same message as a budget. One public report suggests Claude Sonnet 5
//     accepts it; unconfirmed.
//   - A request without thinking on an adaptive-only model does not
//     think. Effort without thinking is accepted and changes nothing.
//   - "reasoning_config" in the model fields is read as "thinking" (older
//     third-party code used it).
//   - Max tokens absent means the model's MaxOutputTokens, as the SDK
//     documents for Converse.
//   - GetFoundationModel on an unknown ID or a profile ID: 404
//     ResourceNotFoundException "Could not resolve the foundation model
//     from the provided model identifier."
//   - Legacy models are served to every caller; Bedrock refuses accounts
//     that have not used them lately. The global. prefix is accepted for
//     every model, not only 4.5 and later.
//   - Validation runs in this order: model, body size, JSON, messages,
//     unknown model fields, max tokens, thinking, effort, then the
//     sampling settings that thinking forbids. Bedrock may report a
//     different error first when a request breaks several rules.
//   - Not modelled: tool use (tools are accepted, never called), images
//     and documents (counted as input characters), prompt caching,
//     guardrails, interleaved thinking, redacted thinking, the rule that
//     Sonnet 4.5 refuses temperature and top_p together, the refusal of
//     effort max on some models, and differences between models beyond
//     speed and limits: every model thinks alike.
//
// # Known client issue
//
// The Go SDK closes a request body as soon as response headers arrive,
// and its body then answers net/http's last read with an error; net/http
// closes the connection, cutting the response ("use of closed network
// connection"). A server on the same machine answers fast enough to hit
// this: in this package's tests about one ConverseStream call in ten, and
// one large Converse call in a thousand, failed so. Against Bedrock the
// network's delay hides it. A client avoids it by wrapping request bodies
// so that they offer only Read and Close (see plainBodies in the tests).
// Also note that the SDK reads a stream cut off mid-way (Faults.Drop) as a
// normal end without error: only the missing messageStop and metadata
// events show it.
package localbedrock
