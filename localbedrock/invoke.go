package localbedrock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// anthropicVersion is the only Messages API version Bedrock takes.
const anthropicVersion = "bedrock-2023-05-31"

// messagesKeys are the top-level keys of an Anthropic Messages body on
// Bedrock that the simulation accepts; any other key is refused as an
// extra input.
var messagesKeys = map[string]bool{
	"anthropic_version": true, "anthropic_beta": true, "max_tokens": true,
	"messages": true, "system": true, "temperature": true, "top_p": true,
	"top_k": true, "stop_sequences": true, "thinking": true,
	"output_config": true, "tools": true, "tool_choice": true, "metadata": true,
}

type messagesRequest struct {
	AnthropicVersion string            `json:"anthropic_version"`
	MaxTokens        *int              `json:"max_tokens"`
	Messages         []messagesMessage `json:"messages"`
	System           json.RawMessage   `json:"system"`
	Temperature      *float64          `json:"temperature"`
	TopP             *float64          `json:"top_p"`
	TopK             *int              `json:"top_k"`
	StopSequences    []string          `json:"stop_sequences"`
	Thinking         *thinkingConfig   `json:"thinking"`
	OutputConfig     *outputConfig     `json:"output_config"`
	ToolChoice       *struct {
		Type string `json:"type"`
	} `json:"tool_choice"`
}

type messagesMessage struct {
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
}

type messagesBlock struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type messagesResponse struct {
	ID           string                `json:"id"`
	Type         string                `json:"type"`
	Role         string                `json:"role"`
	Model        string                `json:"model"`
	Content      []messagesOutBlock    `json:"content"`
	StopReason   string                `json:"stop_reason"`
	StopSequence *string               `json:"stop_sequence"`
	Usage        messagesResponseUsage `json:"usage"`
}

type messagesOutBlock struct {
	Type      string  `json:"type"`
	Thinking  *string `json:"thinking,omitempty"`
	Signature string  `json:"signature,omitempty"`
	Text      *string `json:"text,omitempty"`
}

type messagesResponseUsage struct {
	InputTokens  int `json:"input_tokens"`
	OutputTokens int `json:"output_tokens"`
}

// malformed is the 400 that Bedrock gives for a Messages body that breaks
// its schema, with the schema violations listed as Bedrock lists them.
func malformed(violations ...string) *apiError {
	if len(violations) == 0 {
		return validation(msgMalformed)
	}
	return validationf(msgMalformedFmt, strings.Join(violations, ""))
}

// parseMessages decodes an InvokeModel body in the Anthropic Messages form.
func parseMessages(body []byte) (callSpec, *apiError) {
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(body, &keys); err != nil {
		return callSpec{}, malformed()
	}
	var req messagesRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return callSpec{}, malformed()
	}
	var missing []string
	for _, k := range []string{"anthropic_version", "max_tokens", "messages"} {
		if _, ok := keys[k]; !ok {
			missing = append(missing, "#: required key ["+k+"] not found")
		}
	}
	if len(missing) > 0 {
		return callSpec{}, malformed(missing...)
	}
	if req.AnthropicVersion != anthropicVersion {
		return callSpec{}, validation(msgBadVersion)
	}

	c := callSpec{temperature: req.Temperature, topP: req.TopP, topK: req.TopK != nil,
		thinking: req.Thinking, stopSequences: req.StopSequences}
	for k := range keys {
		if !messagesKeys[k] {
			c.extraKeys = append(c.extraKeys, k)
		}
	}
	if *req.MaxTokens < 1 {
		return c, validation(msgMaxTokensBelowOne)
	}
	c.maxTokens = *req.MaxTokens
	if req.OutputConfig != nil {
		c.effort = req.OutputConfig.Effort
	}
	if tc := req.ToolChoice; tc != nil {
		c.forcedTool = tc.Type == "any" || tc.Type == "tool"
	}
	for _, f := range []struct {
		v    *float64
		name string
	}{{req.Temperature, "temperature"}, {req.TopP, "top_p"}} {
		if f.v != nil && (*f.v < 0 || *f.v > 1) {
			return c, validationf(msgUnitRangeFmt, f.name)
		}
	}

	system, err := messagesText(req.System)
	if err != nil {
		return c, validation(msgSystemShape)
	}
	c.system = strings.Join(system, "\n")
	if len(req.Messages) == 0 {
		return c, validation(msgNoMessages)
	}
	last := -1
	for i, m := range req.Messages {
		if m.Role == "user" {
			last = i
		}
	}
	if last < 0 {
		return c, validation(msgNoUserMessage)
	}
	for i, m := range req.Messages {
		texts, err := messagesText(m.Content)
		if err != nil {
			return c, validationf(msgContentShapeFmt, i)
		}
		for _, t := range texts {
			if strings.TrimSpace(t) == "" {
				return c, validation(msgEmptyBlock)
			}
		}
		if i == last {
			c.prompt = strings.Join(texts, "\n")
		} else {
			c.contextChars += len(m.Content)
		}
	}
	return c, nil
}

// messagesText reads a Messages content or system value: a string or a
// list of blocks, of which the text blocks are returned. Non-text blocks
// are skipped.
func messagesText(raw json.RawMessage) ([]string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] == '"' {
		var s string
		err := json.Unmarshal(raw, &s)
		return []string{s}, err
	}
	var blocks []messagesBlock
	if err := json.Unmarshal(raw, &blocks); err != nil {
		return nil, err
	}
	var out []string
	for _, b := range blocks {
		if b.Type == "text" {
			out = append(out, b.Text)
		}
	}
	return out, nil
}

// messagesBody renders a simulated response as an Anthropic Messages
// response body.
func messagesBody(m claudeutils.Model, r SimResponse, requestID string) []byte {
	var content []messagesOutBlock
	if r.ThinkingTokens > 0 {
		text := r.ThinkingText
		content = append(content, messagesOutBlock{
			Type: "thinking", Thinking: &text, Signature: r.ThinkingSignature,
		})
	}
	if r.Answer != "" || len(content) == 0 {
		answer := r.Answer
		content = append(content, messagesOutBlock{Type: "text", Text: &answer})
	}
	resp := messagesResponse{
		ID:         "msg_bdrk_" + strings.ReplaceAll(requestID, "-", "")[:24],
		Type:       "message",
		Role:       "assistant",
		Model:      strings.TrimPrefix(m.ID, "anthropic."),
		Content:    content,
		StopReason: r.StopReason,
		Usage:      messagesResponseUsage{InputTokens: r.Usage.InputTokens, OutputTokens: r.Usage.OutputTokens},
	}
	b, err := json.Marshal(resp)
	if err != nil {
		panic("localbedrock: marshal messages response: " + err.Error())
	}
	return b
}

// invokeHeaders sets the token and latency headers Bedrock adds to an
// InvokeModel response.
func invokeHeaders(h http.Header, r SimResponse) {
	h.Set("X-Amzn-Bedrock-Input-Token-Count", strconv.Itoa(r.Usage.InputTokens))
	h.Set("X-Amzn-Bedrock-Output-Token-Count", strconv.Itoa(r.Usage.OutputTokens))
	h.Set("X-Amzn-Bedrock-Invocation-Latency", strconv.FormatInt(r.Latency.Milliseconds(), 10))
}
