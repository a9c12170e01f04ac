package localbedrock

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
)

// thinkingDemand is how many thinking tokens the simulated Claude wants
// for a prompt of each class before noise, and answerLength how long its
// answer runs. Both are assumptions (see the package documentation),
// chosen so that a budget sweep from 1,024 to 16,384 tokens rises and then
// levels off on complex prompts, and so that the lesson's answer rooms
// (1,000 and 1,500 tokens) hold an answer of every class.
var (
	thinkingDemand = map[string]int{
		ClassSimple: 150, ClassMedium: 1500, ClassComplex: 5000, ClassVeryComplex: 12000,
	}
	answerLength = map[string]int{
		ClassSimple: 40, ClassMedium: 200, ClassComplex: 700, ClassVeryComplex: 850,
	}
)

// NoiseShare is the largest relative deviation, either way, that seeded
// noise applies to thinking demand and answer length.
const NoiseShare = 0.15

// CorrectShare is the share of its thinking demand that the simulated
// Claude must use to reach the right answer on a prompt with a known
// answer (the lesson's production-planning problem).
const CorrectShare = 0.75

// CharsPerToken is the simulated text density: every token of output
// stands for this many characters of text, and input tokens are counted
// from characters at the same rate.
const CharsPerToken = 4

// InputOverheadTokens is added to every call's input tokens for the
// message framing that Bedrock counts but the text does not show.
const InputOverheadTokens = 10

// effortShare is the share of its thinking demand that the simulated
// Claude spends under adaptive thinking at each effort level.
var effortShare = map[claudeutils.Effort]float64{
	claudeutils.EffortLow:    0.2,
	claudeutils.EffortMedium: 0.5,
	claudeutils.EffortHigh:   1.0,
	claudeutils.EffortXHigh:  1.25,
	claudeutils.EffortMax:    1.5,
}

// Prefixes that mark simulated text, so nobody mistakes it for Claude's.
const (
	AnswerPrefix   = "[simulated by localbedrock] "
	ThinkingPrefix = "[simulated thinking] "
)

// SimRequest is a validated call as the simulation sees it.
type SimRequest struct {
	// System is the system prompt.
	System string
	// Prompt is the text of the last user turn; it alone decides the
	// difficulty.
	Prompt string
	// ContextChars counts the characters of everything else sent: earlier
	// turns, earlier thinking, tool blocks. It only adds input tokens.
	ContextChars int
	// MaxTokens bounds thinking and answer together.
	MaxTokens int
	// Thinking is the thinking setting after validation.
	Thinking claudeutils.Thinking
	// StopSequences end the answer early where they occur in it.
	StopSequences []string
}

// SimResponse is the simulated outcome of one call.
type SimResponse struct {
	// Difficulty and Class are EstimateDifficulty and Classify of the
	// prompt.
	Difficulty float64
	Class      string
	// Classifier is true when the system prompt asked for a complexity
	// class and the answer is just the class name.
	Classifier bool
	// ThinkingDemandTokens is what the simulated Claude wanted to think,
	// after noise; ThinkingTokens is what it was allowed to and did.
	ThinkingDemandTokens int
	ThinkingTokens       int
	AnswerTokens         int
	// ThinkingText is empty when no thinking happened or when the server
	// omits thinking text; ThinkingSignature is set whenever
	// ThinkingTokens > 0.
	ThinkingText      string
	ThinkingSignature string
	Answer            string
	// StopReason is "end_turn", "max_tokens" or "stop_sequence".
	StopReason string
	Usage      claudeutils.Usage
	// Latency is what Bedrock would report in metrics.latencyMs: the
	// model's time to first token plus output tokens at its speed.
	Latency time.Duration
	// Quality is ThinkingTokens / ThinkingDemandTokens, at most 1 (1 when
	// nothing was demanded). On a prompt with a known answer the answer
	// is right when Quality >= CorrectShare.
	Quality float64
}

// Simulate runs the simulated Claude on a request that has passed
// validation. It is a pure function of the server's seed, the model and
// the request. It does not validate: a zero MaxTokens is read as the
// model's MaxOutputTokens.
func (s *Server) Simulate(m claudeutils.Model, req SimRequest) SimResponse {
	return simulate(s.opts.Seed, s.opts.OmitThinkingText, m, req)
}

