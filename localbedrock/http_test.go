package localbedrock_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/localbedrock"
)

// rawError is an error response as it travels on the wire.
type rawError struct {
	Status    int
	ErrorType string
	Body      string
}

// Ensure bodies that are not JSON, bodies over the limit and unknown
// paths get the documented raw responses.
func TestServer_RawErrors(t *testing.T) {
	srv := httptest.NewServer(localbedrock.New(localbedrock.Options{MaxBodyBytes: 64}))
	defer srv.Close()
	converse := "/model/" + url.PathEscape(sonnet45) + "/converse"
	tests := []struct {
		name string
		path string
		body string
		want rawError
	}{
		{"malformed JSON", converse, `{"messages": [`, rawError{400,
			"SerializationException:http://internal.amazon.com/coral/com.amazon.bedrock/",
			`{"message":"The request body is not valid JSON."}`}},
		{"wrong JSON type", converse, `{"messages": "hello"}`, rawError{400,
			"SerializationException:http://internal.amazon.com/coral/com.amazon.bedrock/",
			`{"message":"The request body is not valid JSON."}`}},
		{"malformed Messages body", "/model/" + url.PathEscape(sonnet45) + "/invoke", `not json`, rawError{400,
			"ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/",
			`{"message":"Malformed input request, please reformat your input and try again."}`}},
		{"body over the limit", converse, `{"messages":[{"role":"user","content":[{"text":"` + strings.Repeat("x", 64) + `"}]}]}`, rawError{413,
			"ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/",
			`{"message":"The request body is larger than this emulator's limit of 64 bytes."}`}},
		{"unknown operation", "/model/" + url.PathEscape(sonnet45) + "/count-tokens", `{}`, rawError{404,
			"UnknownOperationException:http://internal.amazon.com/coral/com.amazon.bedrock/",
			`{"message":"This emulator does not implement the requested operation."}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := post(t, srv.URL, tt.path, []byte(tt.body))
			got := rawError{resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), string(body)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("response (-want +got):\n%s", diff)
			}
		})
	}
}

// Ensure the SDK reads an oversized body's 413 as a ValidationException.
func TestConverse_BodyTooLarge(t *testing.T) {
	r := start(t, localbedrock.Options{MaxBodyBytes: 1024})
	_, err := runtimeClient(r.URL()).Converse(context.Background(),
		call{model: sonnet45, prompt: strings.Repeat("long prompt ", 200)}.input())
	want := apiFailure{413, "ValidationException", "The request body is larger than this emulator's limit of 1024 bytes."}
	if diff := cmp.Diff(want, failureOf(t, err)); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
}

// Ensure Options.Middleware sees each request with its operation and
// escaped model ID.
func TestOptions_Middleware(t *testing.T) {
	type seen struct {
		Op    localbedrock.Operation
		Model string
	}
	var got []seen
	r := start(t, localbedrock.Options{Middleware: func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			op, id := localbedrock.OperationOf(req)
			got = append(got, seen{op, id})
			next.ServeHTTP(w, req)
		})
	}})
	converse(t, runtimeClient(r.URL()), call{model: sonnet45, prompt: "Hi there"})
	post(t, r.URL(), "/nowhere", nil)
	want := []seen{
		{localbedrock.OpConverse, "us.anthropic.claude-sonnet-4-5-20250929-v1%3A0"},
		{localbedrock.OpUnknown, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("middleware saw (-want +got):\n%s", diff)
	}
}
