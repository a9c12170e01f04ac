package localbedrock

import (
	"math"
	"strings"
	"unicode"
)

// The complexity classes, from least to most thinking. They are the labels
// the project's classifier asks Claude for.
const (
	ClassSimple      = "simple"
	ClassMedium      = "medium"
	ClassComplex     = "complex"
	ClassVeryComplex = "very_complex"
)

// Classes lists the complexity classes from least to most demanding.
var Classes = []string{ClassSimple, ClassMedium, ClassComplex, ClassVeryComplex}

// Class boundaries on the difficulty scale of EstimateDifficulty: below
// mediumFrom is simple, below complexFrom medium, below veryComplexFrom
// complex, and the rest very complex.
const (
	mediumFrom      = 0.10
	complexFrom     = 0.40
	veryComplexFrom = 0.72
)

// Weights of the three signals in EstimateDifficulty and the counts at
// which each signal saturates.
const (
	lengthWeight = 0.30
	asksWeight   = 0.30
	domainWeight = 0.40

	lengthFullWords = 200.0
	asksFull        = 14.0
	domainFull      = 10.0
)

// domainWords are stems of words that mark open-ended analytical or design
// work. Each stem counts once per prompt however often it appears.
var domainWords = []string{
	"analys", "analyz", "architect", "design", "trade-off", "tradeoff",
	"plan", "polic", "system", "strateg", "econom", "scalab", "latency",
	"reliab", "secur", "privacy", "integrat", "rollout", "algorithm",
	"pipeline", "model", "optimi", "maximi", "minimi", "constraint",
	"financ", "fund", "risk", "incentive", "inflation", "alternative",
	"justify", "evaluat", "infrastructure", "timeline", "emission",
	"calculat", "comput", "budget", "profit",
}

// askVerbs are imperative verbs that open a distinct request inside a
// prompt ("explain ...", "cover ..."). Each occurrence counts as an ask.
var askVerbs = map[string]bool{
	"address": true, "analyse": true, "analyze": true, "assess": true,
	"calculate": true, "check": true, "compare": true, "consider": true,
	"cover": true, "describe": true, "design": true, "draft": true,
	"estimate": true, "evaluate": true, "explain": true, "finish": true,
	"justify": true, "list": true, "measure": true, "outline": true,
	"propose": true, "prove": true, "set": true, "show": true,
	"solve": true, "state": true, "weigh": true,
}

// EstimateDifficulty scores how hard a prompt is, from 0 (trivial) to 1
// (open-ended design work). It combines three signals: the prompt's length
// in words, the number of distinct asks and constraints (questions,
// imperative verbs, bullet points and list items), and the number of
// distinct domain words such as "design", "trade-off" or "policy". The
// score is a heuristic for the emulator and the classifier's offline mode,
// not a measurement of how Claude would find the prompt.
func EstimateDifficulty(prompt string) float64 {
	words := wordsOf(prompt)
	if len(words) == 0 {
		return 0
	}
	length := math.Min(1, float64(len(words))/lengthFullWords)
	asks := math.Min(1, float64(countAsks(prompt, words))/asksFull)
	domain := math.Min(1, float64(countDomainWords(words))/domainFull)
	return lengthWeight*length + asksWeight*asks + domainWeight*domain
}

// Classify maps a prompt to one of Classes by its EstimateDifficulty score.
func Classify(prompt string) string {
	return classOf(EstimateDifficulty(prompt))
}

// wordsOf splits a prompt at white space and trims punctuation from each
// piece, so that "2,000", "trade-offs" and "France?" count as one word
// each. The words are lower case.
func wordsOf(prompt string) []string {
	var out []string
	for _, f := range strings.Fields(strings.ToLower(prompt)) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// classOf maps a difficulty score to its class.
func classOf(d float64) string {
	switch {
	case d < mediumFrom:
		return ClassSimple
	case d < complexFrom:
		return ClassMedium
	case d < veryComplexFrom:
		return ClassComplex
	}
	return ClassVeryComplex
}

// countAsks counts questions, bullet lines, imperative verbs, list items
// (commas and semicolons inside sentences) and given quantities (numbers,
// which usually state a constraint).
func countAsks(prompt string, words []string) int {
	n := strings.Count(prompt, "?") + countNumbers(prompt)
	for _, line := range strings.Split(prompt, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") {
			n++
		}
	}
	for _, w := range words {
		if askVerbs[w] {
			n++
		}
	}
	n += strings.Count(prompt, ", ") + strings.Count(prompt, "; ")
	return n
}

// countDomainWords counts the domain stems that occur in words.
func countDomainWords(words []string) int {
	seen := make(map[string]bool)
	for _, w := range words {
		for _, stem := range domainWords {
			if strings.HasPrefix(w, stem) {
				seen[stem] = true
			}
		}
	}
	return len(seen)
}

// countNumbers counts runs of digits, reading "2,000" and "0.95" as one
// number each.
func countNumbers(s string) int {
	n := 0
	inNumber := false
	for i, r := range s {
		switch {
		case unicode.IsDigit(r):
			if !inNumber {
				n++
			}
			inNumber = true
		case (r == ',' || r == '.') && inNumber && i+1 < len(s) && unicode.IsDigit(rune(s[i+1])):
			// A separator inside a number.
		default:
			inNumber = false
		}
	}
	return n
}
