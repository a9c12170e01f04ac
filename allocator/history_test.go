package allocator

import (
	"context"
	"database/sql"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// at returns a fixed time, minutes after 09:00 UTC on 1 December 2026.
func at(minutes int) time.Time {
	return time.Date(2026, 12, 1, 9, minutes, 0, 0, time.UTC)
}

func openHistory(t *testing.T, path string) *History {
	t.Helper()
	h, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	return h
}

func record(t *testing.T, h *History, runs ...Run) {
	t.Helper()
	for _, r := range runs {
		if err := h.Record(context.Background(), r); err != nil {
			t.Fatalf("Record(%+v): %v", r, err)
		}
	}
}

// Ensure runs recorded through one handle are read back, field for field,
// through a second handle opened on the same file after the first closed.
func TestHistory_persistence(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nested", "history.db")
	first := Run{
		Time: at(0), ModelID: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", Complexity: Complex,
		Thinking: "budget=4096", BudgetTokens: 4096, ElapsedSeconds: 12.5,
		InputTokens: 120, OutputTokens: 2300, TotalTokens: 2420, CostUSD: 0.03486,
		StopReason: "end_turn", Source: "allocation",
	}
	second := Run{
		// A time outside UTC comes back as the same instant in UTC.
		Time:    time.Date(2026, 12, 1, 18, 30, 0, 123456789, time.FixedZone("JST", 9*3600)),
		ModelID: "us.anthropic.claude-opus-4-7", Complexity: VeryComplex,
		Thinking: "effort=xhigh", BudgetTokens: 8192, Effort: "xhigh", ElapsedSeconds: 40.25,
		InputTokens: 200, OutputTokens: 9000, TotalTokens: 9200, CostUSD: 0.226,
		StopReason: "max_tokens", Source: "case-study",
	}

	h := openHistory(t, path)
	record(t, h, first, second)
	if err := h.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	h = openHistory(t, path)
	defer h.Close()
	got, err := h.Runs(ctx, RunFilter{})
	if err != nil {
		t.Fatalf("Runs: %v", err)
	}
	second.Time = time.Date(2026, 12, 1, 9, 30, 0, 123456789, time.UTC)
	want := []Run{first, second}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Runs after reopening mismatch (-want +got):\n%s", diff)
	}
	if loc := got[1].Time.Location(); loc != time.UTC {
		t.Errorf("Runs()[1].Time.Location() = %v, want UTC", loc)
	}
}

func TestHistory_Runs(t *testing.T) {
	h := openHistory(t, filepath.Join(t.TempDir(), "history.db"))
	defer h.Close()
	runs := []Run{
		{Time: at(3), ModelID: "a", Complexity: Simple, Source: "sweep"},
		{Time: at(1), ModelID: "a", Complexity: Complex, Source: "sweep"},
		{Time: at(2), ModelID: "b", Complexity: Complex, Source: "allocation"},
		{Time: at(4), ModelID: "b", Complexity: Complex, Source: "sweep"},
	}
	record(t, h, runs...)

	tests := []struct {
		name   string
		filter RunFilter
		want   []Run
	}{
		{name: "all, oldest first", filter: RunFilter{},
			want: []Run{runs[1], runs[2], runs[0], runs[3]}},
		{name: "complexity", filter: RunFilter{Complexity: Complex},
			want: []Run{runs[1], runs[2], runs[3]}},
		{name: "model", filter: RunFilter{ModelID: "a"},
			want: []Run{runs[1], runs[0]}},
		{name: "source", filter: RunFilter{Source: "allocation"},
			want: []Run{runs[2]}},
		{name: "since is inclusive", filter: RunFilter{Since: at(2)},
			want: []Run{runs[2], runs[0], runs[3]}},
		{name: "limit keeps the most recent", filter: RunFilter{Limit: 2},
			want: []Run{runs[0], runs[3]}},
		{name: "filters combine", filter: RunFilter{Complexity: Complex, Source: "sweep", Limit: 1},
			want: []Run{runs[3]}},
		{name: "nothing matches", filter: RunFilter{ModelID: "c"}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := h.Runs(context.Background(), tt.filter)
			if err != nil {
				t.Fatalf("Runs: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Runs(%+v) mismatch (-want +got):\n%s", tt.filter, diff)
			}
		})
	}
}

