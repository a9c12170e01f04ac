package localbedrock

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence templates for simulated thinking and answers. Each takes two
// key words of the prompt.
var (
	thinkingSentences = []string{
		"Start with %s and see what it implies for %s.",
		"The part about %s limits what %s can be.",
		"Check whether %s still holds once %s is fixed.",
		"One route starts from %s; another works back from %s.",
		"So far %s is consistent with %s.",
		"Before moving on, recheck %s against %s.",
		"If %s changes, %s has to change with it.",
		"List what is known about %s and what is asked about %s.",
	}
	answerSentences = []string{
		"The central point is how %s shapes %s.",
		"Taking %s into account changes the approach to %s.",
		"In short, %s depends on %s.",
		"A practical step is to review %s alongside %s.",
		"This also bears on %s and on %s.",
		"Weighing %s against %s gives the clearest picture.",
	}
)

// stopWords are common words that make poor key words.
var stopWords = map[string]bool{
	"about": true, "after": true, "along": true, "altogether": true,
	"because": true, "before": true, "being": true, "between": true,
	"could": true, "every": true, "first": true, "from": true,
	"given": true, "their": true, "there": true, "these": true,
	"those": true, "through": true, "under": true, "which": true,
	"while": true, "would": true, "should": true, "where": true,
	"whose": true, "other": true, "least": true, "times": true,
	"please": true, "within": true, "without": true,
	"answer": true, "question": true,
}

// keyWords returns up to max distinct words of at least six letters from
// the prompt, in order of first appearance.
func keyWords(prompt string, max int) []string {
	var out []string
	seen := make(map[string]bool)
	for _, w := range strings.FieldsFunc(strings.ToLower(prompt), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-'
	}) {
		w = strings.Trim(w, "-")
		if utf8.RuneCountInString(w) < 6 || stopWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
		if len(out) == max {
			break
		}
	}
	if len(out) == 0 {
		out = []string{"the question", "the answer"}
	}
	return out
}

// thinkingText builds simulated thinking of about tokens*CharsPerToken
// characters.
func thinkingText(rng *rand.Rand, prompt string, tokens int) string {
	return fill(rng, ThinkingPrefix, thinkingSentences, keyWords(prompt, 12), tokens*CharsPerToken, "")
}

// answerText builds a simulated answer of about tokens*CharsPerToken
// characters. For a prompt with a known answer it ends with the right
// conclusion when quality reaches CorrectShare and with a seeded wrong
// one otherwise.
func answerText(rng *rand.Rand, prompt string, tokens int, quality float64) string {
	var ending string
	if right, wrong, ok := knownAnswer(prompt); ok {
		ending = wrong[rng.IntN(len(wrong))]
		if quality >= CorrectShare {
			ending = right
		}
	}
	return fill(rng, AnswerPrefix, answerSentences, keyWords(prompt, 12), tokens*CharsPerToken, ending)
}

// fill writes prefix, then seeded sentences about the key words, then
// ending, cutting the sentences so that the whole is about chars long. The
// prefix and ending are never cut, so a very short target comes out longer.
func fill(rng *rand.Rand, prefix string, sentences, words []string, chars int, ending string) string {
	var b strings.Builder
	b.WriteString(prefix)
	room := chars - len(ending)
	if ending != "" {
		room-- // the space before the ending
	}
	for b.Len() < room {
		s := sentences[rng.IntN(len(sentences))]
		w1, w2 := words[rng.IntN(len(words))], words[rng.IntN(len(words))]
		if w1 == w2 && len(words) > 1 {
			w2 = words[(slices.Index(words, w1)+1)%len(words)]
		}
		if b.Len() > len(prefix) {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, s, w1, w2)
	}
	// Cut the sentences at the last sentence end that fits, or mid-word
	// when a single sentence is already too long.
	out := b.String()
	if len(out) > room && room > len(prefix) {
		out = cutText(out, room)
		if i := strings.LastIndex(out, ". "); i > len(prefix) {
			out = out[:i+1]
		}
	}
	if ending != "" {
		if !strings.HasSuffix(out, " ") {
			out += " "
		}
		out += ending
	}
	return out
}

// cutText shortens s to at most n bytes without splitting a character.
func cutText(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// cutAtStop cuts s before the earliest stop sequence in it.
func cutAtStop(s string, stops []string) (string, bool) {
	at := -1
	for _, stop := range stops {
		if stop == "" {
			continue
		}
		if i := strings.Index(s, stop); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	if at < 0 {
		return s, false
	}
	return s[:at], true
}
