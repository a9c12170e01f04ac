package claudeutils

import (
	"encoding/json"
	"time"
)

// resultJSON is Result's form on disk: durations as milliseconds, and the
// thinking setting as its string form only.
type resultJSON struct {
	resultFields
	ServerLatencyMs          float64 `json:"server_latency_ms"`
	WallMs                   float64 `json:"wall_ms"`
	TimeToFirstTokenMs       float64 `json:"time_to_first_token_ms,omitempty"`
	TimeToFirstAnswerTokenMs float64 `json:"time_to_first_answer_token_ms,omitempty"`
}

// resultFields has Result's fields without its methods, so that encoding
// it does not recurse into MarshalJSON.
type resultFields Result

// MarshalJSON writes the result with its durations in milliseconds. The
// thinking signature is never written.
func (r Result) MarshalJSON() ([]byte, error) {
	return json.Marshal(resultJSON{
		resultFields:             resultFields(r),
		ServerLatencyMs:          ms(r.ServerLatency),
		WallMs:                   ms(r.WallTime),
		TimeToFirstTokenMs:       ms(r.TimeToFirstToken),
		TimeToFirstAnswerTokenMs: ms(r.TimeToFirstAnswerToken),
	})
}

// UnmarshalJSON reads what MarshalJSON writes, parsing the thinking
// setting back into Thinking.
func (r *Result) UnmarshalJSON(b []byte) error {
	var v resultJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*r = Result(v.resultFields)
	r.ServerLatency = fromMs(v.ServerLatencyMs)
	r.WallTime = fromMs(v.WallMs)
	r.TimeToFirstToken = fromMs(v.TimeToFirstTokenMs)
	r.TimeToFirstAnswerToken = fromMs(v.TimeToFirstAnswerTokenMs)
	if r.ThinkingSetting != "" {
		th, err := ParseThinking(r.ThinkingSetting)
		if err != nil {
			return err
		}
		r.Thinking = th
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func fromMs(v float64) time.Duration { return time.Duration(v * float64(time.Millisecond)) }
