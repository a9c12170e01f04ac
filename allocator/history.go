package allocator

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// HistoryEnv is the environment variable that, when set and not empty,
// replaces DefaultPath's answer.
const HistoryEnv = "THINKBUDGET_HISTORY"

// historyBusyTimeout is how long a connection waits for another writer
// before it gives up with SQLITE_BUSY.
const historyBusyTimeout = 5 * time.Second

// historySchemaVersion is stored in PRAGMA user_version. A file with a
// higher version was written by a newer program and is not touched.
const historySchemaVersion = 1

// timeLayout stores times in UTC at a fixed width, so that the text sorts
// in time order.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// StopMaxTokens is the stop reason of an answer cut off at max tokens.
const StopMaxTokens = "max_tokens"

var historySchema = []string{
	`CREATE TABLE IF NOT EXISTS runs (
		id              INTEGER PRIMARY KEY,
		time            TEXT    NOT NULL,
		model_id        TEXT    NOT NULL,
		complexity      TEXT    NOT NULL,
		thinking        TEXT    NOT NULL,
		budget_tokens   INTEGER NOT NULL,
		effort          TEXT    NOT NULL,
		elapsed_seconds REAL    NOT NULL,
		input_tokens    INTEGER NOT NULL,
		output_tokens   INTEGER NOT NULL,
		total_tokens    INTEGER NOT NULL,
		cost_usd        REAL    NOT NULL,
		stop_reason     TEXT    NOT NULL,
		source          TEXT    NOT NULL
	)`,
	`CREATE INDEX IF NOT EXISTS runs_by_complexity ON runs (complexity, time)`,
}

// Run is one answered task as the history keeps it.
type Run struct {
	// Time is when the run happened. Record stores it in UTC with
	// nanosecond precision; a zero Time is recorded as the current time.
	Time       time.Time  `json:"time"`
	ModelID    string     `json:"model_id"`
	Complexity Complexity `json:"complexity"`
	// Thinking is the setting sent, in claudeutils.Thinking.String form:
	// "off", "budget=4096" or "effort=high".
	Thinking       string  `json:"thinking"`
	BudgetTokens   int     `json:"budget_tokens"`
	Effort         string  `json:"effort"`
	ElapsedSeconds float64 `json:"elapsed_seconds"`
	InputTokens    int     `json:"input_tokens"`
	OutputTokens   int     `json:"output_tokens"`
	TotalTokens    int     `json:"total_tokens"`
	CostUSD        float64 `json:"cost_usd"`
	// StopReason is Bedrock's stopReason, such as "end_turn" or
	// StopMaxTokens.
	StopReason string `json:"stop_reason"`
	// Source names the experiment that produced the run.
	Source string `json:"source"`
}

// RunFilter selects runs. Zero fields select everything.
type RunFilter struct {
	Complexity Complexity
	ModelID    string
	Source     string
	// Since keeps runs at or after this time.
	Since time.Time
	// Limit keeps only the most recent Limit runs; 0 keeps all.
	Limit int
}

// History is a store of runs in a SQLite file, kept across program runs so
// that budgets can be judged on more than one sitting. It is safe for
// concurrent use, also by several processes on the same file.
type History struct {
	db   *sql.DB
	path string

	// now reads the clock for runs recorded without a time; nil means
	// time.Now. Tests replace it.
	now func() time.Time
}

// DefaultPath returns where the history lives unless told otherwise: the
// value of HistoryEnv when set, else thinkbudget/history.db under the
// user's cache directory (os.UserCacheDir).
func DefaultPath() (string, error) {
	if p := os.Getenv(HistoryEnv); p != "" {
		return p, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find history path: %w", err)
	}
	return filepath.Join(dir, "thinkbudget", "history.db"), nil
}

// Open opens the history at path, creating the file, its directory and
// the schema as needed. The database runs in WAL mode, and each connection
// waits up to 5 s for a lock held by another writer. Close it when done.
func Open(path string) (*History, error) {
	if strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("open history %s: path must not contain '?'", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("open history %s: %w", path, err)
	}
	dsn := fmt.Sprintf("%s?_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)",
		path, historyBusyTimeout.Milliseconds())
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open history %s: %w", path, err)
	}
	h := &History{db: db, path: path}
	if err := h.migrate(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("open history %s: %w", path, err)
	}
	return h, nil
}

