package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/thinkbudget/thinkbudget/allocator"
	"github.com/thinkbudget/thinkbudget/experiments"
	"github.com/thinkbudget/thinkbudget/lesson"
)

type allocateFlags struct {
	lessonFlags
	prompt          string
	promptFile      string
	timeSensitive   bool
	costConstrained bool
	answer          bool
	answerTokens    int
	asJSON          bool
}

func newAllocateCommand() *cobra.Command {
	var f allocateFlags
	cmd := &cobra.Command{
		Use:   "allocate",
		Short: "Classify a prompt with the small model and allocate its thinking",
		Long: `allocate asks the small model how complex a prompt is (simple, medium,
complex or very_complex) and prints the thinking the allocator gives it:
a budget, or an effort level on models that take only adaptive thinking.
With --answer it also answers the prompt with that setting and records
the run in the performance history.`,
		RunE: func(cmd *cobra.Command, _ []string) error { return runAllocate(cmd, &f) },
	}
	f.lessonFlags.register(cmd)
	// allocate prints and writes no files.
	cmd.Flags().MarkHidden("out")
	fs := cmd.Flags()
	fs.StringVar(&f.prompt, "prompt", "", "prompt text (default: the lesson's carbon-plan case study)")
	fs.StringVar(&f.promptFile, "prompt-file", "", "read the prompt from this file")
	fs.BoolVar(&f.timeSensitive, "time-sensitive", false, "the answer is needed quickly: lower the budget of complex tasks")
	fs.BoolVar(&f.costConstrained, "cost-constrained", false, "halve the budget, never below 1,024 while thinking")
	fs.BoolVar(&f.answer, "answer", false, "also answer the prompt with the allocated thinking")
	fs.IntVar(&f.answerTokens, "answer-tokens", lesson.AllocationAnswerTokens, "room for the answer on top of the budget")
	fs.BoolVar(&f.asJSON, "json", false, "print the classification and decision as JSON")
	return cmd
}

func runAllocate(cmd *cobra.Command, f *allocateFlags) error {
	prompt, err := readPrompt(cmd, f.prompt, f.promptFile, lesson.CarbonPlan)
	if err != nil {
		return err
	}
	if f.answerTokens < 1 {
		return usagef("--answer-tokens %d: must be at least 1", f.answerTokens)
	}
	env, closeAll, err := f.openEnv(cmd)
	if err != nil {
		return err
	}
	defer closeAll()
	if !f.answer {
		env.History = nil
	}

	ctx := cmd.Context()
	cl, d, err := experiments.Allocate(ctx, env, prompt, f.timeSensitive, f.costConstrained)
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	if f.asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Classification allocator.Classification `json:"classification"`
			Decision       allocator.Decision       `json:"decision"`
			Thinking       string                   `json:"thinking"`
		}{cl, d, d.Thinking.String()}); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(out, "complexity: %s (raw reply %q", cl.Complexity, cl.Raw)
		if cl.FellBack {
			fmt.Fprintf(out, "; fell back to medium: %s", cl.FallbackReason)
		}
		fmt.Fprintf(out, "; classifier cost $%.6f, %.2f s)\n", cl.Cost.TotalUSD, cl.Elapsed.Seconds())
		fmt.Fprintf(out, "thinking:   %s\nreason:     %s\n", d.Thinking, d.Reason)
	}
	if !f.answer {
		return nil
	}
	res, err := experiments.Answer(ctx, env, prompt, cl, d, f.answerTokens)
	if err != nil {
		return err
	}
	if env.Simulated() {
		fmt.Fprintln(out, "\n(simulated answer from the built-in emulator)")
	}
	fmt.Fprintf(out, "\n%s\n\n%.2f s, %d tokens, $%.6f (with classification $%.6f), stop %s\n",
		res.Answer, res.Elapsed().Seconds(), res.Usage.TotalTokens, res.Cost.TotalUSD,
		res.Cost.TotalUSD+cl.Cost.TotalUSD, res.StopReason)
	return nil
}
