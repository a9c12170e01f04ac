package localbedrock

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// DefaultMaxBodyBytes is the request body limit when Options.MaxBodyBytes
// is zero.
const DefaultMaxBodyBytes = 1 << 20

// DefaultRegion is the region named in model ARNs when Options.Region is
// empty.
const DefaultRegion = "us-west-2"

// Options configures a Server. The zero value is a working emulator with
// seed 0, no pauses, the default registry and no faults.
type Options struct {
	// Seed selects one of many equally plausible simulated Claudes: the
	// same seed and request give the same response, byte for byte.
	Seed int64
	// TimeScale makes the server wait the simulated latency times
	// TimeScale before answering (1 is real time, 0.01 a hundredth of
	// it). Zero or less answers at once. metrics.latencyMs always reports
	// the unscaled latency.
	TimeScale float64
	// Registry lists the models served; nil means
	// claudeutils.DefaultRegistry().
	Registry *claudeutils.Registry
	// MaxBodyBytes bounds request bodies; larger ones get 413. Zero means
	// DefaultMaxBodyBytes and a negative value means no limit.
	MaxBodyBytes int64
	// Region is used in model ARNs; empty means DefaultRegion.
	Region string
	// Logger receives one debug record per request; nil discards them.
	Logger *slog.Logger
	// OmitThinkingText returns reasoning blocks with a signature but no
	// text on models that take adaptive thinking, as Bedrock does when
	// thinking display is omitted.
	OmitThinkingText bool
	// Faults injects throttling, server errors, timeouts, stream errors
	// and dropped connections. New panics if Faults.Validate fails.
	Faults Faults
	// Middleware, when set, wraps the whole handler, for example to record
	// or replay traffic. OperationOf tells it which call a request is.
	Middleware func(http.Handler) http.Handler
}

// Server is the emulator: an http.Handler that speaks Bedrock's runtime
// and control-plane protocols. It is safe for concurrent use.
type Server struct {
	opts    Options
	reg     *claudeutils.Registry
	log     *slog.Logger
	handler http.Handler
	faults  faultState
}

// New returns a server for opts. It panics if opts.Faults is invalid.
func New(opts Options) *Server {
	if err := opts.Faults.Validate(); err != nil {
		panic("localbedrock: " + err.Error())
	}
	if opts.Registry == nil {
		opts.Registry = claudeutils.DefaultRegistry()
	}
	if opts.MaxBodyBytes == 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.Region == "" {
		opts.Region = DefaultRegion
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{opts: opts, reg: opts.Registry, log: log}
	s.faults.seen = make(map[[32]byte]int)
	s.handler = http.HandlerFunc(s.route)
	if opts.Middleware != nil {
		s.handler = opts.Middleware(s.handler)
	}
	return s
}

// SimulatedHeader is set to "true" on every response the simulation
// writes, so that a client reaching the emulator through a plain endpoint
// URL can still label its numbers as simulated. Responses a Middleware
// writes itself (such as recorded answers in replay) do not carry it.
const SimulatedHeader = "X-Localbedrock-Simulated"

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Operation names a Bedrock API operation, as in the SDK.
type Operation string

// The operations the server answers. OpUnknown is anything else.
const (
	OpConverse             Operation = "Converse"
	OpConverseStream       Operation = "ConverseStream"
	OpInvokeModel          Operation = "InvokeModel"
	OpListFoundationModels Operation = "ListFoundationModels"
	OpGetFoundationModel   Operation = "GetFoundationModel"
	OpUnknown              Operation = ""
)

// OperationOf tells which operation a request calls and, for operations
// on one model, the model identifier still percent-encoded as it appears
// in the path.
func OperationOf(r *http.Request) (op Operation, escapedModelID string) {
	path := r.URL.EscapedPath()
	if rest, ok := strings.CutPrefix(path, "/model/"); ok && r.Method == http.MethodPost {
		i := strings.LastIndex(rest, "/")
		if i <= 0 {
			return OpUnknown, ""
		}
		id := rest[:i]
		switch rest[i+1:] {
		case "converse":
			return OpConverse, id
		case "converse-stream":
			return OpConverseStream, id
		case "invoke":
			return OpInvokeModel, id
		}
		return OpUnknown, ""
	}
	if r.Method != http.MethodGet {
		return OpUnknown, ""
	}
	if path == "/foundation-models" || path == "/foundation-models/" {
		return OpListFoundationModels, ""
	}
	if id, ok := strings.CutPrefix(path, "/foundation-models/"); ok && id != "" && !strings.Contains(id, "/") {
		return OpGetFoundationModel, id
	}
	return OpUnknown, ""
}

// route dispatches a request to its operation.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	w.Header().Set(SimulatedHeader, "true")
	op, id := OperationOf(r)
	switch op {
	case OpConverse, OpConverseStream, OpInvokeModel:
		s.invoke(w, r, op, id)
	case OpListFoundationModels:
		s.listFoundationModels(w, r)
	case OpGetFoundationModel:
		s.getFoundationModel(w, r, id)
	default:
		s.writeError(w, r, &apiError{Status: http.StatusNotFound, Type: typeUnknownOperation,
			Message: msgUnknownOperation})
	}
}

