package experiments

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/allocator"
	"github.com/thinkbudget/thinkbudget/analysis"
	"github.com/thinkbudget/thinkbudget/backend"
)

// Ensure a result saved by one cell reads back unchanged in another.
func TestSaveResult_LoadResult(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(NotebookDirEnv, dir)

	want := []analysis.Record{
		{Experiment: analysis.ExperimentSweep, Thinking: "budget=1024", BudgetTokens: 1024,
			ElapsedSeconds: 34.478, TotalTokens: 1942, TotalCostUSD: 0.02715, Answer: "$3,000", Simulated: true},
		{Experiment: analysis.ExperimentSweep, Thinking: "budget=2048", BudgetTokens: 2048},
	}
	path, err := SaveResult("sweep", want)
	if err != nil {
		t.Fatal(err)
	}
	if wantPath := filepath.Join(dir, "sweep.json"); path != wantPath {
		t.Errorf("SaveResult path = %q, want %q", path, wantPath)
	}

	var got []analysis.Record
	if err := LoadResult("sweep", &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("LoadResult mismatch (-want +got):\n%s", diff)
	}
}

// Ensure loading a result no cell saved says which cell to run.
func TestLoadResult_Missing(t *testing.T) {
	t.Setenv(NotebookDirEnv, t.TempDir())

	var got []analysis.Record
	err := LoadResult("case_study", &got)
	if err == nil || !strings.Contains(err.Error(), "run the cell that computes it first") {
		t.Fatalf("LoadResult() error = %v, want one that names the cell to run", err)
	}
}

// Ensure simulated runs never go into the history of real Bedrock runs.
func TestNotebookHistoryPath(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		cfg     backend.Config
		history string // value of THINKBUDGET_HISTORY
		want    string // empty: allocator.DefaultPath
	}{
		{name: "emulator", cfg: backend.Config{Kind: backend.Emulator},
			want: filepath.Join(dir, "history.db")},
		{name: "endpoint", cfg: backend.Config{Kind: backend.Bedrock, Endpoint: "http://127.0.0.1:8787"},
			want: filepath.Join(dir, "history.db")},
		{name: "bedrock", cfg: backend.Config{Kind: backend.Bedrock}},
		{name: "explicit", cfg: backend.Config{Kind: backend.Emulator}, history: "/data/h.db",
			want: "/data/h.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(NotebookDirEnv, dir)
			t.Setenv(allocator.HistoryEnv, tt.history)
			want := tt.want
			if want == "" {
				p, err := allocator.DefaultPath()
				if err != nil {
					t.Fatal(err)
				}
				if strings.HasPrefix(p, dir) {
					t.Fatalf("DefaultPath %q lies in the notebook folder %q", p, dir)
				}
				want = p
			}
			got, err := NotebookHistoryPath(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("NotebookHistoryPath() = %q, want %q", got, want)
			}
		})
	}
}
