// Package backend opens the model backend an experiment runs on: the
// built-in emulator (the default, started in-process on 127.0.0.1 with a
// free port), real Amazon Bedrock through the standard AWS configuration
// chain, or any Bedrock-compatible endpoint. Every backend is reached
// through the same SDK clients, so offline runs exercise the code path
// that real runs use.
package backend

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/localbedrock"
)

// The backend kinds.
const (
	Emulator = "emulator"
	Bedrock  = "bedrock"
)

// Environment variables read by FromEnv.
const (
	EnvBackend    = "THINKBUDGET_BACKEND"
	EnvEndpoint   = "THINKBUDGET_ENDPOINT"
	EnvModel      = "THINKBUDGET_MODEL"
	EnvSmallModel = "THINKBUDGET_SMALL_MODEL"
	EnvSeed       = "THINKBUDGET_SEED"
	EnvTimeScale  = "THINKBUDGET_TIME_SCALE"
	EnvRegion     = "AWS_REGION"
)

// Config chooses a backend and the models used on it.
type Config struct {
	// Kind is Emulator or Bedrock; empty means Emulator.
	Kind string
	// Endpoint, when set, replaces both the in-process emulator and AWS
	// with a Bedrock-compatible server at this URL.
	Endpoint string
	Region   string
	Profile  string
	// ModelID answers; SmallModelID classifies.
	ModelID      string
	SmallModelID string
	// Seed and TimeScale configure the in-process emulator: the same seed
	// gives the same answers, and a time scale above 0 makes calls take
	// that fraction of their simulated latency.
	Seed      int64
	TimeScale float64
	// Faults configures fault injection in the in-process emulator.
	Faults localbedrock.Faults
	// Client options passed through (retries, timeouts).
	MaxAttempts int
}

// FromEnv returns the Config named by THINKBUDGET_BACKEND,
// THINKBUDGET_ENDPOINT, THINKBUDGET_MODEL, THINKBUDGET_SMALL_MODEL,
// THINKBUDGET_SEED, THINKBUDGET_TIME_SCALE and AWS_REGION, with defaults
// for what is unset.
func FromEnv() (Config, error) {
	cfg := Config{
		Kind:         envOr(EnvBackend, Emulator),
		Endpoint:     os.Getenv(EnvEndpoint),
		Region:       os.Getenv(EnvRegion),
		ModelID:      envOr(EnvModel, claudeutils.DefaultModelID),
		SmallModelID: envOr(EnvSmallModel, claudeutils.DefaultSmallModelID),
		Seed:         1,
	}
	if s := os.Getenv(EnvSeed); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return cfg, fmt.Errorf("%s=%q is not a whole number", EnvSeed, s)
		}
		cfg.Seed = n
	}
	if s := os.Getenv(EnvTimeScale); s != "" {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f < 0 {
			return cfg, fmt.Errorf("%s=%q is not a number >= 0", EnvTimeScale, s)
		}
		cfg.TimeScale = f
	}
	return cfg, cfg.Check()
}

// Check reports a Config that cannot be opened.
func (c Config) Check() error {
	switch c.Kind {
	case "", Emulator, Bedrock:
	default:
		return fmt.Errorf("backend %q: want %s or %s", c.Kind, Emulator, Bedrock)
	}
	if c.Endpoint != "" {
		if err := checkEndpoint(c.Endpoint); err != nil {
			return err
		}
	}
	if c.TimeScale < 0 || math.IsNaN(c.TimeScale) || math.IsInf(c.TimeScale, 0) {
		return fmt.Errorf("time scale %v: must be a finite number >= 0", c.TimeScale)
	}
	return nil
}

// checkEndpoint accepts an http or https URL with a host and no user
// information: requests are signed with AWS credentials, and a password in
// the URL would end up in logs, journals and reports.
func checkEndpoint(endpoint string) error {
	u, err := url.Parse(endpoint)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https"):
		return fmt.Errorf("endpoint %q: want an http:// or https:// URL", endpoint)
	case u.Host == "":
		return fmt.Errorf("endpoint %q: the URL names no host", endpoint)
	case u.User != nil:
		return fmt.Errorf("endpoint URL must not carry a user or password; requests are signed with AWS credentials instead")
	}
	return nil
}

func envOr(key, def string) string {
	if v := strings.TrimSpace(os.Getenv(key)); v != "" {
		return v
	}
	return def
}

// Session is an open backend: a client and, for the in-process emulator,
// the server behind it.
type Session struct {
	Config Config
	Client *claudeutils.Client
	// Emulator is the in-process emulator, nil for other backends.
	Emulator *localbedrock.Running
}

// Open starts or connects to the backend of cfg. Close the Session when
// done.
func Open(ctx context.Context, cfg Config) (*Session, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if cfg.Kind == "" {
		cfg.Kind = Emulator
	}
	if cfg.ModelID == "" {
		cfg.ModelID = claudeutils.DefaultModelID
	}
	if cfg.SmallModelID == "" {
		cfg.SmallModelID = claudeutils.DefaultSmallModelID
	}
	s := &Session{Config: cfg}
	opts := claudeutils.Options{Region: cfg.Region, Profile: cfg.Profile, MaxAttempts: cfg.MaxAttempts}

	switch {
	case cfg.Endpoint != "":
		opts.Endpoint = cfg.Endpoint
		opts.Backend = "endpoint " + cfg.Endpoint
	case cfg.Kind == Emulator:
		run, err := localbedrock.Start("", localbedrock.Options{
			Seed: cfg.Seed, TimeScale: cfg.TimeScale, Faults: cfg.Faults,
		})
		if err != nil {
			return nil, fmt.Errorf("start emulator: %w", err)
		}
		s.Emulator = run
		opts.Endpoint = run.URL()
		opts.Backend = Emulator
		opts.Simulated = true
		if opts.Region == "" {
			opts.Region = claudeutils.DefaultRegion
		}
	default:
		opts.Backend = Bedrock
	}

	c, err := claudeutils.NewClient(ctx, opts)
	if err != nil {
		s.Close()
		return nil, err
	}
	if opts.Endpoint == "" {
		// Real Bedrock: fail now, once, rather than in every call.
		if err := c.CheckCredentials(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	s.Client = c
	return s, nil
}

// Simulated reports whether answers come from the in-process emulator.
// A remote endpoint may be an emulator too, but it is not assumed to be.
func (s *Session) Simulated() bool { return s.Emulator != nil }

// Describe says in one line what answers: backend, region and models,
// and whether the numbers are simulated.
func (s *Session) Describe() string {
	switch {
	case s.Emulator != nil:
		return fmt.Sprintf("built-in emulator at %s (simulated Claude, seed %d; not Bedrock measurements); model %s, small model %s",
			s.Emulator.URL(), s.Config.Seed, s.Config.ModelID, s.Config.SmallModelID)
	case s.Config.Endpoint != "":
		return fmt.Sprintf("Bedrock-compatible endpoint %s; model %s, small model %s",
			s.Config.Endpoint, s.Config.ModelID, s.Config.SmallModelID)
	}
	return fmt.Sprintf("Amazon Bedrock in %s; model %s, small model %s", s.Client.Region, s.Config.ModelID, s.Config.SmallModelID)
}

// Close stops the in-process emulator, if any.
func (s *Session) Close() error {
	if s.Emulator != nil {
		return s.Emulator.Close()
	}
	return nil
}
