package analysis

import (
	"bytes"
	"errors"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/plot"
)

// chartsDir, when set, receives the charts TestCharts_pngSize draws, for
// looking at them: go test ./analysis -run Charts_pngSize -charts /tmp/charts
var chartsDir = flag.String("charts", "", "directory to write the test charts to")

// strategyRows are the allocator's budgets as the lesson sets them.
var strategyRows = []StrategyRow{
	{Complexity: "simple"},
	{Complexity: "medium", Standard: 2048, TimeSensitive: 2048, CostConstrained: 1024},
	{Complexity: "complex", Standard: 4096, TimeSensitive: 2048, CostConstrained: 2048},
	{Complexity: "very_complex", Standard: 8192, TimeSensitive: 4096, CostConstrained: 4096},
}

func TestCharts_pngSize(t *testing.T) {
	tests := []struct {
		name  string
		chart func() ([]byte, error)
		w, h  int
	}{
		{
			name:  "trade-off",
			chart: func() ([]byte, error) { return TradeoffChart(sweepRecords(), ChartOptions{Simulated: true}) },
			w:     TradeoffWidthPx, h: TradeoffHeightPx,
		},
		{
			name:  "case study",
			chart: func() ([]byte, error) { return CaseStudyChart(sweepRecords(), ChartOptions{Title: "Carbon plan"}) },
			w:     CaseStudyWidthPx, h: CaseStudyHeightPx,
		},
		{
			name:  "strategy",
			chart: func() ([]byte, error) { return StrategyChart(strategyRows, ChartOptions{}) },
			w:     StrategyWidthPx, h: StrategyHeightPx,
		},
		{
			name: "trade-off of one setting run twice",
			chart: func() ([]byte, error) {
				recs := []Record{
					{BudgetTokens: 1024, ElapsedSeconds: 1, TotalTokens: 10},
					{BudgetTokens: 1024, ElapsedSeconds: 3, TotalTokens: 30},
				}
				return TradeoffChart(recs, ChartOptions{})
			},
			w: TradeoffWidthPx, h: TradeoffHeightPx,
		},
		{
			name: "trade-off of all-zero measures",
			chart: func() ([]byte, error) {
				return TradeoffChart([]Record{{Thinking: "off"}}, ChartOptions{})
			},
			w: TradeoffWidthPx, h: TradeoffHeightPx,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.chart()
			if err != nil {
				t.Fatalf("chart: %v", err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("decode PNG: %v", err)
			}
			if got := img.Bounds().Size(); got.X != tt.w || got.Y != tt.h {
				t.Errorf("size = %dx%d, want %dx%d", got.X, got.Y, tt.w, tt.h)
			}
			if *chartsDir != "" {
				name := strings.ReplaceAll(tt.name, " ", "-") + ".png"
				if err := os.WriteFile(filepath.Join(*chartsDir, name), b, 0o644); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

func TestCharts_emptyInput(t *testing.T) {
	tests := []struct {
		name  string
		chart func() ([]byte, error)
		want  error
	}{
		{"trade-off", func() ([]byte, error) { return TradeoffChart(nil, ChartOptions{}) }, ErrNoRecords},
		{"case study", func() ([]byte, error) { return CaseStudyChart([]Record{}, ChartOptions{}) }, ErrNoRecords},
		{"strategy", func() ([]byte, error) { return StrategyChart(nil, ChartOptions{}) }, ErrNoRows},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.chart()
			if !errors.Is(err, tt.want) {
				t.Errorf("error = %v, want %v", err, tt.want)
			}
			if b != nil {
				t.Errorf("got %d bytes with the error", len(b))
			}
		})
	}
}

// tickLabels lists the labels of the major ticks of ax.
func tickLabels(ax plot.Axis) []string {
	var labels []string
	for _, t := range ax.Tick.Marker.Ticks(ax.Min, ax.Max) {
		if !t.IsMinor() {
			labels = append(labels, t.Label)
		}
	}
	return labels
}

func TestBudgetPlot(t *testing.T) {
	recs := append(sweepRecords(),
		Record{ModelID: "m", Thinking: "off", ElapsedSeconds: 2},
		Record{ModelID: "m", Thinking: "effort=high", Effort: "high", ElapsedSeconds: 41},
	)
	p, err := BudgetPlot(recs, MetricElapsedSeconds)
	if err != nil {
		t.Fatalf("BudgetPlot: %v", err)
	}

	type axes struct {
		Title, XLabel, YLabel string
		XTicks, YTicks        []string
		YMin, YMax            float64
	}
	want := axes{
		Title:  "Response time",
		XLabel: "thinking setting (off, budget in tokens, or effort)",
		YLabel: "response time (s)",
		XTicks: []string{"off", "1,024", "2,048", "4,096", "high"},
		YTicks: []string{"0", "10", "20", "30", "40", "50"},
		YMin:   0, YMax: 50,
	}
	got := axes{
		Title: p.Title.Text, XLabel: p.X.Label.Text, YLabel: p.Y.Label.Text,
		XTicks: tickLabels(p.X), YTicks: tickLabels(p.Y),
		YMin: p.Y.Min, YMax: p.Y.Max,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("plot mismatch (-want +got):\n%s", diff)
	}
}

func TestBudgetPlot_errors(t *testing.T) {
	if _, err := BudgetPlot(sweepRecords(), Metric("quality")); !errors.Is(err, ErrUnknownMetric) {
		t.Errorf("unknown metric: error = %v, want %v", err, ErrUnknownMetric)
	}
	if _, err := BudgetPlot(nil, MetricTotalTokens); !errors.Is(err, ErrNoRecords) {
		t.Errorf("no records: error = %v, want %v", err, ErrNoRecords)
	}
}

func TestBudgetHead(t *testing.T) {
	tests := []struct {
		name string
		recs []Record
		opt  ChartOptions
		want []string
	}{
		{
			name: "defaults name the model",
			recs: []Record{{ModelID: "m1"}},
			want: []string{"Default", "model: m1"},
		},
		{
			name: "simulated record adds the notice",
			recs: []Record{{ModelID: "m1"}, {ModelID: "m2", Simulated: true}},
			want: []string{"Default", "models: m1, m2", SimulatedNotice},
		},
		{
			name: "options win",
			recs: []Record{{ModelID: "m1"}},
			opt:  ChartOptions{Title: "Mine", Subtitle: "run 3", Simulated: true},
			want: []string{"Mine", "run 3", SimulatedNotice},
		},
		{
			name: "no model, no subtitle",
			recs: []Record{{}},
			want: []string{"Default"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := budgetHead(tt.recs, tt.opt, "Default").lines()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("heading mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStrategyPlot(t *testing.T) {
	p, err := StrategyPlot(strategyRows)
	if err != nil {
		t.Fatalf("StrategyPlot: %v", err)
	}
	got := struct{ XTicks, YTicks []string }{tickLabels(p.X), tickLabels(p.Y)}
	want := struct{ XTicks, YTicks []string }{
		XTicks: []string{"simple", "medium", "complex", "very complex"},
		YTicks: []string{"0", "2,048", "4,096", "6,144", "8,192", "10,240"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ticks mismatch (-want +got):\n%s", diff)
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		name     string
		min, max float64
		want     []string
	}{
		{"seconds", 0, 50, []string{"0", "10", "20", "30", "40", "50"}},
		{"tokens", 0, 4000, []string{"0", "1,000", "2,000", "3,000", "4,000"}},
		{"cost", 0, 0.06, []string{"0.00", "0.01", "0.02", "0.03", "0.04", "0.05", "0.06"}},
		{"quarter steps", 0, 1.25, []string{"0.00", "0.25", "0.50", "0.75", "1.00", "1.25"}},
		{"offset range", 95, 130, []string{"100", "110", "120", "130"}},
		{"empty range", 1, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tk := range (niceTicks{}).Ticks(tt.min, tt.max) {
				got = append(got, tk.Label)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("labels mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
