package claudeutils

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// ThinkingSupport says which thinking settings a model accepts.
type ThinkingSupport int

const (
	// NoThinking models answer without extended thinking and reject it.
	NoThinking ThinkingSupport = iota
	// ManualOnly models take a token budget ("thinking.type.enabled")
	// and reject effort levels.
	ManualOnly
	// ManualAndAdaptive models take either a budget or an effort level.
	ManualAndAdaptive
	// AdaptiveOnly models take only an effort level with adaptive
	// thinking and reject budgets.
	AdaptiveOnly
)

// String returns a short lower-case name such as "manual-only".
func (s ThinkingSupport) String() string {
	switch s {
	case NoThinking:
		return "none"
	case ManualOnly:
		return "manual-only"
	case ManualAndAdaptive:
		return "manual-and-adaptive"
	case AdaptiveOnly:
		return "adaptive-only"
	}
	return fmt.Sprintf("ThinkingSupport(%d)", int(s))
}

// AcceptsBudget reports whether a manual token budget is allowed.
func (s ThinkingSupport) AcceptsBudget() bool {
	return s == ManualOnly || s == ManualAndAdaptive
}

// AcceptsEffort reports whether an adaptive effort level is allowed.
func (s ThinkingSupport) AcceptsEffort() bool {
	return s == AdaptiveOnly || s == ManualAndAdaptive
}

// Lifecycle is a model's status on Bedrock.
type Lifecycle string

// The lifecycle states. Bedrock reports ACTIVE and LEGACY in
// modelLifecycle.status; end-of-life models are no longer listed and
// answer 404 ResourceNotFoundException.
const (
	Active    Lifecycle = "ACTIVE"
	Legacy    Lifecycle = "LEGACY"
	EndOfLife Lifecycle = "END_OF_LIFE"
)

// Prices are on-demand prices in USD per million tokens.
type Prices struct {
	InputPerMTok      float64
	OutputPerMTok     float64
	CacheReadPerMTok  float64
	CacheWritePerMTok float64
}

// Model describes one Claude model as this project knows it: how it
// thinks, whether Bedrock still serves it, what it costs, and the speed
// that the built-in emulator assumes for it.
type Model struct {
	// ID is the base Bedrock model ID, without a cross-region prefix.
	ID string
	// Name is the marketing name, e.g. "Claude Sonnet 4.5".
	Name      string
	Thinking  ThinkingSupport
	Lifecycle Lifecycle
	Prices    Prices
	// ProfileOnly is true when Bedrock serves the model only through a
	// cross-region inference profile (an ID such as "us." + ID).
	ProfileOnly bool
	// MaxOutputTokens is the largest max tokens the model accepts.
	MaxOutputTokens int
	// OutputTokensPerSecond and TimeToFirstToken are the speed the
	// emulator simulates. They are assumptions, not measurements of
	// Bedrock; see the localbedrock package documentation.
	OutputTokensPerSecond float64
	TimeToFirstToken      time.Duration
}

// Cross-region inference profile prefixes that may stand before a base
// model ID.
var profilePrefixes = []string{"us.", "eu.", "apac.", "jp.", "au.", "global.", "us-gov.", "ca."}

// SplitModelID splits a model identifier into its cross-region prefix
// (such as "us.", or "" for none) and its base model ID. It also accepts
// foundation-model and inference-profile ARNs, whose last path segment
// holds the ID.
func SplitModelID(id string) (prefix, base string) {
	if strings.HasPrefix(id, "arn:") {
		if i := strings.LastIndex(id, "/"); i >= 0 {
			id = id[i+1:]
		}
	}
	for _, p := range profilePrefixes {
		if strings.HasPrefix(id, p) {
			return p, strings.TrimPrefix(id, p)
		}
	}
	return "", id
}

// Registry is a concurrency-safe set of models keyed by base ID. The zero
// value is empty and ready to use.
type Registry struct {
	mu     sync.RWMutex
	models map[string]Model
}

