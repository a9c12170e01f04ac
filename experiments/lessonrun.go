package experiments

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/thinkbudget/thinkbudget/allocator"
	"github.com/thinkbudget/thinkbudget/analysis"
	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/runner"
)

// Files the lesson writes into its output folder.
const (
	FileSweepCSV       = "sweep.csv"
	FileSweepJSON      = "sweep.json"
	FileSweepChart     = "sweep_tradeoffs.png"
	FileComparison     = "comparison.md"
	FileAllocationCSV  = "allocation.csv"
	FileAllocationJSON = "allocation.json"
	FileStrategyChart  = "allocation_strategy.png"
	FileCaseStudyCSV   = "case_study.csv"
	FileCaseStudyJSON  = "case_study.json"
	FileCaseStudyChart = "case_study.png"
	FileReport         = "report.html"
)

// LessonConfig says where the lesson writes and how it reports progress.
type LessonConfig struct {
	OutDir string
	// Progress, when set, returns the runner progress function for a
	// part about to make calls.
	Progress func(part string, calls int) func(done, total int, o runner.Outcome)
	// Notef, when set, receives one line per step, e.g. a file written.
	Notef func(format string, args ...any)
}

// LessonResult holds every part of the lesson that finished.
type LessonResult struct {
	Sweep      []analysis.Record
	Comparison string
	Allocation AllocationResult
	Strategy   []analysis.StrategyRow
	CaseStudy  CaseStudyResult
	Summaries  []allocator.Summary
	Files      []string
}

// Simulated reports whether any answer in the result came from the
// built-in emulator, even one reached through an endpoint URL.
func (r *LessonResult) Simulated() bool {
	return analysis.AnySimulated(r.Sweep) || analysis.AnySimulated(r.Allocation.Records) ||
		analysis.AnySimulated(r.CaseStudy.Records)
}

// RunLesson runs every part of the lesson in its order, writing each
// part's files as soon as the part finishes, and last the HTML report of
// all that finished. A failed part does not stop the parts after it; the
// error lists every part that failed.
func RunLesson(ctx context.Context, env *Env, cfg LessonConfig) (*LessonResult, error) {
	res := &LessonResult{}
	var errs []error
	note := func(format string, args ...any) {
		if cfg.Notef != nil {
			cfg.Notef(format, args...)
		}
	}
	progress := func(part string, n int) {
		env.Runner.Progress = nil
		if cfg.Progress != nil {
			env.Runner.Progress = cfg.Progress(part, n)
		}
	}
	path := func(name string) string { return filepath.Join(cfg.OutDir, name) }
	write := func(name string, f func(string) error) {
		if err := f(path(name)); err != nil {
			errs = append(errs, err)
			return
		}
		res.Files = append(res.Files, name)
		note("wrote %s", path(name))
	}
	chartOpt := analysis.ChartOptions{Simulated: env.Simulated()}

	// Parts 1 to 3: the sweep, its chart and the min-vs-max comparison.
	sweepCfg := analysis.SweepConfig{
		ModelID: env.Session.Config.ModelID, Prompt: lesson.ProductionPlanning,
		BudgetTokens: lesson.SweepBudgets, Grade: lesson.GradeProductionPlanning,
	}
	// Models that take only an effort level are swept over the levels.
	if m, err := env.Model(); err == nil && m.Thinking == claudeutils.AdaptiveOnly {
		sweepCfg.BudgetTokens, sweepCfg.Efforts = nil, claudeutils.Efforts
	}
	progress("budget sweep", len(sweepCfg.BudgetTokens)+len(sweepCfg.Efforts))
	sweep, err := analysis.RunSweep(ctx, env.Runner, sweepCfg, env.Simulated())
	if err != nil {
		errs = append(errs, err)
	}
	res.Sweep = sweep
	if len(sweep) > 0 {
		write(FileSweepCSV, func(p string) error { return analysis.WriteCSV(p, analysis.SweepFrame(sweep)) })
		write(FileSweepJSON, func(p string) error { return analysis.WriteJSON(p, sweep) })
		write(FileSweepChart, func(p string) error { return writeChart(p, analysis.TradeoffChart, sweep, chartOpt) })
		if lo, hi, ok := analysis.SmallestAndLargest(sweep); ok {
			res.Comparison = analysis.CompareMarkdown(lo, hi)
			write(FileComparison, func(p string) error {
				return analysis.WriteFileAtomic(p, []byte(res.Comparison), 0o644)
			})
		}
	}
	if ctx.Err() != nil {
		return res, errors.Join(append(errs, ctx.Err())...)
	}

	// Parts 4 to 6: classifier, allocator and the allocation test.
	progress("allocation test", len(lesson.AllocationPrompts))
	alloc, err := AllocationTest(ctx, env, lesson.AllocationPrompts)
	if err != nil {
		errs = append(errs, err)
	}
	res.Allocation = alloc
	if len(alloc.Rows) > 0 {
		write(FileAllocationCSV, func(p string) error { return analysis.WriteCSV(p, analysis.AllocationFrame(alloc.Rows)) })
		write(FileAllocationJSON, func(p string) error { return analysis.WriteJSON(p, alloc) })
	}

	// Part 7: the strategy chart, from the rules alone.
	res.Strategy = StrategyRows()
	write(FileStrategyChart, func(p string) error {
		png, err := analysis.StrategyChart(res.Strategy, analysis.ChartOptions{})
		if err != nil {
			return fmt.Errorf("draw strategy chart: %w", err)
		}
		return analysis.WriteFileAtomic(p, png, 0o644)
	})
	if ctx.Err() != nil {
		return res, errors.Join(append(errs, ctx.Err())...)
	}

	// Part 8: the case study.
	progress("case study", 3)
	cs, err := CaseStudy(ctx, env, lesson.CarbonPlan, lesson.CaseStudyAnswerTokens)
	if err != nil {
		errs = append(errs, err)
	}
	res.CaseStudy = cs
	if len(cs.Records) > 0 {
		write(FileCaseStudyCSV, func(p string) error { return analysis.WriteCSV(p, analysis.CaseStudyFrame(cs.Records)) })
		write(FileCaseStudyJSON, func(p string) error { return analysis.WriteJSON(p, cs) })
		write(FileCaseStudyChart, func(p string) error { return writeChart(p, analysis.CaseStudyChart, cs.Records, chartOpt) })
	}

	if env.History != nil {
		if s, err := env.History.Summaries(ctx); err == nil {
			res.Summaries = s
		} else {
			errs = append(errs, err)
		}
	}

	write(FileReport, func(p string) error { return analysis.WriteReport(p, LessonReport(env, res)) })
	return res, errors.Join(errs...)
}

