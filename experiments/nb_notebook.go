package experiments

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-gota/gota/dataframe"

	"github.com/thinkbudget/thinkbudget/allocator"
	"github.com/thinkbudget/thinkbudget/analysis"
	"github.com/thinkbudget/thinkbudget/backend"
	"github.com/thinkbudget/thinkbudget/runner"
)

// The notebooks in notebooks/ run every cell as a program of its own (that
// is how GoNB works), so nothing a cell computes survives into the next
// cell in memory. The functions in this file give them what they need
// instead: a backend opened per cell, and a folder where one cell saves a
// result as JSON for later cells to read, so that a chart never pays for
// the model calls again.

// NotebookDirEnv is the environment variable that, when set and not
// empty, replaces NotebookDir's default folder.
const NotebookDirEnv = "THINKBUDGET_NOTEBOOK_DIR"

// notebookHistoryFile is the history in NotebookDir of the runs on any
// backend but real Bedrock.
const notebookHistoryFile = "history.db"

// NotebookDir returns the folder where the notebooks keep results between
// cells, creating it: $THINKBUDGET_NOTEBOOK_DIR when set, else
// thinkbudget/notebooks under the user's cache folder (os.UserCacheDir),
// or under os.TempDir() when there is none. All notebooks share the
// folder; each result has its own file name.
func NotebookDir() (string, error) {
	dir := strings.TrimSpace(os.Getenv(NotebookDirEnv))
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		dir = filepath.Join(base, "thinkbudget", "notebooks")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("notebook folder: %w", err)
	}
	return dir, nil
}

// SaveResult writes v as indented JSON to name + ".json" in NotebookDir,
// replacing the file atomically, and returns the file's path.
func SaveResult(name string, v any) (string, error) {
	dir, err := NotebookDir()
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, name+".json")
	return path, analysis.WriteJSON(path, v)
}

// LoadResult reads name + ".json" from NotebookDir into v, which must be a
// pointer. When the file does not exist, the error says that the cell
// that saves the result has to run first.
func LoadResult(name string, v any) error {
	dir, err := NotebookDir()
	if err != nil {
		return err
	}
	path := filepath.Join(dir, name+".json")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no saved %s result in %s: run the cell that computes it first", name, dir)
	}
	if err != nil {
		return fmt.Errorf("load %s result: %w", name, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("load %s result: %w", name, err)
	}
	return nil
}

// NotebookHistoryPath returns the performance history a notebook records
// into on the backend of cfg: $THINKBUDGET_HISTORY when set; else, for
// real Amazon Bedrock, allocator.DefaultPath, the history that the
// thinkbudget command keeps too; else (the emulator, or an endpoint that
// may be one) history.db in NotebookDir, so that simulated runs never mix
// with real ones.
func NotebookHistoryPath(cfg backend.Config) (string, error) {
	if os.Getenv(allocator.HistoryEnv) != "" || (cfg.Kind == backend.Bedrock && cfg.Endpoint == "") {
		return allocator.DefaultPath()
	}
	dir, err := NotebookDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, notebookHistoryFile), nil
}

// OpenNotebookEnv opens what one notebook cell runs an experiment with:
// the backend that backend.FromEnv names (the built-in emulator unless the
// environment says otherwise) and the history of NotebookHistoryPath.
// Calls to a real backend print a line as each finishes, since they take
// minutes; the emulator's answer at once and print nothing. Call the
// returned function when the cell is done.
func OpenNotebookEnv(ctx context.Context) (*Env, func(), error) {
	cfg, err := backend.FromEnv()
	if err != nil {
		return nil, nil, err
	}
	path, err := NotebookHistoryPath(cfg)
	if err != nil {
		return nil, nil, err
	}
	hist, err := allocator.Open(path)
	if err != nil {
		return nil, nil, err
	}
	s, err := backend.Open(ctx, cfg)
	if err != nil {
		hist.Close()
		return nil, nil, err
	}

	env := NewEnv(s)
	env.History = hist
	if !s.Simulated() {
		env.Runner.Progress = printProgress
	}
	closeAll := func() {
		s.Close()
		hist.Close()
	}
	return env, closeAll, nil
}

// printProgress is a runner progress function that prints one line per
// finished call.
func printProgress(done, total int, o runner.Outcome) {
	if o.Err != nil {
		fmt.Printf("  [%d/%d] %s: error: %v\n", done, total, o.Call.Label, o.Err)
		return
	}
	fmt.Printf("  [%d/%d] %s: %.1f s\n", done, total, o.Call.Label, o.Result.Elapsed().Seconds())
}

// SummaryFrame lays out history summaries as a table with the columns
// complexity, runs, mean_seconds, p90_seconds, mean_cost_usd and
// share_cut_at_max_tokens, one row per summary in the given order.
func SummaryFrame(s []allocator.Summary) dataframe.DataFrame {
	return *summaryFrame(s)
}