// resolveModel finds the model a runtime call names and applies the
// serving rules: known, not at end of life, and through an inference
// profile when the model is served only that way.
func (s *Server) resolveModel(escapedID string) (claudeutils.Model, *apiError) {
	id, err := url.PathUnescape(escapedID)
	if err != nil {
		return claudeutils.Model{}, validation(msgInvalidModel)
	}
	prefix, base := claudeutils.SplitModelID(id)
	m, ok := s.reg.Lookup(base)
	if !ok {
		return m, validation(msgInvalidModel)
	}
	if m.Lifecycle == claudeutils.EndOfLife {
		return m, notFound(msgEndOfLife)
	}
	if m.ProfileOnly && prefix == "" {
		return m, validationf(msgOnDemandFmt, id)
	}
	return m, nil
}

// invoke serves the three runtime operations: resolve the model, read
// and validate the body, draw a fault, simulate, and answer.
func (s *Server) invoke(w http.ResponseWriter, r *http.Request, op Operation, escapedID string) {
	m, apiErr := s.resolveModel(escapedID)
	if apiErr != nil {
		s.writeError(w, r, apiErr)
		return
	}
	body, apiErr := s.readBody(w, r)
	if apiErr != nil {
		s.writeError(w, r, apiErr)
		return
	}
	var spec callSpec
	if op == OpInvokeModel {
		spec, apiErr = parseMessages(body)
	} else {
		spec, apiErr = parseConverse(body)
	}
	if apiErr != nil {
		s.writeError(w, r, apiErr)
		return
	}
	req, apiErr := validateSpec(m, spec)
	if apiErr != nil {
		s.writeError(w, r, apiErr)
		return
	}

	requestID := requestIDOf(s.opts.Seed, op, r.URL.EscapedPath(), body)
	fault := s.planFault(op, r.URL.EscapedPath(), body)
	ctx := r.Context()
	if err := sleepUntil(ctx, time.Now().Add(s.opts.Faults.ExtraLatency)); err != nil {
		s.log.Debug("client gone", "op", op, "request_id", requestID, "error", err)
		return
	}
	if fault.kind == faultDrop && op != OpConverseStream {
		s.log.Debug("fault", "op", op, "request_id", requestID, "fault", "drop")
		dropConnection(w)
		return
	}
	if e := faultError(fault.kind); e != nil {
		s.writeError(w, r, e)
		return
	}

	res := s.Simulate(m, req)
	s.log.Debug("simulated", "op", op, "model", m.ID, "request_id", requestID,
		"class", res.Class, "thinking_tokens", res.ThinkingTokens, "output_tokens", res.Usage.OutputTokens)
	if op == OpConverseStream {
		s.writeStream(ctx, w, m, res, requestID, fault)
		return
	}
	if err := s.wait(ctx, res.Latency); err != nil {
		s.log.Debug("client gone", "op", op, "request_id", requestID, "error", err)
		return
	}
	w.Header().Set("X-Amzn-Requestid", requestID)
	if op == OpInvokeModel {
		invokeHeaders(w.Header(), res)
		s.writeRaw(w, http.StatusOK, messagesBody(m, res, requestID))
		return
	}
	s.writeRaw(w, http.StatusOK, converseBody(res))
}

// wait sleeps d scaled by TimeScale, or not at all when TimeScale <= 0.
func (s *Server) wait(ctx context.Context, d time.Duration) error {
	if s.opts.TimeScale <= 0 {
		return nil
	}
	return sleepUntil(ctx, time.Now().Add(time.Duration(float64(d)*s.opts.TimeScale)))
}

// readBody reads the request body within the size limit.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, *apiError) {
	rd := io.Reader(r.Body)
	if s.opts.MaxBodyBytes > 0 {
		rd = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
	}
	body, err := io.ReadAll(rd)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, &apiError{Status: http.StatusRequestEntityTooLarge, Type: typeValidation,
			Message: fmt.Sprintf(msgBodyTooLargeFmt, s.opts.MaxBodyBytes)}
	}
	if err != nil {
		return nil, &apiError{Status: http.StatusBadRequest, Type: typeSerialization, Message: msgBadJSON}
	}
	return body, nil
}

// writeError writes a Bedrock error response: the type in
// X-Amzn-ErrorType and {"message": ...} in the body.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, e *apiError) {
	op, _ := OperationOf(r)
	s.log.Debug("error", "op", op, "path", r.URL.EscapedPath(),
		"status", e.Status, "type", e.Type, "message", e.Message)
	w.Header().Set("X-Amzn-Errortype", e.Type+errorTypeSuffix)
	b, _ := json.Marshal(map[string]string{"message": e.Message})
	s.writeRaw(w, e.Status, b)
}

// writeJSON writes v as a JSON response.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.writeError(w, r, &apiError{Status: http.StatusInternalServerError, Type: typeInternalServer,
			Message: msgInternal})
		return
	}
	s.writeRaw(w, status, b)
}

func (s *Server) writeRaw(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

// requestIDOf derives a request ID in UUID form from the request, so that
// repeated requests get repeated IDs.
func requestIDOf(seed int64, op Operation, path string, body []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00%s\x00%s\x00", seed, op, path)
	h.Write(body)
	x := hex.EncodeToString(h.Sum(nil)[:16])
	return x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:]
}