// migrate creates the schema in a new file and refuses a file written by
// a newer schema.
func (h *History) migrate(ctx context.Context) error {
	var version int
	if err := h.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version > historySchemaVersion {
		return fmt.Errorf("schema version %d is newer than this program's %d",
			version, historySchemaVersion)
	}
	for _, stmt := range historySchema {
		if _, err := h.db.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	_, err := h.db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", historySchemaVersion))
	return err
}

// Path returns the file the history was opened from.
func (h *History) Path() string { return h.path }

// Close closes the database.
func (h *History) Close() error {
	if err := h.db.Close(); err != nil {
		return fmt.Errorf("close history %s: %w", h.path, err)
	}
	return nil
}

// Record adds one run. The complexity must be one of Complexities.
func (h *History) Record(ctx context.Context, r Run) error {
	if !r.Complexity.Valid() {
		return fmt.Errorf("record run in %s: complexity %q is not one of %s",
			h.path, string(r.Complexity), labelList)
	}
	if r.Time.IsZero() {
		now := h.now
		if now == nil {
			now = time.Now
		}
		r.Time = now()
	}
	_, err := h.db.ExecContext(ctx, `INSERT INTO runs (
		time, model_id, complexity, thinking, budget_tokens, effort,
		elapsed_seconds, input_tokens, output_tokens, total_tokens,
		cost_usd, stop_reason, source
	) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Time.UTC().Format(timeLayout), r.ModelID, string(r.Complexity),
		r.Thinking, r.BudgetTokens, r.Effort,
		r.ElapsedSeconds, r.InputTokens, r.OutputTokens, r.TotalTokens,
		r.CostUSD, r.StopReason, r.Source)
	if err != nil {
		return fmt.Errorf("record run in %s: %w", h.path, err)
	}
	return nil
}

// Runs returns the runs that f selects, oldest first. Times come back in
// UTC.
func (h *History) Runs(ctx context.Context, f RunFilter) ([]Run, error) {
	var where []string
	var args []any
	if f.Complexity != "" {
		where, args = append(where, "complexity = ?"), append(args, string(f.Complexity))
	}
	if f.ModelID != "" {
		where, args = append(where, "model_id = ?"), append(args, f.ModelID)
	}
	if f.Source != "" {
		where, args = append(where, "source = ?"), append(args, f.Source)
	}
	if !f.Since.IsZero() {
		where, args = append(where, "time >= ?"), append(args, f.Since.UTC().Format(timeLayout))
	}
	q := `SELECT time, model_id, complexity, thinking, budget_tokens, effort,
		elapsed_seconds, input_tokens, output_tokens, total_tokens,
		cost_usd, stop_reason, source FROM runs`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	// Newest first so that LIMIT keeps the most recent; reversed below.
	q += " ORDER BY time DESC, id DESC"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}

	runs, err := h.query(ctx, q, args)
	if err != nil {
		return nil, fmt.Errorf("read runs from %s: %w", h.path, err)
	}
	for i, j := 0, len(runs)-1; i < j; i, j = i+1, j-1 {
		runs[i], runs[j] = runs[j], runs[i]
	}
	return runs, nil
}

// query runs a SELECT of the runs columns and scans every row.
func (h *History) query(ctx context.Context, q string, args []any) ([]Run, error) {
	rows, err := h.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()

	var runs []Run
	for rows.Next() {
		var r Run
		var ts, complexity string
		err := rows.Scan(&ts, &r.ModelID, &complexity, &r.Thinking, &r.BudgetTokens, &r.Effort,
			&r.ElapsedSeconds, &r.InputTokens, &r.OutputTokens, &r.TotalTokens,
			&r.CostUSD, &r.StopReason, &r.Source)
		if err != nil {
			return nil, err
		}
		if r.Time, err = time.Parse(time.RFC3339Nano, ts); err != nil {
			return nil, fmt.Errorf("run time %q: %w", ts, err)
		}
		r.Complexity = Complexity(complexity)
		runs = append(runs, r)
	}
	return runs, rows.Err()
}