// writeChart draws recs with draw and writes the PNG atomically.
func writeChart(path string, draw func([]analysis.Record, analysis.ChartOptions) ([]byte, error),
	recs []analysis.Record, opt analysis.ChartOptions) error {
	png, err := draw(recs, opt)
	if err != nil {
		return fmt.Errorf("draw %s: %w", filepath.Base(path), err)
	}
	return analysis.WriteFileAtomic(path, png, 0o644)
}

// LessonReport lays out the lesson's results as one report.
func LessonReport(env *Env, res *LessonResult) analysis.Report {
	chartOpt := analysis.ChartOptions{Simulated: env.Simulated()}
	rep := analysis.Report{
		Title:     "Thinking budgets on Claude: the lesson's experiments",
		Backend:   env.Session.Describe(),
		Models:    fmt.Sprintf("answers: %s; classifier: %s", env.Session.Config.ModelID, env.Session.Config.SmallModelID),
		Simulated: env.Simulated() || res.Simulated(),
		Generated: time.Now(),
	}
	add := func(s analysis.Section) { rep.Sections = append(rep.Sections, s) }

	if len(res.Sweep) > 0 {
		df := analysis.SweepFrame(res.Sweep)
		png, _ := analysis.TradeoffChart(res.Sweep, chartOpt)
		add(analysis.Section{
			Heading: "1. Budget sweep",
			Intro: "One production-planning problem (best profit: $3,000) at budgets from 1,024 to 16,384 tokens. " +
				"Elapsed seconds are the server's latency when the backend reports one.",
			Table: &df, PNG: png, ImageAlt: "Response time, total tokens, cost and tokens per second against the budget",
		})
		if best, ok := analysis.MostEfficient(res.Sweep); ok {
			add(analysis.Section{Heading: "2. Most efficient budget", Markdown: fmt.Sprintf(
				"The highest tokens per second came at **%s**: %.1f tokens/s, %d tokens in %.1f s for $%.4f.\n\n%s",
				best.Thinking, best.TokensPerSecond, best.TotalTokens, best.ElapsedSeconds, best.TotalCostUSD,
				gradeSummary(res.Sweep))})
		}
	}
	if res.Comparison != "" {
		add(analysis.Section{Heading: "3. Smallest and largest budget, side by side", Markdown: res.Comparison})
	}
	if len(res.Allocation.Rows) > 0 {
		df := analysis.AllocationFrame(res.Allocation.Rows)
		add(analysis.Section{
			Heading: "4–6. Allocation test: classify, allocate, answer",
			Intro: fmt.Sprintf("A small model classified each prompt (classifier calls cost $%.6f in all, counted here); "+
				"the allocator chose the thinking; the answering model replied with 1,000 tokens of answer room.",
				res.Allocation.ClassifierCostUSD()),
			Table: &df,
		})
	}
	if len(res.Strategy) > 0 {
		png, _ := analysis.StrategyChart(res.Strategy, analysis.ChartOptions{})
		add(analysis.Section{
			Heading: "7. Allocation strategy", PNG: png,
			Intro:    "Budgets per complexity in three scenarios, from the allocator's rules alone (no model calls).",
			Markdown: "How a budget becomes an effort level on models that take one:\n\n" + allocator.Table(),
		})
	}
	if len(res.CaseStudy.Records) > 0 {
		df := analysis.CaseStudyFrame(res.CaseStudy.Records)
		png, _ := analysis.CaseStudyChart(res.CaseStudy.Records, chartOpt)
		cl := res.CaseStudy.Classification
		add(analysis.Section{
			Heading: "8. Case study: a city's carbon plan",
			Intro: fmt.Sprintf("Classified as **%s**; recommended setting **%s**. Tested below, at and above it, "+
				"each with 1,500 tokens of answer room.", cl.Complexity, res.CaseStudy.Decision.Thinking),
			Table: &df, PNG: png,
			Markdown: "### Recommendations\n\n" + Recommendations(res.CaseStudy.Records) +
				"\n### Answer previews\n\n" + Previews(res.CaseStudy.Records),
		})
	}
	if len(res.Summaries) > 0 {
		add(analysis.Section{Heading: "Performance history", Table: summaryFrame(res.Summaries),
			Intro: "Every answered task so far, from the history database, by complexity."})
	}
	add(analysis.Section{Heading: "9. Practices", Markdown: practices})
	return rep
}

