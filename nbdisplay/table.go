package nbdisplay

import (
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// TableHTML returns df as an HTML table: one header row with the column
// names, then one row for each row of df, every row on its own line. All
// text is escaped. Int cells are written in full; Float cells are rounded to
// 6 significant digits and written in plain decimals when their magnitude is
// in [1e-4, 1e15), in exponent form otherwise. A missing value (NA) is
// written "NaN", as gota prints it. Every row is written: pass a subset of a
// large frame.
//
// A frame that holds an error (df.Err) is written as a paragraph with the
// error text, so a failed load shows where the table would be.
func TableHTML(df dataframe.DataFrame) string {
	if df.Err != nil {
		return "<p>dataframe error: " + html.EscapeString(df.Err.Error()) + "</p>\n"
	}

	var b strings.Builder
	b.WriteString("<table>\n<thead>\n<tr>")
	for _, name := range df.Names() {
		b.WriteString("<th>" + html.EscapeString(name) + "</th>")
	}
	b.WriteString("</tr>\n</thead>\n<tbody>\n")

	types := df.Types()
	nrow, ncol := df.Dims()
	for r := range nrow {
		b.WriteString("<tr>")
		for c := range ncol {
			cell := formatCell(df.Elem(r, c), types[c])
			b.WriteString("<td>" + html.EscapeString(cell) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	return b.String()
}

// formatCell returns the text of one cell of a column of type t.
func formatCell(e series.Element, t series.Type) string {
	if e.IsNA() {
		return "NaN"
	}
	switch t {
	case series.Int:
		if v, err := e.Int(); err == nil {
			return strconv.Itoa(v)
		}
	case series.Float:
		return formatFloat(e.Float())
	}
	return e.String()
}

// formatFloat rounds v to 6 significant digits and writes it in plain
// decimals when 1e-4 <= |v| < 1e15 (or v is 0), in exponent form otherwise.
func formatFloat(v float64) string {
	g := strconv.FormatFloat(v, 'g', 6, 64)
	abs := math.Abs(v)
	if math.IsNaN(v) || math.IsInf(v, 0) || (abs != 0 && (abs < 1e-4 || abs >= 1e15)) {
		return g
	}
	rounded, err := strconv.ParseFloat(g, 64)
	if err != nil {
		return g
	}
	return strconv.FormatFloat(rounded, 'f', -1, 64)
}
