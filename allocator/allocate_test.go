package allocator

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// scenario is one combination of the two flags.
type scenario struct {
	name                           string
	timeSensitive, costConstrained bool
}

var (
	standard        = scenario{name: "standard"}
	timeSensitive   = scenario{name: "time-sensitive", timeSensitive: true}
	costConstrained = scenario{name: "cost-constrained", costConstrained: true}
	both            = scenario{name: "both", timeSensitive: true, costConstrained: true}
)

var ignoreReason = cmpopts.IgnoreFields(Decision{}, "Reason")

// TestAllocate_budgets checks every complexity in every scenario on a
// model that takes budgets, with the budgets written out by hand.
func TestAllocate_budgets(t *testing.T) {
	tests := []struct {
		c            Complexity
		s            scenario
		budgetTokens int
	}{
		{Simple, standard, 0},
		{Simple, timeSensitive, 0},
		{Simple, costConstrained, 0},
		{Simple, both, 0},

		// Medium keeps 2,048 when time-sensitive: the adjustment table
		// is followed, not the prose (see doc.go).
		{Medium, standard, 2048},
		{Medium, timeSensitive, 2048},
		{Medium, costConstrained, 1024},
		{Medium, both, 1024},

		{Complex, standard, 4096},
		{Complex, timeSensitive, 2048},
		{Complex, costConstrained, 2048},
		{Complex, both, 1024},

		{VeryComplex, standard, 8192},
		{VeryComplex, timeSensitive, 4096},
		{VeryComplex, costConstrained, 4096},
		{VeryComplex, both, 2048},
	}
	for _, tt := range tests {
		t.Run(string(tt.c)+"/"+tt.s.name, func(t *testing.T) {
			opt := Options{
				TimeSensitive:   tt.s.timeSensitive,
				CostConstrained: tt.s.costConstrained,
				Support:         claudeutils.ManualOnly,
			}
			want := Decision{
				Complexity:      tt.c,
				Thinking:        claudeutils.Off(),
				BudgetTokens:    tt.budgetTokens,
				TimeSensitive:   tt.s.timeSensitive,
				CostConstrained: tt.s.costConstrained,
			}
			if tt.budgetTokens > 0 {
				want.Thinking = claudeutils.Budget(tt.budgetTokens)
				want.UseThinking = true
			}
			got := Allocate(tt.c, opt)
			if diff := cmp.Diff(want, got, ignoreReason); diff != "" {
				t.Errorf("Allocate(%q, %+v) mismatch (-want +got):\n%s", tt.c, opt, diff)
			}
		})
	}
}

