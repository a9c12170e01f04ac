package analysis

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// StrategyWidthPx and StrategyHeightPx size the strategy chart at
// ChartDPI; StrategyPlot sizes its bars for this width.
const (
	StrategyWidthPx  = 1100
	StrategyHeightPx = 650
)

// StrategyRow is the thinking budget one complexity class gets in each of
// the allocator's three scenarios, in tokens; 0 means no extended
// thinking.
type StrategyRow struct {
	// Complexity is simple, medium, complex or very_complex.
	Complexity      string `json:"complexity"`
	Standard        int    `json:"standard_budget_tokens"`
	TimeSensitive   int    `json:"time_sensitive_budget_tokens"`
	CostConstrained int    `json:"cost_constrained_budget_tokens"`
}

// StrategyChart draws the budgets of rows as StrategyPlot does under a
// figure title, StrategyWidthPx by StrategyHeightPx pixels, and returns it
// as PNG. It returns ErrNoRows when rows is empty.
func StrategyChart(rows []StrategyRow, opt ChartOptions) ([]byte, error) {
	p, err := StrategyPlot(rows)
	if err != nil {
		return nil, err
	}
	head := figureHead{title: opt.Title, subtitle: opt.Subtitle, simulated: opt.Simulated}
	if head.title == "" {
		head.title = "Thinking budget by task complexity and scenario"
	}
	return renderFigure(head, [][]*plot.Plot{{p}}, StrategyWidthPx, StrategyHeightPx)
}

// StrategyPlot draws grouped bars, one group per row in the given order
// and one bar per scenario (standard, time-sensitive, cost-constrained),
// each labelled with its budget, and a dashed line at
// claudeutils.MinBudgetTokens, the smallest budget Bedrock accepts. A
// legend names the scenarios and the line. It returns ErrNoRows when rows
// is empty.
func StrategyPlot(rows []StrategyRow) (*plot.Plot, error) {
	if len(rows) == 0 {
		return nil, fmt.Errorf("plot strategy: %w", ErrNoRows)
	}
	p := newPanel("", "task complexity", "thinking budget (tokens)")

	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = strings.ReplaceAll(r.Complexity, "_", " ")
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.5, float64(len(rows))-0.5

	scenarios := []struct {
		name   string
		budget func(StrategyRow) int
	}{
		{"standard", func(r StrategyRow) int { return r.Standard }},
		{"time-sensitive", func(r StrategyRow) int { return r.TimeSensitive }},
		{"cost-constrained", func(r StrategyRow) int { return r.CostConstrained }},
	}

	// Three bars fill three quarters of each group's share of the width;
	// the plotting area is about 85% of the figure.
	group := pixels(StrategyWidthPx) * 0.85 / vg.Length(len(rows))
	barWidth := group * 0.75 / vg.Length(len(scenarios))
	top := float64(claudeutils.MinBudgetTokens)
	for k, s := range scenarios {
		vals := make(plotter.Values, len(rows))
		labels := plotter.XYLabels{XYs: make(plotter.XYs, len(rows)), Labels: make([]string, len(rows))}
		for i, r := range rows {
			b := s.budget(r)
			vals[i] = float64(b)
			labels.XYs[i] = plotter.XY{X: float64(i), Y: float64(b)}
			labels.Labels[i] = groupDigits(b)
			top = max(top, float64(b))
		}

		bars, err := plotter.NewBarChart(vals, barWidth)
		if err != nil {
			return nil, fmt.Errorf("plot strategy %s: %w", s.name, err)
		}
		bars.Color = palette[k]
		bars.LineStyle.Width = 0
		bars.Offset = barWidth * vg.Length(k-1)

		text, err := plotter.NewLabels(labels)
		if err != nil {
			return nil, fmt.Errorf("plot strategy %s labels: %w", s.name, err)
		}
		for i := range text.TextStyle {
			text.TextStyle[i] = textStyle(tickLabelSize-1, color.Black, draw.XCenter, draw.YBottom)
		}
		text.Offset = vg.Point{X: bars.Offset, Y: vg.Points(3)}

		p.Add(bars, text)
		p.Legend.Add(s.name, bars)
	}

	minimum, err := plotter.NewLine(plotter.XYs{
		{X: p.X.Min, Y: claudeutils.MinBudgetTokens},
		{X: p.X.Max, Y: claudeutils.MinBudgetTokens},
	})
	if err != nil {
		return nil, fmt.Errorf("plot strategy minimum: %w", err)
	}
	minimum.Color = warningColor
	minimum.Width = vg.Points(1.5)
	minimum.Dashes = []vg.Length{vg.Points(7), vg.Points(4)}
	p.Add(minimum)
	p.Legend.Add("minimum budget ("+groupDigits(claudeutils.MinBudgetTokens)+")", minimum)
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs = vg.Points(8)
	p.Legend.Padding = vg.Points(3)
	p.Legend.ThumbnailWidth = vg.Points(24)

	// Leave room above the tallest bar for its label and the legend, and
	// end on a tick.
	p.Y.Min = 0
	p.Y.Max = top * 1.25
	p.Y.Tick.Marker = budgetTicks{}
	step := budgetStep(p.Y.Max)
	p.Y.Max = math.Ceil(p.Y.Max/step) * step
	return p, nil
}

// budgetTicks put major ticks at multiples of the minimum budget doubled
// as often as needed to keep at most seven of them, so that the budgets
// the allocator hands out fall on labelled ticks.
type budgetTicks struct{}

// Ticks implements plot.Ticker.
func (budgetTicks) Ticks(min, max float64) []plot.Tick {
	step := budgetStep(max - min)
	var ticks []plot.Tick
	for v := math.Ceil(min/step) * step; v <= max; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: groupDigits(int(v))})
	}
	return ticks
}

// budgetStep is the tick step of budgetTicks over a range of span tokens.
func budgetStep(span float64) float64 {
	step := float64(claudeutils.MinBudgetTokens)
	for span/step > 6 {
		step *= 2
	}
	return step
}
