package localbedrock_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/localbedrock"
)

// Ensure the lesson's prompts land in their classes: the four allocation
// prompts in the classes the lesson lists, the carbon plan and the
// production-planning problem in "complex".
func TestClassify(t *testing.T) {
	type tc struct{ name, prompt, want string }
	var tests []tc
	for _, p := range lesson.AllocationPrompts {
		tests = append(tests, tc{p.Name, p.Prompt, p.Complexity})
	}
	tests = append(tests,
		tc{"carbon plan", lesson.CarbonPlan, "complex"},
		tc{"production planning", lesson.ProductionPlanning, "complex"},
		tc{"empty", "", "simple"},
	)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := localbedrock.Classify(tt.prompt); got != tt.want {
				t.Errorf("Classify = %q (difficulty %.3f), want %q", got, localbedrock.EstimateDifficulty(tt.prompt), tt.want)
			}
		})
	}
}

// Ensure the score follows the documented formula: 0.30 x words/200 +
// 0.30 x asks/14 + 0.40 x domain words/10, each part capped at 1.
func TestEstimateDifficulty(t *testing.T) {
	tests := []struct {
		prompt string
		want   float64
	}{
		{"", 0},
		// 7 words, 1 question.
		{"Which city is the capital of France?", 0.30*7/200 + 0.30*1/14},
		// 6 words; asks: "design", "explain"; domain: design, system, trade-off.
		{"Design the system; explain the trade-offs", 0.30*6/200 + 0.30*3/14 + 0.40*3/10},
		// 2 words, 2 numbers ("2,000" is one number).
		{"2,000 and 0.95", 0.30*3/200 + 0.30*2/14},
	}
	for _, tt := range tests {
		t.Run(tt.prompt, func(t *testing.T) {
			if got := localbedrock.EstimateDifficulty(tt.prompt); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("EstimateDifficulty = %.6f, want %.6f", got, tt.want)
			}
		})
	}
}

func ExampleClassify() {
	for _, p := range lesson.AllocationPrompts {
		fmt.Printf("%s: %s\n", p.Name, localbedrock.Classify(p.Prompt))
	}
	fmt.Println("carbon plan:", localbedrock.Classify(lesson.CarbonPlan))
	// Output:
	// capital: simple
	// rectangle: medium
	// basic-income: complex
	// traffic-system: very_complex
	// carbon plan: complex
}
