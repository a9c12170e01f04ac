package nbdisplay

import (
	"errors"
	"math"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/google/go-cmp/cmp"
)

func TestTableHTML(t *testing.T) {
	df := dataframe.New(
		series.New([]string{"<b>bold</b>", "a & b"}, series.String, "model <id>"),
		series.New([]float64{0.1 + 0.2, 1234567.25}, series.Float, "cost_usd"),
	)
	want := "<table>\n" +
		"<thead>\n" +
		"<tr><th>model &lt;id&gt;</th><th>cost_usd</th></tr>\n" +
		"</thead>\n" +
		"<tbody>\n" +
		"<tr><td>&lt;b&gt;bold&lt;/b&gt;</td><td>0.3</td></tr>\n" +
		"<tr><td>a &amp; b</td><td>1234570</td></tr>\n" +
		"</tbody>\n" +
		"</table>\n"
	if diff := cmp.Diff(want, TableHTML(df)); diff != "" {
		t.Errorf("TableHTML mismatch (-want +got):\n%s", diff)
	}
}

func TestTableHTML_IntsBoolsAndMissing(t *testing.T) {
	df := dataframe.New(
		series.New([]int{12345678, 0}, series.Int, "tokens"),
		series.New([]bool{true, false}, series.Bool, "thinking"),
		series.New([]float64{math.NaN(), 2}, series.Float, "ratio"),
	)
	want := "<table>\n" +
		"<thead>\n" +
		"<tr><th>tokens</th><th>thinking</th><th>ratio</th></tr>\n" +
		"</thead>\n" +
		"<tbody>\n" +
		"<tr><td>12345678</td><td>true</td><td>NaN</td></tr>\n" +
		"<tr><td>0</td><td>false</td><td>2</td></tr>\n" +
		"</tbody>\n" +
		"</table>\n"
	if diff := cmp.Diff(want, TableHTML(df)); diff != "" {
		t.Errorf("TableHTML mismatch (-want +got):\n%s", diff)
	}
}

func TestTableHTML_FrameError(t *testing.T) {
	df := dataframe.DataFrame{Err: errors.New("read <csv>: no rows")}
	want := "<p>dataframe error: read &lt;csv&gt;: no rows</p>\n"
	if got := TableHTML(df); got != want {
		t.Errorf("TableHTML = %q, want %q", got, want)
	}
}

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		name string
		v    float64
		want string
	}{
		{name: "zero", v: 0, want: "0"},
		{name: "whole", v: 3, want: "3"},
		{name: "binary noise", v: 0.1 + 0.2, want: "0.3"},
		{name: "six digits", v: 12.3456789, want: "12.3457"},
		{name: "small price", v: 0.000125, want: "0.000125"},
		{name: "below 1e-4", v: 0.000015, want: "1.5e-05"},
		{name: "large", v: 98765432.1, want: "98765400"},
		{name: "huge", v: 2e15, want: "2e+15"},
		{name: "negative", v: -1.5, want: "-1.5"},
		{name: "infinity", v: math.Inf(1), want: "+Inf"},
		{name: "not a number", v: math.NaN(), want: "NaN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatFloat(tt.v); got != tt.want {
				t.Errorf("formatFloat(%v) = %q, want %q", tt.v, got, tt.want)
			}
		})
	}
}

// Ensure the display functions are silent no-ops outside a notebook.
func TestDisplay_OutsideNotebook(t *testing.T) {
	df := dataframe.New(series.New([]int{1}, series.Int, "n"))
	Table(df)
	PNG([]byte("not a png"))
	Markdown("# title")
	HTML("<p>hi</p>")
}
