package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sweepColumns reads sweep.json and keeps what a replay must reproduce.
func sweepColumns(t *testing.T, dir string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "sweep.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(b, &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		for k := range r {
			switch k {
			case "label", "answer", "thinking_text", "elapsed_seconds", "input_tokens", "output_tokens",
				"total_tokens", "total_cost_usd", "stop_reason":
			default:
				delete(r, k)
			}
		}
	}
	return rows
}

// startServe runs "thinkbudget serve" with args on a free loopback port
// and returns its URL; the server is interrupted when the test ends.
func startServe(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGINT)
		cmd.Wait()
	})
	urlRE := regexp.MustCompile(`simulated Bedrock at (http://127\.0\.0\.1:\d+)`)
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if m := urlRE.FindStringSubmatch(sc.Text()); m != nil {
			go func() {
				for sc.Scan() {
				}
			}()
			return m[1]
		}
	}
	t.Fatalf("serve printed no URL (%v)", sc.Err())
	return ""
}

// Ensure "serve --replay" answers a sweep with the responses that
// "sweep --cache rw" recorded, and refuses what was not recorded unless
// asked to simulate it.
func TestServeReplay(t *testing.T) {
	bin := buildBinary(t)
	setFakeAWSEnv(t)
	cache := t.TempDir()
	recorded := t.TempDir()
	if code, _, stderr := runCLI(t, "sweep", "--cache", "rw", "--cache-dir", cache, "--out", recorded); code != exitOK {
		t.Fatalf("recording sweep: exit %d\n%s", code, stderr)
	}

	url := startServe(t, bin, "--replay", cache, "--seed", "42")
	replayed := t.TempDir()
	code, _, stderr := runCLI(t, "sweep", "--endpoint", url, "--out", replayed)
	if code != exitOK {
		t.Fatalf("replayed sweep: exit %d\n%s", code, stderr)
	}
	if diff := cmp.Diff(sweepColumns(t, recorded), sweepColumns(t, replayed)); diff != "" {
		t.Errorf("replayed sweep (-recorded +replayed):\n%s", diff)
	}

	code, _, stderr = runCLI(t, "sweep", "--endpoint", url, "--budgets", "3000", "--max-attempts", "1", "--out", t.TempDir())
	want := "ValidationException (HTTP 400): localbedrock replay: no recorded response for this request (key "
	if code != exitFailure || !strings.Contains(stderr, want) {
		t.Errorf("unrecorded budget: exit %d, want %d and %q\nstderr:\n%s", code, exitFailure, want, stderr)
	}

	fallback := startServe(t, bin, "--replay", cache, "--replay-fallback")
	code, _, stderr = runCLI(t, "sweep", "--endpoint", fallback, "--budgets", "3000", "--out", t.TempDir())
	if code != exitOK {
		t.Errorf("unrecorded budget with fallback: exit %d\nstderr:\n%s", code, stderr)
	}
}
