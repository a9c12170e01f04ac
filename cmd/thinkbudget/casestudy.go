package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/thinkbudget/thinkbudget/analysis"
	"github.com/thinkbudget/thinkbudget/experiments"
	"github.com/thinkbudget/thinkbudget/lesson"
)

type caseStudyFlags struct {
	lessonRunFlags
	prompt       string
	promptFile   string
	answerTokens int
}

func newCaseStudyCommand() *cobra.Command {
	var f caseStudyFlags
	cmd := &cobra.Command{
		Use:   "case-study",
		Short: "Test half, the recommended and double thinking on one prompt",
		Long: `case-study classifies a prompt, takes the allocator's recommended
thinking, and answers at half, the recommended and double the budget
(at least 1,024, at most 16,384), or at the effort levels around the
recommended one. It writes case_study.csv, case_study.json and
case_study.png into --out and prints recommendations. The answering
calls are journaled and cached as in sweep (--resume, --cache).`,
		RunE: func(cmd *cobra.Command, _ []string) error { return runCaseStudy(cmd, &f) },
	}
	f.lessonFlags.register(cmd)
	f.recordFlags.register(cmd)
	fs := cmd.Flags()
	fs.StringVar(&f.prompt, "prompt", "", "prompt text (default: the lesson's carbon-plan problem)")
	fs.StringVar(&f.promptFile, "prompt-file", "", "read the prompt from this file")
	fs.IntVar(&f.answerTokens, "answer-tokens", lesson.CaseStudyAnswerTokens, "room for the answer on top of each budget")
	return cmd
}

func runCaseStudy(cmd *cobra.Command, f *caseStudyFlags) error {
	prompt, err := readPrompt(cmd, f.prompt, f.promptFile, lesson.CarbonPlan)
	if err != nil {
		return err
	}
	if f.answerTokens < 1 {
		return usagef("--answer-tokens %d: must be at least 1", f.answerTokens)
	}
	env, rec, closeAll, err := f.openRecorded(cmd)
	if err != nil {
		return err
	}
	rec.SetExperiment(analysis.ExperimentCaseStudy)
	env.Runner.Progress = newProgress(cmd.ErrOrStderr(), "case study", 3).done

	cs, runErr := experiments.CaseStudy(cmd.Context(), env, prompt, f.answerTokens)
	if err := closeAll(); err != nil && runErr == nil {
		runErr = err
	}
	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "complexity %s, recommended %s\n", cs.Classification.Complexity, cs.Decision.Thinking)
	if len(cs.Records) == 0 {
		return runErr
	}
	if err := analysis.WriteCSV(outPath(f.out, experiments.FileCaseStudyCSV), analysis.CaseStudyFrame(cs.Records)); err != nil {
		return err
	}
	if err := analysis.WriteJSON(outPath(f.out, experiments.FileCaseStudyJSON), cs); err != nil {
		return err
	}
	simulated := env.Simulated() || analysis.AnySimulated(cs.Records)
	png, err := analysis.CaseStudyChart(cs.Records, analysis.ChartOptions{Simulated: simulated})
	if err != nil {
		return err
	}
	if err := analysis.WriteFileAtomic(outPath(f.out, experiments.FileCaseStudyChart), png, 0o644); err != nil {
		return err
	}
	if simulated {
		fmt.Fprintln(out, "(SIMULATED by the built-in emulator; not Bedrock measurements)")
	}
	fmt.Fprint(out, experiments.Recommendations(cs.Records))
	fmt.Fprint(out, "\n"+experiments.Previews(cs.Records))
	return runErr
}
