package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/thinkbudget/thinkbudget/analysis"
	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
)

// Files written by the sweep command.
const (
	sweepCSV   = "sweep.csv"
	sweepJSON  = "sweep.json"
	sweepChart = "sweep_tradeoffs.png"
)

type sweepFlags struct {
	backendFlags
	recordFlags
	budgets      string
	efforts      string
	maxTokens    int
	answerTokens int
	prompt       string
	promptFile   string
	stream       bool
}

func newSweepCommand() *cobra.Command {
	var f sweepFlags
	cmd := &cobra.Command{
		Use:   "sweep",
		Short: "Run one prompt at several thinking budgets and chart time, tokens and cost",
		Long: `sweep sends one prompt at each thinking budget and reports, per budget,
the response time, input/output/total tokens, cost and tokens per second.
It prints the table, and writes sweep.csv, sweep.json (with the full
answers and thinking) and sweep_tradeoffs.png into --out.

Every finished call is appended to journal.jsonl in --out as it finishes;
after a crash or an interrupt, --resume reuses those results and sends
only the calls that are missing. Without --resume a fresh journal starts,
and the last one is kept as journal.jsonl.prev. --cache rw keeps every
response in a cache folder and answers from it when the same request
comes again; --cache replay answers only from it and never calls the
model. Results are reused only on the backend that produced them.

The default prompt is a small production-planning problem whose best
profit is $3,000.`,
		RunE: func(cmd *cobra.Command, _ []string) error { return runSweep(cmd, &f) },
	}
	f.backendFlags.register(cmd, "out")
	f.recordFlags.register(cmd)
	fs := cmd.Flags()
	fs.StringVar(&f.budgets, "budgets", "1024,2048,4096,8192,16384", "comma-separated thinking budgets in tokens, each >= 1024")
	// A sweep asks no classifier.
	fs.MarkHidden("small-model")
	fs.StringVar(&f.efforts, "efforts", "",
		"sweep adaptive effort levels instead of budgets, e.g. low,medium,high,xhigh,max (for models that take efforts)")
	fs.IntVar(&f.maxTokens, "max-tokens", 0,
		"max tokens for every call, thinking included (default: each budget + --answer-tokens)")
	fs.IntVar(&f.answerTokens, "answer-tokens", analysis.DefaultAnswerTokens, "room for the answer on top of each budget")
	fs.StringVar(&f.prompt, "prompt", "", "prompt text (default: the lesson's production-planning problem)")
	fs.StringVar(&f.promptFile, "prompt-file", "", "read the prompt from this file")
	fs.BoolVar(&f.stream, "stream", false, "use ConverseStream for every call (calls above 21,333 max tokens always stream)")
	return cmd
}

