package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/thinkbudget/thinkbudget/backend"
	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/runner"
)

// backendFlags are the flags every experiment command shares: where the
// calls go, and how many run at once.
type backendFlags struct {
	kind        string
	endpoint    string
	region      string
	profile     string
	model       string
	smallModel  string
	seed        int64
	timeScale   float64
	concurrency int
	rps         float64
	maxAttempts int
	out         string
}

func (f *backendFlags) register(cmd *cobra.Command, defaultOut string) {
	fs := cmd.Flags()
	fs.StringVar(&f.kind, "backend", envDefault(backend.EnvBackend, backend.Emulator),
		"where calls go: emulator (built-in, offline, simulated) or bedrock (real, needs AWS credentials)")
	fs.StringVar(&f.endpoint, "endpoint", os.Getenv(backend.EnvEndpoint),
		"base URL of a Bedrock-compatible endpoint to use instead (e.g. a standalone 'thinkbudget serve')")
	fs.StringVar(&f.region, "region", "", "AWS region (default: from the AWS configuration, then "+claudeutils.DefaultRegion+")")
	fs.StringVar(&f.profile, "profile", "", "AWS shared-config profile")
	fs.StringVar(&f.model, "model", envDefault(backend.EnvModel, claudeutils.DefaultModelID), "model that answers")
	fs.StringVar(&f.smallModel, "small-model", envDefault(backend.EnvSmallModel, claudeutils.DefaultSmallModelID),
		"small model that classifies prompts")
	fs.Int64Var(&f.seed, "seed", 1, "emulator seed: the same seed gives the same simulated answers")
	fs.Float64Var(&f.timeScale, "time-scale", 0,
		"emulator only: sleep this fraction of each call's simulated latency (0 answers at once, 1 in real time)")
	fs.IntVar(&f.concurrency, "concurrency", runner.DefaultConcurrency, "calls in flight at once")
	fs.Float64Var(&f.rps, "rps", 0, "cap on calls started per second (0: no cap)")
	fs.IntVar(&f.maxAttempts, "max-attempts", claudeutils.DefaultMaxAttempts,
		"tries per call for throttling, server errors and model timeouts (1: no retries)")
	fs.StringVar(&f.out, "out", defaultOut, "folder for the CSV, JSON, PNG and HTML files")
}

func envDefault(key, def string) string {
	if v := strings.TrimSpace(os.Getenv(key)); v != "" {
		return v
	}
	return def
}

// check validates the flags that need no backend, as usage errors.
func (f *backendFlags) check() error {
	if f.concurrency < 1 {
		return usagef("--concurrency %d: must be at least 1", f.concurrency)
	}
	if f.rps < 0 || !finite(f.rps) {
		return usagef("--rps %v: must be 0 (no cap) or a finite number above it", f.rps)
	}
	if f.timeScale < 0 || !finite(f.timeScale) {
		return usagef("--time-scale %v: must be a finite number, 0 or more", f.timeScale)
	}
	if f.maxAttempts < 1 {
		return usagef("--max-attempts %d: must be at least 1", f.maxAttempts)
	}
	if f.kind != backend.Emulator && f.kind != backend.Bedrock {
		return usagef("--backend %q: want %s or %s", f.kind, backend.Emulator, backend.Bedrock)
	}
	if f.timeScale > 0 && (f.kind != backend.Emulator || f.endpoint != "") {
		return usagef("--time-scale applies to the built-in emulator only, not to --backend %s or --endpoint", f.kind)
	}
	cfg := f.config()
	if err := cfg.Check(); err != nil {
		return usageErr(err)
	}
	return nil
}

func (f *backendFlags) config() backend.Config {
	return backend.Config{
		Kind: f.kind, Endpoint: f.endpoint, Region: f.region, Profile: f.profile,
		ModelID: f.model, SmallModelID: f.smallModel, Seed: f.seed, TimeScale: f.timeScale,
		MaxAttempts: f.maxAttempts,
	}
}

// open starts or connects to the backend and prints what answers.
func (f *backendFlags) open(ctx context.Context, stderr io.Writer) (*backend.Session, error) {
	s, err := backend.Open(ctx, f.config())
	if err != nil {
		return nil, err
	}
	fmt.Fprintln(stderr, "backend:", s.Describe())
	return s, nil
}

// runner returns a Runner for the session with the pool flags.
func (f *backendFlags) runner(s *backend.Session) *runner.Runner {
	return &runner.Runner{Invoker: s.Client, Concurrency: f.concurrency, RPS: f.rps}
}

// prepareOutDir creates dir and proves it writable before any call is
// made, so that no result is computed only to be lost.
func prepareOutDir(dir string) error {
	if dir == "" {
		return usagef("--out must name a folder")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return usagef("output folder %s cannot be created: %v", dir, err)
	}
	probe, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return usagef("output folder %s is not writable: %v", dir, err)
	}
	name := probe.Name()
	probe.Close()
	os.Remove(name)
	return nil
}

// readPrompt returns the prompt from --prompt or --prompt-file, or def
// when neither is given.
func readPrompt(cmd *cobra.Command, text, file, def string) (string, error) {
	fs := cmd.Flags()
	if fs.Changed("prompt") && fs.Changed("prompt-file") {
		return "", usagef("--prompt and --prompt-file conflict: give one")
	}
	prompt := def
	switch {
	case fs.Changed("prompt-file"):
		b, err := os.ReadFile(file)
		if err != nil {
			return "", usagef("read --prompt-file: %v", err)
		}
		prompt = string(b)
	case fs.Changed("prompt"):
		prompt = text
	}
	if strings.TrimSpace(prompt) == "" {
		return "", usageErr(&claudeutils.RuleError{Rule: claudeutils.ErrEmptyPrompt, Field: "prompt", Value: `""`})
	}
	return prompt, nil
}

// checkRequest validates a request the command is about to send, before
// any call, so rule violations are usage errors with the rule named.
func checkRequest(req claudeutils.Request) error {
	_, err := claudeutils.Validate(claudeutils.DefaultRegistry(), req)
	var rule *claudeutils.RuleError
	if errors.As(err, &rule) {
		if errors.Is(err, claudeutils.ErrUnknownModel) {
			return usagef("%v (known models: %s)", err, knownModels())
		}
		return usageErr(err)
	}
	return err
}

func knownModels() string {
	var ids []string
	for _, m := range claudeutils.DefaultRegistry().Models() {
		if m.Lifecycle != claudeutils.EndOfLife {
			ids = append(ids, m.ID)
		}
	}
	return strings.Join(ids, ", ") + "; prefix us., eu., apac., jp., au. or global. for a cross-region profile"
}

// outPath joins the output folder and a file name.
func outPath(dir, name string) string { return filepath.Join(dir, name) }

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
