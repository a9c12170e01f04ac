package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/thinkbudget/thinkbudget/analysis"
	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/localbedrock"
	"github.com/thinkbudget/thinkbudget/runner"
)

// TestMain keeps every test of the command off instance metadata: each
// one loads the AWS configuration chain.
func TestMain(m *testing.M) {
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	os.Exit(m.Run())
}

// Fake credentials that must never reach any output.
const (
	fakeKeyID  = "AKIAFAKEFAKEFAKE1234"
	fakeSecret = "fakeSecretValue/abc"
	fakeToken  = "fakeSessionToken/xyz"
)

// setFakeAWSEnv puts fake credentials in the environment and keeps the
// AWS configuration chain off the network and out of the user's files:
// no instance metadata, no shared files, and every endpoint on a closed
// loopback port.
func setFakeAWSEnv(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID":           fakeKeyID,
		"AWS_SECRET_ACCESS_KEY":       fakeSecret,
		"AWS_SESSION_TOKEN":           fakeToken,
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_CONFIG_FILE":             filepath.Join(dir, "no-config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "no-credentials"),
		"AWS_ENDPOINT_URL":            "http://127.0.0.1:1",
		"AWS_REGION":                  "us-west-2",
		"XDG_CACHE_HOME":              filepath.Join(dir, "cache"),
		"THINKBUDGET_BACKEND":         "",
		"THINKBUDGET_ENDPOINT":        "",
		"THINKBUDGET_HISTORY":         filepath.Join(dir, "history.db"),
	} {
		t.Setenv(k, v)
	}
}

// filesUnder returns every regular file below the roots that exist.
func filesUnder(t *testing.T, roots ...string) []string {
	t.Helper()
	var files []string
	for _, root := range roots {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				files = append(files, path)
			}
			return nil
		})
	}
	return files
}

// assertAbsent fails for every secret found in the texts or files.
func assertAbsent(t *testing.T, secrets []string, texts map[string]string, files []string) {
	t.Helper()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Errorf("read %s: %v", f, err)
			continue
		}
		texts[f] = string(b)
	}
	for name, text := range texts {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s contains %.24q", name, s)
			}
		}
	}
}

