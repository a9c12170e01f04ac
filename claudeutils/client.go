package claudeutils

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/bedrock"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"
)

// DefaultRegion is the region used when neither Options nor the AWS
// configuration names one.
const DefaultRegion = "us-west-2"

// Retry defaults. Bedrock throttles often under load, and long thinking
// calls can time out on the model side, so the client retries more kinds
// of errors than the SDK's standard retryer and waits longer between tries.
const (
	DefaultMaxAttempts = 5
	DefaultMaxBackoff  = 20 * time.Second
	// DefaultCallTimeout bounds one call with all of its retries. Calls
	// with large budgets can think for minutes.
	DefaultCallTimeout = 15 * time.Minute
)

// Options configures a Client. The zero value talks to Bedrock in the
// region of the standard AWS configuration chain.
type Options struct {
	// Region is the AWS region; empty takes it from the configuration
	// chain, then DefaultRegion.
	Region string
	// Endpoint, when set, sends both clients to this base URL instead of
	// AWS, e.g. "http://127.0.0.1:8787" for the built-in emulator.
	Endpoint string
	// Credentials overrides the configuration chain. With an Endpoint the
	// chain is never read: these credentials sign, or, when nil, fixed
	// placeholder ones, because a local endpoint needs a signature but
	// checks none.
	Credentials aws.CredentialsProvider
	// Profile selects a shared-config profile when loading the chain.
	Profile string
	// Registry supplies model facts and prices; nil means
	// DefaultRegistry().
	Registry *Registry
	// HTTPClient replaces the SDK's HTTP client.
	HTTPClient *http.Client
	// MaxAttempts caps tries per call, the first included; 0 means
	// DefaultMaxAttempts and 1 disables retries.
	MaxAttempts int
	// MaxBackoff caps the jittered wait between tries; 0 means
	// DefaultMaxBackoff.
	MaxBackoff time.Duration
	// CallTimeout bounds one call with its retries; 0 means
	// DefaultCallTimeout, negative means no bound beyond ctx.
	CallTimeout time.Duration
	// Backend names what the client talks to ("bedrock", "emulator" or
	// "endpoint"); it is reported, never interpreted.
	Backend string
	// Simulated marks results as coming from the emulator.
	Simulated bool
}

// Client holds the Bedrock control-plane and runtime clients for one
// region, and the registry used to validate and price calls. It is safe
// for concurrent use.
type Client struct {
	Runtime  *bedrockruntime.Client
	Control  *bedrock.Client
	Registry *Registry
	Region   string
	// Backend and Simulated are copied from Options.
	Backend     string
	Simulated   bool
	callTimeout time.Duration
	credentials aws.CredentialsProvider
}

// ErrNoCredentials is returned by CheckCredentials when the AWS
// configuration chain yields no credentials.
var ErrNoCredentials = errors.New("no AWS credentials found: set AWS_PROFILE (after 'aws sso login' for SSO) " +
	"or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")

// CheckCredentials resolves the client's credentials once, so that a
// missing or expired login is reported before the first model call rather
// than in every one. It never returns or logs the credentials themselves.
func (c *Client) CheckCredentials(ctx context.Context) error {
	if c.credentials == nil {
		return ErrNoCredentials
	}
	if _, err := c.credentials.Retrieve(ctx); err != nil {
		return fmt.Errorf("%w (%v)", ErrNoCredentials, err)
	}
	return nil
}