// gradeSummary says which settings reached the right profit, the one
// measure of quality here that does not need a reader.
func gradeSummary(recs []analysis.Record) string {
	var right, wrong []string
	for _, r := range recs {
		switch {
		case r.Correct == nil:
		case *r.Correct:
			right = append(right, r.Thinking)
		default:
			wrong = append(wrong, r.Thinking)
		}
	}
	if len(right)+len(wrong) == 0 {
		return ""
	}
	list := func(s []string) string {
		if len(s) == 0 {
			return "none"
		}
		return strings.Join(s, ", ")
	}
	return fmt.Sprintf("Answers ending on the right profit ($3,000): %s. Wrong: %s. "+
		"Efficiency says nothing about this; the cheapest right answer is the one to aim for.",
		list(right), list(wrong))
}

// summaryFrame lays out history summaries as a table.
func summaryFrame(s []allocator.Summary) *dataframe.DataFrame {
	n := len(s)
	complexity, count := make([]string, n), make([]int, n)
	mean, p90, cost, cut := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i, x := range s {
		complexity[i], count[i] = string(x.Complexity), x.Count
		mean[i], p90[i], cost[i], cut[i] = x.MeanSeconds, x.P90Seconds, x.MeanCostUSD, x.MaxTokensShare
	}
	df := dataframe.New(
		series.New(complexity, series.String, "complexity"),
		series.New(count, series.Int, "runs"),
		series.New(mean, series.Float, "mean_seconds"),
		series.New(p90, series.Float, "p90_seconds"),
		series.New(cost, series.Float, "mean_cost_usd"),
		series.New(cut, series.Float, "share_cut_at_max_tokens"),
	)
	return &df
}

const practices = `- **Time-sensitive apps:** no extended thinking for simple and medium tasks; 1,024 to 2,048 tokens for complex ones. Answer quickly first and go deeper when asked.
- **Depth first:** think on everything but the simplest tasks; 4,096 tokens or more for complex ones, raising the budget step by step while the answers improve.
- **Cost-sensitive apps:** think only on complex tasks, cap the budget at the most efficient size you measured, and cache answers to common questions.
- **Balanced:** allocate per task as above, keep the history of what each setting cost, and adjust the rules from what it shows.`
