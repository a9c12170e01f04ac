package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/thinkbudget/thinkbudget/analysis"
)

// runCLI runs one command line and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestSweep_writesFiles(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, "sweep", "--out", dir, "--seed=1")
	if code != exitOK {
		t.Fatalf("exit %d\nstderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "Cheapest right answer:  4096 ") {
		t.Errorf("stdout lacks the cheapest right answer at 4096 (seed 1):\n%s", stdout)
	}
	if !strings.Contains(stdout, "SIMULATED") || !strings.Contains(stdout, "Most efficient setting: 1024") {
		t.Errorf("stdout lacks the simulated label or the most efficient budget:\n%s", stdout)
	}

	csv, err := os.ReadFile(filepath.Join(dir, "sweep.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	const header = "budget_tokens,elapsed_seconds,input_tokens,output_tokens,total_tokens," +
		"input_cost_usd,output_cost_usd,total_cost_usd,tokens_per_second,stop_reason"
	if !strings.HasPrefix(lines[0], header) {
		t.Errorf("CSV header:\n got %s\nwant %s...", lines[0], header)
	}
	if len(lines) != 6 {
		t.Fatalf("CSV has %d lines, want a header and 5 budgets", len(lines))
	}
	for i, b := range []string{"1024,", "2048,", "4096,", "8192,", "16384,"} {
		if !strings.HasPrefix(lines[i+1], b) {
			t.Errorf("row %d = %q, want budget %s", i+1, lines[i+1], b)
		}
	}

	f, err := os.Open(filepath.Join(dir, "sweep_tradeoffs.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != analysis.TradeoffWidthPx || b.Dy() != analysis.TradeoffHeightPx {
		t.Errorf("chart is %dx%d, want %dx%d", b.Dx(), b.Dy(), analysis.TradeoffWidthPx, analysis.TradeoffHeightPx)
	}
	js, err := os.ReadFile(filepath.Join(dir, "sweep.json"))
	if err != nil || !bytes.Contains(js, []byte(`"answer": "[simulated by localbedrock]`)) {
		t.Errorf("sweep.json lacks the full answers (err %v)", err)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no-such-prompt.txt")
	blank := filepath.Join(dir, "blank.txt")
	os.WriteFile(blank, []byte(" \n\t"), 0o644)
	notDir := filepath.Join(dir, "file")
	os.WriteFile(notDir, []byte("x"), 0o644)

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"budget 0", []string{"sweep", "--budgets", "0"}, "--budgets: budget_tokens = 0: thinking budget must be at least 1024 tokens"},
		{"budget 512", []string{"sweep", "--budgets", "512,2048"}, "budget_tokens = 512: thinking budget must be at least 1024 tokens"},
		{"budget 1023", []string{"sweep", "--budgets", "1023"}, "budget_tokens = 1023: thinking budget must be at least 1024 tokens"},
		{"budget negative", []string{"sweep", "--budgets=-4096"}, "budget_tokens = -4096: thinking budget must be at least 1024 tokens"},
		{"budget not a number", []string{"sweep", "--budgets", "lots"}, `budget "lots" is not a whole number of tokens`},
		{"max tokens 0", []string{"sweep", "--max-tokens", "0"}, "--max-tokens 0: must be at least 1"},
		{"max tokens huge", []string{"sweep", "--max-tokens", "999999"},
			"max_tokens = 999999 for Claude Sonnet 4.5: max tokens must be positive and within the model's output limit"},
		{"unknown model", []string{"sweep", "--model", "anthropic.claude-nope"}, "model = anthropic.claude-nope: model is not in the registry"},
		{"end-of-life model", []string{"sweep", "--model", "us.anthropic.claude-3-7-sonnet-20250219-v1:0"},
			"model has reached end of life on Bedrock"},
		{"budget on adaptive-only", []string{"sweep", "--model", "global.anthropic.claude-opus-4-7"},
			"model takes only adaptive thinking with an effort level, not a token budget"},
		{"empty prompt", []string{"sweep", "--prompt", "  "}, `prompt = "": prompt must not be empty`},
		{"blank prompt file", []string{"sweep", "--prompt-file", blank}, "prompt must not be empty"},
		{"missing prompt file", []string{"sweep", "--prompt-file", missing}, "read --prompt-file: open " + missing + ": no such file or directory"},
		{"conflicting prompts", []string{"sweep", "--prompt", "x", "--prompt-file", blank}, "--prompt and --prompt-file conflict"},
		{"conflicting token flags", []string{"sweep", "--max-tokens", "9000", "--answer-tokens", "100"}, "--max-tokens and --answer-tokens conflict"},
		{"unknown flag", []string{"sweep", "--budget", "1024"}, "unknown flag: --budget"},
		{"unknown command", []string{"sweeep"}, `unknown command "sweeep"`},
		{"bad backend", []string{"sweep", "--backend", "openai"}, `--backend "openai": want emulator or bedrock`},
		{"bad concurrency", []string{"sweep", "--concurrency", "0"}, "--concurrency 0: must be at least 1"},
		{"out is a file", []string{"sweep", "--out", filepath.Join(notDir, "sub")}, "output folder " + filepath.Join(notDir, "sub") + " cannot be created"},
		{"serve remote", []string{"serve", "--addr", "0.0.0.0:8787"}, "is not a loopback address"},
		{"serve bad port", []string{"serve", "--addr", "127.0.0.1:99999"}, `--addr "127.0.0.1:99999": port must be a number from 0 to 65535`},
		{"serve NaN fault", []string{"serve", "--faults", "throttle=NaN"}, `fault throttle: value "NaN" is not a probability from 0 to 1`},
		{"serve repeated fault", []string{"serve", "--faults", "drop=0.1,drop=0.2"}, "fault drop is given twice"},
		{"time scale NaN", []string{"sweep", "--time-scale", "NaN"}, "--time-scale NaN: must be a finite number, 0 or more"},
		{"time scale Inf", []string{"sweep", "--time-scale", "+Inf"}, "--time-scale +Inf: must be a finite number, 0 or more"},
		{"endpoint with password", []string{"sweep", "--endpoint", "http://user:pw@127.0.0.1:9"},
			"endpoint URL must not carry a user or password"},
		{"endpoint without host", []string{"sweep", "--endpoint", "http://"}, `endpoint "http://": the URL names no host`},
		{"serve bad faults", []string{"serve", "--faults", "throttle=2"}, "--faults:"},
		{"lesson bad effort flag", []string{"lesson", "--history", "x", "--no-history"}, "--history and --no-history conflict"},
		{"negative rps", []string{"sweep", "--rps=-1"}, "--rps -1: must be 0 (no cap) or a finite number above it"},
		{"negative time scale", []string{"sweep", "--time-scale=-0.5"}, "--time-scale -0.5: must be a finite number, 0 or more"},
		{"no attempts", []string{"sweep", "--max-attempts", "0"}, "--max-attempts 0: must be at least 1"},
		{"time scale with endpoint", []string{"sweep", "--time-scale", "1", "--endpoint", "http://127.0.0.1:8787"},
			"--time-scale applies to the built-in emulator only"},
		{"endpoint not http", []string{"sweep", "--endpoint", "ftp://127.0.0.1"}, `endpoint "ftp://127.0.0.1": want an http:// or https:// URL`},
		{"bad cache mode", []string{"sweep", "--cache", "maybe"}, `--cache: cache mode "maybe": want off, rw or replay`},
		{"lesson bad cache mode", []string{"lesson", "--cache", "RW"}, `--cache: cache mode "RW": want off, rw or replay`},
		{"case study bad cache mode", []string{"case-study", "--cache", "on"}, `--cache: cache mode "on": want off, rw or replay`},
		{"cache dir without cache", []string{"sweep", "--cache-dir", dir}, "--cache-dir needs --cache rw or --cache replay"},
		{"replay of a missing folder", []string{"sweep", "--cache", "replay", "--cache-dir", filepath.Join(dir, "none")},
			"--cache-dir: open cache for replay: stat " + filepath.Join(dir, "none") + ": no such file or directory"},
		{"cache folder under a file", []string{"sweep", "--cache", "rw", "--cache-dir", filepath.Join(notDir, "c")},
			"--cache-dir: open cache: mkdir " + notDir + ": not a directory"},
		{"resume takes no value", []string{"sweep", "--resume=maybe"}, `invalid argument "maybe" for "--resume" flag`},
		{"lesson out is a file", []string{"lesson", "--no-history", "--out", filepath.Join(notDir, "sub")},
			"output folder " + filepath.Join(notDir, "sub") + " cannot be created"},
		{"case study answer tokens", []string{"case-study", "--answer-tokens", "0"}, "--answer-tokens 0: must be at least 1"},
		{"allocate answer tokens", []string{"allocate", "--answer-tokens", "0"}, "--answer-tokens 0: must be at least 1"},
		{"sweep extra argument", []string{"sweep", "now"}, `unknown command "now" for "thinkbudget sweep"`},
		{"serve bad time scale", []string{"serve", "--time-scale=-1"}, "--time-scale -1: must be a finite number, 0 or more"},
		{"serve bad address", []string{"serve", "--addr", "8787"}, `--addr "8787": want host:port`},
		{"serve fallback without replay", []string{"serve", "--replay-fallback"}, "--replay-fallback needs --replay DIR"},
		{"serve replay of a missing folder", []string{"serve", "--replay", filepath.Join(dir, "none")},
			"--replay: start replay: open cache for replay: stat " + filepath.Join(dir, "none") + ": no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			args := tt.args
			if tt.args[0] != "serve" && tt.args[0] != "sweeep" && !slices.Contains(args, "--out") {
				args = append(args, "--out", out)
			}
			code, stdout, stderr := runCLI(t, args...)
			if code != exitUsage {
				t.Fatalf("exit %d, want %d\nstderr: %s", code, exitUsage, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout not empty on a usage error: %q", stdout)
			}
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("a usage error left files: %v", entries)
			}
		})
	}
}
