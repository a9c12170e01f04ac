package analysis

import (
	"os"
	"testing"
)

func sampleSweep() []Record {
	var recs []Record
	for i, b := range []int{1024, 2048, 4096, 8192, 16384} {
		out := 900 + 700*i
		el := 12.0 + 9.5*float64(i)
		recs = append(recs, Record{Experiment: "sweep", ModelID: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", Thinking: "budget", BudgetTokens: b,
			ElapsedSeconds: el, InputTokens: 180, OutputTokens: out, TotalTokens: 180 + out,
			InputCostUSD: 180 * 3e-6, OutputCostUSD: float64(out) * 15e-6, TotalCostUSD: 180*3e-6 + float64(out)*15e-6,
			TokensPerSecond: float64(180+out) / el, Simulated: true})
	}
	return recs
}

func TestScratchPNG(t *testing.T) {
	b, err := TradeoffChart(sampleSweep(), ChartOptions{Simulated: true})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/tradeoff.png", b, 0o644)
	b, err = CaseStudyChart(sampleSweep()[1:4], ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/case.png", b, 0o644)
	b, err = StrategyChart([]StrategyRow{{"simple", 0, 0, 0}, {"medium", 2048, 2048, 1024}, {"complex", 4096, 2048, 2048}, {"very_complex", 8192, 4096, 4096}}, ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/strategy.png", b, 0o644)
}

func TestScratchMixed(t *testing.T) {
	var recs []Record
	add := func(model string, b int, eff string, el float64, tok int) {
		recs = append(recs, Record{ModelID: model, BudgetTokens: b, Effort: eff, ElapsedSeconds: el, TotalTokens: tok, TotalCostUSD: float64(tok) * 5e-6, TokensPerSecond: float64(tok) / el})
	}
	add("anthropic.claude-opus-4-7", 0, "low", 3.1, 400)
	add("anthropic.claude-opus-4-7", 0, "high", 9.1, 1500)
	add("anthropic.claude-opus-4-7", 0, "high", 11.1, 1700)
	add("anthropic.claude-opus-4-7", 0, "max", 20.1, 5000)
	add("anthropic.claude-sonnet-4-5", 0, "", 1.5, 250)
	add("anthropic.claude-sonnet-4-5", 1024, "", 4.5, 900)
	add("anthropic.claude-sonnet-4-5", 4096, "", 8.5, 2900)
	b, err := TradeoffChart(recs, ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/mixed.png", b, 0o644)
}

func TestScratchReport(t *testing.T) {
	recs := sampleSweep()
	png, _ := TradeoffChart(recs, ChartOptions{Simulated: true})
	df := SweepFrame(recs)
	lo, hi, _ := SmallestAndLargest(recs)
	lo.Answer = "## Plan\n\nMake **100 A** and 0 B? No: `2A + B = 200`.\n\n| a | b |\n|---|---|\n| 1 \\| 2 | <script>x</script> |\n\n- one\n- two\n\n```\ncode <b>\n```"
	r := Report{Title: "Sweep", Backend: "localbedrock emulator", Models: "claude", Simulated: true, Sections: []Section{
		{Heading: "Budget sweep", Intro: "Five budgets.", Table: &df},
		{Heading: "Trade-offs", PNG: png},
		{Heading: "Quality", Markdown: CompareMarkdown(lo, hi)},
	}}
	if err := WriteReport("/tmp/report.html", r); err != nil {
		t.Fatal(err)
	}
}
