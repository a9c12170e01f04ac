package localbedrock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzDecodeConverse sends arbitrary bodies through the whole Converse
// handler. Whatever the body, the emulator must answer as Bedrock would:
// 200 with an output message, or a 4xx with an error type and a JSON
// message; never a panic or a 5xx (no faults are configured).
func FuzzDecodeConverse(f *testing.F) {
	seeds := []string{
		`{"messages":[{"role":"user","content":[{"text":"hi"}]}],"inferenceConfig":{"maxTokens":100}}`,
		`{"messages":[{"role":"user","content":[{"text":"hi"}]}],"inferenceConfig":{"maxTokens":3000},` +
			`"additionalModelRequestFields":{"thinking":{"type":"enabled","budget_tokens":2048}}}`,
		`{"messages":[{"role":"user","content":[{"text":"x"}]}],"additionalModelRequestFields":{"thinking":{"type":"adaptive"}},` +
			`"outputConfig":{"effort":"high"},"inferenceConfig":{"maxTokens":5000,"temperature":0.5}}`,
		`{"system":[{"text":"only simple, medium, complex or very_complex"}],"messages":[{"role":"user","content":[{"text":"q"}]}]}`,
		`{"messages":[]}`, `{`, `null`, `[]`, `{"messages":[{"role":"assistant","content":[{"text":""}]}]}`,
		`{"messages":[{"role":"user","content":[{"text":"a"}]}],"inferenceConfig":{"maxTokens":-1,"topP":7}}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	srv := New(Options{Seed: 1})
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost,
			"/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)

		switch code := rec.Code; {
		case code == http.StatusOK:
			var out struct {
				Output struct {
					Message *struct{ Role string } `json:"message"`
				} `json:"output"`
				StopReason string `json:"stopReason"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.Output.Message == nil || out.StopReason == "" {
				t.Fatalf("200 with a body that is not a Converse response (%v): %.200s", err, rec.Body.String())
			}
		case code >= 400 && code < 500:
			if rec.Header().Get("X-Amzn-ErrorType") == "" {
				t.Fatalf("%d without X-Amzn-ErrorType", code)
			}
			var e struct{ Message string }
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Message == "" {
				t.Fatalf("%d with a body that has no message (%v): %.200s", code, err, rec.Body.String())
			}
		default:
			t.Fatalf("status %d for body %.200q: %.200s", code, body, rec.Body.String())
		}
	})
}
