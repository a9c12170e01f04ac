package claudeutils_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// isolateAWSConfig points the AWS configuration chain at nothing, and
// turns off the instance metadata lookup, so the chain never leaves the
// machine.
func isolateAWSConfig(t *testing.T) {
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_EC2_METADATA_DISABLED":              "true",
		"AWS_CONFIG_FILE":                        filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE":            filepath.Join(dir, "credentials"),
		"AWS_PROFILE":                            "",
		"AWS_ACCESS_KEY_ID":                      "",
		"AWS_SECRET_ACCESS_KEY":                  "",
		"AWS_SESSION_TOKEN":                      "",
		"AWS_WEB_IDENTITY_TOKEN_FILE":            "",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI":     "",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "",
		"AWS_REGION":                             "us-west-2",
	} {
		t.Setenv(k, v)
	}
}

func TestClient_CheckCredentials(t *testing.T) {
	isolateAWSConfig(t)
	ctx := context.Background()
	c, err := claudeutils.NewClient(ctx, claudeutils.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckCredentials(ctx); !errors.Is(err, claudeutils.ErrNoCredentials) {
		t.Fatalf("CheckCredentials without credentials = %v, want ErrNoCredentials", err)
	}

	const secret = "fakeSecretValueForTheTest"
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIAFAKEFAKEFAKE0000")
	t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	c, err = claudeutils.NewClient(ctx, claudeutils.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckCredentials(ctx); err != nil {
		if strings.Contains(err.Error(), secret) {
			t.Fatal("the error shows the secret key")
		}
		t.Fatalf("CheckCredentials with keys in the environment = %v", err)
	}
}
