package claudeutils_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/localbedrock"
)

// newFaultyClient starts the emulator with faults and returns a client
// that does not retry, so each fault reaches the caller.
func newFaultyClient(t *testing.T, f localbedrock.Faults) *claudeutils.Client {
	t.Helper()
	run, err := localbedrock.Start("", localbedrock.Options{Seed: 1, Faults: f})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	c, err := claudeutils.NewClient(context.Background(), claudeutils.Options{Endpoint: run.URL(), MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClient_Invoke_streamExceptionIsTypedError(t *testing.T) {
	c := newFaultyClient(t, localbedrock.Faults{StreamError: 1})
	req := sweepRequest(2048)
	req.Stream = true
	res, err := c.Invoke(context.Background(), req)
	var streamErr *types.ModelStreamErrorException
	if !errors.As(err, &streamErr) {
		t.Fatalf("got result %v, err %v (%T); want a ModelStreamErrorException", res != nil, err, err)
	}
}

func TestClient_Invoke_droppedStreamIsIncomplete(t *testing.T) {
	c := newFaultyClient(t, localbedrock.Faults{Drop: 1})
	req := sweepRequest(2048)
	req.Stream = true
	res, err := c.Invoke(context.Background(), req)
	if res != nil || err == nil {
		t.Fatalf("a dropped stream gave a result (answer %d bytes) and err %v", len(res.Answer), err)
	}
	// Depending on where the connection breaks, the SDK either reports
	// the broken read or ends the stream quietly; the quiet end must not
	// pass for a finished answer.
	t.Logf("dropped stream: %v", err)
}
