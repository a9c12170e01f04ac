package analysis

import (
	"bytes"
	"encoding/base64"
	"html"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/google/go-cmp/cmp"
)

// tinyPNG is a valid 3x2 PNG.
func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sampleReport has two charts, a table and Markdown with hostile text.
func sampleReport(t *testing.T, simulated bool) Report {
	df := SweepFrame(sweepRecords())
	hostile := dataframe.New(series.New([]string{"<script>alert(1)</script>"}, series.String, "note"))
	return Report{
		Title:     "Thinking budgets <test>",
		Backend:   "localbedrock emulator",
		Models:    "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
		Simulated: simulated,
		Generated: time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC),
		Sections: []Section{
			{Heading: "Budget sweep", Intro: "Five budgets, **one** prompt.", Table: &df},
			{Heading: "Trade-offs", PNG: tinyPNG(t), ImageAlt: "four panels"},
			{Heading: "Strategy", PNG: tinyPNG(t)},
			{Heading: "Quality", Markdown: "Answer: <script>alert(2)</script>", Table: &hostile},
		},
	}
}

func TestReport_HTML(t *testing.T) {
	page, err := sampleReport(t, true).HTML()
	if err != nil {
		t.Fatalf("HTML: %v", err)
	}
	s := string(page)

	for _, want := range []string{
		"<h1>Thinking budgets &lt;test&gt;</h1>",
		"<h2>Budget sweep</h2>",
		"<h2>Trade-offs</h2>",
		"<h2>Strategy</h2>",
		"<h2>Quality</h2>",
		"Produced by <strong>localbedrock emulator</strong> with <strong>us.anthropic.claude-3-7-sonnet-20250219-v1:0</strong>.",
		"they are not Bedrock measurements",
		`<div class="banner simulated"`,
		"<p>Five budgets, <strong>one</strong> prompt.</p>",
		"<th>budget_tokens</th><th>elapsed_seconds</th>",
		`<td class="num">1024</td><td class="num">10.500</td>`,
		`alt="four panels"`,
		`alt="Strategy"`,
		"<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>",
		"Answer: &lt;script&gt;alert(2)&lt;/script&gt;",
		"<footer>Generated 2026-12-01 09:30 UTC.</footer>",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}

	// The banner comes before everything else in the body.
	if b, h := strings.Index(s, `class="banner`), strings.Index(s, "<h1>"); b < 0 || b > h {
		t.Errorf("banner at %d, title at %d: want the banner first", b, h)
	}

	// Self-contained: no scripts, no external references.
	for _, banned := range []string{"<script", "http://", "https://", "<link", "@import", "url("} {
		if strings.Contains(s, banned) {
			t.Errorf("page contains %q", banned)
		}
	}

	// One embedded image per chart, each decoding to the bytes given.
	imgs := regexp.MustCompile(`<img src="data:image/png;base64,([^"]+)"`).FindAllStringSubmatch(s, -1)
	if len(imgs) != 2 {
		t.Fatalf("found %d embedded images, want 2", len(imgs))
	}
	for i, m := range imgs {
		b, err := base64.StdEncoding.DecodeString(html.UnescapeString(m[1]))
		if err != nil {
			t.Fatalf("image %d: %v", i, err)
		}
		if !bytes.Equal(b, tinyPNG(t)) {
			t.Errorf("image %d does not round-trip", i)
		}
	}
}

func TestReport_HTMLNotSimulated(t *testing.T) {
	r := sampleReport(t, false)
	r.Backend = "Amazon Bedrock (us-west-2)"
	page, err := r.HTML()
	if err != nil {
		t.Fatalf("HTML: %v", err)
	}
	s := string(page)
	if strings.Contains(s, "not Bedrock measurements") || strings.Contains(s, "banner simulated") {
		t.Error("a report of real measurements carries the simulated notice")
	}
	if !strings.Contains(s, "Produced by <strong>Amazon Bedrock (us-west-2)</strong>") {
		t.Error("banner does not name the backend")
	}
}

func TestReport_HTMLErrors(t *testing.T) {
	broken := dataframe.New()
	tests := []struct {
		name    string
		section Section
		want    string
	}{
		{"image that is not a PNG", Section{Heading: "Chart", PNG: []byte("GIF89a")}, `report section "Chart": image is not a PNG`},
		{"table carrying an error", Section{Heading: "Table", Table: &broken}, `report section "Table": table: empty DataFrame`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Report{Title: "x", Sections: []Section{tt.section}}.HTML()
			if err == nil {
				t.Fatal("HTML succeeded")
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWriteReport(t *testing.T) {
	r := sampleReport(t, true)
	path := filepath.Join(t.TempDir(), "report.html")
	if err := WriteReport(path, r); err != nil {
		t.Fatalf("WriteReport: %v", err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := r.HTML()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("file differs from Report.HTML")
	}

	r.Sections = []Section{{Heading: "bad", PNG: []byte("nope")}}
	bad := filepath.Join(t.TempDir(), "bad.html")
	if err := WriteReport(bad, r); err == nil {
		t.Error("WriteReport of a broken report succeeded")
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("a file was written for a broken report: %v", err)
	}
}
