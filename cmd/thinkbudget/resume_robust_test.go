package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/thinkbudget/thinkbudget/runner"
)

// buildBinary builds the command into a test folder and returns its path.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool in PATH to build the binary with")
	}
	bin := filepath.Join(t.TempDir(), "thinkbudget")
	out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// journalKeys reads the keys of a journal's complete lines.
func journalKeys(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var e runner.JournalEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			continue // a torn last line
		}
		keys = append(keys, e.Key)
	}
	return keys
}

// Ensure a sweep killed with SIGKILL loses only the call in flight: a
// resumed run reuses every journaled result, sends only the missing
// calls and writes all five budgets.
func TestSweep_killedAndResumed(t *testing.T) {
	bin := buildBinary(t)
	out := t.TempDir()
	journal := filepath.Join(out, runner.JournalFile)
	env := append(os.Environ(), "AWS_EC2_METADATA_DISABLED=true", "THINKBUDGET_BACKEND=", "THINKBUDGET_ENDPOINT=")

	// The sweep's simulated latencies run from about 35 to 103 s; at this
	// scale one call takes 0.7 to 2 s, one at a time.
	cmd := exec.Command(bin, "sweep", "--out", out, "--time-scale", "0.02", "--concurrency", "1")
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait for the first complete journal line. The deadline only guards
	// against a hang; nothing here depends on how fast calls are.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if b, _ := os.ReadFile(journal); bytes.IndexByte(b, '\n') >= 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("no journal line appeared\nstderr:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if _, err := os.Stat(filepath.Join(out, "sweep.csv")); err == nil {
		t.Fatal("the sweep finished before it was killed; the test proves nothing")
	}
	before := journalKeys(t, journal)
	if len(before) == 0 || len(before) >= 5 {
		t.Fatalf("journal holds %d results after the kill, want 1 to 4", len(before))
	}

	resume := exec.Command(bin, "sweep", "--out", out, "--resume")
	resume.Env = env
	stderr.Reset()
	resume.Stderr = &stderr
	if err := resume.Run(); err != nil {
		t.Fatalf("resumed sweep: %v\nstderr:\n%s", err, stderr.String())
	}
	log := stderr.String()
	if got := strings.Count(log, "(reused)"); got != len(before) {
		t.Errorf("resumed run reused %d results, want the %d journaled\nstderr:\n%s", got, len(before), log)
	}
	if !strings.Contains(log, "resuming: ") {
		t.Errorf("stderr does not say it resumes:\n%s", log)
	}

	after := journalKeys(t, journal)
	if len(after) != 5 {
		t.Errorf("journal holds %d results, want 5 (each call once)", len(after))
	}
	seen := map[string]bool{}
	for _, k := range after {
		if seen[k] {
			t.Errorf("key %s journaled twice: a finished call was sent again", k)
		}
		seen[k] = true
	}
	csv, err := os.ReadFile(filepath.Join(out, "sweep.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	var budgets []string
	for _, l := range lines[1:] {
		budgets = append(budgets, strings.SplitN(l, ",", 2)[0])
	}
	if got, want := strings.Join(budgets, " "), "1024 2048 4096 8192 16384"; got != want {
		t.Errorf("CSV budgets %q, want %q", got, want)
	}
}

// Ensure the lesson journals the answering calls of every part, each
// under its experiment, and that a resumed lesson sends none of them
// again.
func TestLesson_journalAndResume(t *testing.T) {
	setFakeAWSEnv(t)
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "lesson", "--no-history", "--out", out); code != exitOK {
		t.Fatalf("lesson: exit %d\nstderr:\n%s", code, stderr)
	}
	j, err := runner.OpenJournal(filepath.Join(out, runner.JournalFile), true)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, e := range j.Loaded() {
		counts[e.Experiment]++
	}
	j.Close()
	// Each allocation prompt and the case study make one classifier call
	// besides their answers, and those are journaled too.
	if diff := cmp.Diff(map[string]int{"sweep": 5, "allocation": 8, "case_study": 4}, counts); diff != "" {
		t.Errorf("journal entries by experiment (-want +got):\n%s", diff)
	}

	code, _, stderr := runCLI(t, "lesson", "--no-history", "--resume", "--out", out)
	if code != exitOK {
		t.Fatalf("resumed lesson: exit %d\nstderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		"resuming: 17 finished calls in ",
		"reused 17 results from the journal and 0 from the cache; 0 calls made",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}
