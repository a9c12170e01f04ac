package analysis

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// Report is one self-contained HTML page of experiment results: tables,
// charts and text under a banner that says where the numbers came from.
type Report struct {
	Title string
	// Backend names what answered the calls, such as "Amazon Bedrock
	// (us-west-2)" or "localbedrock emulator".
	Backend string
	// Models names the model or models that answered.
	Models string
	// Simulated marks every number in the report as made up by the
	// built-in emulator; the banner then says so.
	Simulated bool
	// Generated is when the report was made; the zero time leaves it
	// out.
	Generated time.Time
	Sections  []Section
}

// Section is one part of a Report. Its parts appear in the order of the
// fields below; empty parts are left out.
type Section struct {
	Heading string
	// Intro is Markdown shown under the heading.
	Intro string
	// Table is shown as an HTML table, its cells formatted as EncodeCSV
	// formats them.
	Table *dataframe.DataFrame
	// PNG is a chart, embedded in the page as a data URI.
	PNG []byte
	// ImageAlt describes the chart for readers who cannot see it; empty
	// means Heading.
	ImageAlt string
	// Markdown is shown after the table and chart. Only a small subset is
	// rendered (see markdownHTML) and all of it is escaped, so it may hold
	// model output.
	Markdown string
	// HTML is inserted as it is, last. Never put model output or other
	// untrusted text here; use Markdown for that.
	HTML template.HTML
}

// HTML renders r as one HTML page with inline CSS, no scripts and no
// external assets, so it reads the same offline. All text but
// Section.HTML is escaped. It fails when a section's table carries an error or its PNG is not a
// PNG.
func (r Report) HTML() ([]byte, error) {
	page := reportPage{Report: r}
	if !r.Generated.IsZero() {
		page.Generated = r.Generated.UTC().Format("2006-01-02 15:04 MST")
	}
	for i, s := range r.Sections {
		v := sectionView{
			ID:       fmt.Sprintf("section-%d", i+1),
			Heading:  s.Heading,
			Intro:    markdownHTML(s.Intro),
			Markdown: markdownHTML(s.Markdown),
			HTML:     s.HTML,
			ImageAlt: s.ImageAlt,
		}
		if v.ImageAlt == "" {
			v.ImageAlt = s.Heading
		}
		if s.Table != nil {
			t, err := newTableView(*s.Table)
			if err != nil {
				return nil, fmt.Errorf("report section %q: table: %w", s.Heading, err)
			}
			v.Table = &t
		}
		if len(s.PNG) > 0 {
			if !bytes.HasPrefix(s.PNG, pngMagic) {
				return nil, fmt.Errorf("report section %q: image is not a PNG", s.Heading)
			}
			// A data URI in src is only trusted when typed as a URL.
			v.Image = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(s.PNG))
		}
		page.Sections = append(page.Sections, v)
	}

	var buf bytes.Buffer
	if err := reportTemplate.Execute(&buf, page); err != nil {
		return nil, fmt.Errorf("render report: %w", err)
	}
	return buf.Bytes(), nil
}

// WriteReport renders r and writes it to path atomically, as
// WriteFileAtomic does, with mode 0644.
func WriteReport(path string, r Report) error {
	page, err := r.HTML()
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return WriteFileAtomic(path, page, 0o644)
}

// pngMagic starts every PNG file.
var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// reportPage is what the template sees.
type reportPage struct {
	Report
	Generated string
	Sections  []sectionView
}

// sectionView is one Section ready for the template.
type sectionView struct {
	ID, Heading     string
	Intro, Markdown template.HTML
	HTML            template.HTML
	Table           *tableView
	Image           template.URL
	ImageAlt        string
}

// tableView is a data frame as formatted header and cells.
type tableView struct {
	Columns []tableColumn
	Rows    [][]string
}

// tableColumn is a table header; numeric columns align right.
type tableColumn struct {
	Name    string
	Numeric bool
}

// newTableView formats df's cells for the page.
func newTableView(df dataframe.DataFrame) (tableView, error) {
	if df.Err != nil {
		return tableView{}, df.Err
	}
	var t tableView
	for i, name := range df.Names() {
		typ := df.Types()[i]
		numeric := typ == series.Int || typ == series.Float
		t.Columns = append(t.Columns, tableColumn{Name: name, Numeric: numeric})
	}
	t.Rows = formatRows(df)
	return t, nil
}

var reportTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif;
  line-height: 1.5; color: #1b1b1b; max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
.banner { border-left: 6px solid #0072b2; background: #eaf3fa; padding: 0.75rem 1rem; margin: 0 0 1.5rem; }
.banner.simulated { border-left-color: #b00020; background: #fff4e5; }
.banner p { margin: 0.25rem 0; }
h1 { font-size: 1.8rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.4rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; padding-bottom: 0.25rem; }
nav ol { padding-left: 1.5rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.92rem; }
th, td { border: 1px solid #d0d0d0; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
tbody tr:nth-child(even) { background: #fafafa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td { white-space: nowrap; }
td.long { white-space: normal; min-width: 20rem; max-width: 36rem; overflow-wrap: break-word; }
.table-wrap { overflow-x: auto; }
img { max-width: 100%; height: auto; display: block; margin: 1rem 0; border: 1px solid #eee; }
pre { background: #f6f8fa; padding: 0.75rem; overflow-x: auto; white-space: pre-wrap; }
code { font-family: ui-monospace, "Liberation Mono", monospace; font-size: 0.9em; }
blockquote { border-left: 4px solid #c8c8c8; margin: 0.75rem 0; padding: 0.1rem 1rem; background: #fcfcfc; }
blockquote h3, blockquote h4 { font-size: 1.05rem; }
footer { margin-top: 3rem; color: #666; font-size: 0.85rem; }
</style>
</head>
<body>
<div class="banner{{if .Simulated}} simulated{{end}}" role="note">
<p>Produced by <strong>{{or .Backend "an unnamed backend"}}</strong>{{with .Models}} with <strong>{{.}}</strong>{{end}}.</p>
{{- if .Simulated}}
<p><strong>Simulated numbers.</strong> The times, token counts and costs on this page were
simulated by the built-in Bedrock emulator (localbedrock); they are not Bedrock measurements.</p>
{{- end}}
</div>
<h1>{{.Title}}</h1>
{{- if gt (len .Sections) 1}}
<nav><ul>
{{- range .Sections}}
<li><a href="#{{.ID}}">{{.Heading}}</a></li>
{{- end}}
</ul></nav>
{{- end}}
{{- range $s := .Sections}}
<section id="{{.ID}}">
<h2>{{.Heading}}</h2>
{{.Intro}}
{{- with .Table}}
<div class="table-wrap"><table>
<thead><tr>{{range .Columns}}<th>{{.Name}}</th>{{end}}</tr></thead>
<tbody>
{{- $cols := .Columns}}
{{- range .Rows}}
<tr>{{range $i, $c := .}}<td{{if (index $cols $i).Numeric}} class="num"{{else if gt (len $c) 60}} class="long"{{end}}>{{$c}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table></div>
{{- end}}
{{- with .Image}}
<img src="{{.}}" alt="{{$s.ImageAlt}}">
{{- end}}
{{.Markdown}}
{{.HTML}}
</section>
{{- end}}
{{- with .Generated}}
<footer>Generated {{.}}.</footer>
{{- end}}
</body>
</html>
`))
