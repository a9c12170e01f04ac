package localbedrock

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/runner"
)

// ReplayHeader is set to "hit" on every response that a replay answered
// from a recording, so that a client or a log can tell recorded answers
// from simulated ones.
const ReplayHeader = "X-Localbedrock-Replay"

// msgReplayPrefix starts every error message of a replay.
const msgReplayPrefix = "localbedrock replay: "

// Replay answers Converse and ConverseStream calls from recorded
// responses: the files that runner.Cache writes in read-write mode (the
// thinkbudget commands' --cache rw). A request is keyed as runner.Key
// keys the call that produced it, from what the wire carries: the model
// ID, system prompt, prompt, thinking setting, max tokens, temperature
// and whether it streams. The repeat index does not travel on the wire,
// so a replay serves repeat 0 only.
//
// A request that the recordings cannot answer gets a 400
// ValidationException naming its key, unless fallback is on, in which
// case the emulator behind the replay simulates it. That covers requests
// no recording can match: InvokeModel calls, and conversations with
// earlier turns, stop sequences, top-p, top-k or tool choice, which the
// recording commands never send. Invalid requests always reach the
// emulator, which answers them with Bedrock's own errors.
//
// A recording answers with its text, stop reason, token usage and
// reported latency, waited at the emulator's time scale; a reasoning
// block gets a placeholder signature, since recordings keep none. Token
// counts of prompt caching are not replayed, nor is redacted thinking.
// Injected faults apply to simulated answers only.
type Replay struct {
	cache    *runner.Cache
	fallback bool
	// render reads requests and writes responses the way the emulator
	// does, with its seed, time scale, registry and body limit.
	render *Server
}

// NewReplay returns a replay of the recordings in dir, which must exist,
// for an emulator configured by opts.
func NewReplay(dir string, fallback bool, opts Options) (*Replay, error) {
	c, err := runner.OpenCache(dir, runner.CacheReplay)
	if err != nil {
		return nil, fmt.Errorf("start replay: %w", err)
	}
	opts.Faults, opts.Middleware = Faults{}, nil
	return &Replay{cache: c, fallback: fallback, render: New(opts)}, nil
}

// WithReplay returns opts with a Middleware that replays the recordings
// in dir in front of the emulator. A Middleware already in opts stays
// outermost, so it still sees every request.
func WithReplay(opts Options, dir string, fallback bool) (Options, error) {
	rp, err := NewReplay(dir, fallback, opts)
	if err != nil {
		return opts, err
	}
	outer := opts.Middleware
	opts.Middleware = func(next http.Handler) http.Handler {
		h := rp.Middleware(next)
		if outer != nil {
			h = outer(h)
		}
		return h
	}
	return opts, nil
}

// Middleware returns a handler that answers what the recordings hold and
// passes everything else to next, or refuses it when fallback is off.
func (rp *Replay) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		op, escapedID := OperationOf(r)
		switch op {
		case OpConverse, OpConverseStream:
		case OpInvokeModel:
			rp.miss(w, r, next, "InvokeModel calls are never recorded")
			return
		default:
			next.ServeHTTP(w, r)
			return
		}

		m, apiErr := rp.render.resolveModel(escapedID)
		if apiErr != nil {
			next.ServeHTTP(w, r)
			return
		}
		body, apiErr := rp.render.readBody(w, r)
		if apiErr != nil {
			rp.render.writeError(w, r, apiErr)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))

		spec, apiErr := parseConverse(body)
		if apiErr != nil {
			next.ServeHTTP(w, r)
			return
		}
		req, apiErr := validateSpec(m, spec)
		if apiErr != nil {
			next.ServeHTTP(w, r)
			return
		}
		if spec.contextChars > 0 || len(spec.stopSequences) > 0 || spec.topP != nil || spec.topK || spec.forcedTool {
			rp.miss(w, r, next, "it carries more than a recording keys: "+
				"earlier turns, stop sequences, top-p, top-k or tool choice")
			return
		}

		id, _ := url.PathUnescape(escapedID)
		key := runner.KeyFields{
			ModelID: id, System: req.System, Prompt: req.Prompt, Thinking: req.Thinking.String(),
			MaxTokens: req.MaxTokens, Temperature: spec.temperature, Stream: op == OpConverseStream,
		}.Key()
		e, ok, err := rp.cache.Get(key)
		if err != nil {
			rp.render.writeError(w, r, validationf(
				msgReplayPrefix+"the recorded response for this request (key %s) cannot be read: %v",
				runner.ShortKey(key), err))
			return
		}
		if !ok {
			rp.miss(w, r, next, "key "+runner.ShortKey(key))
			return
		}
		rp.answer(w, r, op, m, body, e.Result)
	})
}

// miss passes a request the recordings cannot answer to the emulator
// when falling back, and refuses it otherwise.
func (rp *Replay) miss(w http.ResponseWriter, r *http.Request, next http.Handler, why string) {
	if rp.fallback {
		next.ServeHTTP(w, r)
		return
	}
	rp.render.writeError(w, r, validationf(msgReplayPrefix+"no recorded response for this request (%s)", why))
}

// answer writes a recorded result as a Converse or ConverseStream
// response.
func (rp *Replay) answer(w http.ResponseWriter, r *http.Request, op Operation, m claudeutils.Model,
	body []byte, res *claudeutils.Result) {
	if res.Simulated {
		// Recorded from a simulation: still simulated.
		w.Header().Set(SimulatedHeader, "true")
	}
	s := rp.render
	sim := SimResponse{
		ThinkingText: res.ThinkingText,
		Answer:       res.Answer,
		StopReason:   res.StopReason,
		Usage:        res.Usage,
		Latency:      res.ServerLatency,
	}
	if res.ThinkingText != "" || res.ThinkingRedacted {
		sim.ThinkingTokens = max(tokensFor(res.ThinkingText), 1)
		sim.ThinkingSignature = signature(s.opts.Seed, m.ID, res.ThinkingText)
	}
	if sim.Latency <= 0 {
		sim.Latency = latencyOf(m, res.Usage.OutputTokens)
	}

	requestID := requestIDOf(s.opts.Seed, op, r.URL.EscapedPath(), body)
	w.Header().Set(ReplayHeader, "hit")
	ctx := r.Context()
	if op == OpConverseStream {
		s.writeStream(ctx, w, m, sim, requestID, faultPlan{})
		return
	}
	if err := s.wait(ctx, sim.Latency); err != nil {
		s.log.Debug("client gone", "op", op, "request_id", requestID, "error", err)
		return
	}
	w.Header().Set("X-Amzn-Requestid", requestID)
	s.writeRaw(w, http.StatusOK, converseBody(sim))
}
