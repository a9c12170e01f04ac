package localbedrock

import (
	"fmt"
	"net/http"
)

// Error types as Bedrock names them in the X-Amzn-ErrorType header. The
// SDK maps each to its typed exception (types.ValidationException, ...).
const (
	typeValidation         = "ValidationException"
	typeSerialization      = "SerializationException"
	typeResourceNotFound   = "ResourceNotFoundException"
	typeThrottling         = "ThrottlingException"
	typeInternalServer     = "InternalServerException"
	typeServiceUnavailable = "ServiceUnavailableException"
	typeModelTimeout       = "ModelTimeoutException"
	typeModelStreamError   = "modelStreamErrorException"
	typeUnknownOperation   = "UnknownOperationException"
)

// errorTypeSuffix follows the error type in X-Amzn-ErrorType, as Bedrock
// sends it; the SDK strips everything from the colon on.
const errorTypeSuffix = ":http://internal.amazon.com/coral/com.amazon.bedrock/"

// modelErrorPrefix starts every refusal that Bedrock passes on from the
// model's own request validation.
const modelErrorPrefix = "The model returned the following errors: "

// Message texts. Those marked "reported" were seen in public bug reports
// against Bedrock; the rest are this package's assumptions in the same
// style (see the package documentation).
const (
	// Reported.
	msgInvalidModel  = "The provided model identifier is invalid."
	msgEndOfLife     = "This model version has reached the end of its life. Please refer to the AWS documentation for more details."
	msgOnDemandFmt   = "Invocation of model ID %s with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model."
	msgAdaptiveOnly  = `"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.`
	msgBudgetTooLow  = modelErrorPrefix + "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024"
	msgBudgetVsMax   = modelErrorPrefix + "`max_tokens` must be greater than `thinking.budget_tokens`"
	msgTemperature   = modelErrorPrefix + "temperature may only be set to 1 when thinking is enabled."
	msgTopP          = modelErrorPrefix + "top_p must be unset when thinking is enabled."
	msgForcedTool    = modelErrorPrefix + "Thinking may not be enabled when tool_choice forces tool use."
	msgEffortExtra   = modelErrorPrefix + "output_config.effort: Extra inputs are not permitted"
	msgStartWithUser = "A conversation must start with a user message. Try again with a conversation that starts with a user message."
	msgBlankTextFmt  = "The text field in the ContentBlock object at messages.%d.content.%d is blank. Add text to the text field, and try again."
	msgMalformed     = "Malformed input request, please reformat your input and try again."
	msgThrottled     = "Too many requests, please wait before trying again."
	msgUnavailable   = "Bedrock is unable to process your request."

	// Assumed.
	msgTemperatureAdaptive = modelErrorPrefix + "temperature may only be set to 1 when thinking is enabled or in adaptive mode."
	msgTopK                = modelErrorPrefix + "top_k must be unset when thinking is enabled."
	msgNoThinking          = modelErrorPrefix + "thinking: Extra inputs are not permitted"
	msgBudgetMissing       = modelErrorPrefix + "thinking.enabled.budget_tokens: Field required"
	msgBudgetNotInt        = modelErrorPrefix + "thinking.enabled.budget_tokens: Input should be a valid integer"
	msgThinkingTagFmt      = modelErrorPrefix + "thinking.type: Input tag '%s' found using 'type' does not match any of the expected tags: %s"
	msgBadEffort           = modelErrorPrefix + "output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'"
	msgExtraInputFmt       = modelErrorPrefix + "%s: Extra inputs are not permitted"
	msgMaxTokensOverFmt    = modelErrorPrefix + "max_tokens: %d > %d, which is the maximum allowed number of output tokens for %s"
	msgRangeFmt            = "1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have value %s"
	msgEmptyContentFmt     = "The content field in the Message object at messages.%d is empty. Add a ContentBlock object to the content field and try again."
	msgAlternate           = "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again."
	msgBadJSON             = "The request body is not valid JSON."
	msgBodyTooLargeFmt     = "The request body is larger than this emulator's limit of %d bytes."
	msgUnknownFoundation   = "Could not resolve the foundation model from the provided model identifier."
	msgUnknownOperation    = "This emulator does not implement the requested operation."
	msgInternal            = "The system encountered an unexpected error during processing. Try your request again."
	msgModelTimeout        = "Model has timed out in processing the request. Try your request again."
	msgBadRoleFmt          = "1 validation error detected: Value '%s' at 'messages.%d.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]"
	msgThinkingShape       = modelErrorPrefix + "thinking: Input should be a valid dictionary or object to extract fields from"
	msgFieldsShape         = modelErrorPrefix + "Input should be a valid dictionary"
	msgMalformedFmt        = "Malformed input request: %s, please reformat your input and try again."
	msgContentShapeFmt     = modelErrorPrefix + "messages.%d.content: Input should be a valid string or a list of blocks"
	msgSystemShape         = modelErrorPrefix + "system: Input should be a valid string or a list of blocks"
	msgNoMessages          = modelErrorPrefix + "messages: at least one message is required"
	msgNoUserMessage       = modelErrorPrefix + "messages: the conversation needs a user message"
	msgEmptyBlock          = modelErrorPrefix + "messages: text content blocks must be non-empty"
	msgBadVersion          = modelErrorPrefix + "anthropic_version: Invalid value"
	msgMaxTokensBelowOne   = modelErrorPrefix + "max_tokens: Input should be greater than or equal to 1"
	msgUnitRangeFmt        = modelErrorPrefix + "%s: Input should be between 0 and 1"
)

// apiError is an error response: an HTTP status, a Bedrock error type and
// a message.
type apiError struct {
	Status  int
	Type    string
	Message string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%d %s: %s", e.Status, e.Type, e.Message)
}

// validation returns a 400 ValidationException with the given message.
func validation(msg string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Type: typeValidation, Message: msg}
}

// validationf formats a 400 ValidationException message.
func validationf(format string, args ...any) *apiError {
	return validation(fmt.Sprintf(format, args...))
}

// notFound returns a 404 ResourceNotFoundException with the given message.
func notFound(msg string) *apiError {
	return &apiError{Status: http.StatusNotFound, Type: typeResourceNotFound, Message: msg}
}
