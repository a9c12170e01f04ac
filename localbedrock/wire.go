package localbedrock

import "encoding/json"

// Converse request, as the SDK's restJson1 serializer writes it. Content
// and system blocks are unions; they are kept as raw members so that any
// block type is accepted and counted.
type converseRequest struct {
	Messages                     []converseMessage            `json:"messages"`
	System                       []map[string]json.RawMessage `json:"system"`
	InferenceConfig              *inferenceConfig             `json:"inferenceConfig"`
	AdditionalModelRequestFields json.RawMessage              `json:"additionalModelRequestFields"`
	OutputConfig                 *outputConfig                `json:"outputConfig"`
	ToolConfig                   *toolConfig                  `json:"toolConfig"`
}

type converseMessage struct {
	Role    string                       `json:"role"`
	Content []map[string]json.RawMessage `json:"content"`
}

type inferenceConfig struct {
	MaxTokens     *int     `json:"maxTokens"`
	Temperature   *float64 `json:"temperature"`
	TopP          *float64 `json:"topP"`
	StopSequences []string `json:"stopSequences"`
}

type outputConfig struct {
	Effort *string `json:"effort"`
}

type toolConfig struct {
	ToolChoice map[string]json.RawMessage `json:"toolChoice"`
}

// thinkingConfig is the "thinking" member of additionalModelRequestFields
// or of an Anthropic Messages body.
type thinkingConfig struct {
	Type         string      `json:"type"`
	BudgetTokens json.Number `json:"budget_tokens"`
}

// Converse response.
type converseResponse struct {
	Output     converseOutput `json:"output"`
	StopReason string         `json:"stopReason"`
	Usage      tokenUsage     `json:"usage"`
	Metrics    metrics        `json:"metrics"`
}

type converseOutput struct {
	Message outMessage `json:"message"`
}

type outMessage struct {
	Role    string     `json:"role"`
	Content []outBlock `json:"content"`
}

type outBlock struct {
	ReasoningContent *outReasoning `json:"reasoningContent,omitempty"`
	Text             *string       `json:"text,omitempty"`
}

type outReasoning struct {
	ReasoningText outReasoningText `json:"reasoningText"`
}

type outReasoningText struct {
	Text      string `json:"text"`
	Signature string `json:"signature,omitempty"`
}

type tokenUsage struct {
	InputTokens  int `json:"inputTokens"`
	OutputTokens int `json:"outputTokens"`
	TotalTokens  int `json:"totalTokens"`
}

type metrics struct {
	LatencyMs int64 `json:"latencyMs"`
}

// ConverseStream event payloads. Reasoning deltas are flat: one of text,
// signature or redactedContent per delta.
type messageStartEvent struct {
	Role string `json:"role"`
}

type contentBlockDeltaEvent struct {
	ContentBlockIndex int        `json:"contentBlockIndex"`
	Delta             blockDelta `json:"delta"`
}

type blockDelta struct {
	Text             *string         `json:"text,omitempty"`
	ReasoningContent *reasoningDelta `json:"reasoningContent,omitempty"`
}

type reasoningDelta struct {
	Text      *string `json:"text,omitempty"`
	Signature *string `json:"signature,omitempty"`
}

type contentBlockStopEvent struct {
	ContentBlockIndex int `json:"contentBlockIndex"`
}

type messageStopEvent struct {
	StopReason string `json:"stopReason"`
}

type metadataEvent struct {
	Usage   tokenUsage `json:"usage"`
	Metrics metrics    `json:"metrics"`
}

type streamErrorEvent struct {
	Message string `json:"message"`
}

// Control-plane shapes.
type modelSummary struct {
	ModelID                    string         `json:"modelId"`
	ModelArn                   string         `json:"modelArn"`
	ModelName                  string         `json:"modelName"`
	ProviderName               string         `json:"providerName"`
	InputModalities            []string       `json:"inputModalities"`
	OutputModalities           []string       `json:"outputModalities"`
	ResponseStreamingSupported bool           `json:"responseStreamingSupported"`
	CustomizationsSupported    []string       `json:"customizationsSupported"`
	InferenceTypesSupported    []string       `json:"inferenceTypesSupported"`
	ModelLifecycle             modelLifecycle `json:"modelLifecycle"`
}

type modelLifecycle struct {
	Status string `json:"status"`
}