// NewClient builds both clients. Without an Endpoint it loads the standard
// AWS configuration chain (environment, shared config and SSO profiles,
// instance roles); it does not call AWS.
func NewClient(ctx context.Context, opts Options) (*Client, error) {
	cfg, err := loadConfig(ctx, opts)
	if err != nil {
		return nil, err
	}

	reg := opts.Registry
	if reg == nil {
		reg = DefaultRegistry()
	}
	timeout := opts.CallTimeout
	if timeout == 0 {
		timeout = DefaultCallTimeout
	}
	c := &Client{
		Registry:    reg,
		Region:      cfg.Region,
		Backend:     opts.Backend,
		Simulated:   opts.Simulated,
		callTimeout: timeout,
		credentials: cfg.Credentials,
	}
	c.Runtime = bedrockruntime.NewFromConfig(cfg, func(o *bedrockruntime.Options) {
		if opts.Endpoint != "" {
			o.BaseEndpoint = aws.String(opts.Endpoint)
		}
		o.APIOptions = append(o.APIOptions, countAttempts, markSimulated)
		o.HTTPClient = plainBodyClient{o.HTTPClient}
	})
	c.Control = bedrock.NewFromConfig(cfg, func(o *bedrock.Options) {
		if opts.Endpoint != "" {
			o.BaseEndpoint = aws.String(opts.Endpoint)
		}
		o.HTTPClient = plainBodyClient{o.HTTPClient}
	})
	return c, nil
}

// loadConfig builds the SDK configuration. A client sent to an Endpoint
// does not read the AWS configuration chain at all: an offline run must
// not fail, or sign with real keys, because of the user's AWS profile or
// environment. It signs with opts.Credentials, or with placeholder keys
// that a local endpoint accepts and checks nothing of.
func loadConfig(ctx context.Context, opts Options) (aws.Config, error) {
	maxAttempts := opts.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = DefaultMaxAttempts
	}
	maxBackoff := opts.MaxBackoff
	if maxBackoff <= 0 {
		maxBackoff = DefaultMaxBackoff
	}
	retryer := func() aws.Retryer { return newRetryer(maxAttempts, maxBackoff) }

	if opts.Endpoint != "" {
		creds := opts.Credentials
		if creds == nil {
			creds = credentials.NewStaticCredentialsProvider("LOCALTHINKBUDGET", "local-placeholder-not-a-secret", "")
		}
		cfg := aws.Config{
			Region:      opts.Region,
			Credentials: aws.NewCredentialsCache(creds),
			Retryer:     retryer,
		}
		if opts.HTTPClient != nil {
			cfg.HTTPClient = opts.HTTPClient
		}
		if cfg.Region == "" {
			cfg.Region = DefaultRegion
		}
		return cfg, nil
	}

	loadOpts := []func(*config.LoadOptions) error{config.WithRetryer(retryer)}
	if opts.Region != "" {
		loadOpts = append(loadOpts, config.WithRegion(opts.Region))
	}
	if opts.Profile != "" {
		loadOpts = append(loadOpts, config.WithSharedConfigProfile(opts.Profile))
	}
	if opts.Credentials != nil {
		loadOpts = append(loadOpts, config.WithCredentialsProvider(opts.Credentials))
	}
	if opts.HTTPClient != nil {
		loadOpts = append(loadOpts, config.WithHTTPClient(opts.HTTPClient))
	}
	cfg, err := config.LoadDefaultConfig(ctx, loadOpts...)
	if err != nil {
		return cfg, fmt.Errorf("load AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = DefaultRegion
	}
	return cfg, nil
}

// newRetryer returns the SDK's standard retryer, widened to the Bedrock
// errors that are worth another try, with no client-side retry quota (the
// quota would stop retries exactly when a workshop throttles hardest).
// Validation errors are never retried.
func newRetryer(maxAttempts int, maxBackoff time.Duration) aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = maxAttempts
		o.MaxBackoff = maxBackoff
		o.RateLimiter = ratelimit.None
		o.Retryables = append([]retry.IsErrorRetryable{retry.IsErrorRetryableFunc(retryableBedrockError)},
			o.Retryables...)
	})
}

// retryableBedrockError marks the Bedrock runtime errors that the standard
// retryer leaves alone but that pass with time: a model still loading and
// a model-side timeout. It says nothing about the rest, so the standard
// rules (throttling, 5xx, connection errors) still apply.
func retryableBedrockError(err error) aws.Ternary {
	var notReady *types.ModelNotReadyException
	var timeout *types.ModelTimeoutException
	var validation *types.ValidationException
	switch {
	case asError(err, &validation):
		return aws.FalseTernary
	case asError(err, &notReady), asError(err, &timeout):
		return aws.TrueTernary
	}
	return aws.UnknownTernary
}
