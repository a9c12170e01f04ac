package localbedrock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// parseConverse decodes a Converse or ConverseStream body and checks the
// parts that Bedrock itself validates (message order, blank text, value
// ranges) before the model's rules apply.
func parseConverse(body []byte) (callSpec, *apiError) {
	var req converseRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return callSpec{}, &apiError{Status: http.StatusBadRequest, Type: typeSerialization, Message: msgBadJSON}
	}
	var c callSpec
	if err := readMessages(&c, req.Messages); err != nil {
		return c, err
	}

	var system []string
	for _, b := range req.System {
		if t, ok := textMember(b); ok {
			system = append(system, t)
		} else {
			c.contextChars += rawLen(b)
		}
	}
	c.system = strings.Join(system, "\n")

	if ic := req.InferenceConfig; ic != nil {
		if ic.MaxTokens != nil {
			if *ic.MaxTokens < 1 {
				return c, validationf(msgRangeFmt, strconv.Itoa(*ic.MaxTokens),
					"inferenceConfig.maxTokens", "greater than or equal to 1")
			}
			c.maxTokens = *ic.MaxTokens
		}
		if err := checkUnit(ic.Temperature, "inferenceConfig.temperature"); err != nil {
			return c, err
		}
		if err := checkUnit(ic.TopP, "inferenceConfig.topP"); err != nil {
			return c, err
		}
		c.temperature, c.topP, c.stopSequences = ic.Temperature, ic.TopP, ic.StopSequences
	}
	if oc := req.OutputConfig; oc != nil {
		c.effort = oc.Effort
	}
	if tc := req.ToolConfig; tc != nil {
		_, anyTool := tc.ToolChoice["any"]
		_, oneTool := tc.ToolChoice["tool"]
		c.forcedTool = anyTool || oneTool
	}
	if err := readModelFields(&c, req.AdditionalModelRequestFields); err != nil {
		return c, err
	}
	return c, nil
}

// readMessages checks the conversation and splits it into the prompt (the
// text of the last user turn) and context characters (everything else).
func readMessages(c *callSpec, msgs []converseMessage) *apiError {
	if len(msgs) == 0 || msgs[0].Role != "user" {
		if len(msgs) > 0 && msgs[0].Role != "assistant" {
			return badRole(0, msgs[0].Role)
		}
		return validation(msgStartWithUser)
	}
	last := 0
	for i, m := range msgs {
		if m.Role != "user" && m.Role != "assistant" {
			return badRole(i, m.Role)
		}
		if i > 0 && m.Role == msgs[i-1].Role {
			return validation(msgAlternate)
		}
		if len(m.Content) == 0 {
			return validationf(msgEmptyContentFmt, i)
		}
		for j, b := range m.Content {
			if t, ok := textMember(b); ok && strings.TrimSpace(t) == "" {
				return validationf(msgBlankTextFmt, i, j)
			}
		}
		if m.Role == "user" {
			last = i
		}
	}
	for i, m := range msgs {
		var texts []string
		for _, b := range m.Content {
			if t, ok := textMember(b); ok && i == last {
				texts = append(texts, t)
			} else if ok {
				c.contextChars += len(t)
			} else {
				c.contextChars += rawLen(b)
			}
		}
		if i == last {
			c.prompt = strings.Join(texts, "\n")
		}
	}
	return nil
}

func badRole(i int, role string) *apiError {
	return validationf(msgBadRoleFmt, role, i+1)
}

// checkUnit refuses a value outside [0, 1].
func checkUnit(v *float64, field string) *apiError {
	if v == nil {
		return nil
	}
	s := strconv.FormatFloat(*v, 'g', -1, 32)
	if *v < 0 {
		return validationf(msgRangeFmt, s, field, "greater than or equal to 0")
	}
	if *v > 1 {
		return validationf(msgRangeFmt, s, field, "less than or equal to 1")
	}
	return nil
}

// readModelFields reads additionalModelRequestFields, which Bedrock hands
// to the model unchanged.
func readModelFields(c *callSpec, raw json.RawMessage) *apiError {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return validation(msgFieldsShape)
	}
	for k, v := range fields {
		if !knownModelFields[k] {
			c.extraKeys = append(c.extraKeys, k)
		}
		if string(bytes.TrimSpace(v)) == "null" {
			continue
		}
		switch k {
		case "thinking", "reasoning_config":
			var tc thinkingConfig
			if err := json.Unmarshal(v, &tc); err != nil {
				return validation(msgThinkingShape)
			}
			c.thinking = &tc
		case "top_k":
			c.topK = true
		case "output_config":
			var oc outputConfig
			if err := json.Unmarshal(v, &oc); err == nil && c.effort == nil {
				c.effort = oc.Effort
			}
		}
	}
	return nil
}

// textMember returns the text of a content or system block that is text.
func textMember(b map[string]json.RawMessage) (string, bool) {
	raw, ok := b["text"]
	if !ok {
		return "", false
	}
	var t string
	if err := json.Unmarshal(raw, &t); err != nil {
		return "", false
	}
	return t, true
}

// rawLen counts the bytes of a non-text block, as a stand-in for its
// characters.
func rawLen(b map[string]json.RawMessage) int {
	n := 0
	for k, v := range b {
		n += len(k) + len(v)
	}
	return n
}

// converseBody renders a simulated response as a Converse response body.
// Thinking comes first as a nested reasoning block, then the answer text.
func converseBody(r SimResponse) []byte {
	var content []outBlock
	if r.ThinkingTokens > 0 {
		content = append(content, outBlock{ReasoningContent: &outReasoning{
			ReasoningText: outReasoningText{Text: r.ThinkingText, Signature: r.ThinkingSignature},
		}})
	}
	if r.Answer != "" || len(content) == 0 {
		answer := r.Answer
		content = append(content, outBlock{Text: &answer})
	}
	resp := converseResponse{
		Output:     converseOutput{Message: outMessage{Role: "assistant", Content: content}},
		StopReason: r.StopReason,
		Usage:      usageOf(r),
		Metrics:    metrics{LatencyMs: r.Latency.Milliseconds()},
	}
	b, err := json.Marshal(resp)
	if err != nil {
		panic("localbedrock: marshal converse response: " + err.Error())
	}
	return b
}

func usageOf(r SimResponse) tokenUsage {
	return tokenUsage{
		InputTokens:  r.Usage.InputTokens,
		OutputTokens: r.Usage.OutputTokens,
		TotalTokens:  r.Usage.TotalTokens,
	}
}
