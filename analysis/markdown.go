package analysis

import (
	"fmt"
	"html"
	"html/template"
	"regexp"
	"strings"
)

// markdownHTML renders a small subset of Markdown as HTML: ATX headings,
// paragraphs, fenced code blocks, block quotes, bullet and numbered lists,
// pipe tables, horizontal rules, `code` spans and **bold** text. Everything else shows
// as the text it is. All text is escaped, raw HTML included, so the result
// is safe to embed whatever src holds. Headings become h3 to h6 so that
// they sit under the report's section headings.
//
// TODO(markdown): nested lists, links, emphasis with single asterisks and
// tables without outer pipes render as plain text; add them if reports
// start to need them.
func markdownHTML(src string) template.HTML {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	var b strings.Builder
	var para []string
	flush := func() {
		if len(para) > 0 {
			fmt.Fprintf(&b, "<p>%s</p>\n", inlineHTML(strings.Join(para, "\n")))
			para = nil
		}
	}

	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()

		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			flush()
			fence := trimmed[:3]
			var code []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), fence); i++ {
				code = append(code, lines[i])
			}
			fmt.Fprintf(&b, "<pre><code>%s</code></pre>\n", html.EscapeString(strings.Join(code, "\n")))

		case headingRE.MatchString(trimmed):
			flush()
			m := headingRE.FindStringSubmatch(trimmed)
			level := min(max(len(m[1])+1, 3), 6)
			fmt.Fprintf(&b, "<h%d>%s</h%d>\n", level, inlineHTML(strings.TrimRight(m[2], "# ")), level)

		case strings.HasPrefix(trimmed, ">"):
			flush()
			var quoted []string
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), ">"); i++ {
				q := strings.TrimPrefix(strings.TrimSpace(lines[i]), ">")
				quoted = append(quoted, strings.TrimPrefix(q, " "))
			}
			i--
			fmt.Fprintf(&b, "<blockquote>\n%s</blockquote>\n", markdownHTML(strings.Join(quoted, "\n")))

		case ruleRE.MatchString(trimmed):
			flush()
			b.WriteString("<hr>\n")

		case strings.HasPrefix(trimmed, "|") && i+1 < len(lines) && isTableRule(lines[i+1]):
			flush()
			j := i + 2
			for j < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[j]), "|") {
				j++
			}
			writeMarkdownTable(&b, lines[i], lines[i+2:j])
			i = j - 1

		case bulletRE.MatchString(line) || numberRE.MatchString(line):
			flush()
			re, tag := bulletRE, "ul"
			if numberRE.MatchString(line) {
				re, tag = numberRE, "ol"
			}
			fmt.Fprintf(&b, "<%s>\n", tag)
			for ; i < len(lines) && re.MatchString(lines[i]); i++ {
				item := re.ReplaceAllString(lines[i], "")
				fmt.Fprintf(&b, "<li>%s</li>\n", inlineHTML(item))
			}
			fmt.Fprintf(&b, "</%s>\n", tag)
			i--

		default:
			para = append(para, trimmed)
		}
	}
	flush()
	return template.HTML(b.String())
}

var (
	headingRE = regexp.MustCompile(`^(#{1,6})\s+(.*)$`)
	ruleRE    = regexp.MustCompile(`^(-{3,}|\*{3,}|_{3,})$`)
	bulletRE  = regexp.MustCompile(`^\s*[-*+]\s+`)
	numberRE  = regexp.MustCompile(`^\s*\d{1,9}[.)]\s+`)
	tableRule = regexp.MustCompile(`^:?-+:?$`)
	boldRE    = regexp.MustCompile(`\*\*([^*]+)\*\*`)
)

// isTableRule reports whether line is the row of dashes under a table's
// header row, such as "|---|---:|".
func isTableRule(line string) bool {
	cells := tableCells(line)
	if len(cells) == 0 {
		return false
	}
	for _, c := range cells {
		if !tableRule.MatchString(c) {
			return false
		}
	}
	return true
}

// tableCells splits one table row into trimmed cells; `\|` is a pipe
// inside a cell, not a border.
func tableCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	const pipe = "\x00"
	line = strings.ReplaceAll(line, `\|`, pipe)
	cells := strings.Split(line, "|")
	for i, c := range cells {
		cells[i] = strings.TrimSpace(strings.ReplaceAll(c, pipe, "|"))
	}
	return cells
}

// writeMarkdownTable renders a pipe table with the given header row and
// body rows.
func writeMarkdownTable(b *strings.Builder, header string, body []string) {
	b.WriteString("<table>\n<thead><tr>")
	for _, c := range tableCells(header) {
		fmt.Fprintf(b, "<th>%s</th>", inlineHTML(c))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, row := range body {
		b.WriteString("<tr>")
		for _, c := range tableCells(row) {
			fmt.Fprintf(b, "<td>%s</td>", inlineHTML(c))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
}

// inlineHTML escapes s and renders its `code` spans and **bold** runs.
func inlineHTML(s string) string {
	parts := strings.Split(s, "`")
	var b strings.Builder
	for i, part := range parts {
		switch {
		case i%2 == 1 && i < len(parts)-1:
			fmt.Fprintf(&b, "<code>%s</code>", html.EscapeString(part))
		case i%2 == 1:
			// An unmatched backtick stays as text.
			b.WriteString("`" + boldRE.ReplaceAllString(html.EscapeString(part), "<strong>$1</strong>"))
		default:
			b.WriteString(boldRE.ReplaceAllString(html.EscapeString(part), "<strong>$1</strong>"))
		}
	}
	return b.String()
}
