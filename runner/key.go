package runner

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// keyVersion is written into every key's encoding, so that a change of
// what a key covers gives new keys instead of wrong matches.
const keyVersion = 1

// KeyFields are what a call's key covers: the request as it goes on the
// wire, after claudeutils.Validate has filled in the default system
// prompt, raised max tokens above a budget and forced the temperature to
// 1 under thinking, plus the repeat index. Two calls with equal KeyFields
// send the same bytes to the model, so one's result may stand for the
// other's.
type KeyFields struct {
	ModelID string
	System  string
	Prompt  string
	// Thinking is claudeutils.Thinking.String(): "off", "budget=N" or
	// "effort=LEVEL".
	Thinking  string
	MaxTokens int
	// Temperature is nil when none is sent. Keys compare it at the
	// float32 precision of the wire.
	Temperature *float64
	// Stream is true when the call goes through ConverseStream, whether
	// asked for or forced by a large max tokens.
	Stream bool
	// Repeat tells apart deliberate repeats of one request.
	Repeat int
}

// KeyFieldsOf returns the key fields of c as claudeutils.Client.Invoke
// would send it with the default registry. A request that fails
// validation never reaches the model; it is keyed as given, with only the
// default system prompt filled in.
func KeyFieldsOf(c Call) KeyFields {
	req := c.Request
	if p, err := claudeutils.Validate(claudeutils.DefaultRegistry(), req); err == nil {
		req = p.Request
	}
	if req.System == "" {
		req.System = claudeutils.DefaultSystemPrompt
	}
	return KeyFields{
		ModelID:     req.ModelID,
		System:      req.System,
		Prompt:      req.Prompt,
		Thinking:    req.Thinking.String(),
		MaxTokens:   req.MaxTokens,
		Temperature: req.Temperature,
		Stream:      req.Stream || req.MaxTokens > claudeutils.NonStreamingMaxTokens,
		Repeat:      c.Repeat,
	}
}

// Key returns the key of c: KeyFieldsOf(c).Key().
func Key(c Call) string { return KeyFieldsOf(c).Key() }

// keyEncoding is the canonical form that Key hashes. The struct fixes the
// order of the members; encoding/json writes each value one way only.
type keyEncoding struct {
	Version     int     `json:"v"`
	ModelID     string  `json:"model"`
	System      string  `json:"system"`
	Prompt      string  `json:"prompt"`
	Thinking    string  `json:"thinking"`
	MaxTokens   int     `json:"max_tokens"`
	Temperature *string `json:"temperature"`
	Stream      bool    `json:"stream"`
	Repeat      int     `json:"repeat"`
}

// Key returns the lower-case hex SHA-256 of the canonical encoding of k:
// compact JSON with the members v (1), model, system, prompt, thinking,
// max_tokens, temperature (null, or the float32 value in shortest form as
// a string), stream and repeat, in that order, with no HTML escaping.
// Keys are stable across runs, machines and Go versions, and any JSON
// library that writes the same bytes reproduces them.
func (k KeyFields) Key() string {
	e := keyEncoding{
		Version: keyVersion, ModelID: k.ModelID, System: k.System, Prompt: k.Prompt,
		Thinking: k.Thinking, MaxTokens: k.MaxTokens, Stream: k.Stream, Repeat: k.Repeat,
	}
	if k.Temperature != nil {
		t := strconv.FormatFloat(float64(float32(*k.Temperature)), 'g', -1, 32)
		e.Temperature = &t
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		panic("runner: encode key: " + err.Error())
	}
	sum := sha256.Sum256(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
	return hex.EncodeToString(sum[:])
}

// ShortKey abbreviates a key for messages: its first 16 hex digits.
func ShortKey(key string) string {
	if len(key) > 16 {
		return key[:16]
	}
	return key
}

// RequestSummary describes a request in a journal line or a cache file
// without repeating the prompt: its hash stands for it.
type RequestSummary struct {
	ModelID      string   `json:"model"`
	Thinking     string   `json:"thinking"`
	MaxTokens    int      `json:"max_tokens"`
	Temperature  *float64 `json:"temperature,omitempty"`
	Stream       bool     `json:"stream,omitempty"`
	Repeat       int      `json:"repeat,omitempty"`
	PromptSHA256 string   `json:"prompt_sha256"`
	SystemSHA256 string   `json:"system_sha256"`
}

// Summary returns the request summary of k.
func (k KeyFields) Summary() RequestSummary {
	return RequestSummary{
		ModelID: k.ModelID, Thinking: k.Thinking, MaxTokens: k.MaxTokens,
		Temperature: k.Temperature, Stream: k.Stream, Repeat: k.Repeat,
		PromptSHA256: sha256Hex(k.Prompt), SystemSHA256: sha256Hex(k.System),
	}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
