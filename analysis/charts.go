package analysis

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Pixel sizes of the budget charts at ChartDPI.
const (
	// TradeoffWidthPx and TradeoffHeightPx size the 2x2 trade-off chart.
	TradeoffWidthPx  = 1200
	TradeoffHeightPx = 900
	// CaseStudyWidthPx and CaseStudyHeightPx size the 1x3 case-study
	// chart.
	CaseStudyWidthPx  = 1500
	CaseStudyHeightPx = 560
)

// budgetLayout is the heading and panel grid of one budget figure.
type budgetLayout struct {
	title             string
	grid              [][]Metric
	widthPx, heightPx int
}

var (
	tradeoffLayout = budgetLayout{
		title: "Thinking budget trade-offs",
		grid: [][]Metric{
			{MetricElapsedSeconds, MetricTotalTokens},
			{MetricTotalCostUSD, MetricTokensPerSecond},
		},
		widthPx: TradeoffWidthPx, heightPx: TradeoffHeightPx,
	}
	caseStudyLayout = budgetLayout{
		title:   "Case study: budgets around the recommendation",
		grid:    [][]Metric{{MetricElapsedSeconds, MetricTotalCostUSD, MetricTokensPerSecond}},
		widthPx: CaseStudyWidthPx, heightPx: CaseStudyHeightPx,
	}
)

// TradeoffChart draws how response time, total tokens, total cost and
// tokens per second change with the thinking budget, as a 2x2 figure of
// TradeoffWidthPx by TradeoffHeightPx pixels in that order, row by row,
// and returns it as PNG. Each panel is a BudgetPlot. It returns
// ErrNoRecords when recs is empty.
func TradeoffChart(recs []Record, opt ChartOptions) ([]byte, error) {
	return budgetFigure(recs, opt, tradeoffLayout)
}

// CaseStudyChart draws response time, total cost and tokens per second
// against the thinking budget side by side, a figure of CaseStudyWidthPx
// by CaseStudyHeightPx pixels, and returns it as PNG. It returns
// ErrNoRecords when recs is empty.
func CaseStudyChart(recs []Record, opt ChartOptions) ([]byte, error) {
	return budgetFigure(recs, opt, caseStudyLayout)
}

// budgetFigure draws one BudgetPlot per metric of the layout under a
// heading.
func budgetFigure(recs []Record, opt ChartOptions, l budgetLayout) ([]byte, error) {
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: %w", strings.ToLower(l.title), ErrNoRecords)
	}
	panels := make([][]*plot.Plot, len(l.grid))
	for j, row := range l.grid {
		for i, m := range row {
			p, err := BudgetPlot(recs, m)
			if err != nil {
				return nil, err
			}
			if i > 0 || j > 0 {
				p.Legend = plot.NewLegend() // one legend per figure is enough
			}
			panels[j] = append(panels[j], p)
		}
	}

	return renderFigure(budgetHead(recs, opt, l.title), panels, l.widthPx, l.heightPx)
}

// budgetHead is the heading of a budget figure: opt's title or the
// default, opt's subtitle or the models, and the simulated notice when
// opt or any record asks for it.
func budgetHead(recs []Record, opt ChartOptions, defaultTitle string) figureHead {
	head := figureHead{title: opt.Title, subtitle: opt.Subtitle, simulated: opt.Simulated}
	if head.title == "" {
		head.title = defaultTitle
	}
	if head.subtitle == "" {
		head.subtitle = modelLine(recs)
	}
	for _, r := range recs {
		head.simulated = head.simulated || r.Simulated
	}
	return head
}

