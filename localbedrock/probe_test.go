package localbedrock

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/thinkbudget/thinkbudget/lesson"
)

func TestProbe(t *testing.T) {
	show := func(name, p string) {
		words := strings.FieldsFunc(strings.ToLower(p), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
		})
		fmt.Printf("%-15s d=%.3f %-12s words=%d asks=%d domain=%d\n", name, EstimateDifficulty(p), Classify(p), len(words), countAsks(p, words), countDomainWords(words))
	}
	for _, a := range lesson.AllocationPrompts {
		show(a.Name, a.Prompt)
	}
	show("carbon", lesson.CarbonPlan)
	show("production", lesson.ProductionPlanning)
}
