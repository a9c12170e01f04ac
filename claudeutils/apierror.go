package claudeutils

import (
	"errors"
	"fmt"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// APIError is an error answered by Bedrock (or the emulator), with its
// type and message intact. It wraps the SDK's typed error, so
// errors.As(err, new(*types.ValidationException)) still works.
type APIError struct {
	// Op is "converse", "converse-stream", "list-foundation-models" or
	// "get-foundation-model".
	Op      string
	ModelID string
	// Code is Bedrock's error type, e.g. "ValidationException".
	Code string
	// Message is Bedrock's message, unchanged.
	Message    string
	StatusCode int
	RequestID  string
	// Attempts is how many times the call was sent.
	Attempts int
	Err      error
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("%s %s: %s", e.Op, e.ModelID, e.Code)
	if e.StatusCode != 0 {
		s += fmt.Sprintf(" (HTTP %d)", e.StatusCode)
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.Attempts > 1 {
		s += fmt.Sprintf(" [after %d attempts]", e.Attempts)
	}
	return s
}

// Unwrap returns the SDK's error.
func (e *APIError) Unwrap() error { return e.Err }

// wrapAPIError turns an SDK error into an *APIError when it carries an
// API error code, and otherwise prefixes it with the operation.
func wrapAPIError(op, modelID string, attempts int, err error) error {
	var api smithy.APIError
	if !errors.As(err, &api) {
		if attempts > 1 {
			return fmt.Errorf("%s %s [after %d attempts]: %w", op, modelID, attempts, err)
		}
		return fmt.Errorf("%s %s: %w", op, modelID, err)
	}
	e := &APIError{Op: op, ModelID: modelID, Code: api.ErrorCode(), Message: api.ErrorMessage(),
		Attempts: attempts, Err: err}
	var resp *awshttp.ResponseError
	if errors.As(err, &resp) {
		e.StatusCode = resp.HTTPStatusCode()
		e.RequestID = resp.ServiceRequestID()
	}
	return e
}