// BudgetPlot plots metric m of recs against the thinking setting: one
// line with markers per model through the mean of each setting's runs,
// with every run also marked, as a ring, when a setting ran more than
// once. Settings sit at evenly spaced positions ordered as in SweepFrame
// and are labelled with the budget ("4,096"), the effort level or "off".
// The y axis starts at zero and ends on a tick. A legend names the models
// when there is more than one, or tells means from single runs for one
// model with repeated runs; the figures keep it in their first panel
// only. It returns ErrNoRecords when recs is empty and ErrUnknownMetric
// when m is not Known.
func BudgetPlot(recs []Record, m Metric) (*plot.Plot, error) {
	if !m.Known() {
		return nil, fmt.Errorf("%w %q", ErrUnknownMetric, m)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("plot %s: %w", m, ErrNoRecords)
	}

	settings := distinctSettings(recs)
	p := newPanel(m.Title(), settingAxisLabel(settings), m.AxisLabel())
	ticks := make([]plot.Tick, len(settings))
	for i, s := range settings {
		ticks[i] = plot.Tick{Value: float64(i), Label: settingLabel(s)}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = -0.5, float64(len(settings))-0.5

	models := modelIDs(recs)
	ymax := 0.0
	for k, model := range models {
		var means, runs plotter.XYs
		repeated := false
		for i, s := range settings {
			var vals []float64
			for _, r := range recs {
				if r.ModelID == model && compareSettings(r, s) == 0 {
					vals = append(vals, m.Value(r))
					runs = append(runs, plotter.XY{X: float64(i), Y: m.Value(r)})
				}
			}
			if len(vals) == 0 {
				continue
			}
			repeated = repeated || len(vals) > 1
			means = append(means, plotter.XY{X: float64(i), Y: mean(vals)})
			ymax = max(ymax, slices.Max(vals))
		}

		line, points, err := plotter.NewLinePoints(means)
		if err != nil {
			return nil, fmt.Errorf("plot %s of %s: %w", m, model, err)
		}
		c := palette[k%len(palette)]
		line.Color, line.Width = c, vg.Points(2)
		points.Color, points.Radius, points.Shape = c, vg.Points(4.5), glyphShapes[k%len(glyphShapes)]
		p.Add(line, points)
		if repeated {
			all, err := plotter.NewScatter(runs)
			if err != nil {
				return nil, fmt.Errorf("plot %s of %s: %w", m, model, err)
			}
			all.Color, all.Radius, all.Shape = c, vg.Points(3), draw.RingGlyph{}
			p.Add(all)
			if len(models) == 1 {
				p.Legend.Add("mean of runs", line, points)
				p.Legend.Add("one run", all)
			}
		}
		if len(models) > 1 {
			p.Legend.Add(modelName(model), line, points)
		}
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs = vg.Points(8)
	p.Legend.Padding = vg.Points(3)

	// Start at zero so that small differences are not blown up, and end
	// on a tick above the highest point, so that every panel has a label
	// at its top and their titles line up.
	p.Y.Min, p.Y.Max = 0, 1
	if ymax > 0 {
		step, _ := niceStep(ymax * 1.05 / 6)
		p.Y.Max = math.Ceil(ymax*1.05/step) * step
	}
	return p, nil
}

// glyphShapes tell models apart where colour does not.
var glyphShapes = []draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{},
}

// distinctSettings returns one record per thinking setting in recs, in
// the order of compareSettings.
func distinctSettings(recs []Record) []Record {
	return slices.CompactFunc(sortedBySetting(recs), func(a, b Record) bool {
		return compareSettings(a, b) == 0
	})
}

// settingAxisLabel names the x axis by the kinds of setting it shows.
func settingAxisLabel(settings []Record) string {
	kinds := map[int]bool{}
	for _, s := range settings {
		kinds[settingKind(s)] = true
	}
	switch {
	case len(kinds) == 1 && kinds[kindBudget]:
		return "thinking budget (tokens)"
	case len(kinds) == 1 && kinds[kindEffort]:
		return "thinking effort"
	case len(kinds) == 1:
		return "thinking setting"
	}
	return "thinking setting (off, budget in tokens, or effort)"
}

// modelIDs lists the models of recs in the order they first appear.
func modelIDs(recs []Record) []string {
	var ids []string
	for _, r := range recs {
		if !slices.Contains(ids, r.ModelID) {
			ids = append(ids, r.ModelID)
		}
	}
	return ids
}

// modelName is a model ID for display, "unknown model" when empty.
func modelName(id string) string {
	if id == "" {
		return "unknown model"
	}
	return id
}

// modelLine names the model or models of recs for a figure subtitle.
func modelLine(recs []Record) string {
	ids := modelIDs(recs)
	if len(ids) == 1 && ids[0] == "" {
		return ""
	}
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = modelName(id)
	}
	if len(names) == 1 {
		return "model: " + names[0]
	}
	return "models: " + strings.Join(names, ", ")
}

// mean is the arithmetic mean of vals, which must not be empty.
func mean(vals []float64) float64 {
	sum := 0.0
	for _, v := range vals {
		sum += v
	}
	return sum / float64(len(vals))
}
