package allocator

import (
	"fmt"
	"strings"
)

// Complexity is how hard a task is, as the classifier labels it. The four
// levels below are the only valid values; the zero value is not one of
// them.
type Complexity string

// The complexity levels, from the easiest task to the hardest. Their values
// are the labels the classifier answers with.
const (
	Simple      Complexity = "simple"
	Medium      Complexity = "medium"
	Complex     Complexity = "complex"
	VeryComplex Complexity = "very_complex"
)

// Complexities lists the levels from the easiest to the hardest.
var Complexities = []Complexity{Simple, Medium, Complex, VeryComplex}

// labelList names the valid labels in error messages.
const labelList = "simple, medium, complex, very_complex"

// Valid reports whether c is one of Complexities.
func (c Complexity) Valid() bool {
	for _, x := range Complexities {
		if c == x {
			return true
		}
	}
	return false
}

// rank orders known levels first, in the order of Complexities, and any
// other label after them.
func (c Complexity) rank() int {
	for i, x := range Complexities {
		if c == x {
			return i
		}
	}
	return len(Complexities)
}

// ParseComplexity reads a complexity label. It accepts what Normalize
// accepts, so "Very complex" and "very-complex" both give VeryComplex.
func ParseComplexity(s string) (Complexity, error) {
	c, ok := Normalize(s)
	if !ok {
		return "", fmt.Errorf("complexity %q is not one of %s", s, labelList)
	}
	return c, nil
}

// Normalize turns a label as a model may write it into a Complexity. It
// forgives harmless noise only: letter case, surrounding white space,
// quotes and backticks, a trailing full stop, and a space or hyphen
// instead of the underscore in very_complex. It reports false, with the
// empty Complexity, for anything else, including a label inside a
// sentence.
func Normalize(raw string) (Complexity, bool) {
	s := strings.ToLower(raw)
	for {
		t := strings.TrimSpace(s)
		t = strings.Trim(t, "\"'`")
		t = strings.TrimSuffix(t, ".")
		if t == s {
			break
		}
		s = t
	}
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "-", " ")), "_")
	c := Complexity(s)
	if !c.Valid() {
		return "", false
	}
	return c, true
}