func TestHistory_Record_rejectsUnknownComplexity(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	h := openHistory(t, path)
	defer h.Close()

	err := h.Record(context.Background(), Run{Time: at(0), Complexity: "hard"})
	want := "record run in " + path + `: complexity "hard" is not one of simple, medium, complex, very_complex`
	if err == nil || err.Error() != want {
		t.Errorf("Record error = %v, want %q", err, want)
	}
}

// Ensure a run without a time is stored at the time it was recorded.
func TestHistory_Record_zeroTime(t *testing.T) {
	h := openHistory(t, filepath.Join(t.TempDir(), "history.db"))
	defer h.Close()
	h.now = func() time.Time { return at(42) }

	record(t, h, Run{Complexity: Simple})

	got, err := h.Runs(context.Background(), RunFilter{})
	if err != nil {
		t.Fatalf("Runs: %v", err)
	}
	want := []Run{{Time: at(42), Complexity: Simple}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Runs() mismatch (-want +got):\n%s", diff)
	}
}

// Ensure every connection runs in WAL mode and waits for locks.
func TestOpen_pragmas(t *testing.T) {
	h := openHistory(t, filepath.Join(t.TempDir(), "history.db"))
	defer h.Close()

	tests := []struct {
		pragma string
		want   string
	}{
		{pragma: "journal_mode", want: "wal"},
		{pragma: "busy_timeout", want: "5000"},
		{pragma: "user_version", want: "1"},
	}
	for _, tt := range tests {
		t.Run(tt.pragma, func(t *testing.T) {
			var got string
			if err := h.db.QueryRow("PRAGMA " + tt.pragma).Scan(&got); err != nil {
				t.Fatalf("PRAGMA %s: %v", tt.pragma, err)
			}
			if got != tt.want {
				t.Errorf("PRAGMA %s = %q, want %q", tt.pragma, got, tt.want)
			}
		})
	}
}

func TestHistory_Summaries(t *testing.T) {
	h := openHistory(t, filepath.Join(t.TempDir(), "history.db"))
	defer h.Close()
	record(t, h,
		Run{Time: at(0), Complexity: Medium, ElapsedSeconds: 3, CostUSD: 0.5, StopReason: "end_turn"},
		Run{Time: at(1), Complexity: Simple, ElapsedSeconds: 1, CostUSD: 0.25, StopReason: "end_turn"},
		Run{Time: at(2), Complexity: Medium, ElapsedSeconds: 5, CostUSD: 1.5, StopReason: "max_tokens"},
	)

	got, err := h.Summaries(context.Background())
	if err != nil {
		t.Fatalf("Summaries: %v", err)
	}
	want := []Summary{
		{Complexity: Simple, Count: 1, MeanSeconds: 1, P90Seconds: 1, MeanCostUSD: 0.25},
		{Complexity: Medium, Count: 2, MeanSeconds: 4, P90Seconds: 5, MeanCostUSD: 1, MaxTokensShare: 0.5},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summaries() mismatch (-want +got):\n%s", diff)
	}
}

// Ensure a file written by a newer schema is refused, not rewritten.
func TestOpen_newerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 7"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	_, err = Open(path)
	want := "open history " + path + ": schema version 7 is newer than this program's 1"
	if err == nil || err.Error() != want {
		t.Errorf("Open error = %v, want %q", err, want)
	}
}

func TestOpen_questionMark(t *testing.T) {
	path := filepath.Join(t.TempDir(), "what?.db")
	_, err := Open(path)
	want := "open history " + path + ": path must not contain '?'"
	if err == nil || err.Error() != want {
		t.Errorf("Open error = %v, want %q", err, want)
	}
}

func TestDefaultPath(t *testing.T) {
	cache := t.TempDir()
	tests := []struct {
		name    string
		env     string
		want    string
		linuxOK bool
	}{
		{name: "environment wins", env: "/data/runs.db", want: "/data/runs.db"},
		{name: "user cache directory", env: "", want: filepath.Join(cache, "thinkbudget", "history.db"), linuxOK: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.linuxOK && runtime.GOOS != "linux" {
				t.Skip("the cache directory comes from XDG_CACHE_HOME only on Linux")
			}
			t.Setenv(HistoryEnv, tt.env)
			t.Setenv("XDG_CACHE_HOME", cache)
			got, err := DefaultPath()
			if err != nil || got != tt.want {
				t.Errorf("DefaultPath() = %q, %v; want %q, nil", got, err, tt.want)
			}
		})
	}
}
