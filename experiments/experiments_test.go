package experiments_test

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/thinkbudget/thinkbudget/allocator"
	"github.com/thinkbudget/thinkbudget/backend"
	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/experiments"
	"github.com/thinkbudget/thinkbudget/lesson"
)

// newEnv opens the in-process emulator with a fresh history.
func newEnv(t *testing.T) *experiments.Env {
	t.Helper()
	s, err := backend.Open(context.Background(), backend.Config{Kind: backend.Emulator, Seed: 1, MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	h, err := allocator.Open(filepath.Join(t.TempDir(), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	env := experiments.NewEnv(s)
	env.History = h
	return env
}

func TestAllocationTest(t *testing.T) {
	env := newEnv(t)
	res, err := experiments.AllocationTest(context.Background(), env, lesson.AllocationPrompts)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		complexity   string
		thinking     bool
		budget, tsBu int
	}
	want := []row{{"simple", false, 0, 0}, {"medium", true, 2048, 2048}, {"complex", true, 4096, 2048}, {"very_complex", true, 8192, 4096}}
	if len(res.Rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(res.Rows), len(want))
	}
	for i, r := range res.Rows {
		got := row{r.Complexity, r.Thinking, r.BudgetTokens, r.TimeSensitiveBudgetTokens}
		if got != want[i] {
			t.Errorf("row %d (%s) = %+v, want %+v", i, r.Prompt, got, want[i])
		}
		if r.ClassifierCostUSD <= 0 || r.TotalCostUSD <= 0 {
			t.Errorf("row %d: classifier cost %v, answer cost %v; want both counted", i, r.ClassifierCostUSD, r.TotalCostUSD)
		}
	}
	runs, err := env.History.Runs(context.Background(), allocator.RunFilter{})
	if err != nil || len(runs) != 4 {
		t.Errorf("history holds %d runs (err %v), want 4", len(runs), err)
	}
}

func TestCaseStudySettings(t *testing.T) {
	tests := []struct {
		name string
		d    allocator.Decision
		want []string
	}{
		{"complex", allocator.Decision{Thinking: claudeutils.Budget(4096), BudgetTokens: 4096},
			[]string{"budget=2048", "budget=4096", "budget=8192"}},
		{"very complex capped", allocator.Decision{Thinking: claudeutils.Budget(16384), BudgetTokens: 16384},
			[]string{"budget=8192", "budget=16384"}},
		{"medium cost-constrained floor", allocator.Decision{Thinking: claudeutils.Budget(1024), BudgetTokens: 1024},
			[]string{"budget=1024", "budget=2048"}},
		{"no thinking tests from the minimum", allocator.Decision{},
			[]string{"budget=1024", "budget=2048"}},
		{"effort", allocator.Decision{Thinking: claudeutils.Adaptive(claudeutils.EffortHigh)},
			[]string{"effort=medium", "effort=high", "effort=xhigh"}},
		{"lowest effort", allocator.Decision{Thinking: claudeutils.Adaptive(claudeutils.EffortLow)},
			[]string{"effort=low", "effort=medium"}},
	}
	for _, tt := range tests {
		var got []string
		for _, th := range experiments.CaseStudySettings(tt.d) {
			got = append(got, th.String())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRunLesson_writesEveryFile(t *testing.T) {
	env := newEnv(t)
	dir := t.TempDir()
	res, err := experiments.RunLesson(context.Background(), env, experiments.LessonConfig{OutDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		experiments.FileSweepCSV, experiments.FileSweepJSON, experiments.FileSweepChart, experiments.FileComparison,
		experiments.FileAllocationCSV, experiments.FileStrategyChart, experiments.FileCaseStudyCSV,
		experiments.FileCaseStudyChart, experiments.FileReport,
	} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("missing %s: %v", name, err)
		}
	}
	alloc, _ := os.ReadFile(filepath.Join(dir, experiments.FileAllocationCSV))
	if !strings.HasPrefix(string(alloc),
		"prompt,complexity,thinking,budget_tokens,time_sensitive_budget_tokens,elapsed_seconds,total_tokens,total_cost_usd") {
		t.Errorf("allocation.csv header: %q", strings.SplitN(string(alloc), "\n", 2)[0])
	}
	sweep, _ := os.ReadFile(filepath.Join(dir, experiments.FileSweepCSV))
	var grades []string
	for _, line := range strings.Split(strings.TrimSpace(string(sweep)), "\n")[1:] {
		grades = append(grades, line[strings.LastIndex(line, ",")+1:])
	}
	if want := []string{"false", "false", "true", "true", "true"}; !slices.Equal(grades, want) {
		t.Errorf("answer_correct by budget = %v, want %v (seed 1)", grades, want)
	}
	cs, _ := os.ReadFile(filepath.Join(dir, experiments.FileCaseStudyCSV))
	lines := strings.Split(strings.TrimSpace(string(cs)), "\n")
	if !strings.HasPrefix(lines[0], "budget_tokens,elapsed_seconds,total_tokens,total_cost_usd,tokens_per_second") ||
		len(lines) != 4 || !strings.HasPrefix(lines[1], "2048,") || !strings.HasPrefix(lines[3], "8192,") {
		t.Errorf("case_study.csv:\n%s", cs)
	}
	if res.CaseStudy.Classification.Complexity != allocator.Complex {
		t.Errorf("carbon plan classified %s, want complex", res.CaseStudy.Classification.Complexity)
	}
	report, _ := os.ReadFile(filepath.Join(dir, experiments.FileReport))
	for _, want := range []string{"not Bedrock measurements", "1. Budget sweep", "8. Case study", "data:image/png;base64,"} {
		if !strings.Contains(string(report), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	if n := strings.Count(string(report), "data:image/png;base64,"); n != 3 {
		t.Errorf("report embeds %d charts, want 3", n)
	}
	f, err := os.Open(filepath.Join(dir, experiments.FileCaseStudyChart))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != 1500 || cfg.Height != 560 {
		t.Errorf("case_study.png is %dx%d (err %v), want 1500x560", cfg.Width, cfg.Height, err)
	}
}
