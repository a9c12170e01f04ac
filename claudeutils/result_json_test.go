package claudeutils

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestResult_JSONRoundTrip(t *testing.T) {
	in := Result{
		ModelID: DefaultModelID, Thinking: Budget(4096), ThinkingSetting: "budget=4096", MaxTokens: 8192,
		Answer: "42", ThinkingText: "because", ThinkingSignature: "c2lnbmF0dXJl", StopReason: "end_turn",
		Usage:         Usage{InputTokens: 10, OutputTokens: 20, TotalTokens: 30},
		Cost:          Cost{InputUSD: 0.00003, OutputUSD: 0.0003, TotalUSD: 0.00033},
		ServerLatency: 1500 * time.Millisecond, WallTime: 1512 * time.Millisecond,
		TimeToFirstToken: 950 * time.Millisecond, Streamed: true, Attempts: 2,
		Adjustments: []Adjustment{{Field: "max_tokens", From: 100.0, To: 4196.0, Reason: "r"}},
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "c2lnbmF0dXJl") {
		t.Errorf("signature written: %s", b)
	}
	for _, want := range []string{`"server_latency_ms":1500`, `"wall_ms":1512`, `"thinking":"budget=4096"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s: %s", want, b)
		}
	}
	var out Result
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	in.ThinkingSignature = ""
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
}