// NewRegistry returns a registry holding the given models.
func NewRegistry(models ...Model) *Registry {
	r := &Registry{}
	for _, m := range models {
		r.Add(m)
	}
	return r
}

// DefaultRegistry returns a new registry with every model in KnownModels.
func DefaultRegistry() *Registry {
	return NewRegistry(KnownModels()...)
}

// Add adds or replaces a model. It panics if m.ID is empty or carries a
// cross-region prefix.
func (r *Registry) Add(m Model) {
	if m.ID == "" {
		panic("claudeutils: Registry.Add with empty model ID")
	}
	if p, _ := SplitModelID(m.ID); p != "" {
		panic("claudeutils: Registry.Add with profile ID " + m.ID + "; register the base ID")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.models == nil {
		r.models = make(map[string]Model)
	}
	r.models[m.ID] = m
}

// Lookup finds a model by base ID, cross-region profile ID or ARN.
func (r *Registry) Lookup(id string) (Model, bool) {
	_, base := SplitModelID(id)
	r.mu.RLock()
	defer r.mu.RUnlock()
	m, ok := r.models[base]
	return m, ok
}

// Models returns every model, sorted by ID.
func (r *Registry) Models() []Model {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]Model, 0, len(r.models))
	for _, m := range r.models {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Default model IDs. Claude 3.7 Sonnet, which the original lesson used, has
// reached end of life on Bedrock, so the answering model is Claude Sonnet
// 4.5, which like 3.7 takes manual token budgets.
const (
	DefaultModelID      = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
	DefaultSmallModelID = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
	LessonModelID       = "anthropic.claude-3-7-sonnet-20250219-v1:0"
)

// Price tiers in USD per million tokens (on-demand, third-party price
// tables, December 2026).
var (
	sonnetPrices  = Prices{InputPerMTok: 3, OutputPerMTok: 15, CacheReadPerMTok: 0.30, CacheWritePerMTok: 3.75}
	haiku35Prices = Prices{InputPerMTok: 0.80, OutputPerMTok: 4, CacheReadPerMTok: 0.08, CacheWritePerMTok: 1.00}
	haiku45Prices = Prices{InputPerMTok: 1, OutputPerMTok: 5, CacheReadPerMTok: 0.10, CacheWritePerMTok: 1.25}
	opus4Prices   = Prices{InputPerMTok: 15, OutputPerMTok: 75, CacheReadPerMTok: 1.50, CacheWritePerMTok: 18.75}
	opus45Prices  = Prices{InputPerMTok: 5, OutputPerMTok: 25, CacheReadPerMTok: 0.50, CacheWritePerMTok: 6.25}
)

// Assumed speeds for the emulator. The only public Bedrock figure found is
// Claude 3.5 Sonnet at about 53 output tokens per second and 0.95 s to the
// first token; the other figures scale from it (Haiku faster, Opus slower).
const (
	sonnetTPS = 53.0
	haikuTPS  = 110.0
	opusTPS   = 35.0
)

// KnownModels returns the Claude models this project knows, with their
// thinking modes and lifecycle on Bedrock as of late 2026.
func KnownModels() []Model {
	ms := func(v float64) time.Duration { return time.Duration(v * float64(time.Millisecond)) }
	return []Model{
		{ID: "anthropic.claude-3-7-sonnet-20250219-v1:0", Name: "Claude 3.7 Sonnet", Thinking: ManualOnly,
			Lifecycle: EndOfLife, Prices: sonnetPrices, ProfileOnly: true, MaxOutputTokens: 64000,
			OutputTokensPerSecond: sonnetTPS, TimeToFirstToken: ms(950)},
		{ID: "anthropic.claude-3-5-haiku-20241022-v1:0", Name: "Claude 3.5 Haiku", Thinking: NoThinking,
			Lifecycle: EndOfLife, Prices: haiku35Prices, ProfileOnly: true, MaxOutputTokens: 8192,
			OutputTokensPerSecond: haikuTPS, TimeToFirstToken: ms(600)},
		{ID: "anthropic.claude-sonnet-4-20250514-v1:0", Name: "Claude Sonnet 4", Thinking: ManualOnly,
			Lifecycle: Legacy, Prices: sonnetPrices, ProfileOnly: true, MaxOutputTokens: 64000,
			OutputTokensPerSecond: sonnetTPS, TimeToFirstToken: ms(950)},
		{ID: "anthropic.claude-opus-4-20250514-v1:0", Name: "Claude Opus 4", Thinking: ManualOnly,
			Lifecycle: Legacy, Prices: opus4Prices, ProfileOnly: true, MaxOutputTokens: 32000,
			OutputTokensPerSecond: opusTPS, TimeToFirstToken: ms(1400)},
		{ID: "anthropic.claude-opus-4-1-20250805-v1:0", Name: "Claude Opus 4.1", Thinking: ManualOnly,
			Lifecycle: Active, Prices: opus4Prices, ProfileOnly: true, MaxOutputTokens: 32000,
			OutputTokensPerSecond: opusTPS, TimeToFirstToken: ms(1400)},
		{ID: "anthropic.claude-sonnet-4-5-20250929-v1:0", Name: "Claude Sonnet 4.5", Thinking: ManualOnly,
			Lifecycle: Active, Prices: sonnetPrices, ProfileOnly: true, MaxOutputTokens: 64000,
			OutputTokensPerSecond: sonnetTPS, TimeToFirstToken: ms(950)},
		{ID: "anthropic.claude-haiku-4-5-20251001-v1:0", Name: "Claude Haiku 4.5", Thinking: ManualOnly,
			Lifecycle: Active, Prices: haiku45Prices, ProfileOnly: true, MaxOutputTokens: 64000,
			OutputTokensPerSecond: haikuTPS, TimeToFirstToken: ms(500)},
		{ID: "anthropic.claude-opus-4-5-20251101-v1:0", Name: "Claude Opus 4.5", Thinking: ManualOnly,
			Lifecycle: Active, Prices: opus45Prices, ProfileOnly: true, MaxOutputTokens: 64000,
			OutputTokensPerSecond: opusTPS, TimeToFirstToken: ms(1300)},
		{ID: "anthropic.claude-sonnet-4-6", Name: "Claude Sonnet 4.6", Thinking: ManualAndAdaptive,
			Lifecycle: Active, Prices: sonnetPrices, ProfileOnly: true, MaxOutputTokens: 64000,
			OutputTokensPerSecond: sonnetTPS, TimeToFirstToken: ms(950)},
		{ID: "anthropic.claude-opus-4-6-v1", Name: "Claude Opus 4.6", Thinking: ManualAndAdaptive,
			Lifecycle: Active, Prices: opus45Prices, ProfileOnly: true, MaxOutputTokens: 128000,
			OutputTokensPerSecond: opusTPS, TimeToFirstToken: ms(1300)},
		{ID: "anthropic.claude-opus-4-7", Name: "Claude Opus 4.7", Thinking: AdaptiveOnly,
			Lifecycle: Active, Prices: opus45Prices, ProfileOnly: true, MaxOutputTokens: 128000,
			OutputTokensPerSecond: opusTPS, TimeToFirstToken: ms(1300)},
		{ID: "anthropic.claude-sonnet-5", Name: "Claude Sonnet 5", Thinking: AdaptiveOnly,
			Lifecycle: Active, Prices: sonnetPrices, ProfileOnly: true, MaxOutputTokens: 128000,
			OutputTokensPerSecond: sonnetTPS, TimeToFirstToken: ms(900)},
		{ID: "anthropic.claude-opus-5", Name: "Claude Opus 5", Thinking: AdaptiveOnly,
			Lifecycle: Active, Prices: opus45Prices, ProfileOnly: true, MaxOutputTokens: 128000,
			OutputTokensPerSecond: opusTPS, TimeToFirstToken: ms(1300)},
	}
}
