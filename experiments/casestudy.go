package experiments

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/thinkbudget/thinkbudget/allocator"
	"github.com/thinkbudget/thinkbudget/analysis"
	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/runner"
)

// PreviewRunes is how much of each case-study answer the preview shows.
const PreviewRunes = 300

// CaseStudyResult is the case study: the prompt's classification and
// recommended setting, and one record per tested setting.
type CaseStudyResult struct {
	Classification allocator.Classification
	Decision       allocator.Decision
	// Settings are the thinking settings tested, in order: below, at and
	// above the recommendation.
	Settings []claudeutils.Thinking
	Records  []analysis.Record
}

// CaseStudySettings returns the settings the case study tests around a
// decision. With budgets: half the recommended budget (at least 1,024),
// the budget, and double it (at most lesson.MaxCaseStudyBudget); a
// decision without thinking is tested from the 1,024 minimum up. With
// effort levels: the level below, the level, and the level above.
// Duplicates are dropped.
func CaseStudySettings(d allocator.Decision) []claudeutils.Thinking {
	if d.Thinking.Mode == claudeutils.ThinkingAdaptive {
		i := slices.Index(claudeutils.Efforts, d.Thinking.Effort)
		lo, hi := max(i-1, 0), min(i+1, len(claudeutils.Efforts)-1)
		var out []claudeutils.Thinking
		for _, e := range claudeutils.Efforts[lo : hi+1] {
			out = append(out, claudeutils.Adaptive(e))
		}
		return out
	}
	rec := max(d.BudgetTokens, claudeutils.MinBudgetTokens)
	budgets := []int{
		max(rec/2, claudeutils.MinBudgetTokens),
		rec,
		min(rec*2, lesson.MaxCaseStudyBudget),
	}
	var out []claudeutils.Thinking
	for _, b := range slices.Compact(budgets) {
		out = append(out, claudeutils.Budget(b))
	}
	return out
}

// CaseStudy classifies prompt, takes the recommended setting, and answers
// the prompt at the settings of CaseStudySettings with answerTokens of
// answer room each.
func CaseStudy(ctx context.Context, env *Env, prompt string, answerTokens int) (CaseStudyResult, error) {
	var out CaseStudyResult
	cl, d, err := Allocate(ctx, env, prompt, false, false)
	if err != nil {
		return out, err
	}
	out.Classification, out.Decision = cl, d
	out.Settings = CaseStudySettings(d)

	var calls []runner.Call
	for _, th := range out.Settings {
		calls = append(calls, runner.Call{
			Label: th.String(),
			Request: answerRequest(env.Session.Config.ModelID, prompt,
				allocator.Decision{Thinking: th}, answerTokens),
		})
	}
	recs, err := analysis.RunCalls(ctx, env.Runner, analysis.ExperimentCaseStudy, calls, env.Simulated())
	out.Records = recs
	for _, r := range recs {
		if herr := env.record(ctx, analysis.ExperimentCaseStudy, cl.Complexity, r); herr != nil && err == nil {
			err = herr
		}
	}
	return out, err
}

// Recommendations says which tested setting was most efficient, fastest
// and cheapest, in Markdown, with a reminder that none of these measures
// the quality of the answer.
func Recommendations(recs []analysis.Record) string {
	if len(recs) == 0 {
		return "No setting finished, so there is nothing to recommend."
	}
	var b strings.Builder
	line := func(what string, r analysis.Record, ok bool) {
		if ok {
			fmt.Fprintf(&b, "- **%s:** %s (%.1f s, %d tokens, $%.4f, %.1f tokens/s)\n",
				what, r.Thinking, r.ElapsedSeconds, r.TotalTokens, r.TotalCostUSD, r.TokensPerSecond)
		}
	}
	eff, ok := analysis.MostEfficient(recs)
	line("Most efficient (tokens per second)", eff, ok)
	fast, ok := analysis.Fastest(recs)
	line("Fastest", fast, ok)
	cheap, ok := analysis.Cheapest(recs)
	line("Cheapest", cheap, ok)
	for _, r := range recs {
		if r.StopReason == "max_tokens" {
			fmt.Fprintf(&b, "- **Cut off:** the answer at %s hit max tokens; give it more answer room before judging it.\n", r.Thinking)
		}
	}
	b.WriteString("\nTokens per second rewards long answers, not good ones. Read the answers below " +
		"and pick the smallest setting whose answer is good enough for the task.\n")
	return b.String()
}

// Previews returns the first PreviewRunes of each answer under its
// setting, in Markdown.
func Previews(recs []analysis.Record) string {
	var b strings.Builder
	for _, r := range recs {
		fmt.Fprintf(&b, "#### %s\n\n```text\n%s\n```\n\n", r.Thinking, analysis.Preview(r.Answer, PreviewRunes))
	}
	return b.String()
}
