package claudeutils

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/bedrock"
	btypes "github.com/aws/aws-sdk-go-v2/service/bedrock/types"
)

// Model availability as VerifyModel reports it.
const (
	StatusActive  = "ACTIVE"
	StatusLegacy  = "LEGACY"
	StatusUnknown = "UNKNOWN"
)

// ModelStatus is what VerifyModel found out about one model ID.
type ModelStatus struct {
	// ModelID is the ID as given; Prefix and BaseID are its parts.
	ModelID string
	Prefix  string
	BaseID  string
	// Status is StatusActive or StatusLegacy from modelLifecycle, or
	// StatusUnknown when the backend does not list the model.
	Status string
	// Available is true when the model is listed and ACTIVE or LEGACY.
	Available bool
	// Known is true when the local registry has the model; Model is then
	// its entry.
	Known bool
	Model Model
	// Alternatives lists the active Anthropic models that the backend
	// offers, for the message shown when the model is not available.
	Alternatives []string
}

// VerifyModel checks that the backend lists a model, accepting base IDs,
// cross-region profile IDs (us., eu., apac., jp., au., global.) and ARNs.
// ListFoundationModels lists base IDs only, so a profile ID is checked by
// its base model. A model the backend does not list is reported with
// Status StatusUnknown and the alternatives; only a failed call is an
// error.
func (c *Client) VerifyModel(ctx context.Context, modelID string) (ModelStatus, error) {
	st := ModelStatus{ModelID: modelID, Status: StatusUnknown}
	st.Prefix, st.BaseID = SplitModelID(modelID)
	st.Model, st.Known = c.Registry.Lookup(modelID)

	out, err := c.Control.ListFoundationModels(ctx, &bedrock.ListFoundationModelsInput{
		ByProvider: aws.String("Anthropic"),
	})
	if err != nil {
		return st, wrapAPIError("list-foundation-models", modelID, 1, err)
	}
	for _, m := range out.ModelSummaries {
		id := aws.ToString(m.ModelId)
		status := ""
		if m.ModelLifecycle != nil {
			status = string(m.ModelLifecycle.Status)
		}
		if id == st.BaseID {
			st.Status = status
			st.Available = status == string(btypes.FoundationModelLifecycleStatusActive) ||
				status == string(btypes.FoundationModelLifecycleStatusLegacy)
		}
		if status == string(btypes.FoundationModelLifecycleStatusActive) {
			st.Alternatives = append(st.Alternatives, id)
		}
	}
	sort.Strings(st.Alternatives)
	return st, nil
}