func runSweep(cmd *cobra.Command, f *sweepFlags) error {
	// Everything that can be checked without a call is checked first.
	if err := f.backendFlags.check(); err != nil {
		return err
	}
	if err := f.recordFlags.check(cmd); err != nil {
		return err
	}
	if cmd.Flags().Changed("max-tokens") && cmd.Flags().Changed("answer-tokens") {
		return usagef("--max-tokens and --answer-tokens conflict: give one")
	}
	if f.answerTokens < 1 {
		return usagef("--answer-tokens %d: must be at least 1", f.answerTokens)
	}
	if cmd.Flags().Changed("max-tokens") && f.maxTokens < 1 {
		return usagef("--max-tokens %d: must be at least 1", f.maxTokens)
	}
	var budgets []int
	var efforts []claudeutils.Effort
	var err error
	if cmd.Flags().Changed("efforts") {
		if cmd.Flags().Changed("budgets") {
			return usagef("--budgets and --efforts conflict: give one")
		}
		if efforts, err = claudeutils.ParseEfforts(f.efforts); err != nil {
			return usagef("--efforts: %v", err)
		}
	} else if budgets, err = claudeutils.ParseBudgets(f.budgets); err != nil {
		return usagef("--budgets: %v", err)
	}
	prompt, err := readPrompt(cmd, f.prompt, f.promptFile, lesson.ProductionPlanning)
	if err != nil {
		return err
	}
	cfg := analysis.SweepConfig{
		ModelID: f.model, Prompt: prompt, BudgetTokens: budgets, Efforts: efforts,
		AnswerTokens: f.answerTokens, MaxTokens: f.maxTokens, Stream: f.stream,
	}
	if prompt == lesson.ProductionPlanning {
		cfg.Grade = lesson.GradeProductionPlanning
	}
	for _, c := range analysis.SweepCalls(cfg) {
		if err := checkRequest(c.Request); err != nil {
			if errors.Is(err, claudeutils.ErrBudgetNotSupported) {
				return usagef("%v; sweep effort levels instead with --efforts low,medium,high,xhigh,max", err)
			}
			return err
		}
	}
	cache, err := f.openCache()
	if err != nil {
		return err
	}
	if err := prepareOutDir(f.out); err != nil {
		return err
	}

	ctx := cmd.Context()
	stderr := cmd.ErrOrStderr()
	s, err := f.open(ctx, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	rec, closeRec, err := f.openRecorder(stderr, f.out, cache, s, false)
	if err != nil {
		return err
	}

	r := f.runner(s)
	rec.Attach(r)
	rec.SetExperiment(analysis.ExperimentSweep)
	r.Progress = newProgress(stderr, "sweep", len(budgets)+len(efforts)).done
	recs, runErr := analysis.RunSweep(ctx, r, cfg, s.Simulated())
	closeErr := closeRec()
	if len(recs) > 0 {
		if err := writeSweep(cmd.OutOrStdout(), stderr, f.out, recs,
			s.Simulated() || analysis.AnySimulated(recs)); err != nil {
			return err
		}
	}
	if runErr != nil {
		return runErr
	}
	return closeErr
}

// writeSweep prints the table and writes the sweep's three files.
func writeSweep(stdout, stderr io.Writer, dir string, recs []analysis.Record, simulated bool) error {
	printSweepTable(stdout, recs, simulated)
	if err := analysis.WriteCSV(outPath(dir, sweepCSV), analysis.SweepFrame(recs)); err != nil {
		return err
	}
	if err := analysis.WriteJSON(outPath(dir, sweepJSON), recs); err != nil {
		return err
	}
	png, err := analysis.TradeoffChart(recs, analysis.ChartOptions{Simulated: simulated})
	if err != nil {
		return fmt.Errorf("draw trade-off chart: %w", err)
	}
	if err := analysis.WriteFileAtomic(outPath(dir, sweepChart), png, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s, %s, %s in %s\n", sweepCSV, sweepJSON, sweepChart, dir)
	return nil
}

// printSweepTable prints the sweep as an aligned table, and the most
// efficient budget under it.
func printSweepTable(w io.Writer, recs []analysis.Record, simulated bool) {
	if simulated {
		fmt.Fprintln(w, "Budget sweep (SIMULATED by the built-in emulator; not Bedrock measurements)")
	} else {
		fmt.Fprintln(w, "Budget sweep")
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "thinking\tseconds\tinput\toutput\ttotal\tcost USD\ttokens/s\tstop\tright answer\t")
	for _, r := range recs {
		fmt.Fprintf(tw, "%s\t%.2f\t%d\t%d\t%d\t%.6f\t%.1f\t%s\t%s\t\n", settingOf(r), r.ElapsedSeconds,
			r.InputTokens, r.OutputTokens, r.TotalTokens, r.TotalCostUSD, r.TokensPerSecond, r.StopReason,
			gradeCell(r.Correct))
	}
	tw.Flush()
	if best, ok := analysis.MostEfficient(recs); ok {
		fmt.Fprintf(w, "Most efficient setting: %s (%.1f tokens/s; %d tokens in %.2f s for $%.6f)\n",
			settingOf(best), best.TokensPerSecond, best.TotalTokens, best.ElapsedSeconds, best.TotalCostUSD)
	}
	var right []analysis.Record
	graded := false
	for _, r := range recs {
		graded = graded || r.Correct != nil
		if r.Correct != nil && *r.Correct {
			right = append(right, r)
		}
	}
	switch cheap, ok := analysis.Cheapest(right); {
	case ok:
		fmt.Fprintf(w, "Cheapest right answer:  %s ($%.6f, %.2f s)\n", settingOf(cheap), cheap.TotalCostUSD, cheap.ElapsedSeconds)
	case graded:
		fmt.Fprintln(w, "No setting gave the right answer.")
	}
}

// settingOf shows a record's thinking setting: the budget in tokens, the
// effort level, or "off".
func settingOf(r analysis.Record) string {
	switch {
	case r.BudgetTokens > 0:
		return strconv.Itoa(r.BudgetTokens)
	case r.Effort != "":
		return r.Effort
	}
	return "off"
}

// gradeCell shows whether an answer was right: "yes", "no", or "-" when
// the prompt has no automatic check.
func gradeCell(c *bool) string {
	switch {
	case c == nil:
		return "-"
	case *c:
		return "yes"
	}
	return "no"
}
