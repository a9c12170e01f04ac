package main

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/thinkbudget/thinkbudget/allocator"
	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/experiments"
	"github.com/thinkbudget/thinkbudget/runner"
)

// lessonFlags are the flags of the commands that classify and allocate.
type lessonFlags struct {
	backendFlags
	history      string
	noHistory    bool
	preferEffort bool
}

func (f *lessonFlags) register(cmd *cobra.Command) {
	f.backendFlags.register(cmd, "out")
	fs := cmd.Flags()
	fs.StringVar(&f.history, "history", "", "performance-history database (default: $"+allocator.HistoryEnv+", then the user cache folder)")
	fs.BoolVar(&f.noHistory, "no-history", false, "do not record runs in the performance history")
	fs.BoolVar(&f.preferEffort, "prefer-effort", false, "on models that take both, allocate effort levels instead of budgets")
}

// openEnv opens the backend and the history for an experiment.
func (f *lessonFlags) openEnv(cmd *cobra.Command) (*experiments.Env, func(), error) {
	if err := f.check(); err != nil {
		return nil, nil, err
	}
	if f.noHistory && f.history != "" {
		return nil, nil, usagef("--history and --no-history conflict: give one")
	}
	for _, id := range []string{f.model, f.smallModel} {
		if err := checkModel(id); err != nil {
			return nil, nil, err
		}
	}
	var hist *allocator.History
	if !f.noHistory {
		path := f.history
		if path == "" {
			p, err := allocator.DefaultPath()
			if err != nil {
				return nil, nil, err
			}
			path = p
		}
		h, err := allocator.Open(path)
		if err != nil {
			return nil, nil, usagef("--history: %v", err)
		}
		hist = h
	}
	s, err := f.open(cmd.Context(), cmd.ErrOrStderr())
	if err != nil {
		if hist != nil {
			hist.Close()
		}
		return nil, nil, err
	}
	env := experiments.NewEnv(s)
	env.Runner = f.runner(s)
	env.History = hist
	env.PreferEffort = f.preferEffort
	closeAll := func() {
		s.Close()
		if hist != nil {
			hist.Close()
		}
	}
	return env, closeAll, nil
}

// checkModel refuses a model the registry does not know or that has
// reached end of life, before any call.
func checkModel(id string) error {
	return checkRequest(claudeutils.Request{ModelID: id, Prompt: "model check", MaxTokens: 1})
}

// lessonRunFlags are the lesson command's flags.
type lessonRunFlags struct {
	lessonFlags
	recordFlags
}

func newLessonCommand() *cobra.Command {
	var f lessonRunFlags
	cmd := &cobra.Command{
		Use:   "lesson",
		Short: "Run every part of the thinking-budget lesson and write a report",
		Long: `lesson runs the lesson's experiments in order: the budget sweep with its
chart and the smallest-vs-largest comparison, the classifier and allocator
on four prompts of rising complexity, the allocation strategy chart, and
the carbon-plan case study. Each part's CSV, JSON and PNG files are written
as soon as it finishes; report.html, written last, holds them all and opens
offline in any browser.

The answering calls of every part go into one journal.jsonl in --out, its
experiment field naming the part; --resume and --cache work as in sweep.`,
		RunE: func(cmd *cobra.Command, _ []string) error { return runLesson(cmd, &f) },
	}
	f.lessonFlags.register(cmd)
	f.recordFlags.register(cmd)
	return cmd
}

// openRecorded checks the flags, proves --out writable, opens the backend
// and the history, and attaches the run journal (and any response cache)
// to the runner, all before the first call. closeAll closes the journal,
// then the backend and the history; its error is the journal's.
func (f *lessonRunFlags) openRecorded(cmd *cobra.Command) (*experiments.Env, *runner.Recorder, func() error, error) {
	if err := f.backendFlags.check(); err != nil {
		return nil, nil, nil, err
	}
	if err := f.recordFlags.check(cmd); err != nil {
		return nil, nil, nil, err
	}
	cache, err := f.openCache()
	if err != nil {
		return nil, nil, nil, err
	}
	// The models and the history are checked before --out is created,
	// so a usage error leaves no folder behind.
	env, closeEnv, err := f.openEnv(cmd)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := prepareOutDir(f.out); err != nil {
		closeEnv()
		return nil, nil, nil, err
	}
	rec, closeRec, err := f.openRecorder(cmd.ErrOrStderr(), f.out, cache, env.Session, true)
	if err != nil {
		closeEnv()
		return nil, nil, nil, err
	}
	rec.Attach(env.Runner)
	closeAll := func() error {
		err := closeRec()
		closeEnv()
		return err
	}
	return env, rec, closeAll, nil
}

func runLesson(cmd *cobra.Command, f *lessonRunFlags) error {
	env, rec, closeAll, err := f.openRecorded(cmd)
	if err != nil {
		return err
	}
	stderr := cmd.ErrOrStderr()
	progress := partProgress(stderr)
	start := time.Now()
	res, runErr := experiments.RunLesson(cmd.Context(), env, experiments.LessonConfig{
		OutDir: f.out,
		Progress: func(part string, n int) func(int, int, runner.Outcome) {
			rec.SetExperiment(experimentOf(part))
			return progress(part, n)
		},
		Notef: func(format string, args ...any) { fmt.Fprintf(stderr, "  "+format+"\n", args...) },
	})
	if err := closeAll(); err != nil && runErr == nil {
		runErr = err
	}
	printLessonSummary(cmd.OutOrStdout(), env, res)
	took := time.Since(start).Round(time.Millisecond)
	switch {
	case cmd.Context().Err() != nil:
		fmt.Fprintf(stderr, "lesson interrupted after %s; rerun with --resume to finish it\n", took)
	case res != nil && slices.Contains(res.Files, experiments.FileReport):
		fmt.Fprintf(stderr, "lesson finished in %s; open %s\n", took, outPath(f.out, experiments.FileReport))
	default:
		fmt.Fprintf(stderr, "lesson stopped after %s without a report\n", took)
	}
	return runErr
}

// partProgress returns the progress printer for each part.
func partProgress(w io.Writer) func(string, int) func(int, int, runner.Outcome) {
	return func(part string, n int) func(int, int, runner.Outcome) {
		return newProgress(w, part, n).done
	}
}

// printLessonSummary prints the headline numbers of each part.
func printLessonSummary(w io.Writer, env *experiments.Env, res *experiments.LessonResult) {
	if res == nil {
		return
	}
	simulated := env.Simulated() || res.Simulated()
	if simulated {
		fmt.Fprintln(w, "All numbers below are SIMULATED by the built-in emulator, not Bedrock measurements.")
	}
	if len(res.Sweep) > 0 {
		printSweepTable(w, res.Sweep, simulated)
	}
	if len(res.Allocation.Rows) > 0 {
		fmt.Fprintln(w, "\nAllocation test")
		for _, r := range res.Allocation.Rows {
			fmt.Fprintf(w, "  %-15s %-13s thinking=%-5v budget=%-5d time-sensitive=%-5d %6.2f s %6d tokens $%.6f\n",
				r.Prompt, r.Complexity, r.Thinking, r.BudgetTokens, r.TimeSensitiveBudgetTokens,
				r.ElapsedSeconds, r.TotalTokens, r.TotalCostUSD)
		}
	}
	if len(res.CaseStudy.Records) > 0 {
		fmt.Fprintf(w, "\nCase study (classified %s, recommended %s)\n",
			res.CaseStudy.Classification.Complexity, res.CaseStudy.Decision.Thinking)
		fmt.Fprint(w, experiments.Recommendations(res.CaseStudy.Records))
	}
}
