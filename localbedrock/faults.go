package localbedrock

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Faults sets how often the runtime operations (Converse, ConverseStream,
// InvokeModel) fail on purpose, to exercise retries and error handling.
// Each field is a probability per call; together they must not exceed 1.
// The zero value injects nothing.
//
// Faults hit only requests that pass validation, so an invalid request
// always gets its validation error. Whether a call fails is decided from
// the server's seed, the request (operation, path and body) and how many
// times that same request has been seen, so a retried request can
// succeed and a rerun of the same sequence of calls fails at the same
// calls.
type Faults struct {
	// Throttle answers 429 ThrottlingException.
	Throttle float64
	// ServerError answers 500 InternalServerException or 503
	// ServiceUnavailableException, half of each.
	ServerError float64
	// Timeout answers 408 ModelTimeoutException.
	Timeout float64
	// StreamError sends a modelStreamErrorException frame part way
	// through a ConverseStream response. Other operations ignore it.
	StreamError float64
	// Drop closes the connection without a complete response: before
	// any byte for Converse and InvokeModel, part way through the events
	// for ConverseStream.
	Drop float64
	// ExtraLatency is waited before every runtime response, on top of
	// any simulated latency and regardless of TimeScale. It is not
	// reported in metrics.latencyMs.
	ExtraLatency time.Duration
}

// faultKeys are the keys of ParseFaults, in the order Faults.String
// writes them.
var faultKeys = []string{"throttle", "5xx", "timeout", "stream", "drop", "latency"}

// ParseFaults reads a comma-separated list of key=value settings:
// throttle, 5xx, timeout, stream and drop take probabilities from 0 to 1,
// latency takes a duration such as "200ms". An empty string gives the
// zero Faults.
func ParseFaults(s string) (Faults, error) {
	var f Faults
	seen := map[string]bool{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		key, val, ok := strings.Cut(part, "=")
		key, val = strings.TrimSpace(strings.ToLower(key)), strings.TrimSpace(val)
		if !ok {
			return Faults{}, fmt.Errorf("fault %q: want key=value", part)
		}
		if seen[key] {
			return Faults{}, fmt.Errorf("fault %s is given twice", key)
		}
		seen[key] = true
		if key == "latency" {
			d, err := time.ParseDuration(val)
			if err != nil || d < 0 {
				return Faults{}, fmt.Errorf("fault latency: value %q is not a non-negative duration such as 200ms", val)
			}
			f.ExtraLatency = d
			continue
		}
		p, err := strconv.ParseFloat(val, 64)
		if err != nil || !(p >= 0 && p <= 1) {
			return Faults{}, fmt.Errorf("fault %s: value %q is not a probability from 0 to 1", key, val)
		}
		switch key {
		case "throttle":
			f.Throttle = p
		case "5xx":
			f.ServerError = p
		case "timeout":
			f.Timeout = p
		case "stream":
			f.StreamError = p
		case "drop":
			f.Drop = p
		default:
			return Faults{}, fmt.Errorf("fault %q is unknown: want one of %s", key, strings.Join(faultKeys, ", "))
		}
	}
	if err := f.Validate(); err != nil {
		return Faults{}, err
	}
	return f, nil
}

// Validate checks that every probability lies in [0, 1], that they sum to
// at most 1 and that ExtraLatency is not negative.
func (f Faults) Validate() error {
	sum := 0.0
	for i, p := range f.probabilities() {
		if p < 0 || p > 1 {
			return fmt.Errorf("fault %s: probability %g is outside 0 to 1", faultKeys[i], p)
		}
		sum += p
	}
	if sum > 1+1e-9 {
		return fmt.Errorf("fault probabilities add up to %g, more than 1", sum)
	}
	if f.ExtraLatency < 0 {
		return fmt.Errorf("fault latency: %v is negative", f.ExtraLatency)
	}
	return nil
}

// String renders f in the form ParseFaults reads, leaving out zero
// settings.
func (f Faults) String() string {
	var parts []string
	for i, p := range f.probabilities() {
		if p != 0 {
			parts = append(parts, faultKeys[i]+"="+strconv.FormatFloat(p, 'g', -1, 64))
		}
	}
	if f.ExtraLatency != 0 {
		parts = append(parts, "latency="+f.ExtraLatency.String())
	}
	return strings.Join(parts, ",")
}

// probabilities lists the probabilities in faultKeys order.
func (f Faults) probabilities() []float64 {
	return []float64{f.Throttle, f.ServerError, f.Timeout, f.StreamError, f.Drop}
}

// faultKind is the outcome of the fault draw for one call.
type faultKind int

const (
	faultNone faultKind = iota
	faultThrottle
	faultServerError
	faultUnavailable
	faultTimeout
	faultStream
	faultDrop
)

// faultPlan is the fault chosen for one call. afterDeltas places a stream
// fault; it is drawn for every call so that the plan is the same whatever
// the response's length.
type faultPlan struct {
	kind        faultKind
	afterDeltas int
}

// faultState counts how often each distinct request has been seen.
type faultState struct {
	mu   sync.Mutex
	seen map[[32]byte]int
}

// planFault draws the fault for a call from the seed, the request and how
// many times the same request was seen before.
func (s *Server) planFault(op Operation, path string, body []byte) faultPlan {
	f := s.opts.Faults
	if !slices.ContainsFunc(f.probabilities(), func(p float64) bool { return p > 0 }) {
		return faultPlan{}
	}
	h := sha256.New()
	h.Write([]byte(string(op) + "\x00" + path + "\x00"))
	h.Write(body)
	var key [32]byte
	copy(key[:], h.Sum(nil))

	s.faults.mu.Lock()
	n := s.faults.seen[key]
	s.faults.seen[key] = n + 1
	s.faults.mu.Unlock()

	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], uint64(s.opts.Seed))
	binary.LittleEndian.PutUint64(b[8:], uint64(n))
	rng := rand.New(rand.NewPCG(binary.LittleEndian.Uint64(key[:8])^binary.LittleEndian.Uint64(b[:8]),
		binary.LittleEndian.Uint64(key[8:16])^binary.LittleEndian.Uint64(b[8:])))
	u, half, at := rng.Float64(), rng.Float64(), rng.IntN(64)

	p := faultPlan{afterDeltas: at}
	switch {
	case u < f.Drop:
		p.kind = faultDrop
	case u < f.Drop+f.Throttle:
		p.kind = faultThrottle
	case u < f.Drop+f.Throttle+f.ServerError:
		p.kind = faultServerError
		if half >= 0.5 {
			p.kind = faultUnavailable
		}
	case u < f.Drop+f.Throttle+f.ServerError+f.Timeout:
		p.kind = faultTimeout
	case u < f.Drop+f.Throttle+f.ServerError+f.Timeout+f.StreamError && op == OpConverseStream:
		p.kind = faultStream
	}
	return p
}

// faultError is the error response of an injected fault, or nil for
// faults that do not answer with one.
func faultError(k faultKind) *apiError {
	switch k {
	case faultThrottle:
		return &apiError{Status: http.StatusTooManyRequests, Type: typeThrottling, Message: msgThrottled}
	case faultServerError:
		return &apiError{Status: http.StatusInternalServerError, Type: typeInternalServer, Message: msgInternal}
	case faultUnavailable:
		return &apiError{Status: http.StatusServiceUnavailable, Type: typeServiceUnavailable,
			Message: msgUnavailable}
	case faultTimeout:
		return &apiError{Status: http.StatusRequestTimeout, Type: typeModelTimeout, Message: msgModelTimeout}
	}
	return nil
}

// dropConnection closes the client's connection without finishing the
// response. Where the connection cannot be taken over it aborts the
// handler, which net/http turns into a closed connection too.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
