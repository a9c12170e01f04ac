package analysis

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// ChartDPI is the resolution of every PNG chart, in dots per inch. Font
// sizes are set in points, so at this resolution a 12-point label is about
// 17 pixels tall and reads well at 100% zoom.
const ChartDPI = 100

// SimulatedNotice is the line every chart made from emulator output
// carries under its title.
const SimulatedNotice = "simulated (localbedrock emulator): not Bedrock measurements"

// ChartOptions adjusts a chart's heading. The zero value gives each chart
// its default title and no notice.
type ChartOptions struct {
	// Title replaces the chart's default title when not empty.
	Title string
	// Subtitle is a second line under the title; when empty the budget
	// charts name the model or models the records came from.
	Subtitle string
	// Simulated adds SimulatedNotice under the title. The budget charts
	// also add it when any record has Simulated set.
	Simulated bool
}

// Font sizes of the charts, in points.
const (
	figureTitleSize = 17
	figureNoteSize  = 12
	panelTitleSize  = 14
	axisLabelSize   = 12
	tickLabelSize   = 11
	legendSize      = 11
)

// chartFont is the typeface of all chart text; a sans serif reads better
// than gonum/plot's default serif at small sizes.
var chartFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Colours from the Okabe-Ito palette, which stays distinguishable for
// readers with the common forms of colour blindness.
var palette = []color.Color{
	color.RGBA{R: 0x00, G: 0x72, B: 0xB2, A: 0xFF}, // blue
	color.RGBA{R: 0xE6, G: 0x9F, B: 0x00, A: 0xFF}, // orange
	color.RGBA{R: 0x00, G: 0x9E, B: 0x73, A: 0xFF}, // bluish green
	color.RGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 0xFF}, // vermillion
	color.RGBA{R: 0xCC, G: 0x79, B: 0xA7, A: 0xFF}, // reddish purple
	color.RGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 0xFF}, // sky blue
}

var (
	noteColor     = color.RGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xFF}
	warningColor  = color.RGBA{R: 0xB0, G: 0x00, B: 0x20, A: 0xFF}
	gridLineColor = color.RGBA{R: 0xDD, G: 0xDD, B: 0xDD, A: 0xFF}
)

// textStyle returns a plain text style of the chart font.
func textStyle(size float64, c color.Color, xa text.XAlignment, ya text.YAlignment) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(chartFont, vg.Points(size)),
		XAlign:  xa,
		YAlign:  ya,
		Handler: plot.DefaultTextHandler,
	}
}

// newPanel returns an empty plot with the chart fonts, the given title
// and axis labels, and light horizontal grid lines.
func newPanel(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(chartFont, vg.Points(panelTitleSize))
	p.Title.Padding = vg.Points(8)
	p.Legend.TextStyle.Font = font.From(chartFont, vg.Points(legendSize))
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = font.From(chartFont, vg.Points(axisLabelSize))
		ax.Label.Padding = vg.Points(4)
		ax.Tick.Label.Font = font.From(chartFont, vg.Points(tickLabelSize))
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Y.Tick.Marker = niceTicks{}
	p.Add(&horizontalGrid{})
	return p
}

// horizontalGrid draws a light line at each major tick of the y axis.
type horizontalGrid struct{}

// Plot implements plot.Plotter.
func (horizontalGrid) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	sty := draw.LineStyle{Color: gridLineColor, Width: vg.Points(0.75)}
	for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if t.IsMinor() || t.Value < p.Y.Min || t.Value > p.Y.Max {
			continue
		}
		y := trY(t.Value)
		c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
	}
}

// niceTicks put three to seven major ticks at round steps (1, 2, 2.5 or 5
// times a power of ten) and label them all with the same number of
// decimals, grouping the digits of whole numbers: "0", "2,000", "4,000"
// or "0.00", "0.25", "0.50".
type niceTicks struct{}

// Ticks implements plot.Ticker.
func (niceTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) {
		return nil
	}
	step, decimals := niceStep((max - min) / 6)
	var ticks []plot.Tick
	first := math.Ceil(min/step-1e-9) * step
	for i := 0; ; i++ {
		v := first + float64(i)*step
		if v > max+step*1e-9 {
			break
		}
		label := strconv.FormatFloat(v, 'f', decimals, 64)
		if decimals == 0 {
			label = groupDigits(int(math.Round(v)))
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// niceStep returns the smallest step of 1, 2, 2.5 or 5 times a power of
// ten that is at least raw, and the decimals its multiples need.
func niceStep(raw float64) (step float64, decimals int) {
	exp := int(math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5} {
		step = m * math.Pow10(exp)
		if step >= raw*(1-1e-9) {
			decimals = -exp
			if m == 2.5 {
				decimals++
			}
			return step, max(decimals, 0)
		}
	}
	return math.Pow10(exp + 1), max(-exp-1, 0)
}

// figureHead is the text above a figure's panels.
type figureHead struct {
	title, subtitle string
	simulated       bool
}

// lines returns the heading's lines with their styles, top first.
func (h figureHead) lines() ([]string, []text.Style) {
	var (
		lines  []string
		styles []text.Style
	)
	add := func(s string, size float64, c color.Color) {
		lines = append(lines, s)
		styles = append(styles, textStyle(size, c, draw.XCenter, draw.YTop))
	}
	add(h.title, figureTitleSize, color.Black)
	if h.subtitle != "" {
		add(h.subtitle, figureNoteSize, noteColor)
	}
	if h.simulated {
		add(SimulatedNotice, figureNoteSize, warningColor)
	}
	return lines, styles
}

// pixels converts a length in pixels at ChartDPI to a vg.Length.
func pixels(n int) vg.Length {
	return vg.Length(n) * vg.Inch / ChartDPI
}

// renderFigure draws head above a grid of panels, rows of equal length,
// on a canvas of widthPx by heightPx pixels, and returns it as PNG.
func renderFigure(head figureHead, panels [][]*plot.Plot, widthPx, heightPx int) ([]byte, error) {
	img := vgimg.NewWith(vgimg.UseWH(pixels(widthPx), pixels(heightPx)), vgimg.UseDPI(ChartDPI))
	dc := draw.New(img)

	// Lay the heading out from the top edge down.
	const gap = 6
	y := dc.Max.Y - vg.Points(12)
	lines, styles := head.lines()
	for i, line := range lines {
		dc.FillText(styles[i], vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: y}, line)
		y -= styles[i].Height(line) + vg.Points(gap)
	}
	body := draw.Crop(dc, 0, 0, 0, y-dc.Max.Y-vg.Points(gap))

	tiles := draw.Tiles{
		Rows: len(panels), Cols: len(panels[0]),
		PadX: vg.Points(28), PadY: vg.Points(24),
		PadTop: vg.Points(4), PadBottom: vg.Points(12),
		PadLeft: vg.Points(12), PadRight: vg.Points(20),
	}
	canvases := plot.Align(panels, tiles, body)
	for j, row := range panels {
		for i, p := range row {
			p.Draw(canvases[j][i])
		}
	}

	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encode %q chart: %w", strings.ToLower(head.title), err)
	}
	return buf.Bytes(), nil
}