// TestAllocate_models checks how the budget is expressed on each kind of
// model.
func TestAllocate_models(t *testing.T) {
	tests := []struct {
		name string
		c    Complexity
		opt  Options
		want Decision
	}{
		{
			name: "adaptive-only, simple: lowest effort, not off",
			c:    Simple,
			opt:  Options{Support: claudeutils.AdaptiveOnly},
			want: Decision{Complexity: Simple, Thinking: claudeutils.Adaptive(claudeutils.EffortLow),
				Effort: claudeutils.EffortLow, UseThinking: true},
		},
		{
			name: "adaptive-only, medium cost-constrained: 1,024 is low",
			c:    Medium,
			opt:  Options{Support: claudeutils.AdaptiveOnly, CostConstrained: true},
			want: Decision{Complexity: Medium, Thinking: claudeutils.Adaptive(claudeutils.EffortLow),
				BudgetTokens: 1024, Effort: claudeutils.EffortLow, UseThinking: true, CostConstrained: true},
		},
		{
			name: "adaptive-only, medium: 2,048 is medium",
			c:    Medium,
			opt:  Options{Support: claudeutils.AdaptiveOnly},
			want: Decision{Complexity: Medium, Thinking: claudeutils.Adaptive(claudeutils.EffortMedium),
				BudgetTokens: 2048, Effort: claudeutils.EffortMedium, UseThinking: true},
		},
		{
			name: "adaptive-only, complex: 4,096 is high",
			c:    Complex,
			opt:  Options{Support: claudeutils.AdaptiveOnly},
			want: Decision{Complexity: Complex, Thinking: claudeutils.Adaptive(claudeutils.EffortHigh),
				BudgetTokens: 4096, Effort: claudeutils.EffortHigh, UseThinking: true},
		},
		{
			name: "adaptive-only, very complex time-sensitive: 4,096 is high",
			c:    VeryComplex,
			opt:  Options{Support: claudeutils.AdaptiveOnly, TimeSensitive: true},
			want: Decision{Complexity: VeryComplex, Thinking: claudeutils.Adaptive(claudeutils.EffortHigh),
				BudgetTokens: 4096, Effort: claudeutils.EffortHigh, UseThinking: true, TimeSensitive: true},
		},
		{
			name: "adaptive-only, very complex: 8,192 is xhigh",
			c:    VeryComplex,
			opt:  Options{Support: claudeutils.AdaptiveOnly},
			want: Decision{Complexity: VeryComplex, Thinking: claudeutils.Adaptive(claudeutils.EffortXHigh),
				BudgetTokens: 8192, Effort: claudeutils.EffortXHigh, UseThinking: true},
		},
		{
			name: "adaptive-only ignores PreferEffort=false",
			c:    Complex,
			opt:  Options{Support: claudeutils.AdaptiveOnly, PreferEffort: false},
			want: Decision{Complexity: Complex, Thinking: claudeutils.Adaptive(claudeutils.EffortHigh),
				BudgetTokens: 4096, Effort: claudeutils.EffortHigh, UseThinking: true},
		},
		{
			name: "manual-and-adaptive without preference: budget",
			c:    Complex,
			opt:  Options{Support: claudeutils.ManualAndAdaptive},
			want: Decision{Complexity: Complex, Thinking: claudeutils.Budget(4096),
				BudgetTokens: 4096, UseThinking: true},
		},
		{
			name: "manual-and-adaptive preferring effort: effort",
			c:    Complex,
			opt:  Options{Support: claudeutils.ManualAndAdaptive, PreferEffort: true},
			want: Decision{Complexity: Complex, Thinking: claudeutils.Adaptive(claudeutils.EffortHigh),
				BudgetTokens: 4096, Effort: claudeutils.EffortHigh, UseThinking: true},
		},
		{
			name: "manual-and-adaptive preferring effort, simple: off",
			c:    Simple,
			opt:  Options{Support: claudeutils.ManualAndAdaptive, PreferEffort: true},
			want: Decision{Complexity: Simple, Thinking: claudeutils.Off()},
		},
		{
			name: "manual-only ignores PreferEffort",
			c:    VeryComplex,
			opt:  Options{Support: claudeutils.ManualOnly, PreferEffort: true},
			want: Decision{Complexity: VeryComplex, Thinking: claudeutils.Budget(8192),
				BudgetTokens: 8192, UseThinking: true},
		},
		{
			name: "no-thinking model: off, rule budget kept",
			c:    VeryComplex,
			opt:  Options{Support: claudeutils.NoThinking},
			want: Decision{Complexity: VeryComplex, Thinking: claudeutils.Off(), BudgetTokens: 8192},
		},
		{
			name: "zero Options mean a model without thinking",
			c:    Complex,
			opt:  Options{},
			want: Decision{Complexity: Complex, Thinking: claudeutils.Off(), BudgetTokens: 4096},
		},
		{
			name: "unknown complexity is read as medium",
			c:    "tricky",
			opt:  Options{Support: claudeutils.ManualOnly},
			want: Decision{Complexity: Medium, Thinking: claudeutils.Budget(2048),
				BudgetTokens: 2048, UseThinking: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Allocate(tt.c, tt.opt)
			if diff := cmp.Diff(tt.want, got, ignoreReason); diff != "" {
				t.Errorf("Allocate(%q, %+v) mismatch (-want +got):\n%s", tt.c, tt.opt, diff)
			}
		})
	}
}

func TestAllocate_reason(t *testing.T) {
	tests := []struct {
		name string
		c    Complexity
		opt  Options
		want string
	}{
		{
			name: "every step",
			c:    Complex,
			opt:  Options{Support: claudeutils.ManualOnly, TimeSensitive: true, CostConstrained: true},
			want: "complex: base budget 4096; time-sensitive -2048 gives 2048; " +
				"cost-constrained halving gives 1024 (floor 1024); budget=1024",
		},
		{
			name: "no thinking",
			c:    Simple,
			opt:  Options{Support: claudeutils.ManualOnly, CostConstrained: true},
			want: "simple: base budget 0; no thinking: off",
		},
		{
			name: "preference ignored",
			c:    Medium,
			opt:  Options{Support: claudeutils.ManualOnly, PreferEffort: true},
			want: "medium: base budget 2048; budget=2048 (effort preferred, but the model takes only budgets)",
		},
		{
			name: "adaptive-only cannot turn thinking off",
			c:    Simple,
			opt:  Options{Support: claudeutils.AdaptiveOnly},
			want: "simple: base budget 0; adaptive-only model cannot turn thinking off: " +
				"effort=low, at which it may skip thinking",
		},
		{
			name: "unknown complexity",
			c:    "",
			opt:  Options{Support: claudeutils.NoThinking},
			want: `unknown complexity "" read as medium; medium: base budget 2048; model has no extended thinking: off`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Allocate(tt.c, tt.opt).Reason; got != tt.want {
				t.Errorf("Allocate(%q, %+v).Reason =\n%q\nwant\n%q", tt.c, tt.opt, got, tt.want)
			}
		})
	}
}

func TestAllocate_unknownSupportPanics(t *testing.T) {
	defer func() {
		got := recover()
		want := "allocator: Allocate with unknown thinking support ThinkingSupport(9)"
		if got != want {
			t.Errorf("recover() = %v, want %q", got, want)
		}
	}()
	Allocate(Complex, Options{Support: claudeutils.ThinkingSupport(9)})
}
