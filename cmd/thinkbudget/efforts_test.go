package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/thinkbudget/thinkbudget/localbedrock"
)

func TestSweep_effortsOnAdaptiveOnlyModel(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, "sweep", "--model", "global.anthropic.claude-opus-4-7",
		"--efforts", "low,high,max", "--out", dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	csv, err := os.ReadFile(filepath.Join(dir, "sweep.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	if len(lines) != 4 {
		t.Fatalf("sweep.csv has %d lines, want a header and 3 levels:\n%s", len(lines), csv)
	}
	for i, want := range []string{",effort=low,", ",effort=high,", ",effort=max,"} {
		if !strings.Contains(lines[i+1], want) {
			t.Errorf("row %d = %q, want %s", i+1, lines[i+1], want)
		}
	}
	if !strings.Contains(stdout, "Most efficient setting: low") {
		t.Errorf("stdout:\n%s", stdout)
	}
}

func TestSweep_budgetsOnAdaptiveOnlyModelPointToEfforts(t *testing.T) {
	code, _, stderr := runCLI(t, "sweep", "--model", "global.anthropic.claude-opus-4-7", "--out", t.TempDir())
	if code != exitUsage || !strings.Contains(stderr, "sweep effort levels instead with --efforts") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "sweep", "--efforts", "low", "--budgets", "1024", "--out", t.TempDir())
	if code != exitUsage || !strings.Contains(stderr, "--budgets and --efforts conflict: give one") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

func TestSweep_endpointEmulatorIsLabelledSimulated(t *testing.T) {
	run, err := localbedrock.Start("", localbedrock.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer run.Close()
	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, "sweep", "--endpoint", run.URL(), "--budgets", "1024,2048", "--out", dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "SIMULATED") {
		t.Errorf("table not labelled simulated:\n%s", stdout)
	}
	csv, _ := os.ReadFile(filepath.Join(dir, "sweep.csv"))
	for _, line := range strings.Split(strings.TrimSpace(string(csv)), "\n")[1:] {
		if !strings.HasSuffix(line, ",true,false") { // simulated, and a wrong answer at these budgets
			t.Errorf("row not marked simulated: %s", line)
		}
	}
}

func TestLesson_usageErrorCreatesNoFolder(t *testing.T) {
	for _, args := range [][]string{
		{"lesson", "--model", "anthropic.claude-nope"},
		{"case-study", "--model", "us.anthropic.claude-3-7-sonnet-20250219-v1:0"},
		{"lesson", "--history", "x.db", "--no-history"},
	} {
		out := filepath.Join(t.TempDir(), "out")
		code, _, stderr := runCLI(t, append(args, "--out", out)...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d\n%s", args, code, exitUsage, stderr)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%v: a usage error created %s (stat err %v)", args, out, err)
		}
	}
}
