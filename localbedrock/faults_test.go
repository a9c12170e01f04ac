package localbedrock_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/localbedrock"
)

func TestParseFaults(t *testing.T) {
	tests := []struct {
		in      string
		want    localbedrock.Faults
		wantErr string
	}{
		{"", localbedrock.Faults{}, ""},
		{"throttle=0.3,5xx=0.1,timeout=0.05,stream=0.05,drop=0.05",
			localbedrock.Faults{Throttle: 0.3, ServerError: 0.1, Timeout: 0.05, StreamError: 0.05, Drop: 0.05}, ""},
		{" Throttle = 1 , latency=250ms", localbedrock.Faults{Throttle: 1, ExtraLatency: 250 * time.Millisecond}, ""},
		{"throttle=abc", localbedrock.Faults{}, `fault throttle: value "abc" is not a probability from 0 to 1`},
		{"drop=1.5", localbedrock.Faults{}, `fault drop: value "1.5" is not a probability from 0 to 1`},
		{"explode=0.1", localbedrock.Faults{}, `fault "explode" is unknown: want one of throttle, 5xx, timeout, stream, drop, latency`},
		{"throttle", localbedrock.Faults{}, `fault "throttle": want key=value`},
		{"latency=soon", localbedrock.Faults{}, `fault latency: value "soon" is not a non-negative duration such as 200ms`},
		{"throttle=0.6,5xx=0.6", localbedrock.Faults{}, "fault probabilities add up to 1.2, more than 1"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := localbedrock.ParseFaults(tt.in)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.wantErr {
				t.Fatalf("error %q, want %q", gotErr, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("faults (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFaults_String(t *testing.T) {
	f := localbedrock.Faults{Throttle: 0.3, Drop: 0.05, ExtraLatency: time.Second}
	if got, want := f.String(), "throttle=0.3,drop=0.05,latency=1s"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	back, err := localbedrock.ParseFaults(f.String())
	if err != nil || back != f {
		t.Errorf("ParseFaults(String()) = %+v, %v; want %+v", back, err, f)
	}
}

// Ensure each certain fault answers with its typed error and status.
func TestFaults_Errors(t *testing.T) {
	tests := []struct {
		name   string
		faults localbedrock.Faults
		target any
		want   apiFailure
	}{
		{"throttle", localbedrock.Faults{Throttle: 1}, new(*types.ThrottlingException),
			apiFailure{429, "ThrottlingException", "Too many requests, please wait before trying again."}},
		{"timeout", localbedrock.Faults{Timeout: 1}, new(*types.ModelTimeoutException),
			apiFailure{408, "ModelTimeoutException", "Model has timed out in processing the request. Try your request again."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := start(t, localbedrock.Options{Faults: tt.faults})
			_, err := runtimeClient(r.URL()).Converse(context.Background(), call{model: sonnet45, prompt: "Hi there"}.input())
			if !errors.As(err, tt.target) {
				t.Errorf("error %T is not %T", err, tt.target)
			}
			if diff := cmp.Diff(tt.want, failureOf(t, err)); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

// Ensure server errors split between 500 and 503 and that validation
// errors win over faults.
func TestFaults_ServerErrorsAndValidation(t *testing.T) {
	r := start(t, localbedrock.Options{Faults: localbedrock.Faults{ServerError: 1}})
	client := runtimeClient(r.URL())
	seen := map[string]bool{}
	for i := range 20 {
		_, err := client.Converse(context.Background(), call{model: sonnet45, prompt: "Question " + string(rune('A'+i))}.input())
		seen[failureOf(t, err).Code] = true
	}
	if diff := cmp.Diff(map[string]bool{"InternalServerException": true, "ServiceUnavailableException": true}, seen); diff != "" {
		t.Errorf("error codes (-want +got):\n%s", diff)
	}
	_, err := client.Converse(context.Background(), call{model: "anthropic.nope", prompt: "Hi"}.input())
	if got := failureOf(t, err).Code; got != "ValidationException" {
		t.Errorf("invalid model under faults: %s, want ValidationException", got)
	}
}

// Ensure a stream fault arrives as a modelStreamErrorException after
// some events.
func TestFaults_StreamError(t *testing.T) {
	r := start(t, localbedrock.Options{Faults: localbedrock.Faults{StreamError: 1}})
	out, err := runtimeClient(r.URL()).ConverseStream(context.Background(),
		call{model: sonnet45, prompt: lesson.CarbonPlan, maxTokens: 3000, fields: budget(2048)}.streamInput())
	if err != nil {
		t.Fatal(err)
	}
	events := 0
	for range out.GetStream().Events() {
		events++
	}
	err = out.GetStream().Err()
	var se *types.ModelStreamErrorException
	if !errors.As(err, &se) {
		t.Fatalf("stream error %v (%T), want *types.ModelStreamErrorException", err, err)
	}
	want := "The system encountered an unexpected error during processing. Try your request again."
	if got := se.ErrorMessage(); got != want || events == 0 {
		t.Errorf("message %q after %d events; want %q after at least the messageStart", got, events, want)
	}
}

// Ensure a dropped connection reaches the client as a transport error on
// Converse, and as a stream that stops before messageStop and metadata on
// ConverseStream: the SDK reads a cut stream as a normal end, with no
// error.
func TestFaults_Drop(t *testing.T) {
	r := start(t, localbedrock.Options{Faults: localbedrock.Faults{Drop: 1}})
	client := runtimeClient(r.URL())
	_, err := client.Converse(context.Background(), call{model: sonnet45, prompt: "Hi there"}.input())
	var apiErr smithy.APIError
	if err == nil || errors.As(err, &apiErr) {
		t.Errorf("converse error %v, want a transport error", err)
	}

	out, err := client.ConverseStream(context.Background(), call{model: sonnet45, prompt: lesson.CarbonPlan}.streamInput())
	if err != nil {
		t.Fatal(err)
	}
	var ends []string
	for ev := range out.GetStream().Events() {
		switch ev.(type) {
		case *types.ConverseStreamOutputMemberMessageStop:
			ends = append(ends, "messageStop")
		case *types.ConverseStreamOutputMemberMetadata:
			ends = append(ends, "metadata")
		}
	}
	if err := out.GetStream().Err(); err != nil || len(ends) != 0 {
		t.Errorf("stream error %v, end events %v; want no error and no end events", err, ends)
	}
}

// Ensure the fault sequence repeats for the same seed and calls, and that
// retrying the same request can succeed.
func TestFaults_Deterministic(t *testing.T) {
	pattern := func() []string {
		r := start(t, localbedrock.Options{Seed: 11, Faults: localbedrock.Faults{Throttle: 0.5}})
		client := runtimeClient(r.URL())
		var out []string
		for range 12 {
			_, err := client.Converse(context.Background(), call{model: sonnet45, prompt: "Same question"}.input())
			if err == nil {
				out = append(out, "ok")
			} else {
				out = append(out, failureOf(t, err).Code)
			}
		}
		return out
	}
	first, second := pattern(), pattern()
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("fault pattern changed between runs (-first +second):\n%s", diff)
	}
	counts := map[string]int{}
	for _, p := range first {
		counts[p]++
	}
	if counts["ok"] == 0 || counts["ThrottlingException"] == 0 {
		t.Errorf("pattern %v: want both successes and throttles at probability 0.5", first)
	}
}