func simulate(seed int64, omitThinking bool, m claudeutils.Model, req SimRequest) SimResponse {
	if req.MaxTokens <= 0 {
		req.MaxTokens = m.MaxOutputTokens
	}
	rng := rand.New(rand.NewPCG(requestSeed(seed, m.ID, req)))
	noise := func() float64 { return 1 + NoiseShare*(2*rng.Float64()-1) }

	d := EstimateDifficulty(req.Prompt)
	r := SimResponse{Difficulty: d, Class: classOf(d), Classifier: asksForClass(req.System)}
	demand := int(math.Round(float64(thinkingDemand[r.Class]) * noise()))
	answerWant := int(math.Round(float64(answerLength[r.Class]) * noise()))
	if r.Classifier {
		demand = int(math.Round(float64(thinkingDemand[ClassSimple]) * noise()))
		answerWant = tokensFor(r.Class)
	}
	r.ThinkingDemandTokens = demand
	r.ThinkingTokens = min(thinkingUsed(req.Thinking, r.Class, demand), req.MaxTokens)
	r.Quality = 1
	if demand > 0 {
		r.Quality = math.Min(1, float64(r.ThinkingTokens)/float64(demand))
	}

	// The answer is written in full and then cut where the output room,
	// or a stop sequence, ends it.
	var full string
	if r.Classifier {
		full = r.Class
	} else {
		full = answerText(rng, req.Prompt, answerWant, r.Quality)
	}
	r.StopReason = "end_turn"
	room := req.MaxTokens - r.ThinkingTokens
	r.Answer, r.AnswerTokens = full, max(answerWant, 0)
	if r.AnswerTokens > room {
		r.Answer = cutText(full, room*CharsPerToken)
		r.AnswerTokens = room
		r.StopReason = "max_tokens"
	}
	if cut, ok := cutAtStop(r.Answer, req.StopSequences); ok {
		r.Answer = cut
		r.AnswerTokens = tokensFor(cut)
		r.StopReason = "stop_sequence"
	}

	if r.ThinkingTokens > 0 {
		text := thinkingText(rng, req.Prompt, r.ThinkingTokens)
		r.ThinkingSignature = signature(seed, m.ID, text)
		if !omitThinking || !m.Thinking.AcceptsEffort() {
			r.ThinkingText = text
		}
	}

	inputChars := len(req.System) + len(req.Prompt) + req.ContextChars
	r.Usage.InputTokens = ceilDiv(inputChars, CharsPerToken) + InputOverheadTokens
	r.Usage.OutputTokens = r.ThinkingTokens + r.AnswerTokens
	r.Usage.TotalTokens = r.Usage.InputTokens + r.Usage.OutputTokens
	r.Latency = latencyOf(m, r.Usage.OutputTokens)
	return r
}

// thinkingUsed applies the thinking setting to the demand: a budget caps
// it, an effort scales it (low and medium skip thinking on easy prompts),
// and off means none.
func thinkingUsed(t claudeutils.Thinking, class string, demand int) int {
	switch t.Mode {
	case claudeutils.ThinkingManual:
		return min(demand, t.BudgetTokens)
	case claudeutils.ThinkingAdaptive:
		e := t.Effort
		if e == "" {
			e = claudeutils.EffortHigh
		}
		if (e == claudeutils.EffortLow && (class == ClassSimple || class == ClassMedium)) ||
			(e == claudeutils.EffortMedium && class == ClassSimple) {
			return 0
		}
		return int(math.Round(float64(demand) * effortShare[e]))
	}
	return 0
}

// latencyOf is the model's time to first token plus the output at its
// assumed speed.
func latencyOf(m claudeutils.Model, outputTokens int) time.Duration {
	d := m.TimeToFirstToken
	if m.OutputTokensPerSecond > 0 {
		d += time.Duration(float64(outputTokens) / m.OutputTokensPerSecond * float64(time.Second))
	}
	return d.Round(time.Millisecond)
}

// asksForClass reports whether a system prompt names all four complexity
// classes, which is how the project's classifier asks for one.
func asksForClass(system string) bool {
	s := strings.ToLower(system)
	for _, c := range Classes {
		if !strings.Contains(s, c) {
			return false
		}
	}
	return true
}

// knownAnswer returns the right and some wrong conclusions for a prompt
// whose answer the simulation knows, or ok false.
func knownAnswer(prompt string) (right string, wrong []string, ok bool) {
	if !strings.Contains(prompt, strings.TrimSpace(lesson.ProductionPlanning)) {
		return "", nil, false
	}
	right = "Answer: make 50 units of A and 100 units of B (any plan with 2A + B = 200 and " +
		"B >= 2A is optimal); the maximum profit is $" +
		thousands(lesson.ProductionPlanningBestProfitUSD) + "."
	wrong = []string{
		"Answer: make 0 units of A and 250 units of B; the maximum profit is $3,750.",
		"Answer: make 40 units of A and 80 units of B; the maximum profit is $2,400.",
		"Answer: make 60 units of A and 120 units of B; the maximum profit is $3,600.",
	}
	return right, wrong, true
}

// requestSeed hashes the seed, the model and what was asked into the two
// words of a PCG seed. The settings (thinking, max tokens, stop sequences)
// stay out, so that one prompt has one thinking demand whatever budget it
// gets. The model enters by base ID, so a cross-region profile answers as
// its base model does.
func requestSeed(seed int64, modelID string, req SimRequest) (uint64, uint64) {
	h := sha256.New()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(seed))
	h.Write(b[:])
	for _, s := range []string{modelID, req.System, req.Prompt, strconv.Itoa(req.ContextChars)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	sum := h.Sum(nil)
	return binary.LittleEndian.Uint64(sum[:8]), binary.LittleEndian.Uint64(sum[8:16])
}

// signature derives a deterministic 128-character base64 signature for a
// thinking text.
func signature(seed int64, modelID, text string) string {
	var raw []byte
	for i := range 3 {
		h := sha256.New()
		h.Write([]byte(strconv.FormatInt(seed, 10) + "\x00" + modelID + "\x00" + strconv.Itoa(i) + "\x00"))
		h.Write([]byte(text))
		raw = h.Sum(raw)
	}
	return base64.StdEncoding.EncodeToString(raw)
}

// tokensFor counts the tokens of a text at CharsPerToken, at least one for
// any non-empty text.
func tokensFor(s string) int {
	return ceilDiv(len(s), CharsPerToken)
}

func ceilDiv(a, b int) int {
	if a <= 0 {
		return 0
	}
	return (a + b - 1) / b
}

// thousands formats n with comma separators.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
