package analysis

import (
	"fmt"
	"strconv"
	"strings"
)

// CompareMarkdown shows two answers to the same prompt, usually those at
// the smallest and the largest thinking setting of a sweep, so a reader
// can judge whether the larger setting bought a better answer. It renders
// a table of their measures side by side, then each answer as a block
// quote under its own level-3 heading. The answers are quoted line by line
// and otherwise left as they are, so Markdown in them renders as Markdown
// and their own headings stay inside the quote.
func CompareMarkdown(min, max Record) string {
	var b strings.Builder
	b.WriteString("| | smallest setting | largest setting |\n")
	b.WriteString("|---|---:|---:|\n")
	row := func(name string, f func(Record) string) {
		fmt.Fprintf(&b, "| %s | %s | %s |\n",
			escapeCell(name), escapeCell(f(min)), escapeCell(f(max)))
	}
	row("thinking", func(r Record) string { return r.Thinking })
	row("model", func(r Record) string { return r.ModelID })
	row("response time (s)", func(r Record) string { return formatFixed(r.ElapsedSeconds, 3) })
	row("input tokens", func(r Record) string { return groupDigits(r.InputTokens) })
	row("output tokens", func(r Record) string { return groupDigits(r.OutputTokens) })
	row("total tokens", func(r Record) string { return groupDigits(r.TotalTokens) })
	row("total cost (USD)", func(r Record) string { return formatFixed(r.TotalCostUSD, 6) })
	row("tokens per second", func(r Record) string { return formatFixed(r.TokensPerSecond, 2) })
	row("stop reason", func(r Record) string { return r.StopReason })
	row("answer length (characters)", func(r Record) string {
		return groupDigits(len([]rune(r.Answer)))
	})

	for _, side := range []struct {
		name string
		r    Record
	}{{"Smallest", min}, {"Largest", max}} {
		fmt.Fprintf(&b, "\n### %s setting: %s\n\n", side.name, describeSetting(side.r))
		answer := strings.TrimSpace(side.r.Answer)
		if answer == "" {
			answer = "(no answer text)"
		}
		for _, line := range strings.Split(answer, "\n") {
			b.WriteString(strings.TrimRight("> "+line, " ") + "\n")
		}
	}
	return b.String()
}

// SmallestAndLargest returns the first record with the smallest thinking
// setting and the last with the largest, in the order of SweepFrame. It
// reports false when recs is empty.
func SmallestAndLargest(recs []Record) (min, max Record, ok bool) {
	if len(recs) == 0 {
		return Record{}, Record{}, false
	}
	sorted := sortedBySetting(recs)
	return sorted[0], sorted[len(sorted)-1], true
}

// Preview returns the first maxRunes characters of text with its white
// space collapsed to single spaces, followed by "…" when text was cut.
func Preview(text string, maxRunes int) string {
	text = strings.Join(strings.Fields(text), " ")
	runes := []rune(text)
	if maxRunes < 0 || len(runes) <= maxRunes {
		return text
	}
	return strings.TrimRight(string(runes[:maxRunes]), " ") + "…"
}

// describeSetting puts r's thinking setting into words for a heading.
func describeSetting(r Record) string {
	switch settingKind(r) {
	case kindBudget:
		return groupDigits(r.BudgetTokens) + " thinking tokens"
	case kindEffort:
		return "effort " + r.Effort
	}
	return "no extended thinking"
}

// escapeCell makes s safe inside a Markdown table cell: pipes are escaped
// and line breaks become spaces.
func escapeCell(s string) string {
	s = strings.ReplaceAll(s, `|`, `\|`)
	return strings.Join(strings.Fields(s), " ")
}

// formatFixed renders v with the given number of decimals.
func formatFixed(v float64, decimals int) string {
	return strconv.FormatFloat(v, 'f', decimals, 64)
}
