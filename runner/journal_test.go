package runner_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/runner"
)

// entry is a journal entry for label with a small result.
func entry(key, label string) runner.JournalEntry {
	return runner.JournalEntry{
		Key: key, Experiment: "sweep", Label: label, Source: "emulator seed=1", Attempts: 1,
		Time: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC),
		Result: &claudeutils.Result{
			ModelID: claudeutils.DefaultModelID, ThinkingSetting: label, Answer: "answer to " + label,
			ThinkingText: "thinking", ThinkingSignature: "SIGNATURE-MUST-NOT-BE-WRITTEN", StopReason: "end_turn",
			Usage:    claudeutils.Usage{InputTokens: 10, OutputTokens: 20, TotalTokens: 30},
			Attempts: 1, ServerLatency: 1500 * time.Millisecond,
		},
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.SplitAfter(string(b), "\n")
}

// Ensure a resumed journal offers what the earlier run appended, and that
// the signature never reaches the file.
func TestJournal_resume(t *testing.T) {
	path := filepath.Join(t.TempDir(), runner.JournalFile)
	j, err := runner.OpenJournal(path, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []runner.JournalEntry{entry("k1", "budget=1024"), entry("k2", "budget=2048")} {
		if err := j.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := j.Lookup("k1"); ok {
		t.Error("a fresh journal found an entry appended in the same run")
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); strings.Contains(string(b), "SIGNATURE") {
		t.Errorf("journal holds the thinking signature:\n%s", b)
	}

	j, err = runner.OpenJournal(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if !j.Found() || j.DroppedTornLine() || len(j.Loaded()) != 2 {
		t.Fatalf("Found %v, DroppedTornLine %v, %d loaded; want true, false, 2", j.Found(), j.DroppedTornLine(), len(j.Loaded()))
	}
	got, ok := j.Lookup("k2")
	if !ok {
		t.Fatal("Lookup(k2) found nothing")
	}
	want := entry("k2", "budget=2048")
	want.Result.ThinkingSignature = ""
	want.Result.Thinking = claudeutils.Budget(2048)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Lookup(k2) (-want +got):\n%s", diff)
	}
}

// Ensure a line torn by a crash is dropped and cut, so that the next line
// starts on its own.
func TestJournal_tornLastLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), runner.JournalFile)
	j, err := runner.OpenJournal(path, false)
	if err != nil {
		t.Fatal(err)
	}
	j.Append(entry("k1", "budget=1024"))
	j.Close()
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"key":"k2","experiment":"sw`)
	f.Close()

	j, err = runner.OpenJournal(path, true)
	if err != nil {
		t.Fatal(err)
	}
	if !j.DroppedTornLine() || len(j.Loaded()) != 1 {
		t.Errorf("DroppedTornLine %v, %d loaded; want true, 1", j.DroppedTornLine(), len(j.Loaded()))
	}
	if err := j.Append(entry("k3", "budget=4096")); err != nil {
		t.Fatal(err)
	}
	j.Close()

	lines := readLines(t, path)
	if len(lines) != 3 || lines[2] != "" {
		t.Fatalf("journal has %d parts, want 2 lines and nothing after:\n%q", len(lines), lines)
	}
	for i, key := range []string{"k1", "k3"} {
		if !strings.HasPrefix(lines[i], `{"key":"`+key+`",`) {
			t.Errorf("line %d = %.40q..., want entry %s", i+1, lines[i], key)
		}
	}
}

// Ensure a damaged line other than the last is an error, not silently
// skipped.
func TestJournal_damagedLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), runner.JournalFile)
	os.WriteFile(path, []byte("{\"key\":\"k1\"\nnot json\n"), 0o644)
	_, err := runner.OpenJournal(path, true)
	want := "read journal " + path + " line 1: unexpected end of JSON input (move the file aside or run without resuming)"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// Ensure a fresh journal moves the earlier one aside instead of losing it.
func TestJournal_freshMovesOldAside(t *testing.T) {
	path := filepath.Join(t.TempDir(), runner.JournalFile)
	j, _ := runner.OpenJournal(path, false)
	j.Append(entry("old", "budget=1024"))
	j.Close()

	j, err := runner.OpenJournal(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if !j.Found() || len(j.Loaded()) != 0 {
		t.Errorf("Found %v, %d loaded; want true, 0", j.Found(), len(j.Loaded()))
	}
	if b, _ := os.ReadFile(path); len(b) != 0 {
		t.Errorf("fresh journal is not empty: %q", b)
	}
	if lines := readLines(t, path+runner.PrevSuffix); len(lines) != 2 || !strings.HasPrefix(lines[0], `{"key":"old",`) {
		t.Errorf("%s = %q, want the old entry", runner.PrevSuffix, lines)
	}
}

// Ensure resuming without a journal starts one.
func TestJournal_resumeWithoutFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), runner.JournalFile)
	j, err := runner.OpenJournal(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if j.Found() {
		t.Error("Found() = true for a missing journal")
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("journal not created: %v", err)
	}
}

// Ensure Append after Close fails instead of writing nowhere.
func TestJournal_appendAfterClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), runner.JournalFile)
	j, _ := runner.OpenJournal(path, false)
	j.Close()
	err := j.Append(entry("k", "x"))
	if want := "append to journal " + path + ": file already closed"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}
