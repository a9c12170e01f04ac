package localbedrock

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// StreamChunkChars is the size of one simulated delta, in characters
// (about 24 tokens at CharsPerToken).
const StreamChunkChars = 96

// streamWriter writes event-stream frames and paces them on a clock that
// starts when the response starts. It sleeps only when scale > 0.
type streamWriter struct {
	w     io.Writer
	flush func()
	enc   *eventstream.Encoder
	ctx   context.Context
	scale float64
	start time.Time
	model claudeutils.Model
	// tokens counts output tokens sent so far, for pacing.
	tokens int
	// beforeDelta, when set, runs before every content delta; an error
	// from it ends the stream.
	beforeDelta func() error
}

// event writes one event frame with a JSON payload.
func (sw *streamWriter) event(eventType string, payload any) error {
	return sw.frame("event", ":event-type", eventType, payload)
}

// exception writes one exception frame, which ends the stream for the
// client with a typed error.
func (sw *streamWriter) exception(exceptionType string, payload any) error {
	return sw.frame("exception", ":exception-type", exceptionType, payload)
}

// frame writes one frame of the given message type, named by typeHeader,
// with a JSON payload.
func (sw *streamWriter) frame(messageType, typeHeader, name string, payload any) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	msg := eventstream.Message{Payload: b}
	msg.Headers.Set(typeHeader, eventstream.StringValue(name))
	msg.Headers.Set(":content-type", eventstream.StringValue("application/json"))
	msg.Headers.Set(":message-type", eventstream.StringValue(messageType))
	return sw.write(msg)
}

func (sw *streamWriter) write(msg eventstream.Message) error {
	if err := sw.enc.Encode(sw.w, msg); err != nil {
		return err
	}
	sw.flush()
	return nil
}

// pace waits until the simulated clock reaches the time at which tokens
// more output tokens are due: time to first token, then the model's speed,
// both multiplied by the time scale.
func (sw *streamWriter) pace(tokens int) error {
	sw.tokens += tokens
	if sw.scale <= 0 {
		return nil
	}
	due := latencyOf(sw.model, sw.tokens)
	return sleepUntil(sw.ctx, sw.start.Add(time.Duration(float64(due)*sw.scale)))
}

// deltas sends text in chunks as content block deltas of one block.
func (sw *streamWriter) deltas(index int, text string, reasoning bool) error {
	for len(text) > 0 {
		chunk := cutText(text, StreamChunkChars)
		if chunk == "" { // a single character longer than the chunk
			chunk = text[:1]
		}
		text = text[len(chunk):]
		if sw.beforeDelta != nil {
			if err := sw.beforeDelta(); err != nil {
				return err
			}
		}
		if err := sw.pace(tokensFor(chunk)); err != nil {
			return err
		}
		d := blockDelta{Text: &chunk}
		if reasoning {
			d = blockDelta{ReasoningContent: &reasoningDelta{Text: &chunk}}
		}
		ev := contentBlockDeltaEvent{ContentBlockIndex: index, Delta: d}
		if err := sw.event("contentBlockDelta", ev); err != nil {
			return err
		}
	}
	return nil
}

// writeStream sends a simulated response as ConverseStream events:
// messageStart; the reasoning block as flat text deltas and a trailing
// signature delta; the answer as text deltas; messageStop; metadata.
// Token counts in the deltas sum to the usage only roughly; the metadata
// carries the exact usage.
func (s *Server) writeStream(ctx context.Context, w http.ResponseWriter, m claudeutils.Model,
	r SimResponse, requestID string, fault faultPlan) {
	flusher, _ := w.(http.Flusher)
	h := w.Header()
	h.Set("Content-Type", "application/vnd.amazon.eventstream")
	h.Set("X-Amzn-Requestid", requestID)
	w.WriteHeader(http.StatusOK)

	sw := &streamWriter{
		w: w, enc: eventstream.NewEncoder(), ctx: ctx, scale: s.opts.TimeScale,
		start: time.Now(), model: m,
		flush: func() {
			if flusher != nil {
				flusher.Flush()
			}
		},
	}
	if err := s.sendEvents(sw, w, r, fault); err != nil {
		s.log.Debug("stream ended early", "request_id", requestID, "error", err)
	}
}

// errStreamFault ends sendEvents where an injected fault cut the stream.
type errStreamFault struct{}

func (errStreamFault) Error() string { return "injected stream fault" }

func (s *Server) sendEvents(sw *streamWriter, w http.ResponseWriter, r SimResponse, fault faultPlan) error {
	if err := sw.event("messageStart", messageStartEvent{Role: "assistant"}); err != nil {
		return err
	}

	// check runs before every delta and once more, with last set, before
	// messageStop, so that a planned fault fires after fault.afterDeltas
	// deltas or, in a shorter stream, at its end.
	sent := 0
	check := func(last bool) error {
		if (fault.kind != faultStream && fault.kind != faultDrop) || (sent < fault.afterDeltas && !last) {
			sent++
			return nil
		}
		if fault.kind == faultDrop {
			dropConnection(w)
			return errStreamFault{}
		}
		if err := sw.exception(typeModelStreamError, streamErrorEvent{Message: msgInternal}); err != nil {
			return err
		}
		return errStreamFault{}
	}
	sw.beforeDelta = func() error { return check(false) }

	index := 0
	if r.ThinkingTokens > 0 {
		if err := sw.deltas(index, r.ThinkingText, true); err != nil {
			return err
		}
		if err := check(false); err != nil {
			return err
		}
		sig := r.ThinkingSignature
		if r.ThinkingText == "" {
			// With no text, the thinking tokens are paced before the
			// signature, so the answer still starts late.
			if err := sw.pace(r.ThinkingTokens); err != nil {
				return err
			}
		}
		if err := sw.event("contentBlockDelta", contentBlockDeltaEvent{
			ContentBlockIndex: index, Delta: blockDelta{ReasoningContent: &reasoningDelta{Signature: &sig}},
		}); err != nil {
			return err
		}
		if err := sw.event("contentBlockStop", contentBlockStopEvent{ContentBlockIndex: index}); err != nil {
			return err
		}
		index++
	}
	if r.Answer != "" {
		if err := sw.deltas(index, r.Answer, false); err != nil {
			return err
		}
		if err := sw.event("contentBlockStop", contentBlockStopEvent{ContentBlockIndex: index}); err != nil {
			return err
		}
	}
	if err := check(true); err != nil {
		return err
	}
	if err := sw.event("messageStop", messageStopEvent{StopReason: r.StopReason}); err != nil {
		return err
	}
	return sw.event("metadata", metadataEvent{Usage: usageOf(r), Metrics: metrics{LatencyMs: r.Latency.Milliseconds()}})
}

// sleepUntil waits until t or until ctx ends, whichever comes first, and
// returns the context's cause in the second case.
func sleepUntil(ctx context.Context, t time.Time) error {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
