package localbedrock

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// providerName is the provider of every model in the registry.
const providerName = "Anthropic"

// summaryOf describes a model as ListFoundationModels does.
func (s *Server) summaryOf(m claudeutils.Model) modelSummary {
	inference := []string{"ON_DEMAND"}
	if m.ProfileOnly {
		inference = []string{"INFERENCE_PROFILE"}
	}
	return modelSummary{
		ModelID:                    m.ID,
		ModelArn:                   "arn:aws:bedrock:" + s.opts.Region + "::foundation-model/" + m.ID,
		ModelName:                  m.Name,
		ProviderName:               providerName,
		InputModalities:            []string{"TEXT", "IMAGE"},
		OutputModalities:           []string{"TEXT"},
		ResponseStreamingSupported: true,
		CustomizationsSupported:    []string{},
		InferenceTypesSupported:    inference,
		ModelLifecycle:             modelLifecycle{Status: string(m.Lifecycle)},
	}
}

// listFoundationModels answers GET /foundation-models. Models at end of
// life are not listed. The filters byProvider, byOutputModality and
// byInferenceType are compared case-insensitively with the summary's
// fields; byCustomizationType matches nothing, as no model here supports
// customisation.
func (s *Server) listFoundationModels(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	out := []modelSummary{}
	for _, m := range s.reg.Models() {
		if m.Lifecycle == claudeutils.EndOfLife {
			continue
		}
		sum := s.summaryOf(m)
		if !matches(q.Get("byProvider"), sum.ProviderName) ||
			!matches(q.Get("byOutputModality"), sum.OutputModalities...) ||
			!matches(q.Get("byInferenceType"), sum.InferenceTypesSupported...) ||
			q.Get("byCustomizationType") != "" {
			continue
		}
		out = append(out, sum)
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"modelSummaries": out})
}

// matches reports whether an empty filter or one of the values equals
// filter, ignoring case.
func matches(filter string, values ...string) bool {
	if filter == "" {
		return true
	}
	for _, v := range values {
		if strings.EqualFold(filter, v) {
			return true
		}
	}
	return false
}

// getFoundationModel answers GET /foundation-models/{id}. It accepts a
// base model ID or a foundation-model ARN, not a cross-region profile ID.
func (s *Server) getFoundationModel(w http.ResponseWriter, r *http.Request, escapedID string) {
	id, err := url.PathUnescape(escapedID)
	if err != nil {
		s.writeError(w, r, validation(msgInvalidModel))
		return
	}
	prefix, base := claudeutils.SplitModelID(id)
	m, ok := s.reg.Lookup(base)
	if !ok || prefix != "" {
		s.writeError(w, r, notFound(msgUnknownFoundation))
		return
	}
	if m.Lifecycle == claudeutils.EndOfLife {
		s.writeError(w, r, notFound(msgEndOfLife))
		return
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"modelDetails": s.summaryOf(m)})
}