// emulatorSignatures returns the thinking signatures that the emulator
// with seed 1 sends for the default sweep.
func emulatorSignatures(t *testing.T) []string {
	t.Helper()
	run, err := localbedrock.Start("", localbedrock.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer run.Close()
	ctx := context.Background()
	client, err := claudeutils.NewClient(ctx, claudeutils.Options{Endpoint: run.URL(), Region: "us-west-2"})
	if err != nil {
		t.Fatal(err)
	}
	var sigs []string
	for _, c := range analysis.SweepCalls(analysis.SweepConfig{
		ModelID: claudeutils.DefaultModelID, Prompt: lesson.ProductionPlanning, BudgetTokens: lesson.SweepBudgets,
	}) {
		res, err := client.Invoke(ctx, c.Request)
		if err != nil {
			t.Fatal(err)
		}
		if res.ThinkingSignature == "" {
			t.Fatalf("%s: the emulator sent no signature", c.Label)
		}
		sigs = append(sigs, res.ThinkingSignature)
	}
	return sigs
}

// Ensure credentials in the environment and thinking signatures never
// reach stdout, stderr, the journal, the cache or any other output file,
// on every backend that needs no network.
func TestNoSecretsInOutput(t *testing.T) {
	setFakeAWSEnv(t)
	secrets := append([]string{fakeKeyID, fakeSecret, fakeToken}, emulatorSignatures(t)...)
	cacheDir := filepath.Join(os.Getenv("XDG_CACHE_HOME"), "thinkbudget", "responses")

	endpoint, err := localbedrock.Start("", localbedrock.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer endpoint.Close()

	tests := []struct {
		name string
		args []string
		// before runs first, e.g. to give a replay its recordings.
		before func(t *testing.T)
	}{
		{"sweep on the emulator, cache in the default folder", []string{"sweep", "--cache", "rw"}, nil},
		{"sweep streamed on an endpoint", []string{"sweep", "--stream", "--endpoint", endpoint.URL(), "--cache", "rw"}, nil},
		{"lesson on the emulator", []string{"lesson", "--cache", "rw"}, nil},
		{"sweep replayed as bedrock, no call made", []string{"sweep", "--backend", "bedrock", "--cache", "replay"},
			func(t *testing.T) {
				// Relabel the emulator's recordings as Bedrock's, so that
				// the Bedrock client loads the fake credentials and the
				// replay answers every call.
				for _, f := range filesUnder(t, cacheDir) {
					b, _ := os.ReadFile(f)
					b = bytes.ReplaceAll(b, []byte(`"source": "emulator seed=1"`), []byte(`"source": "bedrock"`))
					os.WriteFile(f, b, 0o600)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.before != nil {
				tt.before(t)
			}
			out := t.TempDir()
			code, stdout, stderr := runCLI(t, append(tt.args, "--out", out)...)
			if code != exitOK {
				t.Fatalf("exit %d\nstderr:\n%s", code, stderr)
			}
			if _, err := os.Stat(filepath.Join(out, runner.JournalFile)); err != nil {
				t.Errorf("no journal: %v", err)
			}
			files := filesUnder(t, out, cacheDir, os.Getenv("THINKBUDGET_HISTORY"))
			if len(filesUnder(t, cacheDir)) == 0 {
				t.Errorf("nothing cached in %s", cacheDir)
			}
			assertAbsent(t, secrets, map[string]string{"stdout": stdout, "stderr": stderr}, files)
		})
	}
}

// Ensure an endpoint where nothing listens fails clearly, with exit 1,
// and leaves no file but the (empty) journal.
func TestUnreachableEndpoint(t *testing.T) {
	setFakeAWSEnv(t)
	for _, command := range []string{"sweep", "case-study"} {
		t.Run(command, func(t *testing.T) {
			out := t.TempDir()
			args := []string{command, "--endpoint", "http://127.0.0.1:1", "--max-attempts", "1", "--out", out}
			if command != "sweep" {
				args = append(args, "--no-history")
			}
			code, _, stderr := runCLI(t, args...)
			if code != exitFailure {
				t.Fatalf("exit %d, want %d\nstderr:\n%s", code, exitFailure, stderr)
			}
			for _, want := range []string{
				"connect: connection refused",
				"hint: could not connect to 127.0.0.1:1: check the network, --endpoint or --region",
			} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			var names []string
			entries, _ := os.ReadDir(out)
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if strings.Join(names, " ") != runner.JournalFile {
				t.Errorf("files left in --out: %v, want only %s", names, runner.JournalFile)
			}
			if b, _ := os.ReadFile(filepath.Join(out, runner.JournalFile)); len(b) != 0 {
				t.Errorf("journal of a run where nothing finished is not empty:\n%s", b)
			}
		})
	}
}

// Ensure an output folder without write permission is a usage error
// found before any call. Root ignores permissions, so as root this test
// is skipped; TestUsageErrors covers an --out that cannot be created
// (under a regular file), which fails for root too.
func TestOutputFolderNotWritable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which may write into a folder of mode 0500")
	}
	out := filepath.Join(t.TempDir(), "ro")
	os.Mkdir(out, 0o500)
	defer os.Chmod(out, 0o700)
	code, _, stderr := runCLI(t, "sweep", "--out", out)
	if code != exitUsage || !strings.Contains(stderr, "output folder "+out+" is not writable") {
		t.Errorf("exit %d, want %d, and stderr naming the folder:\n%s", code, exitUsage, stderr)
	}
}

// Ensure --resume without a journal only says so, and a damaged journal
// is refused before any call.
func TestResumeJournalStates(t *testing.T) {
	setFakeAWSEnv(t)
	out := t.TempDir()
	code, _, stderr := runCLI(t, "sweep", "--resume", "--out", out)
	note := "note: no journal at " + filepath.Join(out, runner.JournalFile) + " to resume; starting a fresh one"
	if code != exitOK || !strings.Contains(stderr, note) {
		t.Errorf("exit %d, want 0 and a note\nstderr:\n%s", code, stderr)
	}

	journal := filepath.Join(out, runner.JournalFile)
	os.WriteFile(journal, []byte("garbage\n{}\n"), 0o644)
	code, _, stderr = runCLI(t, "sweep", "--resume", "--out", out)
	want := "read journal " + journal + " line 1: invalid character 'g' looking for beginning of value"
	if code != exitUsage || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, want %d and %q\nstderr:\n%s", code, exitUsage, want, stderr)
	}
	if b, _ := os.ReadFile(journal); string(b) != "garbage\n{}\n" {
		t.Errorf("the damaged journal was changed to %q", b)
	}
}
